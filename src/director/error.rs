//! Errors a director returns.

use thiserror::Error;

/// Why a director produced no storyboard.
#[derive(Debug, Error)]
pub enum DirectorError {
    /// The prompt is empty or only white space.
    #[error(
        "the prompt is empty; describe the scene to direct, e.g. \"a panda walks from left to right\""
    )]
    EmptyPrompt,
}

impl DirectorError {
    /// A stable machine-readable code for this error, used in batch output lines.
    pub fn code(&self) -> &'static str {
        match self {
            DirectorError::EmptyPrompt => "empty_prompt",
        }
    }
}
