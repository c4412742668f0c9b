//! The one lexicon every stage shares: word lists with features (see `lexicon/README.md` for
//! their origin), parsed once on first use. Noun classes (character, animal, vehicle…),
//! settings, body parts, garments, appearance states, adjectives, verbs, the closed word
//! classes (determiners, pronouns, prepositions…), number words and style keywords.

use std::sync::LazyLock;

// The word tables hash with FNV-1a ([`super::fast_hash`]): std's maps, a faster hasher.
use super::fast_hash::{WordMap as HashMap, WordSet as HashSet};
use super::upos::Upos;
use super::verb_forms::{VerbForm, verb_form};

mod absence_words;
mod article_words;
mod camera_words;
mod change_words;
mod clause_words;
mod duration_words;
mod framing_words;
mod name_words;
mod phrase_words;
mod place_words;
mod pronoun_words;
mod setting_words;
mod style_words;
mod time_words;

pub use camera_words::{
    CameraContext, CameraMotion, CameraReading, DirectionWord, Heading, MoveCondition, Pace,
    ShotSize, ViewAngle,
};
pub use clause_words::{
    Coordination, CueRole, CutCue, PhraseRole, ShotChange, Subordinator, TimeRelation,
};
pub use duration_words::DurationScope;
pub use phrase_words::{DeterminerKind, SubjectLead};
pub use place_words::{PathWord, RelationWord};
pub use pronoun_words::PronounKind;
pub use setting_words::SettingWord;

/// The class of a listed noun: what sort of thing it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NounClass {
    /// A person, a robot, a creature that acts like one.
    Character,
    /// An animal.
    Animal,
    /// A vehicle.
    Vehicle,
    /// A building or other structure.
    Structure,
    /// A visual effect (smoke, fire, light).
    Effect,
    /// A crowd or group.
    Crowd,
    /// Any other object.
    Object,
}

/// A closed word class: a short, fixed list of function words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Closed {
    /// Determiners and possessives that open a noun phrase ("a", "the", "their").
    Determiner,
    /// Possessive determiners ("his", "her", "its").
    Possessive,
    /// Personal pronouns that stand for an entity ("he", "it", "them").
    Pronoun,
    /// Prepositions and verb particles ("from", "onto", "away").
    Preposition,
    /// Words that join clauses ("and", "then", "while").
    Conjunction,
    /// Auxiliary verb forms ("is", "will", "did").
    Auxiliary,
    /// Adverbs without the -ly ending ("then", "still", "fast").
    Adverb,
}

/// Every word list, parsed. Get it with [`lexicon`].
#[derive(Debug)]
pub struct Lexicon {
    verbs: HashSet<&'static str>,
    irregular: HashMap<&'static str, &'static str>,
    nouns: HashMap<&'static str, NounClass>,
    places: HashSet<&'static str>,
    body_parts: HashSet<&'static str>,
    ambient: HashSet<&'static str>,
    partitives: HashSet<&'static str>,
    states: HashSet<&'static str>,
    adjectives: HashSet<&'static str>,
    garments: HashSet<&'static str>,
    styles: Vec<(&'static str, &'static str)>,
    closed: HashMap<Closed, HashSet<&'static str>>,
    /// Every word of every closed class (one lookup for [`Lexicon::is_closed`]).
    any_closed: HashSet<&'static str>,
    numbers: Vec<&'static str>,
    /// Each number word's value: its first place in `numbers`.
    number_values: HashMap<&'static str, u32>,
    ly_adjectives: HashSet<&'static str>,
    irregular_plurals: HashSet<&'static str>,
    adjective_suffixes: Vec<&'static str>,
    compound_adjective_ends: Vec<&'static str>,
    locomotion_verbs: HashSet<&'static str>,
    results: Vec<ResultVerb>,
    place_prepositions: HashSet<&'static str>,
    group_nouns: HashMap<&'static str, u32>,
    count_words: HashMap<&'static str, u32>,
}

/// A verb whose last frame shows a result ("stop" → "stopped"), from `result_verbs.txt`.
#[derive(Debug, Clone, Copy)]
struct ResultVerb {
    verb: &'static str,
    start: Option<&'static str>,
    end: &'static str,
}

