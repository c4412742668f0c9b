//! Evaluation: scoring storyboards against a suite of prompts with expectations (the format
//! in DESIGN.md), per category and overall, with a report of each failed expectation.

mod report;
#[cfg(feature = "llm")]
mod run;
mod score;
mod suite;

pub use report::{CategoryScore, Report};
#[cfg(feature = "llm")]
pub use run::run_suite;
pub use score::{CaseScore, Outcome, Verdict, score_case};
pub use suite::{
    CameraExpect, Case, Expect, PathExpect, ShotsExpect, SpatialExpect, StateExpect, SuiteError,
    When, parse_suite,
};
