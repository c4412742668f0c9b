//! `scenec batch` against data loss and bad input (issue 14): repeated ids survive a resume,
//! an output that is the input is refused, `--resume` appends only to batch results, a bad
//! UTF-8 byte costs one line, a byte-order mark is dropped, size and prompt limits, and a
//! SIGTERM before the output is touched leaves it as it was.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

mod support;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every line of `text` as JSON (a torn or bad line fails the test).
fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l}: {e}")))
        .collect()
}

fn line(id: Value, prompt: &str) -> String {
    format!("{}\n", json!({"id": id, "prompt": prompt}))
}

/// (id, error code) of each line, sorted.
fn outcomes(lines: &[Value]) -> Vec<(String, String)> {
    let mut got: Vec<(String, String)> = lines
        .iter()
        .map(|l| (l["id"].to_string(), l["error"]["code"].to_string()))
        .collect();
    got.sort();
    got
}

#[test]
fn a_repeated_id_written_first_still_ends_with_one_line_per_input_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    let input = [
        line(json!("a"), "a panda walks"),
        line(json!("b"), "a fox jumps"),
        line(json!("a"), "a cat sleeps"),
    ]
    .concat();
    write(&inp, &input);
    let run = |resume: bool| {
        let mut cmd = scenec();
        cmd.args(["batch", "--director", "heuristic", "-o"])
            .arg(&out)
            .arg(&inp);
        if resume {
            cmd.arg("--resume");
        }
        cmd.assert().success();
    };
    run(false);
    let full = lines(&read(&out));
    // an interrupted run that had written only the repeat's duplicate_id line
    let repeat: Vec<&Value> = full
        .iter()
        .filter(|l| l["error"]["code"] == "duplicate_id")
        .collect();
    assert_eq!(repeat.len(), 1);
    write(&out, format!("{}\n", repeat[0]));
    run(true);
    let resumed = lines(&read(&out));
    assert_eq!(
        outcomes(&resumed),
        [
            ("\"a\"".to_string(), "\"duplicate_id\"".to_string()),
            ("\"a\"".to_string(), "null".to_string()),
            ("\"b\"".to_string(), "null".to_string()),
        ]
    );
    // and a second resume finds nothing left to do
    run(true);
    assert_eq!(lines(&read(&out)).len(), 3);
}

#[test]
fn an_output_that_is_the_input_is_refused_also_through_a_link() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inp = dir.path().join("same.jsonl");
    let input = line(json!(1), "a panda walks");
    write(&inp, &input);
    let link = dir.path().join("link.jsonl");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&inp, &link).unwrap_or_else(|e| panic!("{e}"));
    #[cfg(not(unix))]
    std::fs::hard_link(&inp, &link).unwrap_or_else(|e| panic!("{e}"));
    for (out, resume) in [(&inp, false), (&inp, true), (&link, false), (&link, true)] {
        let mut cmd = scenec();
        cmd.args(["batch", "--director", "heuristic", "-o"])
            .arg(out)
            .arg(&inp);
        if resume {
            cmd.arg("--resume");
        }
        let run = cmd.assert().code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
        assert!(
            stderr.contains("is the input") && stderr.contains("choose another output file"),
            "{stderr}"
        );
        assert_eq!(read(&inp), input, "the input was changed");
    }
    // the Batch API modes too
    let run = scenec()
        .args(["batch", "--model", "m", "--emit-requests"])
        .arg(&link)
        .arg(&inp)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&run.get_output().stderr).contains("is the input"));
    assert_eq!(read(&inp), input);
}

#[test]
fn resume_appends_only_to_batch_results() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    write(&inp, line(json!(0), "a panda walks"));
    let batch_api = format!(
        "{}\n",
        json!({"id": "batch_req_0", "custom_id": "0", "response": {"status_code": 200, "body": {}}, "error": null})
    );
    for (text, says) in [
        (batch_api.as_str(), "Batch API results file"),
        (
            "{\"id\": 0, \"prompt\": \"a cat\"}\n",
            "input file of prompts",
        ),
        ("{\"id\":0}\n", "it has no \"storyboard\""),
    ] {
        write(&out, text);
        let run = scenec()
            .args(["batch", "--director", "heuristic", "--resume", "-o"])
            .arg(&out)
            .arg(&inp)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
        assert!(
            stderr.contains("line 1 is not a batch result line") && stderr.contains(says),
            "{stderr}"
        );
        assert_eq!(read(&out), text, "the file was changed");
    }
}

#[test]
fn a_bad_utf8_byte_costs_its_line_and_a_byte_order_mark_is_dropped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inp = dir.path().join("in.jsonl");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(line(json!(1), "a panda walks").as_bytes());
    bytes.extend(b"{\"id\": 2, \"prompt\": \"a d\xF6g runs\"}\n");
    bytes.extend(line(json!(3), "a fox jumps").as_bytes());
    write(&inp, bytes);
    let run = scenec()
        .args(["batch", "--director", "heuristic"])
        .arg(&inp)
        .assert()
        .success();
    let out = lines(&String::from_utf8_lossy(&run.get_output().stdout));
    assert_eq!(
        outcomes(&out),
        [
            ("1".to_string(), "null".to_string()),
            ("2".to_string(), "\"invalid_utf8\"".to_string()),
            ("3".to_string(), "null".to_string()),
        ]
    );
    let bad = out
        .iter()
        .find(|l| l["id"] == 2)
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        bad["error"]["message"],
        "line 2 is not UTF-8 (byte 25 of the line); save the file as UTF-8"
    );
}

