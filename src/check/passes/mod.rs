//! The semantic passes. Each only reports; none changes the storyboard (see
//! [`super::fixes`] for that). [`run_all`] runs them in a fixed order so the output is
//! deterministic.

mod camera_direction;
pub(crate) mod contradictions;
pub(crate) mod durations;
mod ids;
pub(crate) mod limits;
mod placement;
mod references;
mod structure;
pub(crate) mod timing;
pub(crate) mod usage;

use super::Diagnostic;
use super::path;
use crate::ir::{Shot, Storyboard};

/// Runs every pass. The limits pass runs first and, when it finds anything, is the only
/// one that runs: the others may be quadratic in a shot's contents.
pub(crate) fn run_all(storyboard: &Storyboard) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    limits::run(storyboard, &mut out);
    if out.iter().any(Diagnostic::is_error) {
        return out;
    }
    structure::run(storyboard, &mut out);
    ids::run(storyboard, &mut out);
    references::run(storyboard, &mut out);
    timing::run(storyboard, &mut out);
    durations::run(storyboard, &mut out);
    contradictions::run(storyboard, &mut out);
    camera_direction::run(storyboard, &mut out);
    placement::run(storyboard, &mut out);
    usage::run(storyboard, &mut out);
    out
}

/// A time interval inside a shot: an action's or a camera move's.
pub(crate) struct Interval {
    /// JSON pointer of the action or camera move.
    pub path: String,
    /// "action" or "camera move", for messages.
    pub what: &'static str,
    /// Start in seconds from the shot start.
    pub start_s: f64,
    /// End in seconds from the shot start.
    pub end_s: f64,
}

/// Every interval of shot `s`: its actions, then its camera moves.
pub(crate) fn intervals(s: usize, shot: &Shot) -> impl Iterator<Item = Interval> + '_ {
    let actions = shot
        .actions
        .iter()
        .enumerate()
        .map(move |(a, action)| Interval {
            path: path::action(s, a),
            what: "action",
            start_s: action.start_s,
            end_s: action.end_s,
        });
    let moves = shot.camera.iter().enumerate().map(move |(c, mv)| Interval {
        path: path::camera(s, c),
        what: "camera move",
        start_s: mv.start_s,
        end_s: mv.end_s,
    });
    actions.chain(moves)
}

/// Whether `[a0, a1]` and `[b0, b1]` share a stretch of positive length.
pub(crate) fn overlap(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    a0.max(b0) < a1.min(b1)
}

/// Whether a duration is usable: finite and positive.
pub(crate) fn valid_duration(d: f64) -> bool {
    d.is_finite() && d > 0.0
}

#[cfg(test)]
pub(crate) mod test_support {
    //! A small valid storyboard for the passes' unit tests to break one thing in.

    use crate::ir::Storyboard;

    /// The panda example: valid, one shot, one entity, three actions.
    pub(crate) fn panda() -> Storyboard {
        serde_json::from_str(include_str!("../../../examples/panda.json"))
            .unwrap_or_else(|e| panic!("examples/panda.json parses: {e}"))
    }

    /// Codes of the diagnostics, in order.
    pub(crate) fn codes(diagnostics: &[crate::check::Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.code.as_str()).collect()
    }
}
