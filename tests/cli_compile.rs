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
    // the generic payload is the plan itself: written once, as plan.json
    assert_eq!(
        names(dir.path()),
        ["meta.json", "plan.json", "storyboard.json"]
    );
}

/// The file names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn compile_and_lower_name_their_output_files_by_one_rule() {
    for backend in ["generic", "wan", "comfy-schedule", "cameractrl"] {
        let compiled = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
        let lowered = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
        scenec()
            .args([
                "-q",
                "compile",
                "a red car drives from right to left, then the camera pans left",
                "--director",
                "heuristic",
                "--backend",
                backend,
                "-o",
            ])
            .arg(compiled.path())
            .assert()
            .success();
        scenec()
            .args(["-q", "lower"])
            .arg(compiled.path().join("storyboard.json"))
            .args(["--backend", backend, "-o"])
            .arg(lowered.path())
            .assert()
            .success();
        let (from_compile, from_lower) = (names(compiled.path()), names(lowered.path()));
        let expected: Vec<String> = from_lower
            .iter()
            .cloned()
            .chain(["meta.json".into(), "storyboard.json".into()])
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(from_compile, expected, "{backend}");
        for name in &from_lower {
            let read = |dir: &std::path::Path| {
                std::fs::read_to_string(dir.join(name))
                    .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
            };
            assert!(
                read(compiled.path()) == read(lowered.path()),
                "{backend}: {name} differs between compile -o and lower -o"
            );
        }
        let payload = match backend {
            "generic" => None,
            "comfy-schedule" => Some("comfy-schedule.txt".to_string()),
            "cameractrl" => Some("clips.json".to_string()),
            other => Some(format!("{other}.json")),
        };
        if let Some(payload) = payload {
            assert!(from_lower.contains(&payload), "{backend}: {from_lower:?}");
        }
        assert!(!from_compile.iter().any(|n| n.starts_with("payload")));
    }
}

#[test]
fn piped_output_is_json_without_a_second_copy_of_the_generic_plan() {
    let out = scenec()
        .args(["compile", "a red car drives from right to left"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(out.status.success());
    let value: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert!(value.get("plan").is_some() && value.get("payload").is_none());
    let wan = scenec()
        .args([
            "compile",
            "a red car drives from right to left",
            "--backend",
            "wan",
        ])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    let value: serde_json::Value =
        serde_json::from_slice(&wan.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert!(value["payload"]["clips"].is_array(), "{value}");
}

#[test]
fn term_format_takes_the_color_flag() {
    let run = |color: &str| {
        let out = scenec()
            .args([
                "compile",
                "a red car drives from right to left",
                "--format",
                "term",
                "--color",
                color,
            ])
            .output()
            .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
        assert!(
            out.status.success(),
            "--color {color}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let plain = run("never");
    assert!(plain.contains("shot") && !plain.contains('\x1b'), "{plain}");
    assert!(run("always").contains("\x1b["));
    let bad = scenec()
        .args(["compile", "a cat", "--color", "sometimes"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert_eq!(bad.status.code(), Some(2));
}

/// Runs `scenec ARGS` on a pseudo-terminal with util-linux's `script` (in Debian's essential
/// `bsdutils`, so always there on the CI machine) and returns what it printed.
#[cfg(target_os = "linux")]
fn on_a_terminal(args: &[&str]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("scenec");
    let quoted: Vec<String> = std::iter::once(bin.to_string_lossy().into_owned())
        .chain(args.iter().map(|a| (*a).to_owned()))
        .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
        .collect();
    let out = std::process::Command::new("script")
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| {
            panic!("util-linux `script` (Debian: bsdutils) runs scenec on a terminal: {e}")
        });
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    text
}

#[test]
#[cfg(target_os = "linux")]
fn on_a_terminal_compile_prints_the_preview_not_json() {
    let prompt = "a panda bear walks from left to right, then turns and waves";
    let text = on_a_terminal(&["compile", prompt]);
    assert!(!text.trim_start().starts_with('{'), "{text}");
    assert!(
        text.contains("Panda bear walks from left to right"),
        "{text}"
    );
    assert!(text.contains("keyframes"), "{text}");
    assert!(text.len() < 8000, "{} bytes", text.len());
    let json = on_a_terminal(&["compile", prompt, "--format", "json"]);
    assert!(json.trim_start().starts_with('{'), "{json}");
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
    assert!(dir.path().join("clips.json").is_file());
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

#[test]
fn a_setting_that_starts_with_a_preposition_gets_no_second_one() {
    for backend in scenec::backend::NAMES {
        let out = scenec()
            .args([
                "compile",
                "a man walks slowly in the rain",
                "--format",
                "json",
                "--backend",
                backend,
            ])
            .output()
            .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
        assert!(out.status.success(), "{backend}");
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        assert!(
            text.contains("in the rain"),
            "{backend}: no setting in\n{text}"
        );
        assert!(
            !text.contains("in in "),
            "{backend}: a doubled preposition in\n{text}"
        );
    }
}

#[test]
fn a_long_title_is_cut_at_a_phrase_boundary_up_to_the_cameractrl_headers() {
    let out = scenec()
        .args([
            "compile",
            "a cat jumps onto the kitchen table next to the old wooden chair",
            "--backend",
            "cameractrl",
        ])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    let value: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(
        value["storyboard"]["title"],
        "Cat jumps onto the kitchen table"
    );
    let header = value["payload"][0]["content"]
        .as_str()
        .and_then(|text| text.lines().next())
        .unwrap_or_default();
    assert_eq!(
        header,
        "scenec://Cat_jumps_onto_the_kitchen_table/s1/clip-01"
    );
}
