//! The generic backend: the KeyframePlan itself, as JSON.

use super::{Backend, EmitError, FrameRule, Payload, Profile};
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
            max_frames: None,
            width: 832,
            height: 480,
            prompt_token_limit: 512,
        }
    }

    fn emit(&self, _storyboard: &Storyboard, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        Ok(Payload::Json(serde_json::to_value(plan)?))
    }
}
