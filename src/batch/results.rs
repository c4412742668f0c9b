//! Batch API results files: one `{"id", "custom_id", "response": {"status_code",
//! "request_id", "body"}, "error"}` line per request. Both shapes in use are read: the OpenAI
//! Batch API's (output file: `error` null and a chat completion in `response.body`; error
//! file: `response` null and `error: {"code", "message"}`) and vLLM `run-batch`'s (the same,
//! with `error` a string or an `ErrorResponse` object and `response.body` null on failure).

use serde_json::Value;

use super::BatchError;
use crate::director::llm::response::{ChatResponse, error_message};

/// What a results line says about its request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// HTTP 200 with a chat completion.
    Completion(Box<ChatResponse>),
    /// No usable chat completion.
    Failed {
        /// `batch_error` (the line's `error` is set), `http_status` (a status other than
        /// 200) or `malformed_response` (no chat completion in the body).
        error: BatchError,
        /// Whether sending the same request again may succeed: no status at all (expired,
        /// cancelled), 408, 429 or 5xx, or a body that is not a chat completion.
        retry: bool,
    },
}

/// One parsed results line.
#[derive(Debug, Clone)]
pub struct ResultLine {
    /// The request's `custom_id`.
    pub custom_id: String,
    /// What came back.
    pub answer: Answer,
}

/// Reads line `number` of a results file; the error (code `invalid_result_line`) says why
/// the line cannot be matched to a request.
pub fn parse_result(line: &str, number: usize) -> Result<ResultLine, BatchError> {
    let bad = |what: String| BatchError {
        code: "invalid_result_line".into(),
        message: format!("line {number} {what}"),
    };
    let value: Value = serde_json::from_str(line).map_err(|e| bad(format!("is not JSON ({e})")))?;
    if !value.is_object() {
        return Err(bad("is not a JSON object".into()));
    }
    let custom_id = match value.get("custom_id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(bad("has no \"custom_id\" string".into())),
    };
    let response = value.get("response").filter(|r| !r.is_null());
    let status = response
        .and_then(|r| r.get("status_code"))
        .and_then(Value::as_u64);
    let body = response
        .and_then(|r| r.get("body"))
        .filter(|b| !b.is_null());
    let answer = classify(value.get("error").filter(|e| !e.is_null()), status, body);
    Ok(ResultLine { custom_id, answer })
}

fn classify(error: Option<&Value>, status: Option<u64>, body: Option<&Value>) -> Answer {
    let failed = |code: &str, message: String, retry: bool| Answer::Failed {
        error: BatchError {
            code: code.into(),
            message,
        },
        retry,
    };
    let retryable = match status {
        None => true,
        Some(s) => s == 408 || s == 429 || s >= 500,
    };
    let status_note = status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
    if let Some(error) = error {
        return failed(
            "batch_error",
            format!(
                "the batch reported an error{status_note}: {}",
                describe(error)
            ),
            retryable,
        );
    }
    match (status, body) {
        (Some(s), body) if s != 200 => failed(
            "http_status",
            format!(
                "the request failed with HTTP {s}: {}",
                body.map(|b| error_message(&b.to_string()))
                    .unwrap_or_else(|| "no body".into())
            ),
            retryable,
        ),
        (_, None) => failed(
            "malformed_response",
            format!("the result has no response body{status_note}"),
            true,
        ),
        (_, Some(body)) => match serde_json::from_value::<ChatResponse>(body.clone()) {
            Ok(response) if !response.choices.is_empty() => Answer::Completion(Box::new(response)),
            _ => failed(
                "malformed_response",
                format!(
                    "the response body is not a chat completion: {}",
                    error_message(&body.to_string())
                ),
                true,
            ),
        },
    }
}

/// An error value in words: a string as it is; an object's code and message (at the top or
/// under `error`, as vLLM's `ErrorResponse` nests them); else the JSON.
fn describe(error: &Value) -> String {
    if let Some(text) = error.as_str() {
        return text.to_owned();
    }
    let inner = error
        .get("error")
        .filter(|e| e.is_object())
        .unwrap_or(error);
    let code = inner.get("code").filter(|c| !c.is_null()).map(|c| match c {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let message = inner.get("message").and_then(Value::as_str);
    match (code, message) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (None, Some(message)) => message.to_owned(),
        (Some(code), None) => code,
        (None, None) => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(line: &str) -> (String, String, bool) {
        match parse_result(line, 1).unwrap().answer {
            Answer::Failed { error, retry } => (error.code, error.message, retry),
            Answer::Completion(_) => panic!("expected a failure: {line}"),
        }
    }

    #[test]
    fn openai_and_vllm_successes_are_completions() {
        let line = r#"{"id":"batch_req_1","custom_id":"a","response":{"status_code":200,"request_id":"r","body":{"choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]}},"error":null}"#;
        let parsed = parse_result(line, 1).unwrap();
        assert_eq!(parsed.custom_id, "a");
        assert!(
            matches!(parsed.answer, Answer::Completion(r) if r.text().as_deref() == Some("{}"))
        );
    }

    #[test]
    fn failures_carry_code_message_and_whether_to_retry() {
        let (code, message, retry) = failed(
            r#"{"id":"b","custom_id":"x","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}"#,
        );
        assert_eq!(code, "batch_error");
        assert!(message.contains("batch_expired: This request"), "{message}");
        assert!(retry);
        let (code, message, retry) = failed(
            r#"{"id":"b","custom_id":"x","response":{"status_code":400,"request_id":"r","body":{"error":{"message":"Invalid schema","type":"invalid_request_error"}}},"error":null}"#,
        );
        assert_eq!((code.as_str(), retry), ("http_status", false));
        assert!(message.contains("HTTP 400: Invalid schema"), "{message}");
        // vLLM: a string error with status 400 and no body.
        let (code, message, retry) = failed(
            r#"{"id":"vllm-1","custom_id":"x","response":{"status_code":400,"request_id":"vllm-batch-1","body":null},"error":"max_tokens is too large"}"#,
        );
        assert_eq!((code.as_str(), retry), ("batch_error", false));
        assert!(
            message.contains("(HTTP 400): max_tokens is too large"),
            "{message}"
        );
        // vLLM: an ErrorResponse object.
        let (_, message, retry) = failed(
            r#"{"id":"vllm-2","custom_id":"x","response":{"status_code":503,"request_id":"q","body":null},"error":{"error":{"message":"overloaded","type":"ServiceUnavailable","code":503}}}"#,
        );
        assert!(message.ends_with("503: overloaded"), "{message}");
        assert!(retry);
        let (code, _, _) = failed(
            r#"{"custom_id":"x","response":{"status_code":200,"request_id":"r","body":{"object":"list"}},"error":null}"#,
        );
        assert_eq!(code, "malformed_response");
    }

    #[test]
    fn lines_that_cannot_be_matched_are_errors() {
        for line in ["not json", "[1]", r#"{"id":"b","response":null}"#] {
            assert_eq!(
                parse_result(line, 3).unwrap_err().code,
                "invalid_result_line",
                "{line}"
            );
        }
    }
}
