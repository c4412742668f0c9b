//! Lenient chat-completion replies: only the fields scenec reads, every one optional, so
//! numeric error codes, unknown `finish_reason`s and extra fields (llama.cpp's `timings`)
//! never break a call. Also: finding the JSON object in a reply's text.

use serde::Deserialize;
use serde_json::Value;

use super::untrusted::printable;

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
            return printable(message);
        }
    }
    excerpt(body)
}

/// The first 200 characters of `text`, on one line, [`printable`].
pub(crate) fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(200).collect();
    if one_line.chars().count() > 200 {
        out.push('…');
    }
    if out.is_empty() {
        "(empty body)".to_owned()
    } else {
        printable(&out)
    }
}

/// The storyboard object in a reply: the whole text, else a ```json fence, else a JSON
/// object embedded in prose. When a reply holds several objects (a "thinking" object, an
/// echoed schema, then the storyboard), the first one with a `shots` member wins, else the
/// first one. A reply that starts as a JSON object but breaks off or goes wrong is not
/// mined for the smaller objects inside it: [`json_problem`] says what broke.
pub fn extract_json(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if let Ok(value @ Value::Object(_)) = serde_json::from_str::<Value>(trimmed) {
        return Some(value);
    }
    let fenced = fences(trimmed).filter_map(|body| match serde_json::from_str::<Value>(body) {
        Ok(value @ Value::Object(_)) => Some(value),
        _ => None,
    });
    let embedded = top_level_objects(trimmed);
    let mut first = None;
    for value in fenced.chain(embedded) {
        if value.get("shots").is_some() {
            return Some(value);
        }
        first.get_or_insert(value);
    }
    first
}

/// Why [`extract_json`] found nothing in `text`, for the repair request: the JSON error
/// (with its line and column) when the reply or its code block starts as an object.
pub fn json_problem(text: &str) -> String {
    let trimmed = text.trim();
    let attempted = if trimmed.starts_with('{') {
        Some(("the reply", trimmed))
    } else {
        fences(trimmed)
            .find(|body| body.starts_with('{'))
            .map(|body| ("the reply's code block", body))
    };
    match attempted {
        Some((what, json)) => match serde_json::from_str::<Value>(json) {
            Err(e) if e.is_eof() => format!("{what} is cut short, not valid JSON ({e})"),
            Err(e) => format!("{what} is not valid JSON ({e})"),
            Ok(_) => format!("{what} is not a JSON object"),
        },
        None => "the reply holds no JSON object".to_owned(),
    }
}

/// The bodies of the ``` code blocks in `text` (an unclosed last block included), trimmed,
/// without their language tag.
fn fences(text: &str) -> impl Iterator<Item = &str> {
    text.split("```").skip(1).step_by(2).map(|fence| {
        fence
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric())
            .trim()
    })
}

/// The JSON objects embedded in `text`, outermost only; at most 64 starts are tried, so a
/// text full of stray braces costs linear time. An object that breaks off (end of input), or
/// a broken one the whole text starts with, ends the search: what follows is inside it.
fn top_level_objects(text: &str) -> impl Iterator<Item = Value> + '_ {
    let mut starts = text.match_indices('{').map(|(start, _)| start);
    let mut resume = 0;
    let mut tries = 0;
    std::iter::from_fn(move || {
        while tries < 64 {
            let start = starts.find(|&start| start >= resume)?;
            tries += 1;
            let mut stream =
                serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
            match stream.next() {
                Some(Ok(value @ Value::Object(_))) => {
                    resume = start + stream.byte_offset();
                    return Some(value);
                }
                Some(Err(e)) if e.is_eof() || start == 0 => return None,
                _ => {}
            }
        }
        None
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
        assert_eq!(
            extract_json(r#"{"thoughts": "one shot"} {"shots": [], "x": {"y": 1}}"#),
            Some(serde_json::json!({"shots": [], "x": {"y": 1}}))
        );
        assert_eq!(
            extract_json(r#"{"a": 1} {"b": 2}"#),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(extract_json("{\"cut\": "), None);
        // a broken object is not mined for the objects inside it
        assert_eq!(extract_json(r#"{"a": {"b": 1}, "c": NaN}"#), None);
        assert_eq!(extract_json(r#"Sure: {"a": {"b": 1}, "c": "#), None);
    }

    #[test]
    fn json_problems_name_the_parse_error() {
        let cut = json_problem(r#"{"title": "Pan"#);
        assert!(cut.starts_with("the reply is cut short"), "{cut}");
        assert!(cut.contains("line 1 column"), "{cut}");
        let nan = json_problem(r#"{"duration_s": NaN}"#);
        assert!(nan.starts_with("the reply is not valid JSON"), "{nan}");
        let fenced = json_problem("Here:\n```json\n{\"a\": \n");
        assert!(
            fenced.starts_with("the reply's code block is cut short"),
            "{fenced}"
        );
        assert_eq!(json_problem("I can't."), "the reply holds no JSON object");
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
        assert_eq!(
            error_message(r#"{"error":"\u001b]0;pwned\u0007\u001b[2Jgone"}"#),
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2Jgone"
        );
        assert_eq!(excerpt("<p>\u{1b}[2J</p>"), "<p>\\u{1b}[2J</p>");
    }
}
