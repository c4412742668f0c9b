//! `scenec.toml`: defaults for the command-line flags, read from the working directory or
//! from `--config FILE`.
//!
//! Precedence: command-line flag, then environment variable (`OPENAI_BASE_URL`), then
//! `scenec.toml`, then the built-in default. The file's values become the flags' defaults in
//! the clap definition ([`Config::apply`]), so clap itself applies that order and `--help`
//! shows them.
//!
//! Keys are the long flag names with `_` for `-`. The API key never goes in the file:
//! `api_key_env` names the variable that holds it.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use scenec::backend;
use scenec::director::OutputMode;
use serde::Deserialize;
use toml::de::DeTable;

use super::bounds;
use super::compile::Format;
use super::director_args::DirectorKind;
use super::llm_args::Fallback;
use super::lower_args::EasingArg;

/// Name of the configuration file looked up in the working directory.
pub const FILE_NAME: &str = "scenec.toml";

/// Every key the file may hold, in the order `scenec config` lists them.
pub const KEYS: &[&str] = &[
    "director",
    "fallback",
    "backend",
    "format",
    "duration",
    "keyframe_interval",
    "easing",
    "concurrency",
    "model",
    "base_url",
    "api_key_env",
    "temperature",
    "seed",
    "max_tokens",
    "connect_timeout",
    "read_timeout",
    "request_timeout",
    "max_response_bytes",
    "max_attempts",
    "mode",
    "prompt_dir",
    "examples",
    "cassettes",
];

/// Keys that apply to one subcommand only, though others have a flag of the same name.
const ONLY_IN: &[(&str, &str)] = &[("format", "compile")];

/// The settings a `scenec.toml` holds; every key is optional.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Director: heuristic, llm or replay.
    pub director: Option<DirectorKind>,
    /// Director asked when the first one fails.
    pub fallback: Option<Fallback>,
    /// Backend to lower for (`scenec backends`).
    pub backend: Option<String>,
    /// Output format of `compile`.
    pub format: Option<Format>,
    /// Total video length in seconds (`compile`, `batch`).
    pub duration: Option<f64>,
    /// Longest gap between keyframes in seconds.
    pub keyframe_interval: Option<f64>,
    /// Easing of camera moves and entity paths.
    pub easing: Option<EasingArg>,
    /// Prompts `batch` compiles at once.
    pub concurrency: Option<usize>,
    /// LLM model name.
    pub model: Option<String>,
    /// Base URL of the OpenAI-compatible API.
    pub base_url: Option<String>,
    /// Environment variable holding the API key.
    pub api_key_env: Option<String>,
    /// Sampling temperature.
    pub temperature: Option<f32>,
    /// Sampling seed.
    pub seed: Option<u64>,
    /// Completion token limit.
    pub max_tokens: Option<u32>,
    /// TCP connect timeout in seconds.
    pub connect_timeout: Option<f64>,
    /// Socket read timeout in seconds.
    pub read_timeout: Option<f64>,
    /// Total time of one HTTP request in seconds.
    pub request_timeout: Option<f64>,
    /// Largest response body in bytes.
    pub max_response_bytes: Option<u64>,
    /// Director attempts, repairs included.
    pub max_attempts: Option<u32>,
    /// First output mode to try: json_schema, json_object or text.
    pub mode: Option<String>,
    /// Folder of prompt templates (relative to the file's folder).
    pub prompt_dir: Option<PathBuf>,
    /// Few-shot examples sent before the prompt.
    pub examples: Option<u32>,
    /// Cassette folder for the replay director (relative to the file's folder).
    pub cassettes: Option<PathBuf>,
}

/// A loaded configuration file: where it came from and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The file read.
    pub path: PathBuf,
    /// Its settings, paths made relative to the working directory.
    pub config: Config,
}

