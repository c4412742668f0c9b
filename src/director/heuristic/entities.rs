//! Noun phrases and the entities they name: parsing "a red car", "an ice sculpture of a
//! swan", pronouns; giving each entity a stable snake_case id; resolving later mentions.

use std::collections::HashMap;

use super::kinds::kind_of;
use super::tokenize::{Token, join};
use super::words::{is_function_word, is_of, is_verb_after_noun, number};
use crate::check::limits::{MAX_COUNT, MAX_ID_CHARS};
use crate::ir::{Entity, EntityKind};
use crate::lang::{Closed, PronounKind, Upos, lexicon, regular_singular, singular};

/// Longest id before its `_n` suffix: room for a suffix of up to seven digits.
const MAX_BASE_ID_CHARS: usize = MAX_ID_CHARS - 8;

/// A parsed noun phrase.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NounPhrase {
    /// Index of the first token (the determiner, if any).
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// Adjectives and nouns before the head, lower case.
    pub modifiers: Vec<String>,
    /// Nouns of the compound, head last ("traffic", "light").
    pub nouns: Vec<String>,
    /// The pronoun, when the phrase is one.
    pub pronoun: Option<String>,
    /// Whether a possessive determiner opened it ("his hands").
    pub possessive: bool,
    /// The "of X" complement, when present.
    pub of: Option<Box<NounPhrase>>,
    /// The words as written, without a possessive determiner.
    pub text: String,
    /// How many things the phrase names when it says so ("three kittens", "a pair of
    /// herons", "twin toddlers").
    pub count: Option<u32>,
}

impl NounPhrase {
    /// The head noun, lower case (the pronoun for a pronoun).
    pub fn head(&self) -> &str {
        self.nouns
            .last()
            .or(self.pronoun.as_ref())
            .map_or("", String::as_str)
    }

    /// The phrase that names the real thing: "a row of huts" → "huts".
    pub fn referent(&self) -> &NounPhrase {
        match &self.of {
            Some(of)
                if lexicon().is_partitive(self.head())
                    || lexicon().group_size(self.head()).is_some()
                    || self.names_the_video()
                    || lexicon().is_body_part(self.head())
                    || is_style_noun(self.head()) =>
            {
                of.referent()
            }
            _ => self,
        }
    }

    /// Whether the phrase names the video or how it is made or framed ("a realistic video",
    /// "cinematic footage", "close-up low angle"), never a thing in it.
    pub fn names_the_video(&self) -> bool {
        self.pronoun.is_none() && lexicon().is_framing_noun(&self.nouns.join(" "))
    }

    /// Whether the phrase names a place rather than an entity.
    pub fn is_place(&self) -> bool {
        self.pronoun.is_none() && lexicon().is_place(self.head())
    }

    /// Whether the phrase names a body part.
    pub fn is_body_part(&self) -> bool {
        lexicon().is_body_part(self.head())
    }

    /// Whether the phrase names the air around the scene ("the air", "the wind").
    pub fn is_ambient(&self) -> bool {
        self.pronoun.is_none() && lexicon().is_ambient(self.head())
    }
}

/// Whether a noun names a look or a shot rather than a thing ("time-lapse", "close-up").
fn is_style_noun(word: &str) -> bool {
    lexicon().style(word).is_some()
}

