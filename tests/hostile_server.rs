//! Hostile LLM servers on loopback (issue 14): an absurd `Retry-After`, an endless body,
//! terminal escape sequences and an echoed API key in what they send, and a server that is
//! not there. Each ends in a clear error or a redacted, escaped text, never a panic, a
//! leak or a repeated message; every test is bounded in time.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use scenec::director::{Director, DirectorError, LlmDirector, LlmSettings, Request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{completion, panda};

const KEY: &str = "sk-hostile-test-KEY-98765";

/// Settings for `base` with short retry delays.
fn settings(base: &str) -> LlmSettings {
    let mut s = LlmSettings::new(base);
    s.api_key = KEY.into();
    s.retry_base_delay = Duration::from_millis(5);
    s.retry_max_delay = Duration::from_millis(50);
    s.request_timeout = Duration::from_secs(20);
    s
}

/// Runs the CLI with `args`, the key in its environment and the cache in `cache`; returns
/// exit code, stdout and stderr.
async fn cli(args: Vec<String>, cache: PathBuf) -> (Option<i32>, String, String) {
    tokio::task::spawn_blocking(move || {
        let output = Command::cargo_bin("scenec")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(&args)
            .env("OPENAI_API_KEY", KEY)
            .env("SCENEC_CACHE_DIR", &cache)
            .env_remove("OPENAI_BASE_URL")
            .env_remove("RUST_LOG")
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

/// `--director llm --base-url BASE` and `extra`.
fn llm(base: &str, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    args.extend(["--director", "llm", "--base-url", base].map(String::from));
    args
}

/// Every file under `dir` with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_retry_after_is_clamped_to_the_longest_retry_delay() {
    let server = MockServer::start().await;
    for (priority, value) in [(1, "1e308"), (2, "99999999999999999999")] {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", value))
            .up_to_n_times(1)
            .with_priority(priority)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .respond_with(completion(&panda().to_string()))
        .with_priority(3)
        .mount(&server)
        .await;
    let director = LlmDirector::new(settings(&format!("{}/v1", server.uri())))
        .unwrap_or_else(|e| panic!("{e}"));
    let directed = tokio::time::timeout(
        Duration::from_secs(20),
        director.direct(&Request::new("a panda walks")),
    )
    .await
    .unwrap_or_else(|_| panic!("the retries did not honour the longest retry delay"))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(directed.meta.http_attempts, 3);
}

/// A server that answers every request with a 200 and a chunked body that never ends;
/// counts the connections. Returns its base URL.
async fn endless_server(connections: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("{e}"))
        .port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            connections.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                read_request(&mut socket).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = format!("4000\r\n{}\r\n", " ".repeat(0x4000));
                // until the client hangs up (or 1 GiB, so a broken client cannot hang the test)
                for _ in 0..65_536 {
                    if socket.write_all(chunk.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://127.0.0.1:{port}/v1")
}

/// Reads one HTTP request: the head, then `content-length` bytes of body.
async fn read_request(socket: &mut tokio::net::TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = socket.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).to_ascii_lowercase();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                return;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_body_stops_at_the_size_limit_with_a_transport_error() {
    let connections = Arc::new(AtomicUsize::new(0));
    let base = endless_server(Arc::clone(&connections)).await;
    let mut s = settings(&base);
    s.max_response_bytes = 1 << 20;
    let director = LlmDirector::new(s).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let err = tokio::time::timeout(
        Duration::from_secs(30),
        director.direct(&Request::new("a panda walks")),
    )
    .await
    .unwrap_or_else(|_| panic!("the endless body was read for 30 s"))
    .map(|_| ())
    .err()
    .unwrap_or_else(|| panic!("an endless body was accepted"));
    assert_eq!(err.code(), "transport", "{err}");
    let DirectorError::ResponseTooLarge {
        limit,
        http_attempts,
        ..
    } = &err
    else {
        panic!("not ResponseTooLarge: {err:?}");
    };
    assert_eq!((*limit, *http_attempts), (1 << 20, 1), "not retried");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(err.to_string().contains("--max-response-bytes"), "{err}");

    // the flag, on the command line
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = cli(
        llm(
            &base,
            &["compile", "a cat walks", "--max-response-bytes", "100000"],
        ),
        tmp.path().join("cache"),
    )
    .await;
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("longer than the limit of 100000 bytes"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escape_sequences_from_a_server_never_reach_the_terminal() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string_contains("json error"))
        .respond_with(ResponseTemplate::new(400).set_body_string(
            r#"{"error":{"message":"\u001b]0;PWNED\u0007\u001b[2Jbad request \u202egnp.exe"}}"#,
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_string_contains("html error"))
        .respond_with(
            ResponseTemplate::new(404).set_body_string("<p>\u{1b}[2J\u{1b}]0;PWNED\u{7}</p>"),
        )
        .mount(&server)
        .await;
    let mut broken = panda();
    broken["shots"][0]["framing"] = serde_json::json!("side\u{1b}[2Jways");
    Mock::given(method("POST"))
        .and(body_string_contains("bad storyboard"))
        .respond_with(completion(&broken.to_string()))
        .mount(&server)
        .await;
    let base = format!("{}/v1", server.uri());
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for prompt in ["a json error", "an html error", "a bad storyboard"] {
        let (code, _, stderr) = cli(
            llm(
                &base,
                &["-v", "compile", prompt, "--no-cache", "--max-attempts", "1"],
            ),
            tmp.path().join("cache"),
        )
        .await;
        assert_eq!(code, Some(1), "{prompt}: {stderr}");
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!stderr.contains(raw), "{prompt}: {raw:?} in {stderr:?}");
        }
        // shown escaped (as Rust or JSON escapes), not dropped
        assert!(
            stderr.contains("\\u{1b}") || stderr.contains("\\u001b"),
            "{prompt}: {stderr}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_echoed_api_key_is_redacted_before_it_is_shown_recorded_or_cached() {
    let server = MockServer::start().await;
    let authorized = || {
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(header("authorization", format!("Bearer {KEY}").as_str()))
    };
    authorized()
        .and(body_string_contains("rejected"))
        .respond_with(ResponseTemplate::new(401).set_body_string(format!(
            r#"{{"error":{{"message":"Incorrect API key provided: Bearer {KEY}. Key {KEY} is revoked."}}}}"#
        )))
        .with_priority(1)
        .mount(&server)
        .await;
    let mut echo = panda();
    echo["title"] = serde_json::json!(format!("key {KEY}"));
    authorized()
        .respond_with(completion(&echo.to_string()))
        .with_priority(2)
        .mount(&server)
        .await;
    let base = format!("{}/v1", server.uri());
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (cache, cassettes) = (tmp.path().join("cache"), tmp.path().join("cassettes"));
    let batch_in = tmp.path().join("in.jsonl");
    std::fs::write(
        &batch_in,
        "{\"id\": 1, \"prompt\": \"a rejected panda\"}\n{\"id\": 2, \"prompt\": \"a panda waves\"}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let batch_out = tmp.path().join("out.jsonl");
    let runs: Vec<(Vec<String>, Option<i32>)> = vec![
        (llm(&base, &["compile", "a panda walks"]), Some(0)),
        (llm(&base, &["compile", "a panda walks"]), Some(0)), // a cache hit
        (
            llm(
                &base,
                &[
                    "compile",
                    "a panda sits",
                    "--record",
                    &cassettes.display().to_string(),
                ],
            ),
            Some(0),
        ),
        (
            llm(
                &base,
                &["-vvv", "compile", "a rejected panda", "--no-cache"],
            ),
            Some(1),
        ),
        (
            llm(
                &base,
                &[
                    "batch",
                    &batch_in.display().to_string(),
                    "-o",
                    &batch_out.display().to_string(),
                ],
            ),
            Some(0),
        ),
    ];
    let mut seen = Vec::new();
    for (args, expected) in runs {
        let (code, stdout, stderr) = cli(args.clone(), cache.clone()).await;
        assert_eq!(code, expected, "{args:?}: {stderr}");
        seen.push((format!("stdout of {args:?}"), stdout));
        seen.push((format!("stderr of {args:?}"), stderr));
    }
    let written: Vec<(PathBuf, String)> = [&cache, &cassettes, &batch_out]
        .into_iter()
        .flat_map(|p| {
            if p.is_file() {
                std::fs::read_to_string(p)
                    .map(|t| vec![(p.clone(), t)])
                    .unwrap_or_default()
            } else {
                files(p)
            }
        })
        .collect();
    assert!(
        written.iter().any(|(p, _)| p.starts_with(&cache)),
        "nothing cached"
    );
    assert!(
        written.iter().any(|(p, _)| p.starts_with(&cassettes)),
        "nothing recorded"
    );
    seen.extend(
        written
            .into_iter()
            .map(|(p, t)| (p.display().to_string(), t)),
    );
    for (what, text) in &seen {
        assert!(!text.contains(KEY), "the key leaked into {what}: {text}");
    }
    let all: String = seen.iter().map(|(_, t)| t.as_str()).collect();
    assert!(
        all.contains("Incorrect API key provided: Bearer <redacted>"),
        "{all}"
    );
    assert!(
        all.contains("key <redacted>"),
        "the echoed title is redacted, not dropped"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_connection_is_reported_once() {
    // a port that was free a moment ago: the connection is refused
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = cli(
        llm(
            &format!("http://127.0.0.1:{port}/v1"),
            &["compile", "a cat walks", "--no-cache"],
        ),
        tmp.path().join("cache"),
    )
    .await;
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.matches("connection failed").count(), 1, "{stderr}");
    assert!(!stderr.contains("WARN"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_and_dry_run_never_show_a_base_url_password() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let base = "http://me:hunter2-pa55word@127.0.0.1:9/v1";
    let file = tmp.path().join("team.toml");
    std::fs::write(&file, format!("base_url = \"{base}\"\n")).unwrap_or_else(|e| panic!("{e}"));
    for args in [
        vec![
            "--config".to_owned(),
            file.display().to_string(),
            "config".to_owned(),
        ],
        llm(base, &["compile", "a cat walks", "--dry-run"]),
    ] {
        let (code, stdout, stderr) = cli(args.clone(), tmp.path().join("cache")).await;
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stdout.contains("hunter2"), "{args:?}: {stdout}");
        assert!(!stdout.contains("me:"), "{args:?}: {stdout}");
        assert!(
            stdout.contains("http://<redacted>@127.0.0.1:9/v1"),
            "{args:?}: {stdout}"
        );
    }
}
