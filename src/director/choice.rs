//! Choosing and building a director from plain settings: the rule the CLI's director flags
//! follow, as data that any front end (the CLI, the Python package, a config file) fills in.
//!
//! [`DirectorChoice`] deserializes from a map of the settings' names (the long flag names
//! with `_` for `-`) and rejects unknown names, so a caller's misspelt setting is an error
//! instead of a silently ignored value.

use std::path::PathBuf;

use serde::Deserialize;

use super::fidelity::FidelityMode;
use super::llm::settings::{
    DEFAULT_BASE_URL, DEFAULT_EXAMPLES, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_TOKENS, DEFAULT_MODEL, DEFAULT_REQUEST_TIMEOUT,
};
use super::{
    CachedDirector, Director, DirectorError, FallbackDirector, Heuristic, LlmDirector, LlmSettings,
    OutputMode, ReplayDirector,
};

/// Which front end decomposes the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectorKind {
    /// Offline rules; no network, milliseconds per prompt.
    Heuristic,
    /// An OpenAI-compatible chat endpoint (`OPENAI_API_KEY` / `OPENAI_BASE_URL`).
    Llm,
    /// Responses recorded from earlier LLM runs.
    Replay,
}

/// The director asked when the chosen one fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FallbackKind {
    /// The offline heuristic director.
    Heuristic,
}

/// The director to build and the settings of the LLM-backed ones. [`Default`] is what the
/// CLI does with no flags: the heuristic director unless an API key or a base URL is set.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DirectorChoice {
    /// The director; `None` picks llm when an API key (in `api_key_env`) or a base URL is
    /// set, else heuristic.
    pub director: Option<DirectorKind>,
    /// Base URL of the OpenAI-compatible API, including `/v1`; `None` reads
    /// `OPENAI_BASE_URL`.
    pub base_url: Option<String>,
    /// Model name sent with each request.
    pub model: String,
    /// Environment variable holding the API key (the key itself is never a setting).
    pub api_key_env: String,
    /// Sampling temperature (0..=2).
    pub temperature: f32,
    /// Sampling seed, for servers that support one.
    pub seed: u64,
    /// Completion token limit.
    pub max_tokens: u32,
    /// TCP connect timeout in seconds.
    pub connect_timeout: f64,
    /// Timeout of each socket read in seconds.
    pub read_timeout: f64,
    /// Total seconds one HTTP request may take, body included.
    pub request_timeout: f64,
    /// Largest response body read, in bytes.
    pub max_response_bytes: u64,
    /// Director attempts: the first answer plus repair requests.
    pub max_attempts: u32,
    /// Output mode to try first.
    pub mode: OutputMode,
    /// Folder of prompt templates overriding the built-in ones.
    pub prompt_dir: Option<PathBuf>,
    /// Few-shot examples sent before the prompt (repair requests leave them out).
    pub examples: usize,
    /// Fail when the model's storyboard still leaves out what the prompt says after the
    /// repairs (fidelity codes F…), instead of keeping it with warnings.
    pub strict_fidelity: bool,
    /// Do not check the model's storyboard against what the prompt says.
    pub no_fidelity: bool,
    /// Record every exchange as a cassette in this folder (never the key); bypasses the cache.
    pub record: Option<PathBuf>,
    /// Cassette folder of the replay director.
    pub cassettes: PathBuf,
    /// Do not read or write the response cache.
    pub no_cache: bool,
    /// When the chosen director fails, ask this one instead.
    pub fallback: Option<FallbackKind>,
}

impl Default for DirectorChoice {
    fn default() -> Self {
        Self {
            director: None,
            base_url: None,
            model: DEFAULT_MODEL.to_owned(),
            api_key_env: "OPENAI_API_KEY".to_owned(),
            temperature: 0.0,
            seed: 0,
            max_tokens: DEFAULT_MAX_TOKENS,
            connect_timeout: 10.0,
            read_timeout: 120.0,
            request_timeout: DEFAULT_REQUEST_TIMEOUT.as_secs_f64(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            mode: OutputMode::JsonSchema,
            prompt_dir: None,
            examples: DEFAULT_EXAMPLES,
            strict_fidelity: false,
            no_fidelity: false,
            record: None,
            cassettes: PathBuf::from("tests/cassettes"),
            no_cache: false,
            fallback: None,
        }
    }
}

impl DirectorChoice {
    /// These settings with `base_url` taken from `OPENAI_BASE_URL` when none is given, as the
    /// CLI's `--base-url` flag does.
    pub fn with_env_base_url(mut self) -> Self {
        if self.base_url.is_none() {
            self.base_url = std::env::var("OPENAI_BASE_URL")
                .ok()
                .filter(|u| !u.is_empty());
        }
        self
    }

    /// The API key in `api_key_env`, when set and not empty.
    fn api_key(&self) -> Option<String> {
        std::env::var(&self.api_key_env)
            .ok()
            .filter(|k| !k.is_empty())
    }

    /// The director kind after applying the default rule.
    pub fn kind(&self) -> DirectorKind {
        self.director.unwrap_or_else(|| {
            let url = self.base_url.as_deref().is_some_and(|u| !u.is_empty());
            if self.api_key().is_some() || url {
                DirectorKind::Llm
            } else {
                DirectorKind::Heuristic
            }
        })
    }

