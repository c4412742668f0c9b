//! Counting a request's input tokens offline with tiktoken's o200k encoding (for
//! `--dry-run` and the README's figures). Servers with other tokenizers differ slightly.

use serde_json::Value;

/// Per-message overhead of OpenAI's chat format: role and separators.
const PER_MESSAGE: usize = 4;
/// Overhead of priming the reply, once per request.
const PER_REQUEST: usize = 3;

/// Token counts of a request body, split by where they go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TokenCount {
    /// The system message.
    pub system: usize,
    /// The turns between the system message and the last user message: the few-shot pairs
    /// (in a repair request: the first prompt and the reply being repaired).
    pub examples: usize,
    /// The last user message: the prompt (in a repair request: the diagnostics).
    pub prompt: usize,
    /// Every message, with the chat format's overhead (per message and per request).
    pub messages: usize,
    /// Tokens of the `response_format` schema, which OpenAI bills as input too.
    pub schema: usize,
    /// Messages and schema together: what the request costs.
    pub total: usize,
}

/// Counts the input tokens of a chat-completions request body.
pub fn count(body: &Value) -> TokenCount {
    let bpe = tiktoken_rs::o200k_base_singleton();
    let messages: &[Value] = body
        .get("messages")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let last_user = messages
        .iter()
        .rposition(|m| m.get("role").and_then(Value::as_str) == Some("user"));
    let (mut system, mut examples, mut prompt) = (0, 0, 0);
    for (i, m) in messages.iter().enumerate() {
        let text = m.get("content").and_then(Value::as_str).unwrap_or_default();
        let tokens = bpe.encode_ordinary(text).len() + PER_MESSAGE;
        match m.get("role").and_then(Value::as_str) {
            Some("system") => system += tokens,
            _ if Some(i) == last_user => prompt += tokens,
            _ => examples += tokens,
        }
    }
    let messages = if messages.is_empty() {
        0
    } else {
        system + examples + prompt + PER_REQUEST
    };
    let schema = body
        .get("response_format")
        .map(|f| bpe.encode_ordinary(&f.to_string()).len())
        .unwrap_or(0);
    TokenCount {
        system,
        examples,
        prompt,
        messages,
        schema,
        total: messages + schema,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_grow_with_text_and_include_the_schema() {
        let small = count(&serde_json::json!({"messages": [{"role": "user", "content": "hi"}]}));
        let large = count(&serde_json::json!({
            "messages": [{"role": "user", "content": "hello there, a panda walks from left to right"}],
            "response_format": {"type": "json_object"}
        }));
        assert!(small.messages > 0);
        assert!(large.messages > small.messages);
        assert_eq!(small.schema, 0);
        assert!(large.schema > 0);
        assert_eq!(large.total, large.messages + large.schema);
    }

    #[test]
    fn the_split_puts_each_message_in_one_part() {
        let one = |text: &str| {
            count(&serde_json::json!({"messages": [{"role": "user", "content": text}]})).prompt
        };
        let body = serde_json::json!({"messages": [
            {"role": "system", "content": "rules"},
            {"role": "user", "content": "example idea"},
            {"role": "assistant", "content": "example storyboard"},
            {"role": "user", "content": "the idea"}
        ]});
        let c = count(&body);
        assert_eq!(c.system, one("rules"));
        assert_eq!(c.examples, one("example idea") + one("example storyboard"));
        assert_eq!(c.prompt, one("the idea"));
        assert_eq!(c.messages, c.system + c.examples + c.prompt + PER_REQUEST);
        assert_eq!(count(&serde_json::json!({})).total, 0);
    }
}
