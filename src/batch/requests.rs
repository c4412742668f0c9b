//! Batch API requests files, as the OpenAI Batch API and vLLM's `run-batch` read them: one
//! `{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}` line per prompt,
//! the body exactly the first request the LLM director sends for it.
//!
//! The `custom_id` is the input's id: a string as it is, a number in its JSON spelling (`7`
//! becomes `"7"`, so `7` and `"7"` in one input are the same id). The Batch API needs every
//! `custom_id` of a file to be unique, so a repeated id is rejected, never sent twice.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::{BatchError, items};
use crate::director::{DirectorError, LlmDirector, Request, checked_prompt};

/// The relative URL of every request line (vLLM's `run-batch` accepts exactly this one for
/// chat completions).
pub const CHAT_COMPLETIONS_URL: &str = "/v1/chat/completions";

/// One line of a requests file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestLine {
    /// The input's id as a string; results carry it back.
    pub custom_id: String,
    /// Always "POST".
    pub method: String,
    /// Always [`CHAT_COMPLETIONS_URL`].
    pub url: String,
    /// The chat-completions request body.
    pub body: Value,
}

impl RequestLine {
    /// A chat-completions request line.
    pub fn new(custom_id: impl Into<String>, body: Value) -> Self {
        Self {
            custom_id: custom_id.into(),
            method: "POST".into(),
            url: CHAT_COMPLETIONS_URL.into(),
            body,
        }
    }
}

/// The `custom_id` of an input id: a string as it is, a number in its JSON spelling; `None`
/// for any other JSON value.
pub fn custom_id(id: &Value) -> Option<String> {
    match id {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An input line that became no request.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// Its 1-based line number.
    pub line: usize,
    /// Its id, when it has one.
    pub id: Value,
    /// Why it was rejected.
    pub error: BatchError,
}

/// The requests built from an input file, and the lines that became none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Emitted {
    /// One request per accepted line, in input order.
    pub requests: Vec<RequestLine>,
    /// The rejected lines, in input order.
    pub rejected: Vec<Rejected>,
}

/// Builds one request line per non-blank line of `input` (`{"id", "prompt"}` objects) with
/// `director`'s first request body, `duration_s` imposed on every prompt when given. Lines
/// that are not JSON objects, lack an id or a prompt, have a blank prompt or repeat an id
/// are rejected (and reported); only a template error stops the whole file.
pub fn emit(
    director: &LlmDirector,
    input: impl AsRef<[u8]>,
    duration_s: Option<f64>,
) -> Result<Emitted, DirectorError> {
    let mut emitted = Emitted::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in items(input) {
        let (number, id) = (item.number, item.id);
        match accepted(number, &id, item.prompt, &mut seen) {
            Ok((cid, prompt)) => {
                let body = director.request_body(&Request { prompt, duration_s })?;
                emitted.requests.push(RequestLine::new(cid, body));
            }
            Err(error) => emitted.rejected.push(Rejected {
                line: number,
                id,
                error,
            }),
        }
    }
    Ok(emitted)
}

/// The custom_id and prompt of input line `number`, or why it becomes no request: it could
/// not be read (`prompt` says why), its prompt is blank, or its custom_id is in `seen` (which
/// records the line of each custom_id accepted).
pub(crate) fn accepted(
    number: usize,
    id: &Value,
    prompt: Result<String, BatchError>,
    seen: &mut HashMap<String, usize>,
) -> Result<(String, String), BatchError> {
    let prompt = prompt?;
    if let Err(e) = checked_prompt(&prompt) {
        return Err(BatchError {
            code: e.code().into(),
            message: format!("line {number}: {e}"),
        });
    }
    let cid = custom_id(id).ok_or_else(|| BatchError {
        code: "invalid_id".into(),
        message: format!("line {number}: \"id\" must be a string or a number"),
    })?;
    if let Some(first) = seen.get(&cid) {
        return Err(BatchError {
            code: "duplicate_id".into(),
            message: format!(
                "line {number}: id {cid:?} was already used on line {first}; the Batch API needs a unique custom_id per request (7 and \"7\" are the same id)"
            ),
        });
    }
    seen.insert(cid.clone(), number);
    Ok((cid, prompt))
}

