//! Storyboard → KeyframePlan: keyframe times, boxes, camera poses, prompts, clip splits.
//! Pure and synchronous: no I/O, no clock, no randomness.
//!
//! One file per job: [`timeline`] (shot frame ranges and keyframe frames), [`clips`]
//! (clip splitting under a frame-count rule), `blocking` (who is where at an instant: cast,
//! waypoints, targets), [`layout`] (the solver that places every box of an instant
//! together), [`boxes`] (box geometry and re-projection), `words` (placement words from the
//! solved layout), [`camera`]
//! (moves → poses; the axis and sign conventions are documented there), [`easing`],
//! [`phase`] (an action's wording at an instant), [`prompt`] (prompt clauses) and [`tokens`]
//! (token estimate and budget trimming).

mod blocking;
pub mod boxes;
pub mod camera;
pub mod clips;
pub mod easing;
pub mod layout;
pub mod phase;
pub mod prompt;
mod states;
pub mod timeline;
pub mod tokens;
mod track;
mod words;

use thiserror::Error;

use crate::check::CheckedStoryboard;
use crate::ir::{
    CameraFrame, CameraSample, Clip, Easing, EntityFrame, Keyframe, KeyframePlan, LayoutNote,
    MoveKind, PLAN_SCHEMA_VERSION, Shot, ShotSpan, Storyboard,
};
use crate::target::{Conditioning, Profile};

use blocking::ShotLayout;
use boxes::BoxN;
use camera::ShotCamera;
use prompt::EntityMoment;
use states::StateTimeline;

/// Knobs of the lowering.
#[derive(Debug, Clone, PartialEq)]
pub struct LowerOptions {
    /// Longest gap between two keyframes, in seconds.
    pub keyframe_interval_s: f64,
    /// Easing of camera moves and entity paths.
    pub easing: Easing,
}

impl Default for LowerOptions {
    fn default() -> Self {
        Self {
            keyframe_interval_s: 1.0,
            easing: Easing::EaseInOut,
        }
    }
}

/// Why a storyboard could not be lowered.
#[derive(Debug, Error, PartialEq)]
pub enum LowerError {
    /// The video would have more frames than the lowering handles.
    #[error(
        "the video is {seconds} s long, over {max_frames} frames at this backend's fps; shorten the storyboard"
    )]
    TooLong {
        /// Total length in seconds.
        seconds: f64,
        /// Frame limit.
        max_frames: u32,
    },
    /// The keyframe interval is not a positive number.
    #[error(
        "the keyframe interval is {0} s; pass a positive number of seconds (--keyframe-interval)"
    )]
    BadInterval(f64),
    /// The profile's frame rate is zero.
    #[error("backend `{0}` has a frame rate of 0 fps")]
    ZeroFps(String),
}

