//! `--fallback heuristic`: when the primary director fails, ask a second one and say so in
//! the output metadata.

use async_trait::async_trait;

use super::{Directed, Director, DirectorError, Request};

/// Asks `primary`; when it fails (other than for an empty or too long prompt), asks `fallback` and records
/// the primary's error in `meta.notes`.
pub struct FallbackDirector {
    primary: Box<dyn Director>,
    fallback: Box<dyn Director>,
}

impl FallbackDirector {
    /// `primary` first, `fallback` when it fails.
    pub fn new(primary: Box<dyn Director>, fallback: Box<dyn Director>) -> Self {
        Self { primary, fallback }
    }
}

#[async_trait]
impl Director for FallbackDirector {
    fn name(&self) -> &'static str {
        self.primary.name()
    }

    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        match self.primary.direct(request).await {
            Ok(directed) => Ok(directed),
            Err(e @ (DirectorError::EmptyPrompt | DirectorError::PromptTooLong { .. })) => Err(e),
            Err(error) => {
                let mut directed = self.fallback.direct(request).await?;
                directed.meta.notes.push(format!(
                    "the {} director failed ({}: {error}); the {} director answered instead",
                    self.primary.name(),
                    error.code(),
                    self.fallback.name()
                ));
                Ok(directed)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Meta;

    struct Failing;
    struct Fixed;

    #[async_trait]
    impl Director for Failing {
        fn name(&self) -> &'static str {
            "llm"
        }
        async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
            if request.prompt.is_empty() {
                return Err(DirectorError::EmptyPrompt);
            }
            Err(DirectorError::Replay {
                message: "no cassette".into(),
            })
        }
    }

    #[async_trait]
    impl Director for Fixed {
        fn name(&self) -> &'static str {
            "heuristic"
        }
        async fn direct(&self, _: &Request) -> Result<Directed, DirectorError> {
            let value: serde_json::Value =
                serde_json::from_str(include_str!("../../examples/panda.json")).unwrap();
            Ok(Directed {
                storyboard: serde_json::from_value(value).unwrap(),
                meta: Meta {
                    director: "heuristic".into(),
                    ..Meta::default()
                },
                diagnostics: Vec::new(),
            })
        }
    }

    #[tokio::test]
    async fn a_failing_primary_hands_over_and_the_note_says_why() {
        let d = FallbackDirector::new(Box::new(Failing), Box::new(Fixed));
        let directed = d.direct(&Request::new("a panda")).await.unwrap();
        assert_eq!(directed.meta.director, "heuristic");
        assert!(
            directed.meta.notes[0]
                .contains("the llm director failed (replay: replay: no cassette)")
        );
    }

    #[tokio::test]
    async fn an_empty_prompt_is_not_hidden_by_the_fallback() {
        let d = FallbackDirector::new(Box::new(Failing), Box::new(Fixed));
        let err = d.direct(&Request::new("")).await.unwrap_err();
        assert_eq!(err.code(), "empty_prompt");
    }
}
