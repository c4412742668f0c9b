//! Shot structure: cuts ("cut to", "open on"), one shot per story beat, settings carried
//! over, and the timing of actions and camera moves inside each shot.

use std::collections::HashMap;

use super::analyze::Reading;
use super::camera::Cue;
use super::clauses::{Clause, time_order};
use super::timing::{DEFAULT_ACTION_S, MIN_SHOT_S};
use crate::check;
use crate::ir::{Action, Angle, CameraMove, Entity, EntityKind, Framing, Region, Shot, Transition};

/// Most shots a storyboard gets; later beats are dropped.
pub(super) const MAX_SHOTS: usize = 24;
/// Most actions one shot gets; later ones are dropped.
pub(super) const MAX_ACTIONS_PER_SHOT: usize = 16;

/// The clauses of one shot.
#[derive(Debug, Clone, Default)]
pub(super) struct Group {
    /// Clause indices in text order.
    pub clauses: Vec<usize>,
    /// Transition out of this shot.
    pub transition: Option<Transition>,
}

/// Groups clauses into shots: explicit cuts; in prompts of several sentences with action,
/// one shot per sentence; in a long sentence, a new shot when another animate subject
/// takes over.
pub(super) fn group(clauses: &[Clause], readings: &[Reading]) -> Vec<Group> {
    let acting = |i: usize| !readings[i].actions.is_empty();
    let sentences_with_action = {
        let mut s: Vec<usize> = (0..clauses.len())
            .filter(|&i| acting(i))
            .map(|i| clauses[i].sentence)
            .collect();
        s.dedup();
        s.len()
    };
    // acting clauses per sentence, counted once (not per clause: that was quadratic)
    let mut actions_in: HashMap<usize, usize> = HashMap::new();
    for (i, clause) in clauses.iter().enumerate() {
        if acting(i) {
            *actions_in.entry(clause.sentence).or_default() += 1;
        }
    }
    let mut groups: Vec<Group> = vec![Group::default()];
    // whether the last group has an acting clause, kept as clauses are added
    let mut has_action = false;
    let mut last_subject: Option<String> = None;
    for (i, clause) in clauses.iter().enumerate() {
        let Some(current) = groups.last() else {
            continue;
        };
        // a brief's heading ("a 30-second ad for a bottle") opens the first shot, not its own
        let has_any = current.clauses.iter().any(|&c| !readings[c].heading);
        let new_sentence = current
            .clauses
            .last()
            .is_some_and(|&p| clauses[p].sentence != clause.sentence);
        let sentence_actions = actions_in.get(&clause.sentence).copied().unwrap_or(0);
        let animate = readings[i].animate_subject.clone();
        let subject = readings[i].actions.first().map(|a| a.entity.clone());
        let takeover = sentence_actions >= 3
            && acting(i)
            && has_action
            && animate.is_some()
            && last_subject.is_some()
            && animate != last_subject
            && !new_sentence;
        let cut = clause.cut.is_some() && has_any;
        let beat = new_sentence && sentences_with_action >= 2 && acting(i) && has_action;
        if (cut || beat || takeover) && groups.len() < MAX_SHOTS {
            if let Some(g) = groups.last_mut() {
                g.transition = clause.cut;
            }
            groups.push(Group::default());
            has_action = false;
        }
        if subject.is_some() {
            last_subject = subject;
        }
        if let Some(g) = groups.last_mut() {
            g.clauses.push(i);
            has_action |= acting(i);
        }
    }
    groups.retain(|g| !g.clauses.is_empty());
    groups
}

/// A shot laid out in time, before its final duration is known.
#[derive(Debug, Clone)]
pub(super) struct Timed {
    /// The shot with times in "weight" units.
    pub shot: Shot,
    /// Slot weights; explicit (from "for N seconds") or default.
    pub slots: Vec<(f64, bool)>,
}

