//! Splitting shots into generation clips that obey a backend's frame-count rule.

use crate::ir::ShotSpan;
use crate::target::Profile;

/// One clip's frames before prompts are attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClipSpan {
    /// First frame.
    pub start_frame: u32,
    /// Frame count, obeying the rule.
    pub num_frames: u32,
    /// Frames past the shot's last frame.
    pub trim_end: u32,
}

impl ClipSpan {
    /// The clip's last frame (inclusive).
    pub fn last_frame(&self) -> u32 {
        self.start_frame + self.num_frames - 1
    }
}

/// Splits one shot into clips: as few as the maximum length allows, spans as even as the
/// rule allows, consecutive clips sharing their boundary frame (the last frame of one is the
/// first of the next) so continuity holds. The last clip may run past the shot; `trim_end`
/// says by how much.
pub fn split_shot(span: &ShotSpan, profile: &Profile) -> Vec<ClipSpan> {
    let rule = profile.frame_rule;
    let step = rule.span_step();
    // A clip of n frames spans n - 1 frame intervals; the shot spans its length - 1.
    let shot_span = span.end_frame.saturating_sub(span.start_frame + 1);
    let max_span = profile
        .max_clip_frames()
        .map(|m| m.saturating_sub(1).max(1))
        .unwrap_or(u32::MAX);
    let min_span = match rule {
        crate::target::FrameRule::Any => 0,
        _ => step,
    };
    let count = shot_span.div_ceil(max_span).max(1);
    let even = shot_span.div_ceil(count);
    let clip_span = even
        .div_ceil(step)
        .saturating_mul(step)
        .clamp(min_span, max_span);
    let clip_span = match rule {
        crate::target::FrameRule::Fixed { frames } => frames.saturating_sub(1),
        _ => clip_span,
    };
    let count = if clip_span == 0 {
        1
    } else {
        shot_span.div_ceil(clip_span).max(1)
    };
    (0..count)
        .map(|k| {
            let start_frame = span.start_frame + k * clip_span;
            let covered_to = start_frame + clip_span;
            let shot_last = span.start_frame + shot_span;
            ClipSpan {
                start_frame,
                num_frames: clip_span + 1,
                trim_end: covered_to.saturating_sub(shot_last),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Transition;
    use crate::target::WAN;

    fn span(start: u32, end: u32) -> ShotSpan {
        ShotSpan {
            id: "s1".into(),
            start_frame: start,
            end_frame: end,
            setting: String::new(),
            transition: Transition::Cut,
        }
    }

    #[test]
    fn a_twenty_second_wan_shot_splits_into_continuous_81_frame_clips() {
        let clips = split_shot(&span(0, 320), &WAN);
        assert_eq!(clips.len(), 4);
        for pair in clips.windows(2) {
            assert_eq!(pair[0].last_frame(), pair[1].start_frame);
        }
        assert!(
            clips
                .iter()
                .all(|c| (c.num_frames - 1) % 4 == 0 && c.num_frames <= 81)
        );
        let last = clips[clips.len() - 1];
        assert_eq!(last.last_frame() - last.trim_end, 319);
    }

    #[test]
    fn a_short_shot_gets_one_minimal_clip() {
        let clips = split_shot(&span(10, 12), &WAN);
        assert_eq!(clips.len(), 1);
        assert_eq!(clips[0].num_frames, 5);
        assert_eq!(clips[0].trim_end, 3);
    }
}
