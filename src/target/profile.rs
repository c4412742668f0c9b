//! The profile type: what one video backend accepts (the limits lowering respects).

use serde::Serialize;

/// Which frame counts a backend accepts for one clip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum FrameRule {
    /// Any positive count.
    Any,
    /// `step·n + 1` frames for a whole `n ≥ 1` (Wan and HunyuanVideo: 4n+1, LTX: 8n+1,
    /// CogVideoX: 8N+1 or 16N+1; the upper bound on `n` is the profile's `max_frames`).
    StepPlusOne {
        /// The step.
        step: u32,
    },
    /// Exactly this many frames (CameraCtrl: 16 for AnimateDiff, 14 / 25 for SVD).
    Fixed {
        /// The count.
        frames: u32,
    },
}

impl FrameRule {
    /// The largest valid count not above `frames` (at least the smallest valid count).
    pub fn fit_down(&self, frames: u32) -> u32 {
        match *self {
            FrameRule::Any => frames.max(1),
            FrameRule::StepPlusOne { step } => {
                let n = frames.saturating_sub(1) / step.max(1);
                n.max(1) * step.max(1) + 1
            }
            FrameRule::Fixed { frames: fixed } => fixed.max(1),
        }
    }

    /// Whether `frames` obeys the rule.
    pub fn accepts(&self, frames: u32) -> bool {
        match *self {
            FrameRule::Any => frames >= 1,
            FrameRule::StepPlusOne { step } => {
                step > 0 && frames > step && (frames - 1).is_multiple_of(step)
            }
            FrameRule::Fixed { frames: fixed } => frames == fixed,
        }
    }

    /// The granularity of a clip's span (`num_frames - 1`): spans are multiples of it.
    pub fn span_step(&self) -> u32 {
        match *self {
            FrameRule::Any => 1,
            FrameRule::StepPlusOne { step } => step.max(1),
            FrameRule::Fixed { frames } => frames.saturating_sub(1).max(1),
        }
    }

    /// Human-readable form, e.g. "4n+1".
    pub fn describe(&self) -> String {
        match *self {
            FrameRule::Any => "any".into(),
            FrameRule::StepPlusOne { step } => format!("{step}n+1"),
            FrameRule::Fixed { frames } => format!("exactly {frames}"),
        }
    }
}

/// The text encoder whose tokens a prompt budget counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tokenizer {
    /// OpenAI CLIP BPE (Stable Diffusion, AnimateDiff, HunyuanVideo's second encoder):
    /// 77 positions including start and end tokens.
    Clip,
    /// T5 / umT5 SentencePiece (Wan, LTX-Video, CogVideoX), one end token.
    T5,
    /// A LLaMA-style BPE language-model encoder (HunyuanVideo's MLLM encoder).
    Llm,
}

/// Conditioning a backend accepts besides the text prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conditioning {
    /// One text prompt per clip.
    ClipPrompt,
    /// A first-frame image (image-to-video).
    FirstFrame,
    /// First and last frame images.
    FirstLastFrame,
    /// Images or videos placed at frame indices.
    FramesAtIndex,
    /// A prompt per keyframe, held or blended between keyframes.
    PromptSchedule,
    /// Numeric motion schedules per frame.
    MotionSchedule,
    /// A camera pose per frame.
    CameraPoses,
    /// The whole keyframe plan (boxes, poses, prompts).
    KeyframePlan,
    /// Point tracks in pixels, one per entity instance (Wan-Move, ATI).
    PointTracks,
    /// Named boxes per layout frame (LLM-grounded Video Diffusion).
    BoxLayout,
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
    /// Frames of one clip when the caller does not choose.
    pub default_frames: Option<u32>,
    /// Most frames in one clip (`None`: unbounded).
    pub max_frames: Option<u32>,
    /// Output width in pixels.
    pub width: u32,
    /// Output height in pixels.
    pub height: u32,
    /// Other official resolutions as `(width, height)`.
    pub resolutions: &'static [(u32, u32)],
    /// Prompt budget in the backend's text-encoder tokens (content tokens, special tokens
    /// excluded).
    pub prompt_token_limit: usize,
    /// The encoder the budget counts.
    pub tokenizer: Tokenizer,
    /// Conditioning the backend accepts.
    pub conditioning: &'static [Conditioning],
    /// Where the facts come from (BACKENDS.md source keys and files).
    pub source: &'static str,
}

impl Profile {
    /// The longest clip in frames that obeys the rule (`None`: unbounded).
    pub fn max_clip_frames(&self) -> Option<u32> {
        match self.frame_rule {
            FrameRule::Fixed { frames } => Some(frames),
            _ => self.max_frames.map(|m| self.frame_rule.fit_down(m)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_plus_one_fits_down_to_the_rule() {
        let rule = FrameRule::StepPlusOne { step: 4 };
        assert_eq!(rule.fit_down(83), 81);
        assert_eq!(rule.fit_down(81), 81);
        assert_eq!(rule.fit_down(2), 5);
        assert!(rule.accepts(81) && !rule.accepts(80) && !rule.accepts(1));
    }

    #[test]
    fn fixed_accepts_only_its_count() {
        let rule = FrameRule::Fixed { frames: 16 };
        assert!(rule.accepts(16) && !rule.accepts(17));
        assert_eq!(rule.span_step(), 15);
        assert_eq!(rule.describe(), "exactly 16");
    }
}
