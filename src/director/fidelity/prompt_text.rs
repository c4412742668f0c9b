//! The prompt as the language layer reads it: which words it states, where, and what stands
//! right before its nouns. A predicate is kept only when these words back it.

use crate::eval::matching::word_eq;
use crate::lang::{self, Token, Upos};

/// The prompt's tokens, every sentence in one run.
pub(super) struct PromptText {
    tokens: Vec<Token>,
}

/// Where a noun phrase stands in the prompt.
pub(super) struct Occurrence {
    /// Index of its first noun token.
    pub start: usize,
    /// Index past its last token.
    pub end: usize,
}

impl PromptText {
    /// Reads `prompt` with the bundled language model.
    pub fn new(prompt: &str) -> Self {
        let tokens = lang::analyze(prompt)
            .sentences
            .into_iter()
            .flat_map(|s| s.tokens)
            .collect();
        Self { tokens }
    }

    /// Whether token `i` is `word` up to inflection (as written or as its lemma).
    fn is(&self, i: usize, word: &str) -> bool {
        let t = &self.tokens[i];
        word_eq(&t.text.to_lowercase(), word) || word_eq(&t.lemma.to_lowercase(), word)
    }

    /// The indices of the tokens that are `word` up to inflection.
    pub fn positions(&self, word: &str) -> Vec<usize> {
        (0..self.tokens.len())
            .filter(|&i| self.is(i, word))
            .collect()
    }

    /// Whether the prompt states `word`.
    pub fn states(&self, word: &str) -> bool {
        !self.positions(word).is_empty()
    }

    /// Whether the prompt states every one of `words` (and at least one).
    pub fn states_all(&self, words: &[String]) -> bool {
        !words.is_empty() && words.iter().all(|w| self.states(w))
    }

    /// Every place where `words` stand one after another and the first is not an adjective,
    /// a number or a determiner (so "red car" names a car, not a "red car" noun).
    pub fn noun_runs(&self, words: &[String]) -> Vec<Occurrence> {
        if words.is_empty() || words.len() > self.tokens.len() {
            return Vec::new();
        }
        (0..=self.tokens.len() - words.len())
            .filter(|&i| words.iter().enumerate().all(|(k, w)| self.is(i + k, w)))
            .filter(|&i| !matches!(self.tokens[i].upos, Upos::Adj | Upos::Num | Upos::Det))
            .map(|i| Occurrence {
                start: i,
                end: i + words.len(),
            })
            .collect()
    }

    /// The adjectives and numbers written right before an occurrence ("two white" in "two
    /// white birds"), nearest last.
    pub fn premodifiers(&self, at: &Occurrence) -> &[Token] {
        let mut first = at.start;
        while first > 0 && matches!(self.tokens[first - 1].upos, Upos::Adj | Upos::Num) {
            first -= 1;
        }
        &self.tokens[first..at.start]
    }

    /// Whether the occurrence's last word is written in its dictionary form (a singular
    /// noun: "bird", not "birds").
    pub fn is_singular(&self, at: &Occurrence) -> bool {
        at.end > at.start && {
            let head = &self.tokens[at.end - 1];
            head.text.to_lowercase() == head.lemma.to_lowercase()
        }
    }

    /// The prompt's own words from the premodifiers through the occurrence ("two white
    /// birds").
    pub fn phrase(&self, at: &Occurrence) -> String {
        let first = at.start - self.premodifiers(at).len();
        self.tokens[first..at.end]
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether `word` stands within `window` tokens after an occurrence of `anchor`.
    pub fn follows(&self, anchor: &str, word: &str, window: usize) -> bool {
        self.positions(anchor).into_iter().any(|i| {
            (i + 1..=(i + window).min(self.tokens.len().saturating_sub(1)))
                .any(|j| self.is(j, word))
        })
    }

    /// The numbers written in digits ("6" in "for 6 seconds").
    pub fn numbers(&self) -> Vec<f64> {
        self.tokens
            .iter()
            .filter(|t| t.upos == Upos::Num)
            .filter_map(|t| t.text.parse::<f64>().ok())
            .filter(|n| n.is_finite())
            .collect()
    }
}
