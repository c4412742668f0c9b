//! CogVideoX: 1.0 (49 frames, 8N+1 with N ≤ 6, at 8 fps, 720×480, 226 T5 tokens) and 1.5
//! (16N+1 with N ≤ 10 at 16 fps, 81 or 161 frames, 1360×768, 224 tokens).
//!
//! Sources (BACKENDS.md [S8], [S12]): THUDM/CogVideo README model table and
//! `inference/cli_demo.py` ("CogVideoX1.0 generates 49 frames for 6 seconds at 8 fps, while
//! CogVideoX1.5 produces either 81 or 161 frames … at 16 fps"); diffusers
//! `max_sequence_length=226`.

use serde_json::{Value, json};

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// Which CogVideoX generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CogVideoXVersion {
    /// CogVideoX 1.0 (2B / 5B / 5B-I2V).
    #[default]
    V1_0,
    /// CogVideoX 1.5 (5B / 5B-I2V).
    V1_5,
}

/// CogVideoX text-to-video (and image-to-video from the first keyframe's prompt).
#[derive(Debug, Clone, Copy, Default)]
pub struct CogVideoX {
    version: CogVideoXVersion,
}

impl CogVideoX {
    /// The backend for one CogVideoX generation.
    pub fn new(version: CogVideoXVersion) -> Self {
        Self { version }
    }
}

impl Backend for CogVideoX {
    fn profile(&self) -> Profile {
        match self.version {
            CogVideoXVersion::V1_0 => target::COGVIDEOX,
            CogVideoXVersion::V1_5 => target::COGVIDEOX_1_5,
        }
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        let profile = self.profile();
        super::ensure_matches(&profile, plan)?;
        let clips: Vec<Value> = plan
            .clips
            .iter()
            .map(|c| {
                json!({
                    "shot": c.shot,
                    "start_frame": c.start_frame,
                    "num_frames": c.num_frames,
                    "trim_end": c.trim_end,
                    "prompt": c.prompt,
                    "negative_prompt": c.negative_prompt,
                    "image_prompt": plan.keyframes.get(c.first_keyframe).map(|k| k.prompt.as_str()),
                })
            })
            .collect();
        Ok(Payload::Json(json!({
            "backend": profile.name,
            "width": plan.width,
            "height": plan.height,
            "fps": plan.fps,
            "frame_rule": format!(
                "{}, at most {}",
                profile.frame_rule.describe(),
                profile.max_frames.unwrap_or_default()
            ),
            "max_sequence_length": profile.prompt_token_limit,
            "clips": clips,
        })))
    }
}
