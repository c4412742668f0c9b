//! Reading one clause: its actions (with paths and state changes), camera cues, framing,
//! angle and setting, with entities resolved in the shared registry.

use std::collections::HashMap;

use super::camera::{self, Cue};
use super::clauses::{Clause, Link, host_of};
use super::entities::{NounPhrase, Registry, noun_phrase};
use super::objects;
use super::paths;
use super::placements::{self, Path};
use super::predicate::{self, Parsed, Verb};
use super::states;
use super::tokenize::{Token, join};
use crate::ir::{Affected, Angle, EntityKind, Framing, Placement};
use crate::lang::{Closed, PhraseRole, SettingWord, Spatial, lexicon};

/// An action as read from a clause, before timing.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    /// Entity id.
    pub entity: String,
    /// Base verb.
    pub verb: String,
    /// Phrase as written.
    pub description: String,
    /// Start placement.
    pub from: Option<Placement>,
    /// End placement.
    pub to: Option<Placement>,
    /// Appearance before.
    pub state_from: Option<String>,
    /// Appearance after.
    pub state_to: Option<String>,
    /// The other entity the action moves ("sets the vase on the sill").
    pub object: Option<Affected>,
}

/// What one clause says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Reading {
    /// Actions, the clause's main one first.
    pub actions: Vec<Draft>,
    /// Camera cues with the entity each targets.
    pub camera: Vec<(Cue, Option<String>)>,
    /// Shot size named.
    pub framing: Option<Framing>,
    /// Camera angle named.
    pub angle: Option<Angle>,
    /// Setting named ("a bamboo forest clearing at dusk").
    pub setting: Option<String>,
    /// The main subject's id when it is animate (a character, animal or crowd).
    pub animate_subject: Option<String>,
    /// The clause's own text.
    pub text: String,
    /// Whether the clause only names the video ("a 30-second ad for a water bottle"): a
    /// brief's heading, not a shot of its own.
    pub heading: bool,
}

/// The appearance each entity has so far, by id: its first stated one, then the result of
/// its latest change.
type States = HashMap<String, String>;

/// Reads every clause, in text order, resolving entities in `registry`.
pub(super) fn read_all(clauses: &[Clause], registry: &mut Registry) -> Vec<Reading> {
    let mut parsed: Vec<Parsed> = clauses
        .iter()
        .map(|c| predicate::parse(&c.tokens))
        .collect();
    // A verbless clause in a list of predicates of one subject opens with its verb:
    // "trots to the center, stops, and rears up".
    for i in 1..clauses.len() {
        if parsed[i].verb.is_none()
            && clauses[i].cut.is_none()
            && clauses[i].sentence == clauses[i - 1].sentence
            && parsed[i - 1].verb.is_some()
            && let Some(p) = predicate::continuation(&clauses[i].tokens)
        {
            parsed[i] = p;
        }
    }
    let mut out = Vec::with_capacity(clauses.len());
    let mut states = States::new();
    for (i, clause) in clauses.iter().enumerate() {
        // A participle opening a sentence ("Starting behind a bale, a fox …") shares the
        // subject of the clause after it.
        if fronted_participle(clauses, &parsed, i) {
            for np in &parsed[i + 1].subjects {
                registry.resolve(np, true);
            }
        }
        let host = host_of(clauses, i).map(|h| (&clauses[h].tokens, &parsed[h]));
        out.push(read(clause, &parsed[i], host, registry, &mut states));
        if parsed[i].verb.is_none() && out[i].actions.is_empty() {
            // "(shifts from green to brown,) then to yellow": the next change
            let next = (i > 0 && clauses[i - 1].sentence == clause.sentence)
                .then(|| out[i - 1].actions.last())
                .flatten()
                .and_then(|last| states::next_change(&clause.tokens, last));
            match next {
                Some(next) => {
                    if let Some(to) = &next.state_to {
                        states.insert(next.entity.clone(), to.clone());
                    }
                    out[i].actions.push(next);
                }
                None => paths::elided_leg(clauses, i, &mut out, registry),
            }
        }
    }
    paths::settle(clauses, &mut out);
    super::manner::fold(clauses, &mut out);
    out
}

