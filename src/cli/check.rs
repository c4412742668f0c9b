//! `scenec check`: diagnostics for a storyboard file, rendered like a compiler's.

use std::path::PathBuf;

use clap::ValueEnum;
use scenec::check::{Diagnostic, Severity};

use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK, input};

/// Output format of the diagnostics.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Compiler-style text for people.
    Text,
    /// A JSON array of diagnostics for machines.
    Json,
}

/// Arguments of `scenec check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Storyboard JSON file, or - for standard input.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Checks the file; exit 0 when clean or warnings only, 1 on errors, 2 when unreadable.
pub fn run(args: &Args) -> u8 {
    let value = match input::read_json(&args.file) {
        Ok(value) => value,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let checked = scenec::check::check_value(&value);
    match args.format {
        Format::Json => println!(
            "{:#}",
            serde_json::to_value(&checked.diagnostics).unwrap_or_default()
        ),
        Format::Text => {
            let name = args.file.display().to_string();
            for d in &checked.diagnostics {
                eprintln!("{}", render(d, &name));
            }
            eprintln!("{}", summary(&checked.diagnostics, &name));
        }
    }
    if checked.diagnostics.iter().any(Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// One diagnostic as a compiler prints it.
pub(super) fn render(d: &Diagnostic, file: &str) -> String {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Fixed => "fixed",
    };
    let path = if d.path.is_empty() { "/" } else { &d.path };
    let mut out = format!("{label}[{}]: {}\n  --> {file}#{path}", d.code, d.message);
    if let Some(help) = &d.help {
        out.push_str(&format!("\n  = help: {help}"));
    }
    out.push('\n');
    out
}

/// The closing line: how many errors and warnings `file` has.
pub(super) fn summary(diagnostics: &[Diagnostic], file: &str) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    format!("{file}: {errors} error(s), {warnings} warning(s)")
}
