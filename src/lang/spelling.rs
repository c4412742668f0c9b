//! Correcting common misspellings of lexicon words ("gril" → "girl", "zebbra" → "zebra",
//! "elefant" → "elephant"). A word is corrected only when it is unknown (to the lexicon, its
//! inflections and the words of the treebank, `data/ewt-words.txt`) and exactly one lexicon
//! word lies one common typing slip away: two letters swapped, a letter doubled or
//! undoubled, a vowel left out inside a longer word, or "ph" written "f". A mistyped letter
//! is not corrected: too many real words are one letter from a listed one ("marsh",
//! "march").

use std::collections::HashMap;
use std::sync::LazyLock;

use super::fast_hash::WordSet;
use super::lexicon::lexicon;
use super::morph::{gerund, past, plural, third_person};
use super::verb_forms::verb_form;

/// Cost of two adjacent letters swapped ("gril").
const SWAP: f32 = 0.8;
/// Cost of a letter doubled or undoubled ("watter", "hapy").
const DOUBLING: f32 = 0.9;
/// Cost of a vowel left out inside the word ("walkng").
const SLIP: f32 = 1.0;
/// Cost of "ph" written as "f" ("elefant").
const SOUND: f32 = 0.5;
/// Shortest word a missing letter is corrected in (shorter words are too often other real
/// words).
const MIN_SLIP_LEN: usize = 5;
/// Shortest word corrected at all.
const MIN_LEN: usize = 3;

/// Every lexicon word and its inflections, by first letter.
struct Vocabulary {
    by_initial: HashMap<char, Vec<String>>,
    known: WordSet<String>,
    treebank: WordSet<&'static str>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let lex = lexicon();
    let mut known: WordSet<String> = WordSet::default();
    for word in lex.words() {
        known.insert(word.to_string());
    }
    for verb in lex.verb_bases() {
        for form in [gerund(verb), third_person(verb), past(verb)] {
            known.insert(form);
        }
    }
    for noun in lex.nouns() {
        known.insert(plural(noun));
    }
    let mut by_initial: HashMap<char, Vec<String>> = HashMap::new();
    for word in &known {
        if let Some(c) = word.chars().next()
            && word.chars().all(char::is_alphabetic)
        {
            by_initial.entry(c).or_default().push(word.clone());
        }
    }
    for words in by_initial.values_mut() {
        words.sort();
    }
    let treebank = include_str!("data/ewt-words.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    Vocabulary {
        by_initial,
        known,
        treebank,
    }
});

/// Whether `word` (lower case) is a word the lexicon or the treebank knows, or an
/// inflection of one.
pub fn is_known_word(word: &str) -> bool {
    let lex = lexicon();
    VOCABULARY.known.contains(word)
        || verb_form(word).is_some()
        || lex.is_noun(word)
        || lex.is_adjective(word)
        || lex.number_word(word).is_some()
        || VOCABULARY.treebank.contains(word)
}

/// The lexicon word `word` (lower case) misspells, when it is unknown and exactly one
/// lexicon word is a common typing slip away from it.
pub fn correction(word: &str) -> Option<&'static str> {
    let len = word.chars().count();
    if len < MIN_LEN || !word.chars().all(|c| c.is_ascii_lowercase()) || is_known_word(word) {
        return None;
    }
    let initial = word.chars().next()?;
    let candidates = VOCABULARY.by_initial.get(&initial)?;
    let mut best: Option<(f32, &'static str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let Some(cost) = slip_cost(word, candidate) else {
            continue;
        };
        match best {
            Some((b, _)) if cost > b => {}
            Some((b, _)) if cost == b => tied = true,
            _ => {
                best = Some((cost, candidate.as_str()));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, w)| w)
}

/// The cost of the one typing slip that turns `typed` (ASCII lower case) into `meant`, if
/// one does.
fn slip_cost(typed: &str, meant: &str) -> Option<f32> {
    if meant.contains("ph") && meant.replacen("ph", "f", 1) == typed {
        return Some(SOUND);
    }
    // Every slip below keeps all of `meant`'s letters but one in ASCII `typed`: a word with
    // other letters, or longer or shorter by more than one, is no slip of it. (The candidate
    // search tries every listed word of the same initial: this test rejects most at once.)
    if !meant.is_ascii() || meant.len().abs_diff(typed.len()) > 1 {
        return None;
    }
    let (t, m) = (typed.as_bytes(), meant.as_bytes());
    let long_enough = t.len() >= MIN_SLIP_LEN;
    if t.len() == m.len() {
        let mut diff = (0..t.len()).filter(|&i| t[i] != m[i]);
        return match (diff.next(), diff.next(), diff.next()) {
            (Some(i), Some(j), None) if j == i + 1 && t[i] == m[j] && t[j] == m[i] => Some(SWAP),
            _ => None,
        };
    }
    if t.len() == m.len() + 1 {
        // an extra letter: only a doubled one ("zebbra"); any other would too often turn a
        // real unlisted word into a listed one ("heron" → "hero")
        let at = first_difference(m, t);
        return (at > 0 && t[at] == t[at - 1] && t[at + 1..] == m[at..]).then_some(DOUBLING);
    }
    let at = first_difference(t, m);
    if m[at + 1..] != t[at..] {
        return None;
    }
    let doubled = at > 0 && m[at] == m[at - 1];
    // a dropped vowel inside a word that is not itself shaped like an inflection
    // ("string" is no slip of "staring")
    let dropped_vowel = long_enough
        && at + 1 < m.len()
        && matches!(m[at], b'a' | b'e' | b'i' | b'o' | b'u')
        && !typed.ends_with("ing");
    if doubled {
        Some(DOUBLING)
    } else {
        dropped_vowel.then_some(SLIP)
    }
}

/// The first index where `shorter` and `longer` differ (the length of `shorter` when it
/// is a prefix of `longer`).
fn first_difference(shorter: &[u8], longer: &[u8]) -> usize {
    shorter
        .iter()
        .zip(longer)
        .position(|(a, b)| a != b)
        .unwrap_or(shorter.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_slips_of_lexicon_words_are_corrected() {
        for (typed, meant) in [
            ("gril", "girl"),
            ("dgo", "dog"),
            ("walkng", "walking"),
            ("zebbra", "zebra"),
            ("watter", "water"),
            ("elefant", "elephant"),
        ] {
            assert_eq!(correction(typed), Some(meant), "{typed}");
        }
    }

    #[test]
    fn known_and_unlike_words_are_kept() {
        for word in [
            "girl",
            "dogs",
            "walked",
            "thru",
            "zorblax",
            "sandcastle",
            "heron",
            "string",
            "flaming",
            "collie",
        ] {
            assert_eq!(correction(word), None, "{word}");
        }
    }
}
