//! `scenec batch IN.jsonl -o OUT.jsonl`: compile many prompts concurrently, one result line
//! each, written as it finishes; `--resume` finishes an interrupted run.

use std::fs::File;
use std::io::Write;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use scenec::batch::{self, Item, LineWriter, Summary};
use scenec::{Compiler, backend};

use super::director_args::DirectorArgs;
use super::input;
use super::logging::note;
use super::lower_args::LowerArgs;
use super::runtime::runtime;
use super::stop::Stop;
use super::{EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, batch_progress};
use super::{backends, batch_api, bounds};

/// Arguments of `scenec batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL input: one {"id", "prompt"} object a line (other keys are ignored), or - for
    /// standard input. Ids must be unique: a repeated id becomes a duplicate_id error line.
    /// Optional with --ingest, where it restores the ids' JSON types and order.
    #[arg(required_unless_present = "ingest")]
    input: Option<PathBuf>,
    /// JSONL output: one {"id", "storyboard", "keyframes", "error"} line per input line, in
    /// the order they finish. Standard output when absent or -.
    #[arg(short = 'o', long = "out", value_name = "OUT.jsonl")]
    out: Option<PathBuf>,
    /// Prompts compiled at once (at least 1).
    #[arg(long, value_name = "N", default_value_t = batch::run::DEFAULT_CONCURRENCY, value_parser = parse_concurrency)]
    concurrency: NonZeroUsize,
    /// Keep the results already in OUT (needs -o): skip their ids, cut a torn last line,
    /// append the rest. A missing OUT starts a new run.
    #[arg(long)]
    resume: bool,
    #[command(flatten)]
    director: DirectorArgs,
    /// Video backend the keyframes are lowered for.
    #[arg(long, default_value = "generic", value_parser = PossibleValuesParser::new(backend::NAMES))]
    backend: String,
    /// Total video length in seconds for every prompt, overriding what each says.
    #[arg(long, value_name = "SECONDS", value_parser = bounds::video)]
    duration: Option<f64>,
    #[command(flatten)]
    api: batch_api::ApiArgs,
    #[command(flatten)]
    lowering: LowerArgs,
}

/// Runs the batch. Exit 0 when it ran to the end (failed lines are reported in the output),
/// 2 when the input or output cannot be used, 130 when Ctrl-C or SIGTERM stopped it (the
/// output then holds only whole lines and `--resume` finishes it).
pub fn run(args: &Args) -> u8 {
    let files = batch_api::Files {
        input: args.input.as_deref(),
        out: args.out.as_deref(),
    };
    if let Some(code) = batch_api::run(
        &args.api,
        files,
        &args.director,
        &args.backend,
        &args.lowering.options(),
        args.duration,
    ) {
        return code;
    }
    match execute(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_INPUT
        }
    }
}

/// Where the result lines go, and what is already done there.
struct Output {
    writer: LineWriter<Box<dyn Write>>,
    /// The output file, or `None` for standard output.
    path: Option<PathBuf>,
    /// Items left to run.
    items: Vec<Item>,
    /// Items skipped because their result is already present.
    skipped: usize,
}

fn execute(args: &Args) -> Result<u8, String> {
    // first of all, so that a signal from here on stops the batch cleanly
    let stop = Stop::install()?;
    let input_path = args
        .input
        .as_deref()
        .ok_or("give the input file IN.jsonl")?;
    input::refuse_overwriting(args.out.as_deref(), &[input_path])?;
    let input = read_input(input_path)?;
    let director = args.director.build()?;
    let backend = backends::named(&args.backend)?;
    let all = batch::items(input);
    let total = all.len();
    if stop.raised() {
        eprintln!("interrupted before the first line; the output was not touched");
        return Ok(EXIT_INTERRUPTED);
    }
    let mut output = open_output(args, all)?;
    let rt = runtime()?;
    let compiler = Arc::new(
        Compiler::builder()
            .boxed_director(director)
            .boxed_backend(backend)
            .lower_options(args.lowering.options())
            .build(),
    );
    let options = batch::Options {
        concurrency: args.concurrency,
        duration_s: args.duration,
        ..batch::Options::default()
    };
    let items = std::mem::take(&mut output.items);
    let bar = batch_progress::bar(items.len());
    let started = Instant::now();
    let summary = rt.block_on(async {
        let stop = stop.signalled()?;
        batch::run_with(compiler, items, &options, stop, |finished| {
            batch_progress::update(&bar, &finished.progress);
            output.writer.write(&finished.line)
        })
        .await
        .map_err(|e| {
            format!(
                "cannot write to {}: {e}",
                output_name(output.path.as_deref())
            )
        })
    });
    bar.finish_and_clear();
    // prompts abandoned after the grace may still be computing: do not wait for them
    rt.shutdown_background();
    let summary = summary?;
    report(&summary, total, &output, started.elapsed().as_secs_f64());
    Ok(if summary.interrupted {
        EXIT_INTERRUPTED
    } else {
        EXIT_OK
    })
}

