//! `scenec analyze` and `scenec check --prompt`: the predicates in text and JSON, the gate's
//! findings as warnings (exit 0) or, with --strict-fidelity, errors (exit 1).

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("scenec binary: {e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const PANDA: &str = "a panda walks from left to right, then turns and waves";

#[test]
fn analyze_prints_the_predicates_as_text_and_json() {
    scenec()
        .args(["analyze", PANDA])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "0.90  entity      panda (noun \"panda\", count 1)",
        ))
        .stdout(predicate::str::contains(
            "order       panda walk → panda turn",
        ))
        .stdout(predicate::str::contains("path        panda: left → right"));
    let out = scenec()
        .args(["analyze", PANDA, "--format", "json", "--duration", "8"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let predicates: Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = predicates
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["entity", "order", "order", "path", "duration"]);
    assert_eq!(predicates[3]["from"], "left");
    assert_eq!(predicates[4]["seconds"], 8.0);
}

#[test]
fn analyze_refuses_an_empty_prompt() {
    scenec()
        .args(["analyze", "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the prompt is empty"));
}

#[test]
fn check_with_a_prompt_warns_about_what_the_storyboard_misses() {
    // examples/panda.json shows a panda walking left to right, turning and waving
    scenec()
        .args(["check", "examples/panda.json", "--prompt", PANDA])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("0 errors, 0 warnings"));
    let other = "a panda walks from right to left while the camera zooms in";
    scenec()
        .args(["check", "examples/panda.json", "--prompt", other])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning[F0302]"))
        .stderr(predicate::str::contains("warning[F0801]"))
        .stderr(predicate::str::contains("0 errors, 2 warnings"));
    scenec()
        .args([
            "check",
            "examples/panda.json",
            "--prompt",
            other,
            "--strict-fidelity",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"code\": \"F0302\""));
}
