//! Output modes: how the request asks for JSON, and the order of fallback between them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How the request asks the model for a storyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputMode {
    /// `response_format: {type: "json_schema", strict: true}` with the wire schema (default).
    JsonSchema,
    /// `response_format: {type: "json_object"}`; the schema is described in the prompt.
    JsonObject,
    /// No `response_format`; the schema is in the prompt and the JSON is extracted from prose
    /// or code fences.
    Text,
}

impl OutputMode {
    /// Every mode, strictest first.
    pub const ALL: [OutputMode; 3] = [
        OutputMode::JsonSchema,
        OutputMode::JsonObject,
        OutputMode::Text,
    ];

    /// The name used on the command line and in metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputMode::JsonSchema => "json_schema",
            OutputMode::JsonObject => "json_object",
            OutputMode::Text => "text",
        }
    }

    /// The mode a request body asks for, read from its `response_format` (none is text);
    /// `None` for a format scenec never sends.
    pub fn of_body(body: &serde_json::Value) -> Option<OutputMode> {
        let Some(format) = body.get("response_format").filter(|f| !f.is_null()) else {
            return Some(OutputMode::Text);
        };
        match format.get("type").and_then(serde_json::Value::as_str) {
            Some("json_schema") => Some(OutputMode::JsonSchema),
            Some("json_object") => Some(OutputMode::JsonObject),
            Some("text") => Some(OutputMode::Text),
            _ => None,
        }
    }

    /// The mode to fall back to when a server rejects this one.
    pub fn fallback(self) -> Option<OutputMode> {
        match self {
            OutputMode::JsonSchema => Some(OutputMode::JsonObject),
            OutputMode::JsonObject => Some(OutputMode::Text),
            OutputMode::Text => None,
        }
    }
}

impl fmt::Display for OutputMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutputMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OutputMode::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                format!("unknown output mode {s:?}; use json_schema, json_object or text")
            })
    }
}

/// Whether an HTTP error says the server does not support the requested `response_format`.
pub(crate) fn rejects_mode(status: u16, body: &str) -> bool {
    if status != 400 && status != 422 {
        return false;
    }
    let body = body.to_ascii_lowercase();
    ["response_format", "json_schema", "json_object"]
        .iter()
        .any(|needle| body.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_goes_from_strictest_to_text_and_stops() {
        assert_eq!(
            OutputMode::JsonSchema.fallback(),
            Some(OutputMode::JsonObject)
        );
        assert_eq!(OutputMode::JsonObject.fallback(), Some(OutputMode::Text));
        assert_eq!(OutputMode::Text.fallback(), None);
    }

    #[test]
    fn names_round_trip_and_bad_names_are_explained() {
        for mode in OutputMode::ALL {
            assert_eq!(mode.as_str().parse::<OutputMode>(), Ok(mode));
        }
        let err = "yaml".parse::<OutputMode>().unwrap_err();
        assert!(err.contains("json_schema"), "{err}");
    }

    #[test]
    fn only_400_or_422_naming_the_response_format_is_a_mode_rejection() {
        assert!(rejects_mode(
            400,
            r#"{"error":{"message":"response_format not supported"}}"#
        ));
        assert!(rejects_mode(422, "Unsupported JSON_SCHEMA"));
        assert!(!rejects_mode(400, "bad temperature"));
        assert!(!rejects_mode(500, "response_format"));
    }

    #[test]
    fn a_body_names_its_mode_by_its_response_format() {
        use serde_json::json;
        let of = |body| OutputMode::of_body(&body);
        assert_eq!(
            of(json!({"response_format": {"type": "json_schema"}})),
            Some(OutputMode::JsonSchema)
        );
        assert_eq!(
            of(json!({"response_format": {"type": "json_object"}})),
            Some(OutputMode::JsonObject)
        );
        assert_eq!(of(json!({"model": "m"})), Some(OutputMode::Text));
        assert_eq!(of(json!({"response_format": {"type": "grammar"}})), None);
    }
}
