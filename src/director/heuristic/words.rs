//! Closed word classes (determiners, prepositions, connectives…) and the part-of-speech
//! tests the phrase parsers share.

use super::lexicon::LEXICON;
use super::tokenize::Token;
use super::verbs::{Form, known_verb};

/// Determiners and possessives that open a noun phrase.
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "his", "its", "their", "my", "your", "our",
    "some", "another", "every", "each", "several", "many", "few", "all", "both",
];

/// Possessive determiners: the noun they open belongs to someone.
pub(super) const POSSESSIVES: &[&str] = &["his", "her", "its", "their", "my", "your", "our"];

/// Personal pronouns that stand for an entity.
pub(super) const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "him",
    "her",
    "them",
    "itself",
    "himself",
    "herself",
    "themselves",
];

/// Prepositions (and verb particles).
pub(super) const PREPOSITIONS: &[&str] = &[
    "from",
    "to",
    "toward",
    "towards",
    "into",
    "onto",
    "on",
    "in",
    "at",
    "of",
    "over",
    "under",
    "below",
    "beneath",
    "above",
    "behind",
    "across",
    "along",
    "through",
    "around",
    "past",
    "near",
    "by",
    "with",
    "without",
    "between",
    "inside",
    "outside",
    "beside",
    "within",
    "off",
    "up",
    "down",
    "out",
    "away",
    "for",
    "during",
    "like",
    "until",
    "upon",
    "against",
    "among",
    "amid",
    "throughout",
    "alongside",
    "underneath",
    "atop",
    "onto",
    "next",
    "back",
    "forward",
    "forwards",
    "backward",
    "backwards",
    "closer",
    "before",
    "after",
    "about",
    "than",
];

/// Words that join clauses.
pub(super) const CONJUNCTIONS: &[&str] = &[
    "and", "or", "but", "then", "while", "as", "before", "after", "when", "until", "where", "so",
    "because", "that", "which", "who", "if", "whilst", "once", "till",
];

/// Auxiliary verbs.
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "can", "could", "would",
    "should", "may", "might", "must", "does", "do", "did", "gets", "get", "got",
];

/// Adverbs without the -ly ending that may sit between a subject and its verb.
pub(super) const ADVERBS: &[&str] = &[
    "then",
    "also",
    "still",
    "again",
    "suddenly",
    "slowly",
    "finally",
    "first",
    "later",
    "just",
    "now",
    "soon",
    "together",
    "almost",
    "nearly",
    "already",
    "even",
    "only",
    "fast",
    "quickly",
    "eventually",
    "afterwards",
    "gradually",
    "calmly",
    "carefully",
    "gently",
    "immediately",
    "here",
    "there",
    "too",
    "very",
    "really",
    "not",
    "never",
    "always",
    "once",
];

/// Number words up to twenty.
pub(super) const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Adjectives ending in -ly that are not adverbs.
const LY_ADJECTIVES: &[&str] = &[
    "lonely", "friendly", "lovely", "ugly", "silly", "curly", "early", "elderly", "lively", "holy",
    "jolly", "chilly", "oily", "hilly", "woolly", "wooly", "only", "fly", "family", "belly",
    "jelly", "lily", "bubbly", "frilly", "grisly", "prickly", "sparkly", "wobbly",
];

/// The value of a number word or numeral.
pub(super) fn number(word: &str) -> Option<f64> {
    if let Some(i) = NUMBER_WORDS.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    if word == "a" || word == "an" {
        return None;
    }
    word.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

/// Whether `word` is an adverb.
pub(super) fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word)
        || (word.len() > 4
            && word.ends_with("ly")
            && !LY_ADJECTIVES.contains(&word)
            && !LEXICON.is_noun(word))
}

/// Whether `word` can never be part of a noun phrase's content words.
pub(super) fn is_function_word(word: &str) -> bool {
    DETERMINERS.contains(&word)
        || PRONOUNS.contains(&word)
        || PREPOSITIONS.contains(&word)
        || CONJUNCTIONS.contains(&word)
        || AUXILIARIES.contains(&word)
        || is_adverb(word)
}