/// Builds the shots from groups, with natural durations.
pub(super) fn build(
    groups: &[Group],
    clauses: &[Clause],
    readings: &[Reading],
    action_s: &[Option<f64>],
    entities: &[Entity],
) -> Vec<Timed> {
    let mut out = Vec::new();
    let mut setting = String::new();
    for (n, g) in groups.iter().enumerate() {
        let order = time_order(clauses, &g.clauses);
        let timed_camera = camera_slots(clauses, readings, &order);
        // Slots: runs of simultaneous clauses, deduplicated. A camera clause without an
        // action of its own happens with the clause before it unless a sequence word puts
        // it after ("…and lifts her bow; then the camera pushes in").
        let mut slots: Vec<Vec<usize>> = Vec::new();
        let mut last_key: Option<Vec<(String, String, String)>> = None;
        // clauses that repeat the actions before them keep only their camera cues
        let mut repeats: Vec<usize> = Vec::new();
        for (pos, &(i, simul)) in order.iter().enumerate() {
            let key: Vec<_> = readings[i]
                .actions
                .iter()
                .map(|a| {
                    (
                        a.entity.clone(),
                        a.verb.clone(),
                        a.description.to_lowercase(),
                    )
                })
                .collect();
            let repeat = !key.is_empty() && last_key.as_ref() == Some(&key);
            if repeat {
                repeats.push(i);
                if let Some(slot) = slots.last_mut() {
                    slot.push(i);
                }
                continue;
            }
            if !key.is_empty() {
                last_key = Some(key);
            }
            let camera_only = readings[i].actions.is_empty() && !readings[i].camera.is_empty();
            let joins = simul || (camera_only && !timed_camera[pos]);
            match slots.last_mut() {
                Some(slot) if joins => slot.push(i),
                _ => slots.push(vec![i]),
            }
        }
        let kept: Vec<bool> = slots
            .iter()
            .map(|s| {
                s.iter().any(|&i| {
                    !readings[i].actions.is_empty()
                        || order
                            .iter()
                            .position(|&(c, _)| c == i)
                            .is_some_and(|pos| timed_camera[pos])
                })
            })
            .collect();
        let acting_slots: Vec<&Vec<usize>> = slots
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(s, _)| s)
            .take(MAX_ACTIONS_PER_SHOT)
            .collect();
        let mut weights: Vec<(f64, bool)> = Vec::new();
        let mut actions: Vec<Action> = Vec::new();
        let mut t = 0.0;
        for slot in acting_slots.iter().take(MAX_ACTIONS_PER_SHOT) {
            let explicit = slot
                .iter()
                .filter_map(|&i| action_s[i])
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
            let w = explicit.unwrap_or(DEFAULT_ACTION_S);
            weights.push((w, explicit.is_some()));
            let slot_start = actions.len();
            for &i in slot.iter().filter(|i| !repeats.contains(i)) {
                for d in &readings[i].actions {
                    if actions.len() >= MAX_ACTIONS_PER_SHOT {
                        break;
                    }
                    let action = Action {
                        entity: d.entity.clone(),
                        verb: d.verb.clone(),
                        description: d.description.clone(),
                        start_s: t,
                        end_s: t + w,
                        from: d.from.clone(),
                        to: d.to.clone(),
                        state_from: d.state_from.clone(),
                        state_to: d.state_to.clone(),
                        object: d.object.clone(),
                    };
                    // Simultaneous clauses that make one entity move two ways or change
                    // two ways at once ("a bird flies whilst it flies over a lake") keep
                    // the first: the checker rejects both at once (E0701, E0702).
                    let contradicted = actions
                        .iter()
                        .skip(slot_start)
                        .any(|a| a.entity == action.entity && check::contradict(a, &action));
                    if !contradicted {
                        actions.push(action);
                    }
                }
            }
            t += w;
        }
        if weights.is_empty() {
            weights.push((DEFAULT_ACTION_S, false));
        }
        // Short shots stretch their default slots to a minimum length.
        let natural: f64 = weights.iter().map(|(w, _)| w).sum();
        let defaults = weights.iter().filter(|(_, e)| !e).count();
        if natural < MIN_SHOT_S && defaults > 0 {
            let explicit: f64 = weights.iter().filter(|(_, e)| *e).map(|(w, _)| w).sum();
            let each = (MIN_SHOT_S - explicit) / defaults as f64;
            rescale_defaults(&mut actions, &mut weights, each);
        }
        let duration: f64 = weights.iter().map(|(w, _)| w).sum();
        let mut texts: Vec<&str> = g
            .clauses
            .iter()
            .filter(|&&i| !readings[i].heading)
            .map(|&i| readings[i].text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        texts.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        // each clause's cues start with the slot it belongs to (a dropped slot: with the
        // kept slot before it, else at the start)
        let mut starts = Vec::with_capacity(weights.len());
        let mut at = 0.0;
        for (w, _) in &weights {
            starts.push(at);
            at += w;
        }
        let mut cues: Vec<(f64, &(Cue, Option<String>))> = Vec::new();
        let mut kept_index: Option<usize> = None;
        for (slot, keep) in slots.iter().zip(&kept) {
            if *keep {
                kept_index = Some(kept_index.map_or(0, |k| k + 1));
            }
            let start = kept_index
                .and_then(|k| starts.get(k))
                .copied()
                .unwrap_or(0.0);
            for &i in slot {
                cues.extend(readings[i].camera.iter().map(|c| (start, c)));
            }
        }
        let first_actor = actions.first().map(|a| a.entity.clone());
        let camera = camera_moves(&cues, duration, first_actor.as_deref());
        if let Some(s) = g.clauses.iter().find_map(|&i| readings[i].setting.clone()) {
            setting = s;
        }
        let framing = g
            .clauses
            .iter()
            .find_map(|&i| readings[i].framing)
            .unwrap_or_else(|| default_framing(&actions, &camera, entities));
        let aerial = texts
            .iter()
            .any(|t| t.to_lowercase().contains("aerial") || t.to_lowercase().contains("drone"));
        let angle = g
            .clauses
            .iter()
            .find_map(|&i| readings[i].angle)
            .unwrap_or(if aerial { Angle::High } else { Angle::EyeLevel });
        out.push(Timed {
            shot: Shot {
                id: format!("s{}", n + 1),
                duration_s: duration,
                setting: setting.clone(),
                description: sentence_case(&texts.join(", ")),
                framing,
                angle,
                cast: Vec::new(),
                camera,
                actions,
                transition: g.transition.unwrap_or(Transition::Cut),
            },
            slots: weights,
        });
    }
    out
}

