//! State changes: "turns red", "changes from blue to orange", "melts into a puddle",
//! "bursts into bloom", "goes from day to night" → state_from / state_to.

use super::analyze::Draft;
use super::entities::noun_phrase;
use super::tokenize::{Token, join};
use crate::lang::{Closed, Upos, lexicon};

/// The material state a transforming verb implies its entity starts in: what melts is
/// solid, what freezes or boils is liquid. `None` when the verb implies none.
pub(super) fn implied_before(verb: &str) -> Option<&'static str> {
    lexicon().material_before(verb)
}

/// Whether `verb` can turn its entity into another thing ("melts", "crumbles").
pub(super) fn is_transforming(verb: &str) -> bool {
    lexicon().is_transforming_verb(verb)
}

/// A change of appearance.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Change {
    /// Whether the entity becomes another thing ("melts into a puddle"); its look before
    /// is then the material state the verb implies ([`implied_before`]), never its own
    /// description.
    pub transform: bool,
    /// Index of the token where the state phrase starts ("from", "into", the colour).
    pub at: usize,
    /// The appearance before, when the clause says it ("from blue").
    pub from: Option<String>,
    /// The appearance after.
    pub to: Option<String>,
}

/// Reads a state change from the complement `tokens[start..]` of verb `verb`.
pub(super) fn change(tokens: &[Token], start: usize, verb: &str) -> Option<Change> {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    // "from X to Y" with appearance words on either side.
    let mut i = start;
    while i < tokens.len() && !tokens[i].punct {
        if lexicon().is_change_source(word(i))
            && let Some(to_at) = (i + 1..tokens.len()).find(|&k| lexicon().is_change_goal(word(k)))
        {
            let from = phrase(&tokens[i + 1..to_at]);
            let to_end = (to_at + 1..tokens.len())
                .find(|&k| tokens[k].punct || lexicon().is(Closed::Conjunction, word(k)))
                .unwrap_or(tokens.len());
            let to = phrase(&tokens[to_at + 1..to_end]);
            if is_state(&from) || is_state(&to) {
                return Some(Change {
                    transform: false,
                    at: i,
                    from: Some(from),
                    to: Some(to),
                });
            }
        }
        i += 1;
    }
    let mut i = start;
    // "comes out purple", "turns bright red".
    if lexicon().is_change_verb(verb) {
        while tokens
            .get(i)
            .is_some_and(|t| t.upos == Upos::Adv || lexicon().is_change_lead(&t.lower))
        {
            i += 1;
        }
        let run: Vec<&str> = (i..tokens.len())
            .map_while(|k| (!tokens[k].punct && is_state_word(word(k))).then(|| word(k)))
            .collect();
        if !run.is_empty()
            && !tokens
                .get(i + run.len())
                .is_some_and(|t| !t.punct && lexicon().is_noun(&t.lower))
        {
            return Some(Change {
                transform: false,
                at: i,
                from: None,
                to: Some(run.join(" ")),
            });
        }
    }
    // "becomes a yellow flower", "turns into a frog" (below).
    if lexicon().is_becoming_verb(verb)
        && lexicon().is_article(word(start))
        && let Some(np) = noun_phrase(tokens, start)
        && np.pronoun.is_none()
    {
        let text = without_article(&np.text.to_lowercase());
        return Some(Change {
            transform: true,
            at: start,
            from: None,
            to: Some(text),
        });
    }
    // "melts into a puddle of water", "bursts into full pink bloom".
    if is_transforming(verb) {
        let into = (start..tokens.len())
            .take_while(|&k| !tokens[k].punct)
            .find(|&k| lexicon().is_remake_preposition(word(k)))?;
        let np = noun_phrase(tokens, into + 1)?;
        // "crumbles into the sea" goes somewhere; it does not become the sea.
        if np.referent().is_place() {
            return None;
        }
        return Some(Change {
            transform: true,
            at: into,
            from: None,
            to: Some(without_article(&np.text.to_lowercase())),
        });
    }
    None
}

/// The next of successive changes, from a verbless clause after a change: "(shifts from
/// green to brown,) then to yellow" — the same entity and verb, from where the last change
/// ended to the new state.
pub(super) fn next_change(tokens: &[Token], last: &Draft) -> Option<Draft> {
    let from = last.state_to.clone()?;
    let (first, rest) = tokens.split_first()?;
    if !lexicon().is_change_goal(&first.lower) || rest.iter().all(|t| t.punct) {
        return None;
    }
    let to = phrase(rest);
    if !is_state(&to) {
        return None;
    }
    let verb_word = last.description.split(' ').next().unwrap_or(&last.verb);
    Some(Draft {
        entity: last.entity.clone(),
        verb: last.verb.clone(),
        description: format!("{verb_word} {}", join(tokens)),
        from: None,
        to: None,
        state_from: Some(from),
        state_to: Some(to),
        object: None,
    })
}