/// Why a requests file cannot be used.
#[derive(Debug, Error, PartialEq)]
pub enum RequestsFileError {
    /// A line is not a request line.
    #[error(
        "line {line} is not a Batch API request line ({message}); give the file `scenec batch --emit-requests` wrote"
    )]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A custom_id appears twice.
    #[error(
        "line {line} repeats custom_id {custom_id:?} of line {first}; every request of a file needs its own"
    )]
    Duplicate {
        /// The repeated id.
        custom_id: String,
        /// 1-based line number of the repeat.
        line: usize,
        /// 1-based line number of the first use.
        first: usize,
    },
}

/// Reads a requests file: its request lines in order (blank lines skipped).
pub fn parse_requests(text: &str) -> Result<Vec<RequestLine>, RequestsFileError> {
    let mut lines: Vec<RequestLine> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let request: RequestLine =
            serde_json::from_str(line).map_err(|e| RequestsFileError::BadLine {
                line: number,
                message: e.to_string(),
            })?;
        if let Some(first) = seen.insert(request.custom_id.clone(), number) {
            return Err(RequestsFileError::Duplicate {
                custom_id: request.custom_id,
                line: number,
                first,
            });
        }
        lines.push(request);
    }
    Ok(lines)
}

/// `items` as JSON Lines: one compact JSON value a line, each line ending in a newline.
pub fn to_jsonl<T: Serialize>(items: &[T]) -> Result<String, serde_json::Error> {
    let mut text = String::new();
    for item in items {
        text.push_str(&serde_json::to_string(item)?);
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::director::LlmSettings;

    fn director() -> LlmDirector {
        LlmDirector::new(LlmSettings::new("http://127.0.0.1:1/v1")).unwrap()
    }

    #[test]
    fn numbers_and_strings_become_custom_ids_and_nothing_else_does() {
        assert_eq!(custom_id(&Value::from("a")), Some("a".into()));
        assert_eq!(custom_id(&Value::from(7)), Some("7".into()));
        assert_eq!(custom_id(&Value::from(1.5)), Some("1.5".into()));
        assert_eq!(custom_id(&Value::Null), None);
    }

    #[test]
    fn every_bad_line_is_rejected_with_its_reason_and_the_rest_become_requests() {
        let input = "{\"id\": 7, \"prompt\": \"a cat\"}\n\nnot json\n{\"id\": \"7\", \"prompt\": \"a dog\"}\n{\"id\": \"e\", \"prompt\": \"  \"}\n{\"prompt\": \"no id\"}\n{\"id\": \"ok\", \"prompt\": \"a fox\"}\n";
        let emitted = emit(&director(), input, None).unwrap();
        let ids: Vec<_> = emitted
            .requests
            .iter()
            .map(|r| r.custom_id.as_str())
            .collect();
        assert_eq!(ids, ["7", "ok"]);
        let rejected: Vec<_> = emitted
            .rejected
            .iter()
            .map(|r| (r.line, r.error.code.as_str()))
            .collect();
        assert_eq!(
            rejected,
            [
                (3, "invalid_json"),
                (4, "duplicate_id"),
                (5, "empty_prompt"),
                (6, "missing_id")
            ]
        );
        assert!(emitted.rejected[1].error.message.contains("line 1"));
    }

    #[test]
    fn a_requests_file_reads_back_and_repeated_ids_are_refused() {
        let emitted = emit(&director(), "{\"id\": 1, \"prompt\": \"a cat\"}", None).unwrap();
        let text = to_jsonl(&emitted.requests).unwrap();
        assert_eq!(parse_requests(&text), Ok(emitted.requests.clone()));
        let twice = format!("{text}{text}");
        assert!(matches!(
            parse_requests(&twice),
            Err(RequestsFileError::Duplicate {
                line: 2,
                first: 1,
                ..
            })
        ));
        assert!(matches!(
            parse_requests("{\"custom_id\": 1}"),
            Err(RequestsFileError::BadLine { line: 1, .. })
        ));
    }
}
