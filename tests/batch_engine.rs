//! The concurrent batch engine (`scenec::batch`): bounded concurrency, results as they
//! finish, failures isolated, progress counts, resume by id and a clean stop. A counting
//! test director measures concurrency exactly; the LLM director runs against a loopback
//! wiremock server that answers after a fixed delay.

use scenec::director::fidelity::FidelityMode;
use std::convert::Infallible;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use scenec::Compiler;
use scenec::batch::{self, Finished, Options, Summary, resume};
use scenec::director::{
    Directed, Director, DirectorError, Heuristic, LlmDirector, LlmSettings, Request,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Calls in flight now, and the most at once.
#[derive(Default)]
struct InFlight {
    now: AtomicUsize,
    most: AtomicUsize,
}

/// The heuristic director behind a fixed delay, counting calls in flight.
struct Counting(Arc<InFlight>);

#[async_trait]
impl Director for Counting {
    fn name(&self) -> &'static str {
        "counting"
    }
    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        let now = self.0.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(30)).await;
        self.0.now.fetch_sub(1, Ordering::SeqCst);
        Heuristic.direct(request).await
    }
}

fn options(concurrency: usize) -> Options {
    Options {
        concurrency: NonZeroUsize::new(concurrency).unwrap_or(NonZeroUsize::MIN),
        ..Options::default()
    }
}

/// `n` input lines with ids "p0", "p1", … and distinct prompts.
fn input(n: usize) -> String {
    (0..n)
        .map(|i| format!("{}\n", json!({"id": format!("p{i}"), "prompt": format!("a fox number {i} jumps over a log")})))
        .collect()
}

fn llm_compiler(server: &MockServer) -> Arc<Compiler> {
    let mut settings = LlmSettings::new(format!("{}/v1", server.uri()));
    settings.api_key = "sk-test".into();
    settings.model = "test-model".into();
    settings.max_http_attempts = 1;
    settings.read_timeout = Duration::from_secs(10);
    // every prompt gets the same storyboard: concurrency, not fidelity, is tested here
    settings.fidelity = FidelityMode::Off;
    let director = LlmDirector::new(settings).unwrap_or_else(|e| panic!("no director: {e}"));
    Arc::new(Compiler::builder().director(director).build())
}

/// A chat completion carrying the panda storyboard, 100 + 50 tokens, after `delay`.
fn panda_reply(delay: Duration) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({
            "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": include_str!("../examples/panda.json")}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150}
        }))
        .set_delay(delay)
}

async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(panda_reply(delay))
        .with_priority(5)
        .mount(&server)
        .await;
    server
}

/// Runs `items` to the end, collecting what the sink received.
async fn collect(
    compiler: Arc<Compiler>,
    items: Vec<batch::Item>,
    options: &Options,
) -> (Vec<Finished>, Summary) {
    let mut got = Vec::new();
    let summary = batch::run_with(compiler, items, options, std::future::pending(), |f| {
        got.push(f);
        Ok::<(), Infallible>(())
    })
    .await;
    let Ok(summary) = summary;
    (got, summary)
}

