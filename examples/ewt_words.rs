//! Writes the list of English words the spelling corrector takes as real
//! (`src/lang/data/ewt-words.txt`): every lower-case ASCII word of the UD English Web
//! Treebank's train split that is not a proper noun, sorted, once each.
//!
//! ```sh
//! cargo run --example ewt_words -- ../shared/data/ud-english-ewt [OUT]
//! ```

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use scenec::lang::{Upos, read_conllu};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: ewt_words TREEBANK_DIR [OUT]   (e.g. ../shared/data/ud-english-ewt)");
        return ExitCode::from(2);
    };
    let out = args.next().map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/lang/data/ewt-words.txt"
            ))
        },
        PathBuf::from,
    );
    let sentences = match read_conllu(&dir.join("en_ewt-ud-train.conllu")) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let words: BTreeSet<String> = sentences
        .iter()
        .flat_map(|s| &s.words)
        .filter(|w| w.upos != Upos::Propn && w.form.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|w| w.form.to_ascii_lowercase())
        .collect();
    let mut text = String::from(
        "# Words of the UD English Web Treebank train split (CC BY-SA 4.0, see NOTICE.md),\n# written by `cargo run --example ewt_words`.\n",
    );
    for w in &words {
        text.push_str(w);
        text.push('\n');
    }
    if let Err(e) = std::fs::write(&out, text) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!("{} words written to {}", words.len(), out.display());
    ExitCode::SUCCESS
}
