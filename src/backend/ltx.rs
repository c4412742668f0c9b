//! LTX-Video 0.9.x: per-clip prompts of 8n+1 frames, with keyframe conditioning items at
//! frame indices on multiples of 8.
//!
//! Sources (BACKENDS.md [S7], [S12]): frame count 8n+1 (padded otherwise), "works best
//! below 257" frames, width and height multiples of 32, default 1216×704 at 30 fps (0.9.6+);
//! conditioning items `(media, frame index, strength ∈ [0, 1])`, non-first video items on
//! multiples of 8; T5-XXL text encoder, 128 tokens in diffusers (256 in the repo) — the
//! smaller budget is used so a prompt fits both.

use serde_json::{Value, json};

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// Conditioning frame indices are multiples of this.
const CONDITION_STEP: u32 = 8;

/// LTX-Video 0.9.x at 1216×704, 30 fps.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ltx;

impl Backend for Ltx {
    fn profile(&self) -> Profile {
        target::LTX
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let clips: Vec<Value> = plan
            .clips
            .iter()
            .map(|c| {
                let last_index = c.num_frames.saturating_sub(1) / CONDITION_STEP * CONDITION_STEP;
                let mut items: Vec<Value> = Vec::new();
                let mut used: Vec<u32> = Vec::new();
                for (i, k) in plan
                    .keyframes
                    .iter()
                    .enumerate()
                    .take(c.last_keyframe + 1)
                    .skip(c.first_keyframe)
                {
                    let offset = k.frame.saturating_sub(c.start_frame);
                    let snapped = ((offset + CONDITION_STEP / 2) / CONDITION_STEP * CONDITION_STEP)
                        .min(last_index);
                    if used.contains(&snapped) {
                        continue;
                    }
                    used.push(snapped);
                    items.push(json!({
                        "frame_index": snapped,
                        "keyframe": i,
                        "keyframe_frame": k.frame,
                        "strength": if snapped == 0 { 1.0 } else { 0.8 },
                        "image_prompt": k.prompt,
                    }));
                }
                json!({
                    "shot": c.shot,
                    "start_frame": c.start_frame,
                    "num_frames": c.num_frames,
                    "trim_end": c.trim_end,
                    "prompt": c.prompt,
                    "negative_prompt": c.negative_prompt,
                    "conditioning": items,
                })
            })
            .collect();
        Ok(Payload::Json(json!({
            "backend": "ltx",
            "width": plan.width,
            "height": plan.height,
            "frame_rate": plan.fps,
            "frame_rule": "8n+1, at most 257",
            "clips": clips,
        })))
    }
}
