//! Sending one chat-completions request: over HTTP through async-openai's `byot` path with
//! bounded, jittered retries (backon), or from a recorded cassette. Every HTTP request is
//! counted: async-openai's own retry layer is replaced by a counting service, so the only
//! retries are ours.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_openai::Client;
use async_openai::config::OpenAIConfig;
use async_openai::error::OpenAIError;
use async_openai::middleware::HttpRequestFactory;
use async_trait::async_trait;
use backon::{ExponentialBuilder, Retryable};
use serde_json::Value;

use super::mode::rejects_mode;
use super::response::{ChatResponse, error_message, excerpt};
use super::settings::LlmSettings;
use super::untrusted::{Secrets, printable};
use crate::director::DirectorError;

/// The final HTTP exchange of a call: what a cassette records and a replay serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Wire {
    /// HTTP status.
    pub status: u16,
    /// The response body as received.
    pub body: String,
}

/// A reply that parsed as a chat completion.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The parsed reply.
    pub response: ChatResponse,
    /// HTTP requests sent, retries included.
    pub http_attempts: u32,
    /// The final exchange.
    pub wire: Wire,
}

/// Why a call failed, after the retries.
#[derive(Debug, Clone, PartialEq)]
pub enum FailureKind {
    /// HTTP 400/422 naming `response_format`: try the next output mode.
    ModeRejected {
        /// The status.
        status: u16,
    },
    /// An HTTP error status.
    Http {
        /// The status.
        status: u16,
    },
    /// No response: connection refused or reset, timeout.
    Transport,
    /// A 2xx body that is not a chat completion.
    Malformed,
    /// A body longer than the size limit (not retried: it would be as long again).
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
}

/// A failed call.
#[derive(Debug, Clone)]
pub struct Failure {
    /// What kind of failure.
    pub kind: FailureKind,
    /// For people: the server's message or the transport error.
    pub message: String,
    /// HTTP requests sent, retries included.
    pub http_attempts: u32,
    /// The final exchange, when a response came back.
    pub wire: Option<Wire>,
    retry_after: Option<Duration>,
}

impl Failure {
    /// A failure of `kind` with no response and one HTTP attempt.
    pub(crate) fn new(kind: FailureKind, message: String) -> Self {
        Self {
            kind,
            message,
            http_attempts: 1,
            wire: None,
            retry_after: None,
        }
    }

    fn retryable(&self) -> bool {
        match self.kind {
            FailureKind::Transport | FailureKind::Malformed => true,
            FailureKind::Http { status } => status == 408 || status == 429 || status >= 500,
            FailureKind::ModeRejected { .. } | FailureKind::TooLarge { .. } => false,
        }
    }
}

/// Classifies a response the server sent. `parsed` is the reply as the byot call parsed it.
pub(crate) fn classify(
    wire: Wire,
    retry_after: Option<Duration>,
    parsed: Option<ChatResponse>,
) -> Result<(ChatResponse, Wire), Failure> {
    let failure = |kind, message| Failure {
        kind,
        message,
        http_attempts: 0,
        wire: None,
        retry_after,
    };
    let (kind, message) = if (200..300).contains(&wire.status) {
        let parsed = parsed.or_else(|| serde_json::from_str::<ChatResponse>(&wire.body).ok());
        match parsed {
            Some(response) if !response.choices.is_empty() => return Ok((response, wire)),
            Some(_) => (
                FailureKind::Malformed,
                format!("a reply without choices: {}", error_message(&wire.body)),
            ),
            None => (
                FailureKind::Malformed,
                format!(
                    "a body that is not a chat completion: {}",
                    excerpt(&wire.body)
                ),
            ),
        }
    } else if rejects_mode(wire.status, &wire.body) {
        (
            FailureKind::ModeRejected {
                status: wire.status,
            },
            error_message(&wire.body),
        )
    } else {
        (
            FailureKind::Http {
                status: wire.status,
            },
            error_message(&wire.body),
        )
    };
    let mut f = failure(kind, message);
    f.wire = Some(wire);
    Err(f)
}

