//! Resuming a batch into its existing output: the ids already there are skipped, and a torn
//! last line (a write cut short by `kill -9` or a power cut) is truncated away.
//!
//! Lines without a readable id (`invalid_json`, `missing_id`, …) carry a null id and are
//! matched by order instead: the batch writes them in input order, so k null-id lines in the
//! output stand for the first k id-less input lines. Likewise the `duplicate_id` lines of an
//! id stand for its later occurrences in input order, and only its other line for the first
//! occurrence, so an interrupted run whose repeat was written before the first occurrence's
//! result still ends with one line per input line.
//!
//! Result lines are recognised strictly: a JSON object with exactly the keys `id`,
//! `storyboard`, `keyframes` and `error` (and, on a compiled line, maybe `fidelity`), holding
//! either a storyboard and keyframes or an error `{"code", "message"}`. Anything else (a prompts file, a Batch API results file,
//! `{"id": 0}`) is refused, so `--resume` never appends to a file that is not a batch output.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use super::input::{DUPLICATE_ID, Item, id_key};

/// The keys of a result line, as the batch writes them.
const RESULT_KEYS: [&str; 4] = ["id", "storyboard", "keyframes", "error"];
/// The key a result line has only when it holds fidelity warnings.
const FIDELITY_KEY: &str = "fidelity";

