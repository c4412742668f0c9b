//! `--verify` on `scenec lower` and `scenec compile`: the translation validation is printed
//! on standard error, the payload still on standard output, and a plan that fails to show a
//! statement exits 1.

use assert_cmd::Command;
use predicates::prelude::*;

const PANDA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json");

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY").env_remove("RUST_LOG");
    cmd
}

/// Two cast members each stated left of the other: the solver must relax one.
const CONTRADICTION: &str = r#"{
  "schema_version": "2", "title": "fox and hare", "duration_s": 3.0, "style": "",
  "entities": [
    {"id": "fox", "kind": "animal", "description": "a red fox"},
    {"id": "hare", "kind": "animal", "description": "a brown hare"}
  ],
  "shots": [{
    "id": "s1", "duration_s": 3.0, "setting": "a meadow", "description": "they wait",
    "framing": "full", "angle": "eye_level", "camera": [],
    "cast": [
      {"entity": "fox", "placement": {"region": null, "relation": "left_of", "anchor": "hare"}, "enter_s": null, "exit_s": null},
      {"entity": "hare", "placement": {"region": null, "relation": "left_of", "anchor": "fox"}, "enter_s": null, "exit_s": null}
    ],
    "actions": [], "transition": "cut"
  }]
}"#;

#[test]
fn lower_verify_reports_a_faithful_plan_on_stderr() {
    scenec()
        .args(["lower", PANDA, "--backend", "wan", "--verify"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("{"))
        .stderr(predicate::str::contains(
            "verify: the wan plan shows every statement of the storyboard",
        ));
}

#[test]
fn lower_verify_names_a_relaxed_relation_and_exits_1() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = dir.path().join("contradiction.json");
    std::fs::write(&file, CONTRADICTION).unwrap_or_else(|e| panic!("write: {e}"));
    scenec()
        .args(["lower"])
        .arg(&file)
        .args(["--backend", "generic", "--verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"layout_notes\""))
        .stderr(
            predicate::str::contains("verify: V0107 /shots/0/cast/1/placement")
                .and(predicate::str::contains("fails to show 1 statement")),
        );
}

#[test]
fn lower_without_verify_is_silent_about_it() {
    scenec()
        .args(["lower", PANDA, "--backend", "generic"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("verify").not());
}

#[test]
fn compile_verify_checks_the_heuristic_plan() {
    scenec()
        .args([
            "compile",
            "three puppies play next to a red car",
            "--director",
            "heuristic",
            "--format",
            "json",
            "--verify",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "verify: the generic plan shows every statement of the storyboard",
        ));
}
