//! The seventeen Universal Dependencies part-of-speech tags.

use std::fmt;
use std::str::FromStr;

/// A universal part-of-speech tag (<https://universaldependencies.org/u/pos/>).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    /// Adjective: "blue", "tall".
    Adj,
    /// Adposition: "in", "from", "to".
    Adp,
    /// Adverb: "then", "slowly".
    Adv,
    /// Auxiliary: "is", "has", "will".
    Aux,
    /// Coordinating conjunction: "and", "or".
    Cconj,
    /// Determiner: "a", "the", "this".
    Det,
    /// Interjection: "oh", "hello".
    Intj,
    /// Common noun: "panda", "camera".
    Noun,
    /// Numeral: "two", "30".
    Num,
    /// Particle: "not", possessive "'s", infinitival "to".
    Part,
    /// Pronoun: "she", "it".
    Pron,
    /// Proper noun: "Daniel", "Paris".
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction: "while", "before", "that".
    Sconj,
    /// Symbol: "$", "%", emoji.
    Sym,
    /// Verb: "walks", "turns".
    Verb,
    /// Other: foreign words, typos the treebank could not classify.
    X,
}

impl Upos {
    /// Every tag, in the order of their class numbers in the model.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U ("NOUN", "VERB" …).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The class number of the tag in the model (its place in [`Upos::ALL`]).
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The tag of a class number, if there is one.
    pub(crate) fn from_index(i: usize) -> Option<Upos> {
        Upos::ALL.get(i).copied()
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the seventeen UPOS tags.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a universal part-of-speech tag (expected one of ADJ, ADP, ADV, AUX, CCONJ, DET, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT, SCONJ, SYM, VERB, X)"
)]
pub struct UnknownUpos(pub String);

impl FromStr for Upos {
    type Err = UnknownUpos;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Upos::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownUpos(s.to_string()))
    }
}