/// Something that answers chat-completions requests.
#[async_trait]
pub trait Transport: Send + Sync {
    /// Sends `body` and returns the parsed reply or why there is none.
    async fn send(&self, body: &Value) -> Result<Sent, Failure>;
}

/// What the counting service saw of the last response.
#[derive(Debug, Clone)]
enum Seen {
    /// A whole response.
    Response(Captured),
    /// A response whose body passed the size limit; reading stopped there.
    TooLarge {
        /// The status.
        status: u16,
        /// The limit in bytes.
        limit: u64,
    },
}

/// A whole response, its body redacted.
#[derive(Debug, Clone)]
struct Captured {
    status: u16,
    retry_after: Option<Duration>,
    body: String,
    /// Where the body stops being UTF-8, when it does.
    invalid_utf8_at: Option<usize>,
}

/// The HTTP transport: async-openai over a reqwest client with connect and read timeouts,
/// each request bounded by a total timeout.
#[derive(Debug, Clone)]
pub struct HttpTransport {
    http: reqwest::Client,
    config: OpenAIConfig,
    request_timeout: Duration,
    max_http_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_response_bytes: u64,
    secrets: Arc<Secrets>,
}

impl HttpTransport {
    /// A transport for `settings` (call [`LlmSettings::validate`] first).
    pub fn new(settings: &LlmSettings) -> Result<Self, DirectorError> {
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .read_timeout(settings.read_timeout)
            .build()
            .map_err(|e| DirectorError::Config {
                message: format!("cannot build the HTTP client: {e}"),
            })?;
        let config = OpenAIConfig::new()
            .with_api_base(settings.base_url.trim_end_matches('/'))
            .with_api_key(settings.api_key.clone());
        Ok(Self {
            http,
            config,
            request_timeout: settings.request_timeout,
            max_http_attempts: settings.max_http_attempts,
            base_delay: settings.retry_base_delay,
            max_delay: settings.retry_max_delay,
            max_response_bytes: settings.max_response_bytes,
            secrets: Arc::new(Secrets::new(&settings.api_key, &settings.base_url)),
        })
    }

    /// One HTTP request, no retry, bounded by the request timeout. `counter` counts it.
    async fn once(&self, body: &Value, counter: &Arc<AtomicU32>) -> Result<Sent, Failure> {
        match tokio::time::timeout(self.request_timeout, self.exchange(body, counter)).await {
            Ok(result) => result,
            Err(_) => {
                let http_attempts = counter.load(Ordering::SeqCst);
                tracing::debug!(
                    attempt = http_attempts,
                    timeout_ms = self.request_timeout.as_millis() as u64,
                    "no complete reply within the request timeout"
                );
                Err(Failure {
                    kind: FailureKind::Transport,
                    message: format!(
                        "timed out: no complete reply within the request timeout of {:?} (raise --request-timeout for slow servers)",
                        self.request_timeout
                    ),
                    http_attempts,
                    wire: None,
                    retry_after: None,
                })
            }
        }
    }