/// Whether clause `i` opens its sentence with a participle and no subject, before a clause
/// of the same sentence that has one.
fn fronted_participle(clauses: &[Clause], parsed: &[Parsed], i: usize) -> bool {
    let opens_sentence = i == 0 || clauses[i - 1].sentence != clauses[i].sentence;
    opens_sentence
        && parsed[i].subjects.is_empty()
        && parsed[i].verb.is_some()
        && clauses[i].tokens.first().is_some_and(|t| {
            matches!(
                super::verbs::known_verb(&t.lower),
                Some((_, super::verbs::Form::Gerund))
            )
        })
        && clauses.get(i + 1).is_some_and(|c| {
            c.sentence == clauses[i].sentence && !parsed[i + 1].subjects.is_empty()
        })
}

fn read(
    clause: &Clause,
    parsed: &Parsed,
    host: Option<(&Vec<Token>, &Parsed)>,
    registry: &mut Registry,
    states_now: &mut States,
) -> Reading {
    let tokens = &clause.tokens;
    let word_tokens: Vec<&Token> = tokens.iter().filter(|t| !t.punct).collect();
    let words: Vec<&str> = word_tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut reading = Reading {
        framing: camera::framing(&words),
        angle: camera::angle(&words),
        text: join(tokens),
        ..Reading::default()
    };
    let camera_subject = parsed.subjects.first().is_some_and(is_camera_phrase);
    let cues = camera::moves(&word_tokens, camera_subject);
    reading.setting = setting(tokens);
    if let Some(product) = heading(tokens) {
        // A brief's heading names the video; what it is for is an entity.
        reading.heading = true;
        if let Some(np) = product.filter(is_thing) {
            registry.resolve(&np, false);
        }
        return reading;
    }

    // Subjects: written, shared with the host of a fronted clause, or the previous one.
    let mut subjects: Vec<String> = Vec::new();
    if !camera_subject {
        for np in &parsed.subjects {
            // A place with a verb is an entity ("the town goes dark"); without, a setting.
            // A place that transforms is a thing ("a chocolate bar melts").
            let place_named = np.referent().is_place()
                && !is_time_of_day(np.referent().head())
                && parsed
                    .verb
                    .as_ref()
                    .is_none_or(|v| !states::is_transforming(&v.lemma));
            if place_named && reading.setting.is_none() {
                // A place that acts is an entity and still the shot's setting ("the concert
                // hall fills with light").
                reading.setting = Some(place_text(tokens, np));
            }
            // A place without a verb is only a setting.
            let setting_only =
                np.referent().is_place() && parsed.verb.as_ref().is_none_or(|v| v.lemma == "be");
            if setting_only {
                continue;
            }
            if np.pronoun.as_deref() == Some("they")
                && let Some(group) = registry.group_for_they()
            {
                for id in group {
                    registry.note(&id, true);
                    subjects.push(id);
                }
            } else if let Some(id) = registry.resolve(np, true) {
                subjects.push(id);
                note_state(states_now, np, subjects.last());
            }
        }
    }
    if subjects.len() > 1 {
        registry.set_group(subjects.clone());
    }
    let imperative = parsed.subjects.is_empty();
    if imperative && parsed.verb.is_some() {
        if let Some((_, host_parsed)) = host.filter(|_| {
            matches!(
                clause.link,
                Link::FrontedBefore | Link::FrontedAfter | Link::FrontedDuring
            )
        }) {
            for np in &host_parsed.subjects {
                if let Some(id) = registry.resolve(np, true) {
                    note_state(states_now, np, Some(&id));
                    subjects.push(id);
                }
            }
        } else if cues.is_empty()
            && let Some(last) = registry.last_subject()
        {
            subjects.push(last.clone());
            registry.note(&last, true);
        }
    }
    reading.animate_subject = subjects
        .first()
        .filter(|id| is_animate(registry, id))
        .cloned();

    let mut after_verb = 0;
    if let Some(verb) = &parsed.verb {
        after_verb = verb.rest;
        // an imperative is in the base form: "and says" continues a sentence
        let base_form = tokens.get(verb.at).is_some_and(|t| t.lower == verb.lemma);
        let meta = imperative && base_form && lexicon().is_meta_verb(&verb.lemma);
        if !camera_subject && !meta && (!imperative || cues.is_empty()) {
            // The object right after the verb is an entity too ("plants a flag", "picks up
            // a cube"), and so is the agent of a passive ("set afloat by a child").
            let at = if tokens.get(verb.rest).is_some_and(is_verb_particle) {
                verb.rest + 1
            } else {
                verb.rest
            };
            if let Some(object) = noun_phrase(tokens, at)
                && is_thing(&object)
            {
                registry.resolve(&object, false);
            }
            for k in verb.rest..tokens.len() {
                if lexicon().introduces(&tokens[k].lower, PhraseRole::Participant)
                    && let Some(np) = noun_phrase(tokens, k + 1)
                    && np.pronoun.is_none()
                    && matches!(
                        super::kinds::kind_of(np.referent().head()),
                        Some(
                            EntityKind::Character
                                | EntityKind::Animal
                                | EntityKind::Crowd
                                | EntityKind::Vehicle
                        )
                    )
                {
                    registry.resolve(&np, false);
                }
            }
            if verb.passive
                && let Some(by) = (verb.rest..tokens.len())
                    .find(|&k| lexicon().introduces(&tokens[k].lower, PhraseRole::Agent))
                && let Some(agent) = noun_phrase(tokens, by + 1)
                && is_thing(&agent)
            {
                registry.resolve(&agent, false);
            }
            for entity in &subjects {
                if let Some(draft) = draft(tokens, verb, entity, registry, states_now) {
                    reading.actions.push(draft);
                }
            }
        }
    } else if let Some(np) = parsed.subjects.first() {
        after_verb = np.end;
    }
    // Reduced relatives anywhere after the verb: "a cyclist riding along a canal".
    for (np, verb) in predicate::participles(tokens, after_verb) {
        if is_camera_phrase(&np) {
            continue;
        }
        if let Some(id) = registry.resolve(&np, false) {
            note_state(states_now, &np, Some(&id));
            if reading.animate_subject.is_none() && is_animate(registry, &id) {
                reading.animate_subject = Some(id.clone());
            }
            if let Some(d) = draft(tokens, &verb, &id, registry, states_now) {
                reading.actions.push(d);
            }
        }
    }
    // Camera cues and what they aim at.
    for cue in cues {
        let target = (cue.end..tokens.len()).find_map(|k| {
            let np = noun_phrase(tokens, k)?;
            if is_camera_phrase(&np)
                || np.referent().is_place()
                || !(is_thing(&np) || np.pronoun.is_some())
            {
                return None;
            }
            registry.resolve(&np, false)
        });
        reading.camera.push((cue, target));
    }
    // A clause without a verb that names a thing introduces it ("close-up of a cup").
    if parsed.verb.is_none()
        && reading.actions.is_empty()
        && let Some(np) = parsed.subjects.first()
        && !np.referent().is_place()
        && !is_camera_phrase(np)
        && !is_camera_phrase(np.referent())
    {
        registry.resolve(np, false);
    }
    if !camera_subject {
        let taken: Vec<&str> = reading
            .setting
            .iter()
            .chain(reading.actions.iter().filter_map(|a| a.state_to.as_ref()))
            .map(String::as_str)
            .collect();
        super::mentions::register(tokens, &taken, registry);
    }
    if let Some(quote) = &clause.quote {
        say(&mut reading.actions, quote);
    }
    reading
}

