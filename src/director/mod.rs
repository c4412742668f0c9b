//! Front ends that turn a prompt into a storyboard, behind one [`Director`] trait.

pub mod cache;
mod error;
pub mod fallback;
pub mod heuristic;
#[cfg(feature = "llm")]
pub mod llm;
#[cfg(feature = "llm")]
pub mod record;
#[cfg(feature = "llm")]
pub mod replay;
pub mod transcript;

pub use cache::CachedDirector;
pub use error::DirectorError;
pub use fallback::FallbackDirector;
pub use heuristic::Heuristic;
#[cfg(feature = "llm")]
pub use llm::{LlmDirector, LlmSettings, OutputMode};
#[cfg(feature = "llm")]
pub use replay::ReplayDirector;
pub use transcript::Transcript;

use async_trait::async_trait;

use crate::check::Diagnostic;
use crate::ir::{Meta, Storyboard};

/// What a director is asked to decompose.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The user's spatio-temporal prompt.
    pub prompt: String,
    /// A total duration in seconds imposed by the caller, overriding what the prompt says.
    pub duration_s: Option<f64>,
}

impl Request {
    /// A request for `prompt` with no imposed duration.
    pub fn new(prompt: impl Into<String>) -> Self {
        Self {
            prompt: prompt.into(),
            duration_s: None,
        }
    }
}

/// A director's answer: the storyboard, how it was made, and what the checker still says.
#[derive(Debug, Clone, PartialEq)]
pub struct Directed {
    /// The storyboard, schema-valid, with deterministic fixes applied.
    pub storyboard: Storyboard,
    /// Which director ran and what it cost.
    pub meta: Meta,
    /// Warnings and applied fixes left on the storyboard (never errors).
    pub diagnostics: Vec<Diagnostic>,
}

/// A front end that decomposes a prompt into a storyboard.
#[async_trait]
pub trait Director: Send + Sync {
    /// Short name recorded in the output metadata ("heuristic", "llm", "replay").
    fn name(&self) -> &'static str;

    /// Everything besides the request that decides this director's answer (model, prompt
    /// version, options). The response cache keys on it; `None` (the default) means the
    /// answers are not cached.
    fn cache_identity(&self) -> Option<String> {
        None
    }

    /// Decomposes `request.prompt` into a storyboard that passes the schema and the checker.
    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError>;
}
