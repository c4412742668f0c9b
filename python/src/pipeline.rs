//! The pure stages, one Python function each: check, fix, lower, emit, validate, and the
//! backends' profiles and the JSON Schemas.

use pyo3::prelude::*;
use scenec::backend;
use scenec::check::{Checked, CheckedStoryboard, check_value, fix_value};
use scenec::ir::{Easing, KeyframePlan};
use scenec::lower::LowerOptions;
use scenec::{schema as schemas, target};

use crate::convert::{from_json, to_json, to_py};
use crate::errors::{check_error, check_message, emit_error, input_error, lower_error};
use crate::runtime::detached;

/// The storyboard document `storyboard` checked, or a `CheckError` with its diagnostics.
fn checked(py: Python<'_>, storyboard: &Bound<'_, PyAny>) -> PyResult<CheckedStoryboard> {
    let value = to_json(storyboard, "storyboard")?;
    let checked = detached(py, || check_value(&value))?;
    let kept = checked.storyboard.clone();
    checked.clean().map_err(|diagnostics| {
        check_error(py, check_message(&diagnostics), kept.as_ref(), &diagnostics)
    })
}

/// The lowering options from the Python arguments.
pub fn lower_options(
    py: Python<'_>,
    keyframe_interval: f64,
    easing: &str,
) -> PyResult<LowerOptions> {
    let easing: Easing = from_json(py, easing.into(), "easing")?;
    Ok(LowerOptions {
        keyframe_interval_s: keyframe_interval,
        easing,
    })
}

/// Checks a storyboard document: schema violations, or else every semantic pass.
#[pyfunction]
pub fn check<'py>(py: Python<'py>, storyboard: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = to_json(storyboard, "storyboard")?;
    let checked = detached(py, || check_value(&value))?;
    to_py(py, &checked.diagnostics)
}

/// Applies the deterministic fixes and checks the result: `{"storyboard", "diagnostics"}`.
#[pyfunction]
pub fn fix<'py>(py: Python<'py>, storyboard: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let value = to_json(storyboard, "storyboard")?;
    let Checked {
        storyboard,
        diagnostics,
    } = detached(py, || fix_value(&value))?;
    let Some(storyboard) = storyboard else {
        return Err(check_error(
            py,
            check_message(&diagnostics),
            None::<&()>,
            &diagnostics,
        ));
    };
    to_py(
        py,
        &serde_json::json!({ "storyboard": storyboard, "diagnostics": diagnostics }),
    )
}

/// Lowers a storyboard without errors for `backend`: the keyframe plan.
#[pyfunction]
pub fn lower<'py>(
    py: Python<'py>,
    storyboard: &Bound<'py, PyAny>,
    backend: &str,
    keyframe_interval: f64,
    easing: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let profile = target::by_name(backend).ok_or_else(|| unknown_backend(py, backend))?;
    let options = lower_options(py, keyframe_interval, easing)?;
    let checked = checked(py, storyboard)?;
    let plan = detached(py, || scenec::lower(&checked, profile, &options))?
        .map_err(|e| lower_error(py, &e))?;
    to_py(py, &plan)
}

/// Emits the payload of `backend` from a plan lowered for it.
#[pyfunction]
pub fn emit<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    backend: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let emitter = backend::by_name(backend).ok_or_else(|| unknown_backend(py, backend))?;
    let plan: KeyframePlan = from_json(py, to_json(plan, "plan")?, "plan")?;
    let payload = detached(py, || emitter.emit(&plan))?.map_err(|e| emit_error(py, &e, &plan))?;
    to_py(py, &payload)
}

/// Every statement of the storyboard that the plan fails to show.
#[pyfunction]
pub fn validate<'py>(
    py: Python<'py>,
    storyboard: &Bound<'py, PyAny>,
    plan: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let checked = checked(py, storyboard)?;
    let plan: KeyframePlan = from_json(py, to_json(plan, "plan")?, "plan")?;
    let findings = detached(py, || scenec::validate(&checked, &plan))?;
    to_py(py, &findings)
}

/// Every backend's profile.
#[pyfunction]
pub fn backends(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &target::ALL)
}

/// A generated JSON Schema: `storyboard`, `wire` or `plan`.
#[pyfunction]
pub fn schema<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyAny>> {
    let value = match kind {
        "storyboard" => schemas::storyboard_schema(),
        "wire" => schemas::wire_schema(),
        "plan" => schemas::plan_schema(),
        _ => {
            return Err(input_error(
                py,
                format!("unknown schema `{kind}`; choose one of storyboard, wire, plan"),
            ));
        }
    };
    to_py(py, &value)
}

/// The error for a backend name no backend has.
pub fn unknown_backend(py: Python<'_>, name: &str) -> PyErr {
    input_error(
        py,
        format!(
            "unknown backend `{name}`; choose one of {}",
            backend::NAMES.join(", ")
        ),
    )
}
