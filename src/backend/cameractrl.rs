//! CameraCtrl: one RealEstate10K pose file per clip at the frame count the model takes, and a
//! manifest with each clip's prompt.
//!
//! A pose file's first line is ignored by CameraCtrl (a video URL in RealEstate10K); each
//! further line is one frame with 19 columns: timestamp in microseconds, `fx fy cx cy`
//! normalized by the image width / height, `0 0`, then the 3×4 world-to-camera matrix row by
//! row. Sources (BACKENDS.md [S15], [S16]): google/realestate10k download.html;
//! hehao13/CameraCtrl@af45a7a `cameractrl/data/dataset.py` (`fx,fy,cx,cy = entry[1:5];
//! w2c = entry[7:]`), AnimateDiff branch 16 frames at 256×384, SVD branch 14 (svd) / 25
//! (svd-xt) frames at 320×576, `fps` 7 in the SVD demo; AnimateDiff saves at 8 fps [S13].

use std::fmt::Write as _;

use serde_json::json;

use super::{Backend, EmitError, FileContent, Payload, PayloadFile};
use crate::ir::KeyframePlan;
use crate::target::{self, Profile};

/// Which CameraCtrl model the poses are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CameraCtrlVariant {
    /// AnimateDiff (SD 1.5) branch: 16 frames, 384×256.
    #[default]
    AnimateDiff,
    /// Stable Video Diffusion branch: 14 frames, 576×320.
    Svd,
    /// Stable Video Diffusion XT branch: 25 frames, 576×320.
    SvdXt,
}

/// CameraCtrl pose files.
#[derive(Debug, Clone, Copy, Default)]
pub struct CameraCtrl {
    variant: CameraCtrlVariant,
}

impl CameraCtrl {
    /// The backend for one CameraCtrl variant.
    pub fn new(variant: CameraCtrlVariant) -> Self {
        Self { variant }
    }
}

impl Backend for CameraCtrl {
    fn profile(&self) -> Profile {
        match self.variant {
            CameraCtrlVariant::AnimateDiff => target::CAMERACTRL,
            CameraCtrlVariant::Svd => target::CAMERACTRL_SVD,
            CameraCtrlVariant::SvdXt => target::CAMERACTRL_SVD_XT,
        }
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        let profile = self.profile();
        super::ensure_matches(&profile, plan)?;
        super::ensure_camera_track(plan)?;
        let track = &plan.camera_track;
        let mut files = Vec::with_capacity(plan.clips.len() + 1);
        let mut manifest = Vec::with_capacity(plan.clips.len());
        for (i, clip) in plan.clips.iter().enumerate() {
            let name = format!("clip_{:02}_{}.txt", i + 1, sanitize(&clip.shot));
            let mut text = format!(
                "scenec://{}/{}/clip-{:02}\n",
                sanitize(&plan.title),
                sanitize(&clip.shot),
                i + 1
            );
            // Frames past the video's end (the rule's padding) hold the last camera.
            let last = track.len().saturating_sub(1);
            for frame in clip.start_frame..clip.start_frame + clip.num_frames {
                let Some(cam) = track.get((frame as usize).min(last)) else {
                    continue;
                };
                let micros = (f64::from(frame) * 1e6 / f64::from(plan.fps)).round() as u64;
                let _ = write!(text, "{micros} {:.9} {:.9} 0.5 0.5 0 0", cam.fx, cam.fy);
                for row in cam.pose {
                    for v in row {
                        let _ = write!(text, " {:.9}", v + 0.0);
                    }
                }
                text.push('\n');
            }
            manifest.push(json!({
                "pose_file": name,
                "shot": clip.shot,
                "start_frame": clip.start_frame,
                "num_frames": clip.num_frames,
                "trim_end": clip.trim_end,
                "prompt": clip.prompt,
                "negative_prompt": clip.negative_prompt,
            }));
            files.push(PayloadFile {
                name,
                content: FileContent::Text(text),
            });
        }
        files.push(PayloadFile {
            name: "clips.json".into(),
            content: FileContent::Json(json!({
                "backend": profile.name,
                "width": plan.width,
                "height": plan.height,
                "fps": plan.fps,
                "video_length": profile.default_frames,
                "clips": manifest,
            })),
        });
        Ok(Payload::Files(files))
    }
}

/// A file-name-safe version of `s`: ASCII letters, digits, `-` and `_`; others become `_`.
fn sanitize(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}
