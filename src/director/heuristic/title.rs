//! Shortening a title at a phrase boundary: "Cat jumps onto the kitchen table next to the
//! old wooden chair" becomes "Cat jumps onto the kitchen table", never "… table next to".

use super::words::is_of;
use crate::ir::Entity;
use crate::lang::{Closed, lexicon, plural};

/// The most words a title keeps when it can be cut at a phrase boundary.
pub(super) const MAX_TITLE_WORDS: usize = 10;

/// How a title names an entity: its description without the article, in the plural when
/// there are several ("a red kite" with a count of 3 → "red kites"), else its id as words.
pub(super) fn entity_name(e: &Entity) -> String {
    let mut words: Vec<String> = e.description.split(' ').skip(1).map(String::from).collect();
    if words.is_empty() {
        return e.id.replace('_', " ");
    }
    if e.count > 1
        && let Some(head) = e.id.rsplit('_').next()
        && let Some(w) = words.iter_mut().rev().find(|w| w.as_str() == head)
    {
        *w = plural(head);
    }
    words.join(" ")
}

/// `words` cut to at most [`MAX_TITLE_WORDS`] words before a preposition or conjunction
/// that opens a new phrase; all of them when they are few enough or no phrase boundary
/// leaves at least two words.
pub(super) fn cut<'a>(words: &[&'a str]) -> Vec<&'a str> {
    if words.len() <= MAX_TITLE_WORDS {
        return words.to_vec();
    }
    let boundary = (2..=MAX_TITLE_WORDS)
        .rev()
        .find(|&k| opens_phrase(words, k));
    match boundary {
        Some(k) => words[..k].to_vec(),
        None => words.to_vec(),
    }
}

/// Whether a new phrase starts at word `k` (from 1): a preposition or conjunction that does
/// not continue the one before it, or a comma at the end of the word before. "of" binds to
/// the noun before it ("a row of umbrellas"), and a particle followed by a preposition
/// ("tilt up to", "walks away from") belongs to its verb.
fn opens_phrase(words: &[&str], k: usize) -> bool {
    let (Some(before), Some(word)) = (words.get(k - 1), words.get(k)) else {
        return false;
    };
    if before.ends_with([',', ';', ':']) {
        return true;
    }
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let (before, word) = (lower(before), lower(word));
    let continues_after =
        |first: &str, second: &str| lexicon().continues_preposition(first, second);
    let next = words.get(k + 1).map(|w| lower(w)).unwrap_or_default();
    // "up to the peak" (a particle) but "next to the chair" (a preposition of two words)
    let particle =
        lexicon().is(Closed::Preposition, next.as_str()) && !continues_after(&word, &next);
    let opener = (lexicon().is(Closed::Preposition, word.as_str()) && !is_of(&word) && !particle)
        || lexicon().is(Closed::Conjunction, word.as_str());
    let continues = continues_after(&before, &word);
    // "up onto", "and then": the phrase opened with the word before
    let after_opener = lexicon().is(Closed::Preposition, before.as_str())
        || lexicon().is(Closed::Conjunction, before.as_str());
    opener && !continues && !after_opener
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> String {
        cut(&text.split_whitespace().collect::<Vec<_>>()).join(" ")
    }

    #[test]
    fn a_long_title_is_cut_before_its_last_phrase_that_fits() {
        assert_eq!(
            title("cat jumps onto the kitchen table next to the old wooden chair"),
            "cat jumps onto the kitchen table"
        );
        assert_eq!(
            title("fox sits in front of the burning campfire at the edge of the woods"),
            "fox sits in front of the burning campfire"
        );
        assert_eq!(
            title("girl walks slowly away from the old house, then waves at the camera"),
            "girl walks slowly away from the old house, then waves"
        );
        assert_eq!(
            title("a snowy mountain range, tilt up to the snowy peak at dawn"),
            "a snowy mountain range, tilt up to the snowy peak"
        );
        // not after the particle "up": before the comma
        assert_eq!(
            title("a snowy mountain range, tilt up to the very highest snow covered peak"),
            "a snowy mountain range,"
        );
        assert_eq!(
            title("pan left across a row of colorful beach umbrellas on a sunny beach"),
            "pan left across a row of colorful beach umbrellas"
        );
    }

    #[test]
    fn a_short_title_is_kept_whole() {
        assert_eq!(
            title("panda walks from left to right"),
            "panda walks from left to right"
        );
    }

    #[test]
    fn a_long_title_without_a_boundary_is_not_cut() {
        let text = "enormous ancient gnarled moss covered twisted old oak tree sways gently";
        assert_eq!(title(text), text);
    }

    #[test]
    fn a_cut_never_ends_on_a_preposition_or_conjunction() {
        for text in [
            "cat jumps onto the kitchen table next to the old wooden chair",
            "dog runs up onto the porch and then barks loudly at the mailman",
            "bird flies over the river and the bridge and the town and the sea",
        ] {
            let cut = title(text);
            let last = cut.split_whitespace().last().unwrap_or_default();
            let last = last.trim_end_matches(',');
            assert!(
                !lexicon().is(Closed::Preposition, last)
                    && !lexicon().is(Closed::Conjunction, last),
                "{text} → {cut}"
            );
            assert!(cut.split_whitespace().count() <= MAX_TITLE_WORDS, "{cut}");
        }
    }
}
