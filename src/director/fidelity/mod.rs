//! Fidelity: what the storyboard must show because the prompt says so, and the gate that
//! checks a storyboard against it.
//!
//! One job per file: [`prompt_text`] reads the prompt's words with `crate::lang`, [`extract`]
//! turns the prompt analysis (today the heuristic director's storyboard) into predicates the
//! prompt's words back, [`scene`] looks things up in a storyboard, [`gate`] checks one
//! against the predicates, [`codes`] lists the gate's codes and [`describe`] writes a
//! predicate for people. The predicate types live in `crate::ir` so that `meta` can record
//! them.
//!
//! ```
//! use scenec::director::{Request, fidelity};
//!
//! let predicates = fidelity::predicates(&Request::new("a panda walks from left to right"));
//! let mut storyboard = scenec::director::Heuristic
//!     .decompose(&Request::new("a panda walks from right to left"))
//!     .unwrap();
//! let found = fidelity::check(&storyboard, &predicates);
//! assert_eq!(found[0].code, fidelity::codes::PATH_REVERSED);
//! ```

pub mod codes;
mod describe;
mod extract;
mod gate;
mod prompt_text;
mod scene;

use std::fmt;

pub use extract::extract;
pub use gate::check;

use super::{Heuristic, Request};
use crate::ir::Predicate;

/// What a director does with the gate's findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum FidelityMode {
    /// No gate.
    Off,
    /// Findings go back to the model while attempts remain; what is left is a warning.
    #[default]
    Warn,
    /// As `Warn`, but what is left fails the call.
    Strict,
}

impl FidelityMode {
    /// The mode's name ("off", "warn", "strict").
    pub fn as_str(self) -> &'static str {
        match self {
            FidelityMode::Off => "off",
            FidelityMode::Warn => "warn",
            FidelityMode::Strict => "strict",
        }
    }
}

impl fmt::Display for FidelityMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The predicates of `request`'s prompt: the heuristic director's reading, kept where the
/// prompt's words back it. Empty when the heuristic director takes no such prompt (empty,
/// too long).
pub fn predicates(request: &Request) -> Vec<Predicate> {
    match Heuristic.decompose(request) {
        Ok(storyboard) => extract(&request.prompt, &storyboard, request.duration_s),
        Err(_) => Vec::new(),
    }
}
