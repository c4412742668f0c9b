//! Splitting a prompt into clauses on sentence breaks and temporal connectives, and putting
//! the clauses in true time order ("after washing…, the boy…", "…before brewing…").

use super::entities::noun_phrase;
use super::tokenize::{Token, join};
use super::verbs::{Form, known_verb};
use super::words::{is_adverb, is_verb_after_noun, number};
use crate::ir::Transition;
use crate::lang::{
    Closed, Coordination, CueRole, ShotChange, Spatial, TimeRelation, lexicon, verb_lemma,
};

/// How a clause relates in time to the clause it is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Link {
    /// After the previous clause (also the first clause).
    #[default]
    Sequential,
    /// At the same time as the previous clause ("while", "as", "where").
    Simultaneous,
    /// Before the previous clause ("Y after X-ing").
    Earlier,
    /// A fronted "After X," clause: before the next clause, whose subject it shares.
    FrontedBefore,
    /// A fronted "Before X," clause: after the next clause, whose subject it shares.
    FrontedAfter,
    /// A fronted "While X," clause: during the next clause, whose subject it shares.
    FrontedDuring,
}

/// One clause of the prompt.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Clause {
    /// Its tokens, connectives removed.
    pub tokens: Vec<Token>,
    /// Its time relation to its neighbour.
    pub link: Link,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
    /// Set when a cue ("cut to", "dissolve to", "open on") starts a new shot here; the value
    /// is the transition into this shot.
    pub cut: Option<Transition>,
    /// Whether the clause was joined to the previous one by "and".
    pub joined_by_and: bool,
    /// Whether a sequence word ("then", "afterwards", "after that") puts it after the
    /// previous clause.
    pub marked: bool,
    /// The quoted line its speaker says ("says, \"We anchor at dawn.\""), kept out of the
    /// clause's tokens.
    pub quote: Option<String>,
}