/// Lowers a checked storyboard for a backend profile. The storyboard's times and durations
/// are known good ([`CheckedStoryboard`]); only the profile and the options are validated.
pub fn lower(
    checked: &CheckedStoryboard,
    profile: &Profile,
    options: &LowerOptions,
) -> Result<KeyframePlan, LowerError> {
    let storyboard = checked.storyboard();
    if profile.fps == 0 {
        return Err(LowerError::ZeroFps(profile.name.to_string()));
    }
    let interval = options.keyframe_interval_s;
    if !interval.is_finite() || interval <= 0.0 {
        return Err(LowerError::BadInterval(interval));
    }
    let fps = f64::from(profile.fps);
    let spans = timeline::shot_spans(storyboard, profile.fps)?;
    let interval_frames = timeline::frame_at(interval, fps).max(1);
    let states = StateTimeline::new(storyboard);
    let aspect = f64::from(profile.width) / f64::from(profile.height.max(1));
    let mut keyframes = Vec::new();
    let mut clips = Vec::new();
    let mut camera_track = Vec::new();
    let per_frame_camera = profile
        .conditioning
        .iter()
        .any(|c| matches!(c, Conditioning::CameraPoses | Conditioning::MotionSchedule));
    let mut layout_notes: Vec<LayoutNote> = Vec::new();
    // The same for every keyframe and clip: trimmed to the budget once.
    let negative = negative_prompt(profile);
    let mut shot_start_s = 0.0;
    for (shot, span) in storyboard.shots.iter().zip(&spans) {
        let ctx = ShotContext::new(storyboard, shot, span, options.easing, aspect, shot_start_s);
        let clip_spans = clips::split_shot(span, profile);
        let boundaries: Vec<u32> = clip_spans.iter().skip(1).map(|c| c.start_frame).collect();
        let first_index = keyframes.len();
        for (frame, reasons) in timeline::shot_keyframes(shot, span, &boundaries, interval_frames) {
            let (keyframe, relaxed) =
                ctx.keyframe(frame, reasons, fps, profile, &states, &negative);
            for (pointer, message) in relaxed {
                note(&mut layout_notes, &shot.id, frame, pointer, message);
            }
            keyframes.push(keyframe);
        }
        let index_of = |frame: u32| {
            keyframes[first_index..]
                .iter()
                .rposition(|k| k.frame <= frame)
                .map_or(first_index, |i| first_index + i)
        };
        for c in &clip_spans {
            let last_in_shot = c.last_frame().min(span.end_frame.saturating_sub(1));
            let t0 = timeline::time_in_shot(span, shot.duration_s, c.start_frame);
            let t1 = timeline::time_in_shot(span, shot.duration_s, last_in_shot);
            let phrases = ctx.clip_phrases(&states, t0, t1);
            clips.push(Clip {
                shot: shot.id.clone(),
                start_frame: c.start_frame,
                num_frames: c.num_frames,
                prompt: tokens::fit(&phrases, profile.tokenizer, profile.prompt_token_limit),
                negative_prompt: negative.clone(),
                trim_end: c.trim_end,
                first_keyframe: index_of(c.start_frame),
                last_keyframe: index_of(last_in_shot),
            });
        }
        if per_frame_camera {
            camera_track.extend(ctx.camera_samples());
        }
        shot_start_s += shot.duration_s;
    }
    Ok(KeyframePlan {
        schema_version: PLAN_SCHEMA_VERSION.into(),
        backend: profile.name.into(),
        title: storyboard.title.clone(),
        fps: profile.fps,
        width: profile.width,
        height: profile.height,
        total_frames: spans.last().map_or(0, |s| s.end_frame),
        keyframes,
        clips,
        shots: spans,
        easing: options.easing,
        keyframe_interval_s: interval,
        camera_track,
        layout_notes,
    })
}

/// Records that the placement at `pointer` was relaxed at `frame`.
fn note(notes: &mut Vec<LayoutNote>, shot: &str, frame: u32, pointer: String, message: String) {
    match notes.iter_mut().find(|n| n.pointer == pointer) {
        Some(n) => n.frames.push(frame),
        None => notes.push(LayoutNote {
            pointer,
            shot: shot.to_string(),
            frames: vec![frame],
            message,
        }),
    }
}

/// The negative prompt within the profile's budget.
pub fn negative_prompt(profile: &Profile) -> String {
    let text = tokens::fit(
        &prompt::negative_phrases(),
        profile.tokenizer,
        profile.prompt_token_limit,
    );
    text.trim_end_matches('.').to_string()
}

/// Everything about one shot the keyframes share.
struct ShotContext<'a> {
    storyboard: &'a Storyboard,
    shot: &'a Shot,
    span: &'a ShotSpan,
    layout: ShotLayout<'a>,
    camera: ShotCamera<'a>,
    cam0: camera::CameraState,
    targets: Vec<&'a str>,
    words: prompt::ShotWords,
    start_s: f64,
    /// Times of the shot's events (start, end, action and camera bounds), seconds.
    events: Vec<f64>,
}

impl<'a> ShotContext<'a> {
    fn new(
        storyboard: &'a Storyboard,
        shot: &'a Shot,
        span: &'a ShotSpan,
        easing: Easing,
        aspect: f64,
        start_s: f64,
    ) -> Self {
        let layout = ShotLayout::new(storyboard, shot, easing, aspect);
        let targets: Vec<&str> = shot
            .camera
            .iter()
            .filter_map(|m| m.target.as_deref())
            .collect();
        let camera = track::shot_camera(shot, &layout, easing, aspect);
        let cam0 = camera.initial();
        let mut events = vec![0.0, shot.duration_s];
        for a in &shot.actions {
            events.extend([a.start_s, a.end_s]);
        }
        for m in &shot.camera {
            events.extend([m.start_s, m.end_s]);
        }
        Self {
            storyboard,
            shot,
            span,
            layout,
            camera,
            cam0,
            targets,
            words: prompt::ShotWords::new(storyboard, shot),
            start_s,
            events,
        }
    }

