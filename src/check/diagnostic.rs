//! The diagnostic type every check and fix reports with.

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A deterministic fix was applied; the storyboard was changed.
    Fixed,
    /// Suspicious but usable.
    Warning,
    /// The storyboard cannot be lowered as it is.
    Error,
}

/// One finding of the checker, located by a JSON pointer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. "E0101"; see the README for the list.
    pub code: String,
    /// How bad it is.
    pub severity: Severity,
    /// JSON pointer to the offending value, e.g. "/shots/0/actions/1/entity".
    pub path: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when a fix is known.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
