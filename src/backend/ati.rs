//! ATI (Any Trajectory Instruction, Wan2.1-I2V-14B): per clip, one point track per entity,
//! the centre of its box at 121 samples spanning the clip, as the JSON string ComfyUI's
//! `WanTrackToVideo` (native) and `WanVideoATITracks` (kijai's wrapper) read (`tracks`,
//! `[[{"x","y"}…]…]` in pixels of the node's width×height).
//!
//! Sources (LAYOUT-BACKENDS.md §3, §4.2, §4.3, [L4], [L6], [L7]): bytedance/ATI@168b443
//! `wan/utils/motion.py` (`FIXED_LENGTH = 121` samples at 24 fps resampled to the 81 output
//! frames), `generate.py` (`frame_num` 81, 16 fps, `--size 832*480`); Comfy-Org/ComfyUI@679f171
//! `comfy_extras/nodes_wan.py` (`parse_json_tracks`, `pad_pts`: tracks zero-padded with
//! visibility 0 or truncated to 121; `process_tracks(…, length − 1)`: the 121 samples span the
//! whole clip whatever its `length`); the wrapper hard-codes 81 frames. The JSON has no
//! per-point visibility: a track that leaves the frame for good ends at its last visible
//! sample (the nodes pad the rest as invisible); only entities on screen at a clip's first
//! frame get a track (ATI copies features from frame 0), the others are listed as
//! `untracked`.

use serde_json::{Value, json};

use super::layout::ClipLayout;
use super::point_tracks::{PointTracks, clip_entry, points};
use super::{Backend, EmitError, Payload};
use crate::ir::{Clip, KeyframePlan};
use crate::target::{self, Profile};

/// Track samples per clip that ATI reads (its 24 fps time base).
const SAMPLES: u32 = 121;

/// ATI through ComfyUI's `WanTrackToVideo` (or the wrapper's `WanVideoATITracks`) at 832×480.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ati;

impl Backend for Ati {
    fn profile(&self) -> Profile {
        target::ATI
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        super::ensure_matches(&self.profile(), plan)?;
        let clips = plan
            .clips
            .iter()
            .map(|clip| clip_tracks(plan, clip))
            .collect::<Result<Vec<Value>, EmitError>>()?;
        Ok(Payload::Json(json!({
            "backend": "ati",
            "width": plan.width,
            "height": plan.height,
            "fps": plan.fps,
            "samples_per_track": SAMPLES,
            "nodes": "WanTrackToVideo(tracks, width, height, length = num_frames, start_image) (native) or WanVideoATITracks(tracks, width, height) (kijai's wrapper, 81 frames)",
            "note": "tracks holds one track per entity on screen at the clip's first frame, 121 {x, y} samples spanning the clip in pixels of width×height; a track that leaves the frame ends early and is padded invisible by the node; the start image must show each tracked entity at its first point",
            "clips": clips,
        })))
    }
}

/// One clip: its prompt and the tracks as the nodes' JSON string; a track that leaves the
/// frame for good ends at its last visible sample.
fn clip_tracks(plan: &KeyframePlan, clip: &Clip) -> Result<Value, EmitError> {
    let layout = ClipLayout::new(plan, clip);
    let tracks = PointTracks::sample(&layout, clip.start_frame, SAMPLES);
    let json_tracks: Vec<Vec<Value>> = tracks
        .samples
        .iter()
        .map(|samples| {
            let end = samples.iter().rposition(|s| s.visible).map_or(0, |i| i + 1);
            points(&samples[..end], plan.width, plan.height)
        })
        .collect();
    let fields = [("tracks", json!(serde_json::to_string(&json_tracks)?))];
    Ok(clip_entry(plan, clip, &tracks, fields))
}
