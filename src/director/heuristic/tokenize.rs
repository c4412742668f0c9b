//! Splitting a prompt into word and punctuation tokens, each annotated with what the
//! language layer ([`crate::lang`]) reads: part of speech, lemma and dependency.

use std::ops::Range;

use crate::lang::{self, Upos};

/// One token of the prompt.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    /// The text as written.
    pub text: String,
    /// The text in lower case, curly apostrophes made straight.
    pub lower: String,
    /// Whether this is punctuation (one character) rather than a word.
    pub punct: bool,
    /// The token's position among the prompt's tokens (kept when clauses take slices).
    pub index: usize,
    /// The tagger's part of speech (of the token's syntactic head word, for a token the
    /// language layer splits, such as "10-second").
    pub upos: Upos,
    /// The lemmatizer's dictionary form, lower case.
    pub lemma: String,
    /// The [`Token::index`] of the parser's head token, `None` for a sentence root.
    pub head: Option<usize>,
    /// The dependency relation to the head ("nsubj", "obj", "obl", "nummod", "conj" …).
    pub deprel: String,
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

/// Splits `text`, tidied ([`super::tidy`]), into tokens and annotates them with the language layer's analysis. Words
/// keep inner hyphens and apostrophes ("close-up", "worm's-eye", "10-second"); every other
/// non-space character is its own token.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let text = super::tidy::tidy(text);
    let spans = split(&text);
    annotate(&text, &spans)
}

/// A token's text, byte span and whether it is punctuation.
type Piece = (String, Range<usize>, bool);

/// The tokens' texts and byte spans, before annotation.
fn split(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let joins = (c == '-' || c == '\'' || c == '’' || c == '.')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric())
            && (c != '.' || word.chars().all(|w| w.is_ascii_digit()));
        if c.is_alphanumeric() || joins {
            if word.is_empty() {
                start = at;
            }
            word.push(if c == '’' { '\'' } else { c });
            continue;
        }
        if !word.is_empty() {
            pieces.push((std::mem::take(&mut word), start..at, false));
        }
        if !c.is_whitespace() {
            pieces.push((c.to_string(), at..at + c.len_utf8(), true));
        }
    }
    if !word.is_empty() {
        pieces.push((word, start..text.len(), false));
    }
    pieces
}

/// Tokens for `pieces`, each with the tag, lemma and dependency of the language layer's
/// token that heads the words inside its span.
fn annotate(text: &str, pieces: &[Piece]) -> Vec<Token> {
    let analysis = lang::analyze(text);
    // every language-layer token: (span, upos, lemma, head as a global index, deprel)
    let mut words = Vec::new();
    for sentence in &analysis.sentences {
        let base = words.len();
        for t in &sentence.tokens {
            words.push((
                t.span.clone(),
                t.upos,
                &t.lemma,
                t.head.map(|h| base + h),
                &t.deprel,
            ));
        }
    }
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    // the piece each language-layer token falls in
    let piece_of: Vec<Option<usize>> = words
        .iter()
        .map(|(span, ..)| pieces.iter().position(|(_, p, _)| overlaps(p, span)))
        .collect();
    pieces
        .iter()
        .enumerate()
        .map(|(index, (text, _, punct))| {
            let inside: Vec<usize> = (0..words.len())
                .filter(|&w| piece_of[w] == Some(index))
                .collect();
            // the word whose head lies outside the piece (the piece's syntactic head)
            let head_word = inside
                .iter()
                .copied()
                .find(|&w| words[w].3.is_none_or(|h| piece_of[h] != Some(index)))
                .or_else(|| inside.first().copied());
            let lower = text.to_lowercase();
            match head_word.map(|w| &words[w]) {
                Some((_, upos, lemma, head, deprel)) => Token {
                    text: text.clone(),
                    lemma: lemma.to_lowercase(),
                    upos: *upos,
                    head: head.and_then(|h| piece_of[h]),
                    deprel: (*deprel).clone(),
                    lower,
                    punct: *punct,
                    index,
                },
                None => Token {
                    text: text.clone(),
                    lemma: lower.clone(),
                    upos: if *punct { Upos::Punct } else { Upos::X },
                    head: None,
                    deprel: String::from("dep"),
                    lower,
                    punct: *punct,
                    index,
                },
            }
        })
        .collect()
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
    fn tokens_carry_the_language_layer_reading() {
        let t = tokenize("Two cats chase a red ball.");
        let upos: Vec<Upos> = t.iter().map(|t| t.upos).collect();
        assert_eq!(
            upos,
            [
                Upos::Num,
                Upos::Noun,
                Upos::Verb,
                Upos::Det,
                Upos::Adj,
                Upos::Noun,
                Upos::Punct
            ]
        );
        assert_eq!(
            (t[1].lemma.as_str(), t[1].deprel.as_str()),
            ("cat", "nsubj")
        );
        assert_eq!(t[1].head, Some(2));
        assert_eq!((t[0].deprel.as_str(), t[0].head), ("nummod", Some(1)));
        assert_eq!((t[5].deprel.as_str(), t[5].head), ("obj", Some(2)));
        // a hyphenated word takes the reading of its head word
        let t = tokenize("A 10-second close-up of a cup.");
        assert_eq!(t[1].lower, "10-second");
        assert_eq!((t[2].lower.as_str(), t[2].upos), ("close-up", Upos::Noun));
        assert_eq!(t[5].head, Some(2), "the cup attaches to the close-up");
    }

    #[test]
    fn join_restores_spacing() {
        assert_eq!(join(&tokenize("walks, then  waves.")), "walks, then waves.");
    }
}
