//! Predicates from the prompt analysis: the heuristic director's storyboard says what the
//! prompt means, the prompt's own words (read by `crate::lang`) say which of those readings
//! are stated. A reading becomes a predicate only when the words that back it stand in the
//! prompt, and only when the analysis' storyboard passes it, so the heuristic director's own
//! output always passes its own predicates and the predicates improve with its readings.

use std::collections::HashMap;

use super::gate::holds;
use super::prompt_text::{Occurrence, PromptText};
use super::scene::{Scene, name_words, offscreen};
use crate::eval::matching::{contains_words, words};
use crate::ir::{Act, Claim, Entity, EntityKind, MoveKind, Predicate, Region, Storyboard};

/// How many tokens after a camera verb its direction may stand ("zooms slowly in").
const DIRECTION_WINDOW: usize = 3;

/// The predicates of `prompt` that `storyboard` (the analysis' reading of it) backs;
/// `requested_s` is a length the caller imposed.
pub fn extract(prompt: &str, storyboard: &Storyboard, requested_s: Option<f64>) -> Vec<Predicate> {
    let text = PromptText::new(prompt);
    let mut out = Vec::new();
    let named = entities(&text, storyboard, &mut out);
    order(&text, storyboard, &named, &mut out);
    paths_and_screen(&text, storyboard, &named, &mut out);
    relations(&text, storyboard, &named, &mut out);
    states(&text, storyboard, &named, &mut out);
    duration(&text, storyboard, requested_s, &mut out);
    camera(&text, storyboard, &mut out);
    let scene = Scene::new(storyboard);
    let mut kept: Vec<Predicate> = Vec::new();
    for p in out {
        if holds(&scene, &p.claim) && !kept.iter().any(|k| k.claim == p.claim) {
            kept.push(p);
        }
    }
    kept
}

fn push(out: &mut Vec<Predicate>, confidence: f64, claim: Claim) {
    out.push(Predicate { confidence, claim });
}

/// The entities whose noun the prompt states, by id, with their noun phrase; each gets an
/// entity predicate.
fn entities(
    text: &PromptText,
    sb: &Storyboard,
    out: &mut Vec<Predicate>,
) -> HashMap<String, String> {
    let mut named = HashMap::new();
    for e in &sb.entities {
        let Some((noun, at)) = noun_of(text, e) else {
            continue;
        };
        let whole = noun.split(' ').count() == words(&e.id).len();
        let description = format!("{} {}", e.id, e.description);
        let premods = text.premodifiers(&at);
        let attributes: Vec<String> = premods
            .iter()
            .filter(|t| t.upos == crate::lang::Upos::Adj)
            .map(|t| t.text.to_lowercase())
            .filter(|w| contains_words(&description, w))
            .collect();
        let numbered = premods.iter().any(|t| t.upos == crate::lang::Upos::Num);
        let countable = matches!(
            e.kind,
            EntityKind::Character | EntityKind::Animal | EntityKind::Object | EntityKind::Vehicle
        );
        let count = match (e.count, numbered) {
            (n, true) if n > 1 => Some(n),
            (1, false) if countable && text.is_singular(&at) => Some(1),
            _ => None,
        };
        push(
            out,
            if whole { 0.9 } else { 0.8 },
            Claim::Entity {
                phrase: text.phrase(&at),
                noun: noun.clone(),
                attributes,
                count,
            },
        );
        named.insert(e.id.clone(), noun);
    }
    named
}

/// The longest tail of the entity's id words that the prompt states as a noun ("red_car" →
/// "car" when "red" is an adjective there), and the occurrence whose adjectives fit the
/// entity's description best.
fn noun_of(text: &PromptText, e: &Entity) -> Option<(String, Occurrence)> {
    let id: Vec<String> = words(&e.id)
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let description = format!("{} {}", e.id, e.description);
    (0..id.len()).find_map(|k| {
        let tail = &id[k..];
        let fit = |at: &Occurrence| {
            text.premodifiers(at)
                .iter()
                .filter(|t| contains_words(&description, &t.text))
                .count()
        };
        let mut runs = text.noun_runs(tail);
        runs.sort_by_key(|at| std::cmp::Reverse(fit(at)));
        runs.into_iter().next().map(|at| (tail.join(" "), at))
    })
}

/// Consecutive actions at different times, both verbs stated: the earlier before the later.
fn order(
    text: &PromptText,
    sb: &Storyboard,
    named: &HashMap<String, String>,
    out: &mut Vec<Predicate>,
) {
    let scene = Scene::new(sb);
    let acts: Vec<(f64, Act)> = scene
        .actions
        .iter()
        .filter(|t| text.states(&t.action.verb))
        .filter_map(|t| {
            let noun = named.get(&t.action.entity)?;
            Some((
                t.start,
                Act {
                    entity: noun.clone(),
                    verb: t.action.verb.to_lowercase(),
                },
            ))
        })
        .collect();
    for (i, (t0, a)) in acts.iter().enumerate() {
        let Some(next) = acts[i + 1..].iter().find(|(t, _)| t > t0).map(|(t, _)| *t) else {
            continue;
        };
        for (_, b) in acts[i + 1..].iter().filter(|(t, _)| *t == next) {
            if a != b {
                push(
                    out,
                    0.8,
                    Claim::Order {
                        before: a.clone(),
                        after: b.clone(),
                    },
                );
            }
        }
    }
}

/// A region's words, "offscreen" aside ("offscreen_left" → left).
fn region_words(r: Region) -> Vec<String> {
    name_words(&r)
        .into_iter()
        .filter(|w| w != "offscreen")
        .collect()
}

