//! `scenec config`: the settings that apply when no flag is given, each with where it
//! came from (environment, scenec.toml, built-in default).

use super::EXIT_OK;
use super::config::{self, KEYS, Loaded};

/// Arguments of `scenec config` (the global `--config FILE` picks the file).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// One setting as `scenec config` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The scenec.toml key.
    pub key: &'static str,
    /// Its effective value ("" when unset).
    pub value: String,
    /// Where the value comes from.
    pub source: String,
}

/// Prints every key's effective value and source.
pub fn run(_: &Args, command: &clap::Command, loaded: Option<&Loaded>) -> u8 {
    let file = loaded.map_or_else(
        || format!("none ({} not found)", config::FILE_NAME),
        |l| l.path.display().to_string(),
    );
    println!("# config file: {file}");
    println!("# precedence: command-line flag > environment variable > config file > default");
    let entries = entries(command, loaded, |name| {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    });
    let width = entries
        .iter()
        .map(|e| e.value.len().max(1))
        .max()
        .unwrap_or(0);
    for e in entries {
        let value = if e.value.is_empty() { "-" } else { &e.value };
        println!("{:<18} {value:<width$}  {}", e.key, e.source);
    }
    EXIT_OK
}

/// Every key with its effective value and source; `env` reads an environment variable.
pub fn entries(
    command: &clap::Command,
    loaded: Option<&Loaded>,
    env: impl Fn(&str) -> Option<String>,
) -> Vec<Entry> {
    let from_file = loaded.map(|l| l.config.values()).unwrap_or_default();
    let file_name = loaded.map(|l| l.path.display().to_string());
    let mut out: Vec<Entry> = KEYS
        .iter()
        .map(|key| {
            let arg = config::flag_of(command, key);
            let var = arg
                .and_then(|a| a.get_env())
                .map(|v| v.to_string_lossy().into_owned());
            if let Some((var, value)) = var.and_then(|v| env(&v).map(|value| (v, value))) {
                return entry(key, value, format!("environment {var}"));
            }
            if let (Some((_, value)), Some(file)) =
                (from_file.iter().find(|(k, _)| k == key), &file_name)
            {
                return entry(key, value.clone(), file.clone());
            }
            let default: Vec<String> = arg
                .map(|a| {
                    a.get_default_values()
                        .iter()
                        .map(|v| v.to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            entry(key, default.join(","), "default".into())
        })
        .collect();
    let base_url_set = out
        .iter()
        .any(|e| e.key == "base_url" && !e.value.is_empty());
    let key_var = out
        .iter()
        .find(|e| e.key == "api_key_env")
        .map(|e| e.value.clone())
        .unwrap_or_default();
    let key_set = env(&key_var).is_some();
    for e in &mut out {
        if e.key == "director" && e.value.is_empty() {
            e.value = if key_set || base_url_set {
                "llm"
            } else {
                "heuristic"
            }
            .into();
            e.source = "default (llm when an API key or a base_url is set)".into();
        }
        if e.key == "base_url" && e.value.is_empty() {
            e.value = scenec::director::llm::settings::DEFAULT_BASE_URL.into();
        }
        if e.key == "base_url" {
            e.value = scenec::director::llm::untrusted::redact_url(&e.value);
        }
        if e.key == "api_key_env" {
            let state = if key_set { "set" } else { "not set" };
            e.source = format!(
                "{} ({} is {state}; its value is never shown)",
                e.source, e.value
            );
        }
    }
    out
}

fn entry(key: &'static str, value: String, source: String) -> Entry {
    Entry { key, value, source }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::CommandFactory;

    use super::*;

    fn find<'a>(entries: &'a [Entry], key: &str) -> &'a Entry {
        entries
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no entry {key}"))
    }

    #[test]
    fn environment_beats_file_beats_default() {
        let loaded = Loaded {
            path: PathBuf::from("team/scenec.toml"),
            config: config::parse("base_url = \"http://file/v1\"\nmodel = \"m\"\n")
                .unwrap_or_default(),
        };
        let command = crate::cli::Cli::command();
        let env = |name: &str| (name == "OPENAI_BASE_URL").then(|| "http://env/v1".to_owned());
        let entries = entries(&command, Some(&loaded), env);
        let base = find(&entries, "base_url");
        assert_eq!(
            (base.value.as_str(), base.source.as_str()),
            ("http://env/v1", "environment OPENAI_BASE_URL")
        );
        let model = find(&entries, "model");
        assert_eq!(
            (model.value.as_str(), model.source.as_str()),
            ("m", "team/scenec.toml")
        );
        let tokens = find(&entries, "max_tokens");
        assert_eq!(tokens.source, "default");
        assert_eq!(
            tokens.value,
            scenec::director::llm::settings::DEFAULT_MAX_TOKENS.to_string()
        );
        assert_eq!(find(&entries, "director").value, "llm");
        assert_eq!(entries.len(), KEYS.len());
        let env = |name: &str| {
            (name == "OPENAI_BASE_URL").then(|| "http://me:pa55word@env:8080/v1".to_owned())
        };
        let entries = super::entries(&command, None, env);
        assert_eq!(
            find(&entries, "base_url").value,
            "http://<redacted>@env:8080/v1"
        );
    }

    #[test]
    fn without_file_or_environment_the_heuristic_director_is_the_default() {
        let command = crate::cli::Cli::command();
        let entries = entries(&command, None, |_| None);
        assert_eq!(find(&entries, "director").value, "heuristic");
        assert!(
            find(&entries, "api_key_env")
                .source
                .contains("OPENAI_API_KEY is not set")
        );
    }
}
