//! The async runtime the directing commands run on.

/// A multi-threaded tokio runtime, or a sentence saying why none could be started.
pub fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))
}
