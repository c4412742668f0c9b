//! Word classes for reading a change of appearance: the prepositions that open the state
//! before and after ("from blue to orange"), the particles between a change verb and its
//! state ("comes out purple"), the verbs whose complement is what the entity becomes
//! ("becomes a frog") and the words that grade a colour ("deep orange"). One `word<TAB>role` data file beside this one, parsed once on first
//! use.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Lexicon, pairs};

/// The `(word, role)` pairs of `change_words.txt`.
static CHANGE_WORDS: LazyLock<HashSet<(&'static str, &'static str)>> =
    LazyLock::new(|| pairs(include_str!("change_words.txt"), Some).collect());

/// Whether `word` has `role` in `change_words.txt`.
fn has_role(word: &str, role: &str) -> bool {
    CHANGE_WORDS.contains(&(word, role))
}

impl Lexicon {
    /// Whether `word` opens the state before a change ("from" in "from blue to orange").
    pub fn is_change_source(&self, word: &str) -> bool {
        has_role(word, "source")
    }

    /// Whether `word` opens the state after a change ("to", "into").
    pub fn is_change_goal(&self, word: &str) -> bool {
        has_role(word, "goal")
    }

    /// Whether `word` opens what a transforming verb makes of its entity ("into" in "melts
    /// into a puddle").
    pub fn is_remake_preposition(&self, word: &str) -> bool {
        has_role(word, "remake")
    }

    /// Whether `word` may stand between a change verb and its state ("out" in "comes out
    /// purple").
    pub fn is_change_lead(&self, word: &str) -> bool {
        has_role(word, "lead")
    }

    /// Whether the verb `lemma`, followed by an article, names what its entity becomes
    /// ("becomes a frog", "turns a deep gold").
    pub fn is_becoming_verb(&self, lemma: &str) -> bool {
        has_role(lemma, "becoming")
    }

    /// Whether `word` grades a colour ("deep", "pale") and so belongs to an appearance.
    pub fn is_shade_word(&self, word: &str) -> bool {
        has_role(word, "shade")
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn change_words_are_read_by_role() {
        let lex = lexicon();
        assert!(lex.is_change_source("from") && !lex.is_change_source("to"));
        assert!(lex.is_change_goal("to") && lex.is_change_goal("into"));
        assert!(lex.is_remake_preposition("into") && !lex.is_remake_preposition("to"));
        assert!(lex.is_change_lead("out") && lex.is_change_lead("to"));
        assert!(lex.is_becoming_verb("become") && !lex.is_becoming_verb("melt"));
        assert!(lex.is_shade_word("pale") && !lex.is_shade_word("red"));
    }
}