/// Whether the prompt states both regions' words, the first region's before the second's
/// ("from the right to the left").
fn stated_in_order(text: &PromptText, from: Region, to: Region) -> bool {
    let (f, t) = (region_words(from), region_words(to));
    if !text.states_all(&f) || !text.states_all(&t) {
        return false;
    }
    let first = text
        .positions(&f[0])
        .into_iter()
        .min()
        .unwrap_or(usize::MAX);
    text.positions(&t[t.len() - 1])
        .into_iter()
        .any(|k| k > first)
}

/// Paths across the frame (both ends stated, in that order) and entrances and exits (an
/// action starting or ending off screen, or a cast window, whose verb is stated).
fn paths_and_screen(
    text: &PromptText,
    sb: &Storyboard,
    named: &HashMap<String, String>,
    out: &mut Vec<Predicate>,
) {
    for shot in &sb.shots {
        for a in &shot.actions {
            let Some(noun) = named.get(&a.entity) else {
                continue;
            };
            let from = a.from.as_ref().and_then(|p| p.region);
            let to = a.to.as_ref().and_then(|p| p.region);
            if let (Some(f), Some(t)) = (from, to)
                && f != t
                && stated_in_order(text, f, t)
            {
                push(
                    out,
                    0.9,
                    Claim::Path {
                        entity: noun.clone(),
                        from: f,
                        to: t,
                    },
                );
            }
            if !text.states(&a.verb) {
                continue;
            }
            if from.is_some_and(offscreen) {
                push(
                    out,
                    0.7,
                    Claim::Enters {
                        entity: noun.clone(),
                    },
                );
            }
            if to.is_some_and(offscreen) {
                push(
                    out,
                    0.7,
                    Claim::Exits {
                        entity: noun.clone(),
                    },
                );
            }
        }
        for c in &shot.cast {
            let Some(noun) = named.get(&c.entity) else {
                continue;
            };
            if c.enter_s.is_some_and(|s| s > 0.0) {
                push(
                    out,
                    0.6,
                    Claim::Enters {
                        entity: noun.clone(),
                    },
                );
            }
            if c.exit_s.is_some() {
                push(
                    out,
                    0.6,
                    Claim::Exits {
                        entity: noun.clone(),
                    },
                );
            }
        }
    }
}

/// Relations whose first word the prompt states ("on" for on_top_of), between two named
/// entities.
fn relations(
    text: &PromptText,
    sb: &Storyboard,
    named: &HashMap<String, String>,
    out: &mut Vec<Predicate>,
) {
    for p in Scene::new(sb).placements() {
        let (Some(r), Some(anchor)) = (p.placement.relation, p.placement.anchor.as_deref()) else {
            continue;
        };
        let (Some(entity), Some(anchor)) = (named.get(p.entity), named.get(anchor)) else {
            continue;
        };
        let stated = name_words(&r).first().is_some_and(|w| text.states(w));
        if stated && entity != anchor {
            push(
                out,
                0.7,
                Claim::Relation {
                    entity: entity.clone(),
                    relation: r,
                    anchor: anchor.clone(),
                },
            );
        }
    }
}

/// Appearance changes whose final state the prompt states word for word.
fn states(
    text: &PromptText,
    sb: &Storyboard,
    named: &HashMap<String, String>,
    out: &mut Vec<Predicate>,
) {
    for a in sb.shots.iter().flat_map(|s| &s.actions) {
        let changes = [(a.entity.as_str(), &a.state_from, &a.state_to)]
            .into_iter()
            .chain(
                a.object
                    .as_ref()
                    .map(|o| (o.entity.as_str(), &o.state_from, &o.state_to)),
            );
        for (id, from, to) in changes {
            let (Some(noun), Some(to)) = (named.get(id), to) else {
                continue;
            };
            if !text.states_all(&words(to)) {
                continue;
            }
            let from = from.clone().filter(|f| text.states_all(&words(f)));
            push(
                out,
                0.8,
                Claim::StateChange {
                    entity: noun.clone(),
                    from,
                    to: to.clone(),
                },
            );
        }
    }
}

/// A length the caller imposed, or the storyboard's when the prompt writes it in digits.
fn duration(
    text: &PromptText,
    sb: &Storyboard,
    requested_s: Option<f64>,
    out: &mut Vec<Predicate>,
) {
    match requested_s.filter(|s| s.is_finite() && *s > 0.0) {
        Some(seconds) => push(out, 1.0, Claim::Duration { seconds }),
        None if text
            .numbers()
            .iter()
            .any(|n| (n - sb.duration_s).abs() < 1e-6) =>
        {
            push(
                out,
                0.9,
                Claim::Duration {
                    seconds: sb.duration_s,
                },
            )
        }
        None => {}
    }
}

/// Camera moves the prompt names by their kind's word; the direction when its word follows.
fn camera(text: &PromptText, sb: &Storyboard, out: &mut Vec<Predicate>) {
    for c in sb.shots.iter().flat_map(|s| &s.camera) {
        if c.kind == MoveKind::Static {
            continue;
        }
        let kind = name_words(&c.kind);
        let Some(word) = kind.first().filter(|w| text.states(w)) else {
            continue;
        };
        let direction = c.direction.filter(|d| {
            name_words(d)
                .first()
                .is_some_and(|d| text.follows(word, d, DIRECTION_WINDOW))
        });
        push(
            out,
            0.9,
            Claim::Camera {
                kind: c.kind,
                direction,
            },
        );
    }
}
