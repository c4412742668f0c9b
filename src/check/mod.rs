//! Semantic checks over a parsed storyboard, like a compiler's validator.
//!
//! Passes only report ([`check`]); deterministic fixes live apart ([`fix`]) and report every
//! change they make. Each finding is a [`Diagnostic`] whose `path` is a JSON pointer into the
//! storyboard and whose `code` is one of [`codes`].
//!
//! A caller that wants a usable storyboard runs [`fix`] then [`accept`]: problems with one
//! obvious repair (shot durations that do not add up, an interval slightly past its shot)
//! come back as [`Severity::Fixed`] notes only; everything else stays an error. [`accept`]
//! hands back a [`CheckedStoryboard`], the type lowering takes.

mod checked;
pub mod codes;
mod diagnostic;
mod fixes;
pub mod limits;
mod passes;
mod path;
mod text;
mod upgrade;

pub use checked::{CheckedStoryboard, Rejected};
pub use codes::SCHEMA_VIOLATION;
pub use diagnostic::{Diagnostic, Severity};
pub(crate) use passes::contradictions::contradict;
pub use upgrade::{infer_casts, upgrade};

use crate::ir::Storyboard;
use crate::schema;

/// The result of checking a JSON document as a storyboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The parsed storyboard, when the document matches the schema.
    pub storyboard: Option<Storyboard>,
    /// Schema violations, or else the semantic diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The storyboard, checked, when the document parsed and has no error; otherwise the
    /// diagnostics.
    pub fn clean(self) -> Result<CheckedStoryboard, Vec<Diagnostic>> {
        match self.storyboard {
            Some(sb) if !self.diagnostics.iter().any(Diagnostic::is_error) => {
                Ok(CheckedStoryboard::new(sb))
            }
            _ => Err(self.diagnostics),
        }
    }
}

/// Validates `value` against the storyboard schema, parses it, upgrades a version 1
/// storyboard ([`upgrade`], reported as a [`Severity::Fixed`] note first) and runs every
/// semantic pass.
/// A document over the size limits is rejected first, without validating its items; schema
/// violations stop before the semantic passes (they need a well-typed storyboard).
pub fn check_value(value: &serde_json::Value) -> Checked {
    let oversized = passes::limits::check_document_size(value);
    if !oversized.is_empty() {
        return Checked {
            storyboard: None,
            diagnostics: oversized,
        };
    }
    let violations = schema::validate_storyboard(value);
    if !violations.is_empty() {
        let diagnostics = violations
            .into_iter()
            .map(|v| {
                Diagnostic::error(codes::SCHEMA_VIOLATION, v.path, v.message).with_help(
                    v.help.unwrap_or_else(|| {
                        "make the value match the storyboard schema (`scenec schema storyboard`)"
                            .into()
                    }),
                )
            })
            .collect();
        return Checked {
            storyboard: None,
            diagnostics,
        };
    }
    match serde_json::from_value::<Storyboard>(value.clone()) {
        Ok(mut storyboard) => {
            let mut diagnostics: Vec<Diagnostic> = upgrade(&mut storyboard).into_iter().collect();
            diagnostics.extend(check(&storyboard));
            Checked {
                storyboard: Some(storyboard),
                diagnostics,
            }
        }
        Err(e) => Checked {
            storyboard: None,
            diagnostics: vec![
                Diagnostic::error(
                    codes::NOT_A_STORYBOARD,
                    "",
                    format!(
                        "the document matches the schema but does not parse as a storyboard: {e}"
                    ),
                )
                .with_help(
                    "numbers must fit a 64-bit float; compare with `scenec schema storyboard`",
                ),
            ],
        },
    }
}

/// [`check_value`], then [`fix`] and [`check`] again on a document that matches the
/// schema: what `scenec check --fix` reports. The diagnostics are the fixed notes first (the
/// version upgrade's, made on reading, before the fixes'), then what the fixed storyboard
/// still has; the storyboard is the fixed one. A document that does not parse comes back as
/// [`check_value`] left it, with no storyboard.
pub fn fix_value(value: &serde_json::Value) -> Checked {
    let checked = check_value(value);
    let Some(mut storyboard) = checked.storyboard else {
        return checked;
    };
    let mut diagnostics: Vec<Diagnostic> = (checked.diagnostics.into_iter())
        .filter(|d| d.severity == Severity::Fixed)
        .collect();
    diagnostics.extend(fix(&mut storyboard));
    diagnostics.extend(check(&storyboard));
    Checked {
        storyboard: Some(storyboard),
        diagnostics,
    }
}

/// Runs every semantic pass over `storyboard`. No I/O. The size limits are checked first:
/// a storyboard beyond them gets only those errors, in time linear in its size.
pub fn check(storyboard: &Storyboard) -> Vec<Diagnostic> {
    passes::run_all(storyboard)
}

/// Runs every semantic pass over `storyboard` and, when none reports an error, hands it back
/// checked, with the warnings; otherwise [`Rejected`] keeps it and every diagnostic.
pub fn accept(storyboard: Storyboard) -> Result<(CheckedStoryboard, Vec<Diagnostic>), Rejected> {
    let diagnostics = check(&storyboard);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Rejected {
            storyboard: Box::new(storyboard),
            diagnostics,
        });
    }
    Ok((CheckedStoryboard::new(storyboard), diagnostics))
}

/// Upgrades a version 1 storyboard ([`upgrade`]), applies the deterministic fixes to
/// `storyboard` and returns one diagnostic (severity
/// [`Severity::Fixed`], with the code of the problem removed and the pointer of the changed
/// value) per change made. A storyboard beyond the size limits is left unchanged.
pub fn fix(storyboard: &mut Storyboard) -> Vec<Diagnostic> {
    fixes::run_all(storyboard)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_value_reports_the_fixes_and_returns_the_fixed_storyboard() {
        let text = include_str!("../../tests/fixtures/broken/E0601-durations-do-not-add-up.json");
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(
            check_value(&value)
                .diagnostics
                .iter()
                .any(|d| d.code == "E0601")
        );
        let fixed = fix_value(&value);
        let storyboard = fixed.storyboard.as_ref().unwrap();
        assert!(check(storyboard).iter().all(|d| !d.is_error()));
        let first = fixed.diagnostics.first().unwrap();
        assert_eq!(
            (first.code.as_str(), first.severity),
            ("E0601", Severity::Fixed)
        );
    }

    #[test]
    fn fix_value_of_a_document_that_does_not_parse_has_no_storyboard() {
        let fixed = fix_value(&serde_json::json!({"shots": "none"}));
        assert!(fixed.storyboard.is_none());
        assert!(fixed.diagnostics.iter().all(Diagnostic::is_error));
    }
}
