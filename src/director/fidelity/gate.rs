//! The fidelity gate: a storyboard against the prompt's predicates, one warning per predicate
//! that does not hold, with a JSON pointer and a help line saying what to change.

use super::codes;
use super::scene::{Scene, Timed, horizontal, name, offscreen, vertical};
use crate::check::Diagnostic;
use crate::eval::matching::{action_matches, contains_words};
use crate::ir::{Act, Claim, Direction, MoveKind, Predicate, Region, Relation, Storyboard};
use crate::lang::third_person;

/// How far a storyboard's length may be from a stated one: half a second or 5 %.
const DURATION_SLACK_S: f64 = 0.5;
const DURATION_SLACK_SHARE: f64 = 0.05;

/// The predicates `storyboard` does not satisfy, as warnings (the LLM director sends them
/// back like errors while it has attempts left).
///
/// A missing entity is reported once: the predicates about what it does are not repeated.
pub fn check(storyboard: &Storyboard, predicates: &[Predicate]) -> Vec<Diagnostic> {
    let scene = Scene::new(storyboard);
    let missing: Vec<&str> = predicates
        .iter()
        .filter_map(|p| match &p.claim {
            Claim::Entity { noun, .. } if scene.candidates(noun).is_empty() => Some(noun.as_str()),
            _ => None,
        })
        .collect();
    predicates
        .iter()
        .filter(|p| {
            matches!(p.claim, Claim::Entity { .. })
                || !nouns(&p.claim).iter().any(|n| missing.contains(n))
        })
        .filter_map(|p| check_claim(&scene, &p.claim))
        .collect()
}

/// The noun phrases a claim names.
fn nouns(claim: &Claim) -> Vec<&str> {
    match claim {
        Claim::Entity { noun, .. } => vec![noun],
        Claim::Order { before, after } => vec![&before.entity, &after.entity],
        Claim::Relation { entity, anchor, .. } => vec![entity, anchor],
        Claim::Path { entity, .. }
        | Claim::Enters { entity }
        | Claim::Exits { entity }
        | Claim::StateChange { entity, .. } => vec![entity],
        Claim::Duration { .. } | Claim::Camera { .. } => Vec::new(),
    }
}

/// The warning for `claim`, when it does not hold.
pub(super) fn check_claim(scene: &Scene<'_>, claim: &Claim) -> Option<Diagnostic> {
    match claim {
        Claim::Entity {
            phrase,
            noun,
            attributes,
            count,
        } => entity(scene, phrase, noun, attributes, *count),
        Claim::Order { before, after } => order(scene, before, after),
        Claim::Path { entity, from, to } => path(scene, entity, *from, *to),
        Claim::Relation {
            entity,
            relation,
            anchor,
        } => placed(scene, entity, *relation, anchor),
        Claim::Enters { entity } => enters(scene, entity),
        Claim::Exits { entity } => exits(scene, entity),
        Claim::StateChange { entity, from, to } => state(scene, entity, from.as_deref(), to),
        Claim::Duration { seconds } => duration(scene, *seconds),
        Claim::Camera { kind, direction } => camera(scene, *kind, *direction),
    }
}

fn entity(
    scene: &Scene<'_>,
    phrase: &str,
    noun: &str,
    attributes: &[String],
    count: Option<u32>,
) -> Option<Diagnostic> {
    let entities = &scene.storyboard.entities;
    let found = scene.candidates(noun);
    let Some(&first) = found.first() else {
        return Some(
            Diagnostic::warning(
                codes::ENTITY_MISSING,
                "/entities",
                format!("the prompt names {phrase}; no entity's id or description says \"{noun}\""),
            )
            .with_help(format!(
                "add an entity for {phrase} (id `{}`) and put it in the cast of the shots where it appears",
                noun.replace(' ', "_")
            )),
        );
    };
    let described = |i: &usize| {
        let e = &entities[*i];
        let text = format!("{} {}", e.id, e.description);
        attributes.iter().all(|a| contains_words(&text, a))
    };
    let fitting: Vec<usize> = found.iter().copied().filter(described).collect();
    if fitting.is_empty() {
        let e = &entities[first];
        return Some(
            Diagnostic::warning(
                codes::ATTRIBUTE_MISSING,
                format!("/entities/{first}/description"),
                format!(
                    "the prompt names {phrase}; entity `{}` is described as \"{}\", without \"{}\"",
                    e.id,
                    e.description,
                    attributes.join(" ")
                ),
            )
            .with_help(format!("describe `{}` as the prompt does: {phrase}", e.id)),
        );
    }
    let expected = count?;
    let shown: u32 = fitting.iter().map(|&i| entities[i].instances()).sum();
    if shown == expected {
        return None;
    }
    let listed: Vec<String> = fitting
        .iter()
        .map(|&i| {
            format!(
                "`{}` with count {}",
                entities[i].id,
                entities[i].instances()
            )
        })
        .collect();
    let first = fitting[0];
    Some(
        Diagnostic::warning(
            codes::COUNT_MISMATCH,
            format!("/entities/{first}/count"),
            format!(
                "the prompt names {phrase}, {expected} in all; the storyboard has {shown}: {}",
                listed.join(", ")
            ),
        )
        .with_help(format!(
            "make it one entity `{}` with count {expected}",
            entities[first].id
        )),
    )
}