/// Parses the noun phrase starting at token `i`, if there is one.
pub(super) fn noun_phrase(tokens: &[Token], i: usize) -> Option<NounPhrase> {
    let first = tokens.get(i)?;
    if first.punct {
        return None;
    }
    // "her" before content words is a possessive ("her red coat").
    if lexicon().is(Closed::Pronoun, first.lower.as_str())
        && !(lexicon().is(Closed::Possessive, first.lower.as_str()) && opens_content(tokens, i + 1))
    {
        return Some(NounPhrase {
            start: i,
            end: i + 1,
            modifiers: Vec::new(),
            nouns: Vec::new(),
            pronoun: Some(first.lower.clone()),
            possessive: false,
            of: None,
            text: first.text.clone(),
            count: None,
        });
    }
    let mut j = i;
    let mut possessive = false;
    let mut count = None;
    while let Some(t) = tokens.get(j) {
        let w = t.lower.as_str();
        let stated = stated_count(w);
        let owner = lexicon().is(Closed::Possessive, w);
        if lexicon().is(Closed::Determiner, w) || owner || stated.is_some() {
            possessive |= owner;
            count = stated.or(count);
            j += 1;
        } else {
            break;
        }
    }
    let content_start = j;
    // "one of them", "each of the kids": a part of a group stands for the group.
    if j > i
        && tokens.get(j).is_some_and(|t| is_of(&t.lower))
        && let Some(mut group) = noun_phrase(tokens, j + 1)
    {
        if group.pronoun.as_deref() == Some("them") {
            group.pronoun = Some("they".into());
        }
        group.start = i;
        return Some(group);
    }
    let mut words: Vec<String> = Vec::new();
    // whether a word so far can head the phrase (a noun, or a word that is no adjective),
    // kept as words are added so a long phrase is read in linear time
    let mut has_noun = false;
    while let Some(t) = tokens.get(j) {
        let w = t.lower.as_str();
        if t.punct || (is_function_word(w) && !(words.is_empty() && lexicon().is_adjective(w))) {
            break;
        }
        if let Some(head) = words.last()
            && has_noun
            && (is_verb_after_noun(tokens, j, head) || is_verb_after_name(tokens, j))
        {
            break;
        }
        if words.is_empty()
            && super::verbs::known_verb(w).is_some_and(|(_, f)| f == super::verbs::Form::Base)
            && !lexicon().is_noun(w)
            && !lexicon().is_adjective(w)
            && j == i
        {
            return None;
        }
        has_noun |=
            lexicon().is_noun(w) || (!lexicon().is_adjective(w) && !is_participle_adjective(w));
        words.push(w.to_string());
        j += 1;
    }
    if words.is_empty() || !heads_a_thing(&tokens[j - 1]) {
        return None;
    }
    // "twin toddlers", "a dozen eggs": a word before the noun that says how many.
    if words.len() > 1
        && let Some(n) = lexicon()
            .count_word(&words[0])
            .or_else(|| lexicon().group_size(&words[0]))
    {
        count = Some(n);
        words.remove(0);
    }
    // "a child's face": the owner becomes the "of" complement of "face".
    let mut owner = None;
    if let Some(p) = words
        .iter()
        .position(|w| w.ends_with("'s"))
        .filter(|&p| p + 1 < words.len())
    {
        let owned: Vec<String> = words[..=p]
            .iter()
            .map(|w| w.trim_end_matches("'s").to_string())
            .collect();
        let head = owned.last().cloned().unwrap_or_default();
        owner = Some(Box::new(NounPhrase {
            start: i,
            end: content_start + p + 1,
            modifiers: owned[..owned.len() - 1].to_vec(),
            nouns: vec![head],
            pronoun: None,
            possessive: false,
            of: None,
            text: format!("a {}", owned.join(" ")),
            count: None,
        }));
        words.drain(..=p);
    }
    // Split modifiers from the noun compound: trailing words that are not adjectives.
    let mut split = words.len() - 1;
    while split > 0
        && !lexicon().is_adjective(&words[split - 1])
        && !is_participle_adjective(&words[split - 1])
    {
        split -= 1;
    }
    let nouns = words[split..].to_vec();
    let modifiers = words[..split].to_vec();
    let mut end = j;
    let mut of = owner;
    if tokens.get(j).is_some_and(|t| is_of(&t.lower))
        && let Some(mut inner) = noun_phrase(tokens, j + 1)
    {
        end = inner.end;
        // "a pair of herons": the group's size is how many herons there are.
        if let Some(size) = nouns.last().and_then(|n| lexicon().group_size(n)) {
            inner.count = inner.count.or(Some(size));
        }
        of = Some(Box::new(inner));
    }
    let text_start = if possessive { content_start } else { i };
    Some(NounPhrase {
        start: i,
        end,
        modifiers,
        nouns,
        pronoun: None,
        possessive,
        of,
        text: join(&tokens[text_start..end]),
        count,
    })
}

