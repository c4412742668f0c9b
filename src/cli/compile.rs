//! `scenec compile "PROMPT"`: the whole pipeline for one prompt.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::builder::PossibleValuesParser;
use scenec::backend::{self, Payload};
use scenec::check::{Diagnostic, Severity};
use scenec::director::Request;
use scenec::{CompileError, Compiled, Compiler};
use serde::{Deserialize, Serialize};

use super::director_args::DirectorArgs;
use super::logging::{note, quiet};
use super::lower_args::LowerArgs;
use super::out_dir;
use super::preview::{self, ColorWhen};
use super::runtime::runtime;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK, verify};
use super::{backends, bounds};

/// Output format of `compile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// The terminal preview when standard output is a terminal and no -o DIR is given, else
    /// JSON.
    Auto,
    /// JSON documents.
    Json,
    /// YAML documents.
    Yaml,
    /// A shot table for the terminal, as `scenec preview --format term`.
    Term,
    /// A Markdown shot list, as `scenec preview --format md`.
    Md,
    /// A self-contained HTML storyboard page, as `scenec preview --format html`.
    Html,
}

impl Format {
    /// The format `auto` stands for: the terminal preview for a person at a terminal, JSON
    /// for pipes, files and output directories.
    fn resolve(self, to_dir: bool, to_terminal: bool) -> Format {
        match self {
            Format::Auto if !to_dir && to_terminal => Format::Term,
            Format::Auto => Format::Json,
            other => other,
        }
    }

    /// Extension of the data files; the preview formats keep their data files in JSON.
    fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Auto | Format::Json | Format::Term | Format::Md | Format::Html => "json",
        }
    }

    /// The preview this format asks for and its file name in an output directory.
    fn preview(self) -> Option<(preview::Format, &'static str)> {
        match self {
            Format::Auto | Format::Json | Format::Yaml => None,
            Format::Term => Some((preview::Format::Term, "preview.txt")),
            Format::Md => Some((preview::Format::Md, "preview.md")),
            Format::Html => Some((preview::Format::Html, "preview.html")),
        }
    }
}

/// Arguments of `scenec compile`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scene to direct, e.g. "a panda bear walks from left to right, then turns and waves".
    prompt: String,
    #[command(flatten)]
    director: DirectorArgs,
    /// Video backend to lower for.
    #[arg(long, default_value = "generic", value_parser = PossibleValuesParser::new(backend::NAMES))]
    backend: String,
    /// Output format (auto: the terminal preview on a terminal, else JSON).
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Colour the terminal preview (--format term).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    /// Write storyboard, plan, meta and payload files into this directory instead of
    /// printing everything to standard output (names: see README, "Output directories").
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    out: Option<PathBuf>,
    /// Total video length in seconds, overriding what the prompt says.
    #[arg(long, value_name = "SECONDS", value_parser = bounds::video)]
    duration: Option<f64>,
    #[command(flatten)]
    lowering: LowerArgs,
    /// Print the exact LLM request (URL, body, input tokens by tiktoken o200k) and send
    /// nothing.
    #[arg(long)]
    dry_run: bool,
    /// Validate the plan against the storyboard (translation validation) and print what it
    /// fails to show on standard error; exit 1 when it fails to show anything.
    #[arg(long)]
    verify: bool,
}

/// Everything printed when no output directory is given; the payload is left out when it
/// is the plan itself (the generic backend).
#[derive(Serialize)]
struct Printed<'a> {
    storyboard: &'a scenec::ir::Storyboard,
    plan: &'a scenec::ir::KeyframePlan,
    #[serde(skip_serializing_if = "Option::is_none")]
    payload: Option<&'a Payload>,
    meta: &'a scenec::ir::Meta,
    diagnostics: &'a [Diagnostic],
}

