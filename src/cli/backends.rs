//! `scenec backends`: every backend profile, as a table for people or JSON for machines.

use scenec::backend::{self, Backend};
use scenec::target::{self, Profile, Tokenizer};

use super::EXIT_OK;
use super::text_or_json::TextOrJson;

/// Arguments of `scenec backends`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: a table, or a JSON array of profiles.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

/// The backend a `--backend` value names, or a sentence for people listing the names there
/// are.
pub fn named(name: &str) -> Result<Box<dyn Backend>, String> {
    backend::by_name(name).ok_or_else(|| {
        format!(
            "unknown backend `{name}`; choose one of {}",
            backend::NAMES.join(", ")
        )
    })
}

/// Prints the profiles of every backend `--backend` accepts.
pub fn run(args: &Args) -> u8 {
    let profiles = target::ALL;
    match args.format {
        TextOrJson::Json => println!("{:#}", serde_json::to_value(profiles).unwrap_or_default()),
        TextOrJson::Text => print!("{}", table(profiles)),
    }
    EXIT_OK
}

/// One line per profile: name, fps, frame rule, default / max frames, size, prompt budget.
fn table(profiles: &[Profile]) -> String {
    let mut out = format!(
        "{:<18} {:>4}  {:<12} {:>8} {:>5}  {:<10} {:>7}\n",
        "backend", "fps", "frames", "default", "max", "size", "tokens"
    );
    for p in profiles {
        let opt = |v: Option<u32>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
        out.push_str(&format!(
            "{:<18} {:>4}  {:<12} {:>8} {:>5}  {:<10} {:>7}\n",
            p.name,
            p.fps,
            p.frame_rule.describe(),
            opt(p.default_frames),
            opt(p.max_frames),
            format!("{}x{}", p.width, p.height),
            format!(
                "{} {}",
                p.prompt_token_limit,
                match p.tokenizer {
                    Tokenizer::Clip => "clip",
                    Tokenizer::T5 => "t5",
                    Tokenizer::Llm => "llm",
                }
            ),
        ));
    }
    out
}
