//! Building the chat-completions request body: messages from the templates, sampling
//! options, and the `response_format` of the output mode.

use serde_json::{Value, json};

use super::mode::OutputMode;
use super::prompts::PromptSet;
use super::settings::LlmSettings;
use crate::director::{DirectorError, Request};
use crate::schema;

/// Name of the schema in `response_format.json_schema.name`.
const SCHEMA_NAME: &str = "storyboard";

/// One chat message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// "system", "user" or "assistant".
    pub role: &'static str,
    /// The text.
    pub content: String,
}

impl Message {
    fn new(role: &'static str, content: impl Into<String>) -> Self {
        Self {
            role,
            content: content.into(),
        }
    }
}

/// The first conversation: system, the first `examples` few-shot pairs, then the user's
/// prompt.
pub fn first_messages(
    prompts: &PromptSet,
    request: &Request,
    mode: OutputMode,
    examples: usize,
) -> Result<Vec<Message>, DirectorError> {
    let mut messages = vec![Message::new("system", prompts.system(mode)?)];
    for example in prompts.examples().iter().take(examples) {
        let user = prompts.user(&Request::new(example.prompt.clone()))?;
        messages.push(Message::new("user", user));
        messages.push(Message::new("assistant", example.storyboard.clone()));
    }
    messages.push(Message::new("user", prompts.user(request)?));
    Ok(messages)
}

/// Most characters of the model's last reply echoed back in a repair request.
pub const MAX_ECHOED_REPLY_CHARS: usize = 32_000;

/// The repair conversation: what the model needs to fix its reply and nothing more — the
/// system message and the user's prompt of the first conversation (its few-shot pairs are
/// left out: the reply being fixed already has the shape they show), the model's last reply,
/// then the repair message. Only the last reply is kept, so every repair round costs the same;
/// a reply longer than [`MAX_ECHOED_REPLY_CHARS`] (a server ignoring `max_tokens`) is echoed
/// cut, so a runaway answer cannot make every repair request as large.
pub fn repair_messages(first: &[Message], reply: &str, repair: String) -> Vec<Message> {
    let prompt = first.iter().rposition(|m| m.role == "user");
    let mut messages: Vec<Message> = first
        .iter()
        .enumerate()
        .filter(|(i, m)| m.role == "system" || Some(*i) == prompt)
        .map(|(_, m)| m.clone())
        .collect();
    messages.push(Message::new("assistant", echoed(reply)));
    messages.push(Message::new("user", repair));
    messages
}

/// `reply`, cut to [`MAX_ECHOED_REPLY_CHARS`] with a note saying how much was left out.
fn echoed(reply: &str) -> String {
    match reply.char_indices().nth(MAX_ECHOED_REPLY_CHARS) {
        None => reply.to_owned(),
        Some((cut, _)) => format!(
            "{}\n[… {} more characters cut]",
            &reply[..cut],
            reply[cut..].chars().count()
        ),
    }
}

/// The request body for `messages` in `mode`.
pub fn body(
    settings: &LlmSettings,
    messages: &[Message],
    mode: OutputMode,
    max_tokens: u32,
) -> Value {
    let mut body = json!({
        "model": settings.model,
        "messages": messages_json(messages),
        "temperature": settings.temperature,
        "max_tokens": max_tokens,
        "stream": false,
    });
    if let (Some(seed), Value::Object(map)) = (settings.seed, &mut body) {
        map.insert("seed".into(), json!(seed));
    }
    let format = match mode {
        OutputMode::JsonSchema => Some(json!({
            "type": "json_schema",
            "json_schema": {"name": SCHEMA_NAME, "strict": true, "schema": schema::wire_schema()},
        })),
        OutputMode::JsonObject => Some(json!({"type": "json_object"})),
        OutputMode::Text => None,
    };
    if let (Some(format), Value::Object(map)) = (format, &mut body) {
        map.insert("response_format".into(), format);
    }
    body
}

/// `body` with `messages` in place of its own, every other field (and the field order) kept:
/// the next turn of a conversation known only by the body of its last request, as in a Batch
/// API requests file.
pub fn with_messages(body: &Value, messages: &[Message]) -> Value {
    let mut next = body.clone();
    if let Value::Object(map) = &mut next {
        map.insert("messages".into(), Value::Array(messages_json(messages)));
    }
    next
}

