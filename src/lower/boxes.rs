//! Placements → normalized boxes: where each entity is on screen at a time of a shot.
//!
//! Boxes are first laid out in the screen of the shot's starting camera (regions, relations
//! resolved against the anchor's box, paths interpolated with easing between the action's
//! `from` and `to`), sized from the shot's framing and the entity's kind. Then every entity
//! is placed in the world at the depth its size implies and re-projected through the camera
//! of that instant, so pans, trucks and orbits move boxes and zooms and dollies resize them.
//! The camera's target keeps its described screen path (the operator keeps it framed) and
//! only takes the size change. Final boxes are clipped to the frame.

use crate::ir::{Action, EntityKind, Framing, Placement, Region, Relation, Shot, Storyboard};

use super::camera::{CameraState, Vec3};
use super::easing::{ease, progress};
use crate::ir::Easing;

/// An unclipped box `[x0, y0, x1, y1]` in normalized image coordinates.
pub type BoxN = [f64; 4];

/// How deep relation chains (an anchor placed relative to its own anchor) are followed.
const MAX_RELATION_DEPTH: usize = 4;

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

/// Size of a kind relative to a standing adult, its width/height ratio in pixels, and its
/// real-world height in metres (which sets its depth).
fn kind_shape(kind: EntityKind) -> (f64, f64, f64) {
    match kind {
        EntityKind::Character => (1.0, 0.42, 1.7),
        EntityKind::Animal => (0.75, 1.2, 1.1),
        EntityKind::Object => (0.35, 1.0, 0.5),
        EntityKind::Vehicle => (0.7, 2.2, 1.5),
        EntityKind::Structure => (1.6, 1.0, 8.0),
        EntityKind::Crowd => (0.9, 3.0, 1.7),
        EntityKind::Effect => (0.8, 1.5, 2.0),
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

/// The horizontal screen centre of a region, used to tell which way a path goes.
pub fn region_x(region: Region) -> f64 {
    region_anchor(region).0
}

/// Lays out the entities of one shot in the starting camera's screen.
#[derive(Debug, Clone)]
pub struct ShotLayout<'a> {
    storyboard: &'a Storyboard,
    shot: &'a Shot,
    easing: Easing,
    /// Image width / height.
    aspect: f64,
    /// Entities on screen in this shot, in order of first mention.
    pub ids: Vec<&'a str>,
}

impl<'a> ShotLayout<'a> {
    /// The layout of `shot`: its cast in cast order, then any entity an action, anchor or
    /// camera target names that the cast leaves out (a checked storyboard has none).
    pub fn new(storyboard: &'a Storyboard, shot: &'a Shot, easing: Easing, aspect: f64) -> Self {
        let mut ids: Vec<&'a str> = Vec::new();
        let mut push = |id: &'a str| {
            if storyboard.entity(id).is_some() && !ids.contains(&id) {
                ids.push(id);
            }
        };
        for c in &shot.cast {
            push(&c.entity);
        }
        for a in &shot.actions {
            push(&a.entity);
            for p in [&a.from, &a.to].into_iter().flatten() {
                if let Some(anchor) = &p.anchor {
                    push(anchor);
                }
            }
        }
        for m in &shot.camera {
            if let Some(t) = &m.target {
                push(t);
            }
        }
        Self {
            storyboard,
            shot,
            easing,
            aspect,
            ids,
        }
    }

    /// Whether `id` is on screen at some time of `[t0, t1]`.
    pub fn on_screen_during(&self, id: &str, t0: f64, t1: f64) -> bool {
        self.shot.cast_member(id).is_none_or(|c| {
            c.enter_s.is_none_or(|enter| enter <= t1) && c.exit_s.is_none_or(|exit| exit >= t0)
        })
    }

    /// Whether `id` is on screen at `t`: within its cast entry's enter/exit window (the whole
    /// shot when it has no entry or no window).
    pub fn on_screen(&self, id: &str, t: f64) -> bool {
        self.shot.cast_member(id).is_none_or(|c| {
            c.enter_s.is_none_or(|enter| t >= enter) && c.exit_s.is_none_or(|exit| t <= exit)
        })
    }

    /// Width and height of `id`'s box before any region or relation scaling.
    fn size(&self, id: &str) -> (f64, f64) {
        let kind = self
            .storyboard
            .entity(id)
            .map_or(EntityKind::Object, |e| e.kind);
        let (scale, ratio, _) = kind_shape(kind);
        let h = framing_height(self.shot.framing) * scale;
        (h * ratio / self.aspect, h)
    }

    /// Real-world height of `id` in metres.
    pub fn world_height(&self, id: &str) -> f64 {
        let kind = self
            .storyboard
            .entity(id)
            .map_or(EntityKind::Object, |e| e.kind);
        kind_shape(kind).2
    }

    /// The box of `id` at `t` seconds into the shot, in the starting camera's screen.
    pub fn screen_box(&self, id: &str, t: f64) -> BoxN {
        self.screen_box_depth(id, t, 0)
    }

    fn screen_box_depth(&self, id: &str, t: f64, depth: usize) -> BoxN {
        let waypoints = self.waypoints(id);
        let place = |p: &Placement| self.place(id, p, t, depth);
        let Some(first) = waypoints.first() else {
            return self.default_box(id);
        };
        if t <= first.0 {
            return place(first.1);
        }
        for pair in waypoints.windows(2) {
            let ((t0, p0), (t1, p1)) = (pair[0], pair[1]);
            if t <= t1 {
                let u = ease(self.easing, progress(t, t0, t1));
                return lerp_box(&place(p0), &place(p1), u);
            }
        }
        waypoints
            .last()
            .map_or_else(|| self.default_box(id), |w| place(w.1))
    }

    /// The placement `id` is at (`(Some(p), None, false)`) or is moving between
    /// (`(Some(from), Some(to), true)`) at `t`; `(None, None, false)` when it has none.
    pub fn placements_at(
        &self,
        id: &str,
        t: f64,
    ) -> (Option<&'a Placement>, Option<&'a Placement>, bool) {
        let points = self.waypoints(id);
        let Some(first) = points.first() else {
            return (None, None, false);
        };
        if t <= first.0 {
            return (Some(first.1), None, false);
        }
        for pair in points.windows(2) {
            let ((_, p0), (t1, p1)) = (pair[0], pair[1]);
            if t < t1 {
                return (Some(p0), Some(p1), true);
            }
            if t == t1 {
                return (Some(p1), None, false);
            }
        }
        (points.last().map(|w| w.1), None, false)
    }

    /// Times and placements the entity passes through in this shot, in time order: its cast
    /// placement when it comes on screen, then its actions' `from` and `to`.
    fn waypoints(&self, id: &str) -> Vec<(f64, &'a Placement)> {
        let mut points: Vec<(f64, &'a Placement)> = Vec::new();
        if let Some(c) = self.shot.cast_member(id)
            && let Some(p) = &c.placement
        {
            points.push((c.enter_s.unwrap_or(0.0), p));
        }
        for a in self.shot.actions.iter().filter(|a| a.entity == id) {
            if let Some(p) = &a.from {
                points.push((a.start_s, p));
            }
            if let Some(p) = &a.to {
                points.push((a.end_s, p));
            }
        }
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        points
    }

    /// Where an entity with no placement stands: the shot's entities spread evenly.
    fn default_box(&self, id: &str) -> BoxN {
        let n = self.ids.len().max(1) as f64;
        let i = self.ids.iter().position(|&e| e == id).unwrap_or(0) as f64;
        let cx = (i + 1.0) / (n + 1.0);
        let (w, h) = self.size(id);
        bottom_anchored(cx, bottom_for(h, 0.9), w, h)
    }

    /// The box a placement gives `id`; a relation wins over a region when its anchor is known.
    fn place(&self, id: &str, p: &Placement, t: f64, depth: usize) -> BoxN {
        let (w, h) = self.size(id);
        if let (Some(rel), Some(anchor)) = (p.relation, &p.anchor)
            && depth < MAX_RELATION_DEPTH
            && anchor != id
            && self.storyboard.entity(anchor).is_some()
        {
            let a = self.screen_box_depth(anchor, t, depth + 1);
            return relate(rel, &a, w, h);
        }
        match p.region {
            Some(region) => {
                let (cx, bottom, scale) = region_anchor(region);
                let (w, h) = (w * scale, h * scale);
                let cx = match region {
                    Region::OffscreenLeft => -w / 2.0 - GAP,
                    Region::OffscreenRight => 1.0 + w / 2.0 + GAP,
                    _ => cx,
                };
                bottom_anchored(cx, bottom_for(h, bottom), w, h)
            }
            None => self.default_box(id),
        }
    }
}

/// The bottom edge for a box of height `h`: the region's ground line for boxes that fit,
/// else the box hangs from near the top of the frame (head room) and runs off the bottom.
fn bottom_for(h: f64, ground: f64) -> f64 {
    if h > 0.85 { 0.08 + h } else { ground }
}

fn bottom_anchored(cx: f64, bottom: f64, w: f64, h: f64) -> BoxN {
    [cx - w / 2.0, bottom - h, cx + w / 2.0, bottom]
}

/// The box of an entity of size `w`×`h` in relation `rel` to the anchor box `a`.
fn relate(rel: Relation, a: &BoxN, w: f64, h: f64) -> BoxN {
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

/// The box of instance `i` of `n` identical ones standing where one would stand in `b`:
/// side by side in a row centred on `b` (moved inside the frame when on screen), shrunk when
/// the row would not fit the frame width.
pub fn instance_box(b: &BoxN, i: u32, n: u32) -> BoxN {
    if n <= 1 {
        return *b;
    }
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    let step = w * (1.0 + INSTANCE_GAP);
    let row = step * f64::from(n) - w * INSTANCE_GAP;
    let s = (ROW_WIDTH / row).min(1.0);
    let (w, h, step) = (w * s, h * s, step * s);
    let (centre, half) = ((b[0] + b[2]) / 2.0, row * s / 2.0);
    // A row on screen stays within the frame; one off screen (entering) stays off it.
    let cx = if (0.0..=1.0).contains(&centre) {
        centre.clamp(half, 1.0 - half)
    } else {
        centre
    };
    let x = cx + (f64::from(i) - f64::from(n - 1) / 2.0) * step;
    bottom_anchored(x, b[3], w, h)
}

/// Gap between instances of one entity, as a fraction of one instance's width.
const INSTANCE_GAP: f64 = 0.15;

/// Widest a row of instances may be, as a fraction of the frame width.
const ROW_WIDTH: f64 = 0.96;

/// Linear interpolation of two boxes at `u` in [0, 1].
pub fn lerp_box(a: &BoxN, b: &BoxN, u: f64) -> BoxN {
    let mut out = [0.0; 4];
    for (o, (x, y)) in out.iter_mut().zip(a.iter().zip(b)) {
        *o = x + (y - x) * u;
    }
    out
}

/// Re-projects a box laid out in the starting camera `cam0` through the camera `cam`.
/// `world_h` is the entity's real height (its depth follows from its box height). When
/// `keep_centre` is set (the camera target), the box keeps its centre and only scales.
pub fn project(
    b: &BoxN,
    world_h: f64,
    cam0: &CameraState,
    cam: &CameraState,
    keep_centre: bool,
) -> BoxN {
    let h0 = (b[3] - b[1]).max(1e-6);
    let w0 = b[2] - b[0];
    let depth = world_h * cam0.fy / h0;
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
    let h = world_h * cam.fy / p[2];
    let w = w0 * h / h0;
    let (u, v) = if keep_centre {
        (u0, v0)
    } else {
        (0.5 + cam.fx * p[0] / p[2], 0.5 + cam.fy * p[1] / p[2])
    };
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
