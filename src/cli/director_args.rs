//! The director-selection flags shared by `compile`, `batch` and `eval`, and the function
//! that builds the chosen director.

use clap::ValueEnum;
use scenec::director::{Director, DirectorChoice};
use serde::Deserialize;

use super::llm_args::LlmArgs;

/// Which front end decomposes the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DirectorKind {
    /// Offline rules; no network, milliseconds per prompt.
    Heuristic,
    /// An OpenAI-compatible chat endpoint (OPENAI_API_KEY / OPENAI_BASE_URL).
    Llm,
    /// Responses recorded from earlier LLM runs.
    Replay,
}

/// Director selection, flattened into every command that directs prompts.
#[derive(Debug, Clone, clap::Args)]
pub struct DirectorArgs {
    /// Director to use. Default: llm when an API key (OPENAI_API_KEY, or the variable
    /// --api-key-env names) or a base URL (--base-url, OPENAI_BASE_URL, scenec.toml) is set,
    /// else heuristic.
    #[arg(long, value_enum)]
    pub director: Option<DirectorKind>,
    /// LLM, replay, recording and cache settings.
    #[command(flatten)]
    pub llm: Box<LlmArgs>,
}

impl DirectorKind {
    /// The library's name for this kind.
    fn to_library(self) -> scenec::director::DirectorKind {
        match self {
            DirectorKind::Heuristic => scenec::director::DirectorKind::Heuristic,
            DirectorKind::Llm => scenec::director::DirectorKind::Llm,
            DirectorKind::Replay => scenec::director::DirectorKind::Replay,
        }
    }
}

impl DirectorArgs {
    /// The library's director settings these flags describe.
    fn choice(&self) -> DirectorChoice {
        self.llm.choice(self.director.map(DirectorKind::to_library))
    }

    /// The director kind after applying the default rule.
    pub fn kind(&self) -> DirectorKind {
        match self.choice().kind() {
            scenec::director::DirectorKind::Heuristic => DirectorKind::Heuristic,
            scenec::director::DirectorKind::Llm => DirectorKind::Llm,
            scenec::director::DirectorKind::Replay => DirectorKind::Replay,
        }
    }

    /// Builds the chosen director; the error is a sentence for people.
    pub fn build(&self) -> Result<Box<dyn Director>, String> {
        let why = if self.director.is_none() && self.kind() == DirectorKind::Llm {
            " (the llm director was chosen because an API key or a base URL is set; --director heuristic works offline)"
        } else {
            ""
        };
        self.choice().build().map_err(|e| format!("{e}{why}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        director: DirectorArgs,
    }

    fn parse(args: &[&str]) -> DirectorArgs {
        use clap::Parser;
        Cli::parse_from(std::iter::once("scenec").chain(args.iter().copied())).director
    }

    #[test]
    fn explicit_choice_wins() {
        let args = parse(&["--director", "heuristic"]);
        assert_eq!(args.kind(), DirectorKind::Heuristic);
        assert!(args.build().is_ok());
    }

    #[test]
    fn llm_flags_parse_into_settings() {
        let args = parse(&[
            "--director",
            "llm",
            "--base-url",
            "http://127.0.0.1:8080/v1",
            "--model",
            "smol",
            "--temperature",
            "0.3",
            "--seed",
            "7",
            "--max-tokens",
            "512",
            "--max-attempts",
            "2",
            "--mode",
            "text",
            "--read-timeout",
            "30",
            "--request-timeout",
            "90",
        ]);
        let s = args.llm.settings(true).unwrap();
        assert_eq!(s.base_url, "http://127.0.0.1:8080/v1");
        assert_eq!(
            (s.model.as_str(), s.temperature, s.seed),
            ("smol", 0.3, Some(7))
        );
        assert_eq!((s.max_tokens, s.max_attempts), (512, 2));
        assert_eq!(s.mode, scenec::director::OutputMode::Text);
        assert_eq!(s.read_timeout, std::time::Duration::from_secs(30));
        assert_eq!(s.request_timeout, std::time::Duration::from_secs(90));
    }

    #[test]
    fn a_missing_key_variable_and_a_bad_mode_are_explained() {
        let args = parse(&[
            "--director",
            "llm",
            "--api-key-env",
            "SCENEC_TEST_UNSET_KEY_VAR",
        ]);
        let err = args.build().err().unwrap_or_default();
        assert!(err.contains("SCENEC_TEST_UNSET_KEY_VAR"), "{err}");
        use clap::Parser;
        let bad = Cli::try_parse_from(["scenec", "--mode", "yaml"])
            .err()
            .map(|e| e.to_string());
        assert!(bad.unwrap_or_default().contains("json_schema"));
    }
}
