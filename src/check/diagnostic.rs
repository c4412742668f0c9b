//! The diagnostic type every check and fix reports with.

use std::fmt;

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

impl Severity {
    /// The lower-case word a compiler prints for this severity.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Fixed => "fixed",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding of the checker, located by a JSON pointer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. "E0401"; see [`super::codes`] and the README for the list.
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
    /// A new diagnostic without help.
    pub fn new(
        code: &str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.to_owned(),
            severity,
            path: path.into(),
            message: message.into(),
            help: None,
        }
    }

    /// A new [`Severity::Error`] diagnostic.
    pub fn error(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, path, message)
    }

    /// A new [`Severity::Warning`] diagnostic.
    pub fn warning(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, path, message)
    }

    /// A new [`Severity::Fixed`] diagnostic: `code` is the code of the problem that was fixed.
    pub fn fixed(code: &str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Fixed, path, message)
    }

    /// The same diagnostic with a help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One line, e.g. `error[E0401] at /shots/0/actions/0/entity: … (help: …)`: the form a
/// repair prompt or a log line wants.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "{}[{}] at {path}: {}",
            self.severity.label(),
            self.code,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}
