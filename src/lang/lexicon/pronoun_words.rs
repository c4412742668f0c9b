//! Features of the personal pronouns: what each may stand for ("he" a person, "it" a thing),
//! the pronoun a possessive determiner points to ("its" → "it"), the characters English
//! also calls "it" (a robot, a baby) and the endings of nouns naming a person (sailor,
//! violinist). Data files beside this one, parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Lexicon, lines, pairs, set};

/// What a personal pronoun may stand for (`pronoun_kinds.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PronounKind {
    /// A person ("he", "her").
    Person,
    /// A thing or an animal ("it").
    Thing,
    /// Several of anything ("they").
    Group,
}

/// The lists this module reads.
struct PronounWords {
    kinds: HashMap<&'static str, PronounKind>,
    possessives: HashMap<&'static str, &'static str>,
    it_characters: HashSet<&'static str>,
    agent_suffixes: Vec<&'static str>,
}

static PRONOUN_WORDS: LazyLock<PronounWords> = LazyLock::new(|| PronounWords {
    kinds: pairs(include_str!("pronoun_kinds.txt"), |kind| {
        Some(match kind {
            "person" => PronounKind::Person,
            "thing" => PronounKind::Thing,
            "group" => PronounKind::Group,
            _ => return None,
        })
    })
    .collect(),
    possessives: pairs(include_str!("possessive_pronouns.txt"), Some).collect(),
    it_characters: set(include_str!("it_characters.txt")),
    agent_suffixes: lines(include_str!("agent_suffixes.txt")).collect(),
});

impl Lexicon {
    /// What the personal pronoun `word` may stand for, if it is one.
    pub fn pronoun_kind(&self, word: &str) -> Option<PronounKind> {
        PRONOUN_WORDS.kinds.get(word).copied()
    }

    /// The pronoun naming the owner the possessive determiner `word` points to ("its" →
    /// "it", "their" → "them"), if it is one.
    pub fn possessive_pronoun(&self, word: &str) -> Option<&'static str> {
        PRONOUN_WORDS.possessives.get(word).copied()
    }

    /// Whether the character noun `word` may be called "it" ("robot", "baby").
    pub fn is_it_character(&self, word: &str) -> bool {
        PRONOUN_WORDS.it_characters.contains(word)
    }

    /// Whether `word` ends like a noun naming a person by what they do or are ("sailor",
    /// "violinist", "carrier"); words of four letters or fewer never do ("her", "tor").
    pub fn has_agent_suffix(&self, word: &str) -> bool {
        word.len() > 4
            && PRONOUN_WORDS
                .agent_suffixes
                .iter()
                .any(|s| word.ends_with(s))
    }
}

#[cfg(test)]
mod tests {
    use super::PronounKind;
    use crate::lang::{Closed, lexicon};

    #[test]
    fn pronouns_have_kinds_and_possessives_owners() {
        let lex = lexicon();
        assert_eq!(lex.pronoun_kind("herself"), Some(PronounKind::Person));
        assert_eq!(lex.pronoun_kind("it"), Some(PronounKind::Thing));
        assert_eq!(lex.pronoun_kind("them"), Some(PronounKind::Group));
        assert_eq!(lex.pronoun_kind("the"), None);
        assert_eq!(lex.possessive_pronoun("its"), Some("it"));
        assert_eq!(lex.possessive_pronoun("their"), Some("them"));
        assert_eq!(lex.possessive_pronoun("a"), None);
        assert!(lex.is_it_character("robot") && !lex.is_it_character("woman"));
        assert!(lex.has_agent_suffix("violinist") && lex.has_agent_suffix("sailor"));
        assert!(!lex.has_agent_suffix("tree") && !lex.has_agent_suffix("her"));
    }

    #[test]
    fn every_pronoun_with_a_kind_is_a_listed_pronoun() {
        let lex = lexicon();
        for word in [
            "he", "him", "himself", "she", "her", "herself", "it", "itself",
        ] {
            assert!(lex.pronoun_kind(word).is_some() && lex.is(Closed::Pronoun, word));
        }
    }
}