/// The most words of a quoted line an action description keeps.
const MAX_QUOTE_WORDS: usize = 12;

/// Gives a quoted line to the clause's speech action (else its first action): the speaker
/// says it ("says \"We anchor at dawn.\"").
fn say(actions: &mut [Draft], quote: &str) {
    let lex = lexicon();
    let Some(pos) = actions
        .iter()
        .position(|a| lex.is_speech_verb(&a.verb))
        .or((!actions.is_empty()).then_some(0))
    else {
        return;
    };
    let words: Vec<&str> = quote.split_whitespace().collect();
    let line = if words.len() > MAX_QUOTE_WORDS {
        format!("{}…", words[..MAX_QUOTE_WORDS].join(" "))
    } else {
        words.join(" ")
    };
    let action = &mut actions[pos];
    action.description = format!("{} \"{line}\"", action.description);
}

/// When the clause only names the video, a brief's heading ("a 30-second ad for a water
/// bottle", "brand film for an electric scooter", "commercial."), the noun phrase of what
/// it is for or about, if any.
fn heading(tokens: &[Token]) -> Option<Option<NounPhrase>> {
    let np = noun_phrase(tokens, 0).filter(|np| np.of.is_none())?;
    let lex = lexicon();
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    // the head, or a video noun the phrase stopped before ("brand film": "film" read as verb)
    let end = if lex.is_video_noun(np.head()) {
        np.end
    } else if lex.is_video_noun(word(np.end)) {
        np.end + 1
    } else {
        return None;
    };
    // a bare video noun ("Commercial.", its length taken out), not "a wide shot"
    let bare = np.modifiers.is_empty() && np.nouns.len() == 1 && end == np.end;
    if tokens[end.min(tokens.len())..].iter().all(|t| t.punct) {
        return bare.then_some(None);
    }
    if !lex.introduces(word(end), PhraseRole::Topic) {
        return None;
    }
    let product = noun_phrase(tokens, end + 1)
        .filter(|p| !lex.is_video_noun(p.head()) && !lex.is_video_noun(word(p.end)));
    Some(product)
}

