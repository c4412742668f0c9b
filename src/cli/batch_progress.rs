//! The progress bar of `scenec batch` on standard error: count, elapsed time, ETA, failures
//! and tokens so far. indicatif hides it by itself when standard error is not a terminal,
//! so piped and logged runs get no escape codes; `-q` hides it too.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use scenec::batch::Progress;

/// The template: spinner, count, bar, elapsed, ETA, then the message (failures, tokens).
const TEMPLATE: &str = "{spinner} {pos}/{len} [{wide_bar}] {elapsed} ETA {eta} {msg}";

/// A progress bar over `total` items, drawn on standard error when it is a terminal.
pub fn bar(total: usize) -> ProgressBar {
    let target = if super::logging::quiet() {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    if let Ok(style) = ProgressStyle::with_template(TEMPLATE) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Moves `bar` to `progress`.
pub fn update(bar: &ProgressBar, progress: &Progress) {
    bar.set_position(progress.done as u64);
    bar.set_message(format!(
        "{} failed, {} tokens",
        progress.failed, progress.tokens
    ));
}
