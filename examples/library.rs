//! The library API in ten lines: compile a prompt, check the storyboard, lower it for
//! another backend and emit that backend's payload. Run it with
//! `cargo run --example library`; README.md shows the lines between the markers, and
//! tests/examples.rs fails when the two differ.

use scenec::backend::{Backend, Ltx, Wan};
use scenec::lower::LowerOptions;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // README begin
    let compiler = scenec::Compiler::builder()
        .director(scenec::director::Heuristic) // or LlmDirector::new(settings)?, ReplayDirector
        .backend(Wan)
        .build();
    let prompt = "a panda bear walks from left to right, then turns and waves";
    let out = compiler.compile(prompt).await?; // storyboard, plan, payload (for Wan), meta
    let diags = scenec::check(&out.storyboard); // warnings only: errors fail the compile
    let plan = scenec::lower(&out.storyboard, &Ltx.profile(), &LowerOptions::default())?;
    let payload = Ltx.emit(&out.storyboard, &plan)?; // the LTX-Video request
    // README end
    println!(
        "{} shot(s), {} diagnostic(s); Wan: {} keyframes; LTX: {} clip(s) of {} frames",
        out.storyboard.shots.len(),
        diags.len(),
        out.plan.keyframes.len(),
        plan.clips.len(),
        plan.clips.first().map_or(0, |c| c.num_frames),
    );
    println!("{}", payload.render());
    Ok(())
}
