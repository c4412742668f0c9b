//! Standard output and standard error for every command, without panics.
//!
//! `std`'s `println!` family panics when a write fails (a full disk: `> /dev/full`; a closed
//! pipe: `| head`), which ends the process with exit 101 and a backtrace. `cli/mod.rs`
//! shadows `println!`, `print!`, `eprintln!` and `eprint!` for the whole CLI with macros
//! that call [`stdout`] and [`stderr`] here, so every command, including ones written
//! later, ends a failed write the same way: exit 2 with "cannot write to standard output".
//! Commands that write through their own handle (`lower`, `preview`, `batch`,
//! `completions`) report the failure themselves, with the same words and exit code.
//! Standard error is also where server text reaches the terminal, so it is escaped here.

use std::fmt::Arguments;
use std::io::Write;

use scenec::director::llm::untrusted::printable;

use super::EXIT_INPUT;

/// Writes `args` to standard output and flushes it; a failure ends the process.
pub fn stdout(args: Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.flush()) {
        unwritable("standard output", &e);
    }
}

/// Writes `args` to standard error, [`printable`]: every message there may quote a
/// server's text (errors, diagnostics on a model's storyboard), and none of it may drive
/// the terminal. A failure ends the process.
pub fn stderr(args: Arguments<'_>) {
    let text = printable(&args.to_string());
    if let Err(e) = std::io::stderr().lock().write_all(text.as_bytes()) {
        unwritable("standard error", &e);
    }
}

/// Flushes standard output before the process exits, so that nothing buffered is lost
/// silently; a failure ends the process.
pub fn flush() {
    if let Err(e) = std::io::stdout().lock().flush() {
        unwritable("standard output", &e);
    }
}

/// Ends the process with exit 2 after saying, when standard error still takes it, which
/// stream could not be written and why.
fn unwritable(stream: &str, error: &std::io::Error) -> ! {
    let _ = writeln!(
        std::io::stderr(),
        "error: cannot write to {stream}: {error}"
    );
    std::process::exit(i32::from(EXIT_INPUT))
}