/// Splits `tokens` into clauses, in text order.
pub(super) fn split(tokens: &[Token]) -> Vec<Clause> {
    let lex = lexicon();
    let mut s = Splitter::default();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let w = t.lower.as_str();
        let next = tokens.get(i + 1).map(|t| t.lower.as_str());
        let empty = !s.current.iter().any(|t| !t.punct);
        if t.ends_sentence() {
            s.close();
            s.sentence += 1;
            i += 1;
            continue;
        }
        // Quoted speech is what a speaker says, never part of the scene.
        if is_quote_mark(t)
            && let Some(close) = (i + 1..tokens.len()).find(|&k| is_quote_mark(&tokens[k]))
        {
            let inner = &tokens[i + 1..close];
            s.attach_quote(join(inner).trim_end_matches(',').to_string());
            // a line that ends its sentence ends the prompt's sentence too: ."He nods"
            let next_capital = tokens
                .get(close + 1)
                .is_none_or(|n| n.text.starts_with(char::is_uppercase));
            if inner.last().is_some_and(Token::ends_sentence) && next_capital {
                s.close();
                s.sentence += 1;
            }
            i = close + 1;
            continue;
        }
        if t.punct
            && matches!(
                w,
                "," | ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "，" | "、" | "；" | "："
            )
        {
            s.close();
            i += 1;
            continue;
        }
        if let Some((transition, len)) = cut_cue(tokens, i) {
            s.close();
            s.cut = Some(transition);
            i += len;
            continue;
        }
        let coordination = lex.coordination(w);
        // "and" and "but" join clauses; "or" only before "then"
        let joins = coordination.is_some_and(|c| c != Coordination::Alternative);
        if coordination.is_some() && next.is_some_and(is_sequencing_conjunction) {
            s.close();
            s.marked = true;
            i += 2;
            continue;
        }
        if joins && empty {
            s.joined = coordination == Some(Coordination::Addition);
            i += 1;
            continue;
        }
        // "a man and his dog walk": a subject list, not two clauses.
        if joins
            && (starts_predicate(tokens, i + 1)
                || (starts_clause(tokens, i + 1)
                    && super::predicate::parse(&s.current).verb.is_some()))
        {
            s.close();
            s.joined = coordination == Some(Coordination::Addition);
            i += 1;
            continue;
        }
        // "after that", "after which": a two-word sequence phrase
        if next.is_some_and(|n| lex.is_sequence_word(&format!("{w} {n}"))) {
            s.close();
            s.marked = true;
            i += 2;
            continue;
        }
        // A run-on sentence: "…over a volcano A dragon flies…".
        if !empty
            && opens_run_on(w)
            && s.current.last().is_some_and(|p| {
                !p.punct
                    && !super::words::is_function_word(&p.lower)
                    && known_verb(&p.lower).is_none()
            })
            && starts_clause(tokens, i)
        {
            s.close();
            continue;
        }
        // "the camera then tilts down": the subject stays with its verb.
        if is_sequencing_conjunction(w)
            && !empty
            && starts_predicate(tokens, i + 1)
            && noun_phrase(&s.current, 0).is_some_and(|np| np.end == s.current.len())
        {
            s.marked = true;
            i += 1;
            continue;
        }
        if is_sequencing_conjunction(w) {
            s.close();
            s.marked = true;
            i += 1;
            continue;
        }
        if empty && lex.is_sequence_word(w) {
            s.marked = true;
            i += 1;
            continue;
        }
        if let Some(sub) = lex.subordinator(w).filter(|sub| {
            (sub.opens_predicate && starts_predicate(tokens, i + 1)) || starts_clause(tokens, i + 1)
        }) {
            let fronted = empty;
            if !fronted {
                s.close();
            }
            s.link = match (sub.relation, fronted) {
                (TimeRelation::Before, false) | (TimeRelation::Until, _) => Link::Sequential,
                (TimeRelation::After, false) => Link::Earlier,
                (TimeRelation::During, false) => Link::Simultaneous,
                (TimeRelation::Before, true) => Link::FrontedAfter,
                (TimeRelation::After, true) => Link::FrontedBefore,
                (TimeRelation::During, true) => Link::FrontedDuring,
            };
            i += 1;
            continue;
        }
        s.current.push(t.clone());
        i += 1;
    }
    s.close();
    s.out
}

/// The clauses closed so far and the one being collected.
#[derive(Default)]
struct Splitter {
    out: Vec<Clause>,
    current: Vec<Token>,
    link: Link,
    cut: Option<Transition>,
    joined: bool,
    marked: bool,
    sentence: usize,
    /// A quoted line not yet given to a clause, and whether it came before its clause.
    quote: Option<String>,
    quote_first: bool,
}

impl Splitter {
    /// Closes the clause being collected (when it has words or opens a shot) and starts a
    /// new one in the same sentence. A sequence word with no clause yet ("Then, …", "After
    /// that, …") still marks the next one.
    fn close(&mut self) {
        if self.current.iter().any(|t| !t.punct) || self.cut.is_some() {
            let mut tokens = std::mem::take(&mut self.current);
            if self.quote.is_some() && self.quote_first {
                invert_speaker(&mut tokens);
            }
            self.out.push(Clause {
                tokens,
                link: self.link,
                sentence: self.sentence,
                cut: self.cut.take(),
                joined_by_and: self.joined,
                marked: std::mem::take(&mut self.marked),
                quote: self.quote.take(),
            });
        }
        self.current.clear();
        self.link = Link::Sequential;
        self.joined = false;
    }
}

impl Splitter {
    /// Gives a quoted line to its clause: the one being collected, else the one just closed
    /// in the same sentence ("says, \"…\""), else the next one ("\"…\" asks Edith").
    fn attach_quote(&mut self, text: String) {
        if self.current.iter().any(|t| !t.punct) {
            self.quote = Some(text);
            self.quote_first = false;
        } else if let Some(last) = self
            .out
            .last_mut()
            .filter(|c| c.sentence == self.sentence && c.quote.is_none())
        {
            last.quote = Some(text);
        } else {
            self.quote = Some(text);
            self.quote_first = true;
        }
    }
}