/// Whether the last content word of a phrase can name a thing: not a time noun ("hours
/// later", "that winter") and, unless the lexicon lists it as a noun, not tagged by the
/// language layer as a word class that never heads a noun phrase (so "however", "although"
/// or "halfway" name nothing), nor as a graded adjective ("smallest", lemma "small"). A
/// plain adjective tag is not enough: the tagger calls unfamiliar nouns adjectives.
fn heads_a_thing(head: &Token) -> bool {
    let word = head.lower.as_str();
    let never_a_head = match head.upos {
        Upos::Adv | Upos::Sconj | Upos::Cconj | Upos::Adp => true,
        Upos::Adj => head.lemma != word,
        _ => false,
    };
    !lexicon().is_time_noun(word) && (lexicon().is_noun(word) || !never_a_head)
}

/// Whether the lower-case word at `i` is the verb of the name just before it ("Nadia
/// tied", "Hugo decided"): the tagger calls the word a verb and the name a proper noun
/// that is no verb itself (so a sentence-initial "Pan left" is not read as a name).
fn is_verb_after_name(tokens: &[Token], i: usize) -> bool {
    let (Some(name), Some(word)) = (i.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(i))
    else {
        return false;
    };
    word.upos == Upos::Verb
        && word.text.starts_with(|c: char| c.is_lowercase())
        && name.upos == Upos::Propn
        && name.text.starts_with(|c: char| c.is_uppercase())
        && super::verbs::known_verb(&name.lower).is_none()
}

/// How many things a word before a noun says there are: a whole number word or numeral
/// ("three", "4") or a count word ("several", "both").
fn stated_count(word: &str) -> Option<u32> {
    let n = number(word).filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX));
    // the value is whole and in range, so the cast is exact
    n.map(|n| n as u32).or_else(|| lexicon().count_word(word))
}

/// Whether content words follow at `i` (so "her" there is a possessive).
fn opens_content(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        !t.punct
            && !is_function_word(&t.lower)
            && super::verbs::known_verb(&t.lower)
                .is_none_or(|_| lexicon().is_noun(&t.lower) || lexicon().is_adjective(&t.lower))
    })
}

/// "-ing"/"-ed" words used as adjectives before a noun ("a steaming cup", "a frozen lake").
fn is_participle_adjective(word: &str) -> bool {
    (word.ends_with("ing") || word.ends_with("ed")) && !lexicon().is_noun(word)
}

/// The entities of one storyboard, with their mention history for pronouns. Lookups by id
/// and head noun go through maps, so a prompt naming many entities is read in linear time.
#[derive(Debug, Default)]
pub(super) struct Registry {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// Per head noun, the index of the last entity with it.
    last_with_head: HashMap<String, usize>,
    /// The kind of every entity, by id.
    kinds: HashMap<String, EntityKind>,
    /// Per id made from a noun phrase, the next `_n` suffix to try for a second entity.
    suffixes: HashMap<String, usize>,
    /// Entity ids that were clause subjects, most recent last.
    subjects: Vec<String>,
    /// Entity ids mentioned anywhere, most recent last.
    mentions: Vec<String>,
    /// The last clause subject made of several entities ("a man and his dog").
    group: Option<Vec<String>>,
    /// The entity the last placing verb moved, which a later object "it" names ("lifts a
    /// gear off the belt and drops it into a bin").
    pub moved: Option<String>,
}

