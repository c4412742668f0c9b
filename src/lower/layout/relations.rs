//! What each relation means for two boxes: the test ([`holds`]) and the correction that
//! moves or resizes the two boxes towards it ([`project`]).
//!
//! Meanings (subject `a`, anchor `b`; image y grows downwards):
//! - `left_of` / `right_of`: the boxes do not overlap horizontally and `a` is on that side;
//! - `next_to`: as `left_of` or `right_of`, whichever side `a` is on, at most [`NEAR`] apart;
//! - `above`: `a`'s bottom is at or above `b`'s top; `below`: `a`'s centre is lower than
//!   `b`'s (under a table is below it);
//! - `in_front_of`: the boxes overlap, `a` is the nearer one: its bottom lower by
//!   [`DEPTH_DROP`] and its height [`DEPTH_SCALE`] times `b`'s or more (`behind` swaps them);
//! - `on_top_of`: `a`'s bottom rests on `b`'s top and `a` lies within `b`'s width;
//! - `inside`: `a` lies within `b` at most [`INSIDE`] of its size.

use crate::ir::Relation;

use super::Rect;

/// Horizontal or vertical gap the solver leaves between separated boxes.
pub const GAP: f64 = 0.02;
/// Largest gap between two boxes that are next to each other.
pub const NEAR: f64 = 0.12;
/// How much lower the nearer box's bottom is (in_front_of, behind), at most; a small box
/// drops a quarter of its height.
pub const DEPTH_DROP: f64 = 0.04;
/// How much taller the nearer box is (in_front_of, behind).
pub const DEPTH_SCALE: f64 = 1.15;
/// Share of the narrower width by which in_front_of / behind boxes overlap.
pub const OVERLAP: f64 = 0.35;
/// Largest size of a box inside another, as a share of the container.
pub const INSIDE: f64 = 0.8;
/// How far into the anchor's top a box resting on it sits, as a share of the anchor height.
const REST: f64 = 0.02;
/// How far a resting box's bottom may be from the anchor's top.
const REST_TOL: f64 = 0.01;
/// Least vertical distance between centres for `below`.
const BELOW_DY: f64 = 0.02;
/// Rounding slack of every test.
const TOL: f64 = 1e-4;

/// A box being solved: centre, size and how much of a correction it takes per axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    /// Horizontal centre.
    pub cx: f64,
    /// Vertical centre.
    pub cy: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Share of horizontal corrections this box takes.
    pub gx: f64,
    /// Share of vertical corrections this box takes.
    pub gy: f64,
}

impl Body {
    /// The box.
    pub fn rect(&self) -> Rect {
        [
            self.cx - self.w / 2.0,
            self.cy - self.h / 2.0,
            self.cx + self.w / 2.0,
            self.cy + self.h / 2.0,
        ]
    }

    /// Scales the box by `f`, keeping its bottom edge (it stays on its ground).
    pub fn scale(&mut self, f: f64) {
        let bottom = self.cy + self.h / 2.0;
        self.w *= f;
        self.h *= f;
        self.cy = bottom - self.h / 2.0;
    }
}

fn width(r: &Rect) -> f64 {
    r[2] - r[0]
}

fn height(r: &Rect) -> f64 {
    r[3] - r[1]
}

fn has_area(r: &Rect) -> bool {
    width(r) > TOL && height(r) > TOL
}

fn x_overlap(a: &Rect, b: &Rect) -> f64 {
    a[2].min(b[2]) - a[0].max(b[0])
}

fn y_overlap(a: &Rect, b: &Rect) -> f64 {
    a[3].min(b[3]) - a[1].max(b[1])
}

/// Whether `a` is `rel` to `b`; both boxes must have area (a box squeezed to nothing at the
/// frame edge is in no relation).
pub fn holds(rel: Relation, a: &Rect, b: &Rect) -> bool {
    if !has_area(a) || !has_area(b) {
        return false;
    }
    match rel {
        Relation::LeftOf => a[2] <= b[0] + TOL,
        Relation::RightOf => b[2] <= a[0] + TOL,
        Relation::NextTo => {
            let gap = (b[0] - a[2]).max(a[0] - b[2]);
            (-TOL..=NEAR + TOL).contains(&gap) && y_overlap(a, b) > 0.0
        }
        Relation::Above => a[3] <= b[1] + TOL,
        Relation::Below => (a[1] + a[3]) / 2.0 >= (b[1] + b[3]) / 2.0 + BELOW_DY - TOL,
        Relation::InFrontOf => nearer(a, b),
        Relation::Behind => nearer(b, a),
        Relation::OnTopOf => {
            let rest = b[1] + REST * height(b);
            (a[3] - rest).abs() <= REST_TOL + TOL && a[0] >= b[0] - TOL && a[2] <= b[2] + TOL
        }
        Relation::Inside => {
            a[0] >= b[0] - TOL
                && a[1] >= b[1] - TOL
                && a[2] <= b[2] + TOL
                && a[3] <= b[3] + TOL
                && width(a) <= INSIDE * width(b) + TOL
                && height(a) <= INSIDE * height(b) + TOL
        }
    }
}

