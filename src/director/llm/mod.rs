//! The LLM director: any OpenAI-compatible chat-completions endpoint, strict structured
//! output with fallback, a repair loop that feeds the checker's diagnostics back, bounded
//! retries on transport faults, and optional cassette recording.
//!
//! One file per job: [`settings`], [`prompts`] (templates), [`request`] (request bodies),
//! [`response`] (lenient replies, JSON extraction), [`mode`] (output modes and fallback),
//! [`transport`] (HTTP with retries, attempt counting), [`repair`] (the loop), [`tokens`]
//! (token counting for `--dry-run`), [`untrusted`] (redacting and escaping server text).

pub mod mode;
pub mod prompts;
pub mod repair;
pub mod request;
pub mod response;
pub mod settings;
pub mod tokens;
pub mod transport;
pub mod untrusted;

use std::path::PathBuf;

use async_trait::async_trait;
use serde_json::Value;

pub use mode::OutputMode;
pub use prompts::PromptSet;
pub use settings::LlmSettings;
pub use tokens::TokenCount;

use self::repair::Engine;
use self::transport::HttpTransport;
use super::record::{Recorder, RecordingTransport};
use super::{Directed, Director, DirectorError, Request};
use crate::schema;

/// The exact first request of a compile, for `--dry-run`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DryRun {
    /// Where it would be sent (`…/chat/completions`), user name and password redacted.
    pub url: String,
    /// The request body, exactly as it would be sent.
    pub body: Value,
    /// Its input tokens (tiktoken o200k).
    pub tokens: TokenCount,
}

/// The LLM director.
#[derive(Debug)]
pub struct LlmDirector {
    engine: Engine,
    transport: HttpTransport,
    recorder: Option<Recorder>,
}

impl LlmDirector {
    /// A director for `settings`, with the templates from `settings.prompt_dir` or the
    /// embedded ones.
    pub fn new(settings: LlmSettings) -> Result<Self, DirectorError> {
        let host = settings.validate()?;
        let prompts = load_prompts(&settings)?;
        let transport = HttpTransport::new(&settings)?;
        Ok(Self {
            engine: Engine {
                settings,
                prompts,
                host,
            },
            transport,
            recorder: None,
        })
    }

    /// A director from `OPENAI_BASE_URL` / `OPENAI_API_KEY`; `None` when neither is set.
    pub fn from_env() -> Result<Option<Self>, DirectorError> {
        LlmSettings::from_env("OPENAI_API_KEY")
            .map(Self::new)
            .transpose()
    }

    /// Records every exchange as a cassette in `dir` (the API key is never written).
    pub fn record_to(mut self, dir: impl Into<PathBuf>) -> Self {
        self.recorder = Some(Recorder::new(dir.into()));
        self
    }

    /// The settings in use.
    pub fn settings(&self) -> &LlmSettings {
        &self.engine.settings
    }

    /// The templates in use.
    pub fn prompts(&self) -> &PromptSet {
        &self.engine.prompts
    }

    /// The body of the first request [`Director::direct`] sends for `request`, unsent: what
    /// `--dry-run` prints and a Batch API requests file carries.
    pub fn request_body(&self, request: &Request) -> Result<Value, DirectorError> {
        self.engine.first_body(request)
    }

    /// The exact first request for `request` and its token count, without sending it.
    pub fn dry_run(&self, request: &Request) -> Result<DryRun, DirectorError> {
        let body = self.request_body(request)?;
        Ok(DryRun {
            url: untrusted::redact_url(&format!(
                "{}/chat/completions",
                self.engine.settings.base_url.trim_end_matches('/')
            )),
            tokens: tokens::count(&body),
            body,
        })
    }
}

/// The templates `settings` asks for.
pub(crate) fn load_prompts(settings: &LlmSettings) -> Result<PromptSet, DirectorError> {
    match &settings.prompt_dir {
        Some(dir) => PromptSet::from_dir(dir),
        None => PromptSet::embedded(),
    }
}

/// What decides an answer besides the request: the cache key's other half.
pub(crate) fn identity(engine: &Engine) -> String {
    let s = &engine.settings;
    format!(
        "llm\nmodel={}\nhost={}\nprompt_version={}\nprompts={}\nschema={}\nmode={}\nexamples={}\ntemperature={}\nseed={:?}\nmax_tokens={}\nmax_attempts={}\nfidelity={}",
        s.model,
        engine.host,
        engine.prompts.version(),
        engine.prompts.fingerprint(),
        schema::wire_schema_hash(),
        s.mode,
        s.examples,
        s.temperature,
        s.seed,
        s.max_tokens,
        s.max_attempts,
        s.fidelity
    )
}

#[async_trait]
impl Director for LlmDirector {
    fn name(&self) -> &'static str {
        "llm"
    }

    fn cache_identity(&self) -> Option<String> {
        Some(identity(&self.engine))
    }

    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        let Some(recorder) = &self.recorder else {
            return self
                .engine
                .direct(&self.transport, request, self.name())
                .await;
        };
        let recording = RecordingTransport::new(&self.transport);
        let result = self.engine.direct(&recording, request, self.name()).await;
        let written = recorder.write(&self.engine, request, recording.into_exchanges());
        match (result, written) {
            (Ok(_), Err(e)) => Err(e),
            (result, _) => result,
        }
    }
}
