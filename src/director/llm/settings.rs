//! Settings of the LLM director: endpoint, model, sampling, limits, timeouts.

use std::path::PathBuf;
use std::time::Duration;

use super::mode::OutputMode;
use crate::director::DirectorError;
use crate::director::fidelity::FidelityMode;

/// Default endpoint when only a key is given.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// Default model name (servers that serve one model, like llama.cpp, ignore it).
pub const DEFAULT_MODEL: &str = "gpt-4o-mini";
/// Default number of director attempts (first answer plus repairs).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Default number of few-shot examples sent before the prompt: none. Measured on the
/// default request, one example costs about 500 input tokens on every compile (the strict
/// schema already fixes the shape), so they are opt-in (`--examples N`).
pub const DEFAULT_EXAMPLES: usize = 0;
/// Default completion token limit.
pub const DEFAULT_MAX_TOKENS: u32 = 2048;
/// Default total time one HTTP request may take, body included (five minutes: a long
/// non-streamed reply from a slow local model fits, a body dripping forever does not).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(300);
/// Longest connect, read or request timeout (one day): longer ones overflow the HTTP
/// client's clock arithmetic and mean "never" anyway.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(86_400);
/// Default size limit of one response body in bytes (8 MiB: a storyboard reply is a few
/// kilobytes; an endless body stops here instead of filling the memory).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// Everything the LLM director needs to know. Build with [`LlmSettings::new`] or
/// [`LlmSettings::from_env`] and adjust the public fields.
#[derive(Clone, PartialEq)]
pub struct LlmSettings {
    /// Base URL of the OpenAI-compatible API, including `/v1`.
    pub base_url: String,
    /// Model name sent with every request.
    pub model: String,
    /// API key; empty for servers that need none. Never printed or recorded.
    pub api_key: String,
    /// Sampling temperature.
    pub temperature: f32,
    /// Sampling seed, when the server supports one.
    pub seed: Option<u64>,
    /// Completion token limit of the first request (a length stop retries once with double).
    pub max_tokens: u32,
    /// TCP connect timeout.
    pub connect_timeout: Duration,
    /// Timeout of each read from the socket (not a total timeout).
    pub read_timeout: Duration,
    /// Total time one HTTP request may take, from sending to the last byte of the body: a
    /// server that drips its reply slower than this fails (and is retried) even when every
    /// read beats `read_timeout`.
    pub request_timeout: Duration,
    /// Largest response body read, in bytes; a longer one fails the call (not retried).
    pub max_response_bytes: u64,
    /// Director attempts: the first answer plus repair requests.
    pub max_attempts: u32,
    /// HTTP requests per call, retries on 429/5xx/transport faults included.
    pub max_http_attempts: u32,
    /// First retry delay; doubles each retry, with jitter.
    pub retry_base_delay: Duration,
    /// Longest retry delay, `Retry-After` included.
    pub retry_max_delay: Duration,
    /// The first output mode to try.
    pub mode: OutputMode,
    /// Folder of prompt templates overriding the embedded ones.
    pub prompt_dir: Option<PathBuf>,
    /// How many of the templates' few-shot examples go before the prompt (at most as many as
    /// there are); repair requests never repeat them.
    pub examples: usize,
    /// What the fidelity gate does with a valid storyboard that misses what the prompt says:
    /// nothing (off), send it back and warn about what is left (warn, the default), or fail
    /// the call (strict).
    pub fidelity: FidelityMode,
}

impl std::fmt::Debug for LlmSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmSettings")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .field(
                "api_key",
                &if self.api_key.is_empty() {
                    ""
                } else {
                    "<redacted>"
                },
            )
            .field("temperature", &self.temperature)
            .field("seed", &self.seed)
            .field("max_tokens", &self.max_tokens)
            .field("max_attempts", &self.max_attempts)
            .field("mode", &self.mode)
            .field("examples", &self.examples)
            .field("fidelity", &self.fidelity)
            .finish_non_exhaustive()
    }
}

