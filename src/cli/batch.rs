//! `scenec batch IN.jsonl -o OUT.jsonl`: compile many prompts concurrently, one result line
//! each, written as it finishes; `--resume` finishes an interrupted run.

use std::fs::File;
use std::future::Future;
use std::io::Write;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use scenec::batch::{self, Item, LineWriter, Summary};
use scenec::{Compiler, backend};

use super::director_args::DirectorArgs;
use super::logging::note;
use super::lower_args::LowerArgs;
use super::runtime::runtime;
use super::{EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, batch_progress};
use super::{backends, batch_api};

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
    #[arg(long, value_name = "SECONDS")]
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
    let input = read(
        args.input
            .as_deref()
            .ok_or("give the input file IN.jsonl")?,
    )?;
    let director = args.director.build()?;
    let backend = backends::named(&args.backend)?;
    let all = batch::items(&input);
    let total = all.len();
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
        let stop = interrupted()?;
        batch::run_with(compiler, items, &options, stop, |finished| {
            batch_progress::update(&bar, &finished.progress);
            output.writer.write(&finished.line)
        })
        .await
        .map_err(|e| format!("cannot write {}: {e}", output_name(output.path.as_deref())))
    });
    bar.finish_and_clear();
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

/// Completes on the first Ctrl-C or SIGTERM. The handlers are installed now, so from here on
/// those signals no longer kill the process but stop the batch cleanly.
fn interrupted() -> Result<impl Future<Output = ()>, String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let install = |kind| signal(kind).map_err(|e| format!("cannot watch for signals: {e}"));
        let mut interrupt = install(SignalKind::interrupt())?;
        let mut terminate = install(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
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

/// The text of `path` ("-" is standard input).
pub(super) fn read(path: &Path) -> Result<String, String> {
    if path == Path::new("-") {
        let mut buf = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}
