//! scenec — a film scene director for text-to-video generation.
//!
//! A prompt goes through a director (LLM, heuristic or replay) to a [`ir::Storyboard`], is
//! checked like a program ([`check()`], [`check::accept`] for a [`CheckedStoryboard`]),
//! lowered for a [`target`] profile to a [`ir::KeyframePlan`] ([`lower()`]), validated
//! against the storyboard ([`validate()`]) and emitted from that plan alone as the payload a
//! video backend consumes ([`backend`]).

pub mod backend;
#[cfg(feature = "llm")]
pub mod batch;
pub mod check;
pub mod compiler;
pub mod director;
pub mod eval;
#[doc(hidden)]
pub mod fuzzing;
mod invisible;
pub mod ir;
pub mod lang;
pub mod lower;
pub mod preview;
pub mod schema;
pub mod target;
pub mod validate;

pub use check::{CheckedStoryboard, check};
pub use compiler::{CompileError, Compiled, Compiler};
pub use lower::lower;
pub use validate::validate;
