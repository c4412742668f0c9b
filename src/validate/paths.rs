//! Paths: an action whose `from` and `to` name different regions moves its box that way
//! across a clear share of the frame between its start and end keyframes.

use crate::ir::{KeyframePlan, Region, Storyboard};

use super::camera::Lens;
use super::geometry::{self, Rect};
use super::relations::visible_box;
use super::timing::ShotView;
use super::{Finding, codes};

/// Least share of the frame a path moves a box along its axis (less when the box is so
/// large that the frame leaves it less room, or when its keyframes, rounded to whole
/// frames, cover less than the whole action).
const CLEAR_SHARE: f64 = 0.15;

/// Horizontal rank of a region (left to right), for regions that state a side.
fn x_rank(r: Region) -> Option<i8> {
    match r {
        Region::OffscreenLeft => Some(-1),
        Region::Left | Region::TopLeft | Region::BottomLeft => Some(0),
        Region::Center => Some(1),
        Region::Right | Region::TopRight | Region::BottomRight => Some(2),
        Region::OffscreenRight => Some(3),
        Region::Top | Region::Bottom | Region::Foreground | Region::Background => None,
    }
}

/// Vertical rank of a region (top to bottom), for regions that state a height; left, center
/// and right count as the middle when the other end states a height.
fn y_rank(r: Region, other: Region) -> Option<i8> {
    let states_height = |r: Region| {
        matches!(
            r,
            Region::Top
                | Region::TopLeft
                | Region::TopRight
                | Region::Bottom
                | Region::BottomLeft
                | Region::BottomRight
        )
    };
    match r {
        Region::Top | Region::TopLeft | Region::TopRight => Some(0),
        Region::Bottom | Region::BottomLeft | Region::BottomRight => Some(2),
        Region::Left | Region::Center | Region::Right if states_height(other) => Some(1),
        _ => None,
    }
}

/// Every region-to-region path of the shot. While the camera moves, a path shows either on
/// screen as stated (the camera follows the mover, or the path outruns the move) or in the
/// starting camera's frame once the keyframes' boxes are taken back through their cameras
/// (at the distance the box's height gives the entity's kind).
pub fn check(
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    view: &ShotView<'_>,
    out: &mut Vec<Finding>,
) {
    for (j, a) in view.shot.actions.iter().enumerate() {
        let (Some(from), Some(to)) = (
            a.from.as_ref().and_then(|p| p.region),
            a.to.as_ref().and_then(|p| p.region),
        ) else {
            continue;
        };
        let Some(entity) = storyboard.entity(&a.entity) else {
            continue;
        };
        let (Some(k0), Some(k1)) = (
            view.keyframe_at(plan, a.start_s),
            view.keyframe_at(plan, a.end_s),
        ) else {
            continue;
        };
        let (Some(b0), Some(b1)) = (
            visible_box(plan, k0, &a.entity),
            visible_box(plan, k1, &a.entity),
        ) else {
            continue;
        };
        let covered = covered_share(view, plan, (k0, k1), (a.start_s, a.end_s));
        let on_screen = misses(from, to, &b0, &b1, covered);
        if on_screen.is_empty() {
            continue;
        }
        let height = entity.kind.height_m();
        let start = view.start_lens(plan);
        let in_start_frame = start.and_then(|start| {
            let back = |k: usize, b: &Rect| {
                start_frame_box(&start, &Lens::of(&plan.keyframes[k].camera), b, height)
            };
            Some(misses(from, to, &back(k0, &b0)?, &back(k1, &b1)?, covered))
        });
        // A box the frame cuts does not tell its size, so neither its distance nor where
        // the starting camera would see it: once the camera has moved, the plan cannot
        // show such a path either way.
        let moved = start.is_some_and(|s| s != Lens::of(&plan.keyframes[k1].camera));
        let cut = geometry::cut_by_frame(&b0) || geometry::cut_by_frame(&b1);
        if in_start_frame.is_some_and(|m| m.is_empty()) || (moved && cut) {
            continue;
        }
        for message in on_screen {
            out.push(
                Finding::new(
                    codes::PATH_NOT_SHOWN,
                    format!("/shots/{}/actions/{j}", view.index),
                    format!("`{}` {message}", a.entity),
                )
                .at(plan, k1),
            );
        }
    }
}

/// `b`, seen by `now`, as the starting camera `start` sees it: its centre taken back
/// through `now` at the distance its height gives a thing `height` metres tall, and
/// projected by `start`; `None` when that point is behind the starting camera.
fn start_frame_box(start: &Lens, now: &Lens, b: &Rect, height: f64) -> Option<Rect> {
    let (w, h) = (geometry::width(b), geometry::height(b));
    if h <= 0.0 {
        return None;
    }
    let z = height * now.fy() / h;
    let world = now.unproject(geometry::centre_x(b), geometry::centre_y(b), z);
    let (u, v, z0) = start.project(&world)?;
    let scale = start.fy() / now.fy() * z / z0;
    let (hw, hh) = (w * scale / 2.0, h * scale / 2.0);
    Some([u - hw, v - hh, u + hw, v + hh])
}

/// The share of the action's time between its start and end keyframes: below 1 when a
/// short action's ends round to frames inside it (an action of 0.07–0.70 s on an 8 fps
/// grid ends at a keyframe of 0.625 s, before the box has travelled its whole path).
fn covered_share(
    view: &ShotView<'_>,
    plan: &KeyframePlan,
    keys: (usize, usize),
    action: (f64, f64),
) -> f64 {
    let (start, end) = action;
    if end - start <= 0.0 {
        return 1.0;
    }
    let t0 = view.time_of(plan.keyframes[keys.0].frame).max(start);
    let t1 = view.time_of(plan.keyframes[keys.1].frame).min(end);
    ((t1 - t0) / (end - start)).clamp(0.0, 1.0)
}

/// What the boxes `b0` (at the path's start) and `b1` (at its end) fail to show of a path
/// from region `from` to region `to`, one sentence per axis, when the keyframes cover
/// `covered` of the action's time.
fn misses(from: Region, to: Region, b0: &Rect, b1: &Rect, covered: f64) -> Vec<String> {
    let axes = [
        (
            x_rank(from).zip(x_rank(to)),
            geometry::centre_x(b1) - geometry::centre_x(b0),
            geometry::width(b0).max(geometry::width(b1)),
            ["left", "right"],
        ),
        (
            y_rank(from, to).zip(y_rank(to, from)),
            geometry::centre_y(b1) - geometry::centre_y(b0),
            geometry::height(b0).max(geometry::height(b1)),
            ["up", "down"],
        ),
    ];
    let mut out = Vec::new();
    for (ranks, moved, size, words) in axes {
        let Some((r0, r1)) = ranks else { continue };
        if r0 == r1 {
            continue;
        }
        let sign = if r1 > r0 { 1.0 } else { -1.0 };
        let need = CLEAR_SHARE.min(0.5 * (1.0 - size).max(0.0)) * covered;
        if moved * sign + 0.002 < need {
            let way = words[usize::from(r1 > r0)];
            out.push(format!(
                "is to move {way} but its box moves {moved:+.3} of the frame (at least {need:.3} {way})"
            ));
        }
    }
    out
}
