//! Translation validation: does a keyframe plan show what its storyboard says?
//!
//! [`validate`] re-reads the storyboard's statements (cast, counts, relations, paths,
//! enter/exit windows, state changes) and looks for each in the plan's keyframes, on their
//! own terms: it shares no code with the lowering, only the IR types, so a lowering bug
//! cannot hide behind the code that made it. Every miss is a [`Finding`] with a code (see
//! [`codes`] and the README), the storyboard's JSON pointer and the keyframe.

mod camera;
pub mod codes;
mod entries;
mod geometry;
mod paths;
mod relations;
mod states;
mod timing;

use std::fmt;

use serde::Serialize;

use crate::ir::{KeyframePlan, Storyboard};

/// One statement of the storyboard the plan fails to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. "V0103"; see [`codes`].
    pub code: &'static str,
    /// JSON pointer of the statement in the storyboard, e.g. "/shots/0/actions/1/to".
    pub pointer: String,
    /// Index of the keyframe in the plan where it fails, when one keyframe shows it.
    pub keyframe: Option<usize>,
    /// Frame of that keyframe.
    pub frame: Option<u32>,
    /// What the plan fails to show, in one sentence.
    pub message: String,
}

impl Finding {
    fn new(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            pointer: pointer.into(),
            keyframe: None,
            frame: None,
            message: message.into(),
        }
    }

    fn at(mut self, plan: &KeyframePlan, keyframe: usize) -> Self {
        self.keyframe = Some(keyframe);
        self.frame = plan.keyframes.get(keyframe).map(|k| k.frame);
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.pointer)?;
        if let (Some(k), Some(frame)) = (self.keyframe, self.frame) {
            write!(f, " (keyframe {k}, frame {frame})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every statement of `storyboard` that `plan` fails to show, in storyboard order per check;
/// empty when the plan is faithful.
pub fn validate(storyboard: &Storyboard, plan: &KeyframePlan) -> Vec<Finding> {
    let mut out = Vec::new();
    let shots = timing::shots(storyboard, plan, &mut out);
    for shot in &shots {
        entries::check(storyboard, plan, shot, &mut out);
        relations::check(storyboard, plan, shot, &mut out);
        paths::check(storyboard, plan, shot, &mut out);
        states::check(plan, shot, &mut out);
    }
    for note in &plan.layout_notes {
        let mut f = Finding::new(
            codes::RELAXED,
            note.pointer.clone(),
            format!(
                "the layout relaxed this placement in shot `{}` at frames {:?}: {}",
                note.shot, note.frames, note.message
            ),
        );
        f.frame = note.frames.first().copied();
        f.keyframe = f
            .frame
            .and_then(|fr| plan.keyframes.iter().position(|k| k.frame == fr));
        out.push(f);
    }
    out
}