/// The lines of a list: trimmed, without blanks and `#` comments.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The `word<TAB>value` lines of `text` whose value (trimmed) `parse` reads; lines without
/// a tab or with a value `parse` rejects are skipped.
fn pairs<T>(
    text: &'static str,
    parse: impl Fn(&'static str) -> Option<T>,
) -> impl Iterator<Item = (&'static str, T)> {
    lines(text)
        .filter_map(|l| l.split_once('\t'))
        .filter_map(move |(word, value)| Some((word, parse(value.trim())?)))
}

/// A `word<TAB>number` list as a map; lines without a number are skipped.
fn counts<M: FromIterator<(&'static str, u32)>>(text: &'static str) -> M {
    pairs(text, |n| n.parse().ok()).collect()
}

/// A list as a set (any set type: the word tables' or std's).
fn set<S: FromIterator<&'static str>>(text: &'static str) -> S {
    lines(text).collect()
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut nouns = HashMap::default();
    // Later lists win: specific classes are inserted after the generic object list.
    for (text, class) in [
        (include_str!("lexicon/objects.txt"), NounClass::Object),
        (include_str!("lexicon/structures.txt"), NounClass::Structure),
        (include_str!("lexicon/effects.txt"), NounClass::Effect),
        (include_str!("lexicon/vehicles.txt"), NounClass::Vehicle),
        (include_str!("lexicon/crowds.txt"), NounClass::Crowd),
        (include_str!("lexicon/animals.txt"), NounClass::Animal),
        (include_str!("lexicon/characters.txt"), NounClass::Character),
    ] {
        for word in lines(text) {
            nouns.insert(word, class);
        }
    }
    let irregular: HashMap<&'static str, &'static str> =
        lines(include_str!("lexicon/irregular_verbs.txt"))
            .filter_map(|l| l.split_once(char::is_whitespace))
            .map(|(form, base)| (form, base.trim()))
            .collect();
    let mut verbs: HashSet<&'static str> = set(include_str!("lexicon/verbs.txt"));
    verbs.extend(irregular.values().copied());
    verbs.extend(time_words::verbs());
    let closed = [
        (Closed::Determiner, include_str!("lexicon/determiners.txt")),
        (Closed::Possessive, include_str!("lexicon/possessives.txt")),
        (Closed::Pronoun, include_str!("lexicon/pronouns.txt")),
        (
            Closed::Preposition,
            include_str!("lexicon/prepositions.txt"),
        ),
        (
            Closed::Conjunction,
            include_str!("lexicon/conjunctions.txt"),
        ),
        (Closed::Auxiliary, include_str!("lexicon/auxiliaries.txt")),
        (Closed::Adverb, include_str!("lexicon/adverbs.txt")),
    ]
    .into_iter()
    .map(|(class, text)| (class, set(text)))
    .collect::<HashMap<Closed, HashSet<&'static str>>>();
    let any_closed = closed.values().flatten().copied().collect();
    let numbers: Vec<&'static str> = lines(include_str!("lexicon/numbers.txt")).collect();
    let mut number_values = HashMap::default();
    for (i, word) in numbers.iter().enumerate() {
        if let Ok(value) = u32::try_from(i) {
            number_values.entry(*word).or_insert(value);
        }
    }
    Lexicon {
        verbs,
        irregular,
        nouns,
        places: set(include_str!("lexicon/places.txt")),
        body_parts: set(include_str!("lexicon/body_parts.txt")),
        ambient: set(include_str!("lexicon/ambient.txt")),
        partitives: set(include_str!("lexicon/partitives.txt")),
        states: set(include_str!("lexicon/states.txt")),
        adjectives: set(include_str!("lexicon/adjectives.txt")),
        garments: set(include_str!("lexicon/garments.txt")),
        styles: lines(include_str!("lexicon/styles.txt"))
            .filter_map(|l| l.split_once('\t'))
            .collect(),
        closed,
        any_closed,
        numbers,
        number_values,
        ly_adjectives: set(include_str!("lexicon/ly_adjectives.txt")),
        irregular_plurals: set(include_str!("lexicon/irregular_plurals.txt")),
        adjective_suffixes: lines(include_str!("lexicon/adjective_suffixes.txt")).collect(),
        compound_adjective_ends: lines(include_str!("lexicon/compound_adjective_ends.txt"))
            .collect(),
        locomotion_verbs: set(include_str!("lexicon/locomotion_verbs.txt")),
        results: lines(include_str!("lexicon/result_verbs.txt"))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let (verb, start, end) = (cols.next()?, cols.next()?, cols.next()?);
                Some(ResultVerb {
                    verb,
                    start: (start != "-").then_some(start),
                    end,
                })
            })
            .collect(),
        place_prepositions: set(include_str!("lexicon/place_prepositions.txt")),
        group_nouns: counts(include_str!("lexicon/group_nouns.txt")),
        count_words: counts(include_str!("lexicon/count_words.txt")),
    }
});

