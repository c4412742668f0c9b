//! Schema violations in words a person or a model can act on: the pointer of the offending
//! value, what is wrong with it, and, for an unknown enum value, the values allowed.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

/// One way an instance breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemaViolation {
    /// JSON pointer to the offending value in the instance ("" is the root).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to repair it, when the violation says.
    pub help: Option<String>,
}

impl SchemaViolation {
    fn new(path: &str, message: String, help: Option<String>) -> Self {
        SchemaViolation {
            path: path.to_owned(),
            message,
            help,
        }
    }
}

/// Turns one validator error into violations. An `anyOf`/`oneOf` failure is explained by
/// what its branches wanted: the allowed values when every branch is a constant or a type,
/// else the errors inside the branch that matched the value's type.
pub(crate) fn describe(error: &ValidationError<'_>, out: &mut Vec<SchemaViolation>) {
    let path = error.instance_path().as_str();
    let instance: &Value = error.instance();
    let found = short(instance);
    let (message, help) = match error.kind() {
        ValidationErrorKind::Required { property } => (
            format!("missing required field {}", short(property)),
            Some(format!(
                "add {} (every field is required; use null where allowed)",
                short(property)
            )),
        ),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let names: Vec<String> = unexpected.iter().map(|n| format!("\"{n}\"")).collect();
            (
                format!(
                    "unknown field{} {}",
                    if names.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ),
                Some(
                    "remove it; `scenec schema storyboard` lists the fields of each object".into(),
                ),
            )
        }
        ValidationErrorKind::Type { kind } => (
            format!(
                "expected {}, found {} {found}",
                types(kind),
                type_of(instance)
            ),
            None,
        ),
        ValidationErrorKind::Enum { options } => unknown_value(
            &found,
            options.as_array().map(Vec::as_slice).unwrap_or(&[]),
            false,
        ),
        ValidationErrorKind::Constant { expected_value } => (
            format!("expected {}, found {found}", short(expected_value)),
            None,
        ),
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let mut allowed = Vec::new();
            let mut nullable = false;
            if context
                .iter()
                .flatten()
                .all(|e| alternatives(e, path, &mut allowed, &mut nullable))
                && !allowed.is_empty()
            {
                unknown_value(&found, &allowed, nullable)
            } else if let Some(wanted) = branch_types(context, path) {
                (
                    format!("expected {wanted}, found {} {found}", type_of(instance)),
                    None,
                )
            } else {
                match best_branch(instance, context) {
                    Some(branch) => {
                        branch.iter().for_each(|e| describe(e, out));
                        return;
                    }
                    None => (format!("{found} matches none of the allowed shapes"), None),
                }
            }
        }
        ValidationErrorKind::Minimum { limit } => {
            (format!("{found} is less than the minimum {limit}"), None)
        }
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            (format!("{found} is not greater than {limit}"), None)
        }
        ValidationErrorKind::Maximum { limit } => {
            (format!("{found} is more than the maximum {limit}"), None)
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            (format!("{found} is not less than {limit}"), None)
        }
        ValidationErrorKind::MaxItems { limit } => {
            (format!("the list has more than {limit} items"), None)
        }
        ValidationErrorKind::MinItems { limit } => {
            (format!("the list has fewer than {limit} items"), None)
        }
        _ => (error.to_string(), None),
    };
    out.push(SchemaViolation::new(path, message, help));
}

/// Collects what a branch error accepts when it is a constant, an enum or a null type at
/// `path` itself; false when the branch failed for another reason or deeper in the value.
fn alternatives(
    error: &ValidationError<'_>,
    path: &str,
    allowed: &mut Vec<Value>,
    nullable: &mut bool,
) -> bool {
    if error.instance_path().as_str() != path {
        return false;
    }
    match error.kind() {
        ValidationErrorKind::Constant { expected_value } => {
            allowed.push(Value::clone(expected_value));
            true
        }
        ValidationErrorKind::Enum { options } => {
            allowed.extend(options.as_array().into_iter().flatten().cloned());
            true
        }
        ValidationErrorKind::Type {
            kind: TypeKind::Single(JsonType::Null),
        } => {
            *nullable = true;
            true
        }
        ValidationErrorKind::Type {
            kind: TypeKind::Single(JsonType::String),
        } if !error.instance().is_string() => {
            // The value is not even a string: the constants' branch says so by type.
            true
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
                .iter()
                .flatten()
                .all(|e| alternatives(e, path, allowed, nullable))
        }
        _ => false,
    }
}

/// "an object or null" when every branch only rejected the value's type.
fn branch_types(context: &[Vec<ValidationError<'static>>], path: &str) -> Option<String> {
    let mut wanted = Vec::new();
    for error in context.iter().flatten() {
        match error.kind() {
            ValidationErrorKind::Type { kind } if error.instance_path().as_str() == path => {
                wanted.push(types(kind));
            }
            _ => return None,
        }
    }
    (!wanted.is_empty()).then(|| wanted.join(" or "))
}

/// The branch that got furthest: not one that only rejected the value's type.
fn best_branch<'e>(
    instance: &Value,
    context: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e Vec<ValidationError<'static>>> {
    let type_only = |branch: &Vec<ValidationError<'static>>| {
        branch.iter().all(|e| {
            matches!(e.kind(), ValidationErrorKind::Type { .. })
                && e.instance().as_ref() == instance
        })
    };
    context
        .iter()
        .find(|b| !b.is_empty() && !type_only(b))
        .or_else(|| context.first())
}

fn unknown_value(found: &str, allowed: &[Value], nullable: bool) -> (String, Option<String>) {
    let mut names: Vec<String> = allowed
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect();
    if nullable {
        names.push("null".into());
    }
    (
        format!(
            "unknown value {found}; expected one of: {}",
            names.join(", ")
        ),
        Some("use one of the listed values exactly as written".into()),
    )
}

fn types(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => article(t.as_str()),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| article(t.as_str()))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn article(name: &str) -> String {
    match name {
        "null" => "null".into(),
        "array" | "object" | "integer" => format!("an {name}"),
        _ => format!("a {name}"),
    }
}

fn type_of(value: &Value) -> &'static str {
    JsonType::from(value).as_str()
}

/// A value as it appears in a message, cut to 60 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        text
    } else {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    }
}
