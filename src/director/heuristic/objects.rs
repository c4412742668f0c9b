//! The affected object of a placing verb: "sets the vase on the sill", "tosses his backpack
//! onto the couch", "puts it on the bench", "knocks the pen off the desk". The destination
//! the clause names is the object's, not the actor's; the actor stays where it is.

use super::entities::{NounPhrase, Registry, noun_phrase};
use super::placements::{self, Path};
use super::predicate::Verb;
use super::tokenize::Token;
use crate::ir::{Affected, Placement, Relation};
use crate::lang::{PronounKind, Spatial, Upos, lexicon};

/// The noun phrase a placing verb acts on, with its entity when it is a pronoun: that one
/// is resolved before the clause's path is read, so that "puts it on the bench" reads "it"
/// as the thing named before the bench (or the thing moved last).
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    np: NounPhrase,
    id: Option<String>,
}

/// The object a placing verb names, if any. `None` when the verb does not place, is passive
/// ("is set afloat by a child") or names no thing.
pub(super) fn candidate(
    tokens: &[Token],
    verb: &Verb,
    registry: &mut Registry,
) -> Option<Candidate> {
    let lex = lexicon();
    if verb.passive || !lex.is_spatial(Spatial::Placing, &verb.lemma) {
        return None;
    }
    let mut at = verb.rest;
    // "takes off his hat": a particle before the object.
    if noun_phrase(tokens, at).is_none()
        && tokens
            .get(at)
            .is_some_and(|t| lex.is_spatial(Spatial::Particle, t.lower.as_str()))
    {
        at += 1;
    }
    let np = noun_phrase(tokens, at)?;
    if np.pronoun.is_none() && !names_thing(tokens, &np) {
        return None;
    }
    // "puts it on the bench": a thing just moved is what "it" names.
    let thing = |p: &str| {
        matches!(
            lex.pronoun_kind(p),
            Some(PronounKind::Thing | PronounKind::Group)
        )
    };
    let id = match np.pronoun.as_deref() {
        Some(p) if thing(p) && registry.moved.is_some() => {
            let id = registry.moved.clone();
            if let Some(id) = &id {
                registry.note(id, false);
            }
            id
        }
        Some(_) => registry.resolve(&np, false),
        None => None,
    };
    Some(Candidate { np, id })
}

/// Whether a noun phrase names a thing: its head is a listed noun, or a word tagged a noun
/// that is no verb ("a croissant", not "the first bite"), and not a place, a region or a
/// body part.
fn names_thing(tokens: &[Token], np: &NounPhrase) -> bool {
    let np = np.referent();
    let head = np.head();
    let lex = lexicon();
    let tagged_noun = tokens[np.start.min(tokens.len())..np.end.min(tokens.len())]
        .iter()
        .rev()
        .find(|t| t.lower == head)
        .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn));
    (lex.is_noun(head) || (tagged_noun && super::verbs::known_verb(head).is_none()))
        && !np.is_place()
        && !np.is_body_part()
        && !placements::is_region_word(head)
}

/// Moves the clause's destination from the actor to the candidate object: the affected
/// entity ends where the path ends ("into the bin"), or, taken "off" something, above it
/// when the verb raises it and below it otherwise ("knocks the pen off the desk"); the
/// actor's path is left empty. `None`, and the path kept, when the clause names no
/// destination for it.
pub(super) fn affected(
    tokens: &[Token],
    verb: &Verb,
    actor: &str,
    candidate: Candidate,
    path: &mut Path,
    registry: &mut Registry,
) -> Option<Affected> {
    let named_off = off_at(tokens, verb).is_some();
    if path.to.is_none() && !named_off {
        return None;
    }
    let id = match candidate.id {
        Some(id) => id,
        None => registry.resolve(&candidate.np, false)?,
    };
    if id == actor {
        return None;
    }
    let to = path
        .to
        .clone()
        .filter(|p| p.anchor.as_deref() != Some(id.as_str()))
        .or_else(|| taken_off(tokens, verb, &id, registry))?;
    path.to = None;
    path.from = None;
    registry.moved = Some(id.clone());
    Some(Affected {
        entity: id,
        to: Some(to),
        state_from: None,
        state_to: None,
    })
}

/// Where the clause's complement says "off" ("knocks the pen off the desk"), the particle
/// of taking a thing away that no word class holds alone.
fn off_at(tokens: &[Token], verb: &Verb) -> Option<usize> {
    (verb.rest..tokens.len()).find(|&k| tokens[k].lower == "off")
}

/// "off the desk": where an object taken off an anchor ends.
fn taken_off(
    tokens: &[Token],
    verb: &Verb,
    object: &str,
    registry: &mut Registry,
) -> Option<Placement> {
    let off = off_at(tokens, verb)?;
    let np = noun_phrase(tokens, off + 1)?;
    let anchor = registry
        .resolve(&np, false)
        .filter(|id| id.as_str() != object)?;
    let relation = if lexicon().is_spatial(Spatial::Lifting, &verb.lemma) {
        Relation::Above
    } else {
        Relation::Below
    };
    Some(Placement {
        region: None,
        relation: Some(relation),
        anchor: Some(anchor),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::actions;
    use crate::ir::{Action, Relation};

    /// The affected entity, its relation and anchor at the end of the action.
    fn moved(a: &Action) -> Option<(String, Option<Relation>, Option<String>)> {
        let o = a.object.as_ref()?;
        let to = o.to.as_ref();
        Some((
            o.entity.clone(),
            to.and_then(|p| p.relation),
            to.and_then(|p| p.anchor.clone()),
        ))
    }

    #[test]
    fn the_destination_of_a_placing_verb_is_its_objects() {
        let a = actions("The chef tosses the tomatoes into the pan.");
        assert_eq!(
            moved(&a[0]),
            Some((
                "tomatoes".into(),
                Some(Relation::Inside),
                Some("pan".into())
            ))
        );
        assert_eq!(a[0].to, None, "the chef stays where he is");
    }

    #[test]
    fn a_later_it_names_the_thing_moved_before() {
        let a = actions("A crane lifts a crate off the dock and lowers it onto the ship.");
        assert_eq!(
            moved(&a[0]),
            Some(("crate".into(), Some(Relation::Above), Some("dock".into())))
        );
        assert_eq!(
            moved(&a[1]),
            Some(("crate".into(), Some(Relation::OnTopOf), Some("ship".into())))
        );
    }

    #[test]
    fn knocked_off_something_falls_below_it() {
        let a = actions("A cat knocks a glass off the shelf.");
        assert_eq!(
            moved(&a[0]),
            Some(("glass".into(), Some(Relation::Below), Some("shelf".into())))
        );
    }
}
