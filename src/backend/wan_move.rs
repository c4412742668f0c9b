//! Wan-Move (Wan2.1-I2V-14B): per clip, one point track per entity, the centre of its box at
//! every output frame, as the JSON string ComfyUI's `WanMoveTracksFromCoords` reads
//! (`track_coords`, `[[{"x","y"}…]…]` in pixels of the generation size), with each track's
//! visibility per frame for the official repo's `--track_visibility` array.
//!
//! Sources (LAYOUT-BACKENDS.md §4.4, [L8], [L9], [L11]): ali-vilab/Wan-Move@27409be
//! `generate.py` (`frame_num` 81, 16 fps, `--size 832*480`), `wan/wan_move.py` (tracks
//! `(1, 81, N, 2)` pixels, visibility `(1, 81, N)`: one sample per *output* frame);
//! comfyanonymous/ComfyUI@1bfd7ab `comfy_extras/nodes_wanmove.py` (`WanMoveTracksFromCoords`
//! → `TRACKS`, `WanMoveTrackToVideo(length=81, width=832, height=480, start_image)`; all
//! tracks of one string have the same length). Wan-Move copies each track's features from
//! frame 0, so only entities on screen at a clip's first frame get a track (the others are
//! listed as `untracked`); points are clamped into the frame.

use serde_json::{Value, json};

use super::layout::{ClipLayout, Instance};
use super::{Backend, EmitError, Payload};
use crate::ir::{Clip, KeyframePlan};
use crate::target::{self, Profile};

/// Wan-Move through ComfyUI's native nodes (or the official repo's arrays) at 832×480.
#[derive(Debug, Clone, Copy, Default)]
pub struct WanMove;

impl Backend for WanMove {
    fn profile(&self) -> Profile {
        target::WAN_MOVE
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let clips = plan
            .clips
            .iter()
            .map(|clip| clip_tracks(plan, clip))
            .collect::<Result<Vec<Value>, EmitError>>()?;
        Ok(Payload::Json(json!({
            "backend": "wan-move",
            "width": plan.width,
            "height": plan.height,
            "fps": plan.fps,
            "nodes": "WanMoveTracksFromCoords(track_coords) → WanMoveTrackToVideo(tracks, width, height, length = num_frames, start_image)",
            "note": "track_coords holds one track per entity on screen at the clip's first frame, one {x, y} a frame in pixels of width×height; the start image must show each tracked entity at its first point",
            "clips": clips,
        })))
    }
}

/// One clip: its prompt, the tracks as the node's JSON string, their visibility.
fn clip_tracks(plan: &KeyframePlan, clip: &Clip) -> Result<Value, EmitError> {
    let layout = ClipLayout::new(plan, clip);
    let first = f64::from(clip.start_frame);
    let (tracked, untracked): (Vec<Instance>, Vec<Instance>) = layout
        .instances()
        .into_iter()
        .partition(|&i| layout.at(i, first).is_some_and(|s| s.visible));
    let span = f64::from(clip.num_frames.saturating_sub(1).max(1));
    let mut tracks = Vec::with_capacity(tracked.len());
    let mut visibility = Vec::with_capacity(tracked.len());
    for &instance in &tracked {
        let samples: Vec<_> = (0..clip.num_frames)
            .filter_map(|j| layout.at(instance, layout.frame_at(f64::from(j) / span)))
            .collect();
        tracks.push(
            samples
                .iter()
                .map(|s| {
                    let (x, y) = s.centre_px(plan.width, plan.height);
                    json!({"x": x, "y": y})
                })
                .collect::<Vec<_>>(),
        );
        visibility.push(samples.iter().map(|s| s.visible).collect::<Vec<_>>());
    }
    let first_prompt = plan.keyframes.get(clip.first_keyframe).map(|k| &k.prompt);
    Ok(json!({
        "shot": clip.shot,
        "start_frame": clip.start_frame,
        "num_frames": clip.num_frames,
        "trim_end": clip.trim_end,
        "prompt": clip.prompt,
        "negative_prompt": clip.negative_prompt,
        "start_image_prompt": first_prompt,
        "track_names": tracked.iter().map(Instance::name).collect::<Vec<_>>(),
        "track_coords": serde_json::to_string(&tracks)?,
        "track_visibility": visibility,
        "untracked": untracked.iter().map(Instance::name).collect::<Vec<_>>(),
    }))
}
