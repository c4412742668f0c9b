//! `scenec preview`: a storyboard file shown as a terminal table, a Markdown shot list or a
//! self-contained HTML page.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;
use scenec::ir::{KeyframePlan, Storyboard};
use scenec::lower::lower;
use scenec::preview;
use scenec::target;

use super::logging::note;
use super::lower_args::LowerArgs;
use super::{EXIT_ERRORS, EXIT_INPUT, EXIT_OK, check};

/// Preview format on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A shot table for the terminal.
    Term,
    /// A Markdown shot list with a table per shot.
    Md,
    /// A self-contained HTML storyboard page.
    Html,
}

impl From<Format> for preview::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Term => preview::Format::Term,
            Format::Md => preview::Format::Markdown,
            Format::Html => preview::Format::Html,
        }
    }
}

/// When the terminal table is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorWhen {
    /// Whether to colour a preview that goes to standard output (`to_stdout`) or a file:
    /// `auto` colours only standard output, and only when it takes colour.
    pub fn colour(self, to_stdout: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => to_stdout && auto_colour(),
        }
    }
}

/// Arguments of `scenec preview`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Storyboard JSON file, or - for standard input.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Term)]
    format: Format,
    /// Write the preview to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Colour the terminal table.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(flatten)]
    lowering: LowerArgs,
}

/// Checks, lowers (generic profile) and renders the file; exit 1 when it has errors, 2 when
/// it cannot be read or the output cannot be written.
pub fn run(args: &Args) -> u8 {
    let (storyboard, name) = match check::load_clean(&args.file, "previewed") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let plan = match lower(&storyboard, &target::GENERIC, &args.lowering.options()) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: cannot lower {name}: {e}");
            return EXIT_ERRORS;
        }
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let colour = args.color.colour(args.output.is_none());
    let text = match render(args.format, &storyboard, &plan, colour, to_terminal) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERRORS;
        }
    };
    write_out(args.output.as_ref(), &text)
}

/// Whether standard output takes colour: a terminal, and NO_COLOR unset (or CLICOLOR_FORCE).
fn auto_colour() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Renders in `format`; the terminal table takes the terminal's width when it goes to one.
pub fn render(
    format: Format,
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    colour: bool,
    to_terminal: bool,
) -> Result<String, preview::HtmlError> {
    if format == Format::Term && to_terminal {
        // comfy-table reports the terminal's width when standard output is one; a terminal
        // that does not know its size (a pty from `script`, some CI runners) reports 0.
        let width = comfy_table::Table::new()
            .width()
            .filter(|w| *w > 0)
            .unwrap_or(preview::term::DEFAULT_WIDTH);
        return Ok(preview::term::render_width(storyboard, plan, colour, width));
    }
    preview::render(format.into(), storyboard, plan, colour)
}

/// Writes `text` to `output` (or standard output); exit 2 with a message when that fails.
pub fn write_out(output: Option<&PathBuf>, text: &str) -> u8 {
    let result = match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match result {
        Ok(()) => {
            if let Some(path) = output {
                note!("wrote {}", path.display());
            }
            EXIT_OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_INPUT
        }
    }
}
