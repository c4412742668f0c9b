//! The camera of one shot aimed from its layout: the target's depth from its box, the follow
//! direction from its path. Keyframes and the plan's per-frame camera track both read it.

use crate::ir::Shot;

use super::blocking::ShotLayout;
use super::boxes;
use super::camera::{self, ShotCamera};

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
