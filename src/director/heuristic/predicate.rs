//! A clause's grammar: its subject noun phrases, its verb (lemma, particle) and the
//! complement the placement and state rules read.

use super::entities::{NounPhrase, noun_phrase};
use super::kinds::kind_of;
use super::tokenize::{Token, join};
use super::verbs::{Form, known_verb};
use super::words::{is_adverb, is_function_word, is_verb_after_noun, number};
use crate::ir::EntityKind;
use crate::lang::{Closed, DeterminerKind, PathWord, SubjectLead, lexicon};

/// The most words an action description keeps.
const MAX_DESCRIPTION_WORDS: usize = 14;

/// A parsed clause.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Parsed {
    /// Subject noun phrases ("a man and his dog" gives two); empty when the clause has none.
    pub subjects: Vec<NounPhrase>,
    /// The verb, when the clause has one.
    pub verb: Option<Verb>,
}

/// The verb of a clause.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Verb {
    /// Base form, lower case.
    pub lemma: String,
    /// Whether it was a bare copula ("is under the table").
    pub copula: bool,
    /// Whether it was passive ("is dipped").
    pub passive: bool,
    /// Index of the verb token.
    pub at: usize,
    /// Index of the first complement token (after any particle).
    pub rest: usize,
    /// The action as written, from the verb on, shortened.
    pub description: String,
}

/// Parses `tokens` as subject(s) + verb + complement.
pub(super) fn parse(tokens: &[Token]) -> Parsed {
    let mut i = skip_adverbs(tokens, 0);
    let mut subjects = Vec::new();
    if !starts_with_verb(tokens, i)
        && let Some(np) = noun_phrase(tokens, i)
    {
        i = np.end;
        subjects.push(np);
        // Coordinated subjects: "a man and his dog walk".
        while tokens.get(i).is_some_and(joins_subjects)
            && let Some(more) = noun_phrase(tokens, i + 1)
            && more.pronoun.is_none()
        {
            let after = skip_adverbs(tokens, more.end);
            if is_verb_after_noun(tokens, after, "they")
                || tokens.get(after).is_some_and(joins_subjects)
            {
                i = more.end;
                subjects.push(more);
            } else {
                break;
            }
        }
        i = skip_adverbs(tokens, i);
        // Prepositional phrases between subject and verb: "the sky over the harbor shifts".
        // Attribute phrases among them belong to the subject's description ("a girl with a
        // red umbrella walks", "a man in a grey coat waits", "a boy wearing a cap runs").
        let mut k = i;
        let mut attribute_end = None;
        let mut attributes = true;
        let mut companions = Vec::new();
        for _ in 0..2 {
            if let Some(lead) = tokens.get(k).and_then(|t| lexicon().subject_lead(&t.lower))
                && let Some(pp) = noun_phrase(tokens, k + 1)
            {
                if lead == SubjectLead::Companion && is_animate(&pp) {
                    companions.push(pp.clone());
                }
                attributes &= is_attribute(lead, &pp);
                if attributes {
                    attribute_end = Some(pp.end);
                }
                k = skip_adverbs(tokens, pp.end);
                if is_verb_after_noun(tokens, k, subjects[0].head()) {
                    i = k;
                    if let (Some(end), [subject]) = (attribute_end, subjects.as_mut_slice()) {
                        subject.text =
                            format!("{} {}", subject.text, join(&tokens[subject.end..end]));
                        subject.end = end;
                    }
                    // "a man with his dog walks": the companion walks too.
                    subjects.append(&mut companions);
                    break;
                }
            } else {
                break;
            }
        }
        let head = if subjects.len() > 1 {
            "they".to_string()
        } else {
            subjects[0].head().to_string()
        };
        let verb_here = subjects[0].pronoun.is_some()
            || is_verb_after_noun(tokens, i, &head)
            // "a close-up of a crab scuttling": the verb follows the "of" noun.
            || (subjects[0].of.is_some() && is_verb_after_noun(tokens, i, last_noun(&subjects[0])))
            || tokens.get(i).is_some_and(|t| {
                known_verb(&t.lower).is_some_and(|(_, f)| f == Form::Base)
                    && !lexicon().is_noun(&t.lower)
            });
        if !verb_here {
            return Parsed {
                subjects,
                verb: None,
            };
        }
    }
    let verb = verb_at(tokens, i);
    Parsed { subjects, verb }
}