/// Whether `t` is a double quotation mark.
fn is_quote_mark(t: &Token) -> bool {
    t.punct && matches!(t.text.as_str(), "\"" | "“" | "”" | "«" | "»")
}

/// Puts the speaker of an inverted quotation before its verb: after a quoted line, "asks
/// Edith" is "Edith asks".
fn invert_speaker(tokens: &mut Vec<Token>) {
    let speech = tokens
        .first()
        .and_then(|t| known_verb(&t.lower))
        .is_some_and(|(lemma, _)| lexicon().is_speech_verb(&lemma));
    if speech
        && let Some(np) = noun_phrase(tokens, 1)
        && tokens[np.end..].iter().all(|t| t.punct)
    {
        let verb = tokens.remove(0);
        tokens.insert(np.end - 1, verb);
    }
}

/// Whether `word` is a conjunction that also puts its clause in sequence ("then").
fn is_sequencing_conjunction(word: &str) -> bool {
    let lex = lexicon();
    lex.is(Closed::Conjunction, word) && lex.is_sequence_word(word)
}

/// Whether `word` may open the subject of a run-on sentence's next clause: a determiner
/// that is never a conjunction ("a", "the", "his"; not "that").
fn opens_run_on(word: &str) -> bool {
    let lex = lexicon();
    lex.is(Closed::Determiner, word) && !lex.is(Closed::Conjunction, word)
}

/// A shot-change cue at `i` ("cut to", "the scene cuts to", "dissolve to", "open on") and
/// how many tokens it spans.
fn cut_cue(tokens: &[Token], i: usize) -> Option<(Transition, usize)> {
    let lex = lexicon();
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    let cue = |k: usize| lex.cut_cue(&verb_lemma(w(k)));
    let sentence_start = i == 0
        || tokens
            .get(i.wrapping_sub(1))
            .is_some_and(|t| t.ends_sentence() || t.is(':') || t.is(';'));
    // "Shot 2: her feet pound the pavement", "Scene 3 - a street".
    if sentence_start && lex.is_video_noun(w(0)) && number(w(1)).is_some() {
        let colon = tokens
            .get(i + 2)
            .is_some_and(|t| t.punct && matches!(t.lower.as_str(), ":" | "-" | "—" | "–"));
        return Some((Transition::Cut, 2 + usize::from(colon)));
    }
    // "the scene cuts to": the video or the camera as the cue's subject
    let subject =
        lex.is(Closed::Determiner, w(0)) && (lex.is_video_noun(w(1)) || lex.is_camera_noun(w(1)));
    let skip = if subject { 2 } else { 0 };
    // "smash cut to", "match cut to": the cut's kind before it
    let kind = cue(skip).filter(|c| c.role == CueRole::Kind);
    let lead = skip + usize::from(kind.is_some());
    let verb = cue(lead)?;
    let takes = match verb.role {
        CueRole::Verb => verb.takes(w(lead + 1)),
        CueRole::Opening => kind.is_none() && sentence_start && verb.takes(w(lead + 1)),
        CueRole::Kind | CueRole::Dark => false,
    };
    // "fade to black" ends the video: no new shot
    let dark = lex
        .cut_cue(w(lead + 2))
        .is_some_and(|c| c.role == CueRole::Dark);
    if !takes || dark {
        return None;
    }
    let change = match (kind.and_then(|k| k.change), verb.change?) {
        (Some(kind), ShotChange::Cut) => kind,
        (_, change) => change,
    };
    let transition = match change {
        ShotChange::Cut => Transition::Cut,
        ShotChange::MatchCut => Transition::MatchCut,
        ShotChange::Dissolve => Transition::Dissolve,
        ShotChange::Fade => Transition::Fade,
        ShotChange::Wipe => Transition::Wipe,
    };
    Some((transition, lead + 2))
}