/// The words of a state phrase without articles.
fn phrase(tokens: &[Token]) -> String {
    tokens
        .iter()
        .filter(|t| !t.punct && !lexicon().is_article(&t.lower))
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a phrase contains an appearance word.
fn is_state(phrase: &str) -> bool {
    phrase.split(' ').any(|w| lexicon().is_state_word(w))
}

/// Whether a word can be part of an appearance ("deep", "orange").
fn is_state_word(word: &str) -> bool {
    lexicon().is_state_word(word) || lexicon().is_shade_word(word)
}

/// A phrase without its leading article ("a puddle of water" → "puddle of water").
fn without_article(phrase: &str) -> String {
    match phrase.split_once(' ') {
        Some((first, rest)) if lexicon().is_article(first) => rest.to_string(),
        _ => phrase.to_string(),
    }
}

/// The appearance words among an entity's modifiers ("green" in "a green apple").
pub(super) fn initial_state(modifiers: &[String]) -> Option<String> {
    let words: Vec<&str> = modifiers
        .iter()
        .map(String::as_str)
        .filter(|w| lexicon().is_state_word(w))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn change_of(text: &str, verb: &str) -> Option<Change> {
        change(&tokenize(text), 0, verb)
    }

    #[test]
    fn turns_colour() {
        assert_eq!(
            change_of("red", "turn"),
            Some(Change {
                transform: false,
                at: 0,
                from: None,
                to: Some("red".into())
            })
        );
        assert_eq!(
            change_of("out purple", "come"),
            Some(Change {
                transform: false,
                at: 1,
                from: None,
                to: Some("purple".into())
            })
        );
        assert_eq!(change_of("left", "turn"), None);
    }

    #[test]
    fn from_to_states() {
        let c = change_of("from bright blue to deep orange as the sun sets", "shift");
        assert_eq!(
            c,
            Some(Change {
                transform: false,
                at: 0,
                from: Some("bright blue".into()),
                to: Some("deep orange".into())
            })
        );
        let c = change_of("from day to night", "go");
        assert_eq!(
            c,
            Some(Change {
                transform: false,
                at: 0,
                from: Some("day".into()),
                to: Some("night".into())
            })
        );
        assert_eq!(change_of("from left to right", "walk"), None);
    }

    #[test]
    fn transformations_into_things() {
        assert_eq!(
            change_of("into a puddle of water", "melt").and_then(|c| c.to),
            Some("puddle of water".into())
        );
        assert_eq!(
            change_of("into full pink bloom", "burst").and_then(|c| c.to),
            Some("full pink bloom".into())
        );
        assert_eq!(change_of("into a large puddle", "sail"), None);
        assert_eq!(change_of("into the sea", "crumble"), None);
    }

    #[test]
    fn transformations_start_from_the_implied_material_state() {
        assert_eq!(implied_before("melt"), Some("solid"));
        assert_eq!(implied_before("freeze"), Some("liquid"));
        assert_eq!(implied_before("turn"), None);
    }

    #[test]
    fn initial_state_comes_from_colour_adjectives() {
        assert_eq!(
            initial_state(&["bare".into(), "cherry".into()]),
            Some("bare".into())
        );
        assert_eq!(initial_state(&["lonely".into()]), None);
    }

    #[test]
    fn a_verbless_state_after_a_change_is_the_next_change() {
        let last = Draft {
            entity: "leaf".into(),
            verb: "turn".into(),
            description: "turns from green to red".into(),
            from: None,
            to: None,
            state_from: Some("green".into()),
            state_to: Some("red".into()),
            object: None,
        };
        let next = next_change(&tokenize("to a deep brown"), &last);
        assert_eq!(
            next.map(|d| (d.description, d.state_from, d.state_to)),
            Some((
                "turns to a deep brown".to_string(),
                Some("red".into()),
                Some("deep brown".into())
            ))
        );
        // a place is no state; a clause without a change before it is none either
        assert_eq!(next_change(&tokenize("to the garden"), &last), None);
        let still = Draft {
            state_to: None,
            ..last
        };
        assert_eq!(next_change(&tokenize("to yellow"), &still), None);
    }
}