/// Whether the token at `i`, following a noun phrase whose last content word is `head`,
/// reads as the verb of that phrase rather than another noun of it.
pub(super) fn is_verb_after_noun(tokens: &[Token], i: usize, head: &str) -> bool {
    let Some(tok) = tokens.get(i) else {
        return false;
    };
    if tok.punct {
        return false;
    }
    let word = tok.lower.as_str();
    if AUXILIARIES.contains(&word) {
        return true;
    }
    let Some((_, form)) = known_verb(word) else {
        return is_unlisted_verb_after(tokens, i, head);
    };
    let next_is_verb = tokens
        .get(i + 1)
        .is_some_and(|n| !n.punct && known_verb(&n.lower).is_some() && !is_function_word(&n.lower));
    let listed_noun = LEXICON.is_noun(word);
    match form {
        Form::ThirdPerson => !(listed_noun && next_is_verb),
        Form::Past | Form::Gerund => true,
        Form::Base => !listed_noun || (is_plural(head) && !next_is_verb),
    }
}

/// Whether the unlisted word at `i` reads as the verb of the singular listed noun `head`
/// before it: shaped like a third-person verb or a participle and followed by what ends a
/// verb, not a noun ("a wolf lopes across", "the heron halts.", "a crab scuttling under").
fn is_unlisted_verb_after(tokens: &[Token], i: usize, head: &str) -> bool {
    let Some(word) = tokens.get(i).map(|t| t.lower.as_str()) else {
        return false;
    };
    let shaped = (word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is"))
        || (word.len() > 5 && word.ends_with("ing"));
    let ends_verb = tokens.get(i + 1).is_none_or(|n| {
        n.punct
            || PREPOSITIONS.contains(&n.lower.as_str())
            || DETERMINERS.contains(&n.lower.as_str())
            || is_adverb(&n.lower)
            || matches!(
                n.lower.as_str(),
                "up" | "down" | "out" | "away" | "off" | "back"
            )
    });
    // After an unlisted head, only where the clause ends ("the campfire crackles,").
    let ends_clause = tokens.get(i + 1).is_none_or(|n| n.punct);
    shaped
        && ends_verb
        && !LEXICON.is_noun(word)
        && !LEXICON.is_adjective(word)
        && (LEXICON.is_noun(head) || (ends_clause && !LEXICON.is_adjective(head)))
        && !is_plural(head)
}

/// Whether a head noun is plural.
pub(super) fn is_plural(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "children"
            | "men"
            | "women"
            | "they"
            | "them"
            | "mice"
            | "geese"
            | "feet"
            | "teeth"
            | "sheep"
            | "fish"
            | "deer"
    ) || (word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is"))
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    #[test]
    fn third_person_verbs_follow_a_noun() {
        let t = tokenize("bear walks from");
        assert!(is_verb_after_noun(&t, 1, "bear"));
        let t = tokenize("ocean waves crash");
        assert!(!is_verb_after_noun(&t, 1, "ocean"));
        let t = tokenize("clouds roll below");
        assert!(is_verb_after_noun(&t, 1, "clouds"));
        let t = tokenize("traffic light changes");
        assert!(!is_verb_after_noun(&t, 1, "traffic"));
    }

    #[test]
    fn unlisted_verbs_follow_a_singular_listed_noun() {
        let t = tokenize("a grey wolf lopes across the ridge");
        assert!(is_verb_after_noun(&t, 3, "wolf"));
        // Not after a plural or an unlisted head, and not before another noun.
        let t = tokenize("the wolves lopes across");
        assert!(!is_verb_after_noun(&t, 2, "wolves"));
        let t = tokenize("a crab scuttling under a pier");
        assert!(is_verb_after_noun(&t, 2, "crab"));
        let t = tokenize("the campfire crackles, shrinks");
        assert!(is_verb_after_noun(&t, 2, "campfire"));
        let t = tokenize("the campfire crackles loudly");
        assert!(!is_verb_after_noun(&t, 2, "campfire"));
        let t = tokenize("a wolf lopes meadow");
        assert!(!is_verb_after_noun(&t, 2, "wolf"));
    }

    #[test]
    fn adverbs_and_numbers_are_recognised() {
        assert!(is_adverb("slowly"));
        assert!(!is_adverb("lonely"));
        assert_eq!(number("ten"), Some(10.0));
        assert_eq!(number("2.5"), Some(2.5));
        assert_eq!(number("inf"), None);
    }
}
