//! How chatty the CLI is: the global `-q` / `-v` flags, the tracing subscriber they
//! configure (to standard error, `RUST_LOG` honoured), and the `note!` macro for the
//! informational lines that `-q` silences.
//!
//! Levels: `-q` errors only; default warnings; `-v` info (pipeline stages with timings);
//! `-vv` debug (each batch item, cache hits and misses, heuristic decisions); `-vvv` trace.
//! The flags set the level of scenec's own events; dependencies stay at warnings unless
//! `RUST_LOG` names them (`RUST_LOG=reqwest=debug`), and `RUST_LOG` directives are added on
//! top of the flags' level.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::Directive;

/// Whether `-q` was given: informational standard-error lines are dropped.
static QUIET: AtomicBool = AtomicBool::new(false);

/// The global verbosity flags.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Verbosity {
    /// Print errors only: no warnings, `fixed` notes, `wrote FILE` lines or summaries.
    /// Standard output is unchanged.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Log pipeline stages to standard error: -v info (stages and timings), -vv debug (batch
    /// items, cache hits, heuristic decisions), -vvv trace. RUST_LOG adds directives.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

impl Verbosity {
    /// The level of scenec's own events these flags ask for.
    pub fn level(&self) -> &'static str {
        match (self.quiet, self.verbose) {
            (true, _) => "error",
            (false, 0) => "warn",
            (false, 1) => "info",
            (false, 2) => "debug",
            (false, _) => "trace",
        }
    }

    /// The filter directives: dependencies at warnings (errors with `-q`), scenec at
    /// [`Verbosity::level`].
    pub fn directives(&self) -> String {
        let deps = if self.quiet { "error" } else { "warn" };
        format!("{deps},scenec={}", self.level())
    }

    /// Installs the tracing subscriber and records whether `-q` was given. `rust_log` is the
    /// value of `RUST_LOG`; a directive in it that cannot be parsed is reported and skipped.
    pub fn install(&self, rust_log: Option<&str>) {
        QUIET.store(self.quiet, Ordering::Relaxed);
        let filter = filter(&self.directives(), rust_log);
        // Fails only when a subscriber is already installed, which `run` never does twice.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .with_ansi(std::io::stderr().is_terminal())
            .with_timer(tracing_subscriber::fmt::time::uptime())
            .try_init();
    }
}

/// The flags' directives with each `RUST_LOG` directive added on top (a directive for the
/// same target replaces the flags' one).
fn filter(base: &str, rust_log: Option<&str>) -> EnvFilter {
    let mut filter = EnvFilter::new(base);
    for text in rust_log
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match text.parse::<Directive>() {
            Ok(directive) => filter = filter.add_directive(directive),
            Err(e) => eprintln!("warning: ignoring RUST_LOG directive `{text}`: {e}"),
        }
    }
    filter
}

/// Whether `-q` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// `eprintln!` for informational lines (`wrote FILE`, summaries), dropped under `-q`.
macro_rules! note {
    ($($arg:tt)*) => {
        if !$crate::cli::logging::quiet() {
            eprintln!($($arg)*);
        }
    };
}
pub(crate) use note;

#[cfg(test)]
mod tests {
    use super::*;

    fn verbosity(quiet: bool, verbose: u8) -> Verbosity {
        Verbosity { quiet, verbose }
    }

    #[test]
    fn each_flag_count_maps_to_a_level() {
        let levels: Vec<&str> = [(true, 0), (false, 0), (false, 1), (false, 2), (false, 3)]
            .into_iter()
            .map(|(q, v)| verbosity(q, v).level())
            .collect();
        assert_eq!(levels, ["error", "warn", "info", "debug", "trace"]);
        assert_eq!(verbosity(false, 2).directives(), "warn,scenec=debug");
        assert_eq!(verbosity(true, 0).directives(), "error,scenec=error");
    }

    #[test]
    fn rust_log_adds_to_the_flags_and_replaces_the_same_target() {
        let f = filter(
            "warn,scenec=info",
            Some("scenec::batch=trace, reqwest=debug"),
        );
        let shown = f.to_string();
        for part in [
            "scenec=info",
            "scenec::batch=trace",
            "reqwest=debug",
            "warn",
        ] {
            assert!(shown.contains(part), "{shown}");
        }
        let replaced = filter("warn,scenec=info", Some("scenec=error")).to_string();
        assert!(
            replaced.contains("scenec=error") && !replaced.contains("scenec=info"),
            "{replaced}"
        );
    }
}
