//! The library pipeline in one call: `Compiler::compile`.

use scenec::Compiler;

#[tokio::test]
async fn compile_reports_each_diagnostic_once() {
    let compiler = Compiler::builder().build();
    let out = compiler
        .compile("A lighthouse on a rocky cliff; the camera slowly pans across the coastline.")
        .await
        .expect("the heuristic director compiles this prompt");
    assert!(
        !out.diagnostics.is_empty(),
        "a pan without a direction is worth a warning"
    );
    for (i, d) in out.diagnostics.iter().enumerate() {
        assert!(
            !out.diagnostics[i + 1..].contains(d),
            "diagnostic reported twice: {d:?}"
        );
    }
}

#[tokio::test]
async fn compile_of_an_empty_prompt_is_a_typed_error() {
    let compiler = Compiler::builder().build();
    let err = compiler
        .compile("   ")
        .await
        .expect_err("nothing to direct");
    assert!(err.to_string().contains("empty"), "{err}");
}

/// The calls of the library example in README.md and examples/library.rs, with assertions.
#[tokio::test]
async fn readme_library_example_runs() -> Result<(), Box<dyn std::error::Error>> {
    use scenec::backend::{Backend, Ltx, Wan};
    use scenec::lower::LowerOptions;
    use scenec::target;

    let compiler = scenec::Compiler::builder()
        .director(scenec::director::Heuristic)
        .backend(Wan)
        .build();
    let out = compiler
        .compile("a panda bear walks from left to right, then turns and waves")
        .await?;
    // out.storyboard, out.plan (for Wan), out.payload (Wan's request), out.meta
    let storyboard = out.storyboard.clone().into_storyboard();
    let (checked, diags) = scenec::check::accept(storyboard)?;
    let plan = scenec::lower(&checked, &target::LTX, &LowerOptions::default())?;
    let payload = Ltx.emit(&plan)?;

    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(out.plan.backend, "wan");
    assert_eq!(plan.backend, "ltx");
    assert!(plan.clips.iter().all(|c| c.num_frames % 8 == 1));
    assert!(!payload.render().is_empty());
    Ok(())
}