/// Compiles the prompt; exit 0 on success, 1 when the compile fails, 2 on bad usage or I/O.
pub fn run(args: &Args) -> u8 {
    let request = Request {
        prompt: args.prompt.clone(),
        duration_s: args.duration,
    };
    if args.dry_run {
        return match args.director.llm.dry_run(&request) {
            Ok(dry) => {
                println!("{:#}", serde_json::to_value(&dry).unwrap_or_default());
                EXIT_OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_INPUT
            }
        };
    }
    let director = match args.director.build() {
        Ok(d) => d,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let backend = match backends::named(&args.backend) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let compiler = Compiler::builder()
        .boxed_director(director)
        .boxed_backend(backend)
        .lower_options(args.lowering.options())
        .build();
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    match rt.block_on(compiler.compile_request(&request)) {
        Ok(compiled) => {
            // on success the diagnostics are warnings and fixes, which -q drops
            for d in compiled.diagnostics.iter().filter(|_| !quiet()) {
                eprintln!("{}", render(d));
            }
            let to_terminal = std::io::stdout().is_terminal();
            let format = args.format.resolve(args.out.is_some(), to_terminal);
            let verified = !args.verify || verify::report(&compiled.storyboard, &compiled.plan);
            let code = match &args.out {
                Some(dir) => write_dir(dir, &compiled, format, args),
                None if format.preview().is_some() => {
                    print_preview(&compiled, format, args.color.colour(true), to_terminal)
                }
                None => match serialize(&printed(&compiled), format) {
                    Ok(text) => {
                        println!("{text}");
                        EXIT_OK
                    }
                    Err(message) => {
                        eprintln!("error: {message}");
                        EXIT_ERRORS
                    }
                },
            };
            if code == EXIT_OK && !verified {
                EXIT_ERRORS
            } else {
                code
            }
        }
        Err(e) => {
            let shown = e.to_string();
            eprintln!("error: {shown}");
            if let CompileError::Director(d) = &e
                && let Some(transcript) = d.transcript()
            {
                for a in &transcript.attempts {
                    // a note the error line already says (a failed connection) is not repeated
                    let note = a.note.as_deref().filter(|n| !shown.contains(n));
                    eprintln!(
                        "  attempt {} ({}, {} HTTP request(s)): {}, {} diagnostic(s){}",
                        a.number,
                        a.mode,
                        a.http_attempts,
                        a.outcome.as_str(),
                        a.diagnostics.len(),
                        note.map(|n| format!(" — {n}")).unwrap_or_default()
                    );
                }
            }
            if let CompileError::Check { diagnostics, .. } = &e {
                for d in diagnostics {
                    eprintln!("{}", render(d));
                }
            }
            EXIT_ERRORS
        }
    }
}

fn printed(c: &Compiled) -> Printed<'_> {
    Printed {
        storyboard: &c.storyboard,
        plan: &c.plan,
        payload: (!out_dir::is_plan(&c.payload, &c.plan)).then_some(&c.payload),
        meta: &c.meta,
        diagnostics: &c.diagnostics,
    }
}

/// Serializes `value` in `format`.
fn serialize<T: Serialize>(value: &T, format: Format) -> Result<String, String> {
    match format {
        Format::Auto | Format::Json | Format::Term | Format::Md | Format::Html => {
            serde_json::to_string_pretty(value)
                .map_err(|e| format!("cannot serialize the output as JSON: {e}"))
        }
        Format::Yaml => serde_norway::to_string(value)
            .map_err(|e| format!("cannot serialize the output as YAML: {e}")),
    }
}

/// The file `name` holding `value` in `format`, ending in a newline as `lower -o` writes it.
fn document<T: Serialize>(
    value: &T,
    format: Format,
    name: String,
) -> Result<(String, String), String> {
    serialize(value, format).map(|text| (name, format!("{}\n", text.trim_end())))
}

/// Writes storyboard, plan, meta and payload files into `dir`, named by [`out_dir`]'s rule.
fn write_dir(dir: &Path, c: &Compiled, format: Format, args: &Args) -> u8 {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return EXIT_INPUT;
    }
    let ext = format.extension();
    let mut files = vec![
        document(&c.storyboard, format, format!("storyboard.{ext}")),
        document(&c.plan, format, format!("plan.{ext}")),
        document(&c.meta, format, format!("meta.{ext}")),
    ];
    match &c.payload {
        payload if out_dir::is_plan(payload, &c.plan) => {}
        Payload::Json(value) => {
            files.push(document(value, format, format!("{}.{ext}", args.backend)));
        }
        // text and multi-file payloads (schedules, pose files) keep their own formats
        other => files.extend(
            out_dir::payload_files(&args.backend, other, &c.plan)
                .into_iter()
                .map(|f| Ok((f.name, f.content.render()))),
        ),
    }
    for file in files {
        let (name, text) = match file {
            Ok(f) => f,
            Err(message) => {
                eprintln!("error: {message}");
                return EXIT_ERRORS;
            }
        };
        let path = dir.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_INPUT;
        }
        note!("wrote {}", path.display());
    }
    match format.preview() {
        Some((kind, name)) => match preview::render(
            kind,
            &c.storyboard,
            &c.plan,
            args.color.colour(false),
            false,
        ) {
            Ok(text) => preview::write_out(Some(&dir.join(name)), &text),
            Err(e) => {
                eprintln!("error: {e}");
                EXIT_ERRORS
            }
        },
        None => EXIT_OK,
    }
}

/// Prints the preview `format` asks for on standard output, coloured when `colour`.
fn print_preview(c: &Compiled, format: Format, colour: bool, to_terminal: bool) -> u8 {
    let Some((kind, _)) = format.preview() else {
        return EXIT_OK;
    };
    match preview::render(kind, &c.storyboard, &c.plan, colour, to_terminal) {
        Ok(text) => preview::write_out(None, &text),
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERRORS
        }
    }
}

/// One diagnostic as a line for people.
fn render(d: &Diagnostic) -> String {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Fixed => "fixed",
    };
    let path = if d.path.is_empty() { "/" } else { &d.path };
    match &d.help {
        Some(help) => format!(
            "{label}[{}] at {path}: {} (help: {help})",
            d.code, d.message
        ),
        None => format!("{label}[{}] at {path}: {}", d.code, d.message),
    }
}
