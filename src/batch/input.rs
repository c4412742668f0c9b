//! The work list of a batch: every non-blank input line parsed, with later repeats of an id
//! turned into `duplicate_id` errors (the first occurrence wins), since ids are what results
//! and `--resume` are matched by. A line that is not UTF-8 is an `invalid_utf8` error line
//! (with its id when the rest of the line gives one); a byte-order mark at the start is
//! dropped.

use std::collections::HashSet;

use serde_json::Value;

use super::line::{self, BatchError, parse_line};
use super::text;

/// Largest batch input the CLI reads, in bytes (256 MiB): over 25,000 prompts at the
/// prompt limit, or a million ordinary ones. Split larger inputs into several runs.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The error code of a later occurrence of an id.
pub(crate) const DUPLICATE_ID: &str = "duplicate_id";

/// One input line to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// 1-based line number in the input.
    pub number: usize,
    /// The id as given, or null when the line has none that can be read.
    pub id: Value,
    /// The prompt, or why this line produces an error line without compiling.
    pub prompt: Result<String, BatchError>,
}

/// Parses every non-blank line of `input` (UTF-8 text, a `&str` or bytes), in order.
pub fn items(input: impl AsRef<[u8]>) -> Vec<Item> {
    let mut seen = HashSet::new();
    text::lines(input.as_ref())
        .filter(|(_, text)| !text.as_ref().is_ok_and(|t| t.trim().is_empty()))
        .map(|(number, text)| {
            let (id, prompt) = match text {
                Ok(text) => parse_line(text, number),
                Err(bad) => (
                    parse_line(&bad.lossy, number).0,
                    Err(line::error("invalid_utf8", bad.message(number))),
                ),
            };
            let repeated = id_key(&id).is_some_and(|key| !seen.insert(key));
            let prompt = if repeated {
                Err(line::error(
                    DUPLICATE_ID,
                    format!(
                        "line {number} repeats the id {id} of an earlier line; only the first is compiled"
                    ),
                ))
            } else {
                prompt
            };
            Item { number, id, prompt }
        })
        .collect()
}

/// The key an id is matched by: its JSON text (so the string "1" and the number 1 differ),
/// or `None` for a null id.
pub fn id_key(id: &Value) -> Option<String> {
    (!id.is_null()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_skipped_and_repeats_of_an_id_are_errors() {
        let input = "{\"id\": \"a\", \"prompt\": \"a cat\"}\n\n  \n{\"id\": 1, \"prompt\": \"a dog\"}\n{\"id\": \"1\", \"prompt\": \"a fox\"}\n{\"id\": \"a\", \"prompt\": \"a cow\"}\nbroken\nbroken\n";
        let items = items(input);
        let numbers: Vec<usize> = items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, [1, 4, 5, 6, 7, 8]);
        let codes: Vec<Option<&str>> = items
            .iter()
            .map(|i| i.prompt.as_ref().err().map(|e| e.code.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                None,
                None,
                None,
                Some("duplicate_id"),
                Some("invalid_json"),
                Some("invalid_json")
            ]
        );
        assert_eq!(items[3].id, Value::from("a"));
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_line_keeping_its_id() {
        let input = b"\xEF\xBB\xBF{\"id\": 1, \"prompt\": \"a cat\"}\n{\"id\": 2, \"prompt\": \"a d\xF6g\"}\n\xFF\n{\"id\": 3, \"prompt\": \"a fox\"}\n";
        let items = items(input);
        let got: Vec<(usize, Value, Option<&str>)> = items
            .iter()
            .map(|i| {
                let code = i.prompt.as_ref().err().map(|e| e.code.as_str());
                (i.number, i.id.clone(), code)
            })
            .collect();
        assert_eq!(
            got,
            [
                (1, Value::from(1), None),
                (2, Value::from(2), Some("invalid_utf8")),
                (3, Value::Null, Some("invalid_utf8")),
                (4, Value::from(3), None),
            ]
        );
        let message = items[1].prompt.as_ref().err().map(|e| e.message.clone());
        assert_eq!(
            message.as_deref(),
            Some("line 2 is not UTF-8 (byte 25 of the line); save the file as UTF-8")
        );
    }
}
