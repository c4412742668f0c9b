//! `scenec eval SUITE.jsonl`: score a director against a suite of prompts with expectations.

use std::path::PathBuf;
use std::sync::Arc;

use scenec::Compiler;
use scenec::eval::{parse_suite, run_suite};

use super::bounds;
use super::director_args::DirectorArgs;
use super::logging::note;
use super::runtime::runtime;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK};

/// Arguments of `scenec eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL suite: one {"id", "category", "prompt", "expect"} case a line.
    suite: PathBuf,
    #[command(flatten)]
    director: DirectorArgs,
    /// Write the full report (the table and each failed expectation with why) to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Exit 1 when the overall score is below this (0–1).
    #[arg(long, value_name = "SCORE", value_parser = bounds::score)]
    min_score: Option<f64>,
}

/// Scores the suite and prints the per-category table; exit 1 below --min-score, 2 when
/// the suite cannot be read.
pub fn run(args: &Args) -> u8 {
    let text = match std::fs::read_to_string(&args.suite) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.suite.display());
            return EXIT_INPUT;
        }
    };
    let cases = match parse_suite(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {}: {e}", args.suite.display());
            return EXIT_INPUT;
        }
    };
    let director = match args.director.build() {
        Ok(d) => d,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let compiler = Arc::new(Compiler::builder().boxed_director(director).build());
    let report = rt.block_on(run_suite(compiler, &cases));
    println!("{}", report.table());
    if let Some(path) = &args.report {
        if let Err(e) = std::fs::write(path, report.render()) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_INPUT;
        }
        note!(
            "wrote {} ({} failed expectation(s))",
            path.display(),
            report.failures().len()
        );
    }
    match args.min_score {
        Some(min) if report.overall() < min => {
            eprintln!(
                "error: overall score {:.3} is below --min-score {min}",
                report.overall()
            );
            EXIT_ERRORS
        }
        _ => EXIT_OK,
    }
}
