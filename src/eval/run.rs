//! Running a suite through a compiler.

use std::sync::Arc;

use super::report::Report;
use super::score::{Outcome, score_case};
use super::suite::Case;
use crate::Compiler;
use crate::lower::{LowerOptions, lower};
use crate::target;

/// Compiles every case with `compiler` (each in its own task, so a panic is caught and
/// scored) and scores it; keyframe prompts come from the generic profile.
pub async fn run_suite(compiler: Arc<Compiler>, cases: &[Case]) -> Report {
    let mut scores = Vec::with_capacity(cases.len());
    for case in cases {
        let c = Arc::clone(&compiler);
        let prompt = case.prompt.clone();
        let task = tokio::spawn(async move { c.compile(&prompt).await });
        let outcome = match task.await {
            Ok(Ok(compiled)) => match lower(
                &compiled.storyboard,
                &target::GENERIC,
                &LowerOptions::default(),
            ) {
                Ok(plan) => Outcome::Compiled {
                    storyboard: Box::new(compiled.storyboard.into_storyboard()),
                    plan: Box::new(plan),
                },
                Err(e) => Outcome::Failed(format!("lowering for the generic profile failed: {e}")),
            },
            Ok(Err(e)) => Outcome::Failed(e.to_string()),
            Err(join) => Outcome::Panicked(join.to_string()),
        };
        scores.push(score_case(case, &outcome));
    }
    Report { cases: scores }
}