/// Whether a noun phrase names a concrete thing worth an entity: a listed noun, or an
/// unknown noun with an article ("a zorblax"), but not a bare adjective ("red").
fn is_thing(np: &NounPhrase) -> bool {
    let np = np.referent();
    let head = np.head();
    let lex = lexicon();
    if np.pronoun.is_some()
        || head.is_empty()
        || np.is_place()
        || lex.is_adjective(head)
        || lex.is_partitive(head)
        || super::placements::is_region_word(head)
    {
        return false;
    }
    let determined = np
        .text
        .split(' ')
        .next()
        .is_some_and(|w| lexicon().is(Closed::Determiner, w.to_lowercase().as_str()));
    super::kinds::kind_of(head).is_some()
        || (determined && super::verbs::known_verb(head).is_none())
}

/// Builds the action of `entity` doing `verb`, with its path and state change.
fn draft(
    tokens: &[Token],
    verb: &Verb,
    entity: &str,
    registry: &mut Registry,
    states_now: &mut States,
) -> Option<Draft> {
    let change = states::change(tokens, verb.rest, &verb.lemma);
    // The state phrase is not a place: "melts into a puddle" goes nowhere.
    let end = change
        .as_ref()
        .map_or(tokens.len(), |c| c.at.max(verb.rest));
    let candidate = objects::candidate(tokens, verb, registry);
    let mut path = placements::path(
        &tokens[..end],
        (verb.at + 1).min(end),
        &verb.lemma,
        registry,
    );
    let object =
        candidate.and_then(|c| objects::affected(tokens, verb, entity, c, &mut path, registry));
    let Path { from, to } = path;
    let (from, to) = (not_self(from, entity), not_self(to, entity));
    let words: Vec<String> = tokens[verb.rest.min(tokens.len())..]
        .iter()
        .map(|t| t.lower.clone())
        .collect();
    if verb.lemma == "be"
        && from.is_none()
        && to.is_none()
        && change.is_none()
        && !super::visibility::says_gone(&words)
    {
        return None;
    }
    let (mut state_from, mut state_to) = (None, None);
    if let Some(change) = change {
        let current = states_now.get(entity).cloned();
        let transform = change.transform;
        // A transformation starts from the material state its verb implies, never from the
        // entity's description ("a snowman melts into a puddle": solid, not "a snowman").
        state_from = change.from.or(current).or_else(|| {
            transform
                .then(|| states::implied_before(&verb.lemma).map(String::from))
                .flatten()
        });
        state_to = change.to;
        if let Some(to) = &state_to {
            states_now.insert(entity.to_string(), to.clone());
        }
    }
    Some(Draft {
        entity: entity.to_string(),
        verb: verb.lemma.clone(),
        description: verb.description.clone(),
        from,
        to,
        state_from,
        state_to,
        object,
    })
}

/// Drops the relation of a placement anchored on the acting entity itself ("a dragon flies
/// over a volcano a dragon …" resolves the second dragon to the first): an entity cannot be
/// placed relative to itself. A placement left without a region is dropped.
fn not_self(placement: Option<Placement>, entity: &str) -> Option<Placement> {
    let placement = placement?;
    if placement.anchor.as_deref() != Some(entity) {
        return Some(placement);
    }
    placement.region.map(|region| Placement {
        region: Some(region),
        relation: None,
        anchor: None,
    })
}