/// Sets every default slot to `each` seconds and re-times the actions.
fn rescale_defaults(actions: &mut [Action], weights: &mut [(f64, bool)], each: f64) {
    let old: Vec<f64> = weights.iter().map(|(w, _)| *w).collect();
    for (w, explicit) in weights.iter_mut() {
        if !*explicit {
            *w = each;
        }
    }
    retime(actions, &mut [], &old, weights);
}

/// Moves action and camera times from slot lengths `old` to `new`.
pub(super) fn retime(
    actions: &mut [Action],
    camera: &mut [CameraMove],
    old: &[f64],
    new: &[(f64, bool)],
) {
    let starts = |ws: &mut dyn Iterator<Item = f64>| {
        let mut t = 0.0;
        let mut v = Vec::new();
        for w in ws {
            v.push(t);
            t += w;
        }
        v.push(t);
        v
    };
    let old_starts = starts(&mut old.iter().copied());
    let new_starts = starts(&mut new.iter().map(|(w, _)| *w));
    let map = |x: f64| {
        let k = old_starts.iter().rposition(|s| *s <= x + 1e-9).unwrap_or(0);
        match (old_starts.get(k), new_starts.get(k)) {
            (Some(o), Some(n)) => {
                *n + (x - o)
                    * old
                        .get(k)
                        .map_or(1.0, |w| if *w > 0.0 { new[k].0 / w } else { 1.0 })
            }
            _ => x,
        }
    };
    let end = |x: f64| {
        if x >= *old_starts.last().unwrap_or(&0.0) - 1e-9 {
            *new_starts.last().unwrap_or(&x)
        } else {
            map(x)
        }
    };
    for a in actions {
        a.start_s = map(a.start_s);
        a.end_s = end(a.end_s);
    }
    for c in camera {
        c.start_s = map(c.start_s);
        c.end_s = end(c.end_s);
    }
}

/// Which camera clauses of a shot (by position in `order`) take time of their own: one a
/// sequence word or a new sentence puts after an action ("then the camera pulls back"),
/// and one that opens
/// the shot before a clause a sequence word puts after it ("the camera pans across the
/// room, then a dog walks in").
fn camera_slots(clauses: &[Clause], readings: &[Reading], order: &[(usize, bool)]) -> Vec<bool> {
    let acting = |i: usize| !readings[i].actions.is_empty();
    let mut acted = false;
    order
        .iter()
        .enumerate()
        .map(|(pos, &(i, _))| {
            let camera_only = !acting(i) && !readings[i].camera.is_empty();
            // a sequence word or a new sentence tells the next step of the story
            let sequenced = clauses[i].marked
                || pos
                    .checked_sub(1)
                    .is_some_and(|p| clauses[order[p].0].sentence != clauses[i].sentence);
            let after_action = acted && sequenced;
            let before_action = !acted
                && order
                    .get(pos + 1)
                    .is_some_and(|&(n, simul)| !simul && clauses[n].marked && acting(n));
            acted |= acting(i);
            camera_only && (after_action || before_action)
        })
        .collect()
}

