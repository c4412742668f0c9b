//! check + lower + emit for a 12-shot, 60-second storyboard at 24 fps (the HunyuanVideo
//! profile), plus the same for every backend. Every shot has a cast of 3–4 entities (one
//! of them a flock with a count of 3), relations for the layout solver to hold, a path, an
//! entrance, an affected object and a camera move.

use scenec::backend::{Backend, Hunyuan, by_name};
use scenec::lower::{LowerOptions, lower};

#[path = "support/night_delivery.rs"]
mod night_delivery;

use night_delivery::storyboard;

fn main() {
    divan::main();
}

#[divan::bench]
fn check_lower_emit_hunyuan_12_shots_60s(bencher: divan::Bencher) {
    let storyboard = storyboard();
    let backend = Hunyuan;
    let options = LowerOptions::default();
    bencher
        .with_inputs(|| storyboard.clone())
        .bench_values(|storyboard| {
            let (checked, warnings) = scenec::check::accept(divan::black_box(storyboard)).ok()?;
            let plan = lower(&checked, &backend.profile(), &options).ok()?;
            let payload = backend.emit(&plan).ok()?;
            Some((warnings, payload))
        });
}

#[divan::bench(args = ["generic", "wan", "ltx", "cogvideox", "deforum", "comfy-schedule", "cameractrl"])]
fn lower_emit_by_backend(bencher: divan::Bencher, name: &str) {
    let Ok((storyboard, _)) = scenec::check::accept(storyboard()) else {
        return;
    };
    let Some(backend) = by_name(name) else {
        return;
    };
    let options = LowerOptions::default();
    bencher.bench(|| {
        let plan = lower(divan::black_box(&storyboard), &backend.profile(), &options).ok()?;
        backend.emit(&plan).ok()
    });
}