/// The messages of a request body [`body`] built; `None` when the body has no messages, or
/// one with a role other than system, user or assistant or with content that is not text.
pub fn messages_of(body: &Value) -> Option<Vec<Message>> {
    body.get("messages")?
        .as_array()?
        .iter()
        .map(|m| {
            let role = m.get("role")?.as_str()?;
            let role = ["system", "user", "assistant"]
                .into_iter()
                .find(|known| *known == role)?;
            Some(Message::new(role, m.get("content")?.as_str()?))
        })
        .collect()
}

/// The messages as a request body carries them.
fn messages_json(messages: &[Message]) -> Vec<Value> {
    messages
        .iter()
        .map(|m| json!({"role": m.role, "content": m.content}))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> LlmSettings {
        LlmSettings::new("http://127.0.0.1:1/v1")
    }

    #[test]
    fn json_schema_mode_sends_the_strict_wire_schema() {
        let prompts = PromptSet::embedded().unwrap();
        let messages =
            first_messages(&prompts, &Request::new("a cat"), OutputMode::JsonSchema, 2).unwrap();
        let body = body(&settings(), &messages, OutputMode::JsonSchema, 100);
        assert_eq!(body["response_format"]["type"], "json_schema");
        assert_eq!(body["response_format"]["json_schema"]["strict"], true);
        assert_eq!(
            body["response_format"]["json_schema"]["schema"],
            schema::wire_schema()
        );
        assert_eq!(body["max_tokens"], 100);
        assert_eq!(body["stream"], false);
        // system + 2 few-shot pairs + the prompt
        assert_eq!(body["messages"].as_array().unwrap().len(), 6);
        assert_eq!(body["messages"][5]["content"], "<idea>a cat</idea>");
    }

    #[test]
    fn other_modes_ask_for_json_object_or_nothing() {
        let prompts = PromptSet::embedded().unwrap();
        let messages =
            first_messages(&prompts, &Request::new("a cat"), OutputMode::Text, 0).unwrap();
        assert_eq!(
            body(&settings(), &messages, OutputMode::JsonObject, 1)["response_format"]["type"],
            "json_object"
        );
        assert!(
            body(&settings(), &messages, OutputMode::Text, 1)
                .get("response_format")
                .is_none()
        );
    }

    #[test]
    fn repair_keeps_system_and_prompt_and_appends_reply_and_diagnostics() {
        let first = vec![
            Message::new("system", "s"),
            Message::new("user", "example prompt"),
            Message::new("assistant", "example storyboard"),
            Message::new("user", "u"),
        ];
        let msgs = repair_messages(&first, "{}", "fix it".into());
        let texts: Vec<_> = msgs.iter().map(|m| (m.role, m.content.as_str())).collect();
        assert_eq!(
            texts,
            [
                ("system", "s"),
                ("user", "u"),
                ("assistant", "{}"),
                ("user", "fix it")
            ]
        );
    }

    #[test]
    fn a_runaway_reply_is_echoed_cut() {
        let reply = "é".repeat(MAX_ECHOED_REPLY_CHARS + 5);
        let msgs = repair_messages(&[], &reply, "fix it".into());
        let echoed = &msgs[0].content;
        assert!(echoed.starts_with(&"é".repeat(MAX_ECHOED_REPLY_CHARS)));
        assert!(
            echoed.ends_with("[… 5 more characters cut]"),
            "{}",
            &echoed[echoed.len() - 40..]
        );
    }

    #[test]
    fn a_body_gives_back_its_messages_and_takes_new_ones_in_place() {
        let prompts = PromptSet::embedded().unwrap();
        let first = first_messages(&prompts, &Request::new("a cat"), OutputMode::Text, 0).unwrap();
        let sent = body(&settings(), &first, OutputMode::Text, 7);
        assert_eq!(messages_of(&sent), Some(first.clone()));
        let next = repair_messages(&first, "{}", "fix it".into());
        assert_eq!(
            with_messages(&sent, &next),
            body(&settings(), &next, OutputMode::Text, 7)
        );
        assert_eq!(
            messages_of(&json!({"messages": [{"role": "tool", "content": "x"}]})),
            None
        );
        assert_eq!(messages_of(&json!({"model": "m"})), None);
    }
}