/// The shared lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

impl Lexicon {
    /// The class of the noun `word` (singular or regular plural), if listed.
    pub fn noun_class(&self, word: &str) -> Option<NounClass> {
        self.nouns
            .get(word)
            .or_else(|| regular_singular(word).and_then(|s| self.nouns.get(s.as_str())))
            .copied()
    }

    /// Whether `word` (or its regular singular) names a setting ("field", "kitchens").
    pub fn is_place(&self, word: &str) -> bool {
        self.places.contains(word)
            || regular_singular(word).is_some_and(|s| self.places.contains(s.as_str()))
    }

    /// Whether `word` is a listed noun of any sort.
    pub fn is_noun(&self, word: &str) -> bool {
        self.noun_class(word).is_some()
            || self.is_place(word)
            || self.body_parts.contains(word)
            || self.ambient.contains(word)
    }

    /// Whether `word` names a body part (it belongs to an entity, never becomes one).
    pub fn is_body_part(&self, word: &str) -> bool {
        self.body_parts.contains(word)
    }

    /// Whether `word` names the air around a scene (air, wind): an entity only as a subject.
    pub fn is_ambient(&self, word: &str) -> bool {
        self.ambient.contains(word)
    }

    /// Whether `word`'s "of X" names the real thing ("a row of huts", "a close-up of a cup").
    pub fn is_partitive(&self, word: &str) -> bool {
        self.partitives.contains(word)
    }

    /// Whether `word` describes an appearance state (colours, day/night, ripe…).
    pub fn is_state_word(&self, word: &str) -> bool {
        self.states.contains(word)
    }

    /// Whether `word` is on the list of other common adjectives.
    pub fn is_listed_adjective(&self, word: &str) -> bool {
        self.adjectives.contains(word)
    }

    /// Whether `word` (or its regular singular) is a garment ("in a red coat" describes its wearer).
    pub fn is_garment(&self, word: &str) -> bool {
        self.garments.contains(word)
            || regular_singular(word).is_some_and(|s| self.garments.contains(s.as_str()))
    }

    /// Whether `word` is a known verb base form.
    pub fn is_verb(&self, word: &str) -> bool {
        self.verbs.contains(word)
    }

