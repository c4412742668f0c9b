//! The semantic passes. Each only reports; none changes the storyboard (see
//! [`super::fixes`] for that). [`run_all`] runs them in a fixed order so the output is
//! deterministic.

mod camera_direction;
pub(crate) mod cast;
pub(crate) mod contradictions;
mod counts;
pub(crate) mod durations;
mod ids;
pub(crate) mod limits;
mod objects;
mod placement;
mod references;
mod structure;
pub(crate) mod timing;
pub(crate) mod usage;

use super::Diagnostic;
use super::path;
use crate::ir::{Placement, Shot, Storyboard};

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
    counts::run(storyboard, &mut out);
    references::run(storyboard, &mut out);
    cast::run(storyboard, &mut out);
    timing::run(storyboard, &mut out);
    durations::run(storyboard, &mut out);
    contradictions::run(storyboard, &mut out);
    camera_direction::run(storyboard, &mut out);
    placement::run(storyboard, &mut out);
    objects::run(storyboard, &mut out);
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

/// Every placement of shot `s`: its JSON pointer, its field name ("placement", "from",
/// "to"), the placement and the id of the entity it places. Cast placements first, then each
/// action's `from` and `to` and its affected object's `to`.
pub(crate) fn placements(s: usize, shot: &Shot) -> Vec<(String, &'static str, &Placement, &str)> {
    let mut out = Vec::new();
    for (c, member) in shot.cast.iter().enumerate() {
        if let Some(p) = &member.placement {
            let pointer = path::field(&path::cast(s, c), "placement");
            out.push((pointer, "placement", p, member.entity.as_str()));
        }
    }
    for (a, action) in shot.actions.iter().enumerate() {
        let base = path::action(s, a);
        for (name, p) in [("from", &action.from), ("to", &action.to)] {
            if let Some(p) = p {
                out.push((path::field(&base, name), name, p, action.entity.as_str()));
            }
        }
        if let Some(object) = &action.object
            && let Some(p) = &object.to
        {
            let pointer = path::field(&path::field(&base, "object"), "to");
            out.push((pointer, "to", p, object.entity.as_str()));
        }
    }
    out
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

    /// The diagnostics one pass (`run`) finds in `sb`.
    pub(crate) fn run_pass(
        run: fn(&Storyboard, &mut Vec<crate::check::Diagnostic>),
        sb: &Storyboard,
    ) -> Vec<crate::check::Diagnostic> {
        let mut out = Vec::new();
        run(sb, &mut out);
        out
    }

    /// Codes of the diagnostics, in order.
    pub(crate) fn codes(diagnostics: &[crate::check::Diagnostic]) -> Vec<&str> {
        diagnostics.iter().map(|d| d.code.as_str()).collect()
    }
}
