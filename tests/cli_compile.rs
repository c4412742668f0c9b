//! `scenec compile`: the heuristic director end to end through the CLI.

use assert_cmd::Command;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

#[test]
fn compiles_the_panda_prompt_offline_by_default() {
    let out = scenec()
        .args([
            "compile",
            "a panda bear walks from left to right, then turns and waves",
        ])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(value["meta"]["director"], "heuristic");
    let verbs: Vec<&str> = value["storyboard"]["shots"][0]["actions"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["verb"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(verbs, ["walk", "turn", "wave"]);
    assert!(
        value["plan"]["keyframes"]
            .as_array()
            .is_some_and(|k| !k.is_empty())
    );
}

#[test]
fn yaml_format_and_duration_override() {
    let out = scenec()
        .args([
            "compile",
            "a fox runs across a field",
            "--format",
            "yaml",
            "--duration",
            "12",
            "--director",
            "heuristic",
        ])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("storyboard:"), "{text}");
    assert!(text.contains("duration_s: 12.0"), "{text}");
}

#[test]
fn out_dir_receives_one_file_per_document() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    scenec()
        .args(["compile", "a red car drives from right to left", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    for name in ["storyboard.json", "plan.json", "payload.json", "meta.json"] {
        assert!(dir.path().join(name).is_file(), "{name} missing");
    }
}

#[test]
fn out_dir_receives_a_multi_file_payload_as_separate_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    scenec()
        .args([
            "compile",
            "the camera pans left across a harbour",
            "--backend",
            "cameractrl",
            "-o",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let poses: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("cannot list the output: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    assert!(!poses.is_empty(), "no pose files written");
    for name in poses {
        let text = std::fs::read_to_string(dir.path().join(&name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let frame_line = text
            .lines()
            .nth(1)
            .unwrap_or_else(|| panic!("{name} has no frame line"));
        assert_eq!(
            frame_line.split_whitespace().count(),
            19,
            "{name}: {frame_line}"
        );
    }
    assert!(!dir.path().join("payload.json").exists());
}

#[test]
fn empty_prompt_is_a_clear_error() {
    let out = scenec()
        .args(["compile", "   "])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the prompt is empty"));
}

#[test]
fn unknown_backend_is_refused_with_the_known_names() {
    let out = scenec()
        .args(["compile", "a cat", "--backend", "nonesuch"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("generic"));
}
