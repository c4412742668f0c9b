//! Tidying a prompt before it is split into words: pictographs (emoji) dropped, "+" and "&"
//! between words read as "and", and common misspellings of lexicon words corrected
//! ([`crate::lang::correction`]).

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::lang::{self, Analysis, Upos, correction, lexicon};

/// `text` tidied; borrowed when nothing changed.
pub(super) fn tidy(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    // the tagger's reading of the prompt as written, for telling names from misspellings
    let reading: OnceCell<Analysis> = OnceCell::new();
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
            .then(|| {
                let opens = sentence_start(&chars, i);
                let name = || {
                    let at = chars[..i].iter().map(|c| c.len_utf8()).sum();
                    is_name(text, &word, at, reading.get_or_init(|| lang::analyze(text)))
                };
                corrected(&word, opens, name)
            })
            .flatten();
            match fixed {
                Some(fixed) => {
                    out.push_str(&fixed);
                    changed = true;
                }
                None => out.push_str(&word),
            }
            i = end;
            // "Dr. Chen": a title's period is no sentence end; the name follows without it
            if title_before_name(&chars, &word, end) {
                i += 1;
                changed = true;
            }
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
/// sentence and is no name (`is_name`, asked only then). Other capitalised words are names
/// and stay as written.
fn corrected(word: &str, opens_sentence: bool, is_name: impl FnOnce() -> bool) -> Option<String> {
    if word.chars().all(|c| c.is_ascii_lowercase()) {
        return correction(word).map(String::from);
    }
    let mut rest = word.chars();
    let first = rest.next()?;
    if !(opens_sentence && first.is_ascii_uppercase() && rest.all(|c| c.is_ascii_lowercase())) {
        return None;
    }
    let fixed = correction(&word.to_ascii_lowercase())?;
    if is_name() {
        return None;
    }
    let mut letters = fixed.chars();
    let head = letters.next()?.to_ascii_uppercase();
    Some(std::iter::once(head).chain(letters).collect())
}

/// Whether the capitalised `word` at byte `at` of `text` is a name rather than a misspelt
/// word opening a sentence: the tagger reads it as a proper noun, or the prompt writes it
/// capitalised again ("Lena found a sparrow. … Lena opened the box").
fn is_name(text: &str, word: &str, at: usize, reading: &Analysis) -> bool {
    let proper = reading
        .sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .find(|t| t.span.start == at)
        .is_some_and(|t| t.upos == Upos::Propn);
    let again = text.match_indices(word).any(|(k, _)| {
        k != at
            && !text[..k].ends_with(|c: char| c.is_alphanumeric())
            && !text[k + word.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    proper || again
}

/// Whether `word`, ending at `end`, is a capitalised abbreviated title whose period there is
/// followed by a space and a capitalised name ("Dr. Chen", "Ms. Ortiz").
fn title_before_name(chars: &[char], word: &str, end: usize) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
        && chars.get(end) == Some(&'.')
        && chars.get(end + 1).is_some_and(|c| c.is_whitespace())
        && chars.get(end + 2).is_some_and(|c| c.is_uppercase())
        && lexicon().is_title(&word.to_lowercase())
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
        assert_eq!(
            tidy("A dgo runs. The zebbra waits"),
            "A dog runs. The zebra waits"
        );
        assert_eq!(tidy("🚲 a kid rides 🌄"), "  a kid rides  ");
        assert_eq!(tidy("dog+cat fight"), "dog and cat fight");
        assert_eq!(tidy("2+2 = 4"), "2+2 = 4");
    }

    #[test]
    fn names_and_parts_of_longer_words_are_kept() {
        // a capitalised unknown word before its verb reads as a name, not a slip of "girl"
        assert_eq!(tidy("Gril meets a dog"), "Gril meets a dog");
        assert_eq!(tidy("then Dgo waves"), "then Dgo waves");
        assert!(matches!(tidy("a dgo-like shape"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_name_opening_a_sentence_is_not_corrected() {
        // "Lena" is one swap from "lean"; the tagger reads it as a name
        assert_eq!(tidy("Lena walks in"), "Lena walks in");
        assert_eq!(
            tidy("Lena found a sparrow. Later Lena opened the box."),
            "Lena found a sparrow. Later Lena opened the box."
        );
    }

    #[test]
    fn a_title_keeps_its_name_in_the_sentence() {
        assert_eq!(
            tidy("Dr. Chen opens the door. Ms. Ortiz waves."),
            "Dr Chen opens the door. Ms Ortiz waves."
        );
        assert_eq!(tidy("She sees the dr. Then"), "She sees the dr. Then");
    }
}
