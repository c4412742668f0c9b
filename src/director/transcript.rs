//! The record of a director's attempts: what was asked, what came back, what was wrong.

use serde::{Deserialize, Serialize};

use crate::check::Diagnostic;

/// How one director attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The reply passed the schema and the checker.
    Valid,
    /// The reply had errors; the diagnostics were sent back for a repair.
    Invalid,
    /// The reply passed the schema and the checker but not the prompt's fidelity
    /// predicates; the findings were sent back for a repair (or, at the last attempt, kept as
    /// warnings).
    Unfaithful,
    /// The reply stopped at the token limit (`finish_reason: "length"`).
    Length,
    /// The model refused to answer.
    Refusal,
    /// The server rejected the output mode (HTTP 400/422 naming `response_format`).
    ModeRejected,
    /// The request failed in transport or with an HTTP error.
    Failed,
}

impl Outcome {
    /// The outcome's name as serialized ("valid", "invalid", "length", …).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Valid => "valid",
            Outcome::Invalid => "invalid",
            Outcome::Unfaithful => "unfaithful",
            Outcome::Length => "length",
            Outcome::Refusal => "refusal",
            Outcome::ModeRejected => "mode_rejected",
            Outcome::Failed => "failed",
        }
    }
}

/// One attempt: one logical chat-completions call (its HTTP retries counted inside).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    /// 1-based attempt number.
    pub number: u32,
    /// Output mode of the request ("json_schema", "json_object", "text").
    pub mode: String,
    /// HTTP requests sent for this attempt, retries included.
    pub http_attempts: u32,
    /// `max_tokens` sent with the request.
    pub max_tokens: u32,
    /// The reply text, when one came back.
    pub reply: Option<String>,
    /// The reply's `finish_reason`, verbatim, when one came back.
    pub finish_reason: Option<String>,
    /// What was wrong with the reply (sent back in the next repair request).
    pub diagnostics: Vec<Diagnostic>,
    /// How the attempt ended.
    pub outcome: Outcome,
    /// A note for people: the transport error, the mode fallback, the refusal text.
    pub note: Option<String>,
    /// Prompt tokens the server reported.
    pub prompt_tokens: u64,
    /// Completion tokens the server reported.
    pub completion_tokens: u64,
    /// Wall time of the attempt in milliseconds.
    pub elapsed_ms: f64,
}

/// Every attempt of one director call, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    /// The attempts in order.
    pub attempts: Vec<Attempt>,
}

impl Transcript {
    /// HTTP requests sent over all attempts.
    pub fn http_attempts(&self) -> u32 {
        self.attempts.iter().map(|a| a.http_attempts).sum()
    }

    /// Prompt tokens over all attempts.
    pub fn prompt_tokens(&self) -> u64 {
        self.attempts.iter().map(|a| a.prompt_tokens).sum()
    }

    /// Completion tokens over all attempts.
    pub fn completion_tokens(&self) -> u64 {
        self.attempts.iter().map(|a| a.completion_tokens).sum()
    }
}
