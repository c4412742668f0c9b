//! Batch compilation of JSONL prompts: one `{"id", "prompt"}` object a line in, one
//! `{"id", "storyboard", "keyframes", "error"}` line out. A bad line becomes an error line;
//! it never stops the run.

mod line;

pub use line::{BatchError, BatchLine, compile_line, parse_line};

use crate::Compiler;

/// Compiles every non-blank line of `input`, in order.
pub async fn run(compiler: &Compiler, input: &str, duration_s: Option<f64>) -> Vec<BatchLine> {
    let mut out = Vec::new();
    for (n, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(compile_line(compiler, line, n + 1, duration_s).await);
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    #[tokio::test]
    async fn runs_in_order_and_never_stops() {
        let compiler = Compiler::builder().build();
        let input = "{\"id\": \"a\", \"prompt\": \"a cat sleeps\"}\nbroken\n\n{\"id\": \"c\", \"prompt\": \"  \"}\n";
        let lines = run(&compiler, input, None).await;
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
