//! The keyframe-plan expectations: what the boxes of the generic plan show — how many boxes
//! an entity has, whether it is on screen at the ends, which way it moves, how it stands
//! to another entity and where in the frame it is.

use super::boxes::{centre, region_holds, relation_holds};
use super::matching::matching_entities;
use super::suite::{
    CountExpect, DirectionExpect, Moment, RegionExpect, ScreenDirection, SpatialExpect,
    VisibleExpect, When,
};
use crate::ir::{Keyframe, KeyframePlan, Storyboard};

/// How far (a share of the frame) a box centre must travel for a direction to show.
const CLEAR_MOVE: f64 = 0.1;

/// The ids of the entities a phrase names, or why there are none.
fn ids(sb: &Storyboard, phrase: &str) -> Result<Vec<String>, String> {
    let ids: Vec<String> = matching_entities(sb, phrase)
        .map(|e| e.id.clone())
        .collect();
    if ids.is_empty() {
        Err(format!(
            "no entity matches {phrase:?}; entities are {:?}",
            sb.entities.iter().map(|e| &e.id).collect::<Vec<_>>()
        ))
    } else {
        Ok(ids)
    }
}

/// The visible boxes of these entities in one keyframe.
fn visible_boxes<'a>(k: &'a Keyframe, ids: &'a [String]) -> impl Iterator<Item = &'a [f64; 4]> {
    k.entities
        .iter()
        .filter(move |e| e.visible && ids.contains(&e.id))
        .map(|e| &e.bbox)
}

/// The box around every visible box of these entities in one keyframe.
fn union_box(k: &Keyframe, ids: &[String]) -> Option<[f64; 4]> {
    visible_boxes(k, ids).fold(None, |acc, b| {
        Some(match acc {
            None => *b,
            Some(u) => [
                u[0].min(b[0]),
                u[1].min(b[1]),
                u[2].max(b[2]),
                u[3].max(b[3]),
            ],
        })
    })
}

/// The keyframes in which these entities have a visible box, with that box.
fn on_screen<'a>(plan: &'a KeyframePlan, ids: &[String]) -> Vec<(&'a Keyframe, [f64; 4])> {
    plan.keyframes
        .iter()
        .filter_map(|k| union_box(k, ids).map(|b| (k, b)))
        .collect()
}

/// Some keyframe shows exactly `n` visible boxes of the entity.
pub(super) fn count(sb: &Storyboard, plan: &KeyframePlan, c: &CountExpect) -> Result<(), String> {
    let ids = ids(sb, &c.entity)?;
    let seen: Vec<usize> = plan
        .keyframes
        .iter()
        .map(|k| visible_boxes(k, &ids).count())
        .collect();
    if seen.contains(&c.n) {
        Ok(())
    } else {
        Err(format!(
            "no keyframe shows {} box(es) of {:?}; the keyframes show {seen:?}",
            c.n, c.entity
        ))
    }
}

/// The entity is (or is not) on screen at the plan's first and last keyframes.
pub(super) fn visible(
    sb: &Storyboard,
    plan: &KeyframePlan,
    v: &VisibleExpect,
) -> Result<(), String> {
    let ids = ids(sb, &v.entity)?;
    let shown = |k: Option<&Keyframe>| k.is_some_and(|k| visible_boxes(k, &ids).next().is_some());
    for (name, want, k) in [
        ("first", v.first, plan.keyframes.first()),
        ("last", v.last, plan.keyframes.last()),
    ] {
        if let Some(want) = want
            && shown(k) != want
        {
            return Err(format!(
                "{:?} is {} at the {name} keyframe, expected {}",
                v.entity,
                if shown(k) { "visible" } else { "not visible" },
                if want { "visible" } else { "not visible" },
            ));
        }
    }
    Ok(())
}

/// The entity's box centre travels a clear share of the frame the stated way between its
/// first and last keyframes on screen.
pub(super) fn direction(
    sb: &Storyboard,
    plan: &KeyframePlan,
    d: &DirectionExpect,
) -> Result<(), String> {
    let ids = ids(sb, &d.entity)?;
    let seen = on_screen(plan, &ids);
    let (Some((_, first)), Some((_, last))) = (seen.first(), seen.last()) else {
        return Err(format!("{:?} is never on screen", d.entity));
    };
    let ((x0, y0), (x1, y1)) = (centre(first), centre(last));
    let travel = match d.dir {
        ScreenDirection::Left => x0 - x1,
        ScreenDirection::Right => x1 - x0,
        ScreenDirection::Up => y0 - y1,
        ScreenDirection::Down => y1 - y0,
    };
    if travel >= CLEAR_MOVE {
        Ok(())
    } else {
        Err(format!(
            "{:?} moves from ({x0:.2}, {y0:.2}) to ({x1:.2}, {y1:.2}): {travel:.2} of the frame {:?}, expected at least {CLEAR_MOVE}",
            d.entity, d.dir
        ))
    }
}

/// The relation holds between the two entities' boxes in the first (or last) keyframe that
/// shows both.
pub(super) fn layout(
    sb: &Storyboard,
    plan: &KeyframePlan,
    l: &SpatialExpect,
) -> Result<(), String> {
    let (a, b) = (ids(sb, &l.entity)?, ids(sb, &l.anchor)?);
    let both: Vec<(&Keyframe, [f64; 4], [f64; 4])> = plan
        .keyframes
        .iter()
        .filter_map(|k| Some((k, union_box(k, &a)?, union_box(k, &b)?)))
        .collect();
    let at = if l.when == When::Start {
        both.first()
    } else {
        both.last()
    };
    let Some((k, ba, bb)) = at else {
        return Err(format!(
            "no keyframe shows both {:?} and {:?}",
            l.entity, l.anchor
        ));
    };
    if relation_holds(l.relation, ba, bb) {
        Ok(())
    } else {
        Err(format!(
            "at frame {} {:?} {ba:.2?} is not {:?} {:?} {bb:.2?}",
            k.frame, l.entity, l.relation, l.anchor
        ))
    }
}

/// The entity's box centre is in the region at the start, middle or end of its time on
/// screen (the middle is the keyframe nearest halfway between its first and last).
pub(super) fn region(sb: &Storyboard, plan: &KeyframePlan, r: &RegionExpect) -> Result<(), String> {
    let ids = ids(sb, &r.entity)?;
    let seen = on_screen(plan, &ids);
    let (Some((first, _)), Some((last, _))) = (seen.first(), seen.last()) else {
        return Err(format!("{:?} is never on screen", r.entity));
    };
    let at = match r.when {
        Moment::Start => seen.first(),
        Moment::End => seen.last(),
        Moment::Middle => {
            let half = (first.time_s + last.time_s) / 2.0;
            seen.iter().min_by(|x, y| {
                (x.0.time_s - half)
                    .abs()
                    .total_cmp(&(y.0.time_s - half).abs())
            })
        }
    };
    let Some((k, b)) = at else {
        return Err(format!("{:?} is never on screen", r.entity));
    };
    if region_holds(r.region, b) {
        Ok(())
    } else {
        let (x, y) = centre(b);
        Err(format!(
            "at frame {} ({:?}) the centre of {:?} is at ({x:.2}, {y:.2}), not in {:?}",
            k.frame, r.when, r.entity, r.region
        ))
    }
}
