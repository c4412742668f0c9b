//! The deterministic fixes. Each changes the storyboard only where the change is the
//! obvious repair of a problem a pass reports, and reports every change as a
//! [`super::Severity::Fixed`] diagnostic carrying that problem's code and the pointer of the
//! changed value. Problems without one obvious repair are left to the passes to report.

mod absolute_times;
mod cast;
mod durations;
mod intervals;

use super::{Diagnostic, passes, path};
use crate::ir::{Shot, Storyboard};

/// Every timed interval of shot `s`, actions then camera moves: its JSON pointer, what it is
/// ("action" or "camera move") and its start and end, ready to be changed in place.
fn intervals_mut(
    s: usize,
    shot: &mut Shot,
) -> impl Iterator<Item = (String, &'static str, &mut f64, &mut f64)> {
    let actions = shot
        .actions
        .iter_mut()
        .enumerate()
        .map(move |(a, x)| (path::action(s, a), "action", &mut x.start_s, &mut x.end_s));
    let moves = shot.camera.iter_mut().enumerate().map(move |(c, x)| {
        (
            path::camera(s, c),
            "camera move",
            &mut x.start_s,
            &mut x.end_s,
        )
    });
    actions.chain(moves)
}

/// Runs every fix in order: a version 1 storyboard is upgraded, then intervals timed from the
/// video start are shifted into their shot (by the shot starts the author wrote), then
/// durations are rescaled, then intervals that overshoot slightly are clamped, then the
/// entities a shot names but does not cast are added to its cast.
/// A storyboard beyond the size limits is left untouched.
pub(crate) fn run_all(storyboard: &mut Storyboard) -> Vec<Diagnostic> {
    let mut limits = Vec::new();
    passes::limits::run(storyboard, &mut limits);
    if !limits.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Diagnostic> = super::upgrade(storyboard).into_iter().collect();
    absolute_times::run(storyboard, &mut out);
    durations::run(storyboard, &mut out);
    intervals::run(storyboard, &mut out);
    cast::run(storyboard, &mut out);
    out
}
