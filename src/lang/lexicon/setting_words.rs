//! Word classes for reading a shot's setting: nouns that qualify or make one (times of day,
//! weather and light, landforms and buildings that are listed as things, parts of any scene)
//! and the prepositions after which each kind makes the setting ("on a cliff", "into a
//! barn", "under the stars"). Data files beside this one, parsed once on first use.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Lexicon, lines, pairs};

/// A kind of noun that qualifies or makes a shot's setting (`setting_words.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingWord {
    /// Any place noun (`places.txt`), after a preposition of a route ("from the garage").
    Place,
    /// A time of day: it qualifies a setting ("a street at night"), never is one.
    TimeOfDay,
    /// Weather a scene happens in ("in the rain").
    Weather,
    /// Light a scene happens under ("under the stars").
    Light,
    /// Ground something stands on ("on a cliff"), though listed as a thing.
    Landform,
    /// A building whose inside is the setting when something is in it ("into a barn").
    Building,
    /// A part of any scene ("in the distance", "on the ground"), never its setting.
    Part,
}

/// A setting preposition: the kinds it makes a setting of and the preposition the setting
/// phrase is worded with.
#[derive(Debug)]
struct SettingPreposition {
    kinds: Vec<SettingWord>,
    wording: Option<&'static str>,
}

/// The lists this module reads.
struct SettingWords {
    nouns: HashMap<&'static str, SettingWord>,
    prepositions: HashMap<&'static str, SettingPreposition>,
}

static SETTING_WORDS: LazyLock<SettingWords> = LazyLock::new(|| SettingWords {
    nouns: pairs(include_str!("setting_words.txt"), setting_word).collect(),
    prepositions: lines(include_str!("setting_prepositions.txt"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let word = cols.next()?;
            let kinds = cols.next()?.split(' ').filter_map(setting_word).collect();
            let wording = cols.next();
            Some((word, SettingPreposition { kinds, wording }))
        })
        .collect(),
});

/// A setting word kind's name in the data files.
fn setting_word(name: &str) -> Option<SettingWord> {
    match name {
        "place" => Some(SettingWord::Place),
        "time" => Some(SettingWord::TimeOfDay),
        "weather" => Some(SettingWord::Weather),
        "light" => Some(SettingWord::Light),
        "landform" => Some(SettingWord::Landform),
        "building" => Some(SettingWord::Building),
        "part" => Some(SettingWord::Part),
        _ => None,
    }
}

impl Lexicon {
    /// What the noun `word` says of a setting ("dusk": a time of day; "barn": a building),
    /// if it is listed.
    pub fn setting_word(&self, word: &str) -> Option<SettingWord> {
        SETTING_WORDS.nouns.get(word).copied()
    }

    /// Whether a noun of kind `kind` after the preposition `word` makes the shot's setting
    /// ("on a cliff", "into a barn", "under the stars", "at dawn"; `SettingWord::Place`:
    /// "from the garage", besides [`Lexicon::is_place_preposition`]).
    pub fn sets(&self, word: &str, kind: SettingWord) -> bool {
        SETTING_WORDS
            .prepositions
            .get(word)
            .is_some_and(|p| p.kinds.contains(&kind))
    }

    /// The preposition a setting phrase after `word` is worded with ("through snow" is "in
    /// snow").
    pub fn setting_wording<'a>(&self, word: &'a str) -> &'a str {
        SETTING_WORDS
            .prepositions
            .get(word)
            .and_then(|p| p.wording)
            .unwrap_or(word)
    }
}

#[cfg(test)]
mod tests {
    use super::SettingWord;
    use crate::lang::lexicon;

    #[test]
    fn setting_words_and_prepositions_are_read() {
        let lex = lexicon();
        assert_eq!(lex.setting_word("dusk"), Some(SettingWord::TimeOfDay));
        assert_eq!(lex.setting_word("barn"), Some(SettingWord::Building));
        assert_eq!(lex.setting_word("horizon"), Some(SettingWord::Part));
        assert_eq!(lex.setting_word("cat"), None);
        assert!(
            lex.sets("onto", SettingWord::Landform) && !lex.sets("into", SettingWord::Landform)
        );
        assert!(lex.sets("from", SettingWord::Place) && lex.sets("at", SettingWord::TimeOfDay));
        assert_eq!(lex.setting_wording("through"), "in");
        assert_eq!(lex.setting_wording("under"), "under");
    }
}
