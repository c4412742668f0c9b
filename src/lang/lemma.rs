//! The lemmatizer: the treebank's own (form, tag) → lemma pairs where the rules get them
//! wrong, and suffix-edit rules learned from the treebank for every other word.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::conllu::GoldSentence;
use super::features::{prefix, suffix};
use super::upos::Upos;

/// Longest word ending the rules look at.
const MAX_SUFFIX: usize = 6;

/// How a lemma is made from a word: lower-case it or not, strip characters, append text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Edit {
    lower: bool,
    strip: u8,
    append: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma`.
    fn between(form: &str, lemma: &str) -> Edit {
        let lower = !lemma.starts_with(char::is_uppercase);
        let base = if lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        let append: String = lemma.chars().skip(common).collect();
        Edit {
            lower,
            strip: strip.min(255) as u8,
            append,
        }
    }

    /// Applies the edit; `None` when the word is too short for it.
    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        let keep = n.checked_sub(usize::from(self.strip))?;
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.append);
        (!out.is_empty()).then_some(out)
    }
}

/// The trained lemmatizer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Lemmatizer {
    /// (tag and letter case, reversed lower-case ending) → edit, sorted; the longest
    /// ending found wins.
    rules: Vec<(u8, String, Edit)>,
    /// (form, tag) → lemma for the words the rules get wrong, sorted.
    exceptions: Vec<(String, u8, String)>,
    /// (form, tag, next word's tag) → lemma where the next word decides ("her" before a
    /// noun is the possessive "her", elsewhere "she"), sorted.
    context: Vec<(String, u8, u8, String)>,
    /// Lower-case lemmas of the treebank's content words, sorted: a rule's guess for an
    /// unseen word that is no known lemma is tried with the usual spelling changes
    /// ("provok" → "provoke", "hott" → "hot") before it is kept.
    vocabulary: Vec<String>,
}

/// Fewest times a (form, tag, next tag) must be seen for its lemma to be kept.
const MIN_CONTEXT: u32 = 3;

/// The tag number of "no next word" in the context table.
const END: u8 = u8::MAX;

/// Whether words of this part of speech have their lemmas checked against the vocabulary.
fn content(upos: Upos) -> bool {
    matches!(upos, Upos::Noun | Upos::Verb | Upos::Adj | Upos::Adv)
}

/// The spellings a rule's guess may miss: a dropped or extra final "e", an undoubled or
/// doubled final consonant.
fn respellings(guess: &str) -> Vec<String> {
    let mut out = vec![format!("{guess}e")];
    if let Some(stem) = guess.strip_suffix('e') {
        out.push(stem.to_string());
    }
    let chars: Vec<char> = guess.chars().collect();
    if let [.., a, b] = chars.as_slice() {
        if a == b && !"aeiou".contains(*b) {
            out.push(chars[..chars.len() - 1].iter().collect());
        } else if !"aeiouy".contains(*b) && b.is_alphabetic() {
            out.push(format!("{guess}{b}"));
        }
    }
    out
}

/// A word's ending as the rules key it: lower case, typographic apostrophes made plain.
fn key_of(form: &str) -> String {
    plain(form).to_lowercase()
}

/// A word with typographic apostrophes made plain.
fn plain(form: &str) -> String {
    form.replace('\u{2019}', "'")
}

/// The tag, the letter case of a word and whether it opens its sentence, in one number:
/// lemmas of capitalised and upper-case words follow their own habits in the treebank
/// (titles keep capitals).
fn rule_class(form: &str, tag: u8) -> u8 {
    let mut letters = form.chars().filter(|c| c.is_alphabetic());
    let case = match letters.next() {
        Some(c) if c.is_uppercase() => {
            let rest: Vec<char> = letters.collect();
            if rest.is_empty() || rest.iter().all(|c| c.is_uppercase()) {
                2
            } else if rest.iter().all(|c| c.is_lowercase()) {
                1
            } else {
                3
            }
        }
        _ => 0,
    };
    tag * 4 + case
}

/// The tag as the tables key it: the tag number twice over, plus one for a capitalised word
/// that opens its sentence (capitals say little there; elsewhere they mark names and titles).
fn tag_key(form: &str, upos: Upos, first: bool) -> u8 {
    upos.index() as u8 * 2 + u8::from(first && form.starts_with(char::is_uppercase))
}

/// Whether a word whose previous word is `prev` opens a sentence (or a quotation).
pub(crate) fn opens_sentence(prev: Option<&str>) -> bool {
    prev.is_none_or(|p| matches!(p, "\"" | "\u{201c}" | "'" | "(" | "[" | ":" | "-" | "*"))
}

impl Lemmatizer {
    /// Learns rules and exceptions from a treebank; `extra` adds (singular, plural) nouns
    /// the treebank lacks.
    pub(crate) fn train(data: &[GoldSentence], extra: &[(&str, &str)]) -> Lemmatizer {
        // Distinct (form, tag, lemma) triples with their counts; the same with the next
        // word's tag; the content words' lemmas.
        let mut seen: BTreeMap<(String, u8, String), u32> = BTreeMap::new();
        let mut in_context: BTreeMap<(String, u8, u8, String), u32> = BTreeMap::new();
        let mut vocabulary = BTreeSet::new();
        for s in data {
            for (i, w) in s.words.iter().enumerate() {
                let first = opens_sentence(i.checked_sub(1).map(|j| s.words[j].form.as_str()));
                let form = plain(&w.form);
                let tag = tag_key(&form, w.upos, first);
                *seen
                    .entry((form.clone(), tag, w.lemma.clone()))
                    .or_default() += 1;
                let next = s.words.get(i + 1).map_or(END, |n| n.upos.index() as u8);
                *in_context
                    .entry((form.clone(), tag, next, w.lemma.clone()))
                    .or_default() += 1;
                if content(w.upos) && w.lemma.chars().all(char::is_alphabetic) {
                    vocabulary.insert(w.lemma.to_lowercase());
                }
            }
        }
        // Rules count word types, so frequent words do not drown the endings.
        let mut votes: BTreeMap<(u8, String), BTreeMap<Edit, u32>> = BTreeMap::new();
        for (form, tag, lemma) in seen.keys() {
            let edit = Edit::between(form, lemma);
            let lower = key_of(form);
            let len = lower.chars().count();
            let class = rule_class(form, *tag);
            for n in 0..=MAX_SUFFIX.min(len) {
                let end: String = suffix(&lower, n).chars().rev().collect();
                *votes
                    .entry((class, end))
                    .or_default()
                    .entry(edit.clone())
                    .or_default() += 1;
            }
        }
        let majority = |m: &BTreeMap<Edit, u32>| {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(e, &n)| (e.clone(), n))
        };
        let mut rules = Vec::new();
        for ((tag, end), m) in &votes {
            let Some((edit, n)) = majority(m) else {
                continue;
            };
            if !end.is_empty() && n < 2 {
                continue;
            }
            // A rule that says what its shorter ending says is not needed.
            if !end.is_empty() {
                let parent: String = end.chars().take(end.chars().count() - 1).collect();
                let parent_edit = votes.get(&(*tag, parent)).and_then(majority).map(|p| p.0);
                if parent_edit.as_ref() == Some(&edit) {
                    continue;
                }
            }
            rules.push((*tag, end.clone(), edit));
        }
        let mut lemmatizer = Lemmatizer {
            rules,
            exceptions: Vec::new(),
            context: Vec::new(),
            vocabulary: vocabulary.into_iter().collect(),
        };
        // The most frequent lemma of each (form, tag); kept where the rules differ.
        let mut best: BTreeMap<(String, u8), (u32, String)> = BTreeMap::new();
        for ((form, tag, lemma), &n) in &seen {
            let k = (form.clone(), *tag);
            let slot = best.entry(k).or_insert((0, String::new()));
            if n > slot.0 {
                *slot = (n, lemma.clone());
            }
        }
        let noun = tag_key("", Upos::Noun, false);
        // Extra plurals only fill gaps: the treebank's own lemma wins ("people" stays).
        let extra: Vec<&(&str, &str)> = extra
            .iter()
            .filter(|(_, plural)| !best.contains_key(&(plural.to_string(), noun)))
            .collect();
        let mut exceptions = Vec::new();
        for ((form, tag), (n, lemma)) in best {
            // A lemma seen once that is no word is a treebank slip ("Daniel" → an e-mail
            // address), not an exception to learn; "govt" → "government" is one.
            let wordlike = lemma
                .chars()
                .all(|c| c.is_alphabetic() || "'-. ".contains(c));
            let plausible = n >= 2 || wordlike || lemma.chars().count() <= form.chars().count() + 2;
            if plausible && lemmatizer.by_rule(&form, tag).as_deref() != Some(lemma.as_str()) {
                exceptions.push((form, tag, lemma));
            }
        }
        for (singular, plural) in extra {
            exceptions.retain(|(f, t, _)| !(f == plural && *t == noun));
            exceptions.push((plural.to_string(), noun, singular.to_string()));
        }
        exceptions.sort();
        lemmatizer.exceptions = exceptions;
        // The most frequent lemma of each (form, tag, next tag), kept where it is seen
        // often enough and differs from what the word gets without its neighbour.
        let mut best: BTreeMap<(String, u8, u8), (u32, String)> = BTreeMap::new();
        for ((form, tag, next, lemma), &n) in &in_context {
            let slot = best
                .entry((form.clone(), *tag, *next))
                .or_insert((0, String::new()));
            if n > slot.0 {
                *slot = (n, lemma.clone());
            }
        }
        let mut context = Vec::new();
        for ((form, tag, next), (n, lemma)) in best {
            if n >= MIN_CONTEXT && lemmatizer.lemma_of(&form, tag) != lemma {
                context.push((form, tag, next, lemma));
            }
        }
        lemmatizer.context = context;
        lemmatizer
    }

    /// Checks the stored tables are sorted (lookups use binary search).
    pub(crate) fn check(&self) -> Result<(), String> {
        let sorted_rules = self
            .rules
            .windows(2)
            .all(|w| (w[0].0, &w[0].1) < (w[1].0, &w[1].1));
        let sorted_exc = self
            .exceptions
            .windows(2)
            .all(|w| (&w[0].0, w[0].1) < (&w[1].0, w[1].1));
        let sorted_ctx = self
            .context
            .windows(2)
            .all(|w| (&w[0].0, w[0].1, w[0].2) < (&w[1].0, w[1].1, w[1].2));
        let sorted_vocab = self.vocabulary.windows(2).all(|w| w[0] < w[1]);
        if sorted_rules && sorted_exc && sorted_ctx && sorted_vocab {
            Ok(())
        } else {
            Err("lemmatizer tables are not sorted".into())
        }
    }

    fn by_rule(&self, form: &str, tag: u8) -> Option<String> {
        let lower = key_of(form);
        let len = lower.chars().count();
        let class = rule_class(form, tag);
        // the letters last to first: the reversed ending of n letters is their first n
        let reversed: String = lower.chars().rev().collect();
        for n in (0..=MAX_SUFFIX.min(len)).rev() {
            let end = prefix(&reversed, n);
            let found = self
                .rules
                .binary_search_by(|(t, e, _)| (*t, e.as_str()).cmp(&(class, end)));
            if let Some(l) = found.ok().and_then(|i| self.rules[i].2.apply(form)) {
                return Some(l);
            }
        }
        None
    }

    /// The lemma of `form` read as `upos`; `first` when it opens its sentence.
    pub(crate) fn lemma(&self, form: &str, upos: Upos, first: bool) -> String {
        self.lemma_of(form, tag_key(&plain(form), upos, first))
    }

    /// The lemma of `form` read as `upos` before a word read as `next` (`None` at the end
    /// of the sentence); `first` when it opens its sentence.
    pub(crate) fn lemma_before(
        &self,
        form: &str,
        upos: Upos,
        first: bool,
        next: Option<Upos>,
    ) -> String {
        let k = plain(form);
        let tag = tag_key(&k, upos, first);
        let next = next.map_or(END, |t| t.index() as u8);
        let found = self
            .context
            .binary_search_by(|(f, t, n, _)| (f.as_str(), *t, *n).cmp(&(k.as_str(), tag, next)));
        match found {
            Ok(i) => self.context[i].3.clone(),
            Err(_) => self.lemma_of(form, tag),
        }
    }

    /// The lemma of a form under a table tag: its exception, else the rules' guess,
    /// respelled when only a respelling is a known lemma.
    fn lemma_of(&self, form: &str, tag: u8) -> String {
        let k = plain(form);
        let found = self
            .exceptions
            .binary_search_by(|(f, t, _)| (f.as_str(), *t).cmp(&(k.as_str(), tag)));
        if let Ok(i) = found {
            return self.exceptions[i].2.clone();
        }
        let Some(guess) = self.by_rule(form, tag) else {
            return form.to_string();
        };
        let checked = Upos::from_index(usize::from(tag / 2)).is_some_and(content);
        if !checked || self.known(&guess) {
            return guess;
        }
        respellings(&guess)
            .into_iter()
            .find(|r| self.known(r))
            .unwrap_or(guess)
    }

    /// Whether `word` (any case) is a lemma of the vocabulary.
    fn known(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.vocabulary.binary_search(&lower).is_ok()
    }

    /// Number of rules and exceptions (by word and by word with its neighbour).
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.rules.len(), self.exceptions.len() + self.context.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip() {
        for (f, l) in [
            ("walks", "walk"),
            ("The", "the"),
            ("was", "be"),
            ("John", "John"),
            ("studies", "study"),
        ] {
            assert_eq!(Edit::between(f, l).apply(f).as_deref(), Some(l), "{f}");
        }
    }

    #[test]
    fn respellings_restore_e_and_doubled_letters() {
        assert!(respellings("provok").contains(&"provoke".to_string()));
        assert!(respellings("processe").contains(&"process".to_string()));
        assert!(respellings("hott").contains(&"hot".to_string()));
        assert!(respellings("smel").contains(&"smell".to_string()));
    }
}
