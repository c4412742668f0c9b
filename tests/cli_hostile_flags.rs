//! Hostile terminals and flags (issue 14): a full or closed standard output or standard
//! error is exit 2 "cannot write to standard output" in every command, never a panic; every
//! numeric flag and scenec.toml key outside its range is a usage error (exit 2); a video of
//! up to an hour is kept as asked and a longer one is shortened with a `fixed` diagnostic,
//! never silently.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;

/// The repository's `examples/` folder.
fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .display()
        .to_string()
}

/// The scenec binary with no LLM endpoint from the environment, run in `dir` (so that no
/// stray scenec.toml applies).
fn scenec(dir: &Path) -> Command {
    let mut cmd = Command::new(cargo_bin("scenec"));
    cmd.current_dir(dir)
        .env_remove("OPENAI_BASE_URL")
        .env_remove("OPENAI_API_KEY")
        .env_remove("RUST_LOG");
    cmd
}

/// Status code and standard error of `cmd` with standard output and error as given.
fn run(mut cmd: Command, stdout: Stdio, stderr: Stdio) -> (Option<i32>, String) {
    let output = cmd
        .stdout(stdout)
        .stderr(stderr)
        .output()
        .unwrap_or_else(|e| panic!("cannot run scenec: {e}"));
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `/dev/full`, opened for writing: every write fails with "No space left on device".
fn full() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .map(Stdio::from)
        .unwrap_or_else(|e| panic!("/dev/full: {e}"))
}

/// A small batch input and a one-case eval suite in `dir`.
fn inputs(dir: &Path) -> (PathBuf, PathBuf) {
    let batch = dir.join("in.jsonl");
    std::fs::write(&batch, "{\"id\": 1, \"prompt\": \"a cat walks\"}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let suite = dir.join("suite.jsonl");
    std::fs::write(
        &suite,
        "{\"id\": \"c1\", \"category\": \"camera\", \"prompt\": \"a cat walks to the left\", \"expect\": {\"entities\": [\"cat\"]}}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (batch, suite)
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_exit_2_in_every_command() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (batch, suite) = inputs(tmp.path());
    let (batch, suite) = (batch.display().to_string(), suite.display().to_string());
    let panda = example("panda.json");
    let commands: Vec<Vec<&str>> = vec![
        vec!["schema", "storyboard"],
        vec!["backends"],
        vec!["backends", "--format", "json"],
        vec!["config"],
        vec!["compile", "a cat walks"],
        vec!["compile", "a cat walks", "--format", "yaml"],
        vec!["compile", "a cat walks", "--format", "term"],
        vec!["compile", "a cat walks", "--dry-run"],
        vec!["check", &panda, "--format", "json"],
        vec!["eval", &suite],
        vec!["preview", &panda],
        vec!["lower", &panda, "--backend", "wan"],
        vec!["batch", &batch],
        vec!["completions", "bash"],
    ];
    for args in commands {
        let mut cmd = scenec(tmp.path());
        cmd.args(&args);
        let (code, stderr) = run(cmd, full(), Stdio::piped());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_error_is_exit_2_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = tmp.path().join("out").display().to_string();
    let panda = example("panda.json");
    let commands: Vec<Vec<&str>> = vec![
        // "wrote FILE" lines
        vec!["compile", "a cat walks", "-o", &out],
        // an error message
        vec!["compile", "   "],
        vec!["check", "missing.json"],
        // the summary of a check
        vec!["check", &panda],
    ];
    for args in commands {
        let mut cmd = scenec(tmp.path());
        cmd.args(&args);
        let (code, _) = run(cmd, Stdio::null(), full());
        assert_eq!(code, Some(2), "{args:?}");
    }
}

#[test]
fn a_bad_value_of_any_numeric_flag_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (_, suite) = inputs(tmp.path());
    let suite = suite.display().to_string();
    let panda = example("panda.json");
    let compile = |flag: &str, value: &str| -> Vec<String> {
        vec![
            "compile".into(),
            "a cat walks".into(),
            "--dry-run".into(),
            format!("{flag}={value}"),
        ]
    };
    let mut cases: Vec<Vec<String>> = Vec::new();
    for flag in ["--connect-timeout", "--read-timeout", "--request-timeout"] {
        for value in ["1e19", "0", "-1", "NaN", "inf", "86401"] {
            cases.push(compile(flag, value));
        }
    }
    for value in ["3601", "0", "-1", "NaN", "inf"] {
        cases.push(compile("--duration", value));
        cases.push(vec![
            "batch".into(),
            "in.jsonl".into(),
            format!("--duration={value}"),
        ]);
    }
    for value in ["0", "-1", "NaN", "inf", "1e9"] {
        cases.push(vec![
            "compile".into(),
            "a cat walks".into(),
            format!("--keyframe-interval={value}"),
        ]);
        cases.push(vec![
            "lower".into(),
            panda.clone(),
            format!("--keyframe-interval={value}"),
        ]);
    }
    for value in ["NaN", "1.01", "-0.1", "inf"] {
        cases.push(vec![
            "eval".into(),
            suite.clone(),
            format!("--min-score={value}"),
        ]);
    }
    cases.push(compile("--max-response-bytes", "0"));
    cases.push(compile("--max-attempts", "0"));
    cases.push(compile("--max-tokens", "0"));
    for value in ["NaN", "2.5", "-1"] {
        cases.push(compile("--temperature", value));
    }
    for args in cases {
        let mut cmd = scenec(tmp.path());
        cmd.args(&args);
        let (code, stderr) = run(cmd, Stdio::null(), Stdio::piped());
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("invalid value"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_bad_value_in_scenec_toml_names_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (text, key) in [
        ("read_timeout = 1e19", "read_timeout"),
        ("connect_timeout = 0", "connect_timeout"),
        ("\nduration = 3601", "duration"),
        ("keyframe_interval = nan", "keyframe_interval"),
        ("max_response_bytes = 0", "max_response_bytes"),
        ("max_attempts = 0", "max_attempts"),
        ("temperature = 2.5", "temperature"),
    ] {
        std::fs::write(tmp.path().join("scenec.toml"), text).unwrap_or_else(|e| panic!("{e}"));
        let mut cmd = scenec(tmp.path());
        cmd.args(["compile", "a cat walks", "--dry-run"]);
        let (code, stderr) = run(cmd, Stdio::null(), Stdio::piped());
        assert_eq!(code, Some(2), "{text}: {stderr}");
        let line = if text.starts_with('\n') { 2 } else { 1 };
        assert!(
            stderr.contains(&format!("scenec.toml:{line}: key `{key}`")),
            "{text}: {stderr}"
        );
    }
}

#[test]
fn an_hour_long_video_is_kept_and_a_longer_one_is_shortened_with_a_diagnostic() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let output = scenec(tmp.path())
        .args([
            "compile",
            "a cat walks",
            "--duration",
            "3600",
            "--format",
            "json",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(0));
    let printed: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(printed["storyboard"]["duration_s"], 3600.0);

    for (prompt, asked) in [
        ("a cat sleeps for 3601 seconds", "3601 s"),
        ("a 90-minute video of a cat sleeping", "5400 s"),
    ] {
        let output = scenec(tmp.path())
            .args(["compile", prompt, "--format", "json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{prompt}: {stderr}");
        let printed: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(printed["storyboard"]["duration_s"], 3600.0, "{prompt}");
        assert!(
            stderr.contains(&format!(
                "fixed[E0102] at /duration_s: the prompt asks for a video of {asked}, longer than the limit of 3600 s (one hour); it was shortened to 3600 s"
            )),
            "{prompt}: {stderr}"
        );
    }
}
