//! English morphology in one place: lemmas, plurals and singulars of nouns, gerunds,
//! third-person and past forms of verbs.
//!
//! Regular forms come from spelling rules; irregular ones ("children", "ran", "lying")
//! are learned from the treebank while training (every form whose lemma the rules would
//! not inflect to it), plus a few common words the treebank happens not to hold.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conllu::GoldSentence;
use super::upos::Upos;

/// Irregular plurals the treebank does not hold, or holds too rarely to learn; they
/// override what was learned.
pub(crate) const EXTRA_PLURALS: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("mouse", "mice"),
    ("goose", "geese"),
    ("ox", "oxen"),
    ("tomato", "tomatoes"),
    ("potato", "potatoes"),
    ("hero", "heroes"),
    ("leaf", "leaves"),
    ("wolf", "wolves"),
    ("knife", "knives"),
    ("sheep", "sheep"),
    ("fish", "fish"),
    ("deer", "deer"),
    ("cactus", "cacti"),
];

/// The inflections of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Inflection {
    /// Plural noun (NNS).
    Plural,
    /// Gerund or present participle (VBG).
    Gerund,
    /// Third person singular present (VBZ).
    ThirdPerson,
    /// Simple past (VBD).
    Past,
}

/// Irregular forms learned from the treebank: (inflection, lemma) → form, sorted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Irregulars {
    forms: Vec<(Inflection, String, String)>,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether a one-syllable verb doubles its last consonant ("stop" → "stopping").
fn doubles(word: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    let n = c.len();
    if n < 3 || !word.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let (a, b, z) = (c[n - 3], c[n - 2], c[n - 1]);
    let groups = c
        .iter()
        .enumerate()
        .filter(|&(i, &ch)| is_vowel(ch) && (i == 0 || !is_vowel(c[i - 1])))
        .count();
    groups == 1 && !is_vowel(z) && !matches!(z, 'w' | 'x' | 'y') && is_vowel(b) && !is_vowel(a)
}

fn ends_sibilant(w: &str) -> bool {
    ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e))
}

fn consonant_y(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    c.len() >= 2 && c[c.len() - 1] == 'y' && !is_vowel(c[c.len() - 2])
}

/// The regular (rule) form of `lemma`.
pub(crate) fn regular(kind: Inflection, lemma: &str) -> String {
    let w = lemma;
    let stem = |n: usize| &w[..w.len() - n];
    match kind {
        Inflection::Plural | Inflection::ThirdPerson => {
            if consonant_y(w) {
                format!("{}ies", stem(1))
            } else if ends_sibilant(w) || (kind == Inflection::ThirdPerson && w.ends_with('o')) {
                format!("{w}es")
            } else {
                format!("{w}s")
            }
        }
        Inflection::Gerund => {
            if w.ends_with("ie") {
                format!("{}ying", stem(2))
            } else if w.ends_with('e')
                && !["ee", "ye", "oe"].iter().any(|e| w.ends_with(e))
                && w.len() > 2
            {
                format!("{}ing", stem(1))
            } else if doubles(w) {
                format!("{w}{}ing", &w[w.len() - 1..])
            } else {
                format!("{w}ing")
            }
        }
        Inflection::Past => {
            if w.ends_with('e') {
                format!("{w}d")
            } else if consonant_y(w) {
                format!("{}ied", stem(1))
            } else if doubles(w) {
                format!("{w}{}ed", &w[w.len() - 1..])
            } else {
                format!("{w}ed")
            }
        }
    }
}

