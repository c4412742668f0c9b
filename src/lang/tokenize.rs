//! The tokenizer: text → sentences of word tokens, the way the treebank cuts them.
//!
//! Words are found by Unicode word boundaries (UAX #29, via `unicode-segmentation`), so
//! numbers such as "3.5" and "1,000", words of any script and emoji (with their modifiers
//! and joiners) stay whole. On top of that, as the English Web Treebank does: clitics are
//! split off ("don't" → "do" + "n't", "cat's" → "cat" + "'s", "cannot" → "can" + "not"),
//! hyphens are tokens of their own ("30-second" → "30" "-" "second"; the spans tell that
//! they touch), abbreviations keep their period ("Mr.", "e.g."), "..." and "?!" are one
//! token, clock times ("10:30") are one token, and URLs and e-mail addresses are kept whole.
//! Every token's text is exactly the slice of the input its span covers.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A token before tagging: its text and its byte span in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawToken {
    /// The token as written (always `&input[span]`).
    pub text: String,
    /// Byte offsets in the input.
    pub span: Range<usize>,
}

/// Words that end with a period that belongs to them.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp",
    "mt", "ft", "approx", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "min", "sec", "hrs", "e.g", "i.e", "a.m", "p.m", "u.s",
];

/// Clitics split from the end of a word (lower case, plain apostrophe).
const CLITICS: &[&str] = &["n't", "'s", "'m", "'re", "'ve", "'ll", "'d"];

/// Words the treebank writes as two (`cannot` → `can` + `not`): the word and the split.
const CONTRACTIONS: &[(&str, usize)] = &[("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];

/// Splits `text` into sentences of tokens.
pub fn tokenize(text: &str) -> Vec<Vec<RawToken>> {
    let mut sentences = Vec::new();
    let mut current: Vec<RawToken> = Vec::new();
    let mut last_end = 0;
    for (start, chunk) in chunks(text) {
        if !current.is_empty() && text[last_end..start].matches('\n').count() >= 2 {
            sentences.push(std::mem::take(&mut current));
        }
        last_end = start + chunk.len();
        for span in chunk_tokens(chunk) {
            let span = start + span.start..start + span.end;
            if ends_sentence(&current) && starts_sentence(&text[span.clone()]) {
                sentences.push(std::mem::take(&mut current));
            }
            current.push(RawToken {
                text: text[span.clone()].to_string(),
                span,
            });
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// The whitespace-separated chunks of `text` with their byte offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|c| !c.is_empty())
        .map(move |c| (c.as_ptr() as usize - text.as_ptr() as usize, c))
}

fn is_terminal(t: &str) -> bool {
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
}

fn is_closing(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | ")" | "]" | "\u{201d}" | "\u{2019}" | "\u{00bb}"
    )
}

/// Whether the sentence so far ends with a terminal mark (and closing quotes/brackets).
fn ends_sentence(tokens: &[RawToken]) -> bool {
    let mut i = tokens.len();
    while i > 0 && is_closing(&tokens[i - 1].text) {
        i -= 1;
    }
    i > 0 && is_terminal(&tokens[i - 1].text)
}

/// Whether a token may open a new sentence (not a lower-case word, not closing punctuation).
fn starts_sentence(t: &str) -> bool {
    !t.starts_with(char::is_lowercase)
        && !is_closing(t)
        && !is_terminal(t)
        && !matches!(t, "," | ";" | ":")
}

fn is_url(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || chunk.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty()
                && b.contains('.')
                && a.chars().all(|c| c.is_alphanumeric() || "._+-".contains(c))
        })
}

/// The token spans of one whitespace-free chunk (offsets inside the chunk).
fn chunk_tokens(chunk: &str) -> Vec<Range<usize>> {
    if is_url(chunk) {
        let body = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        let body = if body.len() < 8 { chunk } else { body };
        let url: Range<usize> = 0..body.len();
        let mut out = Vec::new();
        out.push(url);
        out.extend(
            chunk_tokens_plain(&chunk[body.len()..])
                .into_iter()
                .map(|r| r.start + body.len()..r.end + body.len()),
        );
        return out;
    }
    chunk_tokens_plain(chunk)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

fn chunk_tokens_plain(chunk: &str) -> Vec<Range<usize>> {
    let pieces: Vec<Range<usize>> = chunk
        .split_word_bound_indices()
        .map(|(i, w)| i..i + w.len())
        .collect();
    let text = |r: &Range<usize>| &chunk[r.clone()];
    let mut out: Vec<Range<usize>> = Vec::new();
    for piece in pieces {
        let p = text(&piece);
        if let Some(last) = out.last_mut() {
            let prev = &chunk[last.clone()];
            let join = (is_terminal(p) && is_terminal(prev))
                || (p == "-" && prev.chars().all(|c| c == '-'))
                || (p == "." && is_abbreviation(prev))
                || (p.chars().all(is_cjk) && prev.chars().all(is_cjk));
            if join {
                last.end = piece.end;
                continue;
            }
        }
        out.push(piece);
    }
    // Clock times: digits, ":", two digits → one token.
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        let n = merged.len();
        if n >= 2
            && text(&merged[n - 1]) == ":"
            && text(&merged[n - 2]).chars().all(|c| c.is_ascii_digit())
            && !text(&r).is_empty()
            && text(&r).chars().all(|c| c.is_ascii_digit())
            && text(&r).len() == 2
        {
            let start = merged[n - 2].start;
            merged.truncate(n - 2);
            merged.push(start..r.end);
        } else {
            merged.push(r);
        }
    }
    merged
        .into_iter()
        .flat_map(|r| split_clitics(chunk, r))
        .collect()
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    (word.chars().count() == 1 && word.starts_with(char::is_alphabetic))
        || ABBREVIATIONS.contains(&lower.as_str())
        || (lower.contains('.') && lower.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// Splits a clitic off a word token ("don't" → "do" "n't").
fn split_clitics(chunk: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let word = &chunk[r.clone()];
    let lower: String = word.replace('\u{2019}', "'").to_lowercase();
    for (c, at) in CONTRACTIONS {
        if lower == *c {
            return vec![r.start..r.start + at, r.start + at..r.end];
        }
    }
    for clitic in CLITICS {
        if lower.len() > clitic.len() && lower.ends_with(clitic) {
            // Byte length of the clitic in the original (’ is three bytes, ' is one).
            let n_chars = clitic.chars().count();
            let cut = word
                .char_indices()
                .rev()
                .nth(n_chars - 1)
                .map_or(r.start, |(i, _)| r.start + i);
            if cut > r.start {
                return vec![r.start..cut, cut..r.end];
            }
        }
    }
    vec![r]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        tokenize(text)
            .into_iter()
            .map(|s| s.into_iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn spans_are_slices_of_the_input() {
        let text = "Mr. Smith’s cat can't  see the 3.5 m wall… It's 10:30!";
        for s in tokenize(text) {
            for t in s {
                assert_eq!(&text[t.span.clone()], t.text);
            }
        }
    }

    #[test]
    fn clitics_hyphens_and_abbreviations() {
        assert_eq!(
            words("Mr. Smith's dog doesn't bark at a 30-second ad."),
            vec![vec![
                "Mr.", "Smith", "'s", "dog", "does", "n't", "bark", "at", "a", "30", "-", "second",
                "ad", "."
            ]]
        );
        assert_eq!(words("I cannot go")[0], vec!["I", "can", "not", "go"]);
    }
}