/// The first action of `act`'s entity that is `act`'s verb.
fn find<'s, 'a>(scene: &'s Scene<'a>, act: &'s Act) -> impl Iterator<Item = &'s Timed<'a>> + 's {
    scene
        .actions_of(&act.entity)
        .filter(move |t| action_matches(t.action, &act.verb))
}

/// "the panda bear waves".
fn says(act: &Act) -> String {
    format!("the {} {}", act.entity, third_person(&act.verb))
}

fn order(scene: &Scene<'_>, before: &Act, after: &Act) -> Option<Diagnostic> {
    for act in [before, after] {
        if find(scene, act).next().is_none() {
            return Some(
                Diagnostic::warning(
                    codes::ACTION_MISSING,
                    "/shots",
                    format!(
                        "the prompt says {}; no action of an entity named \"{}\" has the verb or the word \"{}\"",
                        says(act),
                        act.entity,
                        act.verb
                    ),
                )
                .with_help(format!(
                    "add an action with verb \"{}\" for the {}, {} {}",
                    act.verb,
                    act.entity,
                    if std::ptr::eq(act, before) { "before it" } else { "after it" },
                    says(if std::ptr::eq(act, before) { after } else { before })
                )),
            );
        }
    }
    let earliest_before = find(scene, before).next()?;
    if find(scene, after).any(|t| {
        t.start >= earliest_before.start && !std::ptr::eq(t.action, earliest_before.action)
    }) {
        return None;
    }
    let later = find(scene, after).next()?;
    Some(
        Diagnostic::warning(
            codes::ORDER_REVERSED,
            earliest_before.pointer(),
            format!(
                "the prompt says {} before {}; the storyboard starts \"{}\" at {} s, after \"{}\" at {} s",
                says(before),
                third_person(&after.verb),
                before.verb,
                round2(earliest_before.start),
                after.verb,
                round2(later.start)
            ),
        )
        .with_help(format!(
            "reorder the actions: \"{}\" ends before \"{}\" starts",
            before.verb, after.verb
        )),
    )
}

/// Whether `(from, to)` goes the way `(want_from, want_to)` does, axis by axis.
fn same_way(from: Region, to: Region, want_from: Region, want_to: Region) -> Option<bool> {
    let sense =
        |axis: fn(Region) -> Option<i8>, a: Region, b: Region| Some((axis(b)? - axis(a)?).signum());
    let mut stated = false;
    for axis in [horizontal as fn(Region) -> Option<i8>, vertical] {
        match sense(axis, want_from, want_to) {
            Some(0) | None => {}
            Some(want) => {
                stated = true;
                if sense(axis, from, to)? != want {
                    return Some(false);
                }
            }
        }
    }
    Some(if stated {
        true
    } else {
        from == want_from && to == want_to
    })
}

fn path(scene: &Scene<'_>, entity: &str, from: Region, to: Region) -> Option<Diagnostic> {
    let mut reversed = None;
    for t in scene.actions_of(entity) {
        let (Some(a), Some(b)) = (
            scene.start_region(t),
            t.action.to.as_ref().and_then(|p| p.region),
        ) else {
            continue;
        };
        match same_way(a, b, from, to) {
            Some(true) => return None,
            Some(false) if same_way(b, a, from, to) == Some(true) => {
                reversed.get_or_insert((t, a, b));
            }
            _ => {}
        }
    }
    let way = format!("from {} to {}", name(&from), name(&to));
    Some(match reversed {
        Some((t, a, b)) => Diagnostic::warning(
            codes::PATH_REVERSED,
            t.pointer(),
            format!(
                "the prompt has the {entity} go {way}; the storyboard moves `{}` from {} to {}",
                t.action.entity,
                name(&a),
                name(&b)
            ),
        )
        .with_help(format!("swap the action's from and to: {way}")),
        None => Diagnostic::warning(
            codes::PATH_MISSING,
            "/shots",
            format!("the prompt has the {entity} go {way}; no action of it goes that way"),
        )
        .with_help(format!(
            "give the {entity}'s moving action from.region \"{}\" and to.region \"{}\"",
            name(&from).replace(' ', "_"),
            name(&to).replace(' ', "_")
        )),
    })
}

/// The relation that says the same with the two entities swapped.
fn converse(r: Relation) -> Option<Relation> {
    use Relation::*;
    match r {
        LeftOf => Some(RightOf),
        RightOf => Some(LeftOf),
        InFrontOf => Some(Behind),
        Behind => Some(InFrontOf),
        Above => Some(Below),
        Below => Some(Above),
        NextTo => Some(NextTo),
        OnTopOf | Inside => None,
    }
}

fn placed(scene: &Scene<'_>, entity: &str, relation: Relation, anchor: &str) -> Option<Diagnostic> {
    let holds = scene.placements().iter().any(|p| {
        let (Some(r), Some(a)) = (p.placement.relation, p.placement.anchor.as_deref()) else {
            return false;
        };
        (r == relation && scene.names(p.entity, entity) && scene.names(a, anchor))
            || (converse(relation) == Some(r)
                && scene.names(p.entity, anchor)
                && scene.names(a, entity))
    });
    (!holds).then(|| {
        let r = name(&relation);
        Diagnostic::warning(
            codes::RELATION_MISSING,
            "/shots",
            format!(
                "the prompt puts the {entity} {r} the {anchor}; no placement of it has relation \"{}\" with the {anchor} as anchor",
                r.replace(' ', "_")
            ),
        )
        .with_help(format!(
            "place the {entity} with relation \"{}\" and the {anchor}'s id as anchor in its cast entry or action",
            r.replace(' ', "_")
        ))
    })
}

/// Whether entity `i` comes on screen after the video starts: a cast entry with `enter_s`,
/// a placement or action start off screen, or a first shot after one it is not in.
fn comes_on(scene: &Scene<'_>, id: &str) -> bool {
    let shots = &scene.storyboard.shots;
    let first = shots.iter().position(|s| s.cast_member(id).is_some());
    first.is_some_and(|f| f > 0)
        || shots.iter().filter_map(|s| s.cast_member(id)).any(|c| {
            c.enter_s.is_some()
                || c.placement
                    .as_ref()
                    .and_then(|p| p.region)
                    .is_some_and(offscreen)
        })
        || scene.actions.iter().any(|t| {
            t.action.entity == id
                && t.action
                    .from
                    .as_ref()
                    .and_then(|p| p.region)
                    .is_some_and(offscreen)
        })
}

/// Whether entity `id` leaves the screen before the video ends: a cast entry with `exit_s`,
/// an action ending off screen, or a last shot before one it is not in.
fn goes_off(scene: &Scene<'_>, id: &str) -> bool {
    let shots = &scene.storyboard.shots;
    let last = shots.iter().rposition(|s| s.cast_member(id).is_some());
    last.is_some_and(|l| l + 1 < shots.len())
        || shots
            .iter()
            .filter_map(|s| s.cast_member(id))
            .any(|c| c.exit_s.is_some())
        || scene.actions.iter().any(|t| {
            t.action.entity == id
                && t.action
                    .to
                    .as_ref()
                    .and_then(|p| p.region)
                    .is_some_and(offscreen)
        })
}

fn enters(scene: &Scene<'_>, entity: &str) -> Option<Diagnostic> {
    let ids = ids(scene, entity);
    (!ids.iter().any(|id| comes_on(scene, id))).then(|| {
        Diagnostic::warning(
            codes::ENTRANCE_MISSING,
            "/shots",
            format!("the prompt has the {entity} come on screen; the storyboard shows it from the start"),
        )
        .with_help(format!(
            "set enter_s on the {entity}'s cast entry to when it comes on screen, or start it offscreen_left/offscreen_right"
        ))
    })
}

fn exits(scene: &Scene<'_>, entity: &str) -> Option<Diagnostic> {
    let ids = ids(scene, entity);
    (!ids.iter().any(|id| goes_off(scene, id))).then(|| {
        Diagnostic::warning(
            codes::EXIT_MISSING,
            "/shots",
            format!("the prompt has the {entity} leave the screen; the storyboard keeps it on screen to the end"),
        )
        .with_help(format!(
            "set exit_s on the {entity}'s cast entry to when it leaves, or end its action offscreen_left/offscreen_right"
        ))
    })
}

/// The ids of the entities `noun` names.
fn ids<'a>(scene: &Scene<'a>, noun: &str) -> Vec<&'a str> {
    scene
        .candidates(noun)
        .into_iter()
        .map(|i| scene.storyboard.entities[i].id.as_str())
        .collect()
}

