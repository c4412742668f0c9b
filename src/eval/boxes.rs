//! Reading a keyframe plan's boxes as a viewer would: where a box's centre is, and whether a
//! relation between two boxes shows on screen. Boxes are normalized `[x0, y0, x1, y1]`,
//! (0,0) at the top left.

use crate::ir::{Region, Relation};

/// A third of the frame, the grid the regions are read on; a centre counts as in a side
/// region within this much of the frame from that side's third line.
const SLACK: f64 = 0.07;

/// The centre of a box.
pub(super) fn centre(b: &[f64; 4]) -> (f64, f64) {
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

/// Whether a box with this centre reads as in `region` (thirds of the frame, with a little
/// slack; foreground / background by the bottom edge and the size of the box).
pub(super) fn region_holds(region: Region, b: &[f64; 4]) -> bool {
    let (x, y) = centre(b);
    let left = x < 1.0 / 3.0 + SLACK;
    let right = x > 2.0 / 3.0 - SLACK;
    let top = y < 1.0 / 3.0 + SLACK;
    let bottom = y > 2.0 / 3.0 - SLACK;
    let middle = |v: f64| (1.0 / 3.0 - SLACK..=2.0 / 3.0 + SLACK).contains(&v);
    match region {
        Region::Left => left,
        Region::Right => right,
        Region::Top => top,
        Region::Bottom => bottom,
        Region::Center => middle(x) && middle(y),
        Region::TopLeft => top && left,
        Region::TopRight => top && right,
        Region::BottomLeft => bottom && left,
        Region::BottomRight => bottom && right,
        Region::Foreground => b[3] > 0.8 || (b[2] - b[0]) * (b[3] - b[1]) > 0.25,
        Region::Background => b[3] < 0.75 && (b[2] - b[0]) * (b[3] - b[1]) < 0.2,
        Region::OffscreenLeft => b[2] <= 0.0,
        Region::OffscreenRight => b[0] >= 1.0,
    }
}

/// Whether box `a` stands in `relation` to box `b` as a viewer would read it: sideways and
/// vertical relations by the centres, depth by the bottom edge (the nearer box stands lower)
/// with overlap, support by `a` resting on `b`'s top, containment by `a`'s centre in `b`.
pub(super) fn relation_holds(relation: Relation, a: &[f64; 4], b: &[f64; 4]) -> bool {
    let (ax, ay) = centre(a);
    let (bx, by) = centre(b);
    let overlap_x = a[0].max(b[0]) < a[2].min(b[2]);
    let overlap_y = a[1].max(b[1]) < a[3].min(b[3]);
    match relation {
        Relation::LeftOf => ax < bx,
        Relation::RightOf => ax > bx,
        Relation::Above => ay < by,
        Relation::Below => ay > by,
        Relation::InFrontOf => overlap_x && overlap_y && a[3] > b[3],
        Relation::Behind => overlap_x && overlap_y && a[3] < b[3],
        Relation::OnTopOf => {
            let height = b[3] - b[1];
            overlap_x && ay < by && (a[3] - b[1]).abs() <= 0.35 * height.max(0.05)
        }
        Relation::Inside => (b[0]..=b[2]).contains(&ax) && (b[1]..=b[3]).contains(&ay),
        Relation::NextTo => {
            let gap = (a[0].max(b[0]) - a[2].min(b[2])).max(0.0);
            gap <= 0.15 && (ay - by).abs() <= 0.3
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_read_by_thirds() {
        let left = [0.05, 0.4, 0.25, 0.8];
        assert!(region_holds(Region::Left, &left));
        assert!(!region_holds(Region::Right, &left));
        assert!(region_holds(Region::Center, &[0.4, 0.4, 0.6, 0.6]));
        assert!(region_holds(Region::TopRight, &[0.75, 0.05, 0.95, 0.3]));
        assert!(!region_holds(Region::BottomRight, &[0.75, 0.05, 0.95, 0.3]));
        assert!(region_holds(
            Region::OffscreenLeft,
            &[-0.3, 0.4, -0.05, 0.8]
        ));
    }

    #[test]
    fn relations_read_as_a_viewer_would() {
        let a = [0.1, 0.4, 0.3, 0.8];
        let b = [0.5, 0.4, 0.7, 0.8];
        assert!(relation_holds(Relation::LeftOf, &a, &b));
        assert!(relation_holds(Relation::RightOf, &b, &a));
        assert!(!relation_holds(Relation::InFrontOf, &a, &b));
        let near = [0.35, 0.5, 0.75, 0.95];
        let far = [0.4, 0.3, 0.6, 0.6];
        assert!(relation_holds(Relation::InFrontOf, &near, &far));
        assert!(relation_holds(Relation::Behind, &far, &near));
        let table = [0.3, 0.5, 0.7, 0.9];
        let cup = [0.45, 0.38, 0.55, 0.52];
        assert!(relation_holds(Relation::OnTopOf, &cup, &table));
        assert!(!relation_holds(Relation::OnTopOf, &table, &cup));
        assert!(relation_holds(
            Relation::Inside,
            &[0.4, 0.6, 0.5, 0.7],
            &table
        ));
        assert!(relation_holds(
            Relation::NextTo,
            &a,
            &[0.32, 0.45, 0.5, 0.8]
        ));
    }
}
