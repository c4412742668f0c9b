//! What a relation means between two plan boxes, read independently of the lowering and a
//! little more tolerantly than the solver enforces it (boxes are rounded to 4 decimals).
//!
//! `a` is the subject, `b` the anchor; image y grows downwards. `left_of`/`right_of`: `a`'s
//! centre on that side and the boxes overlapping by at most a fifth of the narrower width;
//! `next_to`: beside it at most 0.15 of the frame apart, sharing some height; `above`: `a`'s
//! bottom at most a fifth of the shorter height below `b`'s top; `below`: `a`'s centre
//! lower; `in_front_of`: overlapping, `a` lower and taller (`behind` swaps them);
//! `on_top_of`: `a`'s bottom near `b`'s top, `a`'s centre within `b`'s width; `inside`:
//! `a`'s centre within `b` and most of `a` inside `b`.

use crate::ir::Relation;

/// A box `[x0, y0, x1, y1]`.
pub type Rect = [f64; 4];

const SLACK: f64 = 0.005;

fn w(r: &Rect) -> f64 {
    r[2] - r[0]
}

fn h(r: &Rect) -> f64 {
    r[3] - r[1]
}

fn cx(r: &Rect) -> f64 {
    (r[0] + r[2]) / 2.0
}

fn cy(r: &Rect) -> f64 {
    (r[1] + r[3]) / 2.0
}

fn x_overlap(a: &Rect, b: &Rect) -> f64 {
    a[2].min(b[2]) - a[0].max(b[0])
}

fn y_overlap(a: &Rect, b: &Rect) -> f64 {
    a[3].min(b[3]) - a[1].max(b[1])
}

/// Whether `a` is `rel` to `b`.
pub fn holds(rel: Relation, a: &Rect, b: &Rect) -> bool {
    let narrow = w(a).min(w(b));
    let short = h(a).min(h(b));
    match rel {
        Relation::LeftOf => cx(a) < cx(b) && x_overlap(a, b) <= 0.2 * narrow + SLACK,
        Relation::RightOf => cx(a) > cx(b) && x_overlap(a, b) <= 0.2 * narrow + SLACK,
        Relation::NextTo => {
            let gap = (b[0] - a[2]).max(a[0] - b[2]);
            gap <= 0.15 + SLACK && x_overlap(a, b) <= 0.2 * narrow + SLACK && y_overlap(a, b) > 0.0
        }
        Relation::Above => cy(a) < cy(b) && a[3] <= b[1] + 0.2 * short + SLACK,
        Relation::Below => cy(a) > cy(b),
        Relation::InFrontOf => nearer(a, b),
        Relation::Behind => nearer(b, a),
        Relation::OnTopOf => {
            (a[3] - b[1]).abs() <= 0.1 * h(b) + 0.02 + SLACK
                && (b[0] - SLACK..=b[2] + SLACK).contains(&cx(a))
                && cy(a) < cy(b)
        }
        Relation::Inside => {
            let inner = x_overlap(a, b).max(0.0) * y_overlap(a, b).max(0.0);
            (b[0]..=b[2]).contains(&cx(a))
                && (b[1]..=b[3]).contains(&cy(a))
                && inner >= 0.8 * w(a) * h(a) - SLACK
        }
    }
}

/// `n` and `f` overlap and `n` is nearer: its bottom lower and its box taller.
fn nearer(n: &Rect, f: &Rect) -> bool {
    x_overlap(n, f) > 0.0 && y_overlap(n, f) > 0.0 && n[3] > f[3] && h(n) > h(f)
}

/// The smallest box holding all of `boxes`.
pub fn union(boxes: &[Rect]) -> Option<Rect> {
    boxes.iter().copied().reduce(|a, b| {
        [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ]
    })
}

/// Whether a plan box reaches an edge of the frame (it may go on past it, so the plan does
/// not tell its full size).
pub fn cut_by_frame(b: &Rect) -> bool {
    b.iter().any(|&v| v <= 1e-6 || v >= 1.0 - 1e-6)
}

/// Horizontal centre.
pub fn centre_x(r: &Rect) -> f64 {
    cx(r)
}

/// Vertical centre.
pub fn centre_y(r: &Rect) -> f64 {
    cy(r)
}

/// Width.
pub fn width(r: &Rect) -> f64 {
    w(r)
}

/// Height.
pub fn height(r: &Rect) -> f64 {
    h(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_layouts_fail_and_their_repairs_pass() {
        // The balloon beside the airplane, not in front of it.
        let plane = [0.5, 0.3, 0.9, 0.5];
        let beside = [0.1, 0.35, 0.3, 0.6];
        assert!(!holds(Relation::InFrontOf, &beside, &plane));
        let front = [0.55, 0.35, 0.8, 0.7];
        assert!(holds(Relation::InFrontOf, &front, &plane));
        assert!(holds(Relation::Behind, &plane, &front));
        // The toddler on the left of the dog is not on its right.
        let dog = [0.5, 0.6, 0.8, 0.9];
        let toddler = [0.1, 0.5, 0.3, 0.9];
        assert!(!holds(Relation::RightOf, &toddler, &dog));
        assert!(holds(Relation::LeftOf, &toddler, &dog));
        // Resting on top and inside.
        let table = [0.3, 0.5, 0.7, 0.9];
        let vase = [0.45, 0.35, 0.55, 0.51];
        assert!(holds(Relation::OnTopOf, &vase, &table));
        assert!(!holds(Relation::OnTopOf, &table, &vase));
        let fish = [0.4, 0.6, 0.5, 0.7];
        assert!(holds(Relation::Inside, &fish, &table));
        assert!(!holds(Relation::Inside, &table, &fish));
    }
}