/// Opens the output (resuming it with `--resume`) and drops the items already done there.
fn open_output(args: &Args, items: Vec<Item>) -> Result<Output, String> {
    let path = args
        .out
        .as_deref()
        .filter(|p| *p != Path::new("-"))
        .map(Path::to_path_buf);
    let Some(path) = path else {
        if args.resume {
            return Err("--resume needs -o FILE: it reads the results already in that file and appends the rest".into());
        }
        return Ok(Output {
            writer: LineWriter::new(Box::new(std::io::stdout())),
            path: None,
            items,
            skipped: 0,
        });
    };
    if !args.resume {
        let file =
            File::create(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        return Ok(Output {
            writer: LineWriter::new(Box::new(file)),
            path: Some(path),
            items,
            skipped: 0,
        });
    }
    let resumed = batch::resume::open(&path).map_err(|e| e.to_string())?;
    if let Some(torn) = resumed.torn {
        note!(
            "note: removed the torn last line (line {}, {} bytes) of {}, left by an interrupted write; its prompt runs again",
            torn.line,
            torn.bytes,
            path.display()
        );
    }
    let (items, skipped) = resumed.done.skip(items);
    Ok(Output {
        writer: LineWriter::new(Box::new(resumed.file)),
        path: Some(path),
        items,
        skipped,
    })
}

/// The summary on standard error, and how to resume after an interrupt.
fn report(summary: &Summary, total: usize, output: &Output, seconds: f64) {
    let p = &summary.progress;
    let skipped = if output.skipped > 0 {
        format!(", {} skipped (already in the output)", output.skipped)
    } else {
        String::new()
    };
    note!(
        "{total} line(s): {} compiled, {} failed{skipped}, in {seconds:.2} s",
        p.done - p.failed,
        p.failed
    );
    if summary.interrupted {
        let left = summary.not_started + summary.abandoned;
        let how = match &output.path {
            Some(path) => format!(
                "run the same command with --resume (-o {}) to finish",
                path.display()
            ),
            None => "the output was standard output, so it cannot be resumed; use -o FILE and --resume next time".into(),
        };
        eprintln!(
            "interrupted: {left} line(s) not done ({} abandoned in flight, {} not started); {how}",
            summary.abandoned, summary.not_started
        );
    }
}

fn output_name(path: Option<&Path>) -> String {
    path.map_or_else(|| "standard output".into(), |p| p.display().to_string())
}

/// `--concurrency`: a whole number of at least 1.
fn parse_concurrency(text: &str) -> Result<NonZeroUsize, String> {
    let n: usize = text
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number"))?;
    NonZeroUsize::new(n)
        .ok_or_else(|| "must be at least 1 (the number of prompts compiled at once)".to_string())
}

/// The text of `path` ("-" is standard input), which must be UTF-8 as a whole.
pub(super) fn read(path: &Path) -> Result<String, String> {
    let bytes = read_raw(path)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 (byte {}); save it as UTF-8",
            input::name(path),
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// The bytes of `path` ("-" is standard input), with no size limit: a Batch API results
/// file is as large as its batch.
pub(super) fn read_raw(path: &Path) -> Result<Vec<u8>, String> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}

/// The batch input at `path` ("-" is standard input), within [`batch::input::MAX_INPUT_BYTES`];
/// lines that are not UTF-8 become error lines later.
pub(super) fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    input::read_bytes(path, input::Kind::Batch)
}
