//! Stated relations hold between the two boxes when they are stated to: a cast placement
//! when the member comes on screen, an action's `from` at its start, its `to` (and its
//! affected object's `to`) at its end.

use crate::ir::{KeyframePlan, Placement, Storyboard};

use super::camera::Lens;
use super::entries::{Presence, presence};
use super::geometry::{self, Rect};
use super::timing::ShotView;
use super::{Finding, codes};

/// One stated placement with a relation: who, where, when, and its pointer.
struct Statement<'a> {
    subject: &'a str,
    place: &'a Placement,
    t: f64,
    pointer: String,
}

fn statements<'a>(view: &ShotView<'a>) -> Vec<Statement<'a>> {
    let base = format!("/shots/{}", view.index);
    let mut out = Vec::new();
    for (j, c) in view.shot.cast.iter().enumerate() {
        let t = c.enter_s.unwrap_or(0.0);
        // An action that places the member at the same instant says where it is then.
        let superseded = view
            .shot
            .actions
            .iter()
            .any(|a| a.entity == c.entity && a.from.is_some() && a.start_s == t);
        if let Some(p) = c.placement.as_ref().filter(|_| !superseded) {
            out.push(Statement {
                subject: &c.entity,
                place: p,
                t,
                pointer: format!("{base}/cast/{j}/placement"),
            });
        }
    }
    for (j, a) in view.shot.actions.iter().enumerate() {
        if let Some(p) = &a.from {
            out.push(Statement {
                subject: &a.entity,
                place: p,
                t: a.start_s,
                pointer: format!("{base}/actions/{j}/from"),
            });
        }
        if let Some(p) = &a.to {
            out.push(Statement {
                subject: &a.entity,
                place: p,
                t: a.end_s,
                pointer: format!("{base}/actions/{j}/to"),
            });
        }
        if let Some(o) = &a.object
            && let Some(p) = &o.to
        {
            out.push(Statement {
                subject: &o.entity,
                place: p,
                t: a.end_s,
                pointer: format!("{base}/actions/{j}/object/to"),
            });
        }
    }
    out.retain(|s| s.place.relation.is_some() && s.place.anchor.is_some());
    out
}

/// The union of the visible boxes of `id` at keyframe `k`.
pub fn visible_box(plan: &KeyframePlan, k: usize, id: &str) -> Option<Rect> {
    let boxes: Vec<Rect> = plan.keyframes[k]
        .entities
        .iter()
        .filter(|e| e.id == id && e.visible)
        .map(|e| e.bbox)
        .collect();
    geometry::union(&boxes)
}

/// The boxes of `id`'s hidden entries at keyframe `k`.
fn hidden_boxes(plan: &KeyframePlan, k: usize, id: &str) -> Vec<Rect> {
    plan.keyframes[k]
        .entities
        .iter()
        .filter(|e| e.id == id && !e.visible)
        .map(|e| e.bbox)
        .collect()
}

/// Whether `id` is stated to be on screen at `t` (in its window and not off screen).
fn stated_on(view: &ShotView<'_>, id: &str, t: f64) -> bool {
    let tol = view.half_frame();
    let window = view
        .shot
        .cast
        .iter()
        .find(|c| c.entity == id)
        .is_none_or(|c| {
            c.enter_s.is_none_or(|e| t >= e - tol) && c.exit_s.is_none_or(|x| t <= x + tol)
        });
    window && presence(view, id, t) == Presence::On
}

/// Every stated relation of the shot at its keyframe.
pub fn check(
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    view: &ShotView<'_>,
    out: &mut Vec<Finding>,
) {
    for s in statements(view) {
        let (Some(rel), Some(anchor)) = (s.place.relation, s.place.anchor.as_deref()) else {
            continue;
        };
        if anchor == s.subject
            || storyboard.entity(anchor).is_none()
            || plan.layout_notes.iter().any(|n| n.pointer == s.pointer)
        {
            continue;
        }
        let Some(k) = view.keyframe_at(plan, s.t) else {
            continue;
        };
        let both_on = stated_on(view, s.subject, s.t) && stated_on(view, anchor, s.t);
        let message = match (
            visible_box(plan, k, s.subject),
            visible_box(plan, k, anchor),
        ) {
            (Some(a), Some(b)) if geometry::holds(rel, &a, &b) => continue,
            // Once the camera has moved, the frame may cut a box the solver did not: the
            // plan then does not tell where the rest of it is.
            (Some(a), Some(b))
                if (geometry::cut_by_frame(&a) || geometry::cut_by_frame(&b))
                    && view.start_lens(plan) != Some(Lens::of(&plan.keyframes[k].camera)) =>
            {
                continue;
            }
            (Some(a), Some(b)) => format!(
                "`{}` {a:?} is not {} `{anchor}` {b:?}",
                s.subject,
                relation_words(rel)
            ),
            _ if !both_on => continue,
            (a, b)
                if [(a, s.subject), (b, anchor)]
                    .iter()
                    .filter(|(shown, _)| shown.is_none())
                    .all(|(_, id)| view.hidden_by_camera(plan, k, &hidden_boxes(plan, k, id))) =>
            {
                continue;
            }
            _ => format!(
                "`{}` is to be {} `{anchor}` but one of them is not visible",
                s.subject,
                relation_words(rel)
            ),
        };
        out.push(Finding::new(codes::RELATION_BROKEN, s.pointer, message).at(plan, k));
    }
}

fn relation_words(r: crate::ir::Relation) -> &'static str {
    use crate::ir::Relation::*;
    match r {
        LeftOf => "left of",
        RightOf => "right of",
        InFrontOf => "in front of",
        Behind => "behind",
        Above => "above",
        Below => "below",
        OnTopOf => "on top of",
        Inside => "inside",
        NextTo => "next to",
    }
}