/// How much lower a nearer box of height `h` stands.
fn drop(h: f64) -> f64 {
    DEPTH_DROP.min(0.25 * h)
}

/// `n` overlaps `f` and is the nearer: lower and larger.
fn nearer(n: &Rect, f: &Rect) -> bool {
    height(n) >= DEPTH_SCALE * height(f) - TOL
        && n[3] >= f[3] + drop(height(n)) - TOL
        && x_overlap(n, f) >= OVERLAP * width(n).min(width(f)) - TOL
        && y_overlap(n, f) > TOL
}

/// Moves `a` and `b` so that `lo + need <= hi` along one axis, where `lo` belongs to `a` and
/// `hi` to `b`; each takes its share of the correction.
fn separate(a: &mut f64, ga: f64, b: &mut f64, gb: f64, lo: f64, hi: f64, need: f64) {
    let v = lo + need - hi;
    if v > 0.0 {
        let total = (ga + gb).max(1e-9);
        *a -= v * ga / total;
        *b += v * gb / total;
    }
}

/// One correction of the two boxes towards `a rel b`.
pub fn project(rel: Relation, a: &mut Body, b: &mut Body) {
    match rel {
        Relation::LeftOf => left_of(a, b),
        Relation::RightOf => left_of(b, a),
        Relation::NextTo => {
            if a.cx <= b.cx {
                left_of(a, b);
                near(a, b);
            } else {
                left_of(b, a);
                near(b, a);
            }
            share_ground(a, b);
        }
        Relation::Above => {
            let (ra, rb) = (a.rect(), b.rect());
            separate(&mut a.cy, a.gy, &mut b.cy, b.gy, ra[3], rb[1], GAP);
        }
        Relation::Below => {
            let (ca, cb) = (a.cy, b.cy);
            separate(&mut b.cy, b.gy, &mut a.cy, a.gy, cb, ca, BELOW_DY + GAP);
        }
        Relation::InFrontOf => in_front(a, b),
        Relation::Behind => in_front(b, a),
        Relation::OnTopOf => on_top(a, b),
        Relation::Inside => inside(a, b),
    }
}

fn left_of(a: &mut Body, b: &mut Body) {
    let (ra, rb) = (a.rect(), b.rect());
    separate(&mut a.cx, a.gx, &mut b.cx, b.gx, ra[2], rb[0], GAP);
}

/// Pulls two side-by-side boxes (`a` on the left) within [`NEAR`] of each other.
fn near(a: &mut Body, b: &mut Body) {
    let (ra, rb) = (a.rect(), b.rect());
    let gap = rb[0] - ra[2];
    if gap > NEAR - GAP {
        separate(&mut b.cx, b.gx, &mut a.cx, a.gx, rb[0], ra[2], GAP - NEAR);
    }
}

/// Brings two side-by-side boxes to overlap vertically (their bottoms meet when they do not).
fn share_ground(a: &mut Body, b: &mut Body) {
    let (ra, rb) = (a.rect(), b.rect());
    if y_overlap(&ra, &rb) <= GAP {
        let d = rb[3] - ra[3];
        let total = (a.gy + b.gy).max(1e-9);
        a.cy += d * a.gy / total;
        b.cy -= d * b.gy / total;
    }
}

/// `n` in front of `f`: larger, lower and overlapping.
fn in_front(n: &mut Body, f: &mut Body) {
    if n.h < DEPTH_SCALE * f.h {
        f.scale(n.h / (DEPTH_SCALE * f.h));
    }
    let (rn, rf) = (n.rect(), f.rect());
    separate(
        &mut f.cy,
        f.gy,
        &mut n.cy,
        n.gy,
        rf[3],
        rn[3],
        drop(n.h) * 1.25,
    );
    let (rn, rf) = (n.rect(), f.rect());
    let need = (OVERLAP + 0.05) * n.w.min(f.w);
    let short = need - x_overlap(&rn, &rf);
    if short > 0.0 {
        let total = (n.gx + f.gx).max(1e-9);
        let dir = if n.cx <= f.cx { 1.0 } else { -1.0 };
        n.cx += dir * short * n.gx / total;
        f.cx -= dir * short * f.gx / total;
    }
    let (rn, rf) = (n.rect(), f.rect());
    let share = 0.25 * n.h.min(f.h);
    if y_overlap(&rn, &rf) < share {
        // The farther box's bottom must come down past the nearer one's top.
        separate(&mut n.cy, n.gy, &mut f.cy, f.gy, rn[1], rf[3], share);
    }
}