/// Whether a verb phrase (no subject) starts at `i`, adverbs skipped.
pub(super) fn starts_predicate(tokens: &[Token], mut i: usize) -> bool {
    while tokens.get(i).is_some_and(|t| is_adverb(&t.lower)) {
        i += 1;
    }
    let unknown_verb = |t: &Token| {
        // An unlisted "-s" word followed by an object: "and butters it".
        t.lower.len() > 3
            && t.lower.ends_with('s')
            && !t.lower.ends_with("ss")
            && !lexicon().is_noun(&t.lower)
            && tokens.get(i + 1).is_some_and(|n| {
                let lex = lexicon();
                lex.is(Closed::Determiner, &n.lower)
                    || lex.is(Closed::Pronoun, &n.lower)
                    || lex.is_spatial(Spatial::Particle, &n.lower)
            })
    };
    tokens.get(i).is_some_and(|t| {
        !t.punct
            && (known_verb(&t.lower)
                .is_some_and(|(_, f)| f != Form::Base || !lexicon().is_noun(&t.lower))
                || unknown_verb(t))
            && !lexicon().is(Closed::Auxiliary, t.lower.as_str())
    })
}

/// Whether a subject followed by its verb starts at `i`.
pub(super) fn starts_clause(tokens: &[Token], i: usize) -> bool {
    let Some(np) = noun_phrase(tokens, i) else {
        return false;
    };
    let head = np.head().to_string();
    let mut j = np.end;
    while tokens.get(j).is_some_and(|t| is_adverb(&t.lower)) {
        j += 1;
    }
    if np.pronoun.is_some() {
        return tokens.get(j).is_some_and(|t| {
            !t.punct
                && (known_verb(&t.lower).is_some()
                    || lexicon().is(Closed::Auxiliary, t.lower.as_str()))
        });
    }
    is_verb_after_noun(tokens, j, &head)
}

/// The clauses of one shot in time order; each entry is (clause index, simultaneous with the
/// previous entry).
pub(super) fn time_order(clauses: &[Clause], indices: &[usize]) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    let mut fronted: Option<(usize, Link)> = None;
    for &i in indices {
        let link = clauses[i].link;
        match link {
            Link::FrontedBefore | Link::FrontedAfter | Link::FrontedDuring => {
                if let Some((f, _)) = fronted.take() {
                    out.push((f, false));
                }
                fronted = Some((i, link));
                continue;
            }
            Link::Sequential => out.push((i, false)),
            Link::Simultaneous => out.push((i, !out.is_empty())),
            Link::Earlier => {
                let pos = out.iter().rposition(|(_, simul)| !simul).unwrap_or(0);
                out.insert(pos, (i, false));
            }
        }
        if let Some((f, kind)) = fronted.take() {
            let host = out.len() - 1;
            match kind {
                Link::FrontedBefore => out.insert(host, (f, false)),
                Link::FrontedAfter => out.push((f, false)),
                _ => out.push((f, true)),
            }
        }
    }
    if let Some((f, _)) = fronted {
        out.push((f, false));
    }
    out
}

