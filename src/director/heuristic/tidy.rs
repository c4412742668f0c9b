//! Tidying a prompt before it is split into words: pictographs (emoji) dropped, "+" and "&"
//! between words read as "and", and common misspellings of lexicon words corrected
//! ([`crate::lang::correction`]).

use std::borrow::Cow;

use crate::lang::correction;

/// `text` tidied; borrowed when nothing changed.
pub(super) fn tidy(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphabetic() {
            let end = (i..chars.len())
                .find(|&k| !chars[k].is_ascii_alphabetic())
                .unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            let bounded = |k: Option<&char>| k.is_none_or(|c| !joins_word(*c));
            let fixed = (bounded(i.checked_sub(1).and_then(|k| chars.get(k)))
                && bounded(chars.get(end)))
            .then(|| corrected(&word, sentence_start(&chars, i)))
            .flatten();
            match fixed {
                Some(fixed) => {
                    out.push_str(&fixed);
                    changed = true;
                }
                None => out.push_str(&word),
            }
            i = end;
            continue;
        }
        if is_pictograph(c) {
            out.push(' ');
            changed = true;
        } else if matches!(c, '+' | '&') && between_words(&chars, i) {
            out.push_str(" and ");
            changed = true;
        } else {
            out.push(c);
        }
        i += 1;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// The correction of `word`: in lower case, or capitalised as written when it opens a
/// sentence. Other capitalised words are names and stay as written.
fn corrected(word: &str, opens_sentence: bool) -> Option<String> {
    if word.chars().all(|c| c.is_ascii_lowercase()) {
        return correction(word).map(String::from);
    }
    let mut rest = word.chars();
    let first = rest.next()?;
    if !(opens_sentence && first.is_ascii_uppercase() && rest.all(|c| c.is_ascii_lowercase())) {
        return None;
    }
    let fixed = correction(&word.to_ascii_lowercase())?;
    let mut letters = fixed.chars();
    let head = letters.next()?.to_ascii_uppercase();
    Some(std::iter::once(head).chain(letters).collect())
}

/// Characters that make a letter run part of a longer word ("10-second", "bird's").
fn joins_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '_')
}

/// Whether the letters at `i` open a sentence (nothing but spaces and quotes after the
/// last . ! ? before them).
fn sentence_start(chars: &[char], i: usize) -> bool {
    chars[..i]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '\'' | '('))
        .is_none_or(|c| matches!(c, '.' | '!' | '?'))
}

/// Whether the character at `i` stands between two words ("dog+cat", "salt & pepper").
fn between_words(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|c| !c.is_whitespace());
    let after = chars[i + 1..].iter().find(|c| !c.is_whitespace());
    before.is_some_and(|c| c.is_alphabetic()) && after.is_some_and(|c| c.is_alphabetic())
}

/// Whether `c` is a pictograph (emoji, dingbat, arrow, joiner or variation selector) rather
/// than a letter or punctuation: it carries nothing the rules read.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE00..=0xFE0F | 0x200D)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_pictographs_and_plus_signs_are_tidied() {
        assert_eq!(tidy("a gril walkng her dgo"), "a girl walking her dog");
        assert_eq!(tidy("Dgo runs. Zebbra waits"), "Dog runs. Zebra waits");
        assert_eq!(tidy("🚲 a kid rides 🌄"), "  a kid rides  ");
        assert_eq!(tidy("dog+cat fight"), "dog and cat fight");
        assert_eq!(tidy("2+2 = 4"), "2+2 = 4");
    }

    #[test]
    fn names_and_parts_of_longer_words_are_kept() {
        assert_eq!(tidy("Gril meets a dog"), "Girl meets a dog");
        assert_eq!(tidy("then Dgo waves"), "then Dgo waves");
        assert!(matches!(tidy("a dgo-like shape"), Cow::Borrowed(_)));
    }
}