impl Registry {
    /// The entity a noun phrase names: an existing one for a later mention, else a new one.
    /// Pronouns resolve to the last fitting subject (`as_subject`) or mention. Places, body
    /// parts and, outside the subject, the air around the scene name no entity.
    pub fn resolve(&mut self, np: &NounPhrase, as_subject: bool) -> Option<String> {
        let np = np.referent();
        if let Some(p) = &np.pronoun {
            return self.pronoun(p, as_subject);
        }
        if (!as_subject && (np.is_place() || np.is_body_part() || np.is_ambient()))
            || np.head().is_empty()
            || np.names_the_video()
        {
            return None;
        }
        let (head, existing) = self.existing(np);
        let id = match existing {
            Some(k) => self.entities[k].id.clone(),
            None => self.create(np, &head),
        };
        self.note(&id, as_subject);
        Some(id)
    }

    /// Whether a noun phrase (not a pronoun) names an entity already registered.
    pub fn knows(&self, np: &NounPhrase) -> bool {
        self.existing(np.referent()).1.is_some()
    }

    /// The head noun an entity of `np` (its referent) is filed under, and the index of the
    /// registered entity it names, if any.
    fn existing(&self, np: &NounPhrase) -> (String, Option<usize>) {
        let counted = instances(np) > 1;
        let head = if counted {
            singular(np.head())
        } else {
            singular_head(np.head())
        };
        let indefinite =
            np.text.to_lowercase().starts_with("a ") || np.text.to_lowercase().starts_with("an ");
        // "the kittens" after "three kittens" names the one entity of three
        let same_head = self
            .last_with_head
            .get(&head)
            .or_else(|| self.last_with_head.get(&singular(np.head())));
        let existing = same_head.copied().filter(|&k| {
            // "a blue cube" after "a red cube" is a second cube.
            let e = &self.entities[k];
            !(indefinite
                && np.modifiers.iter().any(|m| {
                    lexicon().is_state_word(m.as_str()) && !e.description.contains(m.as_str())
                }))
        });
        (head, existing)
    }

    /// Records that `id` was mentioned (as a subject or not). A mention right after one of
    /// the same entity adds nothing to the history: every search of it looks for the most
    /// recent fitting id, so the histories stay as long as the changes of entity, and a
    /// prompt that names one entity over and over is read in linear time.
    pub fn note(&mut self, id: &str, as_subject: bool) {
        for history in [
            Some(&mut self.mentions),
            as_subject.then_some(&mut self.subjects),
        ]
        .into_iter()
        .flatten()
        {
            if history.last().is_none_or(|last| last != id) {
                history.push(id.to_string());
            }
        }
    }

    /// Remembers a subject made of several entities, for a later "they".
    pub fn set_group(&mut self, ids: Vec<String>) {
        self.group = Some(ids);
    }

    /// What "they" as a subject names: the last group subject, else the last two distinct
    /// animate entities mentioned ("she … a boy … they laugh"), when there are two.
    pub fn group_for_they(&self) -> Option<Vec<String>> {
        if let Some(g) = &self.group {
            return Some(g.clone());
        }
        let mut found: Vec<String> = Vec::new();
        for id in self.mentions.iter().rev() {
            let animate = matches!(
                self.kind(id),
                Some(EntityKind::Character | EntityKind::Animal)
            );
            if animate && !found.contains(id) {
                found.push(id.clone());
                if found.len() == 2 {
                    found.reverse();
                    return Some(found);
                }
            }
        }
        None
    }

    /// The kind of the entity `id`.
    pub fn kind(&self, id: &str) -> Option<EntityKind> {
        self.kinds.get(id).copied()
    }

    /// The last entity that was a subject, if any.
    pub fn last_subject(&self) -> Option<String> {
        self.subjects.last().cloned()
    }