/// Whether a phrase after a subject describes it rather than placing it: "with a red
/// umbrella", "wearing a cap", "in a grey coat" (but not "in the kitchen", a setting, nor
/// "in a dark chapel": after "in", only clothes describe).
fn is_attribute(lead: SubjectLead, phrase: &NounPhrase) -> bool {
    match lead {
        // A companion is an entity of its own ("a man with his dog").
        SubjectLead::Companion | SubjectLead::Held => {
            phrase.pronoun.is_none() && !is_animate(phrase)
        }
        SubjectLead::Worn => phrase.pronoun.is_none(),
        SubjectLead::Garment => lexicon().is_garment(phrase.head()),
        SubjectLead::Place => false,
    }
}

/// Whether the token joins two coordinated subjects ("a man and his dog", "a cat, a dog").
fn joins_subjects(t: &Token) -> bool {
    t.lower == "and" || t.is(',')
}

/// Whether a phrase names a listed character, animal or crowd.
fn is_animate(phrase: &NounPhrase) -> bool {
    matches!(
        kind_of(phrase.referent().head()),
        Some(EntityKind::Character | EntityKind::Animal | EntityKind::Crowd)
    )
}

/// Whether the clause opens with a verb (an imperative or a subject shared with the
/// previous clause): "takes out a bottle", "washing his hands".
fn starts_with_verb(tokens: &[Token], i: usize) -> bool {
    // "leaves fall": a listed noun followed by a verb is a subject.
    let noun_then_verb = tokens.get(i).is_some_and(|t| lexicon().is_noun(&t.lower))
        && tokens.get(i + 1).is_some_and(|n| {
            !n.punct && known_verb(&n.lower).is_some() && !super::words::is_function_word(&n.lower)
        });
    !noun_then_verb
        && tokens.get(i).is_some_and(|t| {
            !t.punct
                && known_verb(&t.lower).is_some_and(|(_, f)| {
                    f != Form::Base
                        || !lexicon().is_noun(&t.lower)
                        || tokens
                            .get(i + 1)
                            .is_some_and(|n| opens_verb_complement(&n.lower))
                })
                && !lexicon().is(Closed::Determiner, t.lower.as_str())
        })
}

/// Whether `word`, after a base form that is also a noun, makes it a verb: an article or
/// a possessive opening its object ("cut the rope"), a particle ("back away") or a path
/// ("head to the door", "climb into the car").
fn opens_verb_complement(word: &str) -> bool {
    let lex = lexicon();
    lex.determiner_kind(word).is_some_and(|k| {
        matches!(
            k,
            DeterminerKind::Indefinite | DeterminerKind::Definite | DeterminerKind::Possessive
        )
    }) || lex.is_verb_particle(word)
        || lex
            .path_word(word)
            .is_some_and(|r| matches!(r, PathWord::Source | PathWord::To | PathWord::Into))
}

fn skip_adverbs(tokens: &[Token], mut i: usize) -> usize {
    while tokens.get(i).is_some_and(|t| is_adverb(&t.lower)) {
        i += 1;
    }
    i
}