/// The `--config FILE` of an argument list, found before clap parses it (the file decides
/// the flags' defaults). Stops at `--`.
pub fn config_flag(args: &[std::ffi::OsString]) -> Option<PathBuf> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            return None;
        }
        if text == "--config" {
            return iter.next().map(PathBuf::from);
        }
        if let Some(value) = text.strip_prefix("--config=") {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// Reads `explicit` (an error when missing), else `scenec.toml` in the working directory
/// when there is one. The error is a sentence for people naming the file, line and key.
pub fn load(explicit: Option<&Path>) -> Result<Option<Loaded>, String> {
    let path = match explicit {
        Some(p) => p.to_owned(),
        None if Path::new(FILE_NAME).is_file() => PathBuf::from(FILE_NAME),
        None => return Ok(None),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the config file {}: {e}", path.display()))?;
    let mut config = parse(&text).map_err(|e| format!("{}:{e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new(""));
    for dir in [&mut config.prompt_dir, &mut config.cassettes]
        .into_iter()
        .flatten()
    {
        if dir.is_relative() {
            *dir = base.join(&*dir);
        }
    }
    Ok(Some(Loaded { path, config }))
}

/// Parses and validates the text of a `scenec.toml`; the error starts with the line number
/// (`3: key …`) so the caller can put the file name in front.
pub fn parse(text: &str) -> Result<Config, String> {
    let table = DeTable::parse(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        format!("{line}: not valid TOML: {}", e.message())
    })?;
    for (key, value) in table.get_ref() {
        let line = line_of(text, key.span().start);
        let name = key.get_ref().as_ref();
        if value.get_ref().is_table() {
            return Err(format!(
                "{line}: `[{name}]` — scenec.toml has no sections; write the keys at the top level"
            ));
        }
        if !KEYS.contains(&name) {
            return Err(format!("{line}: {}", unknown_key(name)));
        }
    }
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let key = table
            .get_ref()
            .keys()
            .find(|k| line_of(text, k.span().start) == line)
            .map(|k| format!("key `{}`: ", k.get_ref()))
            .unwrap_or_default();
        format!("{line}: {key}{}", e.message())
    })?;
    let line_of_key = |key: &str| {
        table
            .get_ref()
            .keys()
            .find(|k| k.get_ref() == key)
            .map_or(1, |k| line_of(text, k.span().start))
    };
    config
        .validate()
        .map_err(|(key, message)| format!("{}: key `{key}`: {message}", line_of_key(key)))?;
    Ok(config)
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.get(..at).unwrap_or(text).matches('\n').count() + 1
}

/// Why `name` is not a key: the API key is refused outright, a near miss gets a
/// suggestion, anything else the list of keys.
fn unknown_key(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let secret = ["key", "apikey", "token", "secret", "password"].contains(&lower.as_str())
        || ["api_key", "api_token", "_secret", "_password"]
            .iter()
            .any(|s| lower.ends_with(s));
    if secret {
        return format!(
            "`{name}` — the API key never goes in scenec.toml (it would end up in version control); export it in an environment variable and name that variable with `api_key_env = \"OPENAI_API_KEY\"`"
        );
    }
    let closest = KEYS
        .iter()
        .map(|k| (strsim::normalized_damerau_levenshtein(&lower, k), *k))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, near)) => format!("unknown key `{name}`; did you mean `{near}`?"),
        None => format!("unknown key `{name}`; the keys are {}", KEYS.join(", ")),
    }
}

impl Config {
    /// Checks the values serde's types do not: backend names, modes, positive numbers.
    /// The error names the key.
    fn validate(&self) -> Result<(), (&'static str, String)> {
        if let Some(name) = &self.backend
            && backend::by_name(name).is_none()
        {
            return Err((
                "backend",
                format!(
                    "unknown backend `{name}`; choose one of {}",
                    backend::NAMES.join(", ")
                ),
            ));
        }
        if self.concurrency == Some(0) {
            return Err(("concurrency", "must be at least 1".into()));
        }
        for (key, value) in [
            ("max_response_bytes", self.max_response_bytes),
            ("max_tokens", self.max_tokens.map(u64::from)),
            ("max_attempts", self.max_attempts.map(u64::from)),
        ] {
            if value == Some(0) {
                return Err((key, "must be at least 1".into()));
            }
        }
        if let Some(t) = self.temperature {
            bounds::TEMPERATURE
                .check(f64::from(t))
                .map_err(|e| ("temperature", e))?;
        }
        if let Some(mode) = &self.mode {
            mode.parse::<OutputMode>().map_err(|e| ("mode", e))?;
        }
        let seconds = [
            ("duration", self.duration, bounds::VIDEO),
            (
                "keyframe_interval",
                self.keyframe_interval,
                bounds::KEYFRAME_INTERVAL,
            ),
            ("connect_timeout", self.connect_timeout, bounds::TIMEOUT),
            ("read_timeout", self.read_timeout, bounds::TIMEOUT),
            ("request_timeout", self.request_timeout, bounds::TIMEOUT),
        ];
        for (key, value, range) in seconds {
            if let Some(value) = value {
                range.check(value).map_err(|e| (key, e))?;
            }
        }
        Ok(())
    }

