//! `scenec lower`: a storyboard file lowered to one backend's payload, on standard output
//! (JSON, or text for text targets) or as files in a directory.

use std::path::{Path, PathBuf};

use clap::builder::PossibleValuesParser;
use scenec::backend::{self, Payload};
use scenec::lower::lower;

use super::logging::note;
use super::lower_args::LowerArgs;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK, backends, check, out_dir, verify};

/// Arguments of `scenec lower`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Storyboard JSON file, or - for standard input.
    file: PathBuf,
    /// Target backend (`scenec backends` lists them).
    #[arg(long, default_value = "generic", value_parser = PossibleValuesParser::new(backend::NAMES))]
    backend: String,
    /// Write plan.json and the payload (named after the backend: wan.json, …) into this
    /// directory instead of printing it.
    #[arg(short, long, value_name = "DIR")]
    output: Option<PathBuf>,
    #[command(flatten)]
    lowering: LowerArgs,
    /// Validate the plan against the storyboard (translation validation) and print what it
    /// fails to show on standard error; exit 1 when it fails to show anything.
    #[arg(long)]
    verify: bool,
}

/// Checks, lowers and emits the file; exit 1 when it has errors, 2 when it cannot be read or
/// the output cannot be written.
pub fn run(args: &Args) -> u8 {
    let (storyboard, name) = match check::load_clean(&args.file, "lowered") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let target = match backends::named(&args.backend) {
        Ok(b) => b,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let options = args.lowering.options();
    let plan = match lower(&storyboard, &target.profile(), &options) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: cannot lower {name}: {e}");
            return EXIT_ERRORS;
        }
    };
    let verified = !args.verify || verify::report(storyboard.storyboard(), &plan);
    let payload = match target.emit(&plan) {
        Ok(payload) => payload,
        Err(e) => {
            eprintln!("error: cannot emit {name} for {}: {e}", args.backend);
            return EXIT_ERRORS;
        }
    };
    let code = match &args.output {
        None => print_payload(&payload),
        Some(dir) => match write_dir(dir, &args.backend, &payload, &plan) {
            Ok(written) => {
                for path in written {
                    note!("wrote {}", path.display());
                }
                EXIT_OK
            }
            Err(message) => {
                eprintln!("error: {message}");
                EXIT_INPUT
            }
        },
    };
    if code == EXIT_OK && !verified {
        EXIT_ERRORS
    } else {
        code
    }
}

fn print_payload(payload: &Payload) -> u8 {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(payload.render().as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            EXIT_INPUT
        }
    }
}

/// Writes `plan.json` and the payload's files into `dir` (created if missing), named by
/// [`out_dir`]'s rule.
fn write_dir(
    dir: &Path,
    backend_name: &str,
    payload: &Payload,
    plan: &scenec::ir::KeyframePlan,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let plan_json =
        serde_json::to_value(plan).map_err(|e| format!("cannot serialize the plan: {e}"))?;
    let mut files = vec![backend::PayloadFile {
        name: "plan.json".into(),
        content: backend::FileContent::Json(plan_json),
    }];
    files.extend(out_dir::payload_files(backend_name, payload, plan));
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let path = dir.join(&f.name);
        std::fs::write(&path, f.content.render())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
