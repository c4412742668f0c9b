//! Word classes for reading paths and placements: the prepositions that open a path or a
//! place with the role they give it ("from" a start, "into" a destination), the phrases
//! that relate a thing to an anchor ("in front of", "beside"), and the nouns of the far
//! distance that may also name a thing ("horizon"). Data files beside this one, parsed once
//! on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Lexicon, pairs, set};

/// What a word opening a path or a place says of it (`path_words.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathWord {
    /// The start of a path ("from").
    Source,
    /// An end; a destination only after a particle ("to": "over to the table").
    To,
    /// A direction to go in ("toward", "towards").
    Toward,
    /// A destination entered or landed on ("into", "onto").
    Into,
    /// Where something is ("on", "at", "in").
    At,
    /// A direction away from what follows ("away from the camera").
    Away,
}

impl PathWord {
    /// Whether the word names where a path ends ("to", "toward", "into").
    pub fn is_goal(self) -> bool {
        matches!(self, Self::To | Self::Toward | Self::Into)
    }

    /// Whether the word alone makes the place a destination ("into", "toward"), not a
    /// place the mover may merely be at ("sits to the left of the lamp").
    pub fn is_directional(self) -> bool {
        matches!(self, Self::Toward | Self::Into)
    }

    /// Whether the word may lead a place in the frame or beside an entity ("to the left",
    /// "on its right", "into the corner"): any role but a start or "away".
    pub fn leads_place(self) -> bool {
        self.is_goal() || self == Self::At
    }
}

/// The relation a phrase of `relation_words.txt` gives a placed thing to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationWord {
    /// In front of the anchor.
    InFrontOf,
    /// Behind it.
    Behind,
    /// Above it.
    Above,
    /// "over": above it after a verb of `over_verbs.txt`, else no relation ("walks over").
    Over,
    /// Below it.
    Below,
    /// On top of it.
    OnTopOf,
    /// Inside it.
    Inside,
    /// Beside it.
    NextTo,
}

/// The lists this module reads.
struct PlaceWords {
    paths: HashMap<&'static str, PathWord>,
    relations: HashMap<&'static str, RelationWord>,
    longest_relation: usize,
    far_nouns: HashSet<&'static str>,
}

static PLACE_WORDS: LazyLock<PlaceWords> = LazyLock::new(|| {
    let paths = pairs(include_str!("path_words.txt"), |role| {
        Some(match role {
            "source" => PathWord::Source,
            "to" => PathWord::To,
            "toward" => PathWord::Toward,
            "into" => PathWord::Into,
            "at" => PathWord::At,
            "away" => PathWord::Away,
            _ => return None,
        })
    })
    .collect();
    let relations: HashMap<&'static str, RelationWord> =
        pairs(include_str!("relation_words.txt"), |relation| {
            Some(match relation {
                "in-front-of" => RelationWord::InFrontOf,
                "behind" => RelationWord::Behind,
                "above" => RelationWord::Above,
                "over" => RelationWord::Over,
                "below" => RelationWord::Below,
                "on-top-of" => RelationWord::OnTopOf,
                "inside" => RelationWord::Inside,
                "next-to" => RelationWord::NextTo,
                _ => return None,
            })
        })
        .collect();
    let longest_relation = relations
        .keys()
        .map(|p| p.split(' ').count())
        .max()
        .unwrap_or(0);
    PlaceWords {
        paths,
        relations,
        longest_relation,
        far_nouns: set(include_str!("far_nouns.txt")),
    }
});

impl Lexicon {
    /// The role of a word opening a path or a place ("from" → its start, "onto" → a
    /// destination, "at" → a location), if it has one.
    pub fn path_word(&self, word: &str) -> Option<PathWord> {
        PLACE_WORDS.paths.get(word).copied()
    }

    /// The longest relation phrase that `words` (lower case, in order) open ("in front of",
    /// "next to", "behind"), with the number of words it spans.
    pub fn relation_phrase(&self, words: &[&str]) -> Option<(RelationWord, usize)> {
        (1..=PLACE_WORDS.longest_relation.min(words.len()))
            .rev()
            .find_map(|len| {
                let phrase = words.get(..len)?.join(" ");
                PLACE_WORDS
                    .relations
                    .get(phrase.as_str())
                    .map(|r| (*r, len))
            })
    }

    /// Whether `word` names the far distance though it may also name a thing ("horizon").
    pub fn is_far_noun(&self, word: &str) -> bool {
        PLACE_WORDS.far_nouns.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::{PathWord, RelationWord};
    use crate::lang::lexicon;

    #[test]
    fn path_words_have_roles() {
        let lex = lexicon();
        assert_eq!(lex.path_word("from"), Some(PathWord::Source));
        assert_eq!(lex.path_word("towards"), Some(PathWord::Toward));
        assert!(lex.path_word("onto").is_some_and(PathWord::is_directional));
        assert!(
            lex.path_word("to")
                .is_some_and(|p| p.is_goal() && !p.is_directional())
        );
        assert_eq!(lex.path_word("in"), Some(PathWord::At));
        assert_eq!(lex.path_word("cat"), None);
    }

    #[test]
    fn the_longest_relation_phrase_wins() {
        let lex = lexicon();
        assert_eq!(
            lex.relation_phrase(&["in", "front", "of", "the"]),
            Some((RelationWord::InFrontOf, 3))
        );
        assert_eq!(
            lex.relation_phrase(&["on", "top", "of"]),
            Some((RelationWord::OnTopOf, 3))
        );
        assert_eq!(
            lex.relation_phrase(&["on", "the", "table"]),
            Some((RelationWord::OnTopOf, 1))
        );
        assert_eq!(
            lex.relation_phrase(&["next", "to"]),
            Some((RelationWord::NextTo, 2))
        );
        assert_eq!(lex.relation_phrase(&["next"]), None);
        assert_eq!(lex.relation_phrase(&[]), None);
        assert!(lex.is_far_noun("horizon") && !lex.is_far_noun("tree"));
    }
}
