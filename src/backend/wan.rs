//! Wan2.1 / Wan2.2 (A14B): per-clip text-to-video prompts of 4n+1 frames at 16 fps, at most
//! 81, and first/last-frame keyframe prompt pairs for image-to-video (I2V) and
//! first-last-frame-to-video (FLF2V).
//!
//! Sources (BACKENDS.md [S5], [S6]): `sample_fps=16`; `--frame_num` "should be 4n+1",
//! default 81; sizes 1280×720, 720×1280, 832×480, 480×832; umT5-XXL `text_len=512`.

use serde_json::{Value, json};

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// Wan2.1 / Wan2.2 A14B at 832×480.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wan;

impl Backend for Wan {
    fn profile(&self) -> Profile {
        target::WAN
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let clips: Vec<Value> = plan
            .clips
            .iter()
            .map(|c| {
                let key = |i: usize| {
                    plan.keyframes
                        .get(i)
                        .map(|k| json!({"frame": k.frame, "prompt": k.prompt}))
                        .unwrap_or(Value::Null)
                };
                json!({
                    "shot": c.shot,
                    "start_frame": c.start_frame,
                    "frame_num": c.num_frames,
                    "trim_end": c.trim_end,
                    "prompt": c.prompt,
                    "negative_prompt": c.negative_prompt,
                    "first_frame": key(c.first_keyframe),
                    "last_frame": key(c.last_keyframe),
                })
            })
            .collect();
        Ok(Payload::Json(json!({
            "backend": "wan",
            "tasks": {"t2v": "t2v-14B / t2v-A14B", "i2v": "i2v-14B / i2v-A14B", "flf2v": "flf2v-14B"},
            "size": format!("{}*{}", plan.width, plan.height),
            "sample_fps": plan.fps,
            "frame_rule": "4n+1, at most 81",
            "clips": clips,
        })))
    }
}
