//! The keyframe plan: the lowered, backend-independent conditioning of one storyboard.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::storyboard::{Direction, MoveKind};

/// Per-keyframe conditioning for one video at one backend's frame rate and resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeyframePlan {
    /// Always "1".
    pub schema_version: String,
    /// Name of the backend profile the plan was lowered for, e.g. "generic", "wan".
    pub backend: String,
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
    /// Every entity on screen at this frame.
    pub entities: Vec<EntityFrame>,
    /// The camera at this frame.
    pub camera: CameraFrame,
}

/// One entity at one keyframe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityFrame {
    /// Entity id.
    pub id: String,
    /// Normalized box `[x0, y0, x1, y1]` in image coordinates, (0,0) top-left.
    pub bbox: [f64; 4],
    /// The verb of the action under way, or null.
    pub action: Option<String>,
    /// Progress of that action in [0, 1].
    pub progress: f64,
    /// The entity's appearance state at this frame, or null.
    pub state: Option<String>,
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
    /// The clip's text prompt.
    pub prompt: String,
    /// Index into `keyframes` of the clip's first keyframe.
    pub first_keyframe: usize,
    /// Index into `keyframes` of the clip's last keyframe.
    pub last_keyframe: usize,
}
