//! The deterministic fixes. Each changes the storyboard only where the change is the
//! obvious repair of a problem a pass reports, and reports every change as a
//! [`super::Severity::Fixed`] diagnostic carrying that problem's code and the pointer of the
//! changed value. Problems without one obvious repair are left to the passes to report.

mod absolute_times;
mod durations;
mod intervals;

use super::{Diagnostic, passes};
use crate::ir::Storyboard;

/// Runs every fix in order: durations are rescaled first, then intervals timed from the video
/// start are shifted into their shot, then intervals that overshoot slightly are clamped.
/// A storyboard beyond the size limits is left untouched.
pub(crate) fn run_all(storyboard: &mut Storyboard) -> Vec<Diagnostic> {
    let mut limits = Vec::new();
    passes::limits::run(storyboard, &mut limits);
    if !limits.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    durations::run(storyboard, &mut out);
    absolute_times::run(storyboard, &mut out);
    intervals::run(storyboard, &mut out);
    out
}
