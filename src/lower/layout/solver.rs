//! The solving loop: project every relation, then every frame bound, until nothing moves;
//! shrink the groups that still break a relation; relax the latest relation that no size
//! can satisfy.

use super::relations::{Body, holds, project};
use super::{Constraint, Item, Rect, Solution};

/// Projection sweeps per attempt.
const SWEEPS: usize = 60;
/// Shrink rounds before a relation is given up.
const ROUNDS: usize = 16;
/// Factor by which a group that breaks a relation shrinks each round.
const SHRINK: f64 = 0.8;
/// Movement below which a sweep counts as settled.
const SETTLED: f64 = 1e-9;
/// Head room above a box taller than the frame (it hangs from near the top).
const HEAD_ROOM: f64 = 0.08;

/// Solves the boxes of one instant: every applicable constraint holds between the clipped
/// boxes, and every on-screen box that fits in the frame lies inside it.
pub fn solve(items: &[Item], constraints: &[Constraint]) -> Solution {
    let mut active: Vec<bool> = constraints.iter().map(|c| applies(items, c)).collect();
    let mut relaxed = Vec::new();
    loop {
        let (bodies, broken) = attempt(items, constraints, &active);
        if broken.is_empty() {
            relaxed.sort_unstable();
            let boxes = items
                .iter()
                .zip(&bodies)
                .map(|(item, b)| {
                    if item.on_screen {
                        b.rect()
                    } else {
                        item.target
                    }
                })
                .collect();
            return Solution { boxes, relaxed };
        }
        let give_up = culprit(items, constraints, &active, &broken);
        active[give_up] = false;
        relaxed.push(give_up);
    }
}

/// The constraint to relax when `broken` stay broken: the latest stated constraint of their
/// group whose removal lets the rest hold, else the latest broken one.
fn culprit(items: &[Item], constraints: &[Constraint], active: &[bool], broken: &[usize]) -> usize {
    let group = component(constraints, active, broken, items.len());
    let mut trial = active.to_vec();
    for i in (0..constraints.len()).rev() {
        let c = &constraints[i];
        if !active[i] || !group[c.subject] {
            continue;
        }
        trial[i] = false;
        if attempt(items, constraints, &trial).1.is_empty() {
            return i;
        }
        trial[i] = true;
    }
    broken[broken.len() - 1]
}

/// A constraint takes part when both items exist, differ and are on screen.
fn applies(items: &[Item], c: &Constraint) -> bool {
    c.subject != c.anchor
        && items.get(c.subject).is_some_and(|i| i.on_screen)
        && items.get(c.anchor).is_some_and(|i| i.on_screen)
}

/// Shrink rounds with the active constraints; the bodies and the constraints still broken.
fn attempt(items: &[Item], constraints: &[Constraint], active: &[bool]) -> (Vec<Body>, Vec<usize>) {
    let mut scale = vec![1.0; items.len()];
    let mut round = 0;
    loop {
        let mut bodies: Vec<Body> = items
            .iter()
            .zip(&scale)
            .map(|(item, &s)| body(item, s))
            .collect();
        sweep(items, constraints, active, &mut bodies);
        let broken: Vec<usize> = (0..constraints.len())
            .filter(|&i| active[i] && !satisfied(&constraints[i], &bodies))
            .collect();
        round += 1;
        if broken.is_empty() || round == ROUNDS {
            return (bodies, broken);
        }
        let group = component(constraints, active, &broken, items.len());
        for (i, s) in scale.iter_mut().enumerate() {
            // Keep the sizes the relations themselves set (a far box made smaller).
            *s = bodies[i].h / base_height(&items[i]);
            if group[i] {
                *s *= SHRINK;
            }
        }
    }
}

fn base_height(item: &Item) -> f64 {
    (item.target[3] - item.target[1]).max(1e-9)
}

/// The body of `item` at its target, scaled by `s` about its bottom centre.
fn body(item: &Item, s: f64) -> Body {
    let t = &item.target;
    let mut b = Body {
        cx: (t[0] + t[2]) / 2.0,
        cy: (t[1] + t[3]) / 2.0,
        w: t[2] - t[0],
        h: t[3] - t[1],
        gx: item.pin_x.give(),
        gy: item.pin_y.give(),
    };
    b.scale(s);
    b
}

fn sweep(items: &[Item], constraints: &[Constraint], active: &[bool], bodies: &mut [Body]) {
    for _ in 0..SWEEPS {
        let before: Vec<Body> = bodies.to_vec();
        for (c, _) in constraints.iter().zip(active).filter(|(_, on)| **on) {
            let (a, b) = pair(bodies, c.subject, c.anchor);
            project(c.relation, a, b);
        }
        for (b, item) in bodies.iter_mut().zip(items) {
            if item.on_screen {
                keep_in_frame(b);
            }
        }
        let moved = bodies
            .iter()
            .zip(&before)
            .map(|(a, b)| {
                (a.cx - b.cx)
                    .abs()
                    .max((a.cy - b.cy).abs())
                    .max((a.h - b.h).abs())
            })
            .fold(0.0, f64::max);
        if moved < SETTLED {
            break;
        }
    }
}

/// Two distinct bodies mutably.
fn pair(bodies: &mut [Body], i: usize, j: usize) -> (&mut Body, &mut Body) {
    if i < j {
        let (lo, hi) = bodies.split_at_mut(j);
        (&mut lo[i], &mut hi[0])
    } else {
        let (lo, hi) = bodies.split_at_mut(i);
        (&mut hi[0], &mut lo[j])
    }
}

