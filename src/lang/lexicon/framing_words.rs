//! Word classes for telling the video's framing from what it shows: nouns that name how
//! the video is made or framed ("footage", "angle", "eye level"). A data file beside this
//! one, parsed once on first use.

use std::sync::LazyLock;

use crate::lang::fast_hash::WordSet as HashSet;

use super::{Lexicon, set};

static FRAMING_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("framing_nouns.txt")));

impl Lexicon {
    /// Whether the noun `word`, or the compound `phrase` it ends ("eye level"), names how
    /// the video is made or framed rather than a thing in it.
    pub fn is_framing_noun(&self, phrase: &str) -> bool {
        FRAMING_NOUNS.contains(phrase)
            || phrase
                .rsplit_once(' ')
                .is_some_and(|(_, last)| FRAMING_NOUNS.contains(last))
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn framing_nouns_and_compounds_are_read() {
        let lex = lexicon();
        assert!(lex.is_framing_noun("footage") && lex.is_framing_noun("low angle"));
        assert!(lex.is_framing_noun("eye level") && !lex.is_framing_noun("level"));
        assert!(!lex.is_framing_noun("wolf"));
    }
}
