//! `scenec analyze`: what a storyboard of the prompt must show (the fidelity predicates).

use scenec::director::{Request, checked_prompt, fidelity};

use super::text_or_json::TextOrJson;
use super::{EXIT_INPUT, EXIT_OK, bounds};

/// Arguments of `scenec analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The prompt.
    prompt: String,
    /// Output format: one line a predicate (confidence, kind, what must hold), or a JSON array
    /// of predicates.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
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
        TextOrJson::Json => println!(
            "{:#}",
            serde_json::to_value(&predicates).unwrap_or_default()
        ),
        TextOrJson::Text if predicates.is_empty() => {
            println!("(nothing the analysis is sure of)");
        }
        TextOrJson::Text => {
            for p in &predicates {
                println!("{p}");
            }
        }
    }
    EXIT_OK
}