    fn keyframe(
        &self,
        frame: u32,
        reasons: Vec<crate::ir::KeyframeReason>,
        fps: f64,
        profile: &Profile,
        states: &StateTimeline<'a>,
        negative: &str,
    ) -> (Keyframe, Vec<(String, String)>) {
        let t = self.snap(timeline::time_in_shot(
            self.span,
            self.shot.duration_s,
            frame,
        ));
        let cam = self.camera.at(t);
        let snap = self.layout.solve(t);
        let projected = self.project(&snap, &cam);
        let mut entities = Vec::with_capacity(self.layout.ids.len());
        let mut moments = Vec::with_capacity(self.layout.ids.len());
        for (i, &id) in self.layout.ids.iter().enumerate() {
            let Some(entity) = self.storyboard.entity(id) else {
                continue;
            };
            let active = active_action(self.shot, id, t);
            let action = active.map(|(j, p)| (&self.shot.actions[j], p));
            let state = states.at(id, self.start_s + t);
            let n = projected[i].len();
            let mut any_visible = false;
            for (k, b) in projected[i].iter().enumerate() {
                let bbox = boxes::round_box(boxes::clip(b));
                let visible = snap.present[i] && boxes::is_visible(&bbox);
                any_visible |= visible;
                entities.push(EntityFrame {
                    id: id.to_string(),
                    instance: (n > 1).then_some(k as u32),
                    bbox,
                    action: action.map(|(a, _)| a.verb.clone()),
                    progress: action.map_or(0.0, |(_, p)| round4(p)),
                    state: state.as_ref().map(|s| {
                        let p = action.map_or(1.0, |(_, p)| p);
                        s.label(p)
                    }),
                    visible,
                });
            }
            if !any_visible {
                continue;
            }
            let solved = blocking::union(&snap.instances[i]);
            moments.push(EntityMoment {
                description: prompt::counted(entity),
                state,
                phase: active.and_then(|(j, p)| self.words.phase(j, p)),
                placement: words::placement(
                    self.storyboard,
                    self.layout.pose(id, t),
                    &solved,
                    snap.relaxed_member[i],
                ),
            });
        }
        let active = self.camera.active(t);
        let move_index =
            active.and_then(|(m, _)| self.shot.camera.iter().position(|c| std::ptr::eq(c, m)));
        let phrases = self.words.keyframe_phrases(&moments, move_index);
        let pose = cam.pose().map(|row| row.map(round6));
        let keyframe = Keyframe {
            frame,
            time_s: round6(f64::from(frame) / fps),
            shot: self.shot.id.clone(),
            prompt: tokens::fit(&phrases, profile.tokenizer, profile.prompt_token_limit),
            negative_prompt: negative.to_string(),
            entities,
            camera: CameraFrame {
                kind: active.map_or(MoveKind::Static, |(m, _)| m.kind),
                direction: active.and_then(|(m, _)| m.direction),
                progress: active.map_or(0.0, |(_, p)| round4(p)),
                pose,
                fx: round6(cam.fx),
                fy: round6(cam.fy),
            },
            reasons,
        };
        (keyframe, snap.relaxed)
    }

