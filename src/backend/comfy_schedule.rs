//! ComfyUI FizzNodes `BatchPromptSchedule` text: one `"frame" :"prompt --neg negative"` line
//! per keyframe, the body of a JSON object without braces.
//!
//! Sources (BACKENDS.md [S3]): FizzleDorf/ComfyUI_FizzNodes@7d6ea60 `ScheduleFuncs.py`
//! (newlines removed, wrapped in braces, trailing comma stripped, `json.loads`, so keys are
//! double-quoted), `BatchFuncs.py` (embeddings blended linearly between keyframes). The
//! frame rate is AnimateDiff's usual 8 fps [S13]; prompts are budgeted for SD's CLIP (77).

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// FizzNodes batch prompt schedule for an AnimateDiff / SD workflow at 512×512, 8 fps.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComfySchedule;

impl Backend for ComfySchedule {
    fn profile(&self) -> Profile {
        target::COMFY_SCHEDULE
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let lines: Result<Vec<String>, serde_json::Error> = plan
            .keyframes
            .iter()
            .map(|k| {
                let key = serde_json::to_string(&k.frame.to_string())?;
                let value =
                    serde_json::to_string(&format!("{} --neg {}", k.prompt, k.negative_prompt))?;
                Ok(format!("{key} :{value}"))
            })
            .collect();
        Ok(Payload::Text(format!("{}\n", lines?.join(",\n"))))
    }
}
