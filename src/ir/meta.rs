//! Metadata recorded with every compile: which director ran and what it cost.

use serde::{Deserialize, Serialize};

use super::Predicate;

/// What produced a storyboard and at what cost. Never holds an API key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Director that produced the storyboard: "heuristic", "llm" or "replay".
    pub director: String,
    /// Model name, when an LLM was asked.
    pub model: Option<String>,
    /// Host of the endpoint, when an LLM was asked (never the key).
    pub endpoint_host: Option<String>,
    /// Version of the prompt templates or of the heuristic rules.
    pub prompt_version: Option<String>,
    /// Hash of the wire schema sent to the model.
    pub schema_hash: Option<String>,
    /// Number of director attempts (1 when the first answer passed).
    pub attempts: u32,
    /// Prompt tokens spent over all attempts.
    pub prompt_tokens: u64,
    /// Completion tokens spent over all attempts.
    pub completion_tokens: u64,
    /// Wall time of the director in milliseconds.
    pub elapsed_ms: f64,
    /// Whether the answer came from the response cache.
    pub cached: bool,
    /// Output mode the LLM answered in ("json_schema", "json_object", "text").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_mode: Option<String>,
    /// HTTP requests sent, retries included.
    #[serde(default)]
    pub http_attempts: u32,
    /// What people should know about how the answer came about: mode fallbacks, length
    /// retries, a director fallback.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What the prompt analysis says the storyboard must show (the fidelity predicates):
    /// every director records them; the LLM and replay directors' answers were checked
    /// against them. Empty with the gate off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predicates: Vec<Predicate>,
}
