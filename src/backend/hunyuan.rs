//! HunyuanVideo text-to-video: 4n+1 frames at 24 fps, at most 129.
//!
//! Sources (BACKENDS.md [S9]): Tencent/HunyuanVideo `sample_video.py --video-size H W
//! --video-length 129`, `(video_length-1) % 4 == 0` enforced, saved at fps=24; MLLM text
//! encoder `--text-len 256` (+ CLIP-L 77, which only truncates).

use serde_json::{Value, json};

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// HunyuanVideo at 1280×720.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hunyuan;

impl Backend for Hunyuan {
    fn profile(&self) -> Profile {
        target::HUNYUAN
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let clips: Vec<Value> = plan
            .clips
            .iter()
            .map(|c| {
                json!({
                    "shot": c.shot,
                    "start_frame": c.start_frame,
                    "video_length": c.num_frames,
                    "trim_end": c.trim_end,
                    "prompt": c.prompt,
                    "neg_prompt": c.negative_prompt,
                })
            })
            .collect();
        Ok(Payload::Json(json!({
            "backend": "hunyuan",
            "video_size": [plan.height, plan.width],
            "fps": plan.fps,
            "frame_rule": "4n+1, at most 129",
            "clips": clips,
        })))
    }
}
