//! The checked storyboard: the proof, in the type, that the semantic passes found no error.

use std::ops::Deref;

use serde::Serialize;
use thiserror::Error;

use super::Diagnostic;
use crate::ir::Storyboard;

/// A storyboard in which every semantic pass found no error: the only storyboard
/// [`crate::lower()`] takes, so lowering never re-validates. Only the `check` module makes
/// one ([`super::accept`], [`super::Checked::clean`]); read it through `Deref`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct CheckedStoryboard {
    storyboard: Storyboard,
}

impl CheckedStoryboard {
    /// Wraps a storyboard the caller has just found free of errors.
    pub(super) fn new(storyboard: Storyboard) -> Self {
        Self { storyboard }
    }

    /// The storyboard.
    pub fn storyboard(&self) -> &Storyboard {
        &self.storyboard
    }

    /// The storyboard, unwrapped (editing it needs a new check).
    pub fn into_storyboard(self) -> Storyboard {
        self.storyboard
    }
}

impl Deref for CheckedStoryboard {
    type Target = Storyboard;

    fn deref(&self) -> &Storyboard {
        &self.storyboard
    }
}

/// A storyboard [`super::accept`] refused: it has at least one error.
#[derive(Debug, Clone, PartialEq, Error)]
#[error(
    "the storyboard has {} error(s); first: {}; run `scenec check --fix` to repair what can be repaired",
    .diagnostics.iter().filter(|d| d.is_error()).count(),
    .diagnostics.iter().find(|d| d.is_error()).map(|d| format!("{} at {}: {}", d.code, d.path, d.message)).unwrap_or_default()
)]
pub struct Rejected {
    /// The storyboard as given.
    pub storyboard: Box<Storyboard>,
    /// Every diagnostic of the check, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}
