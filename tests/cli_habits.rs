//! The CLI's habits: `scenec.toml` and its precedence, `completions`, `-q` / `-v`, the exit
//! codes in `--help`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// scenec run in `dir` with no LLM variables and no RUST_LOG.
fn scenec_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.current_dir(dir)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("RUST_LOG");
    cmd
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The URL and model of the request `compile --dry-run` would send.
fn dry_run(cmd: &mut Command, flags: &[&str]) -> (String, String) {
    let out = cmd
        .args(["compile", "a cat sleeps", "--dry-run"])
        .args(flags)
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let text = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_owned();
    (text(&v["url"]), text(&v["body"]["model"]))
}

const FILE: &str = "model = \"file-model\"\nbase_url = \"http://127.0.0.1:9/file/v1\"\n";

#[test]
fn the_file_in_the_working_directory_sets_defaults() {
    let dir = temp();
    write(&dir.path().join("scenec.toml"), FILE);
    let (url, model) = dry_run(&mut scenec_in(dir.path()), &[]);
    assert_eq!(url, "http://127.0.0.1:9/file/v1/chat/completions");
    assert_eq!(model, "file-model");
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file() {
    let dir = temp();
    write(&dir.path().join("scenec.toml"), FILE);
    let (url, model) = dry_run(
        scenec_in(dir.path()).env("OPENAI_BASE_URL", "http://127.0.0.1:9/env/v1"),
        &["--model", "flag-model"],
    );
    assert_eq!(url, "http://127.0.0.1:9/env/v1/chat/completions");
    assert_eq!(model, "flag-model");
    let (url, _) = dry_run(
        scenec_in(dir.path()).env("OPENAI_BASE_URL", "http://127.0.0.1:9/env/v1"),
        &["--base-url", "http://127.0.0.1:9/flag/v1"],
    );
    assert_eq!(url, "http://127.0.0.1:9/flag/v1/chat/completions");
}

#[test]
fn without_a_file_the_built_in_defaults_apply() {
    let dir = temp();
    let (url, model) = dry_run(&mut scenec_in(dir.path()), &[]);
    assert_eq!(url, "https://api.openai.com/v1/chat/completions");
    assert_eq!(model, scenec::director::llm::settings::DEFAULT_MODEL);
}

#[test]
fn config_flag_names_another_file_and_a_missing_one_is_an_error() {
    let dir = temp();
    write(
        &dir.path().join("team.toml"),
        "backend = \"ltx\"\nduration = 4\n",
    );
    let out = scenec_in(dir.path())
        .args([
            "--config",
            "team.toml",
            "compile",
            "a fox runs across a field",
        ])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(v["plan"]["backend"], "ltx");
    assert_eq!(v["storyboard"]["duration_s"], 4.0);
    scenec_in(dir.path())
        .args(["--config", "nope.toml", "backends"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the config file nope.toml",
        ));
}

#[test]
fn a_bad_file_names_file_line_and_key() {
    let dir = temp();
    write(
        &dir.path().join("scenec.toml"),
        "backend = \"wan\"\nmax_token = 512\n",
    );
    scenec_in(dir.path())
        .arg("backends")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: scenec.toml:2: unknown key `max_token`; did you mean `max_tokens`?",
        ));
    write(&dir.path().join("scenec.toml"), "api_key = \"sk-secret\"\n");
    scenec_in(dir.path())
        .arg("backends")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("api_key_env")
                .and(predicate::str::contains("sk-secret").not()),
        );
}

#[test]
fn config_subcommand_shows_values_and_sources() {
    let dir = temp();
    write(&dir.path().join("scenec.toml"), FILE);
    let out = scenec_in(dir.path())
        .env("OPENAI_BASE_URL", "http://127.0.0.1:9/env/v1")
        .arg("config")
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let row = |key: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .map(|l| l.split_whitespace().take(3).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        row("model"),
        ["model", "file-model", "scenec.toml"],
        "{text}"
    );
    assert_eq!(
        row("base_url"),
        ["base_url", "http://127.0.0.1:9/env/v1", "environment"],
        "{text}"
    );
    assert_eq!(
        row("easing"),
        ["easing", "ease-in-out", "default"],
        "{text}"
    );
}

#[test]
fn bash_completions_cover_every_subcommand_and_parse() {
    let dir = temp();
    let out = scenec_in(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(out.status.success());
    let script = String::from_utf8_lossy(&out.stdout).to_string();
    for sub in [
        "schema",
        "check",
        "preview",
        "compile",
        "batch",
        "eval",
        "lower",
        "backends",
        "config",
        "completions",
    ] {
        assert!(
            script.contains(&format!("scenec__subcmd__{sub}")),
            "{sub} missing"
        );
    }
    assert!(script.contains("--keyframe-interval") && script.contains("--quiet"));
    let path = dir.path().join("scenec.bash");
    write(&path, &script);
    // `bash -n` parses without running; bash is part of every machine this runs on.
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap_or_else(|e| panic!("cannot run bash to parse the completion script: {e}"));
    assert!(status.success(), "bash -n rejected the script");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        scenec_in(dir.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("scenec"));
    }
}

