//! The exception hierarchy and the mapping of every library error onto it. Each exception
//! carries a stable `code` (the one batch lines and the CLI use) and what the library kept
//! with the error: the diagnostics, the storyboard, the plan, the LLM transcript.

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyModule;
use scenec::CompileError;
use scenec::backend::EmitError as RustEmitError;
use scenec::check::Diagnostic;
use scenec::director::DirectorError as RustDirectorError;
use scenec::lower::LowerError as RustLowerError;
use serde::Serialize;

use crate::convert::to_py;

pyo3::create_exception!(
    scenec,
    ScenecError,
    PyException,
    "Base of every scenec error; `code` is a stable machine-readable name."
);
pyo3::create_exception!(
    scenec,
    InputError,
    ScenecError,
    "An argument scenec cannot use: an unknown backend or setting, a value that is not JSON."
);
pyo3::create_exception!(
    scenec,
    DirectorError,
    ScenecError,
    "The director produced no storyboard (empty prompt, bad settings, missing cassette …)."
);
pyo3::create_exception!(
    scenec,
    LlmError,
    DirectorError,
    "The LLM director failed after calling the model; `transcript` holds every attempt."
);
pyo3::create_exception!(
    scenec,
    CheckError,
    ScenecError,
    "The storyboard has errors; `diagnostics` lists them and `storyboard` is the document as fixed (or None)."
);
pyo3::create_exception!(
    scenec,
    LowerError,
    ScenecError,
    "The storyboard could not be lowered for the backend."
);
pyo3::create_exception!(
    scenec,
    EmitError,
    ScenecError,
    "The backend could not emit the plan; `plan` is the plan it was given."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ScenecError", py.get_type::<ScenecError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("DirectorError", py.get_type::<DirectorError>())?;
    m.add("LlmError", py.get_type::<LlmError>())?;
    m.add("CheckError", py.get_type::<CheckError>())?;
    m.add("LowerError", py.get_type::<LowerError>())?;
    m.add("EmitError", py.get_type::<EmitError>())?;
    Ok(())
}

/// An error of class `E` with `code` and the given attributes set on it.
fn raise<E: pyo3::PyTypeInfo>(
    py: Python<'_>,
    message: String,
    code: &str,
    attributes: &[(&str, Bound<'_, PyAny>)],
) -> PyErr {
    let err = PyErr::from_type(py.get_type::<E>(), message);
    let value = err.value(py);
    let set = value.setattr("code", code).and_then(|()| {
        attributes
            .iter()
            .try_for_each(|(name, v)| value.setattr(*name, v))
    });
    match set {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// `value` as a Python object, or None when it does not convert (an attribute is a bonus;
/// the error itself must still reach the caller).
fn attribute<'py>(py: Python<'py>, value: &impl Serialize) -> Bound<'py, PyAny> {
    to_py(py, value).unwrap_or_else(|_| py.None().into_bound(py))
}

/// An [`InputError`]: an argument scenec cannot use.
pub fn input_error(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise::<InputError>(py, message.into(), "invalid_input", &[])
}

/// A [`CheckError`] carrying `diagnostics` and the storyboard, when there is one.
pub fn check_error(
    py: Python<'_>,
    message: String,
    storyboard: Option<&impl Serialize>,
    diagnostics: &[Diagnostic],
) -> PyErr {
    let storyboard = match storyboard {
        Some(s) => attribute(py, s),
        None => py.None().into_bound(py),
    };
    raise::<CheckError>(
        py,
        message,
        "check_failed",
        &[
            ("diagnostics", attribute(py, &diagnostics)),
            ("storyboard", storyboard),
        ],
    )
}

/// The message of a [`CheckError`] for `diagnostics`: the error count and the first error.
pub fn check_message(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    match errors.first() {
        Some(d) => format!(
            "the storyboard has {} error(s); first: {} at {}: {}",
            errors.len(),
            d.code,
            d.path,
            d.message
        ),
        None => "the document is not a storyboard".to_owned(),
    }
}

/// A [`DirectorError`], or an [`LlmError`] with its transcript when the model was called.
pub fn director_error(py: Python<'_>, error: &RustDirectorError) -> PyErr {
    match error.transcript() {
        Some(transcript) => raise::<LlmError>(
            py,
            error.to_string(),
            error.code(),
            &[("transcript", attribute(py, transcript))],
        ),
        None => raise::<DirectorError>(py, error.to_string(), error.code(), &[]),
    }
}

/// A [`LowerError`].
pub fn lower_error(py: Python<'_>, error: &RustLowerError) -> PyErr {
    raise::<LowerError>(py, error.to_string(), "lower_failed", &[])
}

/// An [`EmitError`] carrying the plan it was given.
pub fn emit_error(py: Python<'_>, error: &RustEmitError, plan: &scenec::ir::KeyframePlan) -> PyErr {
    raise::<EmitError>(
        py,
        error.to_string(),
        "emit_failed",
        &[("plan", attribute(py, plan))],
    )
}

/// The exception for a failed compile, with what the library kept.
pub fn compile_error(py: Python<'_>, error: &CompileError) -> PyErr {
    match error {
        CompileError::Director(e) => director_error(py, e),
        CompileError::Check {
            storyboard,
            diagnostics,
        } => check_error(py, error.to_string(), Some(storyboard), diagnostics),
        CompileError::Lower { source, .. } => lower_error(py, source),
        CompileError::Emit { plan, source } => emit_error(py, source, plan),
    }
}

/// A [`ScenecError`] for a panic inside the library: a bug, reported instead of crossing
/// into Python as a `PanicException`.
pub fn internal_error(py: Python<'_>, panic: &(dyn std::any::Any + Send)) -> PyErr {
    let what = (panic.downcast_ref::<&str>().copied())
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic");
    raise::<ScenecError>(
        py,
        format!("internal error in scenec ({what}); please report it"),
        "internal",
        &[],
    )
}
