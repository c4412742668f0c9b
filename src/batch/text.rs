//! Input files as lines of text: a UTF-8 byte-order mark at the start is dropped, and each
//! line is decoded on its own, so one byte that is not UTF-8 costs its line, not the file.

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A line that is not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotUtf8 {
    /// 1-based byte position in the line of the first byte that is not UTF-8.
    pub byte: usize,
    /// The line with every invalid sequence replaced by U+FFFD, to recover what can be read.
    pub lossy: String,
}

impl NotUtf8 {
    /// "line 3 is not UTF-8 (byte 7 of the line); save the file as UTF-8".
    pub fn message(&self, number: usize) -> String {
        format!(
            "line {number} is not UTF-8 (byte {} of the line); save the file as UTF-8",
            self.byte
        )
    }
}

/// The lines of `bytes` as `(1-based number, text)`, split on `\n` with a `\r` before it
/// dropped, like [`str::lines`].
pub(crate) fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, Result<&str, NotUtf8>)> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let end = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let pieces = (!bytes.is_empty()).then(|| end.split(|&b| b == b'\n'));
    pieces.into_iter().flatten().enumerate().map(|(i, raw)| {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = std::str::from_utf8(raw).map_err(|e| NotUtf8 {
            byte: e.valid_up_to() + 1,
            lossy: String::from_utf8_lossy(raw).into_owned(),
        });
        (i + 1, text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<(usize, Result<&str, usize>)> {
        lines(bytes)
            .map(|(n, text)| (n, text.map_err(|e| e.byte)))
            .collect()
    }

    #[test]
    fn splits_like_str_lines() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", "a\n\nb\n", "a\n\n"] {
            let ours: Vec<&str> = lines(text.as_bytes())
                .map(|(_, t)| t.unwrap_or_default())
                .collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn a_bad_byte_costs_only_its_line_and_a_bom_is_dropped() {
        let bytes = b"\xEF\xBB\xBFfirst\nse\xFFcond\nthird\n";
        assert_eq!(
            texts(bytes),
            [(1, Ok("first")), (2, Err(3)), (3, Ok("third"))]
        );
        let bad = lines(bytes).nth(1).and_then(|(_, t)| t.err());
        assert_eq!(bad.map(|e| e.lossy), Some("se\u{fffd}cond".to_string()));
        // only a mark at the very start is one
        assert_eq!(
            texts(b"a\n\xEF\xBB\xBFb"),
            [(1, Ok("a")), (2, Ok("\u{feff}b"))]
        );
    }
}
