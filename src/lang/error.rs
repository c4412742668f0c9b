//! Errors of the language layer: reading treebanks and models.

use std::path::PathBuf;

/// What went wrong while reading a treebank or a trained model.
#[derive(Debug, thiserror::Error)]
pub enum LangError {
    /// A CoNLL-U line could not be read.
    #[error(
        "{file}:{line}: {message}; each word line needs 10 tab-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC)"
    )]
    Conllu {
        /// The file (or `<input>`) being read.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// A treebank file could not be opened.
    #[error(
        "cannot read treebank file {path}: {source}; pass the folder that holds en_ewt-ud-*.conllu"
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
    /// The model bytes are not a language model of this version.
    #[error(
        "not a scenec language model (version {expected}): {message}; retrain it with `cargo run --release --example train_lang -- ../shared/data/ud-english-ewt`"
    )]
    Model {
        /// The format version this build reads.
        expected: u32,
        /// What is wrong.
        message: String,
    },
}