/// `a` resting on `b`'s top, within its width.
fn on_top(a: &mut Body, b: &mut Body) {
    if a.w > b.w * 0.9 {
        a.scale(b.w * 0.9 / a.w);
    }
    let (ra, rb) = (a.rect(), b.rect());
    let e = ra[3] - (rb[1] + REST * b.h);
    let total = (a.gy + b.gy).max(1e-9);
    a.cy -= e * a.gy / total;
    b.cy += e * b.gy / total;
    let (ra, rb) = (a.rect(), b.rect());
    let total = (a.gx + b.gx).max(1e-9);
    for v in [rb[0] - ra[0], ra[2] - rb[2]] {
        if v > 0.0 {
            let dir = if ra[0] < rb[0] { 1.0 } else { -1.0 };
            a.cx += dir * v * a.gx / total;
            b.cx -= dir * v * b.gx / total;
        }
    }
}

/// `a` within `b`, no bigger than [`INSIDE`] of it.
fn inside(a: &mut Body, b: &mut Body) {
    let f = (INSIDE * b.w / a.w).min(INSIDE * b.h / a.h);
    if f < 1.0 {
        a.scale(f * 0.99);
    }
    let rb = b.rect();
    let dx = a.cx.clamp(rb[0] + a.w / 2.0, rb[2] - a.w / 2.0) - a.cx;
    pull(&mut a.cx, a.gx, &mut b.cx, b.gx, dx);
    let dy = a.cy.clamp(rb[1] + a.h / 2.0, rb[3] - a.h / 2.0) - a.cy;
    pull(&mut a.cy, a.gy, &mut b.cy, b.gy, dy);
}

/// Closes a difference `d` (how far `a` must move) sharing it between `a` and `b`.
fn pull(a: &mut f64, ga: f64, b: &mut f64, gb: f64, d: f64) {
    let total = (ga + gb).max(1e-9);
    *a += d * ga / total;
    *b -= d * gb / total;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(cx: f64, cy: f64, w: f64, h: f64) -> Body {
        Body {
            cx,
            cy,
            w,
            h,
            gx: 1.0,
            gy: 1.0,
        }
    }

    const ALL: [Relation; 9] = [
        Relation::LeftOf,
        Relation::RightOf,
        Relation::InFrontOf,
        Relation::Behind,
        Relation::Above,
        Relation::Below,
        Relation::OnTopOf,
        Relation::Inside,
        Relation::NextTo,
    ];

    #[test]
    fn repeated_projection_makes_every_relation_hold_from_a_bad_start() {
        for rel in ALL {
            // Start with the two boxes on top of each other, the worst case for most.
            let mut a = body(0.5, 0.5, 0.2, 0.3);
            let mut b = body(0.52, 0.55, 0.3, 0.3);
            for _ in 0..200 {
                project(rel, &mut a, &mut b);
            }
            assert!(
                holds(rel, &a.rect(), &b.rect()),
                "{rel:?}: {:?} vs {:?}",
                a.rect(),
                b.rect()
            );
        }
    }

    #[test]
    fn relations_have_the_stated_meaning() {
        let left = [0.1, 0.5, 0.3, 0.9];
        let right = [0.6, 0.5, 0.8, 0.9];
        assert!(holds(Relation::LeftOf, &left, &right));
        assert!(!holds(Relation::LeftOf, &right, &left));
        assert!(holds(Relation::RightOf, &right, &left));
        assert!(
            !holds(Relation::NextTo, &left, &right),
            "0.3 apart is not next to"
        );
        let high = [0.4, 0.1, 0.6, 0.3];
        assert!(holds(Relation::Above, &high, &right));
        assert!(holds(Relation::Below, &right, &high));
        let far = [0.4, 0.4, 0.6, 0.7];
        let near = [0.35, 0.45, 0.6, 0.8];
        assert!(holds(Relation::InFrontOf, &near, &far));
        assert!(holds(Relation::Behind, &far, &near));
        assert!(
            !holds(Relation::InFrontOf, &left, &right),
            "no overlap, no depth"
        );
        let squeezed = [1.0, 0.5, 1.0, 0.9];
        assert!(
            !holds(Relation::RightOf, &squeezed, &left),
            "no area, no relation"
        );
    }
}