/// Records the appearance a noun phrase gives its entity ("a green apple").
fn note_state(states_now: &mut States, np: &NounPhrase, id: Option<&String>) {
    if let (Some(id), Some(state)) = (id, states::initial_state(&np.referent().modifiers))
        && !states_now.contains_key(id)
    {
        states_now.insert(id.clone(), state);
    }
}

fn is_animate(registry: &Registry, id: &str) -> bool {
    matches!(
        registry.kind(id),
        Some(EntityKind::Character | EntityKind::Animal | EntityKind::Crowd)
    )
}

/// Whether a noun phrase names the camera or the shot itself.
fn is_camera_phrase(np: &NounPhrase) -> bool {
    let head = np.head();
    let lex = lexicon();
    // A partitive that is also a listed entity noun ("a couple dances") is not the camera.
    (lex.is_camera_noun(head) || (lex.is_partitive(head) && super::kinds::kind_of(head).is_none()))
        && np.of.is_none()
}

/// Whether `t` is a phrasal verb's particle before its object ("picks up a cube", "knocks
/// over a vase"): a motion particle that is not a preposition of place ("up", "away"), or
/// one the parser attaches to the verb ("over", not "across the ridge").
fn is_verb_particle(t: &Token) -> bool {
    let lex = lexicon();
    lex.is_spatial(Spatial::Particle, &t.lower)
        && (!lex.is_place_preposition(&t.lower) || t.deprel == "compound:prt")
}

/// Whether `word` names a time of day ("dusk"), which qualifies a setting but is not one.
fn is_time_of_day(word: &str) -> bool {
    lexicon().setting_word(word) == Some(SettingWord::TimeOfDay)
}

/// The setting a clause names: a place after a preposition, with a time of day; else a
/// landform something stands on or a building something is in; else the light or weather
/// it happens under.
fn setting(tokens: &[Token]) -> Option<String> {
    let lex = lexicon();
    let phrases = || {
        tokens.iter().enumerate().filter_map(|(i, t)| {
            let p = t.lower.as_str();
            (lex.is_place_preposition(p) || lex.sets(p, SettingWord::Place))
                .then(|| noun_phrase(tokens, i + 1).map(|np| (p, np)))
                .flatten()
        })
    };
    let place = phrases().find(|(_, np)| {
        np.referent().is_place()
            && !is_time_of_day(np.referent().head())
            && lex.setting_word(np.head()) != Some(SettingWord::Part)
    });
    if let Some((_, np)) = place {
        return Some(place_text(tokens, &np));
    }
    // a landform something stands on, a building something is in
    let ground = phrases().find(|(p, np)| {
        np.pronoun.is_none()
            && lex.setting_word(np.head()).is_some_and(|kind| {
                matches!(kind, SettingWord::Landform | SettingWord::Building) && lex.sets(p, kind)
            })
    });
    if let Some((_, np)) = ground {
        return Some(place_text(tokens, &np));
    }
    phrases()
        .find(|(p, np)| {
            np.pronoun.is_none()
                && np.of.is_none()
                && lex.setting_word(np.head()).is_some_and(|kind| {
                    matches!(kind, SettingWord::Weather | SettingWord::Light) && lex.sets(p, kind)
                })
        })
        .map(|(p, np)| {
            // "trots through snow" happens in snow.
            format!(
                "{} {}",
                lex.setting_wording(p),
                lower_first(&join(&tokens[np.start..np.end]))
            )
        })
}

/// A place phrase as written, with a following time of day or weather ("a city street at
/// night", "a harbor in the fog").
fn place_text(tokens: &[Token], np: &NounPhrase) -> String {
    let lex = lexicon();
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let preposition = w(np.end);
    // "at dusk", "in the rain"
    let when = |k: usize| {
        lex.setting_word(w(k)).is_some_and(|kind| {
            matches!(kind, SettingWord::TimeOfDay | SettingWord::Weather)
                && lex.sets(preposition, kind)
        })
    };
    let mut end = np.end;
    if when(end + 1) {
        end += 2;
    } else if lex.is(Closed::Determiner, w(end + 1)) && when(end + 2) {
        end += 3;
    }
    let start = np.referent().start;
    let text = join(&tokens[start.min(end)..end.min(tokens.len())]);
    lower_first(&text)
}

