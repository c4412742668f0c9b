//! `scenec batch` with Batch API files (OpenAI Batch API, vLLM `run-batch`):
//!
//! ```text
//! scenec batch IN.jsonl --emit-requests REQ.jsonl --model M [LLM flags]
//! scenec batch [IN.jsonl] --requests REQ.jsonl --ingest RESULTS.jsonl [--requests REQ2.jsonl --ingest RESULTS2.jsonl …] -o OUT.jsonl [--next-requests NEXT.jsonl]
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use scenec::Compiler;
use scenec::batch::ingest::{self, Judging, Round};
use scenec::batch::requests;
use scenec::director::LlmDirector;
use scenec::lower::LowerOptions;

use super::backends;
use super::batch::{read, read_input, read_raw};
use super::director_args::DirectorArgs;
use super::input::refuse_overwriting;
use super::logging::note;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK};

/// Most requests the OpenAI Batch API takes in one input file.
const OPENAI_MAX_REQUESTS: usize = 50_000;
/// Largest input file the OpenAI Batch API takes, in bytes (200 MB).
const OPENAI_MAX_BYTES: usize = 200_000_000;

/// The Batch API flags of `scenec batch`.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Batch API (OpenAI Batch API, vLLM run-batch)")]
pub struct ApiArgs {
    /// Write one Batch API request line per input line to this file (- for standard output)
    /// instead of compiling: {"custom_id": the id as a string, "method": "POST", "url":
    /// "/v1/chat/completions", "body": the LLM director's first request}. Needs --model.
    #[arg(
        long,
        value_name = "REQ.jsonl",
        requires = "model",
        conflicts_with = "ingest"
    )]
    emit_requests: Option<PathBuf>,
    /// A Batch API results file (OpenAI output or error file, vLLM run-batch output) to turn
    /// into the usual output lines. Repeat for later rounds, in order, each after the
    /// --requests file it answers.
    #[arg(long, value_name = "RESULTS.jsonl", requires = "requests")]
    ingest: Vec<PathBuf>,
    /// The requests file the matching --ingest answers (the first one defines the items).
    #[arg(long, value_name = "REQ.jsonl", requires = "ingest")]
    requests: Vec<PathBuf>,
    /// Where the next round's requests go (repairs for invalid replies, retries for lost or
    /// cut ones). Default: next to the last --requests file, as NAME.next.jsonl.
    #[arg(long, value_name = "NEXT.jsonl", requires = "ingest")]
    next_requests: Option<PathBuf>,
}

/// The files `scenec batch` names outside the Batch API flags.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    /// The `{"id", "prompt"}` input.
    pub input: Option<&'a Path>,
    /// The output lines' file; standard output when absent or -.
    pub out: Option<&'a Path>,
}

/// Runs the Batch API mode the flags ask for; `None` when they ask for none.
pub fn run(
    api: &ApiArgs,
    files: Files<'_>,
    director: &DirectorArgs,
    backend: &str,
    lowering: &LowerOptions,
    duration_s: Option<f64>,
) -> Option<u8> {
    if let Some(path) = &api.emit_requests {
        return Some(emit(path, files.input, director, duration_s));
    }
    if api.ingest.is_empty() {
        return None;
    }
    Some(
        match ingest_rounds(api, files, director, backend, lowering) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                EXIT_INPUT
            }
        },
    )
}

/// `--emit-requests`: exit 0 when every line became a request, 1 when some were rejected
/// (each named on standard error; the file holds the others), 2 when nothing could be done.
fn emit(path: &Path, input: Option<&Path>, director: &DirectorArgs, duration_s: Option<f64>) -> u8 {
    let run = || -> Result<u8, String> {
        let input = input.ok_or("give the input file IN.jsonl to build requests from")?;
        refuse_overwriting(Some(path), &[input])?;
        let text = read_input(input)?;
        let settings = director.llm.settings(false).map_err(|e| e.to_string())?;
        let (model, mode) = (settings.model.clone(), settings.mode);
        let llm = LlmDirector::new(settings).map_err(|e| e.to_string())?;
        let emitted = requests::emit(&llm, &text, duration_s).map_err(|e| e.to_string())?;
        let bytes = write_jsonl(Some(path), &emitted.requests)?;
        if emitted.requests.len() > OPENAI_MAX_REQUESTS || bytes > OPENAI_MAX_BYTES {
            eprintln!(
                "note: the OpenAI Batch API takes at most {OPENAI_MAX_REQUESTS} requests and 200 MB per file; this one has {} request(s) and {:.0} MB, so split it for OpenAI (vLLM run-batch has no such limit)",
                emitted.requests.len(),
                bytes as f64 / 1e6
            );
        }
        for rejected in &emitted.rejected {
            eprintln!(
                "rejected: {}: {}",
                rejected.error.code, rejected.error.message
            );
        }
        note!(
            "{} request(s) for model {model} ({mode} output) in {}; {} line(s) rejected",
            emitted.requests.len(),
            shown(path),
            emitted.rejected.len()
        );
        Ok(if emitted.rejected.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERRORS
        })
    };
    run().unwrap_or_else(|message| {
        eprintln!("error: {message}");
        EXIT_INPUT
    })
}