/// Parses a clause that continues a list of predicates of the previous clause's subject
/// ("stops, and rears up", "trips and falls"): when its first word is shaped like a verb,
/// that word is the verb even when no list names it, and the subject is left to the
/// previous clause. `None` when the clause does not open with a verb-shaped word.
pub(super) fn continuation(tokens: &[Token]) -> Option<Parsed> {
    let i = skip_adverbs(tokens, 0);
    let t = tokens.get(i)?;
    let w = t.lower.as_str();
    if t.punct || is_function_word(w) || number(w).is_some() {
        return None;
    }
    let shaped = w.len() > 3
        && ((w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")) || w.ends_with("ed"));
    if known_verb(w).is_none() && (lexicon().is_noun(w) || lexicon().is_adjective(w) || !shaped) {
        return None;
    }
    let verb = verb_group(tokens, i, true)?;
    Some(Parsed {
        subjects: Vec::new(),
        verb: Some(verb),
    })
}

/// The verb group starting at `i`: auxiliaries, catenatives and particles resolved.
fn verb_at(tokens: &[Token], start: usize) -> Option<Verb> {
    verb_group(tokens, start, false)
}

/// [`verb_at`], and when `unlisted_first` an unlisted verb-shaped word may open the clause.
fn verb_group(tokens: &[Token], start: usize, unlisted_first: bool) -> Option<Verb> {
    let mut i = start;
    let mut copula = false;
    let passive;
    while let Some(t) = tokens.get(i)
        && lexicon().is(Closed::Auxiliary, t.lower.as_str())
    {
        copula = matches!(known_verb(&t.lower), Some((ref b, _)) if b == "be");
        i = skip_adverbs(tokens, i + 1);
    }
    let mut lemma;
    let mut at = i;
    match tokens
        .get(i)
        .and_then(|t| (!t.punct).then(|| known_verb(&t.lower)).flatten())
    {
        Some((base, form)) => {
            passive = copula && form == Form::Past;
            lemma = base;
            // "begins to play", "starts moving".
            if lexicon().is_catenative(&lemma) {
                let mut j = skip_adverbs(tokens, i + 1);
                if tokens
                    .get(j)
                    .is_some_and(|t| lexicon().path_word(&t.lower) == Some(PathWord::To))
                {
                    j += 1;
                }
                if let Some((inner, _)) = tokens.get(j).and_then(|t| known_verb(&t.lower))
                    && inner != lemma
                {
                    lemma = inner;
                    at = j;
                }
            }
        }
        None if copula => {
            passive = false;
            lemma = "be".into();
            at = start;
        }
        None => {
            // An unknown word after a subject, shaped like a verb ("zorbles", "gallivanted").
            passive = false;
            let t = tokens.get(i)?;
            let w = t.lower.as_str();
            if t.punct
                || !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing"))
                || (i == 0 && !unlisted_first)
            {
                return None;
            }
            lemma = crate::lang::verb_lemma(w);
        }
    }
    let mut rest = if lemma == "be" && !passive {
        at
    } else {
        at + 1
    };
    while tokens
        .get(rest)
        .is_some_and(|t| lexicon().is_verb_particle(&t.lower) && !opens_noun(tokens, rest + 1))
    {
        rest += 1;
    }
    let from = if tokens
        .get(start)
        .is_some_and(|t| lexicon().is(Closed::Auxiliary, t.lower.as_str()))
    {
        start
    } else {
        i.min(at)
    };
    let words: Vec<Token> = tokens[from.min(tokens.len())..]
        .iter()
        .filter(|t| !t.punct)
        .take(MAX_DESCRIPTION_WORDS)
        .cloned()
        .collect();
    Some(Verb {
        lemma,
        copula: tokens
            .get(at)
            .is_none_or(|t| lexicon().is(Closed::Auxiliary, t.lower.as_str())),
        passive,
        at,
        rest,
        description: join(&words),
    })
}

/// Whether a noun phrase opens at `i` (so the word before is a preposition, not a particle).
fn opens_noun(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        lexicon()
            .determiner_kind(&t.lower)
            .is_some_and(DeterminerKind::picks_one)
    })
}

