//! Style words (cinematic, anime, watercolor, time-lapse, documentary…) → the storyboard's
//! style string.

use crate::lang::{Closed, lexicon};

/// The style phrases named in the lower-case `words`, joined with commas ("" when none).
pub(super) fn style(words: &[&str]) -> String {
    let text = format!(" {} ", words.join(" "));
    let mut out: Vec<&str> = Vec::new();
    for (phrase, style) in lexicon().style_phrases() {
        if text.contains(&format!(" {phrase} ")) && !out.contains(&style) {
            out.push(style);
        }
    }
    for w in words {
        if let Some(style) = lexicon().style(w)
            && !out.iter().any(|s| s.contains(style) || style.contains(s))
        {
            out.push(style);
        }
    }
    // "in the style of Monet".
    if let Some(pos) = text.find(" in the style of ") {
        let rest: Vec<&str> = text[pos + 17..]
            .split_whitespace()
            .take_while(|w| !ends_name(w))
            .take(4)
            .collect();
        if !rest.is_empty() {
            out.push("");
            let phrase = format!("in the style of {}", rest.join(" "));
            return out
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .chain(std::iter::once(phrase))
                .collect::<Vec<_>>()
                .join(", ");
        }
    }
    out.join(", ")
}

/// Whether `word` ends a name after "in the style of": a comma, a full stop, a
/// conjunction or a preposition ("… of monet, with …", "… of monet and …").
fn ends_name(word: &str) -> bool {
    matches!(word, "," | ".")
        || lexicon().is(Closed::Conjunction, word)
        || lexicon().is(Closed::Preposition, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> String {
        style(&text.split(' ').collect::<Vec<_>>())
    }

    #[test]
    fn style_words_become_phrases() {
        assert_eq!(
            of("a cinematic anime scene"),
            "cinematic, film lighting, anime style"
        );
        assert_eq!(of("a time-lapse of a city"), "time-lapse");
        assert_eq!(of("in slow motion"), "slow motion");
        assert_eq!(of("a cat sleeps"), "");
    }

    #[test]
    fn in_the_style_of_is_kept() {
        assert_eq!(
            of("a garden in the style of monet"),
            "in the style of monet"
        );
    }
}
