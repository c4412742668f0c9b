//! Word classes for reading a clause's phrases: what a determiner says of its noun phrase,
//! the verbs whose complement is the real action ("begins to play"), the particles that
//! belong to a verb ("picks up"), the words opening a phrase that may describe a subject
//! ("a girl with a red umbrella") and the two-word prepositions ("next to"). Data files
//! beside this one, parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Closed, Lexicon, pairs, set};
use crate::lang::verb_forms::{VerbForm, verb_form};

/// What a determiner says of its noun phrase (`determiner_kinds.txt`, `possessives.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeterminerKind {
    /// A new thing ("a", "an").
    Indefinite,
    /// A known thing ("the").
    Definite,
    /// A thing pointed at ("this", "those").
    Demonstrative,
    /// A thing someone owns ("his", "their").
    Possessive,
    /// How many, or which of several ("some", "every", "both").
    Quantifier,
}

impl DeterminerKind {
    /// Whether the determiner picks out one definite or new thing, as an article, a
    /// possessive or a demonstrative does ("the", "a", "his", "this"), unlike a quantifier.
    pub fn picks_one(self) -> bool {
        self != Self::Quantifier
    }
}

/// What a phrase between a subject and its verb may say of the subject
/// (`subject_phrase_leads.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectLead {
    /// "with": describes the subject, or names a companion when it names someone.
    Companion,
    /// "holding", "carrying": describes the subject unless it names someone.
    Held,
    /// "wearing": describes the subject.
    Worn,
    /// "in": describes the subject when it names a garment ("in a grey coat").
    Garment,
    /// Places or relates the subject, never describes it ("over the harbor").
    Place,
}

/// The lists this module reads.
struct PhraseWords {
    determiners: HashMap<&'static str, DeterminerKind>,
    catenatives: HashSet<&'static str>,
    particles: HashSet<&'static str>,
    subject_leads: HashMap<&'static str, SubjectLead>,
    compound_prepositions: HashSet<&'static str>,
}

static PHRASE_WORDS: LazyLock<PhraseWords> = LazyLock::new(|| PhraseWords {
    determiners: pairs(include_str!("determiner_kinds.txt"), |kind| {
        Some(match kind {
            "indefinite" => DeterminerKind::Indefinite,
            "definite" => DeterminerKind::Definite,
            "demonstrative" => DeterminerKind::Demonstrative,
            "quantifier" => DeterminerKind::Quantifier,
            _ => return None,
        })
    })
    .collect(),
    catenatives: set(include_str!("catenative_verbs.txt")),
    particles: set(include_str!("verb_particles.txt")),
    subject_leads: pairs(include_str!("subject_phrase_leads.txt"), |kind| {
        Some(match kind {
            "companion" => SubjectLead::Companion,
            "held" => SubjectLead::Held,
            "worn" => SubjectLead::Worn,
            "garment" => SubjectLead::Garment,
            "place" => SubjectLead::Place,
            _ => return None,
        })
    })
    .collect(),
    compound_prepositions: set(include_str!("compound_prepositions.txt")),
});

impl Lexicon {
    /// What the determiner `word` says of its noun phrase ("a" → indefinite, "his" →
    /// possessive), if it is one.
    pub fn determiner_kind(&self, word: &str) -> Option<DeterminerKind> {
        if self.is(Closed::Possessive, word) {
            return Some(DeterminerKind::Possessive);
        }
        PHRASE_WORDS.determiners.get(word).copied()
    }

    /// Whether the verb `lemma` takes the real action as its complement ("begins to play",
    /// "keeps running").
    pub fn is_catenative(&self, lemma: &str) -> bool {
        PHRASE_WORDS.catenatives.contains(lemma)
    }

    /// Whether `word` is a particle that belongs to the verb before it ("up", "away").
    pub fn is_verb_particle(&self, word: &str) -> bool {
        PHRASE_WORDS.particles.contains(word)
    }

    /// What a phrase opened by `word` between a subject and its verb may say of the subject
    /// ("with", "wearing", "over"), if `word` opens one; a verb opens one in its -ing form.
    pub fn subject_lead(&self, word: &str) -> Option<SubjectLead> {
        PHRASE_WORDS.subject_leads.get(word).copied().or_else(|| {
            let (lemma, form) = verb_form(word)?;
            if form != VerbForm::Gerund || self.is_closed(word) {
                return None;
            }
            PHRASE_WORDS.subject_leads.get(lemma.as_str()).copied()
        })
    }

    /// Whether `word` after `before` continues a two-word preposition ("next" "to",
    /// "front" "of", "away" "from").
    pub fn continues_preposition(&self, before: &str, word: &str) -> bool {
        PHRASE_WORDS
            .compound_prepositions
            .contains(format!("{before} {word}").as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{DeterminerKind, SubjectLead};
    use crate::lang::lexicon;

    #[test]
    fn determiners_have_kinds() {
        let lex = lexicon();
        assert_eq!(lex.determiner_kind("an"), Some(DeterminerKind::Indefinite));
        assert_eq!(lex.determiner_kind("her"), Some(DeterminerKind::Possessive));
        assert_eq!(
            lex.determiner_kind("those"),
            Some(DeterminerKind::Demonstrative)
        );
        assert!(lex.determiner_kind("both").is_some_and(|k| !k.picks_one()));
        assert_eq!(lex.determiner_kind("cat"), None);
    }

    #[test]
    fn verb_classes_and_subject_leads_are_read() {
        let lex = lexicon();
        assert!(lex.is_catenative("begin") && !lex.is_catenative("run"));
        assert!(lex.is_verb_particle("aside") && !lex.is_verb_particle("into"));
        assert_eq!(lex.subject_lead("with"), Some(SubjectLead::Companion));
        assert_eq!(lex.subject_lead("wearing"), Some(SubjectLead::Worn));
        assert_eq!(lex.subject_lead("carrying"), Some(SubjectLead::Held));
        assert_eq!(lex.subject_lead("carries"), None);
        assert_eq!(lex.subject_lead("beside"), Some(SubjectLead::Place));
        assert_eq!(lex.subject_lead("runs"), None);
        assert!(
            lex.continues_preposition("next", "to") && lex.continues_preposition("front", "of")
        );
        assert!(!lex.continues_preposition("walks", "to"));
    }
}