/// For a fronted clause, the index of the clause whose subject it shares (the next one).
pub(super) fn host_of(clauses: &[Clause], i: usize) -> Option<usize> {
    matches!(
        clauses[i].link,
        Link::FrontedBefore | Link::FrontedAfter | Link::FrontedDuring
    )
    .then_some(i + 1)
    .filter(|&h| h < clauses.len())
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::{join, tokenize};
    use super::*;

    fn texts(prompt: &str) -> Vec<String> {
        split(&tokenize(prompt))
            .iter()
            .map(|c| join(&c.tokens))
            .collect()
    }

    fn ordered(prompt: &str) -> Vec<String> {
        let clauses = split(&tokenize(prompt));
        let all: Vec<usize> = (0..clauses.len()).collect();
        time_order(&clauses, &all)
            .into_iter()
            .map(|(i, _)| join(&clauses[i].tokens))
            .collect()
    }

    #[test]
    fn splits_on_then_and_commas() {
        assert_eq!(
            texts("A panda walks from left to right, then turns and waves."),
            ["A panda walks from left to right", "turns", "waves"]
        );
    }

    #[test]
    fn does_not_split_noun_lists_on_and() {
        assert_eq!(
            texts("a man and his dog walk along the beach"),
            ["a man and his dog walk along the beach"]
        );
        assert_eq!(texts("salt and pepper fall"), ["salt and pepper fall"]);
    }

    #[test]
    fn unlisted_verbs_with_an_object_still_split() {
        assert_eq!(
            texts("the woman slices bread and butters it"),
            ["the woman slices bread", "butters it"]
        );
    }

    #[test]
    fn before_and_after_reorder() {
        assert_eq!(
            ordered("After washing his hands, the boy dries them."),
            ["washing his hands", "the boy dries them"]
        );
        assert_eq!(
            ordered("Before leaving, she waves."),
            ["she waves", "leaving"]
        );
        assert_eq!(
            ordered("She waves after closing the door."),
            ["closing the door", "She waves"]
        );
        assert_eq!(
            ordered("A barista grinds the beans before brewing an espresso."),
            ["A barista grinds the beans", "brewing an espresso"]
        );
    }

    #[test]
    fn while_and_as_are_simultaneous() {
        let clauses = split(&tokenize("The sky turns orange as the sun sets."));
        assert_eq!(clauses.len(), 2);
        assert_eq!(clauses[1].link, Link::Simultaneous);
    }

    #[test]
    fn cut_cues_start_shots() {
        let clauses = split(&tokenize(
            "Open on a bedroom. The scene cuts to a clock ringing. Dissolve to a street.",
        ));
        let cuts: Vec<_> = clauses.iter().map(|c| c.cut).collect();
        assert_eq!(
            cuts,
            [
                Some(Transition::Cut),
                Some(Transition::Cut),
                Some(Transition::Dissolve)
            ]
        );
        assert_eq!(join(&clauses[1].tokens), "a clock ringing");
    }

    #[test]
    fn cut_cues_read_their_kind_and_any_inflection() {
        let clauses = split(&tokenize(
            "A dog sleeps. Smash cut to a cat. Match cut to a wheel. The video ends on a \
             sunset. The film fades to black.",
        ));
        let cuts: Vec<_> = clauses.iter().map(|c| c.cut).collect();
        assert_eq!(
            cuts,
            [
                None,
                Some(Transition::Cut),
                Some(Transition::MatchCut),
                Some(Transition::Cut),
                None
            ]
        );
        assert_eq!(join(&clauses[1].tokens), "a cat");
    }

    #[test]
    fn once_and_after_that_put_a_clause_first_or_in_sequence() {
        assert_eq!(
            ordered("The lights go out once the clock strikes twelve."),
            ["the clock strikes twelve", "The lights go out"]
        );
        let clauses = split(&tokenize("A dog barks. After that, it sleeps."));
        assert_eq!(join(&clauses[1].tokens), "it sleeps");
        assert!(clauses[1].marked);
    }

    #[test]
    fn quoted_lines_belong_to_their_speaker_and_end_their_sentence() {
        let clauses = split(&tokenize(
            "Ana waves and says, \"See you at noon.\" The bus leaves. \"Wait!\" shouts Tom.",
        ));
        let read: Vec<(String, Option<String>, usize)> = clauses
            .iter()
            .map(|c| (join(&c.tokens), c.quote.clone(), c.sentence))
            .collect();
        assert_eq!(
            read,
            [
                ("Ana waves".to_string(), None, 0),
                ("says".into(), Some("See you at noon.".into()), 0),
                ("The bus leaves".into(), None, 1),
                ("Tom shouts".into(), Some("Wait!".into()), 2),
            ]
        );
    }
}
