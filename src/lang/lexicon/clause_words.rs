//! Word classes for splitting a prompt into clauses and telling what a clause is about:
//! connectives with what they add or the time relation they name ("and", "but"; "before",
//! "while", "until"), shot-change cues ("cut to", "dissolve into", "open on"), nouns that
//! name the camera, verbs of a request addressed to the model, and the roles prepositions
//! give the phrase after them. Data files beside this one, parsed once on first use.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::{Lexicon, lines, set};

/// What a coordinating conjunction adds to the clause before it (`connectives.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coordination {
    /// One more thing ("and").
    Addition,
    /// A thing against the last ("but").
    Contrast,
    /// A thing instead of the last ("or").
    Alternative,
}

/// The time relation a subordinating conjunction names between the clause before it and
/// its own clause ("X before Y": X comes first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRelation {
    /// "before": the main clause comes first.
    Before,
    /// "after", "once": the subordinate clause comes first.
    After,
    /// "while", "as", "when": both at once.
    During,
    /// "until": the subordinate clause ends the main one, after it.
    Until,
}

/// A subordinating conjunction of time (`connectives.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Subordinator {
    /// The time relation it names.
    pub relation: TimeRelation,
    /// Whether it may open a clause without a subject ("after washing his hands").
    pub opens_predicate: bool,
}

/// A clause connective (`connectives.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Connective {
    Coordinator(Coordination),
    Subordinator(Subordinator),
}

/// The change of shot a cue names (`cut_cues.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShotChange {
    /// A hard cut.
    Cut,
    /// A cut on a matching shape or motion.
    MatchCut,
    /// A cross-dissolve.
    Dissolve,
    /// A fade.
    Fade,
    /// A wipe.
    Wipe,
}

/// What a word does in a shot-change cue (`cut_cues.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueRole {
    /// With one of its prepositions after it, starts a new shot ("cut to").
    Verb,
    /// The same, only at the start of a sentence ("Open on a bedroom").
    Opening,
    /// Before "cut", names the cut's kind ("smash cut", "match cut").
    Kind,
    /// After a cue's preposition, the screen going dark: no new shot ("fade to black").
    Dark,
}

/// A word of a shot-change cue, from `cut_cues.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutCue {
    /// What the word does in a cue.
    pub role: CueRole,
    /// The change of shot it names, if any.
    pub change: Option<ShotChange>,
    prepositions: Vec<&'static str>,
}

impl CutCue {
    /// Whether the cue verb takes the preposition `word` ("dissolve into", not "cut into").
    pub fn takes(&self, word: &str) -> bool {
        self.prepositions.contains(&word)
    }
}

/// The role a preposition gives the noun phrase after it (`phrase_roles.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseRole {
    /// Someone or something the action is aimed at, done with or away from ("barks at a
    /// dog", "runs from a fox").
    Participant,
    /// Who does a passive verb's action ("set afloat by a child").
    Agent,
    /// What a video is for or about ("an ad for a water bottle").
    Topic,
}

/// The lists this module reads.
struct ClauseWords {
    connectives: HashMap<&'static str, Connective>,
    cut_cues: HashMap<&'static str, CutCue>,
    camera_nouns: HashSet<&'static str>,
    meta_verbs: HashSet<&'static str>,
    phrase_roles: HashMap<&'static str, Vec<PhraseRole>>,
}

static CLAUSE_WORDS: LazyLock<ClauseWords> = LazyLock::new(|| ClauseWords {
    connectives: lines(include_str!("connectives.txt"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let word = cols.next()?;
            let connective = match (cols.next()?, cols.next()?) {
                ("coordinator", what) => Connective::Coordinator(coordination(what)?),
                ("subordinator", relation) => Connective::Subordinator(Subordinator {
                    relation: time_relation(relation)?,
                    opens_predicate: cols.next() == Some("predicate"),
                }),
                _ => return None,
            };
            Some((word, connective))
        })
        .collect(),
    cut_cues: lines(include_str!("cut_cues.txt"))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let word = cols.next()?;
            let role = cue_role(cols.next()?)?;
            let change = cols.next().and_then(shot_change);
            let prepositions = cols.next().map_or(Vec::new(), |p| p.split(' ').collect());
            Some((
                word,
                CutCue {
                    role,
                    change,
                    prepositions,
                },
            ))
        })
        .collect(),
    camera_nouns: set(include_str!("camera_nouns.txt")),
    meta_verbs: set(include_str!("meta_verbs.txt")),
    phrase_roles: lines(include_str!("phrase_roles.txt"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(word, roles)| (word, roles.split(' ').filter_map(phrase_role).collect()))
        .collect(),
});

/// A coordination's name in `connectives.txt`.
fn coordination(name: &str) -> Option<Coordination> {
    match name {
        "addition" => Some(Coordination::Addition),
        "contrast" => Some(Coordination::Contrast),
        "alternative" => Some(Coordination::Alternative),
        _ => None,
    }
}

/// A time relation's name in `connectives.txt`.
fn time_relation(name: &str) -> Option<TimeRelation> {
    match name {
        "before" => Some(TimeRelation::Before),
        "after" => Some(TimeRelation::After),
        "during" => Some(TimeRelation::During),
        "until" => Some(TimeRelation::Until),
        _ => None,
    }
}

