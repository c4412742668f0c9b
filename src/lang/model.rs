//! The trained model: tagger, lemmatizer, parser, labeller and irregular forms, written
//! as one postcard file and loaded once.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::LangError;
use super::labeller::Labeller;
use super::lemma::Lemmatizer;
use super::morph::Irregulars;
use super::parser::Parser;
use super::perceptron::{StoredWeights, Weights};
use super::tagger::{StoredTagger, Tagger};

/// The format version this build reads and writes.
pub(crate) const FORMAT: u32 = 2;
/// The first bytes of every model file.
const MAGIC: &[u8; 12] = b"scenec-lang\n";

/// The model shipped with scenec, trained on the UD English Web Treebank.
static BUNDLED_BYTES: &[u8] = include_bytes!("data/en-ewt.model");

static BUNDLED: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(BUNDLED_BYTES).unwrap_or_else(|e| {
        // The bundled file is part of the build and checked by tests; reaching this is a
        // broken build, not bad input.
        panic!("the bundled language model does not load: {e}")
    })
});

/// Everything the language layer learned from a treebank.
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Parser,
    pub(crate) labeller: Labeller,
    pub(crate) irregulars: Irregulars,
}

/// The serialized form.
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredModel {
    pub(crate) format: u32,
    pub(crate) tagger: StoredTagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: StoredWeights,
    pub(crate) labeller: StoredWeights,
    pub(crate) labels: Vec<String>,
    pub(crate) irregulars: Irregulars,
}

impl StoredModel {
    /// The model file's bytes.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        // Serializing plain vectors and strings to a Vec cannot fail.
        out.extend(postcard::to_stdvec(self).unwrap_or_default());
        out
    }
}

fn model_error(message: impl Into<String>) -> LangError {
    LangError::Model {
        expected: FORMAT,
        message: message.into(),
    }
}

impl Model {
    /// The model shipped with scenec (loaded on first use, then shared).
    pub fn bundled() -> &'static Model {
        &BUNDLED
    }

    /// Reads a model file's bytes (as written by `train_lang`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, LangError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| model_error("the file does not start with `scenec-lang`"))?;
        let stored: StoredModel =
            postcard::from_bytes(body).map_err(|e| model_error(format!("cannot decode: {e}")))?;
        stored.into_model()
    }

    /// Sizes of the parts, for reports: (tagger features, lemma rules, lemma exceptions,
    /// parser features, labeller features, irregular forms).
    pub fn sizes(&self) -> [usize; 6] {
        let (rules, exceptions) = self.lemmatizer.size();
        [
            self.tagger.size(),
            rules,
            exceptions,
            self.parser.size(),
            self.labeller.size(),
            self.irregulars.len(),
        ]
    }
}

impl StoredModel {
    /// Checks and unpacks a stored model.
    pub(crate) fn into_model(self) -> Result<Model, LangError> {
        if self.format != FORMAT {
            return Err(model_error(format!("it is format version {}", self.format)));
        }
        self.lemmatizer.check().map_err(model_error)?;
        self.irregulars.check().map_err(model_error)?;
        let parser: Weights = self.parser.load().map_err(model_error)?;
        if parser.classes() != super::parser::MOVES {
            return Err(model_error("the parser must score 4 moves"));
        }
        let labeller = self.labeller.load().map_err(model_error)?;
        Ok(Model {
            tagger: self.tagger.load().map_err(model_error)?,
            lemmatizer: self.lemmatizer,
            parser: Parser::new(parser.into_scorer()),
            labeller: Labeller::new(labeller.into_scorer(), self.labels).map_err(model_error)?,
            irregulars: self.irregulars,
        })
    }
}
