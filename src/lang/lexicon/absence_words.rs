//! Words that say a thing is absent: prepositions whose object the picture does not show
//! ("without a single mistake"). A data file beside this one, parsed once on first use.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Lexicon, set};

static ABSENCE_PREPOSITIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("absence_words.txt")));

impl Lexicon {
    /// Whether the preposition `word` says its object is absent ("without"): that object
    /// is no thing in the scene.
    pub fn is_absence_preposition(&self, word: &str) -> bool {
        ABSENCE_PREPOSITIONS.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn absence_prepositions_are_read() {
        assert!(lexicon().is_absence_preposition("without"));
        assert!(!lexicon().is_absence_preposition("with"));
    }
}
