//! Scoring one compiled case against its expectations. Phrases match words of entity ids,
//! descriptions, verbs and prompts as whole words (a verb form matches its base: "buries"
//! matches "bury"; a plural its singular).

use super::suite::{Case, When};
use crate::director::heuristic::lemma;
use crate::ir::{Action, Entity, KeyframePlan, Placement, Storyboard};

/// What compiling a case gave.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A storyboard and its generic keyframe plan.
    Compiled {
        /// The storyboard.
        storyboard: Box<Storyboard>,
        /// Its plan for the generic profile.
        plan: Box<KeyframePlan>,
    },
    /// The compile failed with this message.
    Failed(String),
    /// The director or pipeline panicked.
    Panicked(String),
}

/// The verdict on one expectation key.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The expectation key ("camera", "actions", …).
    pub key: &'static str,
    /// Whether it held.
    pub passed: bool,
    /// Why it failed (or what matched).
    pub why: String,
}

/// The scored case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseScore {
    /// Case id.
    pub id: String,
    /// Case category.
    pub category: String,
    /// One verdict per expectation key.
    pub verdicts: Vec<Verdict>,
}

impl CaseScore {
    /// Fraction of expectation keys that held (1.0 when there are none).
    pub fn score(&self) -> f64 {
        if self.verdicts.is_empty() {
            return 1.0;
        }
        self.verdicts.iter().filter(|v| v.passed).count() as f64 / self.verdicts.len() as f64
    }
}

