//! Evaluation: scoring storyboards against a suite of prompts with expectations (the format
//! in DESIGN.md), per category and overall, with a report of each failed expectation.

mod boxes;
pub(crate) mod matching;
mod plan_checks;
mod report;
#[cfg(feature = "llm")]
mod run;
mod score;
mod story_checks;
mod suite;

pub use report::{CategoryScore, Report};
#[cfg(feature = "llm")]
pub use run::run_suite;
pub use score::{CaseScore, Outcome, Verdict, score_case};
pub use suite::{
    AttributesExpect, CameraAfterExpect, CameraExpect, Case, CountExpect, DirectionExpect, Expect,
    Moment, PathExpect, RegionExpect, ScreenDirection, ShotsExpect, SpatialExpect, StateExpect,
    SuiteError, VisibleExpect, When, parse_suite,
};