/// A cue role's name in `cut_cues.txt`.
fn cue_role(name: &str) -> Option<CueRole> {
    match name {
        "verb" => Some(CueRole::Verb),
        "opening" => Some(CueRole::Opening),
        "kind" => Some(CueRole::Kind),
        "dark" => Some(CueRole::Dark),
        _ => None,
    }
}

/// A shot change's name in `cut_cues.txt`.
fn shot_change(name: &str) -> Option<ShotChange> {
    match name {
        "cut" => Some(ShotChange::Cut),
        "match-cut" => Some(ShotChange::MatchCut),
        "dissolve" => Some(ShotChange::Dissolve),
        "fade" => Some(ShotChange::Fade),
        "wipe" => Some(ShotChange::Wipe),
        _ => None,
    }
}

/// A phrase role's name in `phrase_roles.txt`.
fn phrase_role(name: &str) -> Option<PhraseRole> {
    match name {
        "participant" => Some(PhraseRole::Participant),
        "agent" => Some(PhraseRole::Agent),
        "topic" => Some(PhraseRole::Topic),
        _ => None,
    }
}

impl Lexicon {
    /// What the coordinating conjunction `word` adds ("and" → addition), if it is one.
    pub fn coordination(&self, word: &str) -> Option<Coordination> {
        match CLAUSE_WORDS.connectives.get(word)? {
            Connective::Coordinator(c) => Some(*c),
            Connective::Subordinator(_) => None,
        }
    }

    /// The subordinating conjunction of time `word` ("after", "while", "until"), if it is
    /// one.
    pub fn subordinator(&self, word: &str) -> Option<Subordinator> {
        match CLAUSE_WORDS.connectives.get(word)? {
            Connective::Subordinator(s) => Some(*s),
            Connective::Coordinator(_) => None,
        }
    }

    /// What the word `lemma` does in a shot-change cue ("cut", "dissolve", "open",
    /// "smash"), if anything.
    pub fn cut_cue(&self, lemma: &str) -> Option<&'static CutCue> {
        CLAUSE_WORDS.cut_cues.get(lemma)
    }

    /// Whether the noun `word`, heading a subject, makes a clause about the camera or the
    /// shot ("the camera pans", "the shot widens").
    pub fn is_camera_noun(&self, word: &str) -> bool {
        CLAUSE_WORDS.camera_nouns.contains(word)
    }

    /// Whether the verb `lemma`, as an imperative, addresses the model rather than the
    /// scene ("ignore", "write", "generate").
    pub fn is_meta_verb(&self, lemma: &str) -> bool {
        CLAUSE_WORDS.meta_verbs.contains(lemma)
    }

    /// Whether the preposition `word` can give the noun phrase after it the role `role`
    /// ("at a dog": a participant; "by a child": an agent; "for a bottle": a topic).
    pub fn introduces(&self, word: &str, role: PhraseRole) -> bool {
        CLAUSE_WORDS
            .phrase_roles
            .get(word)
            .is_some_and(|roles| roles.contains(&role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon;

    #[test]
    fn connectives_are_read_with_their_features() {
        let lex = lexicon();
        assert_eq!(lex.coordination("and"), Some(Coordination::Addition));
        assert_eq!(lex.coordination("or"), Some(Coordination::Alternative));
        assert_eq!(lex.coordination("after"), None);
        let after = lex.subordinator("after");
        assert_eq!(after.map(|s| s.relation), Some(TimeRelation::After));
        assert!(after.is_some_and(|s| s.opens_predicate));
        let when = lex.subordinator("when");
        assert_eq!(when.map(|s| s.relation), Some(TimeRelation::During));
        assert!(when.is_some_and(|s| !s.opens_predicate));
        assert_eq!(
            lex.subordinator("till").map(|s| s.relation),
            Some(TimeRelation::Until)
        );
        assert_eq!(lex.subordinator("and"), None);
    }

    #[test]
    fn cut_cues_are_read_with_their_prepositions() {
        let lex = lexicon();
        let dissolve = lex.cut_cue("dissolve");
        assert!(dissolve.is_some_and(|c| c.role == CueRole::Verb && c.takes("into")));
        assert_eq!(dissolve.and_then(|c| c.change), Some(ShotChange::Dissolve));
        assert!(lex.cut_cue("cut").is_some_and(|c| !c.takes("into")));
        assert!(
            lex.cut_cue("open")
                .is_some_and(|c| c.role == CueRole::Opening)
        );
        let matched = lex.cut_cue("match");
        assert_eq!(matched.and_then(|c| c.change), Some(ShotChange::MatchCut));
        assert!(
            lex.cut_cue("black")
                .is_some_and(|c| c.role == CueRole::Dark)
        );
        assert_eq!(lex.cut_cue("walk"), None);
    }

    #[test]
    fn camera_nouns_meta_verbs_and_phrase_roles_are_read() {
        let lex = lexicon();
        assert!(lex.is_camera_noun("close-up") && !lex.is_camera_noun("cat"));
        assert!(lex.is_meta_verb("generate") && !lex.is_meta_verb("walk"));
        assert!(lex.introduces("for", PhraseRole::Participant));
        assert!(lex.introduces("for", PhraseRole::Topic));
        assert!(lex.introduces("by", PhraseRole::Agent));
        assert!(
            !lex.introduces("by", PhraseRole::Topic) && !lex.introduces("cat", PhraseRole::Agent)
        );
    }
}
