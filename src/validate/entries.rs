//! Cast entries, counts and visibility windows: every cast member has its instances in every
//! keyframe of its shot, visible inside its window and hidden outside it.

use crate::ir::{KeyframePlan, Placement, Region, Storyboard};

use super::timing::ShotView;
use super::{Finding, codes};

/// Where the storyboard says an entity is at an instant of its shot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// On screen.
    On,
    /// Off screen (an off-screen region).
    Off,
    /// On its way in or out.
    Transit,
}

fn off(p: Option<&Placement>) -> bool {
    p.and_then(|p| p.region)
        .is_some_and(|r| matches!(r, Region::OffscreenLeft | Region::OffscreenRight))
}

/// Where the storyboard puts entity `id` at `t` seconds into the shot, from its cast
/// placement and the paths that move it (a move in from off screen with no destination
/// ends on screen).
pub fn presence(view: &ShotView<'_>, id: &str, t: f64) -> Presence {
    let shot = view.shot;
    let mut points: Vec<(f64, bool)> = Vec::new();
    if let Some(c) = shot.cast.iter().find(|c| c.entity == id)
        && let Some(p) = &c.placement
    {
        points.push((c.enter_s.unwrap_or(0.0), off(Some(p))));
    }
    for a in &shot.actions {
        if a.entity == id {
            if a.from.is_some() {
                points.push((a.start_s, off(a.from.as_ref())));
            }
            if a.to.is_some() || off(a.from.as_ref()) {
                points.push((a.end_s, off(a.to.as_ref())));
            }
        }
        if let Some(o) = &a.object
            && o.entity == id
            && o.to.is_some()
        {
            points.push((a.end_s, off(o.to.as_ref())));
        }
    }
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let tol = view.half_frame();
    let before = points.iter().rev().find(|p| p.0 <= t + tol);
    let after = points.iter().find(|p| p.0 > t + tol);
    match (before, after) {
        (None, Some(&(_, first_off))) if first_off => Presence::Off,
        (None, _) => Presence::On,
        (Some(&(_, was_off)), next) => {
            let going_off = next.is_some_and(|n| n.1);
            match (was_off, going_off) {
                (false, false) => Presence::On,
                (true, true) => Presence::Off,
                (true, false) if next.is_none() => Presence::Off,
                _ => Presence::Transit,
            }
        }
    }
}

/// Entries, counts and visibility of every cast member in every keyframe of the shot.
pub fn check(
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    view: &ShotView<'_>,
    out: &mut Vec<Finding>,
) {
    let tol = view.half_frame();
    for (j, c) in view.shot.cast.iter().enumerate() {
        let pointer = format!("/shots/{}/cast/{j}", view.index);
        let Some((e_index, entity)) = storyboard
            .entities
            .iter()
            .enumerate()
            .find(|(_, e)| e.id == c.entity)
        else {
            continue;
        };
        let count = entity.count.max(1) as usize;
        let enter = c.enter_s.unwrap_or(0.0);
        let exit = c.exit_s.unwrap_or(view.shot.duration_s);
        let (mut missing, mut miscounted, mut shown, mut hidden) = (false, false, false, false);
        for &k in &view.keyframes {
            let kf = &plan.keyframes[k];
            let entries: Vec<_> = kf.entities.iter().filter(|e| e.id == c.entity).collect();
            if entries.is_empty() {
                if !missing {
                    out.push(
                        Finding::new(
                            codes::MISSING_ENTRY,
                            &pointer,
                            format!("cast member `{}` has no entry in this keyframe", c.entity),
                        )
                        .at(plan, k),
                    );
                }
                missing = true;
                continue;
            }
            if entries.len() != count && !miscounted {
                miscounted = true;
                out.push(
                    Finding::new(
                        codes::COUNT_MISMATCH,
                        format!("/entities/{e_index}/count"),
                        format!(
                            "`{}` has a count of {count} but {} entries in this keyframe",
                            c.entity,
                            entries.len()
                        ),
                    )
                    .at(plan, k),
                );
            }
            let t = view.time_of(kf.frame);
            let visible = entries.iter().any(|e| e.visible);
            let outside = t < enter - tol || t > exit + tol;
            if outside && visible && !shown {
                shown = true;
                out.push(
                    Finding::new(
                        codes::VISIBILITY,
                        &pointer,
                        format!(
                            "`{}` is visible at {t:.2} s, outside its window {enter:.2}–{exit:.2} s",
                            c.entity
                        ),
                    )
                    .at(plan, k),
                );
            }
            let inside = t >= enter + tol && t <= exit - tol;
            let boxes: Vec<[f64; 4]> = entries.iter().map(|e| e.bbox).collect();
            if inside
                && !visible
                && !hidden
                && presence(view, &c.entity, t) == Presence::On
                && !view.hidden_by_camera(plan, k, &boxes)
            {
                hidden = true;
                out.push(
                    Finding::new(
                        codes::VISIBILITY,
                        &pointer,
                        format!(
                            "`{}` is hidden at {t:.2} s though it is on screen from {enter:.2} to {exit:.2} s",
                            c.entity
                        ),
                    )
                    .at(plan, k),
                );
            }
        }
    }
}
