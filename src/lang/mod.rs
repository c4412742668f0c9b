//! The English layer every stage shares: tokenizer, part-of-speech tagger, lemmatizer,
//! dependency parser and morphology, trained on the Universal Dependencies English Web
//! Treebank (Silveira et al., 2014, CC BY-SA 4.0; see `src/lang/data/NOTICE.md`).
//!
//! ```
//! use scenec::lang::{self, Upos};
//!
//! let a = lang::analyze("A panda walks from left to right, then waves.");
//! let walks = &a.sentences[0].tokens[2];
//! assert_eq!((walks.upos, walks.lemma.as_str()), (Upos::Verb, "walk"));
//! assert_eq!(lang::plural("child"), "children");
//! ```
//!
//! The model ships inside the library (`src/lang/data/en-ewt.model`, loaded on first use);
//! `cargo run --release --example train_lang -- ../shared/data/ud-english-ewt` retrains it
//! and `cargo run --release --example eval_lang -- FILE.conllu` measures it.

mod analysis;
mod conllu;
pub mod deprel;
mod error;
mod fast_hash;
mod features;
mod labeller;
mod lemma;
mod lexicon;
mod model;
mod morph;
mod parser;
mod perceptron;
mod spatial;
mod spelling;
mod tagger;
mod tokenize;
mod train;
mod upos;
mod verb_forms;

pub use analysis::{Analysis, Sentence, Token};
pub use conllu::{GoldSentence, GoldWord, parse_conllu, read_conllu};
pub use error::LangError;
pub use lexicon::{
    CameraContext, CameraMotion, CameraReading, Closed, Coordination, CueRole, CutCue,
    DeterminerKind, DirectionWord, DurationScope, Heading, Lexicon, MoveCondition, NounClass, Pace,
    PathWord, PhraseRole, PronounKind, RelationWord, SettingWord, ShotChange, ShotSize,
    SubjectLead, Subordinator, TimeRelation, ViewAngle, lexicon, regular_singular,
};
pub use model::Model;
pub use morph::{gerund, lemma, past, plural, singular, third_person};
pub use spatial::{RegionWord, Spatial};
pub use spelling::{correction, is_known_word};
pub use tokenize::{RawToken, tokenize};
pub use train::{Scores, TrainConfig, evaluate, train};
pub use upos::{UnknownUpos, Upos};
pub use verb_forms::{VerbForm, verb_form, verb_lemma};

/// Tokenizes, tags, lemmatizes and parses `text` with the bundled model.
pub fn analyze(text: &str) -> Analysis {
    Model::bundled().analyze(text)
}
