//! The whole pipeline from a prompt, one prompt or many: `compile` and `batch`, with the
//! director chosen by the library's rule from the same settings as the CLI's flags.

use std::num::NonZeroUsize;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use scenec::Compiler;
use scenec::director::{DirectorChoice, Request};
use serde_json::{Map, Value};

use crate::convert::{from_json, to_json, to_py};
use crate::errors::{compile_error, director_error, input_error};
use crate::pipeline::{lower_options, unknown_backend};
use crate::runtime::block_on;

/// A compiler for `backend` with the director `director` and `settings` describe.
fn compiler(
    py: Python<'_>,
    backend: &str,
    director: Option<&str>,
    settings: Option<&Bound<'_, PyDict>>,
    keyframe_interval: f64,
    easing: &str,
) -> PyResult<Compiler> {
    let emitter = scenec::backend::by_name(backend).ok_or_else(|| unknown_backend(py, backend))?;
    let mut values = match settings {
        Some(settings) => match to_json(settings.as_any(), "the LLM settings")? {
            Value::Object(map) => map,
            _ => Map::new(),
        },
        None => Map::new(),
    };
    if let Some(director) = director {
        values.insert("director".into(), director.into());
    }
    let choice: DirectorChoice = from_json(py, Value::Object(values), "director settings")?;
    let director = (choice.with_env_base_url().build()).map_err(|e| director_error(py, &e))?;
    Ok(Compiler::builder()
        .boxed_director(director)
        .boxed_backend(emitter)
        .lower_options(lower_options(py, keyframe_interval, easing)?)
        .build())
}

/// Compiles one prompt: `{"storyboard", "plan", "payload", "meta", "diagnostics"}`.
#[pyfunction]
#[pyo3(signature = (prompt, backend, director, duration, keyframe_interval, easing, settings=None))]
#[allow(clippy::too_many_arguments)] // the Python call's arguments, one parameter each
pub fn compile<'py>(
    py: Python<'py>,
    prompt: &str,
    backend: &str,
    director: Option<&str>,
    duration: Option<f64>,
    keyframe_interval: f64,
    easing: &str,
    settings: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let compiler = compiler(py, backend, director, settings, keyframe_interval, easing)?;
    let request = Request {
        duration_s: duration,
        ..Request::new(prompt)
    };
    let compiled =
        block_on(py, compiler.compile_request(&request))?.map_err(|e| compile_error(py, &e))?;
    to_py(py, &compiled)
}

/// Compiles many prompts at once: one `{"id", "storyboard", "keyframes", "error"}` per item,
/// in input order. An item is a prompt (its id is its position) or `{"id", "prompt"}`.
#[pyfunction]
#[pyo3(signature = (items, backend, director, duration, keyframe_interval, easing, concurrency, settings=None))]
#[allow(clippy::too_many_arguments)] // the Python call's arguments, one parameter each
pub fn batch<'py>(
    py: Python<'py>,
    items: Vec<Bound<'py, PyAny>>,
    backend: &str,
    director: Option<&str>,
    duration: Option<f64>,
    keyframe_interval: f64,
    easing: &str,
    concurrency: usize,
    settings: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let concurrency = NonZeroUsize::new(concurrency)
        .ok_or_else(|| input_error(py, "concurrency must be at least 1"))?;
    let compiler = compiler(py, backend, director, settings, keyframe_interval, easing)?;
    let mut input = String::new();
    for (position, item) in items.iter().enumerate() {
        let line = match item.extract::<String>() {
            Ok(prompt) => serde_json::json!({ "id": position, "prompt": prompt }),
            Err(_) => to_json(item, "a batch item")?,
        };
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let options = scenec::batch::Options {
        concurrency,
        duration_s: duration,
        ..scenec::batch::Options::default()
    };
    let lines = block_on(py, scenec::batch::run(Arc::new(compiler), &input, &options))?;
    to_py(py, &lines)
}