/// Scores `outcome` against `case.expect`.
pub fn score_case(case: &Case, outcome: &Outcome) -> CaseScore {
    let e = &case.expect;
    let mut verdicts = Vec::new();
    let mut push = |key: &'static str, result: Result<String, String>| {
        let (passed, why) = match result {
            Ok(w) => (true, w),
            Err(w) => (false, w),
        };
        verdicts.push(Verdict { key, passed, why });
    };
    if e.error == Some(true) {
        push(
            "error",
            match outcome {
                Outcome::Failed(m) if clear(m) => Ok(format!("failed as expected: {m}")),
                Outcome::Failed(m) => Err(format!(
                    "failed, but the message is not a clear sentence: {m:?}"
                )),
                Outcome::Panicked(m) => Err(format!("panicked instead of failing cleanly: {m}")),
                Outcome::Compiled { .. } => {
                    Err("compiled although the prompt should be refused".into())
                }
            },
        );
    }
    if e.any_output == Some(true) {
        push(
            "any_output",
            match outcome {
                Outcome::Compiled { .. } => Ok("compiled".into()),
                Outcome::Failed(m) if clear(m) => Ok(format!("refused clearly: {m}")),
                Outcome::Failed(m) => Err(format!("failed without a clear message: {m:?}")),
                Outcome::Panicked(m) => Err(format!("panicked: {m}")),
            },
        );
    }
    let (sb, plan) = match outcome {
        Outcome::Compiled { storyboard, plan } => (storyboard.as_ref(), plan.as_ref()),
        Outcome::Failed(m) | Outcome::Panicked(m) => {
            let why = format!("no storyboard: {m}");
            for key in keys(case) {
                push(key, Err(why.clone()));
            }
            return CaseScore {
                id: case.id.clone(),
                category: case.category.clone(),
                verdicts,
            };
        }
    };
    let actions = timed_actions(sb);
    if let Some(camera) = &e.camera {
        push(
            "camera",
            camera
                .iter()
                .try_for_each(|c| {
                    let found = sb.shots.iter().flat_map(|s| &s.camera).any(|m| {
                        m.kind == c.kind && (c.direction.is_none() || m.direction == c.direction)
                    });
                    if found {
                        Ok(())
                    } else {
                        Err(format!(
                            "no camera move {:?} {:?}; moves are {:?}",
                            c.kind,
                            c.direction,
                            sb.shots
                                .iter()
                                .flat_map(|s| &s.camera)
                                .map(|m| (m.kind, m.direction))
                                .collect::<Vec<_>>()
                        ))
                    }
                })
                .map(|()| "all camera moves present".into()),
        );
    }
    if let Some(expected) = &e.actions {
        push("actions", match_actions(expected, &actions));
    }
    if let Some(names) = &e.entities {
        push(
            "entities",
            names
                .iter()
                .try_for_each(|n| {
                    find_entity(sb, n).map(|_| ()).ok_or_else(|| {
                        format!(
                            "no entity matches {n:?}; entities are {:?}",
                            sb.entities.iter().map(|e| &e.id).collect::<Vec<_>>()
                        )
                    })
                })
                .map(|()| "all entities present".into()),
        );
    }
    if let Some(p) = &e.path {
        push(
            "path",
            (|| {
                let ent = find_entity(sb, &p.entity)
                    .ok_or_else(|| format!("no entity matches {:?}", p.entity))?;
                let (start, end) = placements(&actions, &ent.id);
                let start_region = start.and_then(|p| p.region);
                let end_region = end.and_then(|p| p.region);
                if p.from.is_some() && start_region != p.from {
                    return Err(format!(
                        "{} starts at {start_region:?}, expected {:?}",
                        ent.id, p.from
                    ));
                }
                if p.to.is_some() && end_region != p.to {
                    return Err(format!(
                        "{} ends at {end_region:?}, expected {:?}",
                        ent.id, p.to
                    ));
                }
                Ok(format!(
                    "{} moves {start_region:?} → {end_region:?}",
                    ent.id
                ))
            })(),
        );
    }
    if let Some(items) = &e.spatial {
        push(
            "spatial",
            items
                .iter()
                .try_for_each(|s| {
                    let ent = find_entity(sb, &s.entity)
                        .ok_or_else(|| format!("no entity matches {:?}", s.entity))?;
                    let (start, end) = placements(&actions, &ent.id);
                    let at = if s.when == When::Start { start } else { end };
                    let ok = at.is_some_and(|p| {
                        p.relation == Some(s.relation)
                            && p.anchor
                                .as_deref()
                                .and_then(|a| sb.entity(a))
                                .is_some_and(|a| entity_matches(a, &s.anchor))
                    });
                    if ok {
                        Ok(())
                    } else {
                        Err(format!(
                            "{} at {:?} is {:?}, expected {:?} {:?}",
                            ent.id,
                            s.when,
                            at.map(|p| (p.relation, p.anchor.clone())),
                            s.relation,
                            s.anchor
                        ))
                    }
                })
                .map(|()| "all relations hold".into()),
        );
    }
    if let Some(st) = &e.state {
        push("state", check_state(sb, plan, &actions, st));
    }
    if let Some(range) = &e.shots {
        let n = sb.shots.len();
        let ok = range.min.is_none_or(|m| n >= m) && range.max.is_none_or(|m| n <= m);
        push(
            "shots",
            if ok {
                Ok(format!("{n} shots"))
            } else {
                Err(format!(
                    "{n} shots, expected {:?}..={:?}",
                    range.min, range.max
                ))
            },
        );
    }
    if let Some(d) = e.duration_s {
        let ok = (sb.duration_s - d).abs() <= 0.05 * d.max(1.0);
        push(
            "duration_s",
            if ok {
                Ok(format!("{} s", sb.duration_s))
            } else {
                Err(format!("{} s, expected {d} s", sb.duration_s))
            },
        );
    }
    if let Some(f) = e.framing_first {
        let got = sb.shots.first().map(|s| s.framing);
        push(
            "framing_first",
            if got == Some(f) {
                Ok(format!("{f:?}"))
            } else {
                Err(format!("first shot is {got:?}, expected {f:?}"))
            },
        );
    }
    if let Some(a) = e.angle_first {
        let got = sb.shots.first().map(|s| s.angle);
        push(
            "angle_first",
            if got == Some(a) {
                Ok(format!("{a:?}"))
            } else {
                Err(format!("first shot is {got:?}, expected {a:?}"))
            },
        );
    }
    CaseScore {
        id: case.id.clone(),
        category: case.category.clone(),
        verdicts,
    }
}

