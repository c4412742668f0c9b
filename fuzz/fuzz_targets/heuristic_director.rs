//! Arbitrary text (bytes read as lossy UTF-8) as a prompt to the heuristic director, then
//! check, re-read and lower its storyboard. Any panic, or any broken contract reported by
//! [`scenec::fuzzing::heuristic_director`], is a crash.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tokio::runtime::{Builder, Runtime};

/// One current-thread runtime for every input: the director is async but never waits.
static RUNTIME: LazyLock<Runtime> = LazyLock::new(|| {
    Builder::new_current_thread()
        .build()
        .unwrap_or_else(|e| panic!("cannot build a tokio runtime: {e}"))
});

fuzz_target!(|data: &[u8]| {
    let prompt = String::from_utf8_lossy(data);
    if let Err(violation) = RUNTIME.block_on(scenec::fuzzing::heuristic_director(&prompt)) {
        panic!("{violation}");
    }
});
