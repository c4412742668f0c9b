//! The director-selection flags shared by `compile`, `batch` and `eval`, and the function
//! that builds the chosen director.

use clap::ValueEnum;
use scenec::director::{Director, Heuristic};

/// Which front end decomposes the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirectorKind {
    /// Offline rules; no network, milliseconds per prompt.
    Heuristic,
    /// An OpenAI-compatible chat endpoint (OPENAI_API_KEY / OPENAI_BASE_URL).
    Llm,
    /// Responses recorded from earlier LLM runs.
    Replay,
}

/// Director selection, flattened into every command that directs prompts.
#[derive(Debug, Clone, clap::Args)]
pub struct DirectorArgs {
    /// Director to use. Default: llm when OPENAI_API_KEY or OPENAI_BASE_URL is set, else
    /// heuristic.
    #[arg(long, value_enum)]
    pub director: Option<DirectorKind>,
}

impl DirectorArgs {
    /// The director kind after applying the default rule.
    pub fn kind(&self) -> DirectorKind {
        self.director.unwrap_or_else(|| {
            let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
            if set("OPENAI_API_KEY") || set("OPENAI_BASE_URL") {
                DirectorKind::Llm
            } else {
                DirectorKind::Heuristic
            }
        })
    }

    /// Builds the chosen director; the error is a sentence for people.
    pub fn build(&self) -> Result<Box<dyn Director>, String> {
        match self.kind() {
            DirectorKind::Heuristic => Ok(Box::new(Heuristic)),
            kind @ (DirectorKind::Llm | DirectorKind::Replay) => Err(format!(
                "the {} director is not available in this build yet; use --director heuristic{}",
                if kind == DirectorKind::Llm {
                    "llm"
                } else {
                    "replay"
                },
                if self.director.is_none() {
                    " (it was chosen because OPENAI_API_KEY or OPENAI_BASE_URL is set)"
                } else {
                    ""
                }
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_choice_wins() {
        let args = DirectorArgs {
            director: Some(DirectorKind::Heuristic),
        };
        assert_eq!(args.kind(), DirectorKind::Heuristic);
        assert!(args.build().is_ok());
    }
}
