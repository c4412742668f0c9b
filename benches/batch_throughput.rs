//! Batch throughput: `scenec::batch::run` with the real LLM director over HTTP against a
//! loopback mock (wiremock on 127.0.0.1) that answers every chat completion with a valid
//! storyboard after a fixed 200 ms, at concurrency 1, 8, 32 and 128.
//!
//! Each level runs `max(16, 8 × concurrency)` distinct prompts, so the ideal wall time is
//! `items × 200 ms / concurrency` (8 rounds of 200 ms, 3.2 s at concurrency 1). After divan's
//! table, a second table gives the efficiency per level: ideal time / median measured
//! time, 1.0 being perfect (every slot busy waiting on the server and nothing else), and the
//! process CPU time per batch (client and mock together), which shows when the machine's
//! cores rather than the server's latency set the pace.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scenec::Compiler;
use scenec::batch::{self, Options};
use scenec::director::{LlmDirector, LlmSettings};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The mock's fixed answer time.
const LATENCY: Duration = Duration::from_millis(200);

/// Measured (wall, process CPU) times per concurrency level, for the efficiency table.
static TIMES: Mutex<BTreeMap<usize, Vec<(Duration, Duration)>>> = Mutex::new(BTreeMap::new());

fn main() {
    divan::main();
    efficiency_table();
}

/// Prompts at `concurrency`: eight rounds, at least 16.
fn items(concurrency: usize) -> usize {
    (8 * concurrency).max(16)
}

/// A mock answering every chat completion with the panda storyboard after [`LATENCY`].
async fn mock() -> MockServer {
    let server = MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "id": "chatcmpl-bench", "object": "chat.completion", "created": 1, "model": "bench",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": include_str!("../examples/panda.json")}}],
                    "usage": {"prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300}
                }))
                .set_delay(LATENCY),
        )
        .mount(&server)
        .await;
    server
}

/// The whole pipeline with the LLM director pointed at `server`.
fn compiler(server: &MockServer) -> Arc<Compiler> {
    let mut settings = LlmSettings::new(format!("{}/v1", server.uri()));
    settings.model = "bench".into();
    settings.api_key = "sk-bench".into();
    settings.max_http_attempts = 1;
    let director = LlmDirector::new(settings).unwrap_or_else(|e| panic!("no director: {e}"));
    Arc::new(Compiler::builder().director(director).build())
}

/// `n` input lines with distinct prompts.
fn input(n: usize) -> String {
    (0..n)
        .map(|i| {
            let prompt =
                format!("a panda number {i} walks from left to right, then turns and waves");
            format!("{}\n", json!({"id": i, "prompt": prompt}))
        })
        .collect()
}

/// A whole batch at each concurrency level; one sample is one batch.
#[divan::bench(args = [1, 8, 32, 128], sample_count = 5, sample_size = 1)]
fn llm_batch_200ms_server(bencher: divan::Bencher, concurrency: usize) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"));
    let server = rt.block_on(mock());
    let compiler = compiler(&server);
    let n = items(concurrency);
    let text = input(n);
    let options = Options {
        concurrency: NonZeroUsize::new(concurrency).unwrap_or(NonZeroUsize::MIN),
        ..Options::default()
    };
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench_local(|| {
            let (started, cpu) = (Instant::now(), cpu_time());
            let lines = rt.block_on(batch::run(Arc::clone(&compiler), &text, &options));
            let elapsed = (started.elapsed(), cpu_time().saturating_sub(cpu));
            let failed = lines.iter().filter(|l| l.error.is_some()).count();
            assert_eq!(
                (lines.len(), failed),
                (n, 0),
                "{:?}",
                lines.iter().find_map(|l| l.error.as_ref())
            );
            if let Ok(mut times) = TIMES.lock() {
                times.entry(concurrency).or_default().push(elapsed);
            }
        });
}

/// User + system CPU time of this process so far (zero where unknown).
fn cpu_time() -> Duration {
    #[cfg(unix)]
    {
        // SAFETY: getrusage only writes into the zeroed struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: as above; RUSAGE_SELF is a valid `who`.
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
            let time = |t: libc::timeval| {
                Duration::from_secs(t.tv_sec.unsigned_abs())
                    + Duration::from_micros(t.tv_usec.unsigned_abs())
            };
            return time(usage.ru_utime) + time(usage.ru_stime);
        }
    }
    Duration::ZERO
}

/// The median of `values` (the mean of the middle two for an even count).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[mid],
        _ => (values[mid - 1] + values[mid]) / 2.0,
    }
}

/// Prints ideal time, median measured time, their ratio and the median CPU time per level.
fn efficiency_table() {
    let Ok(times) = TIMES.lock() else { return };
    if times.is_empty() {
        return;
    }
    println!(
        "\nbatch throughput against a {} ms server (efficiency = ideal / median wall time):",
        LATENCY.as_millis()
    );
    println!(
        "{:>11} {:>6} {:>8} {:>10} {:>10} {:>10} {:>5}",
        "concurrency", "items", "ideal", "median", "efficiency", "cpu", "runs"
    );
    for (&concurrency, samples) in times.iter() {
        let mut walls: Vec<f64> = samples.iter().map(|(w, _)| w.as_secs_f64()).collect();
        let mut cpus: Vec<f64> = samples.iter().map(|(_, c)| c.as_secs_f64()).collect();
        let (wall, cpu) = (median(&mut walls), median(&mut cpus));
        let n = items(concurrency);
        let ideal = LATENCY.as_secs_f64() * n as f64 / concurrency as f64;
        println!(
            "{concurrency:>11} {n:>6} {ideal:>6.2} s {wall:>8.2} s {:>10.2} {cpu:>8.2} s {:>5}",
            ideal / wall,
            samples.len()
        );
    }
}
