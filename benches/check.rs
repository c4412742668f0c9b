//! How long checking takes: the passes on a small and on a maximal storyboard, the fixes,
//! `check_value` with schema validation, and the rejection of an oversized document.
//! Run with `cargo bench --bench check`.

use scenec::check::{check_value, fix, limits};
use scenec::ir::Storyboard;
use serde_json::Value;

fn main() {
    divan::main();
}

fn panda_json() -> Value {
    serde_json::from_str(include_str!("../examples/panda.json")).unwrap_or(Value::Null)
}

fn panda() -> Storyboard {
    serde_json::from_value(panda_json()).unwrap_or_else(|e| panic!("examples/panda.json: {e}"))
}

/// 200 shots (the limit) of 20 actions and 4 camera moves each; durations that do not add
/// up, so fix() has work to do.
fn largest() -> Storyboard {
    let mut sb = panda();
    let mut shot = sb.shots[0].clone();
    let actions = shot.actions.clone();
    shot.actions = (0..20)
        .map(|i| actions[i % actions.len()].clone())
        .collect();
    shot.camera = vec![shot.camera[0].clone(); 4];
    sb.shots = vec![shot; limits::MAX_SHOTS];
    sb.duration_s = 3000.0;
    sb
}

#[divan::bench]
fn check_panda(bencher: divan::Bencher) {
    let sb = panda();
    bencher.bench(|| scenec::check(divan::black_box(&sb)));
}

#[divan::bench]
fn check_200_shots(bencher: divan::Bencher) {
    let sb = largest();
    bencher.bench(|| scenec::check(divan::black_box(&sb)));
}

#[divan::bench]
fn fix_200_shots(bencher: divan::Bencher) {
    let sb = largest();
    bencher
        .with_inputs(|| sb.clone())
        .bench_local_refs(|sb| fix(divan::black_box(sb)));
}

#[divan::bench]
fn check_value_panda(bencher: divan::Bencher) {
    let doc = panda_json();
    bencher.bench(|| check_value(divan::black_box(&doc)));
}

#[divan::bench]
fn check_value_200_shots(bencher: divan::Bencher) {
    let doc = serde_json::to_value(largest()).unwrap_or(Value::Null);
    bencher.bench(|| check_value(divan::black_box(&doc)));
}

#[divan::bench]
fn check_value_rejects_10000_shots(bencher: divan::Bencher) {
    let mut doc = panda_json();
    let shot = doc["shots"][0].clone();
    doc["shots"] = Value::Array(vec![shot; 10_000]);
    bencher.bench(|| check_value(divan::black_box(&doc)));
}
