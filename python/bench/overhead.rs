//! The Rust side of the per-call overhead measurement: the calls `overhead.py` makes through
//! Python, made on the library directly, in microseconds per call (mean over a loop).
//!
//! `cargo run --release --example overhead` from `python/` (same release build as the wheel),
//! then `python bench/overhead.py` with the package installed; the difference per line is
//! what the bindings add (argument and result conversion, the GIL release, building the
//! compiler per call).

use std::time::Instant;

use scenec::Compiler;
use scenec::backend;
use scenec::check::check_value;
use scenec::lower::LowerOptions;
use scenec::target;

/// The prompt both sides compile.
const PROMPT: &str = "a panda bear walks from left to right, then turns and waves";

/// Mean microseconds per call of `f` over `n` calls, after `n / 10` warm-up calls.
fn mean_us(n: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..n / 10 {
        f();
    }
    let started = Instant::now();
    for _ in 0..n {
        f();
    }
    started.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let compiler = Compiler::builder().build();
    let compiled = runtime.block_on(compiler.compile(PROMPT))?;
    let storyboard = serde_json::to_value(compiled.storyboard.storyboard())?;
    let wan = backend::by_name("wan").ok_or("no wan backend")?;
    let profile = target::by_name("wan").ok_or("no wan profile")?;

    let compile = mean_us(2000, || {
        let _ = runtime.block_on(compiler.compile(PROMPT));
    });
    let check = mean_us(2000, || {
        let _ = check_value(&storyboard);
    });
    let lower_emit = mean_us(2000, || {
        if let Ok(checked) = check_value(&storyboard).clean()
            && let Ok(plan) = scenec::lower(&checked, profile, &LowerOptions::default())
        {
            let _ = wan.emit(&plan);
        }
    });
    println!("compile (heuristic, generic)  {compile:8.1} µs");
    println!("check                         {check:8.1} µs");
    println!("lower + emit (wan)            {lower_emit:8.1} µs");
    Ok(())
}
