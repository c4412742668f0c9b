//! Which keyframes belong to which shot, and which keyframe shows a shot-relative time.

use crate::ir::{KeyframePlan, Shot, ShotSpan, Storyboard};

use super::camera::{self, Lens};
use super::{Finding, codes};

/// One shot of the storyboard with its frames in the plan.
pub struct ShotView<'a> {
    /// Index of the shot in the storyboard.
    pub index: usize,
    /// The shot.
    pub shot: &'a Shot,
    /// Its frame range in the plan.
    pub span: &'a ShotSpan,
    /// Indices of its keyframes in the plan, in frame order.
    pub keyframes: Vec<usize>,
}

impl ShotView<'_> {
    /// The frame of `t` seconds into the shot (its first frame is 0 s, its last the full
    /// duration).
    pub fn frame_at(&self, t: f64) -> u32 {
        let last = self
            .span
            .end_frame
            .saturating_sub(self.span.start_frame + 1);
        if self.shot.duration_s <= 0.0 || last == 0 {
            return self.span.start_frame;
        }
        let f = (t / self.shot.duration_s * f64::from(last))
            .round()
            .clamp(0.0, f64::from(last));
        self.span.start_frame + f as u32
    }

    /// Seconds into the shot of one of its frames.
    pub fn time_of(&self, frame: u32) -> f64 {
        let last = self
            .span
            .end_frame
            .saturating_sub(self.span.start_frame + 1);
        if last == 0 {
            return 0.0;
        }
        f64::from(frame.saturating_sub(self.span.start_frame)) / f64::from(last)
            * self.shot.duration_s
    }

    /// Half a frame of this shot, in seconds.
    pub fn half_frame(&self) -> f64 {
        let frames = self
            .span
            .end_frame
            .saturating_sub(self.span.start_frame + 1)
            .max(1);
        self.shot.duration_s / f64::from(frames) / 2.0
    }

    /// The plan index of the keyframe at the frame of `t`, if there is one.
    pub fn keyframe_at(&self, plan: &KeyframePlan, t: f64) -> Option<usize> {
        let frame = self.frame_at(t);
        self.keyframes
            .iter()
            .copied()
            .find(|&k| plan.keyframes[k].frame == frame)
    }

    /// The camera at the shot's first keyframe, whose screen the storyboard's placements
    /// speak of.
    pub fn start_lens(&self, plan: &KeyframePlan) -> Option<Lens> {
        self.keyframes
            .first()
            .map(|&k| Lens::of(&plan.keyframes[k].camera))
    }

    /// Whether every one of `boxes` (hidden entries at keyframe `k`) went out of the frame
    /// by an edge the camera's move since the shot's start carries things across.
    pub fn hidden_by_camera(&self, plan: &KeyframePlan, k: usize, boxes: &[[f64; 4]]) -> bool {
        let Some(start) = self.start_lens(plan) else {
            return false;
        };
        let now = Lens::of(&plan.keyframes[k].camera);
        !boxes.is_empty()
            && boxes
                .iter()
                .all(|b| camera::explains_hidden(&start, &now, b))
    }
}

/// The shots paired with the plan's shot spans and keyframes; a mismatch is reported and
/// the shots that cannot be paired are left out.
pub fn shots<'a>(
    storyboard: &'a Storyboard,
    plan: &'a KeyframePlan,
    out: &mut Vec<Finding>,
) -> Vec<ShotView<'a>> {
    if plan.shots.len() != storyboard.shots.len() {
        out.push(Finding::new(
            codes::SHOTS_MISMATCH,
            "/shots",
            format!(
                "the storyboard has {} shots but the plan {}",
                storyboard.shots.len(),
                plan.shots.len()
            ),
        ));
    }
    let mut views = Vec::new();
    for (index, (shot, span)) in storyboard.shots.iter().zip(&plan.shots).enumerate() {
        if shot.id != span.id {
            out.push(Finding::new(
                codes::SHOTS_MISMATCH,
                format!("/shots/{index}/id"),
                format!("shot `{}` is `{}` in the plan", shot.id, span.id),
            ));
            continue;
        }
        let keyframes = plan
            .keyframes
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                k.shot == shot.id && (span.start_frame..span.end_frame).contains(&k.frame)
            })
            .map(|(i, _)| i)
            .collect();
        views.push(ShotView {
            index,
            shot,
            span,
            keyframes,
        });
    }
    views
}
