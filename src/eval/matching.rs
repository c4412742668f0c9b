//! How expectation phrases meet a storyboard: whole words up to inflection, entity phrases
//! against ids and descriptions, actions in time order. The fidelity gate
//! (`director::fidelity`) matches the prompt's predicates the same way.

use crate::ir::{Action, Entity, Storyboard};
use crate::lang::{lexicon, verb_lemma as lemma};

/// Every action with its absolute start time, in time order (ties keep storyboard order).
pub(crate) fn timed_actions(sb: &Storyboard) -> Vec<(f64, &Action)> {
    let mut out: Vec<(f64, &Action)> = sb
        .shots
        .iter()
        .zip(sb.shot_starts())
        .flat_map(|(s, t)| s.actions.iter().map(move |a| (t + a.start_s, a)))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Whether every word of `phrase` is the action's verb or a word of its description.
pub(crate) fn action_matches(a: &Action, phrase: &str) -> bool {
    let mut words = words(&a.description);
    words.push(a.verb.to_lowercase());
    self::words(phrase)
        .iter()
        .all(|p| words.iter().any(|w| word_eq(w, p)))
}

/// The entity a phrase names best (see [`matching_entities`]).
pub(crate) fn find_entity<'a>(sb: &'a Storyboard, phrase: &str) -> Option<&'a Entity> {
    matching_entities(sb, phrase).next()
}

/// Every entity a phrase names: those it describes ([`entity_matches`]) or, when none does,
/// those it names among several names ([`named_among`]: "bike bicycle" names `bike`).
pub(crate) fn matching_entities<'a>(
    sb: &'a Storyboard,
    phrase: &str,
) -> impl Iterator<Item = &'a Entity> {
    let described = sb.entities.iter().any(|e| entity_matches(e, phrase));
    sb.entities.iter().filter(move |e| {
        if described {
            entity_matches(e, phrase)
        } else {
            named_among(e, phrase)
        }
    })
}

/// Whether `phrase` names `e`: its words stand contiguously in the id or the description,
/// or every one of its words is a word of the id or the description ("stoplight traffic
/// light" and a stoplight described as a traffic light).
pub(crate) fn entity_matches(e: &Entity, phrase: &str) -> bool {
    let p = words(phrase);
    let id = words(&e.id);
    let description = words(&e.description);
    contains_run(&id, &p)
        || contains_run(&description, &p)
        || (p.len() > 1
            && p.iter()
                .all(|w| id.iter().chain(&description).any(|x| word_eq(x, w))))
}

/// Whether a phrase that gives several names ("stoplight traffic light", "water kettle",
/// "bike bicycle") names `e` by one of them: every word of the id is a word of the phrase,
/// and the phrase's other words are names too, not attributes ("white bird" does not name a
/// `bird` that is blue).
pub(crate) fn named_among(e: &Entity, phrase: &str) -> bool {
    let p = words(phrase);
    let id = words(&e.id);
    let lex = lexicon();
    p.len() > 1
        && !id.is_empty()
        && id.iter().all(|w| p.iter().any(|x| word_eq(x, w)))
        && p.iter()
            .filter(|w| !id.iter().any(|x| word_eq(x, w)))
            .all(|w| lex.is_noun(w) || !lex.is_adjective(w))
}

/// Lower-case alphanumeric words of `text`.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word of `phrase` appears in `text`.
pub(crate) fn contains_words(text: &str, phrase: &str) -> bool {
    let t = words(text);
    words(phrase)
        .iter()
        .all(|p| t.iter().any(|w| word_eq(w, p)))
}

/// Whether `run` appears contiguously in `words`.
pub(crate) fn contains_run(words: &[String], run: &[String]) -> bool {
    !run.is_empty()
        && words
            .windows(run.len())
            .any(|w| w.iter().zip(run).all(|(a, b)| word_eq(a, b)))
}

/// Word equality up to inflection: verb forms, regular plurals and the irregular plurals
/// the language layer knows ("children" and "child", "geese" and "goose").
pub(crate) fn word_eq(a: &str, b: &str) -> bool {
    a == b
        || lemma(a) == lemma(b)
        || a.strip_suffix('s') == Some(b)
        || b.strip_suffix('s') == Some(a)
        || crate::lang::singular(a) == crate::lang::singular(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, description: &str) -> Entity {
        serde_json::from_value(
            serde_json::json!({"id": id, "kind": "object", "description": description}),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn words_match_up_to_inflection() {
        assert!(word_eq("buries", "bury"));
        assert!(word_eq("cars", "car"));
        assert!(word_eq("children", "child") && word_eq("geese", "goose"));
        assert!(!word_eq("child", "chili"));
        assert!(!word_eq("cat", "category"));
        assert!(contains_run(
            &words("ice_sculpture"),
            &words("ice sculpture")
        ));
        assert!(!contains_run(&words("a category"), &words("cat")));
    }

    #[test]
    fn entity_phrases_match_ids_descriptions_and_several_names() {
        let light = entity("stoplight", "a traffic light at an empty intersection");
        assert!(entity_matches(&light, "stoplight"));
        assert!(entity_matches(&light, "traffic light"));
        assert!(entity_matches(&light, "stoplight traffic light"));
        assert!(!entity_matches(&light, "street lamp"));
        let carrier = entity("carrier", "a mail carrier in a blue uniform");
        assert!(entity_matches(&carrier, "mail carrier"));
        assert!(!entity_matches(&entity("cat", "a cat"), "category"));
    }

    #[test]
    fn a_phrase_of_several_names_names_an_entity_by_any_of_them() {
        let bike = entity("bike", "a red bike");
        assert!(!entity_matches(&bike, "bike bicycle") && named_among(&bike, "bike bicycle"));
        let water = entity("water", "the water in a kettle");
        assert!(named_among(&water, "water kettle"));
        let light = entity("traffic_light", "a traffic light");
        assert!(named_among(&light, "stoplight traffic light"));
        // An attribute is not a name: a blue bird is not what "white bird" names.
        assert!(!named_among(&entity("bird", "a blue bird"), "white bird"));
        assert!(!named_among(&entity("bird", "a bird"), "bird"));
    }

    #[test]
    fn described_entities_are_preferred_to_named_ones() {
        let sb: Storyboard = serde_json::from_value(serde_json::json!({
            "schema_version": "2", "title": "t", "duration_s": 4.0, "style": "",
            "entities": [
                {"id": "bike", "kind": "vehicle", "description": "a bike"},
                {"id": "bicycle_rack", "kind": "object", "description": "a bike bicycle rack"}
            ],
            "shots": []
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = matching_entities(&sb, "bike bicycle")
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["bicycle_rack"]);
    }
}
