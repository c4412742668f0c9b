//! Arbitrary bytes as a storyboard JSON file through parse → check → fix → lower → every
//! emitter. Any panic, or any broken contract reported by
//! [`scenec::fuzzing::storyboard_pipeline`], is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(violation) = scenec::fuzzing::storyboard_pipeline(data) {
        panic!("{violation}");
    }
});
