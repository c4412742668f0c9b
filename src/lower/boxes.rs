//! Box geometry: sizes from framing and kind, the box a region gives, the first guess a
//! relation makes from its anchor's box, and re-projection through a moving camera.
//!
//! Boxes are laid out in the screen of the shot's starting camera ([`super::blocking`]).
//! Then every box is placed in the world at a depth (the one its size implies, shared by
//! boxes tied by a relation so the camera cannot break it) and re-projected through the
//! camera of that instant, so pans, trucks and orbits move boxes and zooms and dollies
//! resize them. The camera's target keeps its described screen path (the operator keeps it
//! framed) and only takes the size change. Final boxes are clipped to the frame.

use crate::ir::{Action, EntityKind, Framing, Placement, Region, Relation, Shot};

use super::camera::{CameraState, Vec3};

/// An unclipped box `[x0, y0, x1, y1]` in normalized image coordinates.
pub type BoxN = [f64; 4];

/// Gap between an entity and its anchor, as a fraction of the frame.
const GAP: f64 = 0.02;

/// Height of a standing adult's box as a fraction of the frame height, per framing.
fn framing_height(framing: Framing) -> f64 {
    match framing {
        Framing::ExtremeWide => 0.12,
        Framing::Wide => 0.35,
        Framing::Full => 0.8,
        Framing::MediumWide => 1.2,
        Framing::Medium => 1.6,
        Framing::MediumCloseUp => 2.2,
        Framing::CloseUp => 3.5,
        Framing::ExtremeCloseUp => 6.0,
    }
}

/// Size of a kind relative to a standing adult and its width/height ratio in pixels.
fn kind_shape(kind: EntityKind) -> (f64, f64) {
    match kind {
        EntityKind::Character => (1.0, 0.42),
        EntityKind::Animal => (0.75, 1.2),
        EntityKind::Object => (0.35, 1.0),
        EntityKind::Vehicle => (0.7, 2.2),
        EntityKind::Structure => (1.6, 1.0),
        EntityKind::Crowd => (0.9, 3.0),
        EntityKind::Effect => (0.8, 1.5),
    }
}

/// Horizontal centre, bottom edge and size factor of a screen region.
fn region_anchor(region: Region) -> (f64, f64, f64) {
    match region {
        Region::Left => (0.2, 0.9, 1.0),
        Region::Center => (0.5, 0.9, 1.0),
        Region::Right => (0.8, 0.9, 1.0),
        Region::Top => (0.5, 0.45, 0.8),
        Region::Bottom => (0.5, 0.97, 1.0),
        Region::TopLeft => (0.2, 0.45, 0.8),
        Region::TopRight => (0.8, 0.45, 0.8),
        Region::BottomLeft => (0.2, 0.97, 1.0),
        Region::BottomRight => (0.8, 0.97, 1.0),
        Region::Foreground => (0.5, 1.0, 1.35),
        Region::Background => (0.5, 0.62, 0.5),
        Region::OffscreenLeft => (-1.0, 0.9, 1.0),
        Region::OffscreenRight => (2.0, 0.9, 1.0),
    }
}

/// Vertical centre of a region for an entity whose placements speak of height (it rises,
/// sinks, flies at the top): the middle of the region's third.
fn region_mid_y(region: Region) -> Option<f64> {
    match region {
        Region::Top | Region::TopLeft | Region::TopRight => Some(0.2),
        Region::Bottom | Region::BottomLeft | Region::BottomRight => Some(0.8),
        Region::Left | Region::Center | Region::Right => Some(0.5),
        _ => None,
    }
}

/// The horizontal screen centre of a region, used to tell which way a path goes.
pub fn region_x(region: Region) -> f64 {
    region_anchor(region).0
}

/// Whether a region states a height in the frame (top or bottom).
pub fn is_vertical(region: Region) -> bool {
    matches!(
        region,
        Region::Top
            | Region::Bottom
            | Region::TopLeft
            | Region::TopRight
            | Region::BottomLeft
            | Region::BottomRight
    )
}

/// Whether a region states a side of the frame (left, center, right, a corner, off screen).
pub fn is_horizontal(region: Region) -> bool {
    !matches!(
        region,
        Region::Top | Region::Bottom | Region::Foreground | Region::Background
    )
}

/// Whether a region states a depth (foreground, background).
pub fn is_depth(region: Region) -> bool {
    matches!(region, Region::Foreground | Region::Background)
}