impl Irregulars {
    /// Learns the irregular forms of a treebank.
    pub(crate) fn train(data: &[GoldSentence]) -> Irregulars {
        let mut counts: BTreeMap<(Inflection, String), BTreeMap<String, u32>> = BTreeMap::new();
        for s in data {
            for w in &s.words {
                let kind = match (w.upos, w.xpos.as_str()) {
                    (Upos::Noun, "NNS") => Inflection::Plural,
                    (Upos::Verb | Upos::Aux, "VBG") => Inflection::Gerund,
                    (Upos::Verb | Upos::Aux, "VBZ") => Inflection::ThirdPerson,
                    (Upos::Verb | Upos::Aux, "VBD") => Inflection::Past,
                    _ => continue,
                };
                let form = w.form.to_lowercase();
                let lemma = w.lemma.to_lowercase();
                let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase());
                if plain(&form) && plain(&lemma) {
                    *counts
                        .entry((kind, lemma))
                        .or_default()
                        .entry(form)
                        .or_default() += 1;
                }
            }
        }
        let mut forms = Vec::new();
        for ((kind, lemma), seen) in counts {
            let best = seen
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| f.clone());
            if let Some(form) = best.filter(|f| *f != regular(kind, &lemma)) {
                forms.push((kind, lemma, form));
            }
        }
        forms.retain(|(k, l, _)| {
            !(*k == Inflection::Plural && EXTRA_PLURALS.iter().any(|(e, _)| e == l))
        });
        for (lemma, form) in EXTRA_PLURALS {
            forms.push((Inflection::Plural, lemma.to_string(), form.to_string()));
        }
        forms.sort();
        Irregulars { forms }
    }

    /// Checks the table is sorted (lookups use binary search).
    pub(crate) fn check(&self) -> Result<(), String> {
        if self
            .forms
            .windows(2)
            .all(|w| (w[0].0, &w[0].1) < (w[1].0, &w[1].1))
        {
            Ok(())
        } else {
            Err("irregular forms are not sorted".into())
        }
    }

    /// The form of `lemma` (lower case), irregular if learned, regular otherwise.
    pub(crate) fn inflect(&self, kind: Inflection, lemma: &str) -> String {
        let lower = lemma.to_lowercase();
        match self
            .forms
            .binary_search_by(|(k, l, _)| (*k, l.as_str()).cmp(&(kind, lower.as_str())))
        {
            Ok(i) => self.forms[i].2.clone(),
            Err(_) => regular(kind, &lower),
        }
    }

    /// Number of irregular forms.
    pub(crate) fn len(&self) -> usize {
        self.forms.len()
    }
}

impl super::Model {
    /// The lemma of a word on its own read as `upos` ("walks"/VERB → "walk",
    /// "mice"/NOUN → "mouse"); in a sentence, [`Model::analyze`] gives each token's.
    pub fn lemma(&self, word: &str, upos: Upos) -> String {
        self.lemmatizer.lemma(word, upos, true)
    }

    /// The plural of a singular noun ("cat" → "cats", "child" → "children").
    pub fn plural(&self, noun: &str) -> String {
        self.irregulars.inflect(Inflection::Plural, noun)
    }

    /// The singular of a noun ("bears" → "bear", "people" → "person").
    pub fn singular(&self, noun: &str) -> String {
        self.lemmatizer.lemma(noun, Upos::Noun, true)
    }

    /// The gerund of a verb lemma ("run" → "running", "wave" → "waving").
    pub fn gerund(&self, verb: &str) -> String {
        self.irregulars.inflect(Inflection::Gerund, verb)
    }

    /// The third person singular present of a verb lemma ("fly" → "flies", "have" → "has").
    pub fn third_person(&self, verb: &str) -> String {
        self.irregulars.inflect(Inflection::ThirdPerson, verb)
    }

    /// The simple past of a verb lemma ("walk" → "walked", "run" → "ran").
    pub fn past(&self, verb: &str) -> String {
        self.irregulars.inflect(Inflection::Past, verb)
    }
}

/// [`Model::lemma`] with the bundled model.
pub fn lemma(word: &str, upos: Upos) -> String {
    super::Model::bundled().lemma(word, upos)
}

/// [`Model::plural`] with the bundled model.
pub fn plural(noun: &str) -> String {
    super::Model::bundled().plural(noun)
}

/// [`Model::singular`] with the bundled model.
pub fn singular(noun: &str) -> String {
    super::Model::bundled().singular(noun)
}

/// [`Model::gerund`] with the bundled model.
pub fn gerund(verb: &str) -> String {
    super::Model::bundled().gerund(verb)
}

/// [`Model::third_person`] with the bundled model.
pub fn third_person(verb: &str) -> String {
    super::Model::bundled().third_person(verb)
}

/// [`Model::past`] with the bundled model.
pub fn past(verb: &str) -> String {
    super::Model::bundled().past(verb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_spelling_rules() {
        assert_eq!(regular(Inflection::Plural, "box"), "boxes");
        assert_eq!(regular(Inflection::Plural, "city"), "cities");
        assert_eq!(regular(Inflection::Plural, "day"), "days");
        assert_eq!(regular(Inflection::Gerund, "run"), "running");
        assert_eq!(regular(Inflection::Gerund, "wave"), "waving");
        assert_eq!(regular(Inflection::Gerund, "lie"), "lying");
        assert_eq!(regular(Inflection::Gerund, "see"), "seeing");
        assert_eq!(regular(Inflection::Gerund, "open"), "opening");
        assert_eq!(regular(Inflection::Gerund, "rain"), "raining");
        assert_eq!(regular(Inflection::ThirdPerson, "go"), "goes");
        assert_eq!(regular(Inflection::ThirdPerson, "fly"), "flies");
        assert_eq!(regular(Inflection::Past, "stop"), "stopped");
        assert_eq!(regular(Inflection::Past, "wave"), "waved");
    }
}
