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
