//! Word classes for reading time, change and speech: nouns that name the whole video, words
//! that put a clause after the previous one, verbs of change and transformation (with the
//! material state a transformation starts from) and verbs of speech. Data files beside this
//! one, parsed once on first use.

use std::sync::LazyLock;

use crate::lang::fast_hash::{WordMap as HashMap, WordSet as HashSet};

use super::{Lexicon, lines, pairs, set};

/// The lists this module reads.
struct TimeWords {
    video_nouns: HashSet<&'static str>,
    sequence_words: HashSet<&'static str>,
    change_verbs: HashSet<&'static str>,
    transforming_verbs: HashSet<&'static str>,
    material_states: HashMap<&'static str, &'static str>,
    speech_verbs: HashSet<&'static str>,
    time_nouns: HashSet<&'static str>,
    tens: HashMap<&'static str, u32>,
}

static TIME_WORDS: LazyLock<TimeWords> = LazyLock::new(|| TimeWords {
    video_nouns: set(include_str!("video_nouns.txt")),
    sequence_words: set(include_str!("sequence_words.txt")),
    change_verbs: set(include_str!("change_verbs.txt")),
    transforming_verbs: set(include_str!("transforming_verbs.txt")),
    material_states: pairs(include_str!("material_states.txt"), Some).collect(),
    speech_verbs: set(include_str!("speech_verbs.txt")),
    time_nouns: set(include_str!("time_nouns.txt")),
    tens: pairs(include_str!("tens.txt"), |value| value.parse().ok()).collect(),
});

/// The verbs of speech, change and transformation, for the lexicon's verb set.
pub(super) fn verbs() -> impl Iterator<Item = &'static str> {
    [
        include_str!("speech_verbs.txt"),
        include_str!("change_verbs.txt"),
        include_str!("transforming_verbs.txt"),
    ]
    .into_iter()
    .flat_map(lines)
}

impl Lexicon {
    /// Whether `word` names the whole video ("clip", "ad", "teaser"): a length stated on it
    /// is the video's length.
    pub fn is_video_noun(&self, word: &str) -> bool {
        TIME_WORDS.video_nouns.contains(word)
    }

    /// Whether `word`, opening a clause, puts it in sequence ("first", "then", "finally").
    pub fn is_sequence_word(&self, word: &str) -> bool {
        TIME_WORDS.sequence_words.contains(word)
    }

    /// Whether the verb `lemma` takes an appearance as complement ("turns red", "cycles
    /// from green to amber").
    pub fn is_change_verb(&self, lemma: &str) -> bool {
        TIME_WORDS.change_verbs.contains(lemma)
    }

    /// Whether the verb `lemma` can turn its entity into another thing ("melts into a
    /// puddle").
    pub fn is_transforming_verb(&self, lemma: &str) -> bool {
        TIME_WORDS.transforming_verbs.contains(lemma)
    }

    /// The material state what the verb `lemma` transforms starts in ("melt" → "solid").
    pub fn material_before(&self, lemma: &str) -> Option<&'static str> {
        TIME_WORDS.material_states.get(lemma).copied()
    }

    /// The value of a multiple of ten above twenty ("forty" → 40), or of one joined to a
    /// unit ("forty-five" → 45): the number words past the list of [`Lexicon::number_word`].
    pub fn tens_word(&self, word: &str) -> Option<u32> {
        let (tens, unit) = match word.split_once('-') {
            Some((tens, unit)) => (
                tens,
                self.number_word(unit).filter(|u| (1..10).contains(u))?,
            ),
            None => (word, 0),
        };
        TIME_WORDS.tens.get(tens).map(|t| t + unit)
    }

    /// Whether the verb `lemma` is a verb of speech ("says", "mutters", "asks").
    pub fn is_speech_verb(&self, lemma: &str) -> bool {
        TIME_WORDS.speech_verbs.contains(lemma)
    }

    /// Whether `word` names a stretch or point of time ("hours", "winter", "morning"): the
    /// head of a temporal phrase ("hours later", "every morning"), never a thing in a scene.
    pub fn is_time_noun(&self, word: &str) -> bool {
        TIME_WORDS.time_nouns.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon;

    #[test]
    fn every_list_parses() {
        let lex = lexicon();
        assert!(lex.is_video_noun("teaser") && !lex.is_video_noun("cat"));
        assert!(lex.is_sequence_word("finally") && !lex.is_sequence_word("while"));
        assert!(lex.is_change_verb("cycle") && lex.is_verb("cycle"));
        assert!(!lex.is_change_verb("walk"));
        assert!(lex.is_transforming_verb("melt") && !lex.is_transforming_verb("sail"));
        assert_eq!(lex.material_before("melt"), Some("solid"));
        assert_eq!(lex.material_before("turn"), None);
        assert!(lex.is_speech_verb("mutter") && lex.is_verb("mutter"));
        assert!(lex.is_time_noun("winter") && lex.is_time_noun("hours"));
        assert!(!lex.is_time_noun("clock"));
        assert_eq!(lex.tens_word("forty"), Some(40));
        assert_eq!(lex.tens_word("ninety-nine"), Some(99));
        assert_eq!(lex.tens_word("forty-twelve"), None);
        assert_eq!(lex.tens_word("twenty"), None);
    }
}
