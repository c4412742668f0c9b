//! The work list of a batch: every non-blank input line parsed, with later repeats of an id
//! turned into `duplicate_id` errors (the first occurrence wins), since ids are what results
//! and `--resume` are matched by.

use std::collections::HashSet;

use serde_json::Value;

use super::line::{self, BatchError, parse_line};

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

/// Parses every non-blank line of `input`, in order.
pub fn items(input: &str) -> Vec<Item> {
    let mut seen = HashSet::new();
    input
        .lines()
        .enumerate()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(i, text)| {
            let number = i + 1;
            let (id, prompt) = parse_line(text, number);
            let repeated = id_key(&id).is_some_and(|key| !seen.insert(key));
            let prompt = if repeated {
                Err(line::error(
                    "duplicate_id",
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
}
