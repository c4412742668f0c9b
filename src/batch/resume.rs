//! Resuming a batch into its existing output: the ids already there are skipped, and a torn
//! last line (a write cut short by `kill -9` or a power cut) is truncated away.
//!
//! Lines without a readable id (`invalid_json`, `missing_id`, …) carry a null id and are
//! matched by order instead: the batch writes them in input order, so k null-id lines in the
//! output stand for the first k id-less input lines.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use super::input::{Item, id_key};

/// The results already present in an output file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Done {
    ids: HashSet<String>,
    idless: usize,
    lines: usize,
}

impl Done {
    /// How many result lines are present.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The items whose result is not present yet, and how many were skipped.
    pub fn skip(&self, items: Vec<Item>) -> (Vec<Item>, usize) {
        let mut idless = self.idless;
        let before = items.len();
        let kept: Vec<Item> = items
            .into_iter()
            .filter(|item| match id_key(&item.id) {
                Some(key) => !self.ids.contains(&key),
                None if idless > 0 => {
                    idless -= 1;
                    false
                }
                None => true,
            })
            .collect();
        let skipped = before - kept.len();
        (kept, skipped)
    }

    fn add(&mut self, id: &Value) {
        match id_key(id) {
            Some(key) => {
                self.ids.insert(key);
            }
            None => self.idless += 1,
        }
        self.lines += 1;
    }
}

/// A torn last line that was cut away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Torn {
    /// Its 1-based line number in the output.
    pub line: usize,
    /// How many bytes were removed.
    pub bytes: usize,
}

/// An output file opened for appending the rest of a batch.
#[derive(Debug)]
pub struct Resumed {
    /// The file, positioned at its end, ready for more lines.
    pub file: File,
    /// The results already present.
    pub done: Done,
    /// The torn last line that was removed, if there was one.
    pub torn: Option<Torn>,
}

/// Why an output file cannot be resumed.
#[derive(Debug, Error)]
pub enum ResumeError {
    /// The file exists but cannot be read.
    #[error("cannot read {} to resume it: {source}", path.display())]
    Read {
        /// The output file.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// A complete line that is not a result line: the file is not (only) a batch output.
    #[error("{} line {line} is not a batch result line ({reason}); fix or remove it, or run without --resume to start over", path.display())]
    NotAResult {
        /// The output file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The file could not be repaired or opened for appending.
    #[error("cannot {action} {}: {source}", path.display())]
    Write {
        /// The output file.
        path: PathBuf,
        /// What was being done ("truncate the torn last line of", "open for appending").
        action: &'static str,
        /// Why.
        #[source]
        source: io::Error,
    },
}

/// What a scan of an output file found.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    /// The results present.
    pub done: Done,
    /// Length in bytes of the part to keep (every complete line).
    pub keep: usize,
    /// The torn last line, when there is one.
    pub torn: Option<Torn>,
    /// Whether the last kept line is complete but lacks its `\n`.
    pub needs_newline: bool,
}

/// Reads the result lines of `bytes` (the content of `path`, named in errors). A last line
/// without `\n` is kept when it is a whole result line and reported torn otherwise; any other
/// line that is not a result line is an error.
pub fn scan(path: &Path, bytes: &[u8]) -> Result<Scan, ResumeError> {
    let mut done = Done::default();
    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    for (i, raw) in bytes[..complete].split(|&b| b == b'\n').enumerate() {
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let id = result_id(raw).map_err(|reason| ResumeError::NotAResult {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        })?;
        done.add(&id);
    }
    let tail = &bytes[complete..];
    let tail_line = bytes[..complete].iter().filter(|&&b| b == b'\n').count() + 1;
    if tail.iter().all(u8::is_ascii_whitespace) {
        return Ok(Scan {
            done,
            keep: complete,
            torn: None,
            needs_newline: false,
        });
    }
    Ok(match result_id(tail) {
        Ok(id) => {
            done.add(&id);
            Scan {
                done,
                keep: bytes.len(),
                torn: None,
                needs_newline: true,
            }
        }
        Err(_) => Scan {
            done,
            keep: complete,
            torn: Some(Torn {
                line: tail_line,
                bytes: tail.len(),
            }),
            needs_newline: false,
        },
    })
}

/// The id of a result line, or why it is not one.
fn result_id(raw: &[u8]) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(raw).map_err(|e| format!("not JSON: {e}"))?;
    match value.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_) | Value::Null)) => Ok(id.clone()),
        Some(_) => Err("its \"id\" is neither a string, a number nor null".into()),
        None if value.is_object() => Err("it has no \"id\"".into()),
        None => Err("not a JSON object".into()),
    }
}

