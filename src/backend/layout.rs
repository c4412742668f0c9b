//! Entity boxes at any frame of a clip, for the layout and trajectory emitters (Wan-Move,
//! ATI, LVD): the plan's keyframe boxes interpolated linearly between the two keyframes of
//! the shot around the frame (LAYOUT-BACKENDS.md §8.1: resample the keyframes onto the
//! target's own time grid). Reads the plan only.

use crate::ir::{Clip, EntityFrame, Keyframe, KeyframePlan};

/// An entity's box and visibility at one instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct BoxSample {
    /// Normalized `[x0, y0, x1, y1]`.
    pub bbox: [f64; 4],
    /// Whether any of the box is on screen.
    pub visible: bool,
}

impl BoxSample {
    /// The box centre in pixels of a `width`×`height` frame, clamped into the frame.
    pub fn centre_px(&self, width: u32, height: u32) -> (i64, i64) {
        let px = |v: f64, size: u32| {
            let max = f64::from(size.saturating_sub(1));
            (v * f64::from(size)).clamp(0.0, max).round() as i64
        };
        let b = self.bbox;
        (
            px((b[0] + b[2]) / 2.0, width),
            px((b[1] + b[3]) / 2.0, height),
        )
    }
}

/// One instance of an entity: its id and, when its count is above 1, its 0-based index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Instance<'a> {
    /// Entity id.
    pub id: &'a str,
    /// Index among the entity's instances (`None` for a single instance).
    pub index: Option<u32>,
}

impl Instance<'_> {
    /// A display name: `red_ball` → `red ball`, instance 1 of `cat` → `cat 2`.
    pub fn name(&self) -> String {
        let words: Vec<&str> = self
            .id
            .split(['_', '-'])
            .filter(|w| !w.is_empty())
            .collect();
        let noun = words.join(" ");
        match self.index {
            Some(i) => format!("{noun} {}", i + 1),
            None => noun,
        }
    }

    fn of(e: &EntityFrame) -> Instance<'_> {
        Instance {
            id: &e.id,
            index: e.instance,
        }
    }
}

/// The keyframes of one clip's shot and the clip's frame range.
pub(super) struct ClipLayout<'a> {
    keyframes: Vec<&'a Keyframe>,
    clip: &'a Clip,
}

impl<'a> ClipLayout<'a> {
    /// The layout of `clip`, one of `plan`'s clips.
    pub fn new(plan: &'a KeyframePlan, clip: &'a Clip) -> Self {
        let keyframes = plan
            .keyframes
            .iter()
            .filter(|k| k.shot == clip.shot)
            .collect();
        Self { keyframes, clip }
    }

    /// The clip's last frame inside its shot (frames after it are padding to trim).
    pub fn last_frame(&self) -> u32 {
        let last = self.clip.start_frame + self.clip.num_frames.saturating_sub(1);
        last.saturating_sub(self.clip.trim_end)
            .max(self.clip.start_frame)
    }

    /// The video frame at position `u` ∈ [0, 1] along the clip's generated frames (first to
    /// last); frames in the padding past the shot hold the shot's last frame.
    pub fn frame_at(&self, u: f64) -> f64 {
        let span = f64::from(self.clip.num_frames.saturating_sub(1));
        let frame = f64::from(self.clip.start_frame) + u.clamp(0.0, 1.0) * span;
        frame.min(f64::from(self.last_frame()))
    }

    /// Every entity instance that has an entry in one of the clip's keyframes, in order of
    /// first appearance.
    pub fn instances(&self) -> Vec<Instance<'a>> {
        let (first, last) = (self.clip.start_frame, self.last_frame());
        let mut out: Vec<Instance<'a>> = Vec::new();
        let in_clip = |k: &&&'a Keyframe| first <= k.frame && k.frame <= last;
        for k in self.keyframes.iter().filter(in_clip) {
            for e in &k.entities {
                let instance = Instance::of(e);
                if !out.contains(&instance) {
                    out.push(instance);
                }
            }
        }
        out
    }

    /// `instance` at video frame `frame` (fractional), interpolated between the keyframes
    /// around it; `None` when no keyframe of the shot has it.
    pub fn at(&self, instance: Instance<'_>, frame: f64) -> Option<BoxSample> {
        let entry = |k: &&'a Keyframe| -> Option<&'a EntityFrame> {
            k.entities.iter().find(|e| Instance::of(e) == instance)
        };
        let before = self
            .keyframes
            .iter()
            .rev()
            .find(|k| f64::from(k.frame) <= frame)
            .and_then(|k| entry(k).map(|e| (k.frame, e)));
        let after = self
            .keyframes
            .iter()
            .find(|k| f64::from(k.frame) >= frame)
            .and_then(|k| entry(k).map(|e| (k.frame, e)));
        let sample = |e: &EntityFrame| BoxSample {
            bbox: e.bbox,
            visible: e.visible,
        };
        match (before, after) {
            (Some((f0, a)), Some((f1, b))) if a.visible == b.visible && f1 > f0 => {
                let u = (frame - f64::from(f0)) / f64::from(f1 - f0);
                Some(BoxSample {
                    bbox: std::array::from_fn(|i| a.bbox[i] + u * (b.bbox[i] - a.bbox[i])),
                    visible: a.visible,
                })
            }
            // Visibility changes between the two keyframes: the nearer one holds.
            (Some((f0, a)), Some((f1, b))) => {
                Some(if frame - f64::from(f0) <= f64::from(f1) - frame {
                    sample(a)
                } else {
                    sample(b)
                })
            }
            (Some((_, e)), None) | (None, Some((_, e))) => Some(sample(e)),
            (None, None) => None,
        }
    }
}