/// `text` with its first letter in lower case.
pub(super) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::storyboard;
    use super::super::tokenize::tokenize;
    use super::*;

    fn verbs(prompt: &str) -> Vec<(String, String)> {
        storyboard(prompt)
            .shots
            .iter()
            .flat_map(|s| &s.actions)
            .map(|a| (a.entity.clone(), a.verb.clone()))
            .collect()
    }

    fn settings(prompt: &str) -> Vec<String> {
        storyboard(prompt)
            .shots
            .iter()
            .map(|s| s.setting.clone())
            .collect()
    }

    #[test]
    fn place_phrases_after_any_locative_preposition_are_settings() {
        let of = |text: &str| setting(&tokenize(text));
        assert_eq!(
            of("a cat naps in a sunny kitchen"),
            Some("a sunny kitchen".into())
        );
        assert_eq!(
            of("a bus drives past a small bakery"),
            Some("a small bakery".into())
        );
        assert_eq!(
            of("an eagle soars above the canyon"),
            Some("the canyon".into())
        );
        assert_eq!(
            of("a goat stands on a steep cliff at dawn"),
            Some("a steep cliff at dawn".into())
        );
        assert_eq!(
            of("an ice cube melts under the hot sun"),
            Some("under the hot sun".into())
        );
        assert_eq!(of("a deer walks through snow"), Some("in snow".into()));
        assert_eq!(
            of("a lantern glows on a city street in the fog"),
            Some("a city street in the fog".into())
        );
        assert_eq!(
            of("a robot rolls from the garage to the garden"),
            Some("the garage".into())
        );
        assert_eq!(
            of("a fox sneaks into a red barn"),
            Some("a red barn".into())
        );
        // A thing something hides under is an anchor, not a setting.
        assert_eq!(of("a crab hides under a rock"), None);
    }

    #[test]
    fn settings_carry_over_until_a_new_place_is_named() {
        assert_eq!(
            settings(
                "A fox sneaks into a barn. It grabs an egg. Cut to a farmer running across a muddy field."
            ),
            vec!["a barn", "a barn", "a muddy field"]
        );
    }

    #[test]
    fn a_place_that_acts_is_still_the_setting() {
        let sb = storyboard("The old theater slowly fills with smoke.");
        assert_eq!(sb.shots[0].setting, "the old theater");
        assert!(sb.entities.iter().any(|e| e.id == "theater"));
        // A place noun that transforms is a thing, not the setting.
        let sb = storyboard("A chocolate bar melts into a puddle.");
        assert_eq!(sb.shots[0].setting, "");
    }

    #[test]
    fn a_partitive_that_names_people_is_a_subject() {
        assert_eq!(
            verbs("A couple dances in the rain."),
            vec![("couple".to_string(), "dance".to_string())]
        );
    }

    #[test]
    fn every_verb_of_a_list_of_predicates_is_an_action_in_order() {
        assert_eq!(
            verbs("A grey wolf lopes across the ridge, halts, and howls."),
            vec![
                ("wolf".to_string(), "lope".to_string()),
                ("wolf".into(), "halt".into()),
                ("wolf".into(), "howl".into()),
            ]
        );
        assert_eq!(
            verbs("Three puppies chase a ball, then one of them slips and tumbles."),
            vec![
                ("puppy".to_string(), "chase".to_string()),
                ("puppy".into(), "slip".into()),
                ("puppy".into(), "tumble".into()),
            ]
        );
        let sb = storyboard("A grey wolf lopes across the ridge, halts, and howls.");
        assert_eq!(sb.entities.len(), 1, "{:?}", sb.entities);
    }

    #[test]
    fn transformations_never_start_from_the_entity_description() {
        let sb = storyboard("An ice castle melts into a puddle of slush.");
        let action = &sb.shots[0].actions[0];
        assert_eq!(action.state_from.as_deref(), Some("solid"));
        let sb = storyboard("A caterpillar transforms into a butterfly.");
        let action = &sb.shots[0].actions[0];
        assert_eq!(action.state_from, None);
        assert_eq!(action.state_to.as_deref(), Some("butterfly"));
    }

    #[test]
    fn attribute_phrases_stay_in_the_entity_description() {
        let sb = storyboard("A boy in a yellow raincoat splashes through puddles.");
        assert_eq!(sb.entities[0].description, "a boy in a yellow raincoat");
        let sb = storyboard("A woman with a blue scarf crosses the bridge.");
        assert_eq!(sb.entities[0].description, "a woman with a blue scarf");
    }
}
