//! The library API in ten lines: compile a prompt, check a storyboard, lower it for
//! another backend's profile and emit that backend's payload from the plan alone. Run it with
//! `cargo run --example library`; README.md shows the lines between the markers, and
//! tests/examples.rs fails when the two differ.

use scenec::backend::{Backend, Ltx, Wan};
use scenec::lower::LowerOptions;
use scenec::target;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // README begin
    let compiler = scenec::Compiler::builder()
        .director(scenec::director::Heuristic) // or LlmDirector::new(settings)?, ReplayDirector
        .backend(Wan)
        .build();
    let prompt = "a panda bear walks from left to right, then turns and waves";
    let out = compiler.compile(prompt).await?; // storyboard, plan, payload (for Wan), meta
    let storyboard = out.storyboard.clone().into_storyboard(); // e.g. edited, or read from a file
    let (checked, diags) = scenec::check::accept(storyboard)?; // errors: Err(Rejected)
    let plan = scenec::lower(&checked, &target::LTX, &LowerOptions::default())?;
    let payload = Ltx.emit(&plan)?; // the LTX-Video request, from the plan alone
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
