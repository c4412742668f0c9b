//! A backend's profile: the limits the lowering must respect.

use serde::Serialize;

/// Which frame counts a backend accepts for one clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum FrameRule {
    /// Any positive count.
    Any,
    /// `step·n + 1` frames for a whole `n ≥ 1` (Wan and HunyuanVideo: 4n+1, LTX: 8n+1).
    StepPlusOne {
        /// The step.
        step: u32,
    },
}

impl FrameRule {
    /// The largest valid count not above `frames` (at least the smallest valid count).
    pub fn fit_down(&self, frames: u32) -> u32 {
        match *self {
            FrameRule::Any => frames.max(1),
            FrameRule::StepPlusOne { step } => {
                let n = frames.saturating_sub(1) / step;
                n.max(1) * step + 1
            }
        }
    }

    /// Whether `frames` obeys the rule.
    pub fn accepts(&self, frames: u32) -> bool {
        match *self {
            FrameRule::Any => frames >= 1,
            FrameRule::StepPlusOne { step } => frames > step && (frames - 1).is_multiple_of(step),
        }
    }
}

/// What a backend accepts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    /// Backend name, e.g. "wan".
    pub name: &'static str,
    /// Frames per second.
    pub fps: u32,
    /// Frame-count rule of one clip.
    pub frame_rule: FrameRule,
    /// Most frames in one clip (`None`: unbounded).
    pub max_frames: Option<u32>,
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Prompt budget in the backend's text-encoder tokens.
    pub prompt_token_limit: usize,
}
