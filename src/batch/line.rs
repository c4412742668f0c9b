//! One batch line: reading an input line and the result line written for it.

use serde::Serialize;
use serde_json::Value;

use crate::check::Diagnostic;
use crate::director::{Request, fidelity};
use crate::ir::{KeyframePlan, Storyboard};
use crate::{CompileError, Compiled, Compiler};

/// One output line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchLine {
    /// The input's id as given (a string or a number), or null when it could not be read.
    pub id: Value,
    /// The checked storyboard, or null on error.
    pub storyboard: Option<Storyboard>,
    /// The keyframe plan for the chosen backend, or null on error.
    pub keyframes: Option<KeyframePlan>,
    /// Null on success.
    pub error: Option<BatchError>,
    /// What the storyboard still misses of the prompt (the fidelity gate's warnings, codes
    /// F…), as an interactive compile prints them; the key is left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fidelity: Vec<Diagnostic>,
}

impl BatchLine {
    /// An error line for `id`.
    pub fn failed(id: Value, error: BatchError) -> Self {
        Self {
            id,
            storyboard: None,
            keyframes: None,
            error: Some(error),
            fidelity: Vec::new(),
        }
    }

    /// The line of a compile that succeeded: its storyboard, its keyframes and the fidelity
    /// warnings among its diagnostics.
    pub fn compiled(id: Value, compiled: Compiled) -> Self {
        Self {
            id,
            storyboard: Some(compiled.storyboard.into_storyboard()),
            keyframes: Some(compiled.plan),
            error: None,
            fidelity: compiled
                .diagnostics
                .into_iter()
                .filter(|d| fidelity::codes::is_fidelity(&d.code))
                .collect(),
        }
    }
}

/// Why a line produced no storyboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchError {
    /// Stable machine-readable code ("invalid_json", "missing_prompt", "duplicate_id",
    /// "empty_prompt", a director error code, "check_failed", …).
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

/// A parsed input line: its id, and the prompt or why there is none.
pub type Parsed = (Value, Result<String, BatchError>);

/// Reads one input line. The id is recovered whenever the line is a JSON object with one.
pub fn parse_line(line: &str, number: usize) -> Parsed {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            return (
                Value::Null,
                Err(error(
                    "invalid_json",
                    format!("line {number} is not JSON: {e}"),
                )),
            );
        }
    };
    let Some(object) = value.as_object() else {
        return (
            Value::Null,
            Err(error(
                "invalid_line",
                format!("line {number} is not a JSON object; write {{\"id\": …, \"prompt\": …}}"),
            )),
        );
    };
    let id = match object.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => {
            return (
                Value::Null,
                Err(error(
                    "invalid_id",
                    format!("line {number}: \"id\" must be a string or a number"),
                )),
            );
        }
        None => {
            return (
                Value::Null,
                Err(error(
                    "missing_id",
                    format!("line {number} has no \"id\"; every line needs one"),
                )),
            );
        }
    };
    match object.get("prompt") {
        Some(Value::String(p)) => (id, Ok(p.clone())),
        Some(_) => (
            id,
            Err(error(
                "invalid_prompt",
                format!("line {number}: \"prompt\" must be a string"),
            )),
        ),
        None => (
            id,
            Err(error(
                "missing_prompt",
                format!("line {number} has no \"prompt\""),
            )),
        ),
    }
}

/// A [`BatchError`] with `code` and `message`.
pub(crate) fn error(code: &str, message: String) -> BatchError {
    BatchError {
        code: code.into(),
        message,
    }
}

/// The code of a compile error.
pub(crate) fn compile_code(e: &CompileError) -> &'static str {
    match e {
        CompileError::Director(d) => d.code(),
        CompileError::Check { .. } => "check_failed",
        CompileError::Lower { .. } => "lower_failed",
        CompileError::Emit { .. } => "emit_failed",
    }
}

/// Compiles one prompt; returns its result line and the tokens the director spent.
pub(crate) async fn compile(
    compiler: &Compiler,
    id: Value,
    prompt: String,
    duration_s: Option<f64>,
) -> (BatchLine, u64) {
    tracing::debug!(%id, "batch item started");
    let started = std::time::Instant::now();
    let result = compiler
        .compile_request(&Request { prompt, duration_s })
        .await;
    tracing::debug!(
        %id,
        ok = result.is_ok(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "batch item finished"
    );
    match result {
        Ok(c) => {
            let tokens = c.meta.prompt_tokens + c.meta.completion_tokens;
            (BatchLine::compiled(id, c), tokens)
        }
        Err(e) => (
            BatchLine::failed(id, error(compile_code(&e), e.to_string())),
            0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_keep_whatever_id_they_have() {
        assert_eq!(
            parse_line("not json", 1).1.map_err(|e| e.code),
            Err("invalid_json".into())
        );
        assert_eq!(
            parse_line("[1]", 2).1.map_err(|e| e.code),
            Err("invalid_line".into())
        );
        assert_eq!(
            parse_line(r#"{"prompt": "a cat"}"#, 3)
                .1
                .map_err(|e| e.code),
            Err("missing_id".into())
        );
        let (id, r) = parse_line(r#"{"id": 7}"#, 4);
        assert_eq!(id, Value::from(7));
        assert_eq!(r.map_err(|e| e.code), Err("missing_prompt".into()));
        let (id, r) = parse_line(r#"{"id": "a", "prompt": "a cat", "extra": 1}"#, 5);
        assert_eq!((id, r), (Value::from("a"), Ok("a cat".to_string())));
    }
}
