//! Semantic checks over a parsed storyboard, like a compiler's validator.
//!
//! Passes only report ([`check`]); deterministic fixes live apart ([`fix`]) and report every
//! change they make. Each finding is a [`Diagnostic`] whose `path` is a JSON pointer into the
//! storyboard.

mod diagnostic;

pub use diagnostic::{Diagnostic, Severity};

use crate::ir::Storyboard;
use crate::schema;

/// Code of a schema violation found before the semantic passes run.
pub const SCHEMA_VIOLATION: &str = "E0001";

/// The result of checking a JSON document as a storyboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The parsed storyboard, when the document matches the schema.
    pub storyboard: Option<Storyboard>,
    /// Schema violations, or else the semantic diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates `value` against the storyboard schema, parses it and runs every semantic pass.
/// Schema violations stop before the semantic passes (they need a well-typed storyboard).
pub fn check_value(value: &serde_json::Value) -> Checked {
    let violations = schema::validate_storyboard(value);
    if !violations.is_empty() {
        let diagnostics = violations
            .into_iter()
            .map(|v| Diagnostic {
                code: SCHEMA_VIOLATION.into(),
                severity: Severity::Error,
                path: v.path,
                message: v.message,
                help: Some(
                    "make the value match the storyboard schema (`scenec schema storyboard`)"
                        .into(),
                ),
            })
            .collect();
        return Checked {
            storyboard: None,
            diagnostics,
        };
    }
    match serde_json::from_value::<Storyboard>(value.clone()) {
        Ok(storyboard) => {
            let diagnostics = check(&storyboard);
            Checked {
                storyboard: Some(storyboard),
                diagnostics,
            }
        }
        Err(e) => Checked {
            storyboard: None,
            diagnostics: vec![Diagnostic {
                code: SCHEMA_VIOLATION.into(),
                severity: Severity::Error,
                path: String::new(),
                message: format!("the document does not parse as a storyboard: {e}"),
                help: None,
            }],
        },
    }
}

/// Runs every semantic pass over `storyboard`. No I/O.
pub fn check(storyboard: &Storyboard) -> Vec<Diagnostic> {
    let _ = storyboard;
    Vec::new()
}

/// Applies the deterministic fixes to `storyboard` and returns one diagnostic (severity
/// [`Severity::Fixed`]) per change made.
pub fn fix(storyboard: &mut Storyboard) -> Vec<Diagnostic> {
    let _ = storyboard;
    Vec::new()
}
