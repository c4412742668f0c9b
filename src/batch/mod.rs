//! Batch compilation of JSONL prompts: one `{"id", "prompt"}` object a line in, one
//! `{"id", "storyboard", "keyframes", "error"}` line out per input line. Prompts compile
//! concurrently and each line is written as it finishes; a bad line becomes an error line
//! and never stops the run; an interrupted run leaves only whole lines and resumes by id.
//!
//! [`input::items`] parses the input, [`resume::open`] reads an existing output,
//! [`run::run_with`] is the engine, [`writer::LineWriter`] writes the lines; [`run()`] does
//! it all in memory.
//!
//! Or through a Batch API (OpenAI Batch API, vLLM `run-batch`): [`requests`] writes the
//! requests file, [`results`] reads a results file's lines and [`ingest`] turns them into
//! output lines and the next round's requests.

pub mod ingest;
pub mod input;
mod line;
pub mod requests;
pub mod results;
pub mod resume;
pub mod run;
mod text;
pub mod writer;

use std::convert::Infallible;
use std::sync::Arc;

pub use input::{Item, items};
pub use line::{BatchError, BatchLine, Parsed, parse_line};
pub use run::{Finished, Options, Progress, Summary, run_with};
pub use writer::LineWriter;

use crate::Compiler;

/// Compiles every non-blank line of `input` with `options` and returns the result lines in
/// input order.
pub async fn run(compiler: Arc<Compiler>, input: &str, options: &Options) -> Vec<BatchLine> {
    let mut lines = Vec::new();
    let collected = run_with(
        compiler,
        items(input),
        options,
        std::future::pending(),
        |finished| {
            lines.push((finished.number, finished.line));
            Ok::<(), Infallible>(())
        },
    )
    .await;
    let Ok(_) = collected;
    lines.sort_by_key(|(number, _)| *number);
    lines.into_iter().map(|(_, line)| line).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[tokio::test]
    async fn runs_in_order_and_never_stops() {
        let compiler = Arc::new(Compiler::builder().build());
        let input = "{\"id\": \"a\", \"prompt\": \"a cat sleeps\"}\nbroken\n\n{\"id\": \"c\", \"prompt\": \"  \"}\n";
        let lines = run(compiler, input, &Options::default()).await;
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].storyboard.is_some()
                && lines[0].keyframes.is_some()
                && lines[0].error.is_none()
        );
        assert_eq!(
            lines[1].error.as_ref().map(|e| e.code.as_str()),
            Some("invalid_json")
        );
        assert_eq!(lines[2].id, Value::from("c"));
        assert_eq!(
            lines[2].error.as_ref().map(|e| e.code.as_str()),
            Some("empty_prompt")
        );
    }
}
