//! Splitting a prompt into word and punctuation tokens.

/// One token of the prompt.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    /// The text as written.
    pub text: String,
    /// The text in lower case, curly apostrophes made straight.
    pub lower: String,
    /// Whether this is punctuation (one character) rather than a word.
    pub punct: bool,
}

impl Token {
    /// Whether this token is the punctuation mark `c`.
    pub fn is(&self, c: char) -> bool {
        self.punct && self.text.starts_with(c)
    }

    /// Whether this token ends a sentence (. ! ?).
    pub fn ends_sentence(&self) -> bool {
        self.punct && matches!(self.text.as_str(), "." | "!" | "?" | "。" | "！" | "？")
    }
}

/// Splits `text` into tokens. Words keep inner hyphens and apostrophes ("close-up",
/// "worm's-eye", "10-second"); every other non-space character is its own token.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins = (c == '-' || c == '\'' || c == '’' || c == '.')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
            && (c != '.' || word.chars().all(|w| w.is_ascii_digit()));
        if c.is_alphanumeric() || joins {
            word.push(if c == '’' { '\'' } else { c });
            continue;
        }
        flush(&mut word, &mut tokens);
        if !c.is_whitespace() {
            tokens.push(Token {
                text: c.to_string(),
                lower: c.to_string(),
                punct: true,
            });
        }
    }
    flush(&mut word, &mut tokens);
    tokens
}

fn flush(word: &mut String, tokens: &mut Vec<Token>) {
    if !word.is_empty() {
        tokens.push(Token {
            lower: word.to_lowercase(),
            text: std::mem::take(word),
            punct: false,
        });
    }
}

/// Joins tokens back into text with natural spacing.
pub(super) fn join(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        if !(out.is_empty()
            || t.punct && matches!(t.text.as_str(), "," | "." | ";" | ":" | "!" | "?" | ")"))
        {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn keeps_hyphenated_words_and_numbers_whole() {
        assert_eq!(
            words("A 10-second close-up, 2.5 s."),
            ["a", "10-second", "close-up", ",", "2.5", "s", "."]
        );
    }

    #[test]
    fn splits_punctuation_and_handles_curly_apostrophes() {
        assert_eq!(
            words("bird’s-eye view; then"),
            ["bird's-eye", "view", ";", "then"]
        );
    }

    #[test]
    fn join_restores_spacing() {
        assert_eq!(join(&tokenize("walks, then  waves.")), "walks, then waves.");
    }
}
