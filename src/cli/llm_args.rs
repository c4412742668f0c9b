//! The LLM, replay, recording and cache flags, flattened into the director flags, and the
//! builders of the LLM-backed directors.

use std::path::PathBuf;

use super::bounds;
use scenec::director::llm::DryRun;
use scenec::director::llm::settings::{
    DEFAULT_EXAMPLES, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_TOKENS,
    DEFAULT_MODEL, DEFAULT_REQUEST_TIMEOUT,
};
use scenec::director::{
    DirectorChoice, DirectorError, DirectorKind, FallbackKind, LlmDirector, LlmSettings,
    OutputMode, Request,
};

/// Director to ask when the first one fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fallback {
    /// The offline heuristic director.
    Heuristic,
}

/// Settings of the LLM director (also used by replay to rebuild the same requests).
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "LLM director")]
pub struct LlmArgs {
    /// Base URL of the OpenAI-compatible API, including /v1.
    #[arg(long, env = "OPENAI_BASE_URL", hide_env_values = true)]
    pub base_url: Option<String>,
    /// Model name sent with each request.
    #[arg(long, default_value = DEFAULT_MODEL)]
    pub model: String,
    /// Environment variable holding the API key (the key itself is never a flag).
    #[arg(long, default_value = "OPENAI_API_KEY", value_name = "VAR")]
    pub api_key_env: String,
    /// Sampling temperature (0..=2).
    #[arg(long, default_value_t = 0.0, value_parser = bounds::temperature)]
    pub temperature: f32,
    /// Sampling seed, for servers that support one.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Completion token limit (a reply cut at the limit is retried once with twice as many).
    #[arg(long, default_value_t = DEFAULT_MAX_TOKENS, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_tokens: u32,
    /// TCP connect timeout in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS", value_parser = bounds::timeout)]
    pub connect_timeout: f64,
    /// Timeout of each socket read in seconds (not a total timeout).
    #[arg(long, default_value_t = 120.0, value_name = "SECONDS", value_parser = bounds::timeout)]
    pub read_timeout: f64,
    /// Total seconds one HTTP request may take, body included (a reply dripping slower
    /// fails and is retried).
    #[arg(long, default_value_t = DEFAULT_REQUEST_TIMEOUT.as_secs_f64(), value_name = "SECONDS", value_parser = bounds::timeout)]
    pub request_timeout: f64,
    /// Largest response body read, in bytes; a longer one ends the call with a transport
    /// error (an endless body stops here instead of filling the memory).
    #[arg(long, default_value_t = DEFAULT_MAX_RESPONSE_BYTES, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_response_bytes: u64,
    /// Director attempts: the first answer plus repair requests carrying the diagnostics.
    #[arg(long, default_value_t = DEFAULT_MAX_ATTEMPTS, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_attempts: u32,
    /// Output mode to try first (json_schema, json_object, text); a server that rejects it
    /// gets the next one.
    #[arg(long, default_value = "json_schema", value_parser = parse_mode)]
    pub mode: OutputMode,
    /// Folder of prompt templates overriding the built-in ones (system.j2, user.j2,
    /// repair.j2, VERSION, examples/*.json.j2).
    #[arg(long, value_name = "DIR")]
    pub prompt_dir: Option<PathBuf>,
    /// Few-shot examples sent before the prompt (the templates hold two); each costs input
    /// tokens on every request, and repair requests leave them out.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_EXAMPLES)]
    pub examples: usize,
    /// Record every exchange as a cassette in DIR (never the key); bypasses the cache.
    #[arg(long, value_name = "DIR")]
    pub record: Option<PathBuf>,
    /// Cassette folder for --director replay.
    #[arg(long, value_name = "DIR", default_value = "tests/cassettes")]
    pub cassettes: PathBuf,
    /// Do not read or write the response cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Fail when the storyboard still misses what the prompt says after the repair attempts
    /// (fidelity codes F…), instead of keeping it with warnings.
    #[arg(long, conflicts_with = "no_fidelity")]
    pub strict_fidelity: bool,
    /// Do not check the model's storyboard against what the prompt says (no fidelity gate,
    /// no fidelity repair requests).
    #[arg(long)]
    pub no_fidelity: bool,
    /// When the LLM fails, ask this director instead (recorded in meta.notes).
    #[arg(long, value_enum)]
    pub fallback: Option<Fallback>,
}

fn parse_mode(s: &str) -> Result<OutputMode, String> {
    s.parse()
}

impl LlmArgs {
    /// The library's director settings these flags describe, for the director `kind`.
    pub fn choice(&self, kind: Option<DirectorKind>) -> DirectorChoice {
        DirectorChoice {
            director: kind,
            base_url: self.base_url.clone(),
            model: self.model.clone(),
            api_key_env: self.api_key_env.clone(),
            temperature: self.temperature,
            seed: self.seed,
            max_tokens: self.max_tokens,
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            request_timeout: self.request_timeout,
            max_response_bytes: self.max_response_bytes,
            max_attempts: self.max_attempts,
            mode: self.mode,
            prompt_dir: self.prompt_dir.clone(),
            examples: self.examples,
            strict_fidelity: self.strict_fidelity,
            no_fidelity: self.no_fidelity,
            record: self.record.clone(),
            cassettes: self.cassettes.clone(),
            no_cache: self.no_cache,
            fallback: self
                .fallback
                .map(|Fallback::Heuristic| FallbackKind::Heuristic),
        }
    }

    /// The settings these flags and the environment describe. `need_endpoint` makes a missing
    /// endpoint an error (a dry run or a replay needs none).
    pub fn settings(&self, need_endpoint: bool) -> Result<LlmSettings, DirectorError> {
        self.choice(None).settings(need_endpoint)
    }

    /// The exact first request for `request`, unsent.
    pub fn dry_run(&self, request: &Request) -> Result<DryRun, DirectorError> {
        LlmDirector::new(self.settings(false)?)?.dry_run(request)
    }
}