/// Noun phrases in `tokens[from..]` directly followed by an "-ing" verb ("a cyclist riding
/// along a canal", "rain falling"): each is the subject of its own action. Returns the noun
/// phrase and the verb group.
pub(super) fn participles(tokens: &[Token], from: usize) -> Vec<(NounPhrase, Verb)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < tokens.len() {
        if let Some(np) = noun_phrase(tokens, i) {
            let j = np.end;
            if let Some(t) = tokens.get(j)
                && (known_verb(&t.lower).is_some_and(|(_, f)| f == Form::Gerund)
                    || (t.lower.ends_with("ing") && is_verb_after_noun(tokens, j, last_noun(&np))))
                && let Some(verb) = verb_at(tokens, j)
            {
                i = verb.rest;
                out.push((np, verb));
                continue;
            }
            i = np.end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// The noun a phrase ends with: its "of" complement's, else its head ("a close-up of a
/// crab" ends with "crab").
fn last_noun(np: &NounPhrase) -> &str {
    np.of.as_deref().map_or_else(|| np.head(), last_noun)
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn verb(text: &str) -> (Vec<String>, Option<String>) {
        let t = tokenize(text);
        let p = parse(&t);
        (
            p.subjects.iter().map(|s| s.head().to_string()).collect(),
            p.verb.map(|v| v.lemma),
        )
    }

    #[test]
    fn finds_subject_and_verb() {
        assert_eq!(
            verb("A panda bear walks from left to right"),
            (vec!["bear".into()], Some("walk".into()))
        );
        assert_eq!(
            verb("the clouds roll below"),
            (vec!["clouds".into()], Some("roll".into()))
        );
        assert_eq!(
            verb("A green apple slowly ripens"),
            (vec!["apple".into()], Some("ripen".into()))
        );
        assert_eq!(
            verb("she tosses them into a hot pan"),
            (vec!["she".into()], Some("toss".into()))
        );
    }

    #[test]
    fn clauses_without_subject_keep_the_verb() {
        assert_eq!(
            verb("takes out a bottle of milk"),
            (vec![], Some("take".into()))
        );
        assert_eq!(verb("washing his hands"), (vec![], Some("wash".into())));
    }

    #[test]
    fn catenatives_and_passives_resolve_to_the_real_verb() {
        assert_eq!(
            verb("a man begins to play"),
            (vec!["man".into()], Some("play".into()))
        );
        assert_eq!(
            verb("the cars start moving"),
            (vec!["cars".into()], Some("move".into()))
        );
        let t = tokenize("A white t-shirt is dipped in dye");
        let v = parse(&t).verb.unwrap_or_else(|| panic!("no verb"));
        assert!(v.passive);
        assert_eq!(v.lemma, "dip");
    }

    #[test]
    fn coordinated_subjects_share_the_verb() {
        assert_eq!(
            verb("a man and his dog walk along the beach"),
            (vec!["man".into(), "dog".into()], Some("walk".into()))
        );
    }

    #[test]
    fn copula_with_a_place_is_be() {
        let t = tokenize("A cat is under the table");
        let v = parse(&t).verb.unwrap_or_else(|| panic!("no verb"));
        assert_eq!(v.lemma, "be");
        assert_eq!(v.description, "is under the table");
    }

    #[test]
    fn a_continued_predicate_opens_with_its_verb_even_unlisted() {
        let lemma = |text: &str| {
            continuation(&tokenize(text)).and_then(|p| p.verb.map(|v| (v.lemma, p.subjects.len())))
        };
        assert_eq!(lemma("rears up"), Some(("rear".into(), 0)));
        assert_eq!(lemma("slowly kneels"), Some(("kneel".into(), 0)));
        assert_eq!(lemma("stops"), Some(("stop".into(), 0)));
        // An unlisted word shaped like a verb is still the verb of the list.
        assert_eq!(lemma("glorps away"), Some(("glorp".into(), 0)));
        assert_eq!(lemma("the dog"), None);
        assert_eq!(lemma("birds overhead"), None);
    }

    #[test]
    fn a_part_of_a_group_is_a_subject() {
        assert_eq!(
            verb("one of them trips"),
            (vec!["they".into()], Some("trip".into()))
        );
        assert_eq!(
            verb("one of the kids stumbles"),
            (vec!["kids".into()], Some("stumble".into()))
        );
    }

    #[test]
    fn attribute_phrases_stay_with_the_subject() {
        let subject = |text: &str| {
            let p = parse(&tokenize(text));
            (
                p.subjects.first().map(|s| s.text.clone()),
                p.verb.map(|v| v.lemma),
            )
        };
        assert_eq!(
            subject("a girl with a red umbrella walks past a bakery"),
            (
                Some("a girl with a red umbrella".into()),
                Some("walk".into())
            )
        );
        assert_eq!(
            subject("an old man in a grey coat stands"),
            (
                Some("an old man in a grey coat".into()),
                Some("stand".into())
            )
        );
        assert_eq!(
            subject("a boy wearing a yellow cap runs"),
            (
                Some("a boy wearing a yellow cap".into()),
                Some("run".into())
            )
        );
        assert_eq!(
            subject("a man with his dog walks along the beach"),
            (Some("a man".into()), Some("walk".into()))
        );
        assert_eq!(
            verb("a man with his dog walks along the beach"),
            (vec!["man".into(), "dog".into()], Some("walk".into()))
        );
        // A place is the setting, not an attribute; after "in", only clothes describe.
        assert_eq!(
            subject("a chef in the kitchen chops onions"),
            (Some("a chef".into()), Some("chop".into()))
        );
        assert_eq!(
            subject("a candle in a dark chapel flickers"),
            (Some("a candle".into()), Some("flicker".into()))
        );
    }

    #[test]
    fn participles_find_their_own_subjects() {
        let t = tokenize("following a cyclist riding along a canal path");
        let found = participles(&t, 1);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.head(), "cyclist");
        assert_eq!(found[0].1.lemma, "ride");
        // An unlisted participle after a listed noun is one too.
        let t = tokenize("a close-up of a crab scuttling under a pier");
        let found = participles(&t, 0);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.referent().head(), "crab");
        assert_eq!(found[0].1.lemma, "scuttle");
    }
}