    /// The LLM settings these values and the environment describe. `need_endpoint` makes a
    /// missing endpoint an error (a dry run or a replay needs none).
    pub fn settings(&self, need_endpoint: bool) -> Result<LlmSettings, DirectorError> {
        let key = self.api_key();
        if need_endpoint && key.is_none() && self.base_url.is_none() {
            return Err(DirectorError::Config {
                message: format!(
                    "no LLM endpoint: set OPENAI_BASE_URL or --base-url (e.g. http://127.0.0.1:8080/v1), or put an API key in {}",
                    self.api_key_env
                ),
            });
        }
        if need_endpoint && key.is_none() && self.api_key_env != "OPENAI_API_KEY" {
            return Err(DirectorError::Config {
                message: format!("--api-key-env names {}, which is not set", self.api_key_env),
            });
        }
        let mut s = LlmSettings::new(
            self.base_url
                .clone()
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
        );
        s.api_key = key.unwrap_or_default();
        s.model = self.model.clone();
        s.temperature = self.temperature;
        s.seed = Some(self.seed);
        s.max_tokens = self.max_tokens;
        s.connect_timeout = seconds("connect-timeout", self.connect_timeout)?;
        s.read_timeout = seconds("read-timeout", self.read_timeout)?;
        s.request_timeout = seconds("request-timeout", self.request_timeout)?;
        s.max_response_bytes = self.max_response_bytes;
        s.max_attempts = self.max_attempts;
        s.mode = self.mode;
        s.prompt_dir = self.prompt_dir.clone();
        s.examples = self.examples;
        s.fidelity = match (self.no_fidelity, self.strict_fidelity) {
            (true, true) => {
                return Err(DirectorError::Config {
                    message: "--strict-fidelity and --no-fidelity exclude each other".into(),
                });
            }
            (true, false) => FidelityMode::Off,
            (false, true) => FidelityMode::Strict,
            (false, false) => FidelityMode::Warn,
        };
        s.validate()?;
        Ok(s)
    }

    /// The LLM director, recording or cached as the settings say.
    pub fn llm(&self) -> Result<Box<dyn Director>, DirectorError> {
        let director = LlmDirector::new(self.settings(true)?)?;
        Ok(match &self.record {
            Some(dir) => Box::new(director.record_to(dir)),
            None if self.no_cache => Box::new(director),
            None => Box::new(CachedDirector::new(
                Box::new(director),
                CachedDirector::default_dir(),
            )),
        })
    }

    /// The replay director over `cassettes`.
    pub fn replay(&self) -> Result<Box<dyn Director>, DirectorError> {
        Ok(Box::new(ReplayDirector::open(
            &self.cassettes,
            self.settings(false)?,
        )?))
    }

    /// Builds the chosen director, wrapped in the fallback when one is set.
    pub fn build(&self) -> Result<Box<dyn Director>, DirectorError> {
        let director = match self.kind() {
            DirectorKind::Heuristic => return Ok(Box::new(Heuristic)),
            DirectorKind::Llm => self.llm()?,
            DirectorKind::Replay => self.replay()?,
        };
        Ok(match self.fallback {
            Some(FallbackKind::Heuristic) => {
                Box::new(FallbackDirector::new(director, Box::new(Heuristic)))
            }
            None => director,
        })
    }
}

/// `value` seconds as a duration, or a configuration error naming the setting.
fn seconds(setting: &str, value: f64) -> Result<std::time::Duration, DirectorError> {
    std::time::Duration::try_from_secs_f64(value).map_err(|_| DirectorError::Config {
        message: format!("--{setting} {value} is not a number of seconds ≥ 0"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_json(value: serde_json::Value) -> Result<DirectorChoice, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn settings_deserialize_by_their_flag_names_and_unknown_ones_are_refused() {
        let choice = from_json(serde_json::json!({
            "director": "llm",
            "base_url": "http://127.0.0.1:8080/v1",
            "model": "smol",
            "temperature": 0.3,
            "mode": "text",
            "read_timeout": 30.0,
            "strict_fidelity": true,
        }))
        .unwrap();
        assert_eq!(choice.kind(), DirectorKind::Llm);
        let s = choice.settings(true).unwrap();
        assert_eq!((s.model.as_str(), s.temperature), ("smol", 0.3));
        assert_eq!(s.mode, OutputMode::Text);
        assert_eq!(s.read_timeout, std::time::Duration::from_secs(30));
        assert_eq!(s.fidelity, FidelityMode::Strict);
        let both = DirectorChoice {
            no_fidelity: true,
            ..choice
        };
        assert_eq!(
            both.settings(true).err().map(|e| e.code()),
            Some("director_config")
        );
        let err = from_json(serde_json::json!({"modle": "x"})).unwrap_err();
        assert!(err.to_string().contains("unknown field `modle`"), "{err}");
    }

    #[test]
    fn the_default_is_heuristic_without_key_or_url_and_llm_with_a_url() {
        let unset = DirectorChoice {
            api_key_env: "SCENEC_TEST_CHOICE_UNSET_KEY".into(),
            ..DirectorChoice::default()
        };
        assert_eq!(unset.kind(), DirectorKind::Heuristic);
        assert!(unset.build().is_ok());
        let with_url = DirectorChoice {
            base_url: Some("http://127.0.0.1:1/v1".into()),
            ..unset
        };
        assert_eq!(with_url.kind(), DirectorKind::Llm);
    }

    #[test]
    fn bad_values_are_configuration_errors() {
        let choice = DirectorChoice {
            director: Some(DirectorKind::Llm),
            base_url: Some("http://127.0.0.1:1/v1".into()),
            read_timeout: -1.0,
            ..DirectorChoice::default()
        };
        let err = choice.build().err().map(|e| e.code());
        assert_eq!(err, Some("director_config"));
        let choice = DirectorChoice {
            read_timeout: 30.0,
            temperature: 9.0,
            ..choice
        };
        assert_eq!(
            choice.settings(false).err().map(|e| e.code()),
            Some("director_config")
        );
    }
}
