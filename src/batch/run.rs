//! The concurrent engine: at most `concurrency` prompts compile at once, each result goes to
//! a sink the moment it finishes, and a stop signal ends the batch cleanly.
//!
//! Prompts run as tasks of a tokio [`JoinSet`] kept at most `concurrency` long, so the
//! CPU-bound part of each compile (parsing the answer, checking, lowering) spreads over the
//! runtime's worker threads, and abandoning in-flight work is one `abort_all`.

use std::collections::HashMap;
use std::future::Future;
use std::num::NonZeroUsize;
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use serde_json::Value;
use tokio::task::{Id, JoinSet};
use tokio::time::Instant;

use super::input::Item;
use super::line::{self, BatchLine};
use crate::Compiler;

/// The default number of prompts compiled at once: enough to keep a few cores or a hosted
/// endpoint busy, low enough for the rate limits of an entry-level API account.
pub const DEFAULT_CONCURRENCY: NonZeroUsize = NonZeroUsize::MIN.saturating_add(3);

/// The default time in-flight prompts get to finish after a stop before they are abandoned.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);

/// How a batch runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Most prompts compiled at once.
    pub concurrency: NonZeroUsize,
    /// Total video length for every prompt, overriding what each says.
    pub duration_s: Option<f64>,
    /// After a stop, how long in-flight prompts may still finish (and be written) before
    /// they are abandoned; abandoned prompts have no output line, so a resume redoes them.
    pub grace: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            concurrency: DEFAULT_CONCURRENCY,
            duration_s: None,
            grace: DEFAULT_GRACE,
        }
    }
}

/// Counts so far, handed to the sink with every finished line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Items in this run.
    pub total: usize,
    /// Items finished (written), failed ones included.
    pub done: usize,
    /// Items finished with an error line.
    pub failed: usize,
    /// Prompt and completion tokens the director spent on the finished items.
    pub tokens: u64,
}

/// One finished item.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// Its 1-based line number in the input.
    pub number: usize,
    /// Its result line.
    pub line: BatchLine,
    /// The counts including this item.
    pub progress: Progress,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// The final counts.
    pub progress: Progress,
    /// Whether the stop signal ended the run early.
    pub interrupted: bool,
    /// Items never started because of the stop.
    pub not_started: usize,
    /// Items in flight when the grace period ran out, dropped without a line.
    pub abandoned: usize,
}

/// Runs `items` with at most `options.concurrency` compiling at once and hands each result to
/// `sink` as it finishes (so in completion order; lines that need no compile, such as
/// `invalid_json` or `duplicate_id`, are handed over when their turn to start comes, in input
/// order). One item's failure is its error line and never stops the run; an error from the
/// sink does, and is returned.
///
/// When `stop` completes, no new item starts (it is polled before each start, so a future
/// that checks a flag set by a signal handler stops the batch at the next item even while
/// every runtime thread is busy); those in flight get `options.grace` to finish and are
/// then abandoned.
pub async fn run_with<E>(
    compiler: Arc<Compiler>,
    items: Vec<Item>,
    options: &Options,
    stop: impl Future<Output = ()>,
    mut sink: impl FnMut(Finished) -> Result<(), E>,
) -> Result<Summary, E> {
    let mut summary = Summary {
        progress: Progress {
            total: items.len(),
            ..Progress::default()
        },
        ..Summary::default()
    };
    let mut finish = |number: usize, line: BatchLine, tokens: u64, summary: &mut Summary| {
        let progress = &mut summary.progress;
        progress.done += 1;
        progress.failed += usize::from(line.error.is_some());
        progress.tokens += tokens;
        sink(Finished {
            number,
            line,
            progress: *progress,
        })
    };
    let mut pending = items.into_iter();
    let mut running: JoinSet<(usize, BatchLine, u64)> = JoinSet::new();
    // what each task is for, to write an error line should one panic
    let mut started: HashMap<Id, (usize, Value)> = HashMap::new();
    let mut stop = std::pin::pin!(stop);
    let mut deadline: Option<Instant> = None;
    loop {
        while deadline.is_none() && running.len() < options.concurrency.get() {
            if pending.len() > 0 && is_done(stop.as_mut()).await {
                deadline = Some(Instant::now() + options.grace);
                summary.interrupted = true;
                break;
            }
            let Some(item) = pending.next() else { break };
            match item.prompt {
                Err(e) => finish(item.number, BatchLine::failed(item.id, e), 0, &mut summary)?,
                Ok(prompt) => {
                    let compiler = Arc::clone(&compiler);
                    let id = item.id.clone();
                    let number = item.number;
                    let duration_s = options.duration_s;
                    let handle = running.spawn(async move {
                        let (line, tokens) = line::compile(&compiler, id, prompt, duration_s).await;
                        (number, line, tokens)
                    });
                    started.insert(handle.id(), (item.number, item.id));
                }
            }
        }
        if running.is_empty() {
            break;
        }
        tokio::select! {
            joined = running.join_next_with_id() => {
                let (number, line, tokens) = match joined {
                    Some(Ok((id, done))) => {
                        started.remove(&id);
                        done
                    }
                    Some(Err(e)) => {
                        let (number, id) = started.remove(&e.id()).unwrap_or((0, Value::Null));
                        let error = line::error("internal_error", format!("compiling line {number} failed unexpectedly: {e}; please report this"));
                        (number, BatchLine::failed(id, error), 0)
                    }
                    None => break,
                };
                finish(number, line, tokens, &mut summary)?;
            }
            () = &mut stop, if deadline.is_none() => {
                deadline = Some(Instant::now() + options.grace);
                summary.interrupted = true;
            }
            () = grace_over(deadline), if deadline.is_some() => {
                summary.abandoned = running.len();
                running.abort_all();
                break;
            }
        }
    }
    summary.not_started = pending.len();
    Ok(summary)
}

/// Whether `future` has completed, polled once without waiting. Only for a future not
/// polled to completion before.
async fn is_done(mut future: Pin<&mut impl Future<Output = ()>>) -> bool {
    std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx).is_ready())).await
}

/// Completes at `deadline`; never without one. Lazy, so no timer exists before a stop and a
/// runtime without the time driver works until then.
async fn grace_over(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