impl LlmSettings {
    /// Settings for `base_url` with defaults everywhere else.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            model: DEFAULT_MODEL.to_owned(),
            api_key: String::new(),
            temperature: 0.0,
            seed: Some(0),
            max_tokens: DEFAULT_MAX_TOKENS,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(120),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            max_http_attempts: 4,
            retry_base_delay: Duration::from_millis(250),
            retry_max_delay: Duration::from_secs(8),
            mode: OutputMode::JsonSchema,
            prompt_dir: None,
            examples: DEFAULT_EXAMPLES,
            fidelity: FidelityMode::default(),
        }
    }

    /// Settings from `OPENAI_BASE_URL` and the key in the variable `api_key_env`
    /// (`OPENAI_API_KEY` by default). `None` when neither is set: use the heuristic director.
    pub fn from_env(api_key_env: &str) -> Option<Self> {
        let key = std::env::var(api_key_env).ok().filter(|k| !k.is_empty());
        let base = std::env::var("OPENAI_BASE_URL")
            .ok()
            .filter(|b| !b.is_empty());
        if key.is_none() && base.is_none() {
            return None;
        }
        let mut settings = Self::new(base.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()));
        settings.api_key = key.unwrap_or_default();
        Some(settings)
    }

    /// Checks the values and returns the endpoint host (for metadata; never the key).
    pub fn validate(&self) -> Result<String, DirectorError> {
        let url = url::Url::parse(&self.base_url).map_err(|e| DirectorError::Config {
            message: format!(
                "base URL {:?} is not a URL ({e}); give e.g. http://127.0.0.1:8080/v1",
                self.base_url
            ),
        })?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(DirectorError::Config {
                message: format!(
                    "base URL {:?} must start with http:// or https://",
                    self.base_url
                ),
            });
        }
        if self.max_attempts == 0 || self.max_http_attempts == 0 {
            return Err(DirectorError::Config {
                message: "--max-attempts must be at least 1".into(),
            });
        }
        let timeouts = [
            self.connect_timeout,
            self.read_timeout,
            self.request_timeout,
        ];
        if timeouts.iter().any(|t| t.is_zero() || *t > MAX_TIMEOUT) {
            return Err(DirectorError::Config {
                message: format!(
                    "--connect-timeout, --read-timeout and --request-timeout must be more than 0 and at most {} seconds (one day)",
                    MAX_TIMEOUT.as_secs()
                ),
            });
        }
        if self.max_response_bytes == 0 {
            return Err(DirectorError::Config {
                message: "--max-response-bytes must be at least 1".into(),
            });
        }
        if self.max_tokens == 0 {
            return Err(DirectorError::Config {
                message: "--max-tokens must be at least 1".into(),
            });
        }
        if !(0.0..=2.0).contains(&self.temperature) {
            return Err(DirectorError::Config {
                message: format!("--temperature {} is outside 0..=2", self.temperature),
            });
        }
        Ok(endpoint_host(&url))
    }
}

fn endpoint_host(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keeps_the_port_and_drops_path_and_credentials() {
        let s = LlmSettings::new("http://user:secret@127.0.0.1:8080/v1");
        assert_eq!(s.validate().unwrap(), "127.0.0.1:8080");
    }

    #[test]
    fn bad_urls_and_limits_are_config_errors() {
        assert_eq!(
            LlmSettings::new("not a url").validate().unwrap_err().code(),
            "director_config"
        );
        assert_eq!(
            LlmSettings::new("ftp://x/v1")
                .validate()
                .unwrap_err()
                .code(),
            "director_config"
        );
        let mut s = LlmSettings::new("http://127.0.0.1:1/v1");
        s.max_attempts = 0;
        assert!(s.validate().is_err());
        let mut s = LlmSettings::new("http://127.0.0.1:1/v1");
        s.request_timeout = Duration::ZERO;
        assert_eq!(s.validate().unwrap_err().code(), "director_config");
        let mut s = LlmSettings::new("http://127.0.0.1:1/v1");
        s.read_timeout = Duration::MAX;
        assert_eq!(s.validate().unwrap_err().code(), "director_config");
    }

    #[test]
    fn debug_never_shows_the_key() {
        let mut s = LlmSettings::new("http://127.0.0.1:1/v1");
        s.api_key = "sk-very-secret".into();
        assert!(!format!("{s:?}").contains("sk-very-secret"));
    }
}
