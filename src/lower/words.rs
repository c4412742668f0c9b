//! Placement words from the solved layout: the prompt says where a box is, not only where
//! the storyboard asked for it. A relation the solver gave up is not stated; a region the
//! box was moved out of is replaced by the third of the frame the box is in.

use crate::ir::{Placement, Region, Storyboard};

use super::blocking::Pose;
use super::boxes::BoxN;
use super::prompt;

/// The placement words of a member at `pose` whose solved (row) box is `solved`;
/// `relaxed`: its relation at this instant was given up.
pub fn placement(
    storyboard: &Storyboard,
    pose: Pose<'_>,
    solved: &BoxN,
    relaxed: bool,
) -> Option<String> {
    match pose {
        Pose::Unplaced => None,
        Pose::Rest(p) => {
            let p = honest(p.as_ref()?, solved, relaxed);
            prompt::placement_words(storyboard, Some(&p), None, false)
        }
        Pose::Move(p0, p1, _) => {
            // On the way the words name where it goes, less a relation given up there.
            let p1 = p1.as_ref().map(|p| {
                let mut p = p.clone();
                if relaxed {
                    p.relation = None;
                    p.anchor = None;
                }
                p
            });
            prompt::placement_words(storyboard, p0.as_ref(), p1.as_ref(), true)
        }
    }
}

/// `p` as the solved box shows it.
fn honest(p: &Placement, solved: &BoxN, relaxed: bool) -> Placement {
    let mut out = p.clone();
    if relaxed {
        out.relation = None;
        out.anchor = None;
    }
    let cx = (solved[0] + solved[2]) / 2.0;
    let fits = out.region.is_none_or(|r| region_holds(r, cx));
    if !fits || (out.region.is_none() && out.relation.is_none()) {
        out.region = Some(third(cx));
    }
    out
}

/// Whether a box centred at `cx` is in the region's side of the frame.
fn region_holds(r: Region, cx: f64) -> bool {
    match r {
        Region::Left | Region::TopLeft | Region::BottomLeft => cx < 0.45,
        Region::Right | Region::TopRight | Region::BottomRight => cx > 0.55,
        Region::Center => (0.3..=0.7).contains(&cx),
        _ => true,
    }
}

/// The third of the frame a box centred at `cx` is in.
fn third(cx: f64) -> Region {
    if cx < 0.36 {
        Region::Left
    } else if cx > 0.64 {
        Region::Right
    } else {
        Region::Center
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Relation;

    #[test]
    fn words_follow_the_solved_box() {
        let p = Placement {
            region: Some(Region::Right),
            relation: Some(Relation::RightOf),
            anchor: Some("flower".into()),
        };
        // Pushed to the middle by the solver: the words say the middle.
        let moved = honest(&p, &[0.4, 0.5, 0.55, 0.9], false);
        assert_eq!(moved.region, Some(Region::Center));
        assert_eq!(moved.relation, Some(Relation::RightOf));
        let given_up = honest(&p, &[0.7, 0.5, 0.9, 0.9], true);
        assert_eq!(given_up.relation, None);
        assert_eq!(given_up.region, Some(Region::Right));
    }
}