/// Width and height of a box of `kind` at `framing` in a frame of `aspect` (width / height),
/// before any region or relation scaling.
pub fn size(kind: EntityKind, framing: Framing, aspect: f64) -> (f64, f64) {
    let (scale, ratio) = kind_shape(kind);
    let h = framing_height(framing) * scale;
    (h * ratio / aspect, h)
}

/// Real-world height in metres of an entity of `kind` (an object when unknown).
pub fn world_height(kind: Option<EntityKind>) -> f64 {
    kind.unwrap_or(EntityKind::Object).height_m()
}

/// The box a region gives a `w`×`h` box. `vertical`: the entity's placements speak of
/// height, so left, center and right are mid-frame rather than on the ground line.
pub fn region_box(region: Region, w: f64, h: f64, vertical: bool) -> BoxN {
    let (cx, bottom, scale) = region_anchor(region);
    let (w, h) = (w * scale, h * scale);
    let cx = match region {
        Region::OffscreenLeft => -w / 2.0 - GAP,
        Region::OffscreenRight => 1.0 + w / 2.0 + GAP,
        _ => cx,
    };
    match region_mid_y(region).filter(|_| vertical && h <= 1.0) {
        Some(cy) => {
            let cy = cy.clamp(h / 2.0, 1.0 - h / 2.0);
            [cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0]
        }
        None => bottom_anchored(cx, bottom_for(h, bottom), w, h),
    }
}

/// A relation's guess `b` with the axes the region `r` (giving box `rb`) states taken from
/// the region: "above the coral, on the left" keeps the height above the coral and the left.
pub fn with_region_axes(b: &BoxN, rb: &BoxN, r: Region, vertical: bool) -> BoxN {
    let mut out = *b;
    if is_horizontal(r) {
        let d = (rb[0] + rb[2]) / 2.0 - (b[0] + b[2]) / 2.0;
        out[0] += d;
        out[2] += d;
    }
    if is_vertical(r) || (vertical && region_mid_y(r).is_some()) {
        let d = (rb[1] + rb[3]) / 2.0 - (b[1] + b[3]) / 2.0;
        out[1] += d;
        out[3] += d;
    }
    out
}

/// The bottom edge for a box of height `h`: the region's ground line for boxes that fit,
/// else the box hangs from near the top of the frame (head room) and runs off the bottom.
pub fn bottom_for(h: f64, ground: f64) -> f64 {
    if h > 0.85 { 0.08 + h } else { ground }
}

/// The box of a `w`×`h` box centred at `cx` standing on `bottom`.
pub fn bottom_anchored(cx: f64, bottom: f64, w: f64, h: f64) -> BoxN {
    [cx - w / 2.0, bottom - h, cx + w / 2.0, bottom]
}

/// The box of an entity of size `w`×`h` in relation `rel` to the anchor box `a`.
pub fn relate(rel: Relation, a: &BoxN, w: f64, h: f64) -> BoxN {
    let acx = (a[0] + a[2]) / 2.0;
    let (aw, ah) = (a[2] - a[0], a[3] - a[1]);
    match rel {
        Relation::LeftOf => bottom_anchored(a[0] - GAP - w / 2.0, a[3], w, h),
        Relation::RightOf => bottom_anchored(a[2] + GAP + w / 2.0, a[3], w, h),
        Relation::NextTo => {
            if a[2] + GAP + w <= 1.0 {
                bottom_anchored(a[2] + GAP + w / 2.0, a[3], w, h)
            } else {
                bottom_anchored(a[0] - GAP - w / 2.0, a[3], w, h)
            }
        }
        Relation::InFrontOf => {
            let (w, h) = (w * 1.15, h * 1.15);
            bottom_anchored(acx, a[3] + 0.05, w, h)
        }
        Relation::Behind => {
            let (w, h) = (w * 0.75, h * 0.75);
            bottom_anchored(acx + 0.25 * aw, a[3] - 0.1 * ah, w, h)
        }
        Relation::Above => {
            let s = (aw / w).min(ah / h).min(1.0);
            bottom_anchored(acx, a[1] - GAP, w * s, h * s)
        }
        Relation::OnTopOf => {
            // Something resting on the anchor is no bigger than it.
            let s = (aw / w).min(ah / h).min(1.0);
            bottom_anchored(acx, a[1] + 0.01 * ah, w * s, h * s)
        }
        Relation::Below => {
            let s = (0.6 * ah / h).min(1.0);
            bottom_anchored(acx, a[3], w * s, h * s)
        }
        Relation::Inside => {
            let s = (0.6 * aw / w).min(0.6 * ah / h).min(1.0);
            let (w, h) = (w * s, h * s);
            let cy = (a[1] + a[3]) / 2.0;
            [acx - w / 2.0, cy - h / 2.0, acx + w / 2.0, cy + h / 2.0]
        }
    }
}

