//! What an emitter produces: a JSON document, a text document, or several named files.

use serde::Serialize;

/// What an emitter produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Payload {
    /// A JSON document (request body, settings file).
    Json(serde_json::Value),
    /// A text document (schedule text).
    Text(String),
    /// Several named files (one pose file per clip plus a manifest).
    Files(Vec<PayloadFile>),
}

/// One named file of a multi-file payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayloadFile {
    /// File name, no directories, e.g. "clip_01_s1.txt".
    pub name: String,
    /// The file's content.
    pub content: FileContent,
}

/// The content of one payload file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FileContent {
    /// A JSON document.
    Json(serde_json::Value),
    /// Text.
    Text(String),
}

impl FileContent {
    /// The content as it is written to disk (JSON pretty-printed, with a final newline).
    pub fn render(&self) -> String {
        match self {
            FileContent::Json(v) => format!("{v:#}\n"),
            FileContent::Text(t) if t.ends_with('\n') => t.clone(),
            FileContent::Text(t) => format!("{t}\n"),
        }
    }
}

impl Payload {
    /// The payload as files named after `stem` (single documents get `stem.json` /
    /// `stem.txt`; multi-file payloads keep their names).
    pub fn files(&self, stem: &str) -> Vec<PayloadFile> {
        match self {
            Payload::Json(v) => vec![PayloadFile {
                name: format!("{stem}.json"),
                content: FileContent::Json(v.clone()),
            }],
            Payload::Text(t) => vec![PayloadFile {
                name: format!("{stem}.txt"),
                content: FileContent::Text(t.clone()),
            }],
            Payload::Files(files) => files.clone(),
        }
    }

    /// The payload as one document for standard output: JSON pretty-printed, text as is,
    /// several files each under a `==> name <==` header.
    pub fn render(&self) -> String {
        match self {
            Payload::Json(v) => format!("{v:#}\n"),
            Payload::Text(t) => FileContent::Text(t.clone()).render(),
            Payload::Files(files) => files
                .iter()
                .map(|f| format!("==> {} <==\n{}", f.name, f.content.render()))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}
