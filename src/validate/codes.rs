//! The validation codes. The README's "Translation validation" table mirrors this list.

/// The plan's shots do not match the storyboard's (count or ids).
pub const SHOTS_MISMATCH: &str = "V0001";
/// A cast member has no entry in a keyframe of its shot.
pub const MISSING_ENTRY: &str = "V0101";
/// A keyframe has a different number of entries (instances) than the entity's count.
pub const COUNT_MISMATCH: &str = "V0102";
/// A stated relation does not hold between the two boxes when it is stated to.
pub const RELATION_BROKEN: &str = "V0103";
/// A path's box does not move the stated way across a clear share of the frame.
pub const PATH_NOT_SHOWN: &str = "V0104";
/// An entity is visible outside its enter/exit window, or hidden inside it.
pub const VISIBILITY: &str = "V0105";
/// A state change is not named by the prompt at the action's start or end.
pub const STATE_NOT_SHOWN: &str = "V0106";
/// The layout solver relaxed a stated placement (the plan's layout notes).
pub const RELAXED: &str = "V0107";