/// A box that fits the frame on an axis stays inside it; a larger one covers that axis (a
/// close-up), hanging from the head room vertically.
fn keep_in_frame(b: &mut Body) {
    b.cx = if b.w <= 1.0 {
        b.cx.clamp(b.w / 2.0, 1.0 - b.w / 2.0)
    } else {
        b.cx.clamp(1.0 - b.w / 2.0, b.w / 2.0)
    };
    b.cy = if b.h <= 1.0 {
        b.cy.clamp(b.h / 2.0, 1.0 - b.h / 2.0)
    } else {
        b.cy.clamp(1.0 - b.h / 2.0, HEAD_ROOM + b.h / 2.0)
    };
}

/// Clips a box to the frame.
fn clip(r: &Rect) -> Rect {
    r.map(|v| v.clamp(0.0, 1.0))
}

fn satisfied(c: &Constraint, bodies: &[Body]) -> bool {
    holds(
        c.relation,
        &clip(&bodies[c.subject].rect()),
        &clip(&bodies[c.anchor].rect()),
    )
}

/// The items linked, through active constraints, to a broken one.
fn component(constraints: &[Constraint], active: &[bool], broken: &[usize], n: usize) -> Vec<bool> {
    let mut inside = vec![false; n];
    for &i in broken {
        inside[constraints[i].subject] = true;
        inside[constraints[i].anchor] = true;
    }
    loop {
        let mut grew = false;
        for (c, _) in constraints.iter().zip(active).filter(|(_, on)| **on) {
            if inside[c.subject] != inside[c.anchor] {
                inside[c.subject] = true;
                inside[c.anchor] = true;
                grew = true;
            }
        }
        if !grew {
            return inside;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Pin;
    use super::*;
    use crate::ir::Relation;

    fn item(target: Rect, pin: Pin) -> Item {
        Item {
            target,
            pin_x: pin,
            pin_y: pin,
            on_screen: true,
        }
    }

    fn inside_frame(r: &Rect) -> bool {
        r.iter().all(|v| (-1e-9..=1.0 + 1e-9).contains(v))
    }

    fn rel(subject: usize, relation: Relation, anchor: usize) -> Constraint {
        Constraint {
            subject,
            relation,
            anchor,
        }
    }

    #[test]
    fn a_relation_to_a_box_at_the_frame_edge_moves_the_group_inside() {
        // A flower reaching x = 1 and a bee on its right: the bee must not leave the frame.
        let flower = item([0.7, 0.4, 1.0, 0.9], Pin::Placed);
        let bee = item([1.02, 0.5, 1.12, 0.6], Pin::Free);
        let s = solve(&[flower, bee], &[rel(1, Relation::RightOf, 0)]);
        assert!(s.relaxed.is_empty());
        assert!(holds(Relation::RightOf, &s.boxes[1], &s.boxes[0]));
        assert!(s.boxes.iter().all(inside_frame), "{:?}", s.boxes);
    }

    #[test]
    fn boxes_too_big_for_a_relation_shrink_until_it_holds() {
        // Two wide boxes side by side cannot both fit at full size.
        let a = item([0.0, 0.2, 0.7, 0.9], Pin::Placed);
        let b = item([0.3, 0.2, 1.0, 0.9], Pin::Placed);
        let s = solve(&[a, b], &[rel(0, Relation::LeftOf, 1)]);
        assert!(s.relaxed.is_empty());
        assert!(holds(Relation::LeftOf, &s.boxes[0], &s.boxes[1]));
        assert!(s.boxes.iter().all(inside_frame));
    }

    #[test]
    fn contradicting_relations_relax_the_later_one() {
        let a = item([0.2, 0.5, 0.3, 0.9], Pin::Free);
        let b = item([0.6, 0.5, 0.7, 0.9], Pin::Free);
        let s = solve(
            &[a, b],
            &[rel(0, Relation::LeftOf, 1), rel(1, Relation::LeftOf, 0)],
        );
        assert_eq!(s.relaxed, vec![1]);
        assert!(holds(Relation::LeftOf, &s.boxes[0], &s.boxes[1]));
    }

    #[test]
    fn a_moving_box_keeps_its_path_and_the_anchor_yields() {
        // A box on its way right, stated left of a placed box that stands where it goes.
        let mover = item([0.55, 0.5, 0.65, 0.7], Pin::Moving);
        let post = item([0.6, 0.5, 0.7, 0.9], Pin::Placed);
        let s = solve(&[mover, post], &[rel(0, Relation::LeftOf, 1)]);
        let cx = (s.boxes[0][0] + s.boxes[0][2]) / 2.0;
        assert!(
            (cx - 0.6).abs() < 0.01,
            "the mover stayed on its path: {cx}"
        );
        assert!(holds(Relation::LeftOf, &s.boxes[0], &s.boxes[1]));
    }

    #[test]
    fn off_screen_items_keep_their_target_and_join_no_relation() {
        let gone = Item {
            on_screen: false,
            ..item([-0.3, 0.5, -0.1, 0.9], Pin::Placed)
        };
        let here = item([0.4, 0.5, 0.6, 0.9], Pin::Placed);
        let s = solve(&[gone.clone(), here], &[rel(1, Relation::RightOf, 0)]);
        assert_eq!(s.boxes[0], gone.target);
        assert!(s.relaxed.is_empty());
    }

    #[test]
    fn the_same_input_gives_the_same_boxes() {
        let items = [
            item([0.1, 0.3, 0.5, 0.9], Pin::Placed),
            item([0.3, 0.2, 0.9, 0.8], Pin::Free),
            item([0.5, 0.6, 0.6, 0.7], Pin::Free),
        ];
        let cs = [
            rel(1, Relation::Behind, 0),
            rel(2, Relation::OnTopOf, 1),
            rel(0, Relation::NextTo, 2),
        ];
        assert_eq!(solve(&items, &cs), solve(&items, &cs));
    }
}