    /// Sends `body` once through async-openai and classifies what came back.
    async fn exchange(&self, body: &Value, counter: &Arc<AtomicU32>) -> Result<Sent, Failure> {
        let slot: Arc<Mutex<Option<Seen>>> = Arc::new(Mutex::new(None));
        let service = counting_service(
            self.http.clone(),
            Arc::clone(&slot),
            Arc::clone(counter),
            Reading {
                limit: self.max_response_bytes,
                secrets: Arc::clone(&self.secrets),
            },
        );
        let client =
            Client::build(self.http.clone(), self.config.clone()).with_http_service(service);
        let result: Result<ChatResponse, OpenAIError> = client.chat().create_byot(body).await;
        let captured = slot.lock().ok().and_then(|mut s| s.take());
        let http_attempts = counter.load(Ordering::SeqCst);
        match captured {
            Some(Seen::TooLarge { status, limit }) => Err(Failure {
                kind: FailureKind::TooLarge { limit },
                message: format!(
                    "the HTTP {status} reply's body is longer than the limit of {limit} bytes; reading stopped there (raise --max-response-bytes if such replies are expected)"
                ),
                http_attempts,
                wire: None,
                retry_after: None,
            }),
            Some(Seen::Response(Captured {
                status: status @ 200..=299,
                invalid_utf8_at: Some(at),
                body,
                retry_after,
            })) => Err(Failure {
                kind: FailureKind::Malformed,
                message: format!(
                    "a body that is not valid UTF-8 (first bad byte at offset {at}): {}",
                    excerpt(&body)
                ),
                http_attempts,
                wire: Some(Wire { status, body }),
                retry_after,
            }),
            Some(Seen::Response(c)) => {
                let wire = Wire {
                    status: c.status,
                    body: c.body,
                };
                classify(wire, c.retry_after, result.ok())
                    .map(|(response, wire)| Sent {
                        response,
                        http_attempts,
                        wire,
                    })
                    .map_err(|mut f| {
                        f.http_attempts = http_attempts;
                        f
                    })
            }
            None => Err(Failure {
                kind: FailureKind::Transport,
                message: match result {
                    Err(e) => printable(&self.secrets.redact_text(&transport_message(&e))),
                    Ok(_) => "no response was received".to_owned(),
                },
                http_attempts,
                wire: None,
                retry_after: None,
            }),
        }
    }
}

#[async_trait]
impl Transport for HttpTransport {
    async fn send(&self, body: &Value) -> Result<Sent, Failure> {
        let counter = Arc::new(AtomicU32::new(0));
        let backoff = ExponentialBuilder::default()
            .with_min_delay(self.base_delay)
            .with_max_delay(self.max_delay)
            .with_max_times(self.max_http_attempts.saturating_sub(1) as usize)
            .with_jitter();
        let max_delay = self.max_delay;
        let result = (|| self.once(body, &counter))
            .retry(backoff)
            .when(Failure::retryable)
            .adjust(
                move |failure: &Failure, delay| match (delay, failure.retry_after) {
                    (Some(_), Some(after)) => Some(after.min(max_delay)),
                    _ => delay,
                },
            )
            .notify(|failure: &Failure, delay| {
                tracing::info!(
                    attempt = counter.load(Ordering::SeqCst),
                    delay_ms = delay.as_millis() as u64,
                    retry_after_ms = failure.retry_after.map(|d| d.as_millis() as u64),
                    reason = %failure.message,
                    "retrying the chat request"
                );
            })
            .await;
        let total = counter.load(Ordering::SeqCst);
        if let Err(failure) = &result {
            // info, not warn: the caller reports the failure itself (once, without -v)
            tracing::info!(
                http_attempts = total,
                reason = %failure.message,
                "the chat request failed"
            );
        }
        result
            .map(|mut sent| {
                sent.http_attempts = total;
                sent
            })
            .map_err(|mut failure| {
                failure.http_attempts = total;
                failure
            })
    }
}

/// How the counting service reads a body: up to `limit` bytes, redacting `secrets`.
#[derive(Debug, Clone)]
struct Reading {
    limit: u64,
    secrets: Arc<Secrets>,
}

/// A tower service that sends each request with `http`, counts it, reads the whole body
/// (so read timeouts and resets surface here, and a body over the size limit stops here),
/// redacts the secrets a server may echo in it before anything parses, logs, records or
/// caches it, and keeps status, `Retry-After` and body.
fn counting_service(
    http: reqwest::Client,
    slot: Arc<Mutex<Option<Seen>>>,
    counter: Arc<AtomicU32>,
    reading: Reading,
) -> impl tower::Service<
    HttpRequestFactory,
    Response = reqwest::Response,
    Error = OpenAIError,
    Future = impl Future<Output = Result<reqwest::Response, OpenAIError>> + Send + 'static,