#[test]
fn quiet_drops_informational_lines_and_verbose_traces_the_stages() {
    let dir = temp();
    let out_dir = dir.path().join("out");
    let out = scenec_in(dir.path())
        .args(["-q", "compile", "a cat sleeps", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out_dir.join("storyboard.json").is_file());
    let loud = scenec_in(dir.path())
        .args(["compile", "a cat sleeps", "-o"])
        .arg(&out_dir)
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(String::from_utf8_lossy(&loud.stderr).contains("wrote "));
    let traced = scenec_in(dir.path())
        .args(["-v", "compile", "a cat sleeps"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    let log = String::from_utf8_lossy(&traced.stderr).to_string();
    for stage in ["compiling", "directed", "checked", "lowered", "emitted"] {
        assert!(log.contains(stage), "{stage} missing from\n{log}");
    }
    assert!(
        !log.contains("heuristic: clauses read"),
        "-v shows no debug"
    );
    let debug = scenec_in(dir.path())
        .args(["-vv", "compile", "a cat sleeps"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(String::from_utf8_lossy(&debug.stderr).contains("heuristic: clauses read"));
    let env = scenec_in(dir.path())
        .env("RUST_LOG", "scenec::compiler=info")
        .args(["compile", "a cat sleeps"])
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    let log = String::from_utf8_lossy(&env.stderr).to_string();
    assert!(log.contains("lowered"), "RUST_LOG ignored:\n{log}");
    scenec_in(dir.path())
        .args(["-q", "-v", "backends"])
        .assert()
        .code(2);
}

#[test]
fn help_lists_the_exit_codes() {
    let dir = temp();
    scenec_in(dir.path()).arg("--help").assert().code(0).stdout(
        predicate::str::contains("Exit codes:").and(predicate::str::contains("  2  bad usage")),
    );
}

/// The "N keyframe(s)" of a Markdown preview of examples/panda.json run in `dir`.
fn preview_keyframes(dir: &Path, flags: &[&str]) -> usize {
    let panda = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json");
    let out = scenec_in(dir)
        .args(["preview", panda, "--format", "md"])
        .args(flags)
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.split(" · ")
        .find_map(|part| part.strip_suffix(" keyframe(s)"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no keyframe count in\n{text}"))
}

#[test]
fn lowering_keys_reach_preview_and_the_flag_still_wins() {
    let dir = temp();
    let default = preview_keyframes(dir.path(), &[]);
    write(
        &dir.path().join("scenec.toml"),
        "keyframe_interval = 0.25\n",
    );
    let dense = preview_keyframes(dir.path(), &[]);
    assert!(
        dense > default,
        "{dense} keyframes at 0.25 s, {default} at 1 s"
    );
    assert_eq!(
        preview_keyframes(dir.path(), &["--keyframe-interval", "1"]),
        default
    );
}

#[test]
fn batch_ingest_lowers_with_the_lowering_flags() {
    let dir = temp();
    let at = |name: &str| dir.path().join(name);
    write(
        &at("in.jsonl"),
        "{\"id\": \"p\", \"prompt\": \"a panda waves\"}\n",
    );
    scenec_in(dir.path())
        .args([
            "batch",
            "in.jsonl",
            "--emit-requests",
            "req.jsonl",
            "--model",
            "m",
        ])
        .assert()
        .code(0);
    let panda =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json"))
            .unwrap_or_else(|e| panic!("no panda: {e}"));
    let answer = serde_json::json!({
        "id": "batch_req_p", "custom_id": "p",
        "response": {"status_code": 200, "request_id": "r", "body": {
            "choices": [{"index": 0, "message": {"role": "assistant", "content": panda}, "finish_reason": "stop"}]}},
        "error": null
    });
    write(&at("results.jsonl"), &format!("{answer}\n"));
    let keyframes = |interval: &str| -> usize {
        scenec_in(dir.path())
            .args(["-q", "batch", "in.jsonl", "--requests", "req.jsonl"])
            .args(["--ingest", "results.jsonl", "-o", "out.jsonl"])
            .args(["--keyframe-interval", interval])
            .assert()
            .code(0);
        let text =
            std::fs::read_to_string(at("out.jsonl")).unwrap_or_else(|e| panic!("no output: {e}"));
        let line: serde_json::Value =
            serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"));
        line["keyframes"]["keyframes"]
            .as_array()
            .map_or(0, Vec::len)
    };
    let (dense, sparse) = (keyframes("0.25"), keyframes("2"));
    assert!(
        sparse > 0 && dense > sparse,
        "{dense} at 0.25 s, {sparse} at 2 s"
    );
}
