//! `scenec batch` at scale through the CLI: concurrency flag, a clean stop on SIGTERM that
//! `--resume` completes, torn-line repair, no progress bar off a terminal, usage errors. The
//! LLM runs against a loopback wiremock server that answers after a fixed delay.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

/// `n` input lines with ids 0, 1, … and distinct prompts.
fn input(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{}\n",
                json!({"id": i, "prompt": format!("a fox number {i} jumps over a log")})
            )
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Every line of `path` as JSON (a torn or bad line fails the test).
fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l}: {e}")))
        .collect()
}

/// How many whole lines `path` holds now, without parsing them: the writer may be in the
/// middle of a line (a line is larger than one write of the pipe buffer), so a file still
/// being written is only counted, never parsed.
fn finished_lines(path: &Path) -> usize {
    std::fs::read(path)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

fn ids(lines: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    ids.sort();
    ids
}

async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": include_str!("../examples/panda.json")}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 5}
                }))
                .set_delay(delay),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_leaves_whole_lines_and_resume_completes_one_line_per_id() {
    let server = slow_server(Duration::from_millis(300)).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    write(&inp, &input(40));
    let args = |cmd: &mut std::process::Command| {
        cmd.env_remove("OPENAI_API_KEY")
            .env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
            .env("SCENEC_CACHE_DIR", dir.path().join("cache"))
            .args([
                "batch",
                "--director",
                "llm",
                "--no-cache",
                // one request per prompt: the server answers the panda for every prompt,
                // which the fidelity gate would send back for repair
                "--no-fidelity",
                "--concurrency",
                "4",
                "-o",
            ])
            .arg(&out)
            .arg(&inp);
    };
    let bin = assert_cmd::cargo::cargo_bin("scenec");
    let mut cmd = std::process::Command::new(&bin);
    args(&mut cmd);
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start scenec: {e}"));
    // wait until some lines are out, then stop it mid-run
    let started = Instant::now();
    while finished_lines(&out) < 6 {
        assert!(started.elapsed() < Duration::from_secs(20), "no progress");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    support::sigterm(&child);
    let stderr = support::interrupted(child);
    assert!(
        stderr.contains("interrupted:") && stderr.contains("--resume"),
        "{stderr}"
    );
    let first = lines(&out);
    assert!(
        first.len() >= 6 && first.len() < 40,
        "{} lines",
        first.len()
    );
    assert!(first.iter().all(|l| l["error"].is_null()), "{first:?}");
    let requested = server.received_requests().await.map_or(0, |r| r.len());
    // in-flight prompts finished within the grace: every request made has its line
    assert_eq!(requested, first.len());

    let mut cmd = std::process::Command::new(&bin);
    args(&mut cmd);
    let resumed = cmd
        .arg("--resume")
        .output()
        .unwrap_or_else(|e| panic!("cannot run scenec: {e}"));
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert_eq!(resumed.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("{} skipped", first.len())),
        "{stderr}"
    );
    let all = lines(&out);
    let want: Vec<String> = {
        let mut want: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        want.sort();
        want
    };
    assert_eq!(ids(&all), want);
    assert!(
        all.iter()
            .all(|l| l["error"].is_null() && l["storyboard"].is_object())
    );
    // the resume asked only for the missing ids
    assert_eq!(server.received_requests().await.map_or(0, |r| r.len()), 40);
}

#[test]
fn resume_cuts_a_torn_last_line_and_compiles_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("out.jsonl"));
    write(&inp, &input(6));
    scenec()
        .args(["batch", "--director", "heuristic", "-o"])
        .arg(&out)
        .arg(&inp)
        .assert()
        .success();
    let full = std::fs::read_to_string(&out).unwrap_or_default();
    // keep three whole lines and half of the fourth, as a kill -9 mid-write would
    let cut: usize = full.lines().take(3).map(|l| l.len() + 1).sum::<usize>()
        + full.lines().nth(3).map_or(0, |l| l.len() / 2);
    write(&out, full.get(..cut).unwrap_or_default());
    let kept = ids(&lines_of(full.get(..cut).unwrap_or_default()));
    let run = scenec()
        .args(["batch", "--director", "heuristic", "--resume", "-o"])
        .arg(&out)
        .arg(&inp)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("removed the torn last line (line 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 compiled, 0 failed, 3 skipped"),
        "{stderr}"
    );
    let all = lines(&out);
    assert_eq!(ids(&all), ["0", "1", "2", "3", "4", "5"]);
    assert_eq!(kept.len(), 3);
    // the kept lines are untouched, at the top
    assert_eq!(ids(&all[..3]), kept);
}

/// The whole lines of `text`.
fn lines_of(text: &str) -> Vec<Value> {
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

#[test]
fn piped_stderr_gets_the_summary_and_no_progress_bar() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inp = dir.path().join("in.jsonl");
    write(
        &inp,
        &format!("{}{}", input(30), json!({"id": 3, "prompt": "a repeat"})),
    );
    let run = scenec()
        .args(["batch", "--director", "heuristic", "--concurrency", "3"])
        .arg(&inp)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\r') && !stderr.contains("ETA"),
        "{stderr:?}"
    );
    assert!(
        stderr.starts_with("31 line(s): 30 compiled, 1 failed, in "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).to_string();
    let out = lines_of(&stdout);
    assert_eq!(out.len(), 31);
    let repeat: Vec<&Value> = out
        .iter()
        .filter(|l| l["error"]["code"] == "duplicate_id")
        .collect();
    assert_eq!(repeat.len(), 1);
    assert_eq!(repeat[0]["id"], 3);
}

#[test]
fn concurrency_zero_and_resume_without_a_file_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inp = dir.path().join("in.jsonl");
    write(&inp, &input(2));
    let zero = scenec()
        .args(["batch", "--concurrency", "0"])
        .arg(&inp)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&zero.get_output().stderr).to_string();
    assert!(stderr.contains("must be at least 1"), "{stderr}");
    let resume = scenec()
        .args(["batch", "--resume"])
        .arg(&inp)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&resume.get_output().stderr).to_string();
    assert!(stderr.contains("error: --resume needs -o FILE"), "{stderr}");
}

#[test]
fn resume_refuses_an_output_that_is_not_batch_results() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (inp, out) = (dir.path().join("in.jsonl"), dir.path().join("notes.txt"));
    write(&inp, &input(2));
    write(&out, "my notes\nmore notes\n");
    let run = scenec()
        .args(["batch", "--resume", "-o"])
        .arg(&out)
        .arg(&inp)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("line 1 is not a batch result line"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap_or_default(),
        "my notes\nmore notes\n"
    );
}