> + Clone
+ Send
+ Sync
+ 'static {
    tower::service_fn(move |factory: HttpRequestFactory| {
        let http = http.clone();
        let slot = Arc::clone(&slot);
        let counter = Arc::clone(&counter);
        let reading = reading.clone();
        async move {
            let attempt = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let request = factory.build().await?;
            let started = std::time::Instant::now();
            tracing::debug!(
                url = %redacted_url(request.url()),
                attempt,
                request_bytes = request.body().and_then(|b| b.as_bytes()).map_or(0, <[u8]>::len),
                authorization = if request.headers().contains_key(reqwest::header::AUTHORIZATION) {
                    "<redacted>"
                } else {
                    "none"
                },
                "sending a chat request"
            );
            let response = http.execute(request).await.map_err(|e| {
                tracing::debug!(attempt, error = %e, "the chat request got no response");
                OpenAIError::Reqwest(e)
            })?;
            let status = response.status();
            let headers = response.headers().clone();
            let Some(bytes) = read_body(response, reading.limit).await.map_err(|e| {
                tracing::debug!(attempt, status = status.as_u16(), error = %e, "the response body broke off");
                OpenAIError::Reqwest(e)
            })?
            else {
                tracing::debug!(attempt, status = status.as_u16(), limit = reading.limit, "the response body is over the size limit");
                if let Ok(mut s) = slot.lock() {
                    *s = Some(Seen::TooLarge {
                        status: status.as_u16(),
                        limit: reading.limit,
                    });
                }
                return Err(OpenAIError::InvalidArgument(format!(
                    "the response body is longer than {} bytes",
                    reading.limit
                )));
            };
            let bytes: Vec<u8> = reading.secrets.redact(&bytes).into_owned();
            tracing::debug!(
                attempt,
                status = status.as_u16(),
                latency_ms = started.elapsed().as_millis() as u64,
                response_bytes = bytes.len(),
                "received a chat response"
            );
            tracing::trace!(attempt, body = %excerpt(&String::from_utf8_lossy(&bytes)), "response body");
            let retry_after = headers
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, std::time::SystemTime::now()));
            if let Ok(mut s) = slot.lock() {
                *s = Some(Seen::Response(Captured {
                    status: status.as_u16(),
                    retry_after,
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                    invalid_utf8_at: std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to()),
                }));
            }
            let mut rebuilt = http::Response::builder().status(status);
            for (name, value) in &headers {
                rebuilt = rebuilt.header(name, value);
            }
            let rebuilt = rebuilt.body(bytes).map_err(|e| {
                OpenAIError::InvalidArgument(format!("cannot rebuild the response: {e}"))
            })?;
            Ok(reqwest::Response::from(rebuilt))
        }
    })
}

/// The body of `response`, or `None` as soon as it is longer than `limit` bytes (a
/// `Content-Length` over the limit stops before reading any).
async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Option<Vec<u8>>, reqwest::Error> {
    if response.content_length().is_some_and(|n| n > limit) {
        return Ok(None);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

/// The wait a `Retry-After` value asks for at `now`: seconds (`120`, `1.5`) or an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`; a date in the past means no wait). A number of seconds
/// too large for a [`Duration`] (`1e308`) is [`Duration::MAX`]; the caller clamps every wait
/// to the longest retry delay.
fn retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::try_from_secs_f64(seconds).unwrap_or(Duration::MAX));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `url` without user name and password, for logs.
fn redacted_url(url: &reqwest::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// A transport error in words, naming timeouts and refused or reset connections.
fn transport_message(error: &OpenAIError) -> String {
    match error {
        OpenAIError::Reqwest(e) if e.is_timeout() => format!("timed out ({e})"),
        OpenAIError::Reqwest(e) if e.is_connect() => format!("connection failed ({e})"),
        OpenAIError::Reqwest(e) => {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                message.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            message
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
        assert_eq!(retry_after(" 2 ", now), Some(Duration::from_secs(2)));
        assert_eq!(retry_after("1.5", now), Some(Duration::from_millis(1500)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            retry_after("99999999999999999999", now),
            Some(Duration::MAX)
        );
        assert_eq!(retry_after("1e308", now), Some(Duration::MAX));
        assert_eq!(retry_after("-1", now), None);
        assert_eq!(retry_after("NaN", now), None);
        assert_eq!(retry_after("soon", now), None);
    }
}
