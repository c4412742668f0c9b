//! Storyboard → KeyframePlan: keyframe times, boxes, camera poses, prompts, clip splits.
//! Pure and synchronous.

use thiserror::Error;

use crate::backend::Profile;
use crate::ir::{
    CameraFrame, Clip, EntityFrame, Keyframe, KeyframePlan, MoveKind, SCHEMA_VERSION, Storyboard,
};

/// Knobs of the lowering.
#[derive(Debug, Clone, PartialEq)]
pub struct LowerOptions {
    /// Longest gap between two keyframes, in seconds.
    pub keyframe_interval_s: f64,
}

impl Default for LowerOptions {
    fn default() -> Self {
        Self {
            keyframe_interval_s: 1.0,
        }
    }
}

/// Why a storyboard could not be lowered.
#[derive(Debug, Error)]
pub enum LowerError {
    /// The storyboard has no shots.
    #[error("the storyboard has no shots; add at least one shot under /shots")]
    NoShots,
}

const IDENTITY_POSE: [[f64; 4]; 3] = [
    [1.0, 0.0, 0.0, 0.0],
    [0.0, 1.0, 0.0, 0.0],
    [0.0, 0.0, 1.0, 0.0],
];

/// Lowers a checked storyboard for a backend profile: one keyframe at each shot boundary.
pub fn lower(
    storyboard: &Storyboard,
    profile: &Profile,
    _options: &LowerOptions,
) -> Result<KeyframePlan, LowerError> {
    if storyboard.shots.is_empty() {
        return Err(LowerError::NoShots);
    }
    let fps = f64::from(profile.fps);
    let mut keyframes = Vec::new();
    let mut clips = Vec::new();
    for (shot, start) in storyboard.shots.iter().zip(storyboard.shot_starts()) {
        let first = keyframes.len();
        for (t, at_end) in [(start, false), (start + shot.duration_s, true)] {
            let entities = shot
                .actions
                .iter()
                .map(|a| EntityFrame {
                    id: a.entity.clone(),
                    bbox: [0.3, 0.3, 0.7, 0.9],
                    action: Some(a.verb.clone()),
                    progress: if at_end { 1.0 } else { 0.0 },
                    state: if at_end {
                        a.state_to.clone()
                    } else {
                        a.state_from.clone()
                    },
                })
                .collect();
            keyframes.push(Keyframe {
                frame: (t * fps).round() as u32,
                time_s: t,
                shot: shot.id.clone(),
                prompt: format!("{} {} {}", shot.setting, shot.description, storyboard.style),
                negative_prompt: String::new(),
                entities,
                camera: CameraFrame {
                    kind: MoveKind::Static,
                    direction: None,
                    progress: 0.0,
                    pose: IDENTITY_POSE,
                    fx: 1.0,
                    fy: 1.0,
                },
            });
        }
        let start_frame = (start * fps).round() as u32;
        clips.push(Clip {
            shot: shot.id.clone(),
            start_frame,
            num_frames: profile
                .frame_rule
                .fit_down((shot.duration_s * fps).round() as u32),
            prompt: shot.description.clone(),
            first_keyframe: first,
            last_keyframe: keyframes.len() - 1,
        });
    }
    Ok(KeyframePlan {
        schema_version: SCHEMA_VERSION.into(),
        backend: profile.name.into(),
        fps: profile.fps,
        width: profile.width,
        height: profile.height,
        total_frames: (storyboard.duration_s * fps).round() as u32 + 1,
        keyframes,
        clips,
    })
}
