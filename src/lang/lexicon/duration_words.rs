//! Word classes for reading durations: the time units with their length in seconds ("6
//! seconds", "5s"), the words before a length that say whether it measures one action or
//! the whole video ("for", "over") and the nouns naming a shot ("three shots"). Data files
//! beside this one, parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Lexicon, pairs, regular_singular, set};

/// What a stated length measures, by the word before it (`duration_leads.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationScope {
    /// One action ("for 3 seconds", "within 2 seconds").
    Action,
    /// The whole video ("over 20 seconds", "lasting a minute").
    Total,
}

/// The lists this module reads.
struct DurationWords {
    units: HashMap<&'static str, f64>,
    leads: HashMap<&'static str, DurationScope>,
    shot_nouns: HashSet<&'static str>,
}

static DURATION_WORDS: LazyLock<DurationWords> = LazyLock::new(|| DurationWords {
    units: pairs(include_str!("duration_units.txt"), |seconds| {
        seconds.parse().ok()
    })
    .collect(),
    leads: pairs(include_str!("duration_leads.txt"), |scope| {
        Some(match scope {
            "action" => DurationScope::Action,
            "total" => DurationScope::Total,
            _ => return None,
        })
    })
    .collect(),
    shot_nouns: set(include_str!("shot_nouns.txt")),
});

impl Lexicon {
    /// The length in seconds of the time unit `unit` as written after a number ("seconds"
    /// → 1, "min" → 60), if it is one.
    pub fn duration_unit(&self, unit: &str) -> Option<f64> {
        DURATION_WORDS.units.get(unit).copied()
    }

    /// What a length stated after `word` measures ("for" → one action, "over" → the whole
    /// video), if `word` says.
    pub fn duration_scope(&self, word: &str) -> Option<DurationScope> {
        DURATION_WORDS.leads.get(word).copied()
    }

    /// Whether `word` is the plural of a noun naming a shot ("shots", "scenes").
    pub fn is_shots_noun(&self, word: &str) -> bool {
        regular_singular(word).is_some_and(|s| DURATION_WORDS.shot_nouns.contains(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::DurationScope;
    use crate::lang::lexicon;

    #[test]
    fn units_scopes_and_shot_nouns_are_read() {
        let lex = lexicon();
        assert_eq!(lex.duration_unit("secs"), Some(1.0));
        assert_eq!(lex.duration_unit("minutes"), Some(60.0));
        assert_eq!(lex.duration_unit("cats"), None);
        assert_eq!(lex.duration_scope("during"), Some(DurationScope::Action));
        assert_eq!(lex.duration_scope("lasting"), Some(DurationScope::Total));
        assert!(lex.is_shots_noun("scenes") && !lex.is_shots_noun("shot"));
    }
}
