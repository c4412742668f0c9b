//! `scenec check` and `scenec schema` end to end: compiler-style text, JSON for machines,
//! exit codes 0/1/2, standard input, --fix, and quiet exits into a closed pipe.

use std::io::Read;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("scenec binary: {e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const BROKEN: &str = "tests/fixtures/broken";

#[test]
fn a_clean_storyboard_exits_zero() {
    scenec()
        .args(["check", "examples/panda.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "examples/panda.json: 0 errors, 0 warnings",
        ));
}

#[test]
fn errors_render_like_a_compiler_and_exit_one() {
    scenec()
        .args(["check", &format!("{BROKEN}/E0401-unknown-action-entity.json")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[E0401]: the action's entity `pandaa` is not a declared entity\n  --> tests/fixtures/broken/E0401-unknown-action-entity.json#/shots/0/actions/2/entity\n   | \"pandaa\"\n  = help: did you mean `panda`?",
        ))
        .stderr(predicate::str::contains("1 error, 0 warnings"))
        .stderr(predicate::str::contains("Diagnostic {").not());
}

#[test]
fn a_version_1_file_is_read_upgraded_and_written_as_version_2() {
    scenec()
        .args(["check", "tests/fixtures/v1/panda.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "fixed[W0204]: a version 1 storyboard, upgraded to version 2: 1 cast entry inferred",
        ))
        .stderr(predicate::str::contains("0 errors, 0 warnings, 1 fixed"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let out = dir.path().join("panda-v2.json");
    scenec()
        .args(["check", "--fix", "tests/fixtures/v1/panda.json", "-o"])
        .arg(&out)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("fixed[W0204]"));
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("read: {e}"));
    let v2: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("JSON: {e}"));
    assert_eq!(v2["schema_version"], "2");
    assert_eq!(v2["shots"][0]["cast"][0]["entity"], "panda");
    assert_eq!(v2["shots"][0]["cast"][0]["placement"]["region"], "left");
    assert_eq!(v2["entities"][0]["count"], 1);
    scenec().args(["check"]).arg(&out).assert().code(0).stderr(
        predicate::str::contains("0 errors, 0 warnings")
            .and(predicate::str::contains("fixed").not()),
    );
}

#[test]
fn lower_and_preview_read_a_version_1_file_with_a_note() {
    for command in [
        vec![
            "lower",
            "tests/fixtures/v1/cat_table_chair.json",
            "--backend",
            "generic",
        ],
        vec![
            "preview",
            "tests/fixtures/v1/cat_table_chair.json",
            "--format",
            "md",
        ],
    ] {
        let out = scenec()
            .args(&command)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("fixed[W0204]"))
            .get_output()
            .stdout
            .clone();
        assert!(!out.is_empty(), "{command:?} printed nothing");
    }
}

#[test]
fn warnings_only_exit_zero() {
    scenec()
        .args(["check", &format!("{BROKEN}/W1001-unused-entity.json")])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning[W1001]"))
        .stderr(predicate::str::contains("0 errors, 1 warning"));
}