/// Linear interpolation of two boxes at `u` in [0, 1].
pub fn lerp_box(a: &BoxN, b: &BoxN, u: f64) -> BoxN {
    let mut out = [0.0; 4];
    for (o, (x, y)) in out.iter_mut().zip(a.iter().zip(b)) {
        *o = x + (y - x) * u;
    }
    out
}

/// The depth (in world units along the view axis) at which a box of real height `world_h`
/// has the box's height in the camera `cam0`.
pub fn depth_of(b: &BoxN, world_h: f64, cam0: &CameraState) -> f64 {
    world_h * cam0.fy / (b[3] - b[1]).max(1e-6)
}

/// Re-projects a box laid out in the starting camera `cam0` through the camera `cam`, its
/// centre placed at `depth`. When `keep_centre` is set (the camera target), the box only
/// scales, about the centre of its part inside the frame (its centre when it fits): the
/// operator keeps what the frame shows of the target framed, so a close-up pulled back from
/// shrinks towards the face the frame showed, not below the frame.
pub fn project(
    b: &BoxN,
    depth: f64,
    cam0: &CameraState,
    cam: &CameraState,
    keep_centre: bool,
) -> BoxN {
    let h0 = (b[3] - b[1]).max(1e-6);
    let w0 = b[2] - b[0];
    let (u0, v0) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
    let cam_point: Vec3 = [
        (u0 - 0.5) / cam0.fx * depth,
        (v0 - 0.5) / cam0.fy * depth,
        depth,
    ];
    let world = cam0.to_world(&cam_point);
    let p = cam.to_camera(&world);
    if p[2] < 0.05 {
        // Behind the camera: nothing of it is visible.
        return [-1.0, -1.0, -1.0, -1.0];
    }
    let h = h0 * (cam.fy / cam0.fy) * depth / p[2];
    if keep_centre {
        let f = h / h0;
        let shown = clip(b);
        let pivot = [(shown[0] + shown[2]) / 2.0, (shown[1] + shown[3]) / 2.0];
        return std::array::from_fn(|i| pivot[i % 2] + (b[i] - pivot[i % 2]) * f);
    }
    let w = w0 * h / h0;
    let (u, v) = (0.5 + cam.fx * p[0] / p[2], 0.5 + cam.fy * p[1] / p[2]);
    [u - w / 2.0, v - h / 2.0, u + w / 2.0, v + h / 2.0]
}

/// Clips a box to the frame; every coordinate ends in [0, 1] and `x0 ≤ x1`, `y0 ≤ y1`.
pub fn clip(b: &BoxN) -> [f64; 4] {
    let c = |v: f64| {
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    let (x0, x1) = (c(b[0]), c(b[2]));
    let (y0, y1) = (c(b[1]), c(b[3]));
    [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)]
}

/// Whether a clipped box has any area.
pub fn is_visible(b: &[f64; 4]) -> bool {
    b[2] - b[0] > 1e-9 && b[3] - b[1] > 1e-9
}

/// +1 when `id`'s first stated path in the shot goes right, −1 when it goes left, 0 else.
pub fn path_direction(shot: &Shot, id: &str) -> f64 {
    let x = |p: &Option<Placement>| p.as_ref().and_then(|p| p.region).map(region_x);
    shot.actions
        .iter()
        .filter(|a: &&Action| a.entity == id)
        .find_map(|a| match (x(&a.from), x(&a.to)) {
            (Some(f), Some(t)) if t != f => Some((t - f).signum()),
            _ => None,
        })
        .unwrap_or(0.0)
}

/// Rounds a box's coordinates to 4 decimals (stable output).
pub fn round_box(b: [f64; 4]) -> [f64; 4] {
    b.map(|v| (v * 10_000.0).round() / 10_000.0)
}
