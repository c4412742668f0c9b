//! Text a server controls, made safe before anyone sees it: secrets the server echoes back
//! (the API key, any `Bearer` token, the base URL's password) are replaced by
//! `<redacted>`, and control characters that would drive a terminal (`ESC]0;TITLE BEL`,
//! `ESC[2J`) or reorder it (bidi overrides) are escaped.
//!
//! The HTTP transport redacts every response body as it arrives, before anything parses,
//! logs, records (cassettes) or caches it; messages built from a body are made
//! [`printable`].

use std::borrow::Cow;

/// What replaces a secret.
pub const REDACTED: &str = "<redacted>";

/// Shortest API key redacted by value. Shorter "keys" are placeholders for servers that
/// need none (`none`, `dummy`), and replacing every occurrence of them would corrupt
/// replies; a `Bearer` token is redacted whatever its length.
pub const MIN_SECRET_CHARS: usize = 8;

/// The secrets of one endpoint.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets {
    words: Vec<String>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} redacted)", self.words.len())
    }
}

impl Secrets {
    /// The secrets of an endpoint: its API key and the password of its base URL (as
    /// written and percent-decoded), each when at least [`MIN_SECRET_CHARS`] long.
    pub fn new(api_key: &str, base_url: &str) -> Self {
        let mut words = vec![api_key.to_owned()];
        if let Ok(url) = url::Url::parse(base_url)
            && let Some(password) = url.password()
        {
            words.push(password.to_owned());
            if let Ok(decoded) = percent_encoding::percent_decode_str(password).decode_utf8() {
                words.push(decoded.into_owned());
            }
        }
        words.retain(|w| w.chars().count() >= MIN_SECRET_CHARS);
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        Self { words }
    }

    /// `bytes` with every secret and every `Bearer` token replaced by [`REDACTED`].
    pub fn redact<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        let mut out = Cow::Borrowed(bytes);
        for word in &self.words {
            if let Some(replaced) = replace_all(&out, word.as_bytes()) {
                out = Cow::Owned(replaced);
            }
        }
        match redact_bearer_tokens(&out) {
            Some(replaced) => Cow::Owned(replaced),
            None => out,
        }
    }

    /// [`Secrets::redact`] for text.
    pub fn redact_text(&self, text: &str) -> String {
        String::from_utf8_lossy(&self.redact(text.as_bytes())).into_owned()
    }
}

/// `url` with its user name and password, when it has either, replaced by [`REDACTED`]
/// (`http://<redacted>@host/v1`); text that is not a URL is returned unchanged.
pub fn redact_url(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_owned();
    };
    if parsed.username().is_empty() && parsed.password().is_none() {
        return url.to_owned();
    }
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    let scheme = parsed.scheme().to_owned();
    let text = parsed.to_string();
    let rest = text.get(scheme.len() + 3..).unwrap_or_default();
    format!("{scheme}://{REDACTED}@{rest}")
}

/// `text` safe to show on a terminal or in a log: every control character but newline and
/// tab, and every bidirectional-text control, written as a `\u{…}` escape; `Bearer` tokens
/// redacted.
pub fn printable(text: &str) -> String {
    let text = match redact_bearer_tokens(text.as_bytes()) {
        Some(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
        None => Cow::Borrowed(text),
    };
    if !text.chars().any(unsafe_char) {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` can drive or reorder a terminal: C0 and C1 controls (but newline and tab),
/// DEL, and the bidirectional marks, embeddings, overrides and isolates.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `haystack` with each `needle` replaced by [`REDACTED`]; `None` when there is none.
fn replace_all(haystack: &[u8], needle: &[u8]) -> Option<Vec<u8>> {
    if needle.is_empty() || !haystack.windows(needle.len()).any(|w| w == needle) {
        return None;
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(REDACTED.as_bytes());
            i += needle.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Bytes a bearer token is made of (RFC 6750 `b64token`).
fn token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b)
}

/// `bytes` with the token after each `Bearer` (any case, then spaces) replaced by
/// [`REDACTED`]. A token is 8 or more token bytes with a digit among them, so prose ("the
/// flag bearer marches") is left alone. `None` when there is none.
fn redact_bearer_tokens(bytes: &[u8]) -> Option<Vec<u8>> {
    const WORD: &[u8] = b"bearer";
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i + WORD.len() < bytes.len() {
        if !bytes[i..i + WORD.len()].eq_ignore_ascii_case(WORD) {
            i += 1;
            continue;
        }
        let mut start = i + WORD.len();
        while bytes.get(start).is_some_and(|b| *b == b' ' || *b == b'\t') {
            start += 1;
        }
        let mut end = start;
        while bytes.get(end).copied().is_some_and(token_byte) {
            end += 1;
        }
        let token = &bytes[start..end];
        if start > i + WORD.len() && token.len() >= 8 && token.iter().any(u8::is_ascii_digit) {
            let buf = out.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
            buf.extend_from_slice(&bytes[copied..start]);
            buf.extend_from_slice(REDACTED.as_bytes());
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.map(|mut buf| {
        buf.extend_from_slice(&bytes[copied..]);
        buf
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "sk-test-SECRET-1234";

    #[test]
    fn the_key_and_bearer_tokens_are_redacted_wherever_they_appear() {
        let secrets = Secrets::new(KEY, "http://127.0.0.1:1/v1");
        let body = format!(
            r#"{{"error":{{"message":"Incorrect API key provided: {KEY}. Header was: Bearer {KEY}; also bearer eyJhbGciOiJIUzI1NiJ9.e30.x1"}}}}"#
        );
        let out = secrets.redact_text(&body);
        assert!(!out.contains(KEY), "{out}");
        assert!(!out.contains("eyJhbGci"), "{out}");
        assert!(
            out.contains("Incorrect API key provided: <redacted>."),
            "{out}"
        );
        assert_eq!(out.matches(REDACTED).count(), 3, "{out}");
        let prose = "the flag bearer marches; a bearer of news";
        assert_eq!(secrets.redact_text(prose), prose);
    }

    #[test]
    fn base_url_passwords_are_secrets_and_short_keys_are_placeholders() {
        let secrets = Secrets::new("none", "http://user:p%40ssw0rd-long@host/v1");
        assert_eq!(
            secrets.redact_text("auth p@ssw0rd-long and p%40ssw0rd-long, none"),
            "auth <redacted> and <redacted>, none"
        );
    }

    #[test]
    fn urls_lose_user_and_password() {
        assert_eq!(
            redact_url("http://user:pa55word@127.0.0.1:8080/v1"),
            "http://<redacted>@127.0.0.1:8080/v1"
        );
        assert_eq!(
            redact_url("https://token@api.example/v1"),
            "https://<redacted>@api.example/v1"
        );
        assert_eq!(
            redact_url("http://127.0.0.1:8080/v1"),
            "http://127.0.0.1:8080/v1"
        );
        assert_eq!(redact_url("not a url"), "not a url");
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_escaped() {
        let hostile = "bad\u{1b}]0;TITLE\u{7}\u{1b}[2J key\u{202e}gnp.exe\u{9b}31m\nnext\tline";
        assert_eq!(
            printable(hostile),
            "bad\\u{1b}]0;TITLE\\u{7}\\u{1b}[2J key\\u{202e}gnp.exe\\u{9b}31m\nnext\tline"
        );
        assert_eq!(printable("plain"), "plain");
    }
}
