//! Words that belong to a person's name: abbreviated titles ("Dr.", "Ms.") whose period
//! does not end a sentence. A data file beside this one, parsed once on first use.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Lexicon, set};

static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(include_str!("titles.txt")));

impl Lexicon {
    /// Whether `word` (lower case, without its period) is an abbreviated title written
    /// before a name ("dr" in "Dr. Chen").
    pub fn is_title(&self, word: &str) -> bool {
        TITLES.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn titles_are_read() {
        assert!(lexicon().is_title("dr") && lexicon().is_title("ms"));
        assert!(!lexicon().is_title("doctor"));
    }
}