    fn pronoun(&mut self, p: &str, as_subject: bool) -> Option<String> {
        let pronoun = lexicon().pronoun_kind(p);
        let fits = |id: &String| {
            let kind = self.kind(id);
            match pronoun {
                Some(PronounKind::Person) => kind == Some(EntityKind::Character),
                Some(PronounKind::Thing) => match kind {
                    Some(EntityKind::Crowd) => false,
                    Some(EntityKind::Character) => {
                        id_head(id).is_some_and(|h| lexicon().is_it_character(h))
                    }
                    _ => true,
                },
                _ => true,
            }
        };
        // With nothing better, "he" may be an animal or a thing and "it" a character ("the
        // ghost glows, then it fades away").
        let loose = |id: &String| {
            let kind = self.kind(id);
            match pronoun {
                Some(PronounKind::Person) => {
                    matches!(kind, Some(EntityKind::Object | EntityKind::Animal))
                }
                Some(PronounKind::Thing) => kind == Some(EntityKind::Character),
                _ => false,
            }
        };
        let found = if as_subject {
            self.subjects
                .iter()
                .rev()
                .find(|id| fits(id))
                .or_else(|| self.mentions.iter().rev().find(|id| fits(id)))
                .or_else(|| self.subjects.iter().rev().find(|id| loose(id)))
        } else {
            // An object pronoun names something other than the current subject.
            let current = self.subjects.last();
            self.mentions
                .iter()
                .rev()
                .find(|id| Some(*id) != current && fits(id))
                .or_else(|| self.mentions.iter().rev().find(|id| fits(id)))
        }
        .cloned();
        if let Some(id) = &found {
            self.note(id, as_subject);
        }
        found
    }

    fn create(&mut self, np: &NounPhrase, head: &str) -> String {
        let skip = np.nouns.len().saturating_sub(3);
        let mut base: Vec<String> = np
            .nouns
            .iter()
            .skip(skip)
            .map(|n| slug(n))
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(last) = base.last_mut() {
            *last = slug(head);
        }
        let mut id = base.join("_");
        if id.is_empty() {
            id = "thing".into();
        }
        if self.kinds.contains_key(&id)
            && let Some(adj) = np.modifiers.iter().rev().find(|m| {
                lexicon().is_state_word(m.as_str()) || lexicon().is_listed_adjective(m.as_str())
            })
        {
            id = format!("{}_{id}", slug(adj));
        }
        let id = within_id_limit(&id);
        let mut unique = id.clone();
        // the suffix search starts where the last one for this id ended
        let n = self.suffixes.entry(id.clone()).or_insert(2);
        while self.kinds.contains_key(&unique) {
            unique = format!("{id}_{n}");
            *n += 1;
        }
        let kind = np
            .nouns
            .iter()
            .last()
            .and_then(|n| kind_of(n).or_else(|| person_by_suffix(n)))
            .unwrap_or(if np.is_body_part() {
                EntityKind::Character
            } else if np.is_place() {
                EntityKind::Structure
            } else {
                EntityKind::Object
            });
        self.kinds.insert(unique.clone(), kind);
        self.last_with_head
            .insert(head.to_string(), self.entities.len());
        let count = instances(np);
        self.entities.push(Entity {
            id: unique.clone(),
            kind,
            description: description(np, (count > 1).then_some(head)),
            count,
        });
        unique
    }
}

/// `id` cut to leave room for a `_n` suffix under the checker's id limit, at a `_` when one
/// is near enough so long made-up words do not end mid-word more than needed.
fn within_id_limit(id: &str) -> String {
    if id.chars().count() <= MAX_BASE_ID_CHARS {
        return id.to_string();
    }
    let cut: String = id.chars().take(MAX_BASE_ID_CHARS).collect();
    match cut.rfind('_') {
        Some(at) if at > 0 => cut[..at].to_string(),
        _ => cut,
    }
}

/// Nouns for people by their suffix ("carrier", "violinist", "sailor"), when not listed.
fn person_by_suffix(word: &str) -> Option<EntityKind> {
    let w = regular_singular(word)
        .filter(|s| s.len() > 3)
        .unwrap_or_else(|| word.to_string());
    lexicon()
        .has_agent_suffix(&w)
        .then_some(EntityKind::Character)
}

