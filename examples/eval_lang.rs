//! Measures the bundled language model on a CoNLL-U file (gold tokenization).
//!
//! ```sh
//! cargo run --release --example eval_lang -- ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use scenec::lang::{Model, evaluate, read_conllu};

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!(
            "usage: eval_lang FILE.conllu   (e.g. ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu)"
        );
        return ExitCode::from(2);
    };
    match read_conllu(&path) {
        Ok(data) => {
            println!("{}: {}", path.display(), evaluate(Model::bundled(), &data));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
