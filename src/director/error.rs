//! Errors a director returns. Every variant that follows a model call keeps the transcript,
//! so nothing the model produced is lost.

use std::path::PathBuf;

use thiserror::Error;

use super::transcript::Transcript;
use crate::check::Diagnostic;

/// Why a director produced no storyboard.
#[derive(Debug, Error)]
pub enum DirectorError {
    /// The prompt is empty or only white space.
    #[error(
        "the prompt is empty; describe the scene to direct, e.g. \"a panda walks from left to right\""
    )]
    EmptyPrompt,

    /// The prompt is longer than [`super::MAX_PROMPT_CHARS`].
    #[error(
        "the prompt is {chars} characters long, over the limit of {max}; shorten it or split it into several prompts"
    )]
    PromptTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },

    /// The director's settings are unusable (bad URL, missing key variable, bad number).
    #[error("invalid director settings: {message}")]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },

    /// The prompt templates could not be read or rendered.
    #[error("prompt templates: {message}")]
    Prompts {
        /// Which template and what went wrong.
        message: String,
    },

    /// Every attempt produced a storyboard with errors; the last one and all diagnostics are
    /// kept.
    #[error(
        "the model gave no valid storyboard in {attempts} attempt(s); last errors: {}",
        summarize(.diagnostics)
    )]
    AttemptsExhausted {
        /// Attempts made.
        attempts: u32,
        /// The last reply parsed as JSON, when it parsed at all.
        last_storyboard: Option<Box<serde_json::Value>>,
        /// The diagnostics of the last attempt.
        diagnostics: Vec<Diagnostic>,
        /// Every attempt and its diagnostics.
        transcript: Box<Transcript>,
    },

    /// With `--strict-fidelity`: every attempt's storyboard passed the schema and the checker
    /// but the last one still misses what the prompt says (fidelity codes `F…`).
    #[error(
        "the storyboard still misses what the prompt says after {attempts} attempt(s): {}",
        summarize(.diagnostics)
    )]
    Unfaithful {
        /// Attempts made.
        attempts: u32,
        /// The valid storyboard that missed the least.
        storyboard: Box<crate::ir::Storyboard>,
        /// The fidelity findings on it, as errors.
        diagnostics: Vec<Diagnostic>,
        /// Every attempt and its diagnostics.
        transcript: Box<Transcript>,
    },

    /// The reply stopped at the token limit even after a retry with more tokens.
    #[error(
        "the model's reply was cut at the token limit ({max_tokens} tokens) twice; raise --max-tokens or shorten the prompt"
    )]
    Length {
        /// The last `max_tokens` sent.
        max_tokens: u32,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The model refused to answer.
    #[error("the model refused to answer: {message}")]
    Refusal {
        /// The refusal text or the content-filter note.
        message: String,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The server kept answering with an HTTP error (after bounded retries for 429/5xx).
    #[error(
        "the server at {host} answered HTTP {status} after {http_attempts} request(s): {message}"
    )]
    Http {
        /// Endpoint host.
        host: String,
        /// Last HTTP status.
        status: u16,
        /// The server's error message.
        message: String,
        /// HTTP requests sent for the failing call.
        http_attempts: u32,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The server could not be reached or stopped answering (after bounded retries).
    #[error(
        "cannot reach the LLM server at {host} after {http_attempts} request(s): {message}; check --base-url and that the server runs"
    )]
    Transport {
        /// Endpoint host.
        host: String,
        /// The last transport error.
        message: String,
        /// HTTP requests sent for the failing call.
        http_attempts: u32,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The server kept answering with a body that is not a chat completion.
    #[error(
        "the server at {host} sent a malformed reply after {http_attempts} request(s): {message}"
    )]
    MalformedResponse {
        /// Endpoint host.
        host: String,
        /// What was wrong with the body, with an excerpt.
        message: String,
        /// HTTP requests sent for the failing call.
        http_attempts: u32,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The server sent a body longer than the size limit (code `transport`, like the other
    /// faults of the connection).
    #[error(
        "the server at {host} sent a reply longer than the limit of {limit} bytes (after {http_attempts} request(s)); reading stopped there. Raise --max-response-bytes if such replies are expected"
    )]
    ResponseTooLarge {
        /// Endpoint host.
        host: String,
        /// The limit in bytes.
        limit: u64,
        /// HTTP requests sent for the failing call.
        http_attempts: u32,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// The server rejected every output mode that was tried.
    #[error("the server rejected every output mode tried ({}): {message}", .tried.join(", "))]
    ModeUnsupported {
        /// The modes tried, in order.
        tried: Vec<String>,
        /// The server's last message.
        message: String,
        /// Every attempt.
        transcript: Box<Transcript>,
    },

    /// A recorded cassette is missing, unreadable or too short for this request.
    #[error("replay: {message}")]
    Replay {
        /// Which cassette and what is wrong.
        message: String,
    },

    /// A cassette or cache file could not be written or read.
    #[error("cannot access {}: {source}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

fn summarize(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .take(3)
        .map(|d| {
            let path = if d.path.is_empty() { "/" } else { &d.path };
            format!("{} at {path}: {}", d.code, d.message)
        })
        .collect();
    if errors.is_empty() {
        "none recorded".to_owned()
    } else {
        errors.join("; ")
    }
}

impl DirectorError {
    /// A stable machine-readable code for this error, used in batch output lines.
    pub fn code(&self) -> &'static str {
        match self {
            DirectorError::EmptyPrompt => "empty_prompt",
            DirectorError::PromptTooLong { .. } => "prompt_too_long",
            DirectorError::Config { .. } => "director_config",
            DirectorError::Prompts { .. } => "prompt_templates",
            DirectorError::AttemptsExhausted { .. } => "attempts_exhausted",
            DirectorError::Unfaithful { .. } => "unfaithful",
            DirectorError::Length { .. } => "length",
            DirectorError::Refusal { .. } => "refusal",
            DirectorError::Http { .. } => "http_status",
            DirectorError::Transport { .. } | DirectorError::ResponseTooLarge { .. } => "transport",
            DirectorError::MalformedResponse { .. } => "malformed_response",
            DirectorError::ModeUnsupported { .. } => "mode_unsupported",
            DirectorError::Replay { .. } => "replay",
            DirectorError::Io { .. } => "io",
        }
    }

    /// The transcript of the model calls, when the error followed any.
    pub fn transcript(&self) -> Option<&Transcript> {
        match self {
            DirectorError::AttemptsExhausted { transcript, .. }
            | DirectorError::Unfaithful { transcript, .. }
            | DirectorError::Length { transcript, .. }
            | DirectorError::Refusal { transcript, .. }
            | DirectorError::Http { transcript, .. }
            | DirectorError::Transport { transcript, .. }
            | DirectorError::MalformedResponse { transcript, .. }
            | DirectorError::ResponseTooLarge { transcript, .. }
            | DirectorError::ModeUnsupported { transcript, .. } => Some(transcript),
            _ => None,
        }
    }
}
