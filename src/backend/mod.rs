//! Video backends: each target's [`Profile`] (what it accepts) and its emitter (plan → the
//! payload that backend consumes). One file per target.

mod cameractrl;
mod cogvideox;
mod comfy_schedule;
mod deforum;
mod generic;
mod hunyuan;
mod ltx;
mod payload;
mod profile;
mod wan;

pub use cameractrl::{CameraCtrl, CameraCtrlVariant};
pub use cogvideox::{CogVideoX, CogVideoXVersion};
pub use comfy_schedule::ComfySchedule;
pub use deforum::Deforum;
pub use generic::Generic;
pub use hunyuan::Hunyuan;
pub use ltx::Ltx;
pub use payload::{FileContent, Payload, PayloadFile};
pub use profile::{Conditioning, FrameRule, Profile, Tokenizer};
pub use wan::Wan;

use thiserror::Error;

use crate::ir::{KeyframePlan, Storyboard};

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
    /// The plan's shots are not the storyboard's.
    #[error(
        "the plan has {plan} shot(s) but the storyboard has {storyboard}; lower this storyboard again"
    )]
    ShotMismatch {
        /// Shots in the plan.
        plan: usize,
        /// Shots in the storyboard.
        storyboard: usize,
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
pub const NAMES: &[&str] = &[
    "generic",
    "wan",
    "ltx",
    "cogvideox",
    "cogvideox-1.5",
    "hunyuan",
    "deforum",
    "comfy-schedule",
    "cameractrl",
    "cameractrl-svd",
    "cameractrl-svd-xt",
];

/// The backend called `name` with its default settings.
pub fn by_name(name: &str) -> Option<Box<dyn Backend>> {
    Some(match name {
        "generic" => Box::new(Generic),
        "wan" => Box::new(Wan),
        "ltx" => Box::new(Ltx),
        "cogvideox" => Box::new(CogVideoX::new(CogVideoXVersion::V1_0)),
        "cogvideox-1.5" => Box::new(CogVideoX::new(CogVideoXVersion::V1_5)),
        "hunyuan" => Box::new(Hunyuan),
        "deforum" => Box::new(Deforum),
        "comfy-schedule" => Box::new(ComfySchedule),
        "cameractrl" => Box::new(CameraCtrl::new(CameraCtrlVariant::AnimateDiff)),
        "cameractrl-svd" => Box::new(CameraCtrl::new(CameraCtrlVariant::Svd)),
        "cameractrl-svd-xt" => Box::new(CameraCtrl::new(CameraCtrlVariant::SvdXt)),
        _ => return None,
    })
}

/// Fails unless `plan` was lowered for `profile` from `storyboard`.
fn ensure_matches(
    profile: &Profile,
    storyboard: &Storyboard,
    plan: &KeyframePlan,
) -> Result<(), EmitError> {
    if plan.backend != profile.name {
        return Err(EmitError::WrongProfile {
            expected: profile.name.to_string(),
            found: plan.backend.clone(),
        });
    }
    if plan.shots.len() != storyboard.shots.len() {
        return Err(EmitError::ShotMismatch {
            plan: plan.shots.len(),
            storyboard: storyboard.shots.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_resolves_to_a_backend_of_that_profile_name() {
        for name in NAMES {
            let backend = by_name(name).unwrap_or_else(|| panic!("{name} unknown"));
            assert_eq!(backend.profile().name, *name);
        }
        assert!(by_name("sora").is_none());
    }
}
