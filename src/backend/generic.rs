//! The generic backend: the KeyframePlan itself, as JSON.

use super::{Backend, EmitError, Payload};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// The backend-neutral target: 16 fps, 832×480, any clip length; emits the plan as JSON.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generic;

impl Backend for Generic {
    fn profile(&self) -> Profile {
        target::GENERIC
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        Ok(Payload::Json(serde_json::to_value(plan)?))
    }
}
