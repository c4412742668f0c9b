//! ComfyUI FizzNodes `BatchPromptSchedule` text: one `"frame" :"prompt --neg negative"` line
//! per keyframe, the body of a JSON object without braces.
//!
//! Sources (BACKENDS.md [S3]): FizzleDorf/ComfyUI_FizzNodes@7d6ea60 `ScheduleFuncs.py`
//! (newlines removed, wrapped in braces, trailing comma stripped, `json.loads`, so keys are
//! double-quoted), `BatchFuncs.py` (embeddings blended linearly between keyframes). The
//! frame rate is AnimateDiff's usual 8 fps [S13]; prompts are budgeted for SD's CLIP (77).

use super::{Backend, Conditioning, EmitError, FrameRule, Payload, Profile, Tokenizer};
use crate::ir::{KeyframePlan, Storyboard};

/// FizzNodes batch prompt schedule for an AnimateDiff / SD workflow at 512×512, 8 fps.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComfySchedule;

impl Backend for ComfySchedule {
    fn profile(&self) -> Profile {
        Profile {
            name: "comfy-schedule",
            fps: 8,
            frame_rule: FrameRule::Any,
            default_frames: Some(120),
            max_frames: None,
            width: 512,
            height: 512,
            resolutions: &[(512, 512)],
            prompt_token_limit: 77,
            tokenizer: Tokenizer::Clip,
            conditioning: &[Conditioning::PromptSchedule],
            source: "BACKENDS.md [S3] FizzleDorf/ComfyUI_FizzNodes@7d6ea60 ScheduleFuncs.py, BatchFuncs.py; [S13] AnimateDiff 8 fps",
        }
    }

    fn emit(&self, storyboard: &Storyboard, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), storyboard, plan)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::{LowerOptions, lower};

    #[test]
    fn schedule_text_parses_as_fizznodes_parses_it() {
        let storyboard: Storyboard =
            serde_json::from_str(include_str!("../../examples/panda.json")).expect("example");
        let backend = ComfySchedule;
        let plan =
            lower(&storyboard, &backend.profile(), &LowerOptions::default()).expect("lowers");
        let Ok(Payload::Text(text)) = backend.emit(&storyboard, &plan) else {
            panic!("text payload expected");
        };
        // FizzNodes: strip newlines, wrap in braces, json.loads.
        let body = format!("{{{}}}", text.replace('\n', ""));
        let parsed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&body).expect("FizzNodes would parse it");
        assert_eq!(parsed.len(), plan.keyframes.len());
        assert!(parsed.contains_key("0"));
    }
}
