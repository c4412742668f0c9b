//! When things happen: shot frame ranges, and the frames that become keyframes.

use std::collections::BTreeMap;

use crate::ir::{KeyframeReason, Shot, ShotSpan, Storyboard};

use super::LowerError;

/// Most frames a video may have; guards the `u32` frame arithmetic against absurd durations.
pub const MAX_TOTAL_FRAMES: u32 = 10_000_000;

/// The frame nearest to `time_s` at `fps`.
pub fn frame_at(time_s: f64, fps: f64) -> u32 {
    let f = (time_s * fps).round();
    if f <= 0.0 {
        0
    } else if f >= f64::from(MAX_TOTAL_FRAMES) {
        MAX_TOTAL_FRAMES
    } else {
        f as u32
    }
}

/// The frame range of every shot at `fps`: consecutive, each at least one frame long (the
/// durations are positive: the storyboard was checked).
pub fn shot_spans(storyboard: &Storyboard, fps: u32) -> Result<Vec<ShotSpan>, LowerError> {
    let fps = f64::from(fps);
    let mut spans = Vec::with_capacity(storyboard.shots.len());
    let mut start_s = 0.0;
    let mut start_frame = 0u32;
    for shot in &storyboard.shots {
        let end_s = start_s + shot.duration_s;
        if end_s * fps >= f64::from(MAX_TOTAL_FRAMES) {
            return Err(LowerError::TooLong {
                seconds: end_s,
                max_frames: MAX_TOTAL_FRAMES,
            });
        }
        let end_frame = frame_at(end_s, fps).max(start_frame + 1);
        spans.push(ShotSpan {
            id: shot.id.clone(),
            start_frame,
            end_frame,
            setting: shot.setting.clone(),
            transition: shot.transition,
        });
        start_s = end_s;
        start_frame = end_frame;
    }
    Ok(spans)
}

/// The frame of `t` seconds into a shot: the shot's first frame is 0 s and its last frame
/// is its full duration, so events at the shot's end land on its last frame.
pub fn frame_in_shot(span: &ShotSpan, duration_s: f64, t: f64) -> u32 {
    let last = span.end_frame.saturating_sub(span.start_frame + 1);
    if duration_s <= 0.0 || last == 0 {
        return span.start_frame;
    }
    let f = (t / duration_s * f64::from(last))
        .round()
        .clamp(0.0, f64::from(last));
    span.start_frame + f as u32
}

/// The inverse of [`frame_in_shot`]: seconds into the shot of one of its frames.
pub fn time_in_shot(span: &ShotSpan, duration_s: f64, frame: u32) -> f64 {
    let last = span.end_frame.saturating_sub(span.start_frame + 1);
    if last == 0 {
        return 0.0;
    }
    f64::from(frame.saturating_sub(span.start_frame)) / f64::from(last) * duration_s
}

/// The keyframes of one shot: frame → why. Shot start and last frame, every action and
/// camera move start and end, the given clip boundaries, then frames filled in so no gap
/// exceeds `interval_frames`.
pub fn shot_keyframes(
    shot: &Shot,
    span: &ShotSpan,
    clip_boundaries: &[u32],
    interval_frames: u32,
) -> BTreeMap<u32, Vec<KeyframeReason>> {
    let last = span.end_frame.saturating_sub(1).max(span.start_frame);
    let at = |t: f64| frame_in_shot(span, shot.duration_s, t);
    let mut keys: BTreeMap<u32, Vec<KeyframeReason>> = BTreeMap::new();
    let mut add = |frame: u32, reason: KeyframeReason| keys.entry(frame).or_default().push(reason);
    add(span.start_frame, KeyframeReason::ShotStart);
    add(last, KeyframeReason::ShotEnd);
    for a in &shot.actions {
        add(at(a.start_s), KeyframeReason::ActionStart);
        add(at(a.end_s), KeyframeReason::ActionEnd);
    }
    for m in &shot.camera {
        add(at(m.start_s), KeyframeReason::CameraStart);
        add(at(m.end_s), KeyframeReason::CameraEnd);
    }
    for &b in clip_boundaries {
        if (span.start_frame..=last).contains(&b) {
            add(b, KeyframeReason::ClipBoundary);
        }
    }
    let fixed: Vec<u32> = keys.keys().copied().collect();
    let interval = interval_frames.max(1);
    for pair in fixed.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = b - a;
        if gap > interval {
            let pieces = gap.div_ceil(interval);
            for k in 1..pieces {
                let f = a + (u64::from(gap) * u64::from(k) / u64::from(pieces)) as u32;
                keys.entry(f).or_default().push(KeyframeReason::Interval);
            }
        }
    }
    for reasons in keys.values_mut() {
        reasons.sort();
        reasons.dedup();
    }
    keys
}
