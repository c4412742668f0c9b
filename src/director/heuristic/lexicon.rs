//! The word lists of the heuristic director (see `lexicon/README.md` for their origin),
//! parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::ir::EntityKind;

/// Every word list, parsed.
pub(super) struct Lexicon {
    /// Base forms of known verbs.
    pub verbs: HashSet<&'static str>,
    /// Irregular inflected form → base form.
    pub irregular: HashMap<&'static str, &'static str>,
    /// Noun → entity kind, for nouns whose kind is known.
    pub kinds: HashMap<&'static str, EntityKind>,
    /// Nouns naming a setting.
    pub places: HashSet<&'static str>,
    /// Nouns naming a body part.
    pub body_parts: HashSet<&'static str>,
    /// Nouns for the air around a scene (air, wind): entities only as a clause subject.
    pub ambient: HashSet<&'static str>,
    /// Nouns whose "of X" complement names the real thing.
    pub partitives: HashSet<&'static str>,
    /// Appearance-state words (colours, day/night, ripe…).
    pub states: HashSet<&'static str>,
    /// Other common adjectives.
    pub adjectives: HashSet<&'static str>,
    /// Clothes and worn things ("in a red coat" describes its wearer).
    pub garments: HashSet<&'static str>,
    /// Style keyword → style phrase, in file order.
    pub styles: Vec<(&'static str, &'static str)>,
}

/// The lines of a list: trimmed, without blanks and `#` comments.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A list as a set.
fn set(text: &'static str) -> HashSet<&'static str> {
    lines(text).collect()
}

/// The parsed lexicon, built on first use.
pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut kinds = HashMap::new();
    // Later lists win: specific kinds are inserted after the generic object list.
    for (text, kind) in [
        (include_str!("lexicon/objects.txt"), EntityKind::Object),
        (
            include_str!("lexicon/structures.txt"),
            EntityKind::Structure,
        ),
        (include_str!("lexicon/effects.txt"), EntityKind::Effect),
        (include_str!("lexicon/vehicles.txt"), EntityKind::Vehicle),
        (include_str!("lexicon/crowds.txt"), EntityKind::Crowd),
        (include_str!("lexicon/animals.txt"), EntityKind::Animal),
        (
            include_str!("lexicon/characters.txt"),
            EntityKind::Character,
        ),
    ] {
        for word in lines(text) {
            kinds.insert(word, kind);
        }
    }
    let irregular: HashMap<&'static str, &'static str> =
        lines(include_str!("lexicon/irregular_verbs.txt"))
            .filter_map(|l| l.split_once(char::is_whitespace))
            .map(|(form, base)| (form, base.trim()))
            .collect();
    let mut verbs = set(include_str!("lexicon/verbs.txt"));
    verbs.extend(irregular.values().copied());
    Lexicon {
        verbs,
        irregular,
        kinds,
        places: set(include_str!("lexicon/places.txt")),
        body_parts: set(include_str!("lexicon/body_parts.txt")),
        ambient: set(include_str!("lexicon/ambient.txt")),
        partitives: set(include_str!("lexicon/partitives.txt")),
        states: set(include_str!("lexicon/states.txt")),
        adjectives: set(include_str!("lexicon/adjectives.txt")),
        garments: set(include_str!("lexicon/garments.txt")),
        styles: lines(include_str!("lexicon/styles.txt"))
            .filter_map(|l| l.split_once('\t'))
            .collect(),
    }
});

impl Lexicon {
    /// The kind of the noun `word` (singular or plural), if listed.
    pub fn kind(&self, word: &str) -> Option<EntityKind> {
        self.kinds
            .get(word)
            .or_else(|| singular(word).and_then(|s| self.kinds.get(s.as_str())))
            .copied()
    }

    /// Whether `word` is a listed noun of any sort.
    pub fn is_noun(&self, word: &str) -> bool {
        self.kind(word).is_some()
            || self.places.contains(word)
            || self.body_parts.contains(word)
            || self.ambient.contains(word)
            || singular(word).is_some_and(|s| self.places.contains(s.as_str()))
    }

    /// Whether `word` is an adjective (listed, a state word, or by its suffix).
    pub fn is_adjective(&self, word: &str) -> bool {
        self.adjectives.contains(word)
            || self.states.contains(word)
            || ["ful", "ous", "ive", "less", "ish", "ic", "al", "ary", "ble"]
                .iter()
                .any(|s| word.len() > s.len() + 3 && word.ends_with(s) && !self.is_noun(word))
            || (word.len() > 4
                && word.ends_with('y')
                && !word.ends_with("ey")
                && !self.is_noun(word)
                && !self.verbs.contains(word))
            || word.contains('-')
                && (word.ends_with("-off")
                    || word.ends_with("-angle")
                    || word.ends_with("-haired")
                    || word.ends_with("-eyed"))
    }
}

/// The singular of a regular English plural, if `word` looks like one.
pub(super) fn singular(word: &str) -> Option<String> {
    if word.len() < 4 || word.ends_with("ss") || word.ends_with("us") {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("ves") {
        return Some(format!("{stem}f"));
    }
    for end in ["ches", "shes", "xes", "sses", "oes"] {
        if word.ends_with(end) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    word.strip_suffix('s').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_and_is_not_empty() {
        let lex = &*LEXICON;
        assert!(lex.verbs.len() > 300);
        assert!(lex.irregular.len() > 100);
        assert!(lex.kinds.len() > 300);
        assert!(!lex.places.is_empty() && !lex.body_parts.is_empty() && !lex.ambient.is_empty());
        assert!(!lex.partitives.is_empty() && !lex.states.is_empty());
        assert!(lex.garments.contains("raincoat"));
        assert!(lex.styles.len() > 20);
        assert_eq!(lex.irregular.get("ran"), Some(&"run"));
    }

    #[test]
    fn kinds_come_from_the_most_specific_list() {
        let lex = &*LEXICON;
        assert_eq!(lex.kind("panda"), Some(EntityKind::Animal));
        assert_eq!(lex.kind("robots"), Some(EntityKind::Character));
        assert_eq!(lex.kind("boat"), Some(EntityKind::Vehicle));
        assert_eq!(lex.kind("cube"), Some(EntityKind::Object));
        assert_eq!(lex.kind("zorblax"), None);
    }

    #[test]
    fn plurals_are_made_singular() {
        assert_eq!(singular("berries").as_deref(), Some("berry"));
        assert_eq!(singular("boxes").as_deref(), Some("box"));
        assert_eq!(singular("cats").as_deref(), Some("cat"));
        assert_eq!(singular("glass"), None);
    }
}
