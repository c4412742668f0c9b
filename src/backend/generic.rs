//! The generic backend: the KeyframePlan itself, as JSON.

use super::{Backend, Conditioning, EmitError, FrameRule, Payload, Profile, Tokenizer};
use crate::ir::{KeyframePlan, Storyboard};

/// The backend-neutral target: 16 fps, 832×480, any clip length; emits the plan as JSON.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generic;

impl Backend for Generic {
    fn profile(&self) -> Profile {
        Profile {
            name: "generic",
            fps: 16,
            frame_rule: FrameRule::Any,
            default_frames: None,
            max_frames: None,
            width: 832,
            height: 480,
            resolutions: &[(832, 480)],
            prompt_token_limit: 512,
            tokenizer: Tokenizer::T5,
            conditioning: &[Conditioning::KeyframePlan],
            source: "scenec's own plan format (DESIGN.md)",
        }
    }

    fn emit(&self, storyboard: &Storyboard, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), storyboard, plan)?;
        Ok(Payload::Json(serde_json::to_value(plan)?))
    }
}
