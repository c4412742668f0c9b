//! What the director's unit tests share: a prompt's storyboard and its actions.

use super::Heuristic;
use crate::director::Request;
use crate::ir::{Action, Storyboard};

/// The heuristic storyboard of `prompt`; panics (failing the test) when it cannot be made.
pub(super) fn storyboard(prompt: &str) -> Storyboard {
    Heuristic
        .decompose(&Request::new(prompt))
        .unwrap_or_else(|e| panic!("{prompt}: {e}"))
}

/// Every action of `prompt`'s storyboard, shot after shot.
pub(super) fn actions(prompt: &str) -> Vec<Action> {
    storyboard(prompt)
        .shots
        .into_iter()
        .flat_map(|s| s.actions)
        .collect()
}
