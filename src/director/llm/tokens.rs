//! Counting a request's input tokens offline with tiktoken's o200k encoding (for
//! `--dry-run` and the README's figures). Servers with other tokenizers differ slightly.

use serde_json::Value;

/// Token counts of a request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TokenCount {
    /// Tokens of the messages' text plus the per-message overhead of the chat format.
    pub messages: usize,
    /// Tokens of the `response_format` schema, which OpenAI bills as input too.
    pub schema: usize,
}

impl TokenCount {
    /// Messages and schema together.
    pub fn total(&self) -> usize {
        self.messages + self.schema
    }
}

/// Counts the input tokens of a chat-completions request body.
pub fn count(body: &Value) -> TokenCount {
    let bpe = tiktoken_rs::o200k_base_singleton();
    let messages = body
        .get("messages")
        .and_then(Value::as_array)
        .map(|messages| {
            messages
                .iter()
                .map(|m| {
                    let text = m.get("content").and_then(Value::as_str).unwrap_or_default();
                    // role + separators per message, as OpenAI's chat format counts them
                    bpe.encode_ordinary(text).len() + 4
                })
                .sum::<usize>()
                + 3
        })
        .unwrap_or(0);
    let schema = body
        .get("response_format")
        .map(|f| bpe.encode_ordinary(&f.to_string()).len())
        .unwrap_or(0);
    TokenCount { messages, schema }
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
        assert_eq!(large.total(), large.messages + large.schema);
    }
}
