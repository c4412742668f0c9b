//! The keyframe plan: the lowered, backend-independent conditioning of one storyboard.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::storyboard::{Direction, MoveKind, Transition};

/// The keyframe plan schema version this crate writes.
pub const PLAN_SCHEMA_VERSION: &str = "2";

/// Per-keyframe conditioning for one video at one backend's frame rate and resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeyframePlan {
    /// Always "2".
    pub schema_version: String,
    /// Name of the backend profile the plan was lowered for, e.g. "generic", "wan".
    pub backend: String,
    /// The storyboard's title (emitters name files and requests after it).
    pub title: String,
    /// Frames per second.
    pub fps: u32,
    /// Frame width in pixels.
    pub width: u32,
    /// Frame height in pixels.
    pub height: u32,
    /// Number of frames of the whole video.
    pub total_frames: u32,
    /// Keyframes in strictly increasing frame order.
    pub keyframes: Vec<Keyframe>,
    /// Generation clips in order; each obeys the backend's frame-count rule.
    pub clips: Vec<Clip>,
    /// The frame range of every shot, in order.
    pub shots: Vec<ShotSpan>,
    /// The easing curve used for camera moves and entity paths.
    pub easing: Easing,
    /// Longest gap between keyframes the plan was lowered with, in seconds.
    pub keyframe_interval_s: f64,
    /// The camera at every frame of the video, frame 0 first (`total_frames` samples), for
    /// backends whose profile takes per-frame camera conditioning (camera poses, motion
    /// schedules); empty, and left out of the JSON, for the others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub camera_track: Vec<CameraSample>,
    /// Stated placements the layout could not honour together with the rest (empty when
    /// every one holds).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub layout_notes: Vec<LayoutNote>,
}

/// The camera at one frame of the video.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CameraSample {
    /// 3×4 world-to-camera matrix `[R|t]` (RealEstate10K / CameraCtrl convention), unrounded.
    pub pose: [[f64; 4]; 3],
    /// Focal length as a fraction of the image width.
    pub fx: f64,
    /// Focal length as a fraction of the image height.
    pub fy: f64,
}

/// A stated placement the layout solver relaxed because it contradicts the shot's others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LayoutNote {
    /// JSON pointer of the placement in the storyboard, e.g. "/shots/0/actions/1/to".
    pub pointer: String,
    /// Id of the shot.
    pub shot: String,
    /// The keyframe frames at which it was relaxed.
    pub frames: Vec<u32>,
    /// What was given up, in one sentence.
    pub message: String,
}

/// The frames one shot covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ShotSpan {
    /// Shot id.
    pub id: String,
    /// First frame of the shot.
    pub start_frame: u32,
    /// One past the last frame of the shot.
    pub end_frame: u32,
    /// Where the shot takes place (the storyboard's setting; layout emitters' background).
    pub setting: String,
    /// How the shot passes into the next one.
    pub transition: Transition,
}

/// How motion is distributed over a move's or path's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Easing {
    /// Constant speed.
    Linear,
    /// Accelerate from rest.
    EaseIn,
    /// Decelerate to rest.
    EaseOut,
    /// Accelerate then decelerate (smoothstep); what a camera operator does.
    #[default]
    EaseInOut,
}

/// Why a frame is a keyframe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum KeyframeReason {
    /// First frame of a shot.
    ShotStart,
    /// Last frame of a shot.
    ShotEnd,
    /// An action starts.
    ActionStart,
    /// An action ends.
    ActionEnd,
    /// A camera move starts.
    CameraStart,
    /// A camera move ends.
    CameraEnd,
    /// A clip boundary (the last frame of one clip, the first of the next).
    ClipBoundary,
    /// Inserted so keyframes are at most the keyframe interval apart.
    Interval,
}

/// The conditioning at one frame.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Keyframe {
    /// Frame index from the start of the video.
    pub frame: u32,
    /// Time of the frame in seconds from the start of the video.
    pub time_s: f64,
    /// Id of the shot this keyframe belongs to.
    pub shot: String,
    /// The text prompt at this frame, within the backend's token budget.
    pub prompt: String,
    /// The negative prompt at this frame.
    pub negative_prompt: String,
    /// Every cast member of the shot, one entry per instance (an entity with a count of 3
    /// has three), in cast order; those off screen at this frame (not yet entered, left)
    /// have `visible: false`.
    pub entities: Vec<EntityFrame>,
    /// The camera at this frame.
    pub camera: CameraFrame,
    /// Why this frame is a keyframe.
    pub reasons: Vec<KeyframeReason>,
}

/// One instance of an entity at one keyframe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityFrame {
    /// Entity id.
    pub id: String,
    /// Which of the entity's instances this is, 0-based, when its count is above 1; absent
    /// when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<u32>,
    /// Normalized box `[x0, y0, x1, y1]` in image coordinates, (0,0) top-left.
    pub bbox: [f64; 4],
    /// The verb of the action under way, or null.
    pub action: Option<String>,
    /// Progress of that action in [0, 1].
    pub progress: f64,
    /// The entity's appearance state at this frame, or null.
    pub state: Option<String>,
    /// Whether the instance is on screen: it has entered and not left, and some of its box
    /// is inside the frame.
    pub visible: bool,
}

/// The camera at one keyframe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CameraFrame {
    /// The move under way ("static" when none).
    #[serde(rename = "move")]
    pub kind: MoveKind,
    /// Its direction, or null.
    pub direction: Option<Direction>,
    /// Progress of the move in [0, 1].
    pub progress: f64,
    /// 3×4 world-to-camera matrix `[R|t]` of this frame (RealEstate10K / CameraCtrl convention).
    pub pose: [[f64; 4]; 3],
    /// Focal length as a fraction of the image width (changes with zoom).
    pub fx: f64,
    /// Focal length as a fraction of the image height (changes with zoom).
    pub fy: f64,
}

/// One generation call's worth of frames.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Clip {
    /// Id of the shot the clip belongs to.
    pub shot: String,
    /// First frame of the clip in video frames.
    pub start_frame: u32,
    /// Number of frames, obeying the backend's frame-count rule.
    pub num_frames: u32,
    /// The clip's text prompt, one chronological paragraph within the token budget.
    pub prompt: String,
    /// The clip's negative prompt.
    pub negative_prompt: String,
    /// Frames at the end of the clip that lie past its shot and are to be trimmed after
    /// generation (the rule forced a longer clip than the shot has left).
    pub trim_end: u32,
    /// Index into `keyframes` of the clip's first keyframe.
    pub first_keyframe: usize,
    /// Index into `keyframes` of the clip's last keyframe.
    pub last_keyframe: usize,
}
