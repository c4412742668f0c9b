//! The intermediate representations: the `Storyboard` a director produces and the
//! `KeyframePlan` the lowering produces. Types only: no I/O, no logic beyond small accessors.

mod meta;
mod plan;
mod predicates;
mod storyboard;

pub use meta::Meta;
pub use plan::{
    CameraFrame, CameraSample, Clip, Easing, EntityFrame, Keyframe, KeyframePlan, KeyframeReason,
    LayoutNote, PLAN_SCHEMA_VERSION, ShotSpan,
};
pub use predicates::{Act, Claim, Predicate};
pub use storyboard::{
    Action, Affected, Angle, CameraMove, CastMember, Direction, Entity, EntityKind, Framing,
    MoveKind, Placement, Region, Relation, SCHEMA_VERSION, SCHEMA_VERSION_1, Shot, Speed,
    Storyboard, Transition,
};

impl Storyboard {
    /// The entity with this id, if any.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Start time of each shot in seconds from the video start, in shot order.
    pub fn shot_starts(&self) -> Vec<f64> {
        let mut t = 0.0;
        self.shots
            .iter()
            .map(|s| {
                let start = t;
                t += s.duration_s;
                start
            })
            .collect()
    }
}

impl Shot {
    /// The cast entry of entity `id`, if any.
    pub fn cast_member(&self, id: &str) -> Option<&CastMember> {
        self.cast.iter().find(|c| c.entity == id)
    }
}

impl Entity {
    /// The instance count, with a count of 0 (which the checker rejects) read as 1.
    pub fn instances(&self) -> u32 {
        self.count.max(1)
    }
}