/// The storyboard keys a case expects (scored as failed when there is no storyboard).
fn keys(case: &Case) -> Vec<&'static str> {
    let e = &case.expect;
    let mut k = Vec::new();
    for (present, key) in [
        (e.camera.is_some(), "camera"),
        (e.actions.is_some(), "actions"),
        (e.entities.is_some(), "entities"),
        (e.path.is_some(), "path"),
        (e.spatial.is_some(), "spatial"),
        (e.state.is_some(), "state"),
        (e.shots.is_some(), "shots"),
        (e.duration_s.is_some(), "duration_s"),
        (e.framing_first.is_some(), "framing_first"),
        (e.angle_first.is_some(), "angle_first"),
    ] {
        if present {
            k.push(key);
        }
    }
    k
}

/// Whether an error message reads as a sentence for people.
fn clear(message: &str) -> bool {
    let m = message.trim();
    m.len() >= 12 && m.contains(' ') && !m.contains("Error {") && !m.starts_with('{')
}

/// Every action with its absolute start time, in time order (ties keep storyboard order).
fn timed_actions(sb: &Storyboard) -> Vec<(f64, &Action)> {
    let mut out: Vec<(f64, &Action)> = sb
        .shots
        .iter()
        .zip(sb.shot_starts())
        .flat_map(|(s, t)| s.actions.iter().map(move |a| (t + a.start_s, a)))
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Expected action phrases, matched in time order.
fn match_actions(expected: &[String], actions: &[(f64, &Action)]) -> Result<String, String> {
    let mut next = 0;
    for phrase in expected {
        match actions
            .iter()
            .skip(next)
            .position(|(_, a)| action_matches(a, phrase))
        {
            Some(k) => next += k + 1,
            None => {
                let anywhere = actions.iter().any(|(_, a)| action_matches(a, phrase));
                let listed: Vec<String> = actions
                    .iter()
                    .map(|(_, a)| format!("{}:{}", a.entity, a.verb))
                    .collect();
                return Err(if anywhere {
                    format!(
                        "action {phrase:?} is out of order; actions in time order are {listed:?}"
                    )
                } else {
                    format!("no action matches {phrase:?}; actions are {listed:?}")
                });
            }
        }
    }
    Ok("actions present in order".into())
}

/// Whether every word of `phrase` is the action's verb or a word of its description.
fn action_matches(a: &Action, phrase: &str) -> bool {
    let mut words = words(&a.description);
    words.push(a.verb.to_lowercase());
    self::words(phrase)
        .iter()
        .all(|p| words.iter().any(|w| word_eq(w, p)))
}

/// The entity a phrase names: its words contiguous in the id or the description.
fn find_entity<'a>(sb: &'a Storyboard, phrase: &str) -> Option<&'a Entity> {
    sb.entities.iter().find(|e| entity_matches(e, phrase))
}

fn entity_matches(e: &Entity, phrase: &str) -> bool {
    let p = words(phrase);
    contains_run(&words(&e.id), &p) || contains_run(&words(&e.description), &p)
}

