//! Python objects to serde values and back, through `pythonize` (no JSON text in between).

use pyo3::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::errors::{ScenecError, input_error};

/// `value` as plain Python objects (dicts, lists, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| ScenecError::new_err(e.to_string()))
}

/// A JSON-compatible Python object as a JSON value; `what` names the argument in the error.
pub fn to_json(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    pythonize::depythonize(obj)
        .map_err(|e| input_error(obj.py(), format!("{what} is not JSON-compatible: {e}")))
}

/// A JSON value read as `T`; `what` names the argument in the error.
pub fn from_json<T: DeserializeOwned>(py: Python<'_>, value: Value, what: &str) -> PyResult<T> {
    serde_json::from_value(value).map_err(|e| input_error(py, format!("{what}: {e}")))
}