    /// Each key the file sets with its value as a command-line argument would spell it.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        fn choice<T: ValueEnum>(value: &T) -> Option<String> {
            value.to_possible_value().map(|v| v.get_name().to_owned())
        }
        let path = |p: &PathBuf| p.to_string_lossy().into_owned();
        let all = [
            ("director", self.director.as_ref().and_then(choice)),
            ("fallback", self.fallback.as_ref().and_then(choice)),
            ("backend", self.backend.clone()),
            ("format", self.format.as_ref().and_then(choice)),
            ("duration", self.duration.map(|v| v.to_string())),
            (
                "keyframe_interval",
                self.keyframe_interval.map(|v| v.to_string()),
            ),
            ("easing", self.easing.as_ref().and_then(choice)),
            ("concurrency", self.concurrency.map(|v| v.to_string())),
            ("model", self.model.clone()),
            ("base_url", self.base_url.clone()),
            ("api_key_env", self.api_key_env.clone()),
            ("temperature", self.temperature.map(|v| v.to_string())),
            ("seed", self.seed.map(|v| v.to_string())),
            ("max_tokens", self.max_tokens.map(|v| v.to_string())),
            (
                "connect_timeout",
                self.connect_timeout.map(|v| v.to_string()),
            ),
            ("read_timeout", self.read_timeout.map(|v| v.to_string())),
            (
                "request_timeout",
                self.request_timeout.map(|v| v.to_string()),
            ),
            (
                "max_response_bytes",
                self.max_response_bytes.map(|v| v.to_string()),
            ),
            ("max_attempts", self.max_attempts.map(|v| v.to_string())),
            ("mode", self.mode.clone()),
            ("prompt_dir", self.prompt_dir.as_ref().map(path)),
            ("examples", self.examples.map(|v| v.to_string())),
            ("cassettes", self.cassettes.as_ref().map(path)),
        ];
        all.into_iter()
            .filter_map(|(key, value)| value.map(|v| (key, v)))
            .collect()
    }

    /// `command` with this file's values as the defaults of the matching flags of every
    /// subcommand (a key listed in `ONLY_IN` only for its subcommand).
    pub fn apply(&self, mut command: clap::Command) -> clap::Command {
        let values = self.values();
        let names: Vec<String> = command
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        for name in names {
            command = command.mut_subcommand(&name, |mut sub| {
                for (key, value) in &values {
                    let allowed = ONLY_IN
                        .iter()
                        .all(|(only, there)| only != key || *there == name);
                    if allowed && sub.get_arguments().any(|a| a.get_id() == *key) {
                        let value = value.clone();
                        sub = sub.mut_arg(*key, |a| a.default_value(value));
                    }
                }
                sub
            });
        }
        command
    }
}

