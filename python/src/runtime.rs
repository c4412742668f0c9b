//! Running library code with the GIL released: on the shared tokio runtime for the async
//! parts, and never letting a panic cross into Python.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use pyo3::prelude::*;
use tokio::runtime::Runtime;

use crate::errors::{ScenecError, internal_error};

/// The multi-threaded runtime every compile and batch runs on, started on first use.
fn runtime() -> PyResult<&'static Runtime> {
    static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();
    let started = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))
    });
    started
        .as_ref()
        .map_err(|e| ScenecError::new_err(e.clone()))
}

/// Runs `work` with the GIL released; a panic inside it becomes a `ScenecError`.
pub fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(work)))
        .map_err(|panic| internal_error(py, panic.as_ref()))
}

/// Runs `future` to completion on the shared runtime with the GIL released.
pub fn block_on<F: Future + Send>(py: Python<'_>, future: F) -> PyResult<F::Output>
where
    F::Output: Send,
{
    let runtime = runtime()?;
    detached(py, || runtime.block_on(future))
}