fn ids(lines: &[Finished]) -> Vec<String> {
    let mut ids: Vec<String> = lines.iter().map(|f| f.line.id.to_string()).collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_more_than_concurrency_prompts_run_at_once_and_all_slots_are_used() {
    for concurrency in [1, 3, 8] {
        let counting = Arc::new(InFlight::default());
        let compiler = Arc::new(
            Compiler::builder()
                .director(Counting(Arc::clone(&counting)))
                .build(),
        );
        let lines = batch::run(compiler, &input(24), &options(concurrency)).await;
        assert_eq!(lines.len(), 24);
        assert!(lines.iter().all(|l| l.error.is_none()), "{lines:?}");
        assert_eq!(counting.most.load(Ordering::SeqCst), concurrency);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn llm_requests_overlap_and_results_come_back_in_input_order() {
    let server = slow_server(Duration::from_millis(200)).await;
    let started = Instant::now();
    let lines = batch::run(llm_compiler(&server), &input(16), &options(8)).await;
    let elapsed = started.elapsed();
    // sequential would take 16 × 200 ms = 3.2 s; eight at once take about 0.4 s
    assert!(elapsed < Duration::from_millis(1600), "took {elapsed:?}");
    let got: Vec<Value> = lines.iter().map(|l| l.id.clone()).collect();
    let want: Vec<Value> = (0..16).map(|i| json!(format!("p{i}"))).collect();
    assert_eq!(got, want);
    assert!(
        lines
            .iter()
            .all(|l| l.error.is_none() && l.storyboard.is_some())
    );
    assert_eq!(server.received_requests().await.map_or(0, |r| r.len()), 16);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_prompt_is_one_error_line_and_the_rest_compile_with_token_counts() {
    let server = slow_server(Duration::from_millis(20)).await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .and(body_string_contains("number 3 jumps"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": {"message": "bad request", "type": "invalid_request_error"}}),
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    let text = format!(
        "{}not json\n{}",
        input(6),
        json!({"id": "p0", "prompt": "again"})
    );
    let (finished, summary) =
        collect(llm_compiler(&server), batch::items(&text), &options(4)).await;
    assert_eq!(
        ids(&finished),
        [
            "\"p0\"", "\"p0\"", "\"p1\"", "\"p2\"", "\"p3\"", "\"p4\"", "\"p5\"", "null"
        ]
    );
    let failed: Vec<(String, String)> = finished
        .iter()
        .filter_map(|f| {
            f.line
                .error
                .as_ref()
                .map(|e| (f.line.id.to_string(), e.code.clone()))
        })
        .collect();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed.contains(&("null".into(), "invalid_json".into())));
    assert!(failed.contains(&("\"p0\"".into(), "duplicate_id".into())));
    assert!(
        failed
            .iter()
            .any(|(id, code)| id == "\"p3\"" && code != "duplicate_id")
    );
    assert_eq!((summary.progress.done, summary.progress.failed), (8, 3));
    assert_eq!(summary.progress.tokens, 5 * 150);
    assert!(!summary.interrupted);
    // progress counts grow by one per finished line
    let done: Vec<usize> = finished.iter().map(|f| f.progress.done).collect();
    assert_eq!(done, (1..=8).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_requests_only_the_ids_missing_from_the_output() {
    let server = slow_server(Duration::from_millis(10)).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out.jsonl");
    // an earlier run wrote p0, p2 and p4, and was killed while writing p5
    let earlier: String = ["p0", "p2", "p4"]
        .iter()
        .map(|id| {
            format!(
                "{}\n",
                json!({"id": id, "storyboard": null, "keyframes": null, "error": {"code": "http_status", "message": "HTTP 500"}})
            )
        })
        .collect::<String>()
        + "{\"id\":\"p5\",\"storyboard\":{\"title";
    std::fs::write(&out, earlier).unwrap_or_else(|e| panic!("{e}"));
    let resumed = resume::open(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resumed.torn.map(|t| t.line), Some(4));
    let (items, skipped) = resumed.done.skip(batch::items(input(8)));
    assert_eq!(skipped, 3);
    let mut writer = batch::LineWriter::new(resumed.file);
    let summary = batch::run_with(
        llm_compiler(&server),
        items,
        &options(3),
        std::future::pending(),
        |f| writer.write(&f.line),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.progress.done, 5);
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 5);
    for skipped in ["number 0 ", "number 2 ", "number 4 "] {
        assert!(
            !requests
                .iter()
                .any(|r| String::from_utf8_lossy(&r.body).contains(skipped))
        );
    }
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let mut got: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("torn line {l}: {e}"))["id"]
                .to_string()
        })
        .collect();
    got.sort();
    let want: Vec<String> = (0..8).map(|i| format!("\"p{i}\"")).collect();
    assert_eq!(got, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_starts_nothing_new_and_lets_in_flight_prompts_finish_within_the_grace() {
    let server = slow_server(Duration::from_millis(300)).await;
    // the compiler first: the stop counts from the start of the run
    let compiler = llm_compiler(&server);
    let stop = tokio::time::sleep(Duration::from_millis(100));
    let mut written = Vec::new();
    let summary = batch::run_with(compiler, batch::items(input(12)), &options(3), stop, |f| {
        written.push(f.line.id.to_string());
        Ok::<(), Infallible>(())
    })
    .await;
    let Ok(summary) = summary;
    assert!(summary.interrupted);
    assert_eq!(
        (
            summary.progress.done,
            summary.abandoned,
            summary.not_started
        ),
        (3, 0, 9)
    );
    assert_eq!(ids_of(&written), ["\"p0\"", "\"p1\"", "\"p2\""]);
    assert_eq!(server.received_requests().await.map_or(0, |r| r.len()), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prompts_still_in_flight_when_the_grace_runs_out_are_abandoned_without_a_line() {
    let server = slow_server(Duration::from_secs(5)).await;
    let options = Options {
        grace: Duration::from_millis(100),
        ..options(2)
    };
    let compiler = llm_compiler(&server);
    let stop = tokio::time::sleep(Duration::from_millis(100));
    let started = Instant::now();
    let mut written = 0;
    let summary = batch::run_with(compiler, batch::items(input(5)), &options, stop, |_| {
        written += 1;
        Ok::<(), Infallible>(())
    })
    .await;
    let Ok(summary) = summary;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(written, 0);
    assert_eq!(
        (summary.abandoned, summary.not_started, summary.interrupted),
        (2, 3, true)
    );
}

fn ids_of(written: &[String]) -> Vec<&str> {
    let mut ids: Vec<&str> = written.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn the_simple_run_works_on_a_current_thread_runtime() {
    let compiler = Arc::new(Compiler::builder().build());
    let lines = batch::run(compiler, &input(5), &options(2)).await;
    let got: Vec<String> = lines.iter().map(|l| l.id.to_string()).collect();
    assert_eq!(got, ["\"p0\"", "\"p1\"", "\"p2\"", "\"p3\"", "\"p4\""]);
}

/// A stop raised by a flag alone, with nothing to wake the engine (as a signal handler sets
/// it while every runtime thread is busy), is seen before the next item starts: lines that
/// need no compile are not written after it either.
#[tokio::test]
async fn a_stop_flag_is_checked_before_every_start() {
    let compiler = Arc::new(Compiler::builder().build());
    let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let raised = Arc::clone(&flag);
    let stop = std::future::poll_fn(move |_| {
        if raised.load(Ordering::SeqCst) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    });
    let text = format!("{}broken\n", input(6));
    let mut written = Vec::new();
    let summary = batch::run_with(compiler, batch::items(text), &options(1), stop, |f| {
        written.push(f.line.id.to_string());
        // the signal arrives while the first line is being written
        flag.store(true, Ordering::SeqCst);
        Ok::<(), Infallible>(())
    })
    .await;
    let Ok(summary) = summary;
    assert_eq!(written, ["\"p0\""]);
    assert!(summary.interrupted);
    assert_eq!((summary.progress.done, summary.not_started), (1, 6));
}