/// The flag a key sets: the first subcommand's argument of that id (`format` → compile's).
pub fn flag_of<'c>(command: &'c clap::Command, key: &str) -> Option<&'c clap::Arg> {
    let only = ONLY_IN.iter().find(|(k, _)| *k == key).map(|(_, sub)| *sub);
    command
        .get_subcommands()
        .filter(|sub| only.is_none_or(|o| sub.get_name() == o))
        .find_map(|sub| sub.get_arguments().find(|a| a.get_id() == key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVERY_KEY: &str = r#"
director = "llm"
fallback = "heuristic"
backend = "wan"
format = "yaml"
duration = 8
keyframe_interval = 0.5
easing = "linear"
concurrency = 8
model = "qwen2.5"
base_url = "http://127.0.0.1:8080/v1"
api_key_env = "MY_KEY"
temperature = 0.2
seed = 7
max_tokens = 1024
connect_timeout = 5
read_timeout = 60.5
request_timeout = 200
max_response_bytes = 1000000
max_attempts = 2
mode = "text"
prompt_dir = "prompts"
examples = 1
cassettes = "tests/cassettes"
"#;

    #[test]
    fn every_key_parses_and_is_listed() {
        let config = parse(EVERY_KEY).unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<&str> = config.values().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, KEYS);
        assert_eq!(config.director, Some(DirectorKind::Llm));
        assert_eq!(config.duration, Some(8.0));
    }

    #[test]
    fn every_key_names_a_flag() {
        use clap::CommandFactory;
        let command = super::super::Cli::command();
        for key in KEYS {
            assert!(flag_of(&command, key).is_some(), "no flag for key `{key}`");
        }
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_the_line() {
        let err = parse("backend = \"wan\"\nbase-url = \"x\"\n").err();
        assert_eq!(
            err.as_deref(),
            Some("2: unknown key `base-url`; did you mean `base_url`?")
        );
        let err = parse("max_token = 9").err();
        assert_eq!(
            err.as_deref(),
            Some("1: unknown key `max_token`; did you mean `max_tokens`?")
        );
        let err = parse("colour = 1").err().unwrap_or_default();
        assert!(err.contains("the keys are director, fallback"), "{err}");
    }

    #[test]
    fn the_api_key_is_refused_with_the_way_to_give_it() {
        for key in ["api_key", "openai_api_key", "API_KEY"] {
            let err = parse(&format!("{key} = \"sk-123\""))
                .err()
                .unwrap_or_default();
            assert!(
                err.starts_with("1: `") && err.contains("api_key_env = \"OPENAI_API_KEY\""),
                "{err}"
            );
            assert!(!err.contains("sk-123"), "{err}");
        }
    }

    #[test]
    fn bad_values_name_line_and_key() {
        let cases = [
            (
                "seed = 1\ntemperature = \"hot\"\n",
                "2: key `temperature`: ",
            ),
            (
                "director = \"gpt\"",
                "1: key `director`: unknown variant `gpt`",
            ),
            (
                "\n\nbackend = \"wann\"",
                "3: key `backend`: unknown backend `wann`",
            ),
            ("mode = \"yaml\"", "1: key `mode`: unknown output mode"),
            (
                "duration = -1",
                "1: key `duration`: must be more than 0 and at most 3600 seconds",
            ),
            (
                "read_timeout = -1",
                "1: key `read_timeout`: must be more than 0",
            ),
            (
                "read_timeout = 1e19",
                "1: key `read_timeout`: must be more than 0 and at most 86400 seconds (one day)",
            ),
            (
                "keyframe_interval = nan",
                "1: key `keyframe_interval`: must be more than 0",
            ),
            ("model = ", "1: not valid TOML"),
            (
                "[llm]\nmodel = \"x\"",
                "1: `[llm]` — scenec.toml has no sections",
            ),
        ];
        for (text, start) in cases {
            let err = parse(text).err().unwrap_or_default();
            assert!(err.starts_with(start), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn the_config_flag_is_found_before_parsing() {
        let args =
            |list: &[&str]| -> Vec<std::ffi::OsString> { list.iter().map(Into::into).collect() };
        assert_eq!(
            config_flag(&args(&[
                "scenec", "-v", "--config", "a.toml", "compile", "x"
            ])),
            Some(PathBuf::from("a.toml"))
        );
        assert_eq!(
            config_flag(&args(&["scenec", "compile", "--config=b.toml", "x"])),
            Some(PathBuf::from("b.toml"))
        );
        assert_eq!(
            config_flag(&args(&["scenec", "compile", "--", "--config"])),
            None
        );
    }
}
