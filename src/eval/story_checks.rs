//! The storyboard expectations of stories and descriptions: attributes bound to the right
//! entity, words that must not become entities, story beats in order, a camera move after an
//! action, and appearance changes (one or several, in time order) shown by the keyframe
//! prompts.

use super::matching::{
    action_matches, contains_words, find_entity, matching_entities, word_eq, words,
};
use super::suite::{AttributesExpect, CameraAfterExpect, StateExpect};
use crate::ir::{Action, KeyframePlan, Shot, Storyboard};

/// Some entity the phrase names holds every word in its id or description ("a blue cat and
/// a white bird": the bird that is white, not just the first bird).
pub(super) fn attributes(sb: &Storyboard, a: &AttributesExpect) -> Result<(), String> {
    let mut lacking = Vec::new();
    for ent in matching_entities(sb, &a.entity) {
        let have = words(&format!("{} {}", ent.id, ent.description));
        let missing: Vec<&String> = a
            .words
            .iter()
            .filter(|w| !words(w).iter().all(|w| have.iter().any(|h| word_eq(h, w))))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        lacking.push(format!(
            "{} ({:?}) lacks {missing:?}",
            ent.id, ent.description
        ));
    }
    if lacking.is_empty() {
        Err(format!("no entity matches {:?}", a.entity))
    } else {
        Err(lacking.join("; "))
    }
}

/// No entity id holds any of the words.
pub(super) fn not_entities(sb: &Storyboard, banned: &[String]) -> Result<(), String> {
    let bad: Vec<String> = sb
        .entities
        .iter()
        .filter(|e| {
            let id = words(&e.id);
            banned
                .iter()
                .any(|b| id.iter().any(|w| word_eq(w, &b.to_lowercase())))
        })
        .map(|e| e.id.clone())
        .collect();
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "entities {bad:?} are named by words that name no thing ({banned:?})"
        ))
    }
}

/// What a shot says: its description and setting, its actions' verbs and descriptions, and
/// the ids of the entities they involve.
fn shot_words(shot: &Shot) -> Vec<String> {
    let mut text = format!("{} {}", shot.description, shot.setting);
    for a in &shot.actions {
        text.push_str(&format!(" {} {} {}", a.verb, a.description, a.entity));
    }
    words(&text)
}

/// Each beat word is said by a shot no earlier than the previous beat's shot.
pub(super) fn beats(sb: &Storyboard, beats: &[String]) -> Result<(), String> {
    let shots: Vec<Vec<String>> = sb.shots.iter().map(shot_words).collect();
    let mut from = 0;
    for beat in beats {
        let wanted = words(beat);
        let says = |s: &Vec<String>| wanted.iter().all(|w| s.iter().any(|x| word_eq(x, w)));
        match shots.iter().skip(from).position(says) {
            Some(k) => from += k,
            None if shots.iter().any(says) => {
                return Err(format!("beat {beat:?} comes before an earlier beat"));
            }
            None => return Err(format!("no shot shows the beat {beat:?}")),
        }
    }
    Ok(())
}

/// A camera move of the stated kind (and direction) starts at or after the start of an
/// action the phrase names.
pub(super) fn camera_after(
    sb: &Storyboard,
    actions: &[(f64, &Action)],
    c: &CameraAfterExpect,
) -> Result<(), String> {
    let Some(after) = actions
        .iter()
        .find(|(_, a)| action_matches(a, &c.after))
        .map(|(t, _)| *t)
    else {
        return Err(format!("no action matches {:?}", c.after));
    };
    let moves: Vec<f64> = sb
        .shots
        .iter()
        .zip(sb.shot_starts())
        .flat_map(|(s, t)| s.camera.iter().map(move |m| (t, m)))
        .filter(|(_, m)| m.kind == c.kind && (c.direction.is_none() || m.direction == c.direction))
        .map(|(t, m)| t + m.start_s)
        .collect();
    if moves.is_empty() {
        return Err(format!("no camera move {:?} {:?}", c.kind, c.direction));
    }
    if moves.iter().any(|&m| m + 1e-6 >= after) {
        Ok(())
    } else {
        Err(format!(
            "the {:?} move starts at {moves:?} s, before {:?} starts at {after} s",
            c.kind, c.after
        ))
    }
}

/// The changes happen in this order, each on an action of its entity, and the first / last
/// keyframe prompts of the shots they happen in show the first state and the last.
pub(super) fn states(
    sb: &Storyboard,
    plan: &KeyframePlan,
    actions: &[(f64, &Action)],
    changes: &[StateExpect],
) -> Result<String, String> {
    let fits = |value: &Option<String>, want: &Option<String>| {
        want.as_ref()
            .is_none_or(|w| value.as_ref().is_some_and(|v| contains_words(v, w)))
    };
    let mut found: Vec<&Action> = Vec::new();
    let mut next = 0;
    for st in changes {
        let ent = find_entity(sb, &st.entity)
            .ok_or_else(|| format!("no entity matches {:?}", st.entity))?;
        let is_change = |a: &Action| {
            a.entity == ent.id
                && (a.state_from.is_some() || a.state_to.is_some())
                && fits(&a.state_from, &st.from)
                && fits(&a.state_to, &st.to)
        };
        let Some(k) = actions.iter().skip(next).position(|(_, a)| is_change(a)) else {
            let listed: Vec<_> = actions
                .iter()
                .filter(|(_, a)| a.entity == ent.id)
                .map(|(_, a)| (a.state_from.clone(), a.state_to.clone()))
                .collect();
            return Err(format!(
                "no action of {} changes {:?} → {:?}{}; its changes are {listed:?}",
                ent.id,
                st.from,
                st.to,
                if found.is_empty() {
                    ""
                } else {
                    " after the earlier change"
                }
            ));
        };
        found.push(actions[next + k].1);
        next += k + 1;
    }
    let (Some(first), Some(last), Some(first_change), Some(last_change)) =
        (found.first(), found.last(), changes.first(), changes.last())
    else {
        return Ok("no change expected".into());
    };
    let frames_of = |action: &Action| {
        let shot = sb
            .shots
            .iter()
            .find(|s| s.actions.iter().any(|a| std::ptr::eq(a, action)))
            .map_or("", |s| s.id.as_str());
        let frames: Vec<&str> = plan
            .keyframes
            .iter()
            .filter(|k| k.shot == shot)
            .map(|k| k.prompt.as_str())
            .collect();
        (shot.to_string(), frames)
    };
    let (shot, frames) = frames_of(first);
    let Some(opening) = frames.first() else {
        return Err(format!("the plan has no keyframes for shot {shot}"));
    };
    if let Some(from) = &first_change.from
        && !contains_words(opening, from)
    {
        return Err(format!(
            "the first keyframe prompt of {shot} does not show {from:?}: {opening:?}"
        ));
    }
    let (shot, frames) = frames_of(last);
    let Some(closing) = frames.last() else {
        return Err(format!("the plan has no keyframes for shot {shot}"));
    };
    if let Some(to) = &last_change.to
        && !contains_words(closing, to)
    {
        return Err(format!(
            "the last keyframe prompt of {shot} does not show {to:?}: {closing:?}"
        ));
    }
    Ok(found
        .iter()
        .map(|a| format!("{} {:?} → {:?}", a.entity, a.state_from, a.state_to))
        .collect::<Vec<_>>()
        .join(", "))
}
