//! Result lines onto a file or a stream, one complete line per write so that an interrupted
//! batch leaves no torn line behind.

use std::io::{self, Write};

use super::line::BatchLine;

/// Writes result lines: each is serialized to one string ending in `\n` and handed to the
/// writer with a single `write_all`, then flushed.
#[derive(Debug)]
pub struct LineWriter<W: Write> {
    out: W,
    written: usize,
}

impl<W: Write> LineWriter<W> {
    /// A writer over `out` (give it an unbuffered file or stream: each line is flushed).
    pub fn new(out: W) -> Self {
        Self { out, written: 0 }
    }

    /// Writes one line and flushes it.
    pub fn write(&mut self, line: &BatchLine) -> io::Result<()> {
        self.out.write_all(json_line(line).as_bytes())?;
        self.out.flush()?;
        self.written += 1;
        Ok(())
    }

    /// How many lines were written.
    pub fn written(&self) -> usize {
        self.written
    }
}

/// `line` as one line of JSON ending in `\n`. Should serialization ever fail, the line is an
/// error line saying so, with the same id, so every input still gets exactly one line.
pub fn json_line(line: &BatchLine) -> String {
    let mut text = serde_json::to_string(line).unwrap_or_else(|e| {
        let failed = BatchLine::failed(
            line.id.clone(),
            super::line::error(
                "serialize_failed",
                format!("the result could not be written as JSON: {e}"),
            ),
        );
        serde_json::to_string(&failed).unwrap_or_else(|_| {
            "{\"id\":null,\"storyboard\":null,\"keyframes\":null,\"error\":{\"code\":\"serialize_failed\",\"message\":\"the result could not be written as JSON\"}}".into()
        })
    });
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// Records every `write` call separately.
    #[derive(Default)]
    struct Calls(Vec<Vec<u8>>);

    impl Write for Calls {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn each_line_goes_out_in_one_write_with_its_newline() {
        let mut writer = LineWriter::new(Calls::default());
        let line = BatchLine::failed(
            Value::from("a"),
            super::super::line::error("missing_prompt", "no prompt".into()),
        );
        writer.write(&line).unwrap_or_else(|e| panic!("{e}"));
        writer.write(&line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(writer.written(), 2);
        let calls = &writer.out.0;
        assert_eq!(calls.len(), 2);
        let text = String::from_utf8(calls[0].clone()).unwrap_or_default();
        assert_eq!(
            text,
            "{\"id\":\"a\",\"storyboard\":null,\"keyframes\":null,\"error\":{\"code\":\"missing_prompt\",\"message\":\"no prompt\"}}\n"
        );
    }
}