/// The results already present in an output file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Done {
    /// Ids whose first occurrence has its line.
    ids: HashSet<String>,
    /// Per id, how many `duplicate_id` lines (later occurrences) are present.
    repeats: HashMap<String, usize>,
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
        let mut repeats = self.repeats.clone();
        let before = items.len();
        let kept: Vec<Item> = items
            .into_iter()
            .filter(|item| match id_key(&item.id) {
                Some(key) if is_repeat(item) => match repeats.get_mut(&key) {
                    Some(left) if *left > 0 => {
                        *left -= 1;
                        false
                    }
                    _ => true,
                },
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

    fn add(&mut self, line: &Present) {
        match id_key(&line.id) {
            Some(key) if line.repeat => *self.repeats.entry(key).or_default() += 1,
            Some(key) => {
                self.ids.insert(key);
            }
            None => self.idless += 1,
        }
        self.lines += 1;
    }
}

/// Whether `item` is a later occurrence of an id (its line is a `duplicate_id` error).
fn is_repeat(item: &Item) -> bool {
    item.prompt.as_ref().is_err_and(|e| e.code == DUPLICATE_ID)
}

/// What a result line in the output stands for.
#[derive(Debug, Clone, PartialEq)]
struct Present {
    /// Its id.
    id: Value,
    /// Whether it is a `duplicate_id` error line.
    repeat: bool,
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
        let present = result_line(raw).map_err(|reason| ResumeError::NotAResult {
            path: path.to_path_buf(),
            line: i + 1,
            reason,
        })?;
        done.add(&present);
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
    Ok(match result_line(tail) {
        Ok(present) => {
            done.add(&present);
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

/// What a result line stands for, or why it is not one.
fn result_line(raw: &[u8]) -> Result<Present, String> {
    let value: Value = serde_json::from_slice(raw).map_err(|e| format!("not JSON: {e}"))?;
    let Some(object) = value.as_object() else {
        return Err("not a JSON object".into());
    };
    if let Some(key) = object
        .keys()
        .find(|k| !RESULT_KEYS.contains(&k.as_str()) && *k != FIDELITY_KEY)
    {
        let looks = match key.as_str() {
            "custom_id" | "response" => {
                "; it looks like a Batch API results file, which --ingest reads"
            }
            "prompt" => "; it looks like an input file of prompts",
            _ => "",
        };
        return Err(format!(
            "it has the key {key:?}, which result lines do not have{looks}"
        ));
    }
    if let Some(key) = RESULT_KEYS.iter().find(|k| !object.contains_key(**k)) {
        return Err(format!("it has no {key:?}"));
    }
    let id = match &object["id"] {
        id @ (Value::String(_) | Value::Number(_) | Value::Null) => id.clone(),
        _ => return Err("its \"id\" is neither a string, a number nor null".into()),
    };
    let repeat = match (
        &object["storyboard"],
        &object["keyframes"],
        &object["error"],
    ) {
        (Value::Object(_), Value::Object(_), Value::Null) => false,
        (Value::Null, Value::Null, error) if !error.is_null() => {
            match (error.get("code"), error.get("message")) {
                (Some(Value::String(code)), Some(Value::String(_))) => code == DUPLICATE_ID,
                _ => {
                    return Err(
                        "its \"error\" is not {\"code\": string, \"message\": string}".into(),
                    );
                }
            }
        }
        _ => {
            return Err(
                "it holds neither a storyboard and keyframes with a null \"error\" nor an \"error\" with null storyboard and keyframes".into(),
            );
        }
    };
    Ok(Present { id, repeat })
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

    /// A success line for `id` (a JSON value's text).
    fn ok(id: &str) -> String {
        format!("{{\"id\":{id},\"storyboard\":{{}},\"keyframes\":{{}},\"error\":null}}")
    }

    /// An error line for `id` with `code`.
    fn failed(id: &str, code: &str) -> String {
        format!(
            "{{\"id\":{id},\"storyboard\":null,\"keyframes\":null,\"error\":{{\"code\":\"{code}\",\"message\":\"m\"}}}}"
        )
    }

    fn reason(text: &str) -> String {
        scanned(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn present_ids_and_idless_lines_in_order_are_skipped() {
        let out = format!(
            "{}\n{}\n{}\n",
            ok("\"a\""),
            failed("null", "invalid_json"),
            ok("2")
        );
        let scan = scanned(&out).unwrap_or_else(|e| panic!("{e}"));
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
    fn a_repeat_written_before_the_first_occurrence_leaves_the_first_to_run() {
        // input a, b, a: the duplicate_id line of line 3 was written, then the run stopped
        let input = "{\"id\":\"a\",\"prompt\":\"x\"}\n{\"id\":\"b\",\"prompt\":\"y\"}\n{\"id\":\"a\",\"prompt\":\"z\"}\n";
        let out = format!("{}\n", failed("\"a\"", DUPLICATE_ID));
        let scan = scanned(&out).unwrap_or_else(|e| panic!("{e}"));
        let (kept, skipped) = scan.done.skip(items(input));
        assert_eq!(skipped, 1);
        let numbers: Vec<usize> = kept.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 2]);
        // and once the first occurrence is there too, only b is left
        let out = format!("{out}{}\n", ok("\"a\""));
        let scan = scanned(&out).unwrap_or_else(|e| panic!("{e}"));
        let (kept, skipped) = scan.done.skip(items(input));
        assert_eq!(skipped, 2);
        assert_eq!(kept.iter().map(|i| i.number).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_torn_last_line_is_cut_and_a_whole_one_is_kept() {
        let torn = format!("{}\n{{\"id\":\"b\",\"storyb", ok("\"a\""));
        let scan = scanned(&torn).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(scan.keep, ok("\"a\"").len() + 1);
        assert_eq!(scan.torn, Some(Torn { line: 2, bytes: 17 }));
        assert_eq!(scan.done.lines(), 1);
        let whole = format!("{}\n{}", ok("\"a\""), ok("\"b\""));
        let scan = scanned(&whole).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (scan.keep, scan.torn, scan.needs_newline),
            (whole.len(), None, true)
        );
        assert_eq!(scan.done.lines(), 2);
    }

    #[test]
    fn a_bad_complete_line_is_an_error_naming_it() {
        let err = reason(&format!("{}\nnot json\n{}\n", ok("\"a\""), ok("\"b\"")));
        assert!(
            err.starts_with("out.jsonl line 2 is not a batch result line (not JSON"),
            "{err}"
        );
        let err = reason("[1]\n");
        assert!(
            err.contains("line 1") && err.contains("not a JSON object"),
            "{err}"
        );
    }

    #[test]
    fn only_whole_result_lines_are_results() {
        let batch_api = "{\"id\":\"batch_req_1\",\"custom_id\":\"a\",\"response\":{\"status_code\":200,\"body\":{}},\"error\":null}\n";
        assert!(
            reason(batch_api).contains("the key \"custom_id\"")
                && reason(batch_api).contains("Batch API results file"),
            "{}",
            reason(batch_api)
        );
        let prompts = "{\"id\":1,\"prompt\":\"a cat\"}\n";
        assert!(
            reason(prompts).contains("input file of prompts"),
            "{}",
            reason(prompts)
        );
        assert!(reason("{\"id\":0}\n").contains("it has no \"storyboard\""));
        let mixed = "{\"id\":0,\"storyboard\":{},\"keyframes\":null,\"error\":null}\n";
        assert!(reason(mixed).contains("neither a storyboard and keyframes"));
        let vague = "{\"id\":0,\"storyboard\":null,\"keyframes\":null,\"error\":\"bad\"}\n";
        assert!(reason(vague).contains("\"error\" is not"));
        let object_id = format!("{}\n", ok("{}"));
        assert!(reason(&object_id).contains("neither a string"));
        // a compiled line with fidelity warnings is a result line
        let warned =
            "{\"id\":\"w\",\"storyboard\":{},\"keyframes\":{},\"error\":null,\"fidelity\":[]}\n";
        assert!(scanned(warned).is_ok(), "{}", reason(warned));
        // a whole-looking last line without its newline is only kept when it is a result line
        let tail = scanned(&format!("{}\n{{\"id\":0}}", ok("1"))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tail.torn.map(|t| t.line), Some(2));
    }

    #[test]
    fn open_repairs_the_file_on_disk() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.jsonl");
        let a = ok("\"a\"");
        std::fs::write(&path, format!("{a}\n{{\"id\":\"b\",\"stor"))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut resumed = open(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resumed.torn.map(|t| t.line), Some(2));
        let b = ok("\"b\"");
        resumed
            .file
            .write_all(format!("{b}\n").as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(text, format!("{a}\n{b}\n"));
        let missing = dir.path().join("new.jsonl");
        let resumed = open(&missing).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((resumed.done.lines(), resumed.torn), (0, None));
        assert!(missing.exists());
    }
}