#[test]
fn json_format_is_an_array_of_diagnostics_on_stdout() {
    let out = scenec()
        .args([
            "check",
            "--format",
            "json",
            &format!("{BROKEN}/E0801-pan-up.json"),
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let value: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is JSON: {e}"));
    assert_eq!(value[0]["code"], "E0801");
    assert_eq!(value[0]["severity"], "error");
    assert_eq!(value[0]["path"], "/shots/0/camera/0/direction");
    assert!(
        value[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("tilt"))
    );
    scenec()
        .args(["check", "--format", "json", "examples/panda.json"])
        .assert()
        .code(0)
        .stdout("[]\n");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let doc = std::fs::read_to_string(format!(
        "{}/{BROKEN}/E0202-unsupported-version.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("fixture: {e}"));
    scenec()
        .args(["check", "-"])
        .write_stdin(doc)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--> <stdin>#/schema_version"));
}

#[test]
fn unreadable_or_non_json_input_exits_two() {
    scenec()
        .args(["check", "-"])
        .write_stdin("{\"title\": ")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: standard input is not valid JSON",
        ));
    scenec()
        .args(["check", "no/such/board.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no/such/board.json"));
    scenec()
        .args(["check", "--format", "xml", "examples/panda.json"])
        .assert()
        .code(2);
}

#[test]
fn a_schema_violation_exits_one_with_its_pointer() {
    scenec()
        .args(["check", &format!("{BROKEN}/E0001-unknown-enum-value.json")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("#/shots/0/framing"))
        .stderr(predicate::str::contains(
            "expected one of: extreme_wide, wide",
        ));
}

#[test]
fn fix_reports_each_change_and_writes_the_fixed_storyboard() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = dir.path().join("fixed.json");
    let out_arg = out.to_string_lossy().into_owned();
    scenec()
        .args([
            "check",
            "--fix",
            "-o",
            &out_arg,
            &format!("{BROKEN}/E0601-durations-do-not-add-up.json"),
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "fixed[E0601]: rescaled shot `s1` from 8 s to 10 s",
        ))
        .stderr(predicate::str::contains("0 errors, 0 warnings, 1 fixed"))
        .stderr(predicate::str::contains(format!("wrote {out_arg}")));
    scenec().args(["check", &out_arg]).assert().code(0);
    scenec()
        .args([
            "check",
            &format!("{BROKEN}/E0601-durations-do-not-add-up.json"),
        ])
        .assert()
        .code(1);
}

#[test]
fn fix_to_standard_output_or_quietly_prints_no_wrote_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = dir.path().join("fixed.json");
    let input = format!("{BROKEN}/E0601-durations-do-not-add-up.json");
    scenec()
        .args(["-q", "check", "--fix", "-o"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote").not());
    assert!(out.is_file());
    scenec()
        .args(["check", "--fix", "-o", "-", &input])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"schema_version\""))
        .stderr(predicate::str::contains("wrote").not());
}

#[test]
fn rescaling_never_makes_an_overshoot_worse() {
    // one 10 s shot in a 10.71 s video; its last action already ends at 12.5 s
    let mut sb: serde_json::Value = serde_json::from_str(include_str!("../examples/panda.json"))
        .unwrap_or_else(|e| panic!("panda.json: {e}"));
    sb["duration_s"] = 10.71.into();
    sb["shots"][0]["duration_s"] = 10.0.into();
    sb["shots"][0]["actions"][2]["start_s"] = 9.0.into();
    sb["shots"][0]["actions"][2]["end_s"] = 12.5.into();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let input = dir.path().join("overshoot.json");
    let fixed = dir.path().join("fixed.json");
    std::fs::write(&input, sb.to_string()).unwrap_or_else(|e| panic!("write: {e}"));
    scenec()
        .args(["check", "--fix", "-o"])
        .arg(&fixed)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fixed[E0601]"))
        .stderr(predicate::str::contains("error[E0503]"));
    let text = std::fs::read_to_string(&fixed).unwrap_or_else(|e| panic!("read: {e}"));
    let out: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("fixed JSON: {e}"));
    let shot = &out["shots"][0];
    let overshoot = shot["actions"][2]["end_s"].as_f64().unwrap_or(f64::NAN)
        - shot["duration_s"].as_f64().unwrap_or(f64::NAN);
    assert!(
        overshoot <= 2.5 + 1e-9,
        "the overshoot grew to {overshoot} s"
    );
}

#[test]
fn fix_leaves_genuine_errors() {
    scenec()
        .args([
            "check",
            "--fix",
            &format!("{BROKEN}/E0503-action-far-outside-shot.json"),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E0503]"))
        .stderr(predicate::str::contains("fixed[").not());
}

#[test]
fn an_oversized_storyboard_is_rejected_quickly_with_a_limit_error() {
    let mut doc: Value = serde_json::from_str(include_str!("../examples/panda.json"))
        .unwrap_or_else(|e| panic!("panda: {e}"));
    let shot = doc["shots"][0].clone();
    doc["shots"] = Value::Array(vec![shot; 10_000]);
    scenec()
        .args(["check", "-"])
        .write_stdin(doc.to_string())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error[E0101]: the storyboard has 10000 shots, more than the limit of 200",
        ));
}

#[test]
fn schema_prints_each_schema_as_committed() {
    for (which, file) in [
        ("storyboard", "storyboard.schema.json"),
        ("wire", "storyboard.wire.schema.json"),
        ("plan", "keyframe-plan.schema.json"),
    ] {
        let committed =
            std::fs::read_to_string(format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR")))
                .unwrap_or_else(|e| panic!("schemas/{file}: {e}"));
        scenec()
            .args(["schema", which])
            .assert()
            .code(0)
            .stdout(committed);
    }
}

#[test]
fn a_closed_pipe_is_exit_2_with_the_reason_instead_of_a_panic() {
    let bin = assert_cmd::cargo::cargo_bin("scenec");
    let mut child = std::process::Command::new(bin)
        .args(["schema", "wire"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    drop(child.stdout.take());
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut stderr)
            .unwrap_or_else(|e| panic!("stderr: {e}"));
    }
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("error: cannot write to standard output: Broken pipe"),
        "{stderr}"
    );
}

#[test]
fn a_byte_order_mark_is_dropped_and_a_huge_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let marked = dir.path().join("marked.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(include_bytes!("../examples/panda.json"));
    std::fs::write(&marked, bytes).unwrap_or_else(|e| panic!("{e}"));
    scenec().arg("check").arg(&marked).assert().success();
    let huge = dir.path().join("huge.json");
    let file = std::fs::File::create(&huge).unwrap_or_else(|e| panic!("{e}"));
    // a sparse file: no disk space used
    file.set_len(scenec::check::limits::MAX_STORYBOARD_BYTES + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    for command in ["check", "lower", "preview"] {
        scenec()
            .arg(command)
            .arg(&huge)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "is 16.0 MiB, over the 16 MiB limit for a storyboard",
            ));
    }
    // standard input is cut at the limit instead
    scenec()
        .args(["check", "-"])
        .write_stdin(vec![
            b' ';
            (scenec::check::limits::MAX_STORYBOARD_BYTES + 10)
                as usize
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "standard input is over the 16 MiB limit for a storyboard",
        ));
}
