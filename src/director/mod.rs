//! Front ends that turn a prompt into a storyboard, behind one [`Director`] trait.

pub mod cache;
#[cfg(feature = "llm")]
pub mod choice;
mod error;
pub mod fallback;
pub mod fidelity;
pub mod heuristic;
#[cfg(feature = "llm")]
pub mod llm;
#[cfg(feature = "llm")]
pub mod record;
#[cfg(feature = "llm")]
pub mod replay;
pub mod transcript;

pub use cache::CachedDirector;
#[cfg(feature = "llm")]
pub use choice::{DirectorChoice, DirectorKind, FallbackKind};
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

/// Longest prompt a director takes, in characters. A video prompt is a few sentences; this
/// leaves room for a detailed multi-shot script of about 1,500 words while bounding the work
/// (and an LLM's context) one prompt can ask for.
pub const MAX_PROMPT_CHARS: usize = 10_000;

/// `prompt` without surrounding white space, or why no director takes it: it is empty (only
/// white space and invisible characters such as zero-width spaces) or longer than
/// [`MAX_PROMPT_CHARS`].
pub fn checked_prompt(prompt: &str) -> Result<&str, DirectorError> {
    let prompt = prompt.trim();
    if crate::invisible::is_blank(prompt) {
        return Err(DirectorError::EmptyPrompt);
    }
    // counting stops past the limit, so a huge prompt costs no more than a long one
    let chars = prompt.chars().take(MAX_PROMPT_CHARS + 1).count();
    if chars > MAX_PROMPT_CHARS {
        return Err(DirectorError::PromptTooLong {
            chars: prompt.chars().count(),
            max: MAX_PROMPT_CHARS,
        });
    }
    Ok(prompt)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prompt_of_invisible_characters_is_empty() {
        for blank in ["", "  \n", "\u{200b}\u{200c}\u{200d}", " \u{feff}\u{2060} "] {
            assert!(
                matches!(checked_prompt(blank), Err(DirectorError::EmptyPrompt)),
                "{blank:?}"
            );
        }
        assert_eq!(
            checked_prompt("  a cat\u{200b} ").ok(),
            Some("a cat\u{200b}")
        );
    }

    #[test]
    fn a_prompt_over_the_limit_is_refused_with_its_length() {
        let at_limit = "é".repeat(MAX_PROMPT_CHARS);
        assert!(checked_prompt(&at_limit).is_ok());
        let over = "a panda, ".repeat(2000);
        let err = checked_prompt(&over).err();
        assert_eq!(
            err.as_ref().map(DirectorError::code),
            Some("prompt_too_long")
        );
        assert_eq!(
            err.map(|e| e.to_string()).unwrap_or_default(),
            "the prompt is 17999 characters long, over the limit of 10000; shorten it or split it into several prompts"
        );
    }
}