    /// The solved boxes seen through the camera `cam`. Members tied by a relation move as
    /// one group (one depth, or, around the camera's target, one scale about its centre), so
    /// the camera cannot break what the layout solved.
    fn project(&self, snap: &blocking::Snapshot, cam: &camera::CameraState) -> Vec<Vec<BoxN>> {
        let n = self.layout.ids.len();
        let group = groups(n, &snap.links);
        let rows: Vec<BoxN> = snap.instances.iter().map(|v| blocking::union(v)).collect();
        let depth: Vec<f64> = (0..n)
            .map(|i| {
                boxes::depth_of(
                    &rows[i],
                    self.layout.world_height(self.layout.ids[i]),
                    &self.cam0,
                )
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let members: Vec<usize> = (0..n).filter(|&j| group[j] == group[i]).collect();
            let target = members
                .iter()
                .copied()
                .find(|&j| self.targets.contains(&self.layout.ids[j]));
            // The group moves as one: its reference box (the camera's target, else the
            // group's union) is re-projected and every member follows by the same shift
            // and scale, so the relations the solver made hold through the camera move.
            let (reference, depth_ref, keep) = match target {
                Some(j) => (rows[j], depth[j], true),
                None => {
                    let union =
                        blocking::union(&members.iter().map(|&j| rows[j]).collect::<Vec<_>>());
                    let d = members.iter().map(|&j| depth[j]).sum::<f64>() / members.len() as f64;
                    (union, d, false)
                }
            };
            let p = boxes::project(&reference, depth_ref, &self.cam0, cam, keep);
            let f = (p[3] - p[1]) / (reference[3] - reference[1]).max(1e-9);
            let (cx, cy) = (
                (reference[0] + reference[2]) / 2.0,
                (reference[1] + reference[3]) / 2.0,
            );
            let (px, py) = ((p[0] + p[2]) / 2.0, (p[1] + p[3]) / 2.0);
            let boxes_i: Vec<BoxN> = snap.instances[i]
                .iter()
                .map(|b| {
                    [
                        px + (b[0] - cx) * f,
                        py + (b[1] - cy) * f,
                        px + (b[2] - cx) * f,
                        py + (b[3] - cy) * f,
                    ]
                })
                .collect();
            out.push(boxes_i);
        }
        out
    }

    /// `t` moved onto the shot event it is within half a frame of, so a keyframe placed for
    /// an event sees that event exactly (an action that ends there has ended).
    fn snap(&self, t: f64) -> f64 {
        let frames = self
            .span
            .end_frame
            .saturating_sub(self.span.start_frame + 1)
            .max(1);
        let half = self.shot.duration_s / f64::from(frames) / 2.0;
        self.events
            .iter()
            .copied()
            .filter(|e| (e - t).abs() <= half + 1e-9)
            .min_by(|a, b| (a - t).abs().total_cmp(&(b - t).abs()))
            .unwrap_or(t)
    }

    /// The camera at every frame of the shot.
    fn camera_samples(&self) -> impl Iterator<Item = CameraSample> + '_ {
        (self.span.start_frame..self.span.end_frame).map(|frame| {
            let t = timeline::time_in_shot(self.span, self.shot.duration_s, frame);
            let cam = self.camera.at(t);
            CameraSample {
                pose: cam.pose(),
                fx: cam.fx,
                fy: cam.fy,
            }
        })
    }

    /// The clip prompt's clauses for the entities on screen at some time in `[t0, t1]`.
    fn clip_phrases(&self, states: &StateTimeline<'a>, t0: f64, t1: f64) -> Vec<tokens::Phrase> {
        let ids: Vec<&str> = self
            .layout
            .ids
            .iter()
            .copied()
            .filter(|id| self.layout.on_screen_during(id, t0, t1))
            .collect();
        let ends: Vec<_> = ids
            .iter()
            .map(|id| {
                (
                    states.at(id, self.start_s + t0),
                    states.at(id, self.start_s + t1),
                )
            })
            .collect();
        prompt::clip_phrases(self.storyboard, self.shot, &ids, &ends, t0, t1)
    }
}

/// The group number of each of `n` members when `links` tie pairs of them together.
fn groups(n: usize, links: &[(usize, usize)]) -> Vec<usize> {
    let mut group: Vec<usize> = (0..n).collect();
    loop {
        let mut changed = false;
        for &(a, b) in links {
            let g = group[a].min(group[b]);
            if group[a] != g || group[b] != g {
                group[a] = g;
                group[b] = g;
                changed = true;
            }
        }
        if !changed {
            return group;
        }
    }
}

/// The index of the action `id` is doing (or undergoing, as its affected object) at `t`
/// (the latest started when several touch `t`) and its linear progress.
fn active_action(shot: &Shot, id: &str, t: f64) -> Option<(usize, f64)> {
    shot.actions
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let acts = a.entity == id || a.object.as_ref().is_some_and(|o| o.entity == id);
            acts && a.start_s <= t && t <= a.end_s
        })
        .max_by(|(_, a), (_, b)| a.start_s.total_cmp(&b.start_s))
        .map(|(j, a)| (j, easing::progress(t, a.start_s, a.end_s)))
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

fn round6(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}
