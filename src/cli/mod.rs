//! clap front over the library: parsing arguments and rendering results for people. No
//! pipeline logic lives here.

// The `println!` family for the whole CLI, shadowing std's (textual scope: these come before
// every `mod` below): a write that fails ends in exit 2 "cannot write to standard output"
// instead of std's panic (exit 101). See `output`.

/// `std::println!` that ends the process with exit 2 when standard output cannot be written.
macro_rules! println {
    () => {
        $crate::cli::output::stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `std::print!` that ends the process with exit 2 when standard output cannot be written.
macro_rules! print {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(format_args!($($arg)*))
    };
}

/// `std::eprintln!` that ends the process with exit 2 when standard error cannot be written.
macro_rules! eprintln {
    () => {
        $crate::cli::output::stderr(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

mod analyze;
mod backends;
mod batch;
mod batch_api;
mod batch_progress;
mod bounds;
mod check;
mod compile;
mod completions;
mod config;
mod director_args;
mod eval;
mod input;
mod llm_args;
pub(crate) mod logging;
mod lower;
mod lower_args;
mod out_dir;
mod output;
mod preview;
mod runtime;
mod schema;
mod show_config;
mod stop;
mod text_or_json;
mod verify;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Exit code: success (clean, or warnings only).
pub const EXIT_OK: u8 = 0;
/// Exit code: the input has errors (diagnostics, failed compile).
pub const EXIT_ERRORS: u8 = 1;
/// Exit code: the input could not be read or is not JSON; bad usage.
pub const EXIT_INPUT: u8 = 2;
/// Exit code: stopped by Ctrl-C or SIGTERM before the end (`scenec batch`: resumable).
pub const EXIT_INTERRUPTED: u8 = 130;

/// The exit codes, as `scenec --help` lists them.
const EXIT_CODES: &str = "Exit codes:
  0  success (warnings allowed; batch: the run finished, failed lines are in the output)
  1  errors in the input: check diagnostics, a failed compile, lower or emit, an eval score
     below --min-score
  2  bad usage, an unreadable or invalid input or config file, an output that cannot be
     written, a missing LLM endpoint or key
130  batch stopped by Ctrl-C or SIGTERM (the output holds whole lines; --resume finishes it)";

/// scenec: a film scene director for text-to-video generation.
#[derive(Debug, Parser)]
#[command(name = "scenec", version, about, long_about = None, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(flatten)]
    verbosity: logging::Verbosity,
    /// Read flag defaults from FILE instead of ./scenec.toml (an error when FILE is missing).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a JSON Schema generated from the IR types.
    Schema(schema::Args),
    /// Print what a storyboard of the prompt must show (the fidelity predicates).
    Analyze(analyze::Args),
    /// Check a storyboard: diagnostics, exit 1 on errors.
    Check(check::Args),
    /// Preview a storyboard: terminal table, Markdown shot list or HTML page.
    Preview(preview::Args),
    /// Compile a prompt: storyboard, keyframe plan and backend payload.
    Compile(compile::Args),
    /// Compile a JSONL file of prompts, one result line each.
    Batch(batch::Args),
    /// Score a director against an evaluation suite.
    Eval(eval::Args),
    /// Lower a storyboard to one backend's payload (JSON, or text for text targets).
    Lower(lower::Args),
    /// List the backend profiles: fps, frame-count rule, lengths, size, prompt budget.
    Backends(backends::Args),
    /// Show the settings used when no flag is given, and where each comes from.
    Config(show_config::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::Args),
}

/// Reads the config file, parses the command line and runs the chosen command.
pub fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let loaded = match config::load(config::config_flag(&args).as_deref()) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(EXIT_INPUT);
        }
    };
    let command = match &loaded {
        Some(l) => l.config.apply(Cli::command()),
        None => Cli::command(),
    };
    let matches = command.get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.verbosity
        .install(std::env::var("RUST_LOG").ok().as_deref());
    if let Some(l) = &loaded {
        tracing::info!(file = %l.path.display(), keys = l.config.values().len(), "config file read");
    }
    let code = match cli.command {
        Command::Schema(args) => schema::run(&args),
        Command::Analyze(args) => analyze::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Compile(args) => compile::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Lower(args) => lower::run(&args),
        Command::Backends(args) => backends::run(&args),
        Command::Config(args) => show_config::run(&args, &Cli::command(), loaded.as_ref()),
        Command::Completions(args) => completions::run(&args, &mut Cli::command()),
    };
    output::flush();
    ExitCode::from(code)
}
