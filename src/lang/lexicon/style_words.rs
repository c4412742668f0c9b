//! Style names of several words ("slow motion", "film noir") and the style phrase each
//! becomes; the one-word keywords are `styles.txt`, read by [`Lexicon::style`]. A data file
//! beside this one, parsed once on first use.

use std::sync::LazyLock;

use super::{Lexicon, pairs};

static STYLE_PHRASES: LazyLock<Vec<(&'static str, &'static str)>> =
    LazyLock::new(|| pairs(include_str!("style_phrases.txt"), Some).collect());

impl Lexicon {
    /// The style names of several words with the style phrase each becomes ("golden hour"
    /// → "golden hour light"), in the order they are checked.
    pub fn style_phrases(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        STYLE_PHRASES.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon;

    #[test]
    fn style_phrases_are_read_in_order() {
        let phrases: Vec<_> = lexicon().style_phrases().collect();
        assert_eq!(phrases.first(), Some(&("slow motion", "slow motion")));
        assert!(phrases.contains(&("golden hour", "golden hour light")));
        assert!(phrases.iter().all(|(p, _)| p.contains(' ')));
    }
}
