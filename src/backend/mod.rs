//! Video backends: each target's [`Profile`] (what it accepts) and its emitter (plan → the
//! payload that backend consumes). One file per target.

mod generic;
mod profile;

pub use generic::Generic;
pub use profile::{FrameRule, Profile};

use serde::Serialize;
use thiserror::Error;

use crate::ir::{KeyframePlan, Storyboard};

/// What an emitter produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Payload {
    /// A JSON document (request body, settings file).
    Json(serde_json::Value),
    /// A text document (schedule text).
    Text(String),
}

/// Why an emitter could not produce a payload.
#[derive(Debug, Error)]
pub enum EmitError {
    /// The plan was lowered for another backend's profile.
    #[error(
        "the plan was lowered for backend `{found}` but is emitted for `{expected}`; lower it with --backend {expected}"
    )]
    WrongProfile {
        /// The backend emitting.
        expected: String,
        /// The backend the plan was lowered for.
        found: String,
    },
    /// The payload could not be serialized (a non-finite number in the plan).
    #[error("the plan could not be serialized: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// One video-generation target.
pub trait Backend: Send + Sync {
    /// What the backend accepts: fps, frame-count rule, lengths, resolution, prompt budget.
    fn profile(&self) -> Profile;

    /// Turns a plan lowered with [`Backend::profile`] into this backend's payload.
    fn emit(&self, storyboard: &Storyboard, plan: &KeyframePlan) -> Result<Payload, EmitError>;
}

/// Every backend name [`by_name`] knows.
pub const NAMES: &[&str] = &["generic"];

/// The backend called `name` with its default settings.
pub fn by_name(name: &str) -> Option<Box<dyn Backend>> {
    match name {
        "generic" => Some(Box::new(Generic)),
        _ => None,
    }
}
