//! Video backends: each target's emitter (plan → the payload that backend consumes), one file
//! per target. What a backend accepts is its [`Profile`], kept as data in [`crate::target`];
//! emitters read the plan only, never the storyboard, and never lower again.

mod ati;
mod cameractrl;
mod cogvideox;
mod comfy_schedule;
mod deforum;
mod generic;
mod hunyuan;
mod layout;
mod ltx;
mod lvd;
mod payload;
mod point_tracks;
mod wan;
mod wan_move;

pub use ati::Ati;
pub use cameractrl::{CameraCtrl, CameraCtrlVariant};
pub use cogvideox::{CogVideoX, CogVideoXVersion};
pub use comfy_schedule::ComfySchedule;
pub use deforum::Deforum;
pub use generic::Generic;
pub use hunyuan::Hunyuan;
pub use ltx::Ltx;
pub use lvd::Lvd;
pub use payload::{FileContent, Payload, PayloadFile};
pub use wan::Wan;
pub use wan_move::WanMove;

use thiserror::Error;

use crate::ir::KeyframePlan;
use crate::target::Profile;

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
    /// The plan's per-frame camera track does not cover its frames (a plan edited by hand, or
    /// lowered for a profile that takes no camera track).
    #[error(
        "the plan's camera_track has {found} sample(s) but the video has {expected} frame(s); lower the storyboard again for this backend"
    )]
    CameraTrack {
        /// Frames of the video.
        expected: u32,
        /// Samples in the track.
        found: usize,
    },
    /// The payload could not be serialized (a non-finite number in the plan).
    #[error("the plan could not be serialized: {0}")]
    Serialize(#[from] serde_json::Error),
}

/// One video-generation target.
pub trait Backend: Send + Sync {
    /// What the backend accepts: fps, frame-count rule, lengths, resolution, prompt budget.
    fn profile(&self) -> Profile;

    /// Turns a plan lowered with [`Backend::profile`] into this backend's payload, from the
    /// plan alone.
    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError>;
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
    "wan-move",
    "ati",
    "lvd",
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
        "wan-move" => Box::new(WanMove),
        "ati" => Box::new(Ati),
        "lvd" => Box::new(Lvd),
        _ => return None,
    })
}

/// Fails unless `plan` was lowered for `profile`.
fn ensure_matches(profile: &Profile, plan: &KeyframePlan) -> Result<(), EmitError> {
    if plan.backend != profile.name {
        return Err(EmitError::WrongProfile {
            expected: profile.name.to_string(),
            found: plan.backend.clone(),
        });
    }
    Ok(())
}

/// Fails unless the plan's camera track has one sample per frame of the video.
fn ensure_camera_track(plan: &KeyframePlan) -> Result<(), EmitError> {
    if plan.camera_track.len() != plan.total_frames as usize {
        return Err(EmitError::CameraTrack {
            expected: plan.total_frames,
            found: plan.camera_track.len(),
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

    #[test]
    fn every_target_profile_has_a_backend_and_every_backend_a_target_profile() {
        let targets: Vec<&str> = crate::target::ALL.iter().map(|p| p.name).collect();
        assert_eq!(targets, NAMES);
        for name in NAMES {
            let profile = crate::target::by_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(by_name(name).map(|b| b.profile()).as_ref(), Some(profile));
        }
    }
}
