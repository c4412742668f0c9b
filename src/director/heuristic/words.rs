//! Closed word classes (determiners, prepositions, connectives…) and the part-of-speech
//! tests the phrase parsers share.

use super::tokenize::Token;
use super::verbs::{Form, known_verb};
use crate::lang::{Closed, lexicon};

/// The value of a number word or numeral.
pub(super) fn number(word: &str) -> Option<f64> {
    if let Some(n) = lexicon()
        .number_word(word)
        .or_else(|| lexicon().tens_word(word))
    {
        return Some(f64::from(n));
    }
    word.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}

/// Whether `word` is "of", the preposition that binds a noun phrase to the noun before it
/// ("a row of huts", "the left of the tree"); no word class says it alone.
pub(super) fn is_of(word: &str) -> bool {
    word == "of"
}

/// Whether `word` is an adverb.
pub(super) fn is_adverb(word: &str) -> bool {
    lexicon().is(Closed::Adverb, word)
        || (word.len() > 4
            && word.ends_with("ly")
            && !lexicon().is_ly_adjective(word)
            && !lexicon().is_noun(word))
}

/// Whether `word` can never be part of a noun phrase's content words.
pub(super) fn is_function_word(word: &str) -> bool {
    lexicon().is_closed(word) || is_adverb(word)
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
    if lexicon().is(Closed::Auxiliary, word) {
        return true;
    }
    let Some((_, form)) = known_verb(word) else {
        return is_unlisted_verb_after(tokens, i, head);
    };
    let next_is_verb = tokens
        .get(i + 1)
        .is_some_and(|n| !n.punct && known_verb(&n.lower).is_some() && !is_function_word(&n.lower));
    let listed_noun = lexicon().is_noun(word);
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
            || lexicon().is(Closed::Preposition, n.lower.as_str())
            || lexicon().is(Closed::Determiner, n.lower.as_str())
            || is_adverb(&n.lower)
    });
    // After an unlisted head, only where the clause ends ("the campfire crackles,").
    let ends_clause = tokens.get(i + 1).is_none_or(|n| n.punct);
    shaped
        && ends_verb
        && !lexicon().is_noun(word)
        && !lexicon().is_adjective(word)
        && (lexicon().is_noun(head) || (ends_clause && !lexicon().is_adjective(head)))
        && !is_plural(head)
}

/// Whether a head noun is plural.
pub(super) fn is_plural(word: &str) -> bool {
    lexicon().is_irregular_plural(word)
        || (word.len() > 3
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