fn state(scene: &Scene<'_>, entity: &str, from: Option<&str>, to: &str) -> Option<Diagnostic> {
    let shows = |state_to: Option<&String>, description: &str| {
        state_to.is_some_and(|s| contains_words(&format!("{s} {description}"), to))
    };
    let changed = scene.actions.iter().any(|t| {
        let a = t.action;
        (scene.names(&a.entity, entity) && shows(a.state_to.as_ref(), &a.description))
            || a.object.as_ref().is_some_and(|o| {
                scene.names(&o.entity, entity) && shows(o.state_to.as_ref(), &a.description)
            })
    });
    (!changed).then(|| {
        let was = from.map(|f| format!(" from \"{f}\"")).unwrap_or_default();
        Diagnostic::warning(
            codes::STATE_CHANGE_MISSING,
            "/shots",
            format!("the prompt has the {entity} change{was} to \"{to}\"; no action's state_to shows it"),
        )
        .with_help(format!(
            "set state_to \"{to}\"{} on the action that changes the {entity} (object.state_to when another entity's action changes it)",
            from.map(|f| format!(" and state_from \"{f}\"")).unwrap_or_default()
        ))
    })
}

fn duration(scene: &Scene<'_>, seconds: f64) -> Option<Diagnostic> {
    let has = scene.storyboard.duration_s;
    let slack = DURATION_SLACK_S.max(seconds * DURATION_SLACK_SHARE);
    ((has - seconds).abs() > slack).then(|| {
        Diagnostic::warning(
            codes::DURATION_MISMATCH,
            "/duration_s",
            format!(
                "the prompt asks for {} s; the storyboard lasts {} s",
                round2(seconds),
                round2(has)
            ),
        )
        .with_help(format!(
            "make the shot durations add up to {} s",
            round2(seconds)
        ))
    })
}

fn camera(scene: &Scene<'_>, kind: MoveKind, direction: Option<Direction>) -> Option<Diagnostic> {
    let shot = scene.storyboard.shots.iter().any(|s| {
        s.camera
            .iter()
            .any(|c| c.kind == kind && (direction.is_none() || c.direction == direction))
    });
    (!shot).then(|| {
        let named = match direction {
            Some(d) => format!("{} {}", name(&kind), name(&d)),
            None => name(&kind),
        };
        let json = match direction {
            Some(d) => format!(
                "{{\"move\": \"{}\", \"direction\": \"{}\"}}",
                name(&kind),
                name(&d)
            ),
            None => format!("{{\"move\": \"{}\"}}", name(&kind)),
        };
        Diagnostic::warning(
            codes::CAMERA_MOVE_MISSING,
            "/shots",
            format!("the prompt names a camera {named}; no shot has that camera move"),
        )
        .with_help(format!(
            "add the camera move {json} to the shot where it happens"
        ))
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Whether the storyboard passes one claim: extraction keeps only the claims the analysis'
/// own storyboard passes.
pub(super) fn holds(scene: &Scene<'_>, claim: &Claim) -> bool {
    check_claim(scene, claim).is_none()
}