/// Opens `path` to append the rest of a batch: reads the results present, truncates a torn
/// last line, completes a last line missing its `\n`. A missing file is created empty.
pub fn open(path: &Path) -> Result<Resumed, ResumeError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(source) => {
            return Err(ResumeError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let scan = scan(path, &bytes)?;
    let write_error = |action| {
        move |source| ResumeError::Write {
            path: path.to_path_buf(),
            action,
            source,
        }
    };
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(write_error("open for appending"))?;
    if scan.torn.is_some() {
        file.set_len(scan.keep as u64)
            .map_err(write_error("truncate the torn last line of"))?;
    }
    if scan.needs_newline {
        file.write_all(b"\n")
            .map_err(write_error("end the last line of"))?;
    }
    Ok(Resumed {
        file,
        done: scan.done,
        torn: scan.torn,
    })
}

#[cfg(test)]
mod tests {
    use super::super::input::items;
    use super::*;

    fn scanned(text: &str) -> Result<Scan, ResumeError> {
        scan(Path::new("out.jsonl"), text.as_bytes())
    }

    #[test]
    fn present_ids_and_idless_lines_in_order_are_skipped() {
        let out = "{\"id\":\"a\",\"error\":null}\n{\"id\":null,\"error\":{}}\n{\"id\":2}\n";
        let scan = scanned(out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(scan.done.lines(), 3);
        assert_eq!(
            (scan.keep, scan.torn, scan.needs_newline),
            (out.len(), None, false)
        );
        let input = "{\"id\":\"a\",\"prompt\":\"x\"}\nbroken 1\n{\"id\":2,\"prompt\":\"x\"}\n{\"id\":\"2\",\"prompt\":\"x\"}\nbroken 2\n";
        let (kept, skipped) = scan.done.skip(items(input));
        assert_eq!(skipped, 3);
        let numbers: Vec<usize> = kept.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [4, 5]);
    }

    #[test]
    fn a_torn_last_line_is_cut_and_a_whole_one_is_kept() {
        let torn = "{\"id\":\"a\"}\n{\"id\":\"b\",\"storyb";
        let scan = scanned(torn).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(scan.keep, "{\"id\":\"a\"}\n".len());
        assert_eq!(scan.torn, Some(Torn { line: 2, bytes: 17 }));
        assert_eq!(scan.done.lines(), 1);
        let whole = "{\"id\":\"a\"}\n{\"id\":\"b\"}";
        let scan = scanned(whole).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (scan.keep, scan.torn, scan.needs_newline),
            (whole.len(), None, true)
        );
        assert_eq!(scan.done.lines(), 2);
    }

    #[test]
    fn a_bad_complete_line_is_an_error_naming_it() {
        let err = scanned("{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.starts_with("out.jsonl line 2 is not a batch result line (not JSON"),
            "{err}"
        );
        let err = scanned("[1]\n")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("line 1") && err.contains("not a JSON object"),
            "{err}"
        );
    }

    #[test]
    fn open_repairs_the_file_on_disk() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "{\"id\":\"a\"}\n{\"id\":\"b\",\"stor")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut resumed = open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resumed.torn.map(|t| t.line), Some(2));
        resumed
            .file
            .write_all(b"{\"id\":\"b\"}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(text, "{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
        let missing = dir.path().join("new.jsonl");
        let resumed = open(&missing).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((resumed.done.lines(), resumed.torn), (0, None));
        assert!(missing.exists());
    }
}
