//! Deforum (AUTOMATIC1111 extension) settings JSON: `prompts` keyed by frame, and 3D motion
//! schedules `"0:(x), 30:(y)"` derived from the plan's per-frame camera poses.
//!
//! Sources (BACKENDS.md [S1]): settings keys, `"F:(V), …"` schedule syntax with linear
//! interpolation between keys, motion values are per-frame increments, `--neg` splits the
//! negative prompt, default fps 15, 3D camera translation `T/200`.
//!
//! # Signs
//!
//! Each frame's increment is the camera's motion relative to the previous frame, in the
//! previous camera's axes (x right, y down, z forward; the plan's camera track holds each
//! frame's world-to-camera pose `[R|t]`, so the camera centre is `−Rᵀt`):
//!
//! - `translation_x = −200·Δx`, `translation_y = −200·Δy`: the 2D convention BACKENDS.md
//!   derives from the warp code (**+translation_x moves the content right, i.e. the camera
//!   moves left; +translation_y moves the content down, i.e. the camera moves up**). The 3D
//!   mode's on-screen sign is unverified upstream; scenec uses the same content-direction
//!   convention in 3D so one reading holds for both modes.
//! - `translation_z = +200·Δz`: positive moves the camera forward (Deforum's default 1.75 is
//!   a forward drift).
//! - `rotation_3d_y` = yaw in degrees, + = pan right; `rotation_3d_x` = pitch, + = tilt up;
//!   `rotation_3d_z` = roll, + = clockwise. Upstream signs are unverified (BACKENDS.md §8):
//!   flip them in the settings if a test render turns the wrong way.
//! - `fov_schedule` is absolute: the vertical field of view from `fy` (zoom narrows it).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::{Backend, EmitError, Payload};
use crate::ir::CameraSample;
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// Deforum's 3D translation units per metre of camera motion (its camera moves 1/200).
const TRANSLATION_SCALE: f64 = 200.0;

/// Deforum in 3D animation mode at 512×512, 15 fps.
#[derive(Debug, Clone, Copy, Default)]
pub struct Deforum;

impl Backend for Deforum {
    fn profile(&self) -> Profile {
        target::DEFORUM
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        super::ensure_camera_track(plan)?;
        let mut prompts = Map::new();
        for k in &plan.keyframes {
            prompts.insert(
                k.frame.to_string(),
                Value::String(format!("{} --neg {}", k.prompt, k.negative_prompt)),
            );
        }
        let frames: Vec<u32> = plan.keyframes.iter().map(|k| k.frame).collect();
        let samples: Vec<[f64; 7]> = frames.iter().map(|&f| increments(plan, f)).collect();
        let column = |i: usize| schedule(&frames, samples.iter().map(|s| s[i]));
        Ok(Payload::Json(json!({
            "W": plan.width,
            "H": plan.height,
            "fps": plan.fps,
            "max_frames": plan.total_frames,
            "animation_mode": "3D",
            "border": "replicate",
            "prompts": prompts,
            "positive_prompts": "",
            "negative_prompts": "",
            "angle": "0:(0)",
            "zoom": "0:(1.0)",
            "translation_x": column(0),
            "translation_y": column(1),
            "translation_z": column(2),
            "rotation_3d_x": column(3),
            "rotation_3d_y": column(4),
            "rotation_3d_z": column(5),
            "fov_schedule": column(6),
            "near_schedule": "0:(200)",
            "far_schedule": "0:(10000)",
        })))
    }
}

/// Per-frame increments at `frame`: translation x, y, z, rotation x (pitch), y (yaw),
/// z (roll), and the absolute vertical field of view. Zero motion on a shot's first frame.
fn increments(plan: &KeyframePlan, frame: u32) -> [f64; 7] {
    let track = &plan.camera_track;
    let Some(cam) = track.get(frame as usize) else {
        return [0.0; 7];
    };
    let fov = fov_deg(cam);
    let shot_start = plan.shots.iter().any(|s| s.start_frame == frame);
    let previous = frame.checked_sub(1).and_then(|f| track.get(f as usize));
    let Some(prev) = previous.filter(|_| !shot_start) else {
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, fov];
    };
    let (r_prev, r) = (rotation(prev), rotation(cam));
    let (c_prev, c) = (centre(prev), centre(cam));
    // The move in the previous camera's axes: R_prev·(c − c_prev).
    let d: [f64; 3] =
        std::array::from_fn(|i| (0..3).map(|k| r_prev[i][k] * (c[k] - c_prev[k])).sum());
    // The rotation from the previous camera to this one: R_prev·Rᵀ.
    let rel: [[f64; 3]; 3] = std::array::from_fn(|i| {
        std::array::from_fn(|j| (0..3).map(|k| r_prev[i][k] * r[j][k]).sum())
    });
    // rel = Ry(yaw)·Rx(pitch)·Rz(roll): third column (sin y cos p, −sin p, cos y cos p).
    let pitch = (-rel[1][2]).clamp(-1.0, 1.0).asin();
    let yaw = rel[0][2].atan2(rel[2][2]);
    let roll = rel[1][0].atan2(rel[1][1]);
    [
        -TRANSLATION_SCALE * d[0],
        -TRANSLATION_SCALE * d[1],
        TRANSLATION_SCALE * d[2],
        pitch.to_degrees(),
        yaw.to_degrees(),
        roll.to_degrees(),
        fov,
    ]
}

/// The world-to-camera rotation `R` of a sample's pose.
fn rotation(cam: &CameraSample) -> [[f64; 3]; 3] {
    cam.pose.map(|row| [row[0], row[1], row[2]])
}

/// The camera centre in world coordinates, `−Rᵀt`.
fn centre(cam: &CameraSample) -> [f64; 3] {
    std::array::from_fn(|j| -(0..3).map(|i| cam.pose[i][j] * cam.pose[i][3]).sum::<f64>())
}

fn fov_deg(cam: &CameraSample) -> f64 {
    2.0 * (0.5 / cam.fy).atan().to_degrees()
}

/// A Deforum schedule string from values at frames, keeping only the frames where the
/// linear interpolation changes (the ends of runs of equal values).
fn schedule(frames: &[u32], values: impl Iterator<Item = f64>) -> String {
    let values: Vec<f64> = values.map(|v| (v * 1e4).round() / 1e4 + 0.0).collect();
    let mut out = String::new();
    for (i, (&frame, &v)) in frames.iter().zip(&values).enumerate() {
        let same_before = i > 0 && values.get(i - 1) == Some(&v);
        let same_after = values.get(i + 1) == Some(&v);
        if i > 0 && i + 1 < values.len() && same_before && same_after {
            continue;
        }
        if i + 1 == values.len() && same_before && i > 0 {
            continue;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        let _ = write!(out, "{frame}:({v})");
    }
    if out.is_empty() {
        out.push_str("0:(0)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_keeps_only_the_ends_of_runs() {
        let s = schedule(&[0, 10, 20, 30, 40], [0.0, 0.0, 1.5, 1.5, 1.5].into_iter());
        assert_eq!(s, "0:(0), 10:(0), 20:(1.5)");
        assert_eq!(schedule(&[0, 5], [0.0, 0.0].into_iter()), "0:(0)");
    }
}