    /// The base form of the irregular verb form `word` ("ran" → "run"), if listed.
    pub fn irregular_base(&self, word: &str) -> Option<&'static str> {
        self.irregular.get(word).copied()
    }

    /// Whether `word` belongs to the closed class `class`.
    pub fn is(&self, class: Closed, word: &str) -> bool {
        self.closed.get(&class).is_some_and(|s| s.contains(word))
    }

    /// Whether `word` belongs to any closed class.
    pub fn is_closed(&self, word: &str) -> bool {
        self.any_closed.contains(word)
    }

    /// The value of a number word ("three" → 3), if listed.
    pub fn number_word(&self, word: &str) -> Option<u32> {
        self.number_values.get(word).copied()
    }

    /// Whether `word`, ending in -ly, is an adjective or noun rather than an adverb.
    pub fn is_ly_adjective(&self, word: &str) -> bool {
        self.ly_adjectives.contains(word)
    }

    /// Whether `word` is a plural without a regular -s ending (or the same in both numbers).
    pub fn is_irregular_plural(&self, word: &str) -> bool {
        self.irregular_plurals.contains(word)
    }

    /// The style phrase of a style keyword ("noir" → "film noir, high-contrast …"), if listed.
    pub fn style(&self, word: &str) -> Option<&'static str> {
        self.styles
            .iter()
            .find(|(k, _)| *k == word)
            .map(|(_, s)| *s)
    }

    /// The parts of speech `word` (lower case) can take when the lexicon lists it in one open
    /// class only: a noun that is no verb form → noun or name; an inflected verb form that is no
    /// noun → verb (a past form also adjective). A base verb form is a verb too, except after a
    /// determiner, adjective, number or pronoun (`after_modifier`: "a walk", "his dance"),
    /// and a gerund is left open ("the dancing"). `None` when the lexicon leaves it open.
    pub fn allowed_tags(&self, word: &str, after_modifier: bool) -> Option<&'static [Upos]> {
        if self.is_closed(word) {
            return None;
        }
        let noun = self.is_noun(word) || self.is_garment(word);
        let adjective = self.adjectives.contains(word) || self.states.contains(word);
        let verb = verb_form(word).map(|(_, form)| form);
        match (noun, adjective, verb) {
            (true, false, None) => Some(&[Upos::Noun, Upos::Propn]),
            (false, false, Some(VerbForm::ThirdPerson)) => Some(&[Upos::Verb, Upos::Aux]),
            (false, false, Some(VerbForm::Past)) => Some(&[Upos::Verb, Upos::Aux, Upos::Adj]),
            (false, false, Some(VerbForm::Base)) if !after_modifier => {
                Some(&[Upos::Verb, Upos::Aux])
            }
            _ => None,
        }
    }

    /// Whether the verb (lemma, possibly with a particle) moves its entity across the frame
    /// even when no placement says so ("walk", "drift").
    pub fn is_locomotion_verb(&self, verb: &str) -> bool {
        self.locomotion_verbs.contains(verb)
    }

    /// For a verb whose last frame shows a result: the wording of its first frame when
    /// "starting to …" reads badly ("slowing to a stop"), and of its result ("stopped").
    pub fn result_of(&self, verb: &str) -> Option<(Option<&'static str>, &'static str)> {
        self.results
            .iter()
            .find(|r| r.verb == verb)
            .map(|r| (r.start, r.end))
    }

    /// Whether `word` opens a place phrase ("in", "under", "beside").
    pub fn is_place_preposition(&self, word: &str) -> bool {
        self.place_prepositions.contains(word)
    }

    /// The word for the number `n` ("three"), if the number list reaches it.
    pub fn number_name(&self, n: u32) -> Option<&'static str> {
        self.numbers.get(usize::try_from(n).ok()?).copied()
    }

    /// How many a group noun names ("pair" → 2, "trio" → 3): its "of X" is X that many times.
    pub fn group_size(&self, word: &str) -> Option<u32> {
        self.group_nouns.get(word).copied()
    }

    /// How many a word before a plural noun says there are, besides number words ("twin" →
    /// 2, "several" → 3).
    pub fn count_word(&self, word: &str) -> Option<u32> {
        self.count_words.get(word).copied()
    }

    /// Every word the lists hold (nouns, adjectives, verb bases, closed classes, numbers …),
    /// for spelling correction.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.nouns
            .keys()
            .chain(&self.places)
            .chain(&self.body_parts)
            .chain(&self.ambient)
            .chain(&self.garments)
            .chain(&self.states)
            .chain(&self.adjectives)
            .chain(&self.verbs)
            .chain(self.closed.values().flatten())
            .chain(&self.numbers)
            .copied()
    }

    /// The base forms of the listed verbs.
    pub fn verb_bases(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.verbs.iter().copied()
    }

    /// The listed nouns that name things (every entity class), in the singular.
    pub fn nouns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.nouns.keys().copied()
    }

    /// Whether `word` is an adjective (listed, a state word, or by its suffix).
    pub fn is_adjective(&self, word: &str) -> bool {
        self.adjectives.contains(word)
            || self.states.contains(word)
            || self
                .adjective_suffixes
                .iter()
                .any(|s| word.len() > s.len() + 3 && word.ends_with(s) && !self.is_noun(word))
            || (word.len() > 4
                && word.ends_with('y')
                && !word.ends_with("ey")
                && !self.is_noun(word)
                && !self.verbs.contains(word))
            || word.contains('-')
                && self
                    .compound_adjective_ends
                    .iter()
                    .any(|end| word.ends_with(end))
    }
}

