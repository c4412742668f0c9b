//! Cassettes: every exchange of one director call (request and response bodies, never
//! headers, so never the API key or the Authorization header), written with `--record DIR`
//! and replayed offline by the replay director.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::llm::repair::Engine;
use super::llm::transport::{Failure, Sent, Transport};
use super::{DirectorError, Request};
use crate::schema;

/// Cassette file format version.
pub const CASSETTE_FORMAT: u32 = 1;

/// One request and the response it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// The request body as sent.
    pub request: Value,
    /// HTTP status; 0 when no response came back (transport failure).
    pub status: u16,
    /// The response body: JSON when it parsed, else the text (or the transport error).
    pub response: Value,
}

/// Every exchange of one director call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cassette {
    /// [`CASSETTE_FORMAT`].
    pub format: u32,
    /// The prompt directed.
    pub prompt: String,
    /// The imposed duration, if any.
    pub duration_s: Option<f64>,
    /// Model name sent.
    pub model: String,
    /// Prompt template version.
    pub prompt_version: String,
    /// Wire schema hash.
    pub schema_hash: String,
    /// The exchanges in order.
    pub exchanges: Vec<Exchange>,
}

impl Cassette {
    /// Reads the cassette for `request` from `dir`.
    pub fn load(dir: &Path, request: &Request) -> Result<Self, DirectorError> {
        let path = dir.join(file_name(request));
        let text = std::fs::read_to_string(&path).map_err(|e| DirectorError::Replay {
            message: format!(
                "no cassette for this prompt at {} ({e}); record one with --record {}",
                path.display(),
                dir.display()
            ),
        })?;
        let cassette: Cassette =
            serde_json::from_str(&text).map_err(|e| DirectorError::Replay {
                message: format!("{} is not a cassette: {e}", path.display()),
            })?;
        if cassette.format != CASSETTE_FORMAT {
            return Err(DirectorError::Replay {
                message: format!(
                    "{} has cassette format {}, this scenec reads {CASSETTE_FORMAT}; re-record it",
                    path.display(),
                    cassette.format
                ),
            });
        }
        Ok(cassette)
    }
}

/// The cassette file name of a request: a readable slug of the prompt and a hash of the
/// prompt and duration, so the same request always maps to the same file.
pub fn file_name(request: &Request) -> String {
    let slug: String = request
        .prompt
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let mut hasher = blake3::Hasher::new();
    hasher.update(request.prompt.as_bytes());
    hasher.update(format!("{:?}", request.duration_s).as_bytes());
    format!("{slug}-{}.json", &hasher.finalize().to_hex()[..12])
}

/// Writes cassettes into a folder.
#[derive(Debug, Clone)]
pub struct Recorder {
    dir: PathBuf,
}

impl Recorder {
    /// A recorder writing into `dir` (created when missing).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Writes the cassette of one call.
    pub(crate) fn write(
        &self,
        engine: &Engine,
        request: &Request,
        exchanges: Vec<Exchange>,
    ) -> Result<PathBuf, DirectorError> {
        let io = |path: &Path, source| DirectorError::Io {
            path: path.to_owned(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| io(&self.dir, e))?;
        let cassette = Cassette {
            format: CASSETTE_FORMAT,
            prompt: request.prompt.clone(),
            duration_s: request.duration_s,
            model: engine.settings.model.clone(),
            prompt_version: engine.prompts.version().to_owned(),
            schema_hash: schema::wire_schema_hash(),
            exchanges,
        };
        let path = self.dir.join(file_name(request));
        let text = serde_json::to_string_pretty(&cassette).unwrap_or_default();
        std::fs::write(&path, text + "\n").map_err(|e| io(&path, e))?;
        Ok(path)
    }
}

/// A transport that passes calls through and keeps each final exchange.
pub(crate) struct RecordingTransport<'a> {
    inner: &'a dyn Transport,
    exchanges: Mutex<Vec<Exchange>>,
}

impl<'a> RecordingTransport<'a> {
    pub(crate) fn new(inner: &'a dyn Transport) -> Self {
        Self {
            inner,
            exchanges: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn into_exchanges(self) -> Vec<Exchange> {
        self.exchanges.into_inner().unwrap_or_default()
    }
}

#[async_trait]
impl Transport for RecordingTransport<'_> {
    async fn send(&self, body: &Value) -> Result<Sent, Failure> {
        let result = self.inner.send(body).await;
        let (status, response) = match &result {
            Ok(sent) => (sent.wire.status, body_value(&sent.wire.body)),
            Err(failure) => match &failure.wire {
                Some(wire) => (wire.status, body_value(&wire.body)),
                None => (0, Value::String(failure.message.clone())),
            },
        };
        if let Ok(mut exchanges) = self.exchanges.lock() {
            exchanges.push(Exchange {
                request: body.clone(),
                status,
                response,
            });
        }
        result
    }
}

fn body_value(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|_| Value::String(body.to_owned()))
}

/// The body text a recorded response stands for.
pub(crate) fn body_text(response: &Value) -> String {
    match response {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
