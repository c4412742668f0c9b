//! The point tracks that Wan-Move and ATI read: per clip, the centre of each entity's box
//! sampled at instants spanning the clip. Both copy a tracked entity's features from the
//! clip's first frame, so only instances on screen there get a track; the others are listed
//! as `untracked`.

use serde_json::{Map, Value, json};

use super::layout::{BoxSample, ClipLayout, Instance};
use crate::ir::{Clip, KeyframePlan};

/// One clip's tracks: who is tracked, each one's samples, and who is not.
pub(super) struct PointTracks<'a> {
    /// Instances on screen at the clip's first frame, in order of first appearance.
    pub tracked: Vec<Instance<'a>>,
    /// `samples[k]`: the boxes of `tracked[k]` at the sampled instants.
    pub samples: Vec<Vec<BoxSample>>,
    /// Instances of the clip that are off screen at its first frame.
    pub untracked: Vec<Instance<'a>>,
}

impl<'a> PointTracks<'a> {
    /// `n` samples per track, evenly spaced from the clip's first generated frame to its last.
    pub fn sample(layout: &ClipLayout<'a>, first_frame: u32, n: u32) -> Self {
        let first = f64::from(first_frame);
        let (tracked, untracked): (Vec<Instance>, Vec<Instance>) = layout
            .instances()
            .into_iter()
            .partition(|&i| layout.at(i, first).is_some_and(|s| s.visible));
        let span = f64::from(n.saturating_sub(1).max(1));
        let samples = tracked
            .iter()
            .map(|&instance| {
                (0..n)
                    .filter_map(|i| layout.at(instance, layout.frame_at(f64::from(i) / span)))
                    .collect()
            })
            .collect();
        Self {
            tracked,
            samples,
            untracked,
        }
    }
}

/// The `{x, y}` pixel points of a track's samples in a `width`×`height` frame.
pub(super) fn points(samples: &[BoxSample], width: u32, height: u32) -> Vec<Value> {
    samples
        .iter()
        .map(|s| {
            let (x, y) = s.centre_px(width, height);
            json!({"x": x, "y": y})
        })
        .collect()
}

/// A clip's entry: its frames, prompts, the tracks' names and the untracked instances, with
/// the backend's own track fields (`fields`) between them.
pub(super) fn clip_entry(
    plan: &KeyframePlan,
    clip: &Clip,
    tracks: &PointTracks<'_>,
    fields: impl IntoIterator<Item = (&'static str, Value)>,
) -> Value {
    let names =
        |instances: &[Instance<'_>]| instances.iter().map(|i| Value::String(i.name())).collect();
    let mut entry = Map::new();
    entry.insert("shot".into(), json!(clip.shot));
    entry.insert("start_frame".into(), json!(clip.start_frame));
    entry.insert("num_frames".into(), json!(clip.num_frames));
    entry.insert("trim_end".into(), json!(clip.trim_end));
    entry.insert("prompt".into(), json!(clip.prompt));
    entry.insert("negative_prompt".into(), json!(clip.negative_prompt));
    let first_prompt = plan.keyframes.get(clip.first_keyframe).map(|k| &k.prompt);
    entry.insert("start_image_prompt".into(), json!(first_prompt));
    entry.insert("track_names".into(), Value::Array(names(&tracks.tracked)));
    entry.extend(fields.into_iter().map(|(k, v)| (k.to_owned(), v)));
    entry.insert("untracked".into(), Value::Array(names(&tracks.untracked)));
    Value::Object(entry)
}
