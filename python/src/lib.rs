//! `scenec._native`: the Python bindings of the scenec library. Every function converts its
//! arguments, calls the library with the GIL released and converts the result back; the
//! behaviour is the library's. The `scenec` Python package wraps these in keyword-argument
//! functions with docstrings and type stubs.

mod compile;
mod convert;
mod errors;
mod pipeline;
mod runtime;

use pyo3::prelude::*;

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(compile::compile, m)?)?;
    m.add_function(wrap_pyfunction!(compile::batch, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::check, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::fix, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::lower, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::emit, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::validate, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::backends, m)?)?;
    m.add_function(wrap_pyfunction!(pipeline::schema, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