/// The noun an id ends with, before any number suffix ("tin_robot_2" → "robot").
fn id_head(id: &str) -> Option<&str> {
    id.rsplit('_')
        .find(|part| !part.is_empty() && !part.bytes().all(|b| b.is_ascii_digit()))
}

/// A snake_case identifier fragment from a word.
fn slug(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// The head noun in singular form when that form is a known noun.
fn singular_head(head: &str) -> String {
    match regular_singular(head) {
        Some(s) if lexicon().is_noun(&s) && !lexicon().is_noun(head) => s,
        _ => head.to_string(),
    }
}

/// How many instances of one description a noun phrase names: its stated count when that
/// is two or more and within the checker's limit, else one (a larger number is a crowd the
/// description names as a whole: "a hundred lanterns").
fn instances(np: &NounPhrase) -> u32 {
    np.count
        .filter(|n| (2..=MAX_COUNT).contains(n))
        .unwrap_or(1)
}

/// The entity description: the phrase with an indefinite article. For a counted entity
/// (`one`: its head in the singular) it describes one of them: "three red kites" → "a red
/// kite".
fn description(np: &NounPhrase, one: Option<&str>) -> String {
    let mut words: Vec<&str> = np.text.split(' ').collect();
    let starts_with_det = words
        .first()
        .is_some_and(|w| lexicon().is(Closed::Determiner, w.to_lowercase().as_str()));
    if starts_with_det {
        words.remove(0);
    }
    if let Some(one) = one {
        let lex = lexicon();
        let counting = |w: &str| {
            let w = w.to_lowercase();
            lex.is(Closed::Determiner, w.as_str())
                || stated_count(&w).is_some()
                || lex.group_size(&w).is_some()
        };
        let start = words.iter().take_while(|w| counting(w)).count();
        let mut rest: Vec<String> = words[start..].iter().map(|w| w.to_lowercase()).collect();
        if let Some(head) = rest.iter_mut().find(|w| w.as_str() == np.head()) {
            *head = one.to_string();
        }
        return with_article(&rest.join(" "));
    }
    let rest = words.join(" ");
    let rest_lower = rest.to_lowercase();
    if super::words::is_plural(np.head()) {
        rest_lower
    } else {
        with_article(&rest_lower)
    }
}

/// `text` after the indefinite article that fits it.
fn with_article(text: &str) -> String {
    let article = if text.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {text}")
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn np(text: &str) -> NounPhrase {
        let t = tokenize(text);
        noun_phrase(&t, 0).unwrap_or_else(|| panic!("no noun phrase in {text}"))
    }

    #[test]
    fn time_nouns_and_non_nouns_head_no_phrase() {
        let t = tokenize("Hours later they met that winter.");
        assert!(noun_phrase(&t, 0).is_none());
        assert!(noun_phrase(&t, 4).is_none());
        let t = tokenize("However, the smallest stayed.");
        assert!(noun_phrase(&t, 0).is_none());
        assert!(noun_phrase(&t, 2).is_none());
        // An unfamiliar noun the tagger calls an adjective still heads its phrase.
        assert_eq!(np("A snowman melts.").nouns, ["snowman"]);
    }

    #[test]
    fn a_name_stops_before_its_verb() {
        assert_eq!(np("Nadia tied the rope").nouns, ["nadia"]);
        let t = tokenize("Then Hugo decided to stay");
        assert_eq!(
            noun_phrase(&t, 1).map(|p| p.nouns),
            Some(vec!["hugo".into()])
        );
    }

    #[test]
    fn noun_phrase_stops_at_the_verb() {
        let p = np("A panda bear walks from left to right");
        assert_eq!(p.nouns, ["panda", "bear"]);
        assert_eq!(p.end, 3);
        let p = np("A green apple slowly ripens");
        assert_eq!(p.modifiers, ["green"]);
        assert_eq!(p.head(), "apple");
    }

    #[test]
    fn of_complements_name_the_referent() {
        let p = np("a row of colorful beach huts");
        assert_eq!(p.referent().head(), "huts");
        let p = np("an ice sculpture of a swan melts");
        assert_eq!(p.referent().nouns, ["ice", "sculpture"]);
    }

    #[test]
    fn ids_are_snake_case_and_unique() {
        let mut r = Registry::default();
        assert_eq!(r.resolve(&np("a red cube"), false).as_deref(), Some("cube"));
        assert_eq!(
            r.resolve(&np("a blue cube"), false).as_deref(),
            Some("blue_cube")
        );
        assert_eq!(
            r.resolve(&np("the traffic light"), true).as_deref(),
            Some("traffic_light")
        );
        assert_eq!(
            r.resolve(&np("the cube"), false).as_deref(),
            Some("blue_cube")
        );
    }

    #[test]
    fn pronouns_resolve_to_the_last_fitting_subject() {
        let mut r = Registry::default();
        r.resolve(&np("a man"), true);
        r.resolve(&np("a dog"), true);
        assert_eq!(r.resolve(&np("he"), true).as_deref(), Some("man"));
        assert_eq!(r.resolve(&np("it"), true).as_deref(), Some("dog"));
        r.resolve(&np("a ball"), false);
        assert_eq!(r.resolve(&np("it"), false).as_deref(), Some("ball"));
    }

    #[test]
    fn possessives_name_the_owner_of_a_body_part() {
        let p = np("a child's face");
        assert_eq!(p.referent().head(), "child");
        let mut r = Registry::default();
        assert_eq!(r.resolve(&p, false).as_deref(), Some("child"));
    }

    #[test]
    fn they_names_the_last_group() {
        let mut r = Registry::default();
        let man = r.resolve(&np("a man"), true);
        let dog = r.resolve(&np("his dog"), true);
        assert_eq!(r.group_for_they(), man.zip(dog).map(|(m, d)| vec![m, d]));
        r.set_group(vec!["x".into(), "y".into()]);
        assert_eq!(r.group_for_they(), Some(vec!["x".into(), "y".into()]));
    }

    #[test]
    fn stated_counts_make_one_entity_of_several_instances() {
        let mut r = Registry::default();
        for (text, id, n) in [
            ("three red kites", "kite", 3),
            ("a pair of herons", "heron", 2),
            ("twin toddlers", "toddler", 2),
            ("the two children", "child", 2),
        ] {
            assert_eq!(r.resolve(&np(text), true).as_deref(), Some(id), "{text}");
            let e = r.entities.last().map(|e| (e.description.as_str(), e.count));
            assert_eq!(e.map(|e| e.1), Some(n), "{text}");
        }
        assert_eq!(r.entities[0].description, "a red kite");
        assert_eq!(r.entities[2].description, "a toddler");
        // a later mention in the plural names the same entity; a count past the limit is a
        // crowd under one description
        assert_eq!(r.resolve(&np("the kites"), true).as_deref(), Some("kite"));
        r.resolve(&np("forty lanterns"), true);
        assert_eq!(r.entities.last().map(|e| e.count), Some(1));
    }

    #[test]
    fn unlisted_people_nouns_are_characters_by_suffix() {
        let mut r = Registry::default();
        r.resolve(&np("a tired mail carrier"), true);
        assert_eq!(r.entities[0].kind, EntityKind::Character);
    }

    #[test]
    fn places_and_owned_body_parts_are_not_entities() {
        let mut r = Registry::default();
        assert_eq!(r.resolve(&np("a kitchen"), false), None);
        assert_eq!(r.resolve(&np("his hands"), false), None);
        assert!(r.entities.is_empty());
    }

    #[test]
    fn the_air_around_the_scene_is_an_entity_only_as_a_subject() {
        let mut r = Registry::default();
        assert_eq!(r.resolve(&np("the air"), false), None);
        assert_eq!(r.resolve(&np("the wind"), false), None);
        assert!(r.entities.is_empty());
        assert_eq!(r.resolve(&np("the wind"), true), Some("wind".to_string()));
    }
}
