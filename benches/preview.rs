//! Rendering the three previews of a 16-shot, 56-second storyboard (the lighthouse fixture
//! four times over) lowered with the generic profile.

use scenec::ir::{KeyframePlan, Storyboard};
use scenec::lower::{LowerOptions, lower};
use scenec::preview::{html, markdown, term};
use scenec::target;

fn main() {
    divan::main();
}

fn inputs() -> (Storyboard, KeyframePlan) {
    let mut sb: Storyboard =
        serde_json::from_str(include_str!("../tests/fixtures/lighthouse.json"))
            .expect("the fixture is a storyboard");
    let base = sb.shots.clone();
    sb.shots = (0..4)
        .flat_map(|round| {
            base.iter().cloned().map(move |mut shot| {
                shot.id = format!("{}r{round}", shot.id);
                shot
            })
        })
        .collect();
    sb.duration_s = sb.shots.iter().map(|s| s.duration_s).sum();
    let (checked, _) = scenec::check::accept(sb.clone()).expect("a clean storyboard");
    let plan = lower(&checked, &target::GENERIC, &LowerOptions::default()).expect("lowers");
    (sb, plan)
}

#[divan::bench]
fn terminal_table(bencher: divan::Bencher) {
    let (sb, plan) = inputs();
    bencher.bench(|| term::render(divan::black_box(&sb), divan::black_box(&plan), true));
}

#[divan::bench]
fn markdown_shot_list(bencher: divan::Bencher) {
    let (sb, plan) = inputs();
    bencher.bench(|| markdown::render(divan::black_box(&sb), divan::black_box(&plan)));
}

#[divan::bench]
fn html_page(bencher: divan::Bencher) {
    let (sb, plan) = inputs();
    bencher.bench(|| html::render(divan::black_box(&sb), divan::black_box(&plan)));
}
