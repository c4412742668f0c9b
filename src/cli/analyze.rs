//! `scenec analyze`: what a storyboard of the prompt must show (the fidelity predicates).

use clap::ValueEnum;
use scenec::director::{Request, checked_prompt, fidelity};

use super::{EXIT_INPUT, EXIT_OK, bounds};

/// Output format of the predicates.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One line a predicate: confidence, kind, what must hold.
    Text,
    /// A JSON array of predicates.
    Json,
}

/// Arguments of `scenec analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The prompt.
    prompt: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Total video length in seconds the compile would impose (a duration predicate).
    #[arg(long, value_name = "SECONDS", value_parser = bounds::video)]
    duration: Option<f64>,
}

/// Prints the predicates; exit 2 for an empty or too long prompt.
pub fn run(args: &Args) -> u8 {
    if let Err(e) = checked_prompt(&args.prompt) {
        eprintln!("error: {e}");
        return EXIT_INPUT;
    }
    let request = Request {
        prompt: args.prompt.clone(),
        duration_s: args.duration,
    };
    let predicates = fidelity::predicates(&request);
    match args.format {
        Format::Json => println!(
            "{:#}",
            serde_json::to_value(&predicates).unwrap_or_default()
        ),
        Format::Text if predicates.is_empty() => {
            println!("(nothing the analysis is sure of)");
        }
        Format::Text => {
            for p in &predicates {
                println!("{p}");
            }
        }
    }
    EXIT_OK
}
