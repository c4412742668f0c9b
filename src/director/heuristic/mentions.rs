//! Things a clause names that its subject, object and camera rules did not make entities,
//! read from the parse: nouns that are objects, obliques, modifiers or conjuncts ("aims a
//! hose at a burning shed", "glides past a red buoy", "a girl walking her dog").

use super::entities::{NounPhrase, Registry, noun_phrase};
use super::kinds::kind_of;
use super::placements::is_region_word;
use super::tokenize::Token;
use super::words::is_of;
use crate::ir::EntityKind;
use crate::lang::deprel::{is_participant, is_premodifier};
use crate::lang::{DeterminerKind, Upos, lexicon};

/// Registers, in `registry`, every thing the clause's `tokens` name that is no entity yet,
/// except what the clause already reads otherwise: its setting ("on a rocky cliff") and the
/// states its actions end in ("melts into a puddle of water"), given in `taken`. An "of"
/// complement belongs to the noun before it ("a sculpture of a swan").
pub(super) fn register(tokens: &[Token], taken: &[&str], registry: &mut Registry) {
    for (i, token) in tokens.iter().enumerate() {
        // a time or measure ("obl:tmod", "obl:npmod") is no participant
        if token.upos != Upos::Noun || !is_participant(&token.deprel) {
            continue;
        }
        let start = phrase_start(tokens, i);
        if start > 0 && is_of(&tokens[start - 1].lower) && !of_the_video(tokens, start - 1) {
            continue;
        }
        // "without a single mistake": an absent thing is not shown
        if start > 0 && lexicon().is_absence_preposition(&tokens[start - 1].lower) {
            continue;
        }
        let Some(np) = noun_phrase(tokens, start) else {
            continue;
        };
        let text = np.text.to_lowercase();
        let is_taken = taken
            .iter()
            .any(|t| t.contains(text.as_str()) || text.contains(t));
        if np.end > i
            && np.head() == token.lower
            && !is_taken
            && names_a_thing(&np)
            && !registry.knows(&np)
        {
            registry.resolve(&np, false);
        }
    }
}

/// Whether the "of" at `at` follows a word about the video or a comma, or opens the clause
/// after its framing was split off ("medium shot, eye level, of a violinist"): its
/// complement is what the video shows, not part of a thing.
fn of_the_video(tokens: &[Token], at: usize) -> bool {
    at.checked_sub(1)
        .and_then(|k| tokens.get(k))
        .is_none_or(|t| {
            t.punct || lexicon().is_framing_noun(&t.lower) || lexicon().is_video_noun(&t.lower)
        })
}

/// Where the noun phrase headed by the noun at `i` starts: the first of the determiners,
/// adjectives, numbers and nouns that modify it right before it.
fn phrase_start(tokens: &[Token], i: usize) -> usize {
    let mut start = i;
    while start > 0 && {
        let t = &tokens[start - 1];
        !t.punct && is_premodifier(&t.deprel)
    } {
        start -= 1;
    }
    start
}

/// Whether a noun phrase names a thing in the scene: a listed noun with a determiner,
/// number or possessive ("the piano", "her dog"; a bare "snow" or "waves" is the scene's
/// stuff), or an unlisted one introduced with "a"/"an" ("a red buoy"), but not a place, body part, the air, a region
/// of the frame, an appearance, a part of a group or a word about the video itself (its
/// kind, "an 8-second bumper", included).
fn names_a_thing(np: &NounPhrase) -> bool {
    let head = np.head();
    let lex = lexicon();
    if np.pronoun.is_some()
        || head.is_empty()
        || np.referent().head() != head
        || np.is_place()
        || np.is_body_part()
        || np.is_ambient()
        || np.names_the_video()
        || lex.is_video_noun(head)
        || lex.is_partitive(head)
        || lex.group_size(head).is_some()
        || lex.is_state_word(head)
        || lex.is_adjective(head)
        || is_region_word(head)
    {
        return false;
    }
    let first = np.text.split(' ').next().unwrap_or("").to_lowercase();
    let kind = lex.determiner_kind(&first);
    let determined = np.possessive || np.count.is_some() || kind.is_some();
    let indefinite = kind == Some(DeterminerKind::Indefinite);
    // "in the dust", "through the smoke": an effect is an entity when introduced as one
    match kind_of(head) {
        Some(EntityKind::Effect) => indefinite,
        Some(_) => determined,
        None => indefinite,
    }
}

#[cfg(test)]
mod tests {
    use super::super::Heuristic;
    use crate::director::Request;

    fn ids(prompt: &str) -> Vec<String> {
        Heuristic
            .decompose(&Request::new(prompt))
            .map(|sb| sb.entities.into_iter().map(|e| e.id).collect())
            .unwrap_or_default()
    }

    #[test]
    fn objects_of_prepositions_are_entities_but_settings_states_and_stuff_are_not() {
        assert_eq!(ids("A canoe glides past a red buoy."), ["canoe", "buoy"]);
        assert_eq!(
            ids("An ice sculpture of a swan melts into a puddle of water."),
            ["ice_sculpture"]
        );
        assert_eq!(ids("A goat grazes in the snow."), ["goat"]);
        assert_eq!(
            ids("A cinematic video of a scene where a fox digs."),
            ["fox"]
        );
    }

    #[test]
    fn an_of_phrase_after_a_framing_lead_in_is_what_the_video_shows() {
        let shown = ids("Close-up, low angle, of a potter shaping a bowl.");
        assert_eq!(shown.first().map(String::as_str), Some("potter"));
    }

    #[test]
    fn what_a_clause_is_without_is_no_entity() {
        let shown = ids("The collie races through the course without a single mistake.");
        assert!(shown.contains(&"collie".to_string()), "{shown:?}");
        assert!(!shown.contains(&"mistake".to_string()), "{shown:?}");
    }
}
