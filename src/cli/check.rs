//! `scenec check`: diagnostics for a storyboard file, rendered like a compiler's.

use std::path::{Path, PathBuf};

use scenec::check::{Checked, CheckedStoryboard, Diagnostic, Severity};
use scenec::director::{Request, fidelity};
use serde_json::Value;

use super::logging::{note, quiet};
use super::text_or_json::TextOrJson;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK, input};

/// Arguments of `scenec check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Storyboard JSON file, or - for standard input.
    file: PathBuf,
    /// Output format: compiler-style text on standard error, or a JSON array of diagnostics
    /// on standard output.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Apply the deterministic fixes first (rescale shot durations, clamp intervals slightly
    /// past their shot) and report each change as a `fixed` note.
    #[arg(long)]
    fix: bool,
    /// With --fix: write the fixed storyboard to this file ("-" for standard output).
    #[arg(short, long, value_name = "OUT", requires = "fix")]
    output: Option<PathBuf>,
    /// Also check the storyboard against what this prompt says (the fidelity gate: warnings
    /// F…, see `scenec analyze`).
    #[arg(long, value_name = "PROMPT")]
    prompt: Option<String>,
    /// With --prompt: what the storyboard misses of the prompt is an error (exit 1), not a
    /// warning.
    #[arg(long, requires = "prompt")]
    strict_fidelity: bool,
}

/// Checks the file; exit 0 when clean or warnings only, 1 on errors, 2 when unreadable.
pub fn run(args: &Args) -> u8 {
    let name = display_name(&args.file);
    if matches!(args.format, TextOrJson::Json) && args.output.as_deref() == Some(Path::new("-")) {
        eprintln!(
            "error: --format json prints diagnostics on standard output; write the fixed storyboard to a file with -o FILE"
        );
        return EXIT_INPUT;
    }
    let value = match input::read_json(&args.file) {
        Ok(value) => value,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_INPUT;
        }
    };
    let (mut checked, fixed) = if args.fix {
        check_fixed(&value)
    } else {
        (scenec::check::check_value(&value), None)
    };
    if let (Some(prompt), Some(storyboard)) = (&args.prompt, &checked.storyboard) {
        let predicates = fidelity::predicates(&Request::new(prompt.as_str()));
        let findings = fidelity::check(storyboard, &predicates);
        checked
            .diagnostics
            .extend(findings.into_iter().map(|d| Diagnostic {
                severity: if args.strict_fidelity {
                    Severity::Error
                } else {
                    d.severity
                },
                ..d
            }));
    }
    if let (Some(out), Some(storyboard)) = (&args.output, &fixed)
        && let Err(message) = write_json(out, storyboard)
    {
        eprintln!("error: {message}");
        return EXIT_INPUT;
    }
    match args.format {
        TextOrJson::Json => println!(
            "{:#}",
            serde_json::to_value(&checked.diagnostics).unwrap_or_default()
        ),
        TextOrJson::Text => {
            let shown = fixed.as_ref().unwrap_or(&value);
            let shown_all = !quiet();
            for d in checked
                .diagnostics
                .iter()
                .filter(|d| shown_all || d.is_error())
            {
                eprintln!("{}", render_in(d, &name, Some(shown)));
            }
            note!("{}", summary(&checked.diagnostics, &name));
        }
    }
    if checked.diagnostics.iter().any(Diagnostic::is_error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// [`scenec::check::fix_value`], with the fixed storyboard as JSON when there was one to
/// fix.
fn check_fixed(value: &Value) -> (Checked, Option<Value>) {
    let checked = scenec::check::fix_value(value);
    let json = (checked.storyboard.as_ref()).and_then(|s| serde_json::to_value(s).ok());
    (checked, json)
}

fn write_json(out: &Path, value: &Value) -> Result<(), String> {
    let text = format!("{value:#}\n");
    if out == Path::new("-") {
        print!("{text}");
        Ok(())
    } else {
        std::fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        note!("wrote {}", out.display());
        Ok(())
    }
}

/// How the file is named in messages: "<stdin>" for "-".
/// Reads and checks a storyboard file for a command that needs a clean one (`verb`, e.g.
/// "lowered"), upgrading a version 1 file (its note is printed unless quiet). On errors
/// prints the diagnostics like `scenec check` and returns the exit code: 2 when the file
/// cannot be read, 1 when it has errors. Returns the storyboard and the file's display name.
pub(super) fn load_clean(file: &Path, verb: &str) -> Result<(CheckedStoryboard, String), u8> {
    let value = input::read_json(file).map_err(|message| {
        eprintln!("error: {message}");
        EXIT_INPUT
    })?;
    let name = display_name(file);
    let checked = scenec::check::check_value(&value);
    let notes: Vec<Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Fixed)
        .cloned()
        .collect();
    match checked.clean() {
        Ok(sb) => {
            for d in &notes {
                note!("{}", render_in(d, &name, Some(&value)).trim_end());
            }
            Ok((sb, name))
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}", render_in(d, &name, Some(&value)));
            }
            eprintln!("{}", summary(&diagnostics, &name));
            eprintln!(
                "error: nothing {verb}: fix the errors above first (`scenec check --fix` repairs what it can)"
            );
            Err(EXIT_ERRORS)
        }
    }
}

pub(super) fn display_name(file: &Path) -> String {
    if file == Path::new("-") {
        "<stdin>".into()
    } else {
        file.display().to_string()
    }
}

/// One diagnostic as a compiler prints it, quoting the offending value from `doc` when the
/// pointer leads to one:
///
/// ```text
/// error[E0401]: the action's entity `pandaa` is not a declared entity
///   --> board.json#/shots/0/actions/2/entity
///    | "pandaa"
///   = help: did you mean `panda`? (declared: `panda`)
/// ```
pub(super) fn render_in(d: &Diagnostic, file: &str, doc: Option<&Value>) -> String {
    let path = if d.path.is_empty() { "/" } else { &d.path };
    let mut out = format!(
        "{}[{}]: {}\n  --> {file}#{path}",
        d.severity.label(),
        d.code,
        d.message
    );
    if let Some(value) = doc
        .and_then(|doc| doc.pointer(&d.path))
        .filter(|v| is_scalar(v))
    {
        out.push_str(&format!("\n   | {}", quote(value)));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("\n  = help: {help}"));
    }
    out.push('\n');
    out
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// A scalar as JSON, cut to 80 characters.
fn quote(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 80 {
        text
    } else {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}…")
    }
}

/// The last line: counts of errors, warnings and fixes.
pub(super) fn summary(diagnostics: &[Diagnostic], file: &str) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = vec![
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
    ];
    let fixed = count(Severity::Fixed);
    if fixed > 0 {
        parts.push(format!("{fixed} fixed"));
    }
    format!("{file}: {}", parts.join(", "))
}
