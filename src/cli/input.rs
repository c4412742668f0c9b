//! Reading a JSON document from a file or standard input.

use std::io::Read;
use std::path::Path;

/// Reads `path` ("-" is standard input) and parses it as JSON; the error is a sentence for
/// people naming the file and what went wrong.
pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let stdin = path == Path::new("-");
    let text = if stdin {
        let mut buf = String::new();
        std::io::stdin()
            .read_to_string(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    };
    let name = if stdin {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    serde_json::from_str(&text).map_err(|e| format!("{name} is not valid JSON: {e}"))
}
