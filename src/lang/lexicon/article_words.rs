//! The articles ("a", "an", "the"), which a description's first word may be: a data file
//! beside this one, parsed once on first use.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Lexicon, set};

static ARTICLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(include_str!("articles.txt")));

impl Lexicon {
    /// Whether the lower-case `word` is an article ("a", "an", "the").
    pub fn is_article(&self, word: &str) -> bool {
        ARTICLES.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn articles_are_read() {
        let lex = lexicon();
        assert!(lex.is_article("an") && lex.is_article("the"));
        assert!(!lex.is_article("his") && !lex.is_article("cat"));
    }
}
