//! The camera at every frame of a plan (what pose-driven emitters need), rebuilt from the
//! storyboard and the plan's shot spans and easing.

use crate::ir::{KeyframePlan, Shot, Storyboard};

use super::boxes::{self, ShotLayout};
use super::camera::{self, CameraState, ShotCamera};
use super::timeline;

/// The camera of one shot: target depth from the target's box, follow direction from its
/// path.
pub fn shot_camera<'a>(
    shot: &'a Shot,
    layout: &ShotLayout<'a>,
    easing: crate::ir::Easing,
    aspect: f64,
) -> ShotCamera<'a> {
    let probe = ShotCamera::new(shot, easing, aspect, camera::DEFAULT_TARGET_DEPTH, 1.0);
    let fy0 = probe.initial().fy;
    let (depth, follow) = match shot
        .camera
        .iter()
        .find_map(|m| m.target.as_deref().map(|id| (id, m.start_s)))
    {
        Some((id, start)) => {
            let b = layout.screen_box(id, start);
            let h = (b[3] - b[1]).max(1e-3);
            (
                layout.world_height(id) * fy0 / h,
                boxes::path_direction(shot, id),
            )
        }
        None => (camera::DEFAULT_TARGET_DEPTH, 1.0),
    };
    ShotCamera::new(shot, easing, aspect, depth, follow)
}

/// One camera state per frame of the video, with the index of its shot.
#[derive(Debug, Clone)]
pub struct CameraTrack {
    frames: Vec<(usize, CameraState)>,
}

impl CameraTrack {
    /// The track of `plan`, lowered from `storyboard`.
    pub fn new(storyboard: &Storyboard, plan: &KeyframePlan) -> Self {
        let aspect = f64::from(plan.width) / f64::from(plan.height.max(1));
        let mut frames = Vec::with_capacity(plan.total_frames as usize);
        for (i, (shot, span)) in storyboard.shots.iter().zip(&plan.shots).enumerate() {
            let layout = ShotLayout::new(storyboard, shot, plan.easing, aspect);
            let cam = shot_camera(shot, &layout, plan.easing, aspect);
            for frame in span.start_frame..span.end_frame {
                let t = timeline::time_in_shot(span, shot.duration_s, frame);
                frames.push((i, cam.at(t)));
            }
        }
        Self { frames }
    }

    /// The camera at `frame` and the index of its shot, if the frame is in the video.
    pub fn at(&self, frame: u32) -> Option<(usize, &CameraState)> {
        self.frames.get(frame as usize).map(|(i, c)| (*i, c))
    }

    /// Number of frames.
    pub fn len(&self) -> usize {
        self.frames.len()
    }

    /// Whether the track has no frames.
    pub fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
}
