//! Reading input files (or standard input): refused above a size limit before anything is
//! read into memory or parsed, and a storyboard's UTF-8 byte-order mark dropped.

use std::io::Read;
use std::path::Path;

use scenec::batch::input::MAX_INPUT_BYTES;
use scenec::check::limits::MAX_STORYBOARD_BYTES;

/// What an input file is, for its size limit and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A storyboard JSON document.
    Storyboard,
    /// A `scenec batch` input of `{"id", "prompt"}` lines.
    Batch,
}

impl Kind {
    fn limit(self) -> u64 {
        match self {
            Kind::Storyboard => MAX_STORYBOARD_BYTES,
            Kind::Batch => MAX_INPUT_BYTES,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Storyboard => "a storyboard (one at every count limit is about 5 MB)",
            Kind::Batch => "a batch input; split it into several files",
        }
    }
}

/// "standard input" for "-", else the path.
pub fn name(path: &Path) -> String {
    if path == Path::new("-") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    }
}

/// The bytes of `path` ("-" is standard input), or an error naming the file when it cannot
/// be read or is larger than `kind` allows. A file's size is checked before reading it; a
/// stream is read up to one byte past the limit.
pub fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, String> {
    let limit = kind.limit();
    let too_big = |size: Option<u64>| {
        let size = size.map_or(String::new(), |s| {
            format!(" {:.1} MiB,", s as f64 / 1_048_576.0)
        });
        format!(
            "{} is{size} over the {} MiB limit for {}",
            name(path),
            limit >> 20,
            kind.what()
        )
    };
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(too_big(Some(size)));
        }
        file.take(limit + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| format!("cannot read {}: {e}", name(path)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(None));
    }
    Ok(bytes)
}

/// Reads the storyboard at `path` ("-" is standard input) and parses it as JSON; a UTF-8
/// byte-order mark at the start is dropped. The error is a sentence for people naming the
/// file and what went wrong.
pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let bytes = read_bytes(path, Kind::Storyboard)?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(text).map_err(|e| format!("{} is not valid JSON: {e}", name(path)))
}

/// Refuses an output `out` that is one of `inputs` (the same file, also through a symbolic
/// or hard link): writing it would replace the input before it is read, or append results
/// to it. Standard input and output ("-") and an output that does not exist yet are fine.
pub fn refuse_overwriting(out: Option<&Path>, inputs: &[&Path]) -> Result<(), String> {
    let Some(out) = out.filter(|o| *o != Path::new("-")) else {
        return Ok(());
    };
    let same = inputs
        .iter()
        .filter(|i| **i != Path::new("-"))
        .find(|i| same_file::is_same_file(out, i).unwrap_or(false));
    match same {
        Some(input) => Err(format!(
            "the output {} is the input {} (the same file); writing it would destroy the input: choose another output file",
            out.display(),
            input.display()
        )),
        None => Ok(()),
    }
}
