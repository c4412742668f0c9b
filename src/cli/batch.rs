//! `scenec batch IN.jsonl -o OUT.jsonl`: compile many prompts, one result line each.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use scenec::{Compiler, backend, batch};

use super::director_args::DirectorArgs;
use super::runtime::runtime;
use super::{EXIT_INPUT, EXIT_OK};

/// Arguments of `scenec batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL input: one {"id", "prompt"} object a line (other keys are ignored), or - for
    /// standard input.
    input: PathBuf,
    /// JSONL output: one {"id", "storyboard", "keyframes", "error"} line per input line, in
    /// input order. Standard output when absent or -.
    #[arg(short = 'o', long = "out", value_name = "OUT.jsonl")]
    out: Option<PathBuf>,
    #[command(flatten)]
    director: DirectorArgs,
    /// Video backend the keyframes are lowered for.
    #[arg(long, default_value = "generic", value_parser = PossibleValuesParser::new(backend::NAMES))]
    backend: String,
    /// Total video length in seconds for every prompt, overriding what each says.
    #[arg(long, value_name = "SECONDS")]
    duration: Option<f64>,
}

/// Runs the batch; exit 0 when it ran (failed lines are reported in the output), 2 when the
/// input or output cannot be used.
pub fn run(args: &Args) -> u8 {
    let input = match read(&args.input) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("error: {message}");
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
    let Some(backend) = backend::by_name(&args.backend) else {
        eprintln!(
            "error: unknown backend `{}`; choose one of {}",
            args.backend,
            backend::NAMES.join(", ")
        );
        return EXIT_INPUT;
    };
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let compiler = Compiler::builder()
        .boxed_director(director)
        .boxed_backend(backend)
        .build();
    let started = Instant::now();
    let lines = rt.block_on(batch::run(&compiler, &input, args.duration));
    let mut text = String::new();
    for line in &lines {
        match serde_json::to_string(line) {
            Ok(json) => text.push_str(&json),
            Err(e) => text.push_str(&format!("{{\"id\":null,\"storyboard\":null,\"keyframes\":null,\"error\":{{\"code\":\"serialize_failed\",\"message\":{:?}}}}}", e.to_string())),
        }
        text.push('\n');
    }
    let written = match args.out.as_deref() {
        Some(path) if path != std::path::Path::new("-") => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        _ => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write standard output: {e}")),
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return EXIT_INPUT;
    }
    let failed = lines.iter().filter(|l| l.error.is_some()).count();
    eprintln!(
        "{} line(s): {} compiled, {failed} failed, in {:.0} ms",
        lines.len(),
        lines.len() - failed,
        started.elapsed().as_secs_f64() * 1000.0
    );
    EXIT_OK
}

/// The text of `path` ("-" is standard input).
fn read(path: &std::path::Path) -> Result<String, String> {
    if path == std::path::Path::new("-") {
        let mut buf = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}