/// Camera moves over a shot: each cue starts at its clause's time and lasts until the next
/// cue's start (the shot's end for the last); cues that start together share their time.
fn camera_moves(
    cues: &[(f64, &(Cue, Option<String>))],
    duration: f64,
    first_actor: Option<&str>,
) -> Vec<CameraMove> {
    let mut moves = Vec::with_capacity(cues.len());
    let mut k = 0;
    while k < cues.len() {
        let start = cues[k].0.min(duration);
        let together = cues[k..]
            .iter()
            .take_while(|(s, _)| (s - cues[k].0).abs() < 1e-9)
            .count();
        let end = cues
            .get(k + together)
            .map_or(duration, |(s, _)| s.min(duration));
        let end = if end > start { end } else { duration };
        let part = (end - start) / together as f64;
        for (n, (_, (cue, target))) in cues[k..k + together].iter().enumerate() {
            moves.push(CameraMove {
                kind: cue.kind,
                direction: cue.direction,
                speed: cue.speed,
                start_s: start + part * n as f64,
                end_s: start + part * (n + 1) as f64,
                target: target.clone().or_else(|| first_actor.map(str::to_string)),
            });
        }
        k += together;
    }
    moves
}

/// Framing when the prompt names none: wide for journeys and big things, closer for
/// people and objects.
fn default_framing(actions: &[Action], camera: &[CameraMove], entities: &[Entity]) -> Framing {
    let travels = actions.iter().any(|a| {
        [&a.from, &a.to].iter().any(|p| {
            p.as_ref()
                .is_some_and(|p| p.region.is_some_and(|r| !matches!(r, Region::Center)))
        })
    });
    if travels
        || camera.iter().any(|c| {
            matches!(
                c.kind,
                crate::ir::MoveKind::Orbit | crate::ir::MoveKind::Crane
            )
        })
    {
        return Framing::Wide;
    }
    let kind = actions
        .first()
        .and_then(|a| entities.iter().find(|e| e.id == a.entity))
        .map(|e| e.kind);
    match kind {
        Some(EntityKind::Character) => Framing::MediumWide,
        Some(EntityKind::Animal) => Framing::Full,
        Some(EntityKind::Object) => Framing::Medium,
        _ => Framing::Wide,
    }
}

/// The most words a shot description keeps.
const MAX_DESCRIPTION_WORDS: usize = 60;

/// `text` (shortened) with a capital first letter and a final full stop.
fn sentence_case(text: &str) -> String {
    let text = text
        .split_whitespace()
        .take(MAX_DESCRIPTION_WORDS)
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.trim().trim_end_matches(',');
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Heuristic;
    use crate::director::Request;
    use crate::ir::MoveKind;

    /// (move, start) of every camera move of shot one.
    type MoveStarts = Vec<(MoveKind, f64)>;
    /// (verb, start) of every action of shot one.
    type ActionStarts = Vec<(String, f64)>;

    fn times(prompt: &str) -> (MoveStarts, ActionStarts) {
        let sb = Heuristic
            .decompose(&Request::new(prompt))
            .unwrap_or_else(|e| panic!("{prompt}: {e}"));
        let shot = &sb.shots[0];
        (
            shot.camera.iter().map(|c| (c.kind, c.start_s)).collect(),
            shot.actions
                .iter()
                .map(|a| (a.verb.clone(), a.start_s))
                .collect(),
        )
    }

    #[test]
    fn a_camera_move_a_sequence_word_puts_after_an_action_starts_after_it() {
        let (camera, actions) =
            times("A dog digs a hole and drops a bone in it; then the camera pushes in.");
        assert_eq!(actions, [("dig".to_string(), 0.0), ("drop".into(), 2.5)]);
        assert_eq!(camera, [(MoveKind::Dolly, 5.0)]);
    }

    #[test]
    fn a_camera_move_joined_by_and_runs_with_the_action_before_it() {
        let (camera, actions) =
            times("A girl climbs the ladder and jumps, and the camera tilts down.");
        assert_eq!(actions, [("climb".to_string(), 0.0), ("jump".into(), 2.5)]);
        assert_eq!(camera, [(MoveKind::Tilt, 2.5)]);
    }

    #[test]
    fn an_opening_camera_move_before_a_sequenced_action_takes_its_own_time() {
        let (camera, actions) = times(
            "The camera trucks right past a market stall, then a vendor waves, and the camera pans left.",
        );
        assert_eq!(actions, [("wave".to_string(), 2.5)]);
        assert_eq!(camera, [(MoveKind::Truck, 0.0), (MoveKind::Pan, 2.5)]);
    }
}
