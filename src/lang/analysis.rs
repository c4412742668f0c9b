//! What the language layer says about a text: sentences of tagged, lemmatized, parsed
//! tokens.

use std::ops::Range;

use serde::Serialize;

use super::lemma::opens_sentence;
use super::model::Model;
use super::parser::ParseInput;
use super::tokenize::tokenize;
use super::upos::Upos;

/// A text read by the language layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// Its tokens (the treebank's words: "don't" is "do" + "n't").
    pub tokens: Vec<Token>,
}

/// One token with everything the layer knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// The token as written (`&text[span]`).
    pub text: String,
    /// Byte offsets in the analysed text.
    pub span: Range<usize>,
    /// Part of speech.
    pub upos: Upos,
    /// Dictionary form ("walks" → "walk", "was" → "be"; names keep their capitals).
    pub lemma: String,
    /// Index of the head token in [`Sentence::tokens`], `None` for the sentence's root.
    pub head: Option<usize>,
    /// Dependency relation to the head (Universal Dependencies: "nsubj", "obj", "obl",
    /// "advmod", "conj" …; "root" for the root).
    pub deprel: String,
}

impl Sentence {
    /// The index of the root token.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.head.is_none())
    }

    /// The indices of the tokens whose head is `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == Some(i))
            .map(|(j, _)| j)
    }

    /// Whether token `i` is written right after the previous one, with no space ("30-second").
    pub fn touches_previous(&self, i: usize) -> bool {
        i > 0 && self.tokens[i - 1].span.end == self.tokens[i].span.start
    }
}

impl Model {
    /// Tokenizes, tags, lemmatizes and parses `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let sentences = tokenize(text)
            .into_iter()
            .map(|raw| {
                let forms: Vec<&str> = raw.iter().map(|t| t.text.as_str()).collect();
                let tags = self.tagger.tag(&forms);
                let input = ParseInput::new(&forms, &tags);
                let heads = self.parser.parse(&input);
                let labels = self.labeller.label(&input, &heads);
                let lemmas = self.lemmas(&forms, &tags);
                let tokens = raw
                    .into_iter()
                    .zip(tags)
                    .zip(lemmas)
                    .zip(heads.iter().zip(labels))
                    .map(|(((t, upos), lemma), (&head, deprel))| Token {
                        lemma,
                        text: t.text,
                        span: t.span,
                        upos,
                        head: head.checked_sub(1),
                        deprel: deprel.to_string(),
                    })
                    .collect();
                Sentence { tokens }
            })
            .collect();
        Analysis { sentences }
    }

    /// The lemmas of tagged words (the first opens a sentence).
    pub fn lemmas(&self, words: &[&str], tags: &[Upos]) -> Vec<String> {
        words
            .iter()
            .zip(tags)
            .enumerate()
            .map(|(i, (w, &t))| {
                let first = opens_sentence(i.checked_sub(1).map(|j| words[j]));
                self.lemmatizer
                    .lemma_before(w, t, first, tags.get(i + 1).copied())
            })
            .collect()
    }

    /// The tags of already tokenized words.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        self.tagger.tag(words)
    }

    /// Heads (0 = root, else the 1-based word number) and labels of tagged words.
    pub fn parse(&self, words: &[&str], tags: &[Upos]) -> (Vec<usize>, Vec<String>) {
        let input = ParseInput::new(words, tags);
        let heads = self.parser.parse(&input);
        let labels = self
            .labeller
            .label(&input, &heads)
            .into_iter()
            .map(str::to_string)
            .collect();
        (heads, labels)
    }
}