#[test]
fn a_bad_utf8_byte_in_a_results_file_costs_its_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let [inp, req, results, out] =
        ["in.jsonl", "req.jsonl", "results.jsonl", "out.jsonl"].map(|n| dir.path().join(n));
    write(
        &inp,
        [
            line(json!("a"), "a panda walks"),
            line(json!("b"), "a fox jumps"),
        ]
        .concat(),
    );
    scenec()
        .args(["batch", "--model", "m", "--emit-requests"])
        .arg(&req)
        .arg(&inp)
        .assert()
        .success();
    let answer = json!({
        "id": "batch_req_a", "custom_id": "a",
        "response": {"status_code": 200, "request_id": "r", "body": support::completion_body(&support::panda().to_string(), "stop")},
        "error": null
    });
    let mut bytes = format!("{answer}\n").into_bytes();
    bytes.extend(b"{\"custom_id\": \"b\", \"response\": \xFF}\n");
    write(&results, bytes);
    scenec()
        .args(["batch", "--requests"])
        .arg(&req)
        .arg("--ingest")
        .arg(&results)
        .arg("-o")
        .arg(&out)
        .arg(&inp)
        .assert()
        .success();
    let got: Vec<(Value, Value)> = lines(&read(&out))
        .iter()
        .map(|l| (l["id"].clone(), l["error"]["code"].clone()))
        .collect();
    assert_eq!(
        got,
        [
            (json!("a"), Value::Null),
            (json!("b"), json!("missing_result")),
            (Value::Null, json!("invalid_result_line")),
        ]
    );
    assert!(read(&out).contains("results file 1, line 2 is not UTF-8 (byte 32 of the line)"));
}

#[test]
fn invisible_and_over_long_prompts_are_error_lines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inp = dir.path().join("in.jsonl");
    let long = "a panda, ".repeat(1200);
    write(
        &inp,
        [
            line(json!(1), "\u{200b}\u{200d}\u{2060}"),
            line(json!(2), &long),
        ]
        .concat(),
    );
    let run = scenec()
        .args(["batch", "--director", "heuristic"])
        .arg(&inp)
        .assert()
        .success();
    let out = lines(&String::from_utf8_lossy(&run.get_output().stdout));
    assert_eq!(
        outcomes(&out),
        [
            ("1".to_string(), "\"empty_prompt\"".to_string()),
            ("2".to_string(), "\"prompt_too_long\"".to_string()),
        ]
    );
}

#[test]
fn an_input_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    let file = std::fs::File::create(&inp).unwrap_or_else(|e| panic!("{e}"));
    // a sparse file: no disk space used
    file.set_len(scenec::batch::input::MAX_INPUT_BYTES + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    write(&out, "precious\n");
    let run = scenec()
        .args(["batch", "--director", "heuristic", "-o"])
        .arg(&out)
        .arg(&inp)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("is 256.0 MiB, over the 256 MiB limit for a batch input"),
        "{stderr}"
    );
    assert_eq!(read(&out), "precious\n");
}

/// Whether process `pid` catches SIGTERM (its handler is installed), from /proc.
#[cfg(target_os = "linux")]
fn catches_sigterm(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc::SIGTERM - 1)) != 0)
}

#[cfg(target_os = "linux")]
#[test]
fn a_sigterm_before_the_output_is_touched_leaves_it_as_it_was() {
    use std::io::Write;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out.jsonl");
    write(&out, "precious\n");
    let bin = assert_cmd::cargo::cargo_bin("scenec");
    // the input comes from a pipe kept open, so the batch waits before opening the output
    let mut child = std::process::Command::new(&bin)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .args(["batch", "--director", "heuristic", "-", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start scenec: {e}"));
    let started = Instant::now();
    while !catches_sigterm(child.id()) {
        assert!(started.elapsed() < Duration::from_secs(30), "no handler");
        std::thread::sleep(Duration::from_millis(10));
    }
    support::sigterm(&child);
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(line(json!(1), "a panda walks").as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let stderr = support::interrupted(child);
    assert!(stderr.contains("the output was not touched"), "{stderr}");
    assert_eq!(read(&out), "precious\n");
}

#[cfg(unix)]
#[test]
fn a_sigterm_stops_a_busy_heuristic_batch_and_resume_completes_it() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    // long prompts near the limit keep both runtime threads busy compiling
    let prompt = "a panda walks then ".repeat(500);
    let input: String = (0..100).map(|i| line(json!(i), &prompt)).collect();
    write(&inp, &input);
    let bin = assert_cmd::cargo::cargo_bin("scenec");
    let run = |resume: bool| {
        let mut cmd = std::process::Command::new(&bin);
        cmd.env_remove("OPENAI_API_KEY")
            .env_remove("OPENAI_BASE_URL")
            .args([
                "batch",
                "--director",
                "heuristic",
                "--concurrency",
                "4",
                "-o",
            ])
            .arg(&out)
            .arg(&inp)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if resume {
            cmd.arg("--resume");
        }
        cmd.spawn()
            .unwrap_or_else(|e| panic!("cannot start scenec: {e}"))
    };
    let child = run(false);
    // whole lines only: count newlines, never parse a file still being written
    let written = || std::fs::read(&out).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    let started = Instant::now();
    while written() < 2 {
        assert!(started.elapsed() < Duration::from_secs(60), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    support::sigterm(&child);
    support::interrupted(child);
    let first = lines(&read(&out));
    assert!(first.len() < 100, "{} lines", first.len());
    let resumed = run(true)
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot wait for scenec: {e}"));
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let all = lines(&read(&out));
    let mut ids: Vec<i64> = all.iter().filter_map(|l| l["id"].as_i64()).collect();
    ids.sort_unstable();
    assert_eq!(ids, (0..100).collect::<Vec<i64>>());
    assert!(all.iter().all(|l| l["error"].is_null()));
}
