//! Lenient chat-completion replies: only the fields scenec reads, every one optional, so
//! numeric error codes, unknown `finish_reason`s and extra fields (llama.cpp's `timings`)
//! never break a call. Also: finding the JSON object in a reply's text.

use serde::Deserialize;
use serde_json::Value;

/// A chat-completions reply as far as scenec reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChatResponse {
    /// The choices; scenec reads the first.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Token usage, when the server reports it.
    #[serde(default)]
    pub usage: Option<Usage>,
}

/// One choice of a reply.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Choice {
    /// The message.
    #[serde(default)]
    pub message: Option<ChoiceMessage>,
    /// Why generation stopped, verbatim ("stop", "length", or anything a server invents).
    #[serde(default)]
    pub finish_reason: Option<String>,
}

/// The assistant message of a choice.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChoiceMessage {
    /// The text: a string, or an array of content parts on some servers.
    #[serde(default)]
    pub content: Option<Value>,
    /// The refusal text, when the model refused.
    #[serde(default)]
    pub refusal: Option<String>,
}

/// Token usage of a reply.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
pub struct Usage {
    /// Prompt tokens.
    #[serde(default)]
    pub prompt_tokens: u64,
    /// Completion tokens.
    #[serde(default)]
    pub completion_tokens: u64,
}

impl ChatResponse {
    /// The first choice's text, joined from content parts when needed.
    pub fn text(&self) -> Option<String> {
        let content = self.choices.first()?.message.as_ref()?.content.as_ref()?;
        match content {
            Value::String(s) => Some(s.clone()),
            Value::Array(parts) => Some(
                parts
                    .iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join(""),
            ),
            _ => None,
        }
    }

    /// The first choice's `finish_reason`.
    pub fn finish_reason(&self) -> Option<&str> {
        self.choices.first()?.finish_reason.as_deref()
    }

    /// The refusal text, when the model refused or a content filter stopped it.
    pub fn refusal(&self) -> Option<String> {
        let choice = self.choices.first()?;
        if let Some(refusal) = choice.message.as_ref().and_then(|m| m.refusal.clone())
            && !refusal.trim().is_empty()
        {
            return Some(refusal);
        }
        (choice.finish_reason.as_deref() == Some("content_filter"))
            .then(|| "the server's content filter stopped the reply".to_owned())
    }
}

/// The message an error body carries: `{"error": {"message": …}}`, `{"error": "…"}`,
/// `{"message": …}`, or else the start of the body.
pub(crate) fn error_message(body: &str) -> String {
    if let Ok(value) = serde_json::from_str::<Value>(body) {
        let message = value
            .pointer("/error/message")
            .or_else(|| value.get("error").filter(|e| e.is_string()))
            .or_else(|| value.get("message"))
            .and_then(Value::as_str);
        if let Some(message) = message {
            return message.to_owned();
        }
    }
    excerpt(body)
}

/// The first 200 characters of `text`, on one line.
pub(crate) fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(200).collect();
    if one_line.chars().count() > 200 {
        out.push('…');
    }
    if out.is_empty() {
        "(empty body)".to_owned()
    } else {
        out
    }
}

/// The storyboard object in a reply: the whole text, else a ```json fence, else the first
/// JSON object embedded in prose.
pub fn extract_json(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(trimmed) {
        return Some(value);
    }
    for fence in trimmed.split("```").skip(1).step_by(2) {
        let body = fence.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
        if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(body.trim()) {
            return Some(value);
        }
    }
    trimmed.match_indices('{').take(64).find_map(|(start, _)| {
        let mut stream = serde_json::Deserializer::from_str(&trimmed[start..]).into_iter::<Value>();
        match stream.next() {
            Some(Ok(value @ Value::Object(_))) => Some(value),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_with_unknown_finish_reason_numeric_codes_and_extra_fields_parse() {
        let body = r#"{"id":"x","object":"chat.completion","created":1,"model":"m",
            "choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"abort","logprobs":null}],
            "usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12},
            "timings":{"predicted_ms":1.5},"system_fingerprint":7}"#;
        let r: ChatResponse = serde_json::from_str(body).unwrap();
        assert_eq!(r.finish_reason(), Some("abort"));
        assert_eq!(r.text().as_deref(), Some("{}"));
        assert_eq!(r.usage.unwrap().prompt_tokens, 10);
    }

    #[test]
    fn content_parts_are_joined() {
        let r: ChatResponse = serde_json::from_str(
            r#"{"choices":[{"message":{"content":[{"type":"text","text":"{\"a\":"},{"type":"text","text":"1}"}]}}]}"#,
        )
        .unwrap();
        assert_eq!(r.text().as_deref(), Some("{\"a\":1}"));
    }

    #[test]
    fn refusals_and_content_filters_are_refusals() {
        let r: ChatResponse =
            serde_json::from_str(r#"{"choices":[{"message":{"content":null,"refusal":"I can't"},"finish_reason":"stop"}]}"#).unwrap();
        assert_eq!(r.refusal().as_deref(), Some("I can't"));
        let r: ChatResponse = serde_json::from_str(
            r#"{"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]}"#,
        )
        .unwrap();
        assert!(r.refusal().is_some());
    }

    #[test]
    fn json_is_found_whole_in_fences_and_in_prose() {
        assert_eq!(
            extract_json(r#" {"a": 1} "#),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            extract_json("Here you go:\n```json\n{\"a\": 2}\n```\nEnjoy."),
            Some(serde_json::json!({"a": 2}))
        );
        assert_eq!(
            extract_json("Sure! The storyboard is {\"a\": {\"b\": \"}\"}} and that is all."),
            Some(serde_json::json!({"a": {"b": "}"}}))
        );
        assert_eq!(extract_json("no json here"), None);
        assert_eq!(extract_json("{\"cut\": "), None);
    }

    #[test]
    fn error_messages_come_from_any_common_shape() {
        assert_eq!(
            error_message(
                r#"{"error":{"code":400,"message":"bad","type":"invalid_request_error"}}"#
            ),
            "bad"
        );
        assert_eq!(error_message(r#"{"error":"oops"}"#), "oops");
        assert_eq!(
            error_message(r#"{"object":"error","message":"vllm says no"}"#),
            "vllm says no"
        );
        assert_eq!(
            error_message("<html>502 Bad Gateway</html>"),
            "<html>502 Bad Gateway</html>"
        );
        assert_eq!(error_message(""), "(empty body)");
    }
}
