//! The pipelines the cargo-fuzz targets in `fuzz/` drive, shared with the replay tests in
//! `tests/fuzz_regressions.rs` so a saved crash input runs exactly as the fuzzer ran it.
//! Not part of the supported API.
//!
//! Each function returns the first broken contract as a [`Violation`] instead of panicking:
//! the fuzz targets turn it into a crash, the tests into a failed assertion. Inputs the
//! pipeline rejects with a proper error (not JSON, schema violations, checker errors) are
//! fine and return `Ok`.

use serde_json::Value;
use thiserror::Error;

use crate::backend::{self, Payload};
use crate::check::{self, Diagnostic};
use crate::compiler::{CompileError, Compiler};
use crate::director::{Director, DirectorError, Heuristic, Request};
use crate::ir::{Meta, Storyboard};

/// Backends the heuristic target lowers for: one per frame rule and conditioning style
/// (free frame count, 4k+1 frames, fixed-length clips, keyframe schedule text, point tracks,
/// box layouts).
pub const DIRECTOR_BACKENDS: &[&str] = &[
    "generic",
    "wan",
    "cameractrl-svd",
    "deforum",
    "wan-move",
    "lvd",
];

/// A contract the pipeline broke on one input.
#[derive(Debug, Error)]
pub enum Violation {
    /// A storyboard the pipeline produced (by `check --fix` or by the director) no longer
    /// matches the schema once written as JSON, so `scenec check` cannot read it back.
    #[error("the produced storyboard does not read back: {first}")]
    Unreadable {
        /// Why: the first diagnostic of re-checking it, or the serialization error.
        first: String,
    },
    /// A storyboard without checker errors failed to fix, lower or emit.
    #[error("backend `{backend}`: a storyboard the checker accepted failed: {source}")]
    Pipeline {
        /// The backend that failed.
        backend: &'static str,
        /// What failed.
        #[source]
        source: CompileError,
    },
    /// An unknown name in [`backend::NAMES`] or [`DIRECTOR_BACKENDS`].
    #[error("backend `{0}` is listed but `backend::by_name` does not know it")]
    UnknownBackend(&'static str),
    /// The heuristic director failed on a prompt that is not blank.
    #[error("the heuristic director failed on a non-blank prompt: {0}")]
    Director(#[source] DirectorError),
    /// The heuristic director returned a storyboard the checker rejects.
    #[error("the heuristic director's storyboard has checker errors: {first}")]
    DirectorCheck {
        /// The first error diagnostic.
        first: String,
    },
}

/// Bytes as a storyboard file, the way the CLI reads one: JSON parse, schema + semantic
/// check ([`check::check_value`]), then both the `lower` path (a clean storyboard lowered as
/// is) and the `check --fix` / `compile` path (fix, re-check, write back, lower) for every
/// backend in [`backend::NAMES`], rendering each payload.
pub fn storyboard_pipeline(bytes: &[u8]) -> Result<(), Violation> {
    let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
        return Ok(());
    };
    let checked = check::check_value(&value);
    let Some(storyboard) = checked.storyboard else {
        return Ok(());
    };
    if !checked.diagnostics.iter().any(Diagnostic::is_error) {
        lower_everywhere(&storyboard, backend::NAMES)?;
    }
    let mut fixed = storyboard;
    let mut diagnostics = check::fix(&mut fixed);
    diagnostics.extend(check::check(&fixed));
    reread(&fixed)?;
    if !diagnostics.iter().any(Diagnostic::is_error) {
        lower_everywhere(&fixed, backend::NAMES)?;
    }
    Ok(())
}

/// Text as a prompt to the [`Heuristic`] director. A blank prompt (white space and invisible
/// characters) must fail with [`DirectorError::EmptyPrompt`], one over
/// [`crate::director::MAX_PROMPT_CHARS`] with [`DirectorError::PromptTooLong`]; any other must give a storyboard with no checker errors,
/// that reads back from its JSON without errors, and that lowers and emits for every backend
/// in [`DIRECTOR_BACKENDS`].
pub async fn heuristic_director(prompt: &str) -> Result<(), Violation> {
    let directed = match Heuristic.direct(&Request::new(prompt)).await {
        Ok(directed) => directed,
        Err(DirectorError::EmptyPrompt) if crate::invisible::is_blank(prompt) => return Ok(()),
        Err(DirectorError::PromptTooLong { .. })
            if prompt.trim().chars().count() > crate::director::MAX_PROMPT_CHARS =>
        {
            return Ok(());
        }
        Err(e) => return Err(Violation::Director(e)),
    };
    if let Some(first) = first_error(directed.diagnostics.iter()) {
        return Err(Violation::DirectorCheck { first });
    }
    if let Some(first) = first_error(check::check(&directed.storyboard).iter()) {
        return Err(Violation::DirectorCheck { first });
    }
    reread(&directed.storyboard)?;
    lower_everywhere(&directed.storyboard, DIRECTOR_BACKENDS)
}

/// Serializes `storyboard` and checks it again as a document: what `check --fix -o` and
/// `compile` write must be readable by `scenec check`.
fn reread(storyboard: &Storyboard) -> Result<(), Violation> {
    let value = serde_json::to_value(storyboard).map_err(|e| Violation::Unreadable {
        first: format!("serializing failed: {e}"),
    })?;
    let checked = check::check_value(&value);
    if checked.storyboard.is_none() {
        let first = checked
            .diagnostics
            .first()
            .map(describe)
            .unwrap_or_default();
        return Err(Violation::Unreadable { first });
    }
    Ok(())
}

/// Runs [`Compiler::finish`] (fix, check, lower, emit) for each backend on a storyboard
/// without checker errors and renders the payloads; every failure breaks a contract.
fn lower_everywhere(storyboard: &Storyboard, names: &[&'static str]) -> Result<(), Violation> {
    for &name in names {
        let backend = backend::by_name(name).ok_or(Violation::UnknownBackend(name))?;
        let compiler = Compiler::builder().boxed_backend(backend).build();
        match compiler.finish(storyboard.clone(), Meta::default(), Vec::new()) {
            Ok(compiled) => render(&compiled.payload),
            Err(source) => {
                return Err(Violation::Pipeline {
                    backend: name,
                    source,
                });
            }
        }
    }
    Ok(())
}

/// Renders a payload both ways the CLI writes it (one document, or named files).
fn render(payload: &Payload) {
    let document = payload.render();
    let files = payload.files("out");
    std::hint::black_box((document, files));
}

fn first_error<'a>(mut diagnostics: impl Iterator<Item = &'a Diagnostic>) -> Option<String> {
    diagnostics.find(|d| d.is_error()).map(describe)
}

fn describe(d: &Diagnostic) -> String {
    format!("{} at {}: {}", d.code, d.path, d.message)
}
