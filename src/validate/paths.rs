//! Paths: an action whose `from` and `to` name different regions moves its box that way
//! across a clear share of the frame between its start and end keyframes.

use crate::ir::{KeyframePlan, Region, Storyboard};

use super::geometry;
use super::relations::visible_box;
use super::timing::ShotView;
use super::{Finding, codes};

/// Least share of the frame a path moves a box along its axis (less when the box is so
/// large that the frame leaves it less room).
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

/// Every region-to-region path of the shot.
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
        if storyboard.entity(&a.entity).is_none() {
            continue;
        }
        let targeted = view
            .shot
            .camera
            .iter()
            .any(|m| m.target.as_deref() == Some(a.entity.as_str()));
        if view.camera_moves_during(a.start_s, a.end_s) && !targeted {
            continue;
        }
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
        let axes = [
            (
                x_rank(from).zip(x_rank(to)),
                geometry::centre_x(&b1) - geometry::centre_x(&b0),
                geometry::width(&b0).max(geometry::width(&b1)),
                ["left", "right"],
            ),
            (
                y_rank(from, to).zip(y_rank(to, from)),
                geometry::centre_y(&b1) - geometry::centre_y(&b0),
                geometry::height(&b0).max(geometry::height(&b1)),
                ["up", "down"],
            ),
        ];
        for (ranks, moved, size, words) in axes {
            let Some((r0, r1)) = ranks else { continue };
            if r0 == r1 {
                continue;
            }
            let sign = if r1 > r0 { 1.0 } else { -1.0 };
            let need = CLEAR_SHARE.min(0.5 * (1.0 - size).max(0.0));
            if moved * sign + 0.002 < need {
                let way = words[usize::from(r1 > r0)];
                out.push(
                    Finding::new(
                        codes::PATH_NOT_SHOWN,
                        format!("/shots/{}/actions/{j}", view.index),
                        format!(
                            "`{}` is to move {way} but its box moves {moved:+.3} of the frame (at least {need:.3} {way})",
                            a.entity
                        ),
                    )
                    .at(plan, k1),
                );
            }
        }
    }
}
