//! The layout solver: the boxes of one instant, solved together from their constraints.
//!
//! Every on-screen box is an [`Item`] with a preferred size and a target position (from its
//! region or the point its path has reached), pinned more or less firmly per axis ([`Pin`]).
//! Stated relations are [`Constraint`]s between two items. [`solve`] places every item at
//! once by iterated projection (each violated relation or frame bound moves the boxes it
//! involves, the more loosely pinned one further), so a relation never pushes a box off the
//! frame while the frame could hold it: when the boxes do not fit, the group that breaks a
//! relation shrinks and is solved again; when shrinking cannot help (two relations
//! contradict each other), the latest stated relation still violated is relaxed and reported
//! in [`Solution::relaxed`]. No randomness and a fixed visiting order: the same input gives
//! the same boxes.

mod relations;
mod row;
mod solver;

pub use relations::holds;
pub use row::{row_width, split_row};
pub use solver::solve;

use crate::ir::Relation;

/// A box `[x0, y0, x1, y1]` in normalized image coordinates, (0, 0) top-left.
pub type Rect = [f64; 4];

/// How firmly an item keeps its target on one axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// No stated position on this axis: the item goes wherever its relations put it.
    Free,
    /// A stated region: the item stays near it but yields to relations.
    Placed,
    /// The item is on a stated path along this axis: others yield to it.
    Moving,
}

impl Pin {
    /// The share of a correction this item takes (its inverse mass).
    fn give(self) -> f64 {
        match self {
            Pin::Free => 1.0,
            Pin::Placed => 0.3,
            Pin::Moving => 0.03,
        }
    }
}

/// One box to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The target box: the preferred size at the target position.
    pub target: Rect,
    /// How firmly the item keeps its horizontal target.
    pub pin_x: Pin,
    /// How firmly the item keeps its vertical target.
    pub pin_y: Pin,
    /// Whether the item is on screen at this instant; an item that is not (before it enters,
    /// after it leaves, on its way in or out) keeps its target and takes part in no
    /// constraint.
    pub on_screen: bool,
}

/// A stated relation: `subject` is `relation` to `anchor` (indices into the items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraint {
    /// Index of the item the relation places.
    pub subject: usize,
    /// The relation.
    pub relation: Relation,
    /// Index of the item it is relative to.
    pub anchor: usize,
}

/// The solved boxes of one instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    /// One box per item, in item order (not clipped: items off screen stay outside).
    pub boxes: Vec<Rect>,
    /// Indices of the constraints the solver had to give up, in index order.
    pub relaxed: Vec<usize>,
}