/// The entity's first and last placement over its actions in time order.
fn placements<'a>(
    actions: &[(f64, &'a Action)],
    id: &str,
) -> (Option<&'a Placement>, Option<&'a Placement>) {
    let mine: Vec<&Action> = actions
        .iter()
        .filter(|(_, a)| a.entity == id)
        .map(|(_, a)| *a)
        .collect();
    let start = mine.iter().find_map(|a| a.from.as_ref().or(a.to.as_ref()));
    let end = mine
        .iter()
        .rev()
        .find_map(|a| a.to.as_ref().or(a.from.as_ref()));
    (start, end)
}

/// The state change is on an action of the entity, and the first / last keyframe prompts
/// of that action's shot show the states.
fn check_state(
    sb: &Storyboard,
    plan: &KeyframePlan,
    actions: &[(f64, &Action)],
    st: &super::suite::StateExpect,
) -> Result<String, String> {
    let ent =
        find_entity(sb, &st.entity).ok_or_else(|| format!("no entity matches {:?}", st.entity))?;
    let fits = |value: &Option<String>, want: &Option<String>| {
        want.as_ref()
            .is_none_or(|w| value.as_ref().is_some_and(|v| contains_words(v, w)))
    };
    let action = actions
        .iter()
        .map(|(_, a)| *a)
        .find(|a| {
            a.entity == ent.id
                && (a.state_from.is_some() || a.state_to.is_some())
                && fits(&a.state_from, &st.from)
                && fits(&a.state_to, &st.to)
        })
        .ok_or_else(|| {
            let changes: Vec<_> = actions
                .iter()
                .filter(|(_, a)| a.entity == ent.id)
                .map(|(_, a)| (a.state_from.clone(), a.state_to.clone()))
                .collect();
            format!(
                "no action of {} changes {:?} → {:?}; its changes are {changes:?}",
                ent.id, st.from, st.to
            )
        })?;
    let shot = sb
        .shots
        .iter()
        .find(|s| s.actions.iter().any(|a| std::ptr::eq(a, action)))
        .map(|s| s.id.as_str())
        .unwrap_or("");
    let frames: Vec<_> = plan.keyframes.iter().filter(|k| k.shot == shot).collect();
    let (Some(first), Some(last)) = (frames.first(), frames.last()) else {
        return Err(format!("the plan has no keyframes for shot {shot}"));
    };
    if let Some(from) = &st.from
        && !contains_words(&first.prompt, from)
    {
        return Err(format!(
            "the first keyframe prompt of {shot} does not show {from:?}: {:?}",
            first.prompt
        ));
    }
    if let Some(to) = &st.to
        && !contains_words(&last.prompt, to)
    {
        return Err(format!(
            "the last keyframe prompt of {shot} does not show {to:?}: {:?}",
            last.prompt
        ));
    }
    Ok(format!(
        "{} changes {:?} → {:?}",
        ent.id, action.state_from, action.state_to
    ))
}

/// Lower-case alphanumeric words of `text`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word of `phrase` appears in `text`.
fn contains_words(text: &str, phrase: &str) -> bool {
    let t = words(text);
    words(phrase)
        .iter()
        .all(|p| t.iter().any(|w| word_eq(w, p)))
}

/// Whether `run` appears contiguously in `words`.
fn contains_run(words: &[String], run: &[String]) -> bool {
    !run.is_empty()
        && words
            .windows(run.len())
            .any(|w| w.iter().zip(run).all(|(a, b)| word_eq(a, b)))
}

/// Word equality up to inflection.
fn word_eq(a: &str, b: &str) -> bool {
    a == b
        || lemma(a) == lemma(b)
        || a.strip_suffix('s') == Some(b)
        || b.strip_suffix('s') == Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::suite::parse_suite;

    fn case(expect: &str) -> Case {
        let line = format!(r#"{{"id": "t", "category": "c", "prompt": "p", "expect": {expect}}}"#);
        parse_suite(&line)
            .unwrap_or_else(|e| panic!("{e}"))
            .remove(0)
    }

    #[test]
    fn words_match_up_to_inflection() {
        assert!(word_eq("buries", "bury"));
        assert!(word_eq("cars", "car"));
        assert!(!word_eq("cat", "category"));
        assert!(contains_run(
            &words("ice_sculpture"),
            &words("ice sculpture")
        ));
        assert!(!contains_run(&words("a category"), &words("cat")));
    }

    #[test]
    fn failures_without_a_storyboard_fail_every_key() {
        let c = case(r#"{"entities": ["cat"], "shots": {"min": 1}}"#);
        let s = score_case(
            &c,
            &Outcome::Failed("the prompt is empty; say something".into()),
        );
        assert_eq!(s.verdicts.len(), 2);
        assert_eq!(s.score(), 0.0);
    }

    #[test]
    fn error_expectations_need_a_clear_failure() {
        let c = case(r#"{"error": true}"#);
        assert_eq!(
            score_case(
                &c,
                &Outcome::Failed("the prompt is empty; describe a scene".into())
            )
            .score(),
            1.0
        );
        assert_eq!(score_case(&c, &Outcome::Failed("E".into())).score(), 0.0);
        assert_eq!(
            score_case(&c, &Outcome::Panicked("boom".into())).score(),
            0.0
        );
    }
}