/// `--ingest`: exit 0 when it ran (failed items are error lines in the output).
fn ingest_rounds(
    api: &ApiArgs,
    files: Files<'_>,
    director: &DirectorArgs,
    backend_name: &str,
    lowering: &LowerOptions,
) -> Result<u8, String> {
    if api.ingest.len() != api.requests.len() {
        return Err(format!(
            "{} --ingest file(s) and {} --requests file(s): give each results file with the requests file it answers",
            api.ingest.len(),
            api.requests.len()
        ));
    }
    let read_files: Vec<&Path> = files
        .input
        .into_iter()
        .chain(api.requests.iter().map(PathBuf::as_path))
        .chain(api.ingest.iter().map(PathBuf::as_path))
        .collect();
    refuse_overwriting(files.out, &read_files)?;
    refuse_overwriting(api.next_requests.as_deref(), &read_files)?;
    let input = files.input.map(read_input).transpose()?;
    let mut requests = Vec::new();
    let mut results = Vec::new();
    for (req, res) in api.requests.iter().zip(&api.ingest) {
        let text = read(req)?;
        requests
            .push(requests::parse_requests(&text).map_err(|e| format!("{}: {e}", req.display()))?);
        results.push(read_raw(res)?);
    }
    let rounds: Vec<Round<'_>> = requests
        .iter()
        .zip(&results)
        .map(|(requests, results)| Round { requests, results })
        .collect();
    let settings = director.llm.settings(false).map_err(|e| e.to_string())?;
    let judging = Judging {
        max_attempts: settings.max_attempts,
        fidelity: settings.fidelity,
    };
    let llm = LlmDirector::new(settings).map_err(|e| e.to_string())?;
    let backend = backends::named(backend_name)?;
    let compiler = Compiler::builder()
        .boxed_backend(backend)
        .lower_options(lowering.clone())
        .build();
    let ingested = ingest::ingest(&compiler, llm.prompts(), input.as_deref(), &rounds, judging)
        .map_err(|e| e.to_string())?;
    write_jsonl(files.out, &ingested.lines)?;
    let failed = ingested.lines.iter().filter(|l| l.error.is_some()).count();
    let mut summary = format!(
        "{} line(s): {} compiled, {failed} failed",
        ingested.lines.len(),
        ingested.lines.len() - failed
    );
    if ingested.next.is_empty() {
        summary.push_str("; no item needs another round");
        if let Some(path) = &api.next_requests {
            write_jsonl(Some(path), &ingested.next)?;
        }
    } else {
        let path = match &api.next_requests {
            Some(path) => path.clone(),
            None => default_next(api.requests.last())?,
        };
        write_jsonl(Some(&path), &ingested.next)?;
        summary.push_str(&format!(
            "; {} request(s) for the next round in {}",
            ingested.next.len(),
            shown(&path)
        ));
    }
    note!("{summary}");
    Ok(EXIT_OK)
}

/// NAME.next.jsonl beside the last requests file NAME.jsonl.
fn default_next(last: Option<&PathBuf>) -> Result<PathBuf, String> {
    let last = last.ok_or("no --requests file given")?;
    let stem = last
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "requests".into());
    Ok(last.with_file_name(format!("{stem}.next.jsonl")))
}

/// Writes `items` as JSON Lines to `path`, or standard output when it is absent or -, and
/// returns the number of bytes written.
fn write_jsonl<T: serde::Serialize>(path: Option<&Path>, items: &[T]) -> Result<usize, String> {
    let text = requests::to_jsonl(items).map_err(|e| format!("cannot serialize a line: {e}"))?;
    let written = match path {
        Some(path) if path != Path::new("-") => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        _ => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    written.map(|()| text.len())
}

/// A path for messages ("standard output" for -).
fn shown(path: &Path) -> String {
    if path == Path::new("-") {
        "standard output".into()
    } else {
        path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_round_defaults_to_a_sibling_of_the_last_requests_file() {
        assert_eq!(
            default_next(Some(&PathBuf::from("runs/req.jsonl"))),
            Ok(PathBuf::from("runs/req.next.jsonl"))
        );
    }
}