/// The singular of a regular English plural, if `word` looks like one ("berries" → "berry");
/// `None` for words too short or shaped like singulars ("glass", "bus").
pub fn regular_singular(word: &str) -> Option<String> {
    if word.len() < 4 || word.ends_with("ss") || word.ends_with("us") {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("ves") {
        return Some(format!("{stem}f"));
    }
    for end in ["ches", "shes", "xes", "sses", "oes"] {
        if word.ends_with(end) {
            return Some(word[..word.len() - 2].to_string());
        }
    }
    word.strip_suffix('s').map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_and_is_not_empty() {
        let lex = lexicon();
        assert!(lex.verbs.len() > 300);
        assert!(lex.irregular.len() > 100);
        assert!(lex.nouns.len() > 300);
        assert!(!lex.places.is_empty() && !lex.body_parts.is_empty() && !lex.ambient.is_empty());
        assert!(!lex.partitives.is_empty() && !lex.states.is_empty());
        assert!(lex.is_garment("raincoat"));
        assert_eq!(lex.group_size("trio"), Some(3));
        assert_eq!(lex.count_word("twin"), Some(2));
        assert!(lex.styles.len() > 20);
        assert_eq!(lex.irregular_base("ran"), Some("run"));
        for class in [
            Closed::Determiner,
            Closed::Possessive,
            Closed::Pronoun,
            Closed::Preposition,
            Closed::Conjunction,
            Closed::Auxiliary,
            Closed::Adverb,
        ] {
            assert!(
                lex.closed.get(&class).is_some_and(|s| s.len() > 5),
                "{class:?}"
            );
        }
    }

    #[test]
    fn classes_come_from_the_most_specific_list() {
        let lex = lexicon();
        assert_eq!(lex.noun_class("panda"), Some(NounClass::Animal));
        assert_eq!(lex.noun_class("robots"), Some(NounClass::Character));
        assert_eq!(lex.noun_class("boat"), Some(NounClass::Vehicle));
        assert_eq!(lex.noun_class("cube"), Some(NounClass::Object));
        assert_eq!(lex.noun_class("zorblax"), None);
    }

    #[test]
    fn closed_classes_numbers_and_adjectives_are_read() {
        let lex = lexicon();
        assert!(lex.is(Closed::Determiner, "the") && !lex.is(Closed::Determiner, "cat"));
        assert!(lex.is(Closed::Auxiliary, "was") && lex.is_closed("then"));
        assert_eq!(lex.number_word("three"), Some(3));
        assert_eq!(lex.number_word("twenty"), Some(20));
        assert!(lex.is_ly_adjective("lonely") && lex.is_irregular_plural("mice"));
        assert!(lex.is_adjective("wooden") || lex.is_adjective("colourful"));
        assert!(lex.is_adjective("long-haired") && !lex.is_adjective("close-up"));
        assert!(lex.is_locomotion_verb("gallop") && !lex.is_locomotion_verb("wave"));
        assert_eq!(
            lex.result_of("stop"),
            Some((Some("slowing to a stop"), "stopped"))
        );
        assert_eq!(lex.result_of("sit down"), Some((None, "seated")));
        assert!(lex.is_place_preposition("under") && !lex.is_place_preposition("a"));
        assert_eq!(
            (lex.number_name(12), lex.number_name(99)),
            (Some("twelve"), None)
        );
    }

    #[test]
    fn plurals_are_made_singular() {
        assert_eq!(regular_singular("berries").as_deref(), Some("berry"));
        assert_eq!(regular_singular("boxes").as_deref(), Some("box"));
        assert_eq!(regular_singular("cats").as_deref(), Some("cat"));
        assert_eq!(regular_singular("glass"), None);
    }
}
