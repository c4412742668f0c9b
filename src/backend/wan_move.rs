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

use super::layout::ClipLayout;
use super::point_tracks::{PointTracks, clip_entry, points};
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

/// One clip: its prompt, the tracks as the node's JSON string (a sample every generated
/// frame), their visibility.
fn clip_tracks(plan: &KeyframePlan, clip: &Clip) -> Result<Value, EmitError> {
    let layout = ClipLayout::new(plan, clip);
    let tracks = PointTracks::sample(&layout, clip.start_frame, clip.num_frames);
    let coords: Vec<Vec<Value>> = (tracks.samples.iter())
        .map(|samples| points(samples, plan.width, plan.height))
        .collect();
    let visibility: Vec<Vec<bool>> = (tracks.samples.iter())
        .map(|samples| samples.iter().map(|s| s.visible).collect())
        .collect();
    let fields = [
        ("track_coords", json!(serde_json::to_string(&coords)?)),
        ("track_visibility", json!(visibility)),
    ];
    Ok(clip_entry(plan, clip, &tracks, fields))
}
