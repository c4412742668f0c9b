//! Scoring one compiled case against its expectations. Phrases match words of entity ids,
//! descriptions, verbs and prompts as whole words (a verb form matches its base: "buries"
//! matches "bury"; a plural its singular).

use super::matching::{action_matches, entity_matches, find_entity, timed_actions};
use super::suite::{Case, When};
use super::{plan_checks, story_checks};
use crate::ir::{Action, KeyframePlan, Placement, Storyboard};

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
        push(
            "state",
            story_checks::states(sb, plan, &actions, std::slice::from_ref(st)),
        );
    }
    if let Some(changes) = &e.states {
        push("states", story_checks::states(sb, plan, &actions, changes));
    }
    if let Some(items) = &e.attributes {
        push(
            "attributes",
            all(
                items,
                |a| story_checks::attributes(sb, a),
                "attributes bound",
            ),
        );
    }
    if let Some(banned) = &e.not_entities {
        push(
            "not_entities",
            story_checks::not_entities(sb, banned).map(|()| "no banned entity".into()),
        );
    }
    if let Some(b) = &e.beats {
        push(
            "beats",
            story_checks::beats(sb, b).map(|()| "beats in order".into()),
        );
    }
    if let Some(c) = &e.camera_after {
        push(
            "camera_after",
            story_checks::camera_after(sb, &actions, c).map(|()| "camera move after".into()),
        );
    }
    if let Some(items) = &e.count {
        push(
            "count",
            all(items, |c| plan_checks::count(sb, plan, c), "counts shown"),
        );
    }
    if let Some(items) = &e.visible {
        push(
            "visible",
            all(
                items,
                |v| plan_checks::visible(sb, plan, v),
                "visibility shown",
            ),
        );
    }
    if let Some(items) = &e.direction {
        push(
            "direction",
            all(
                items,
                |d| plan_checks::direction(sb, plan, d),
                "directions shown",
            ),
        );
    }
    if let Some(items) = &e.layout {
        push(
            "layout",
            all(items, |l| plan_checks::layout(sb, plan, l), "layout holds"),
        );
    }
    if let Some(items) = &e.regions {
        push(
            "regions",
            all(items, |r| plan_checks::region(sb, plan, r), "regions hold"),
        );
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
        (e.states.is_some(), "states"),
        (e.attributes.is_some(), "attributes"),
        (e.not_entities.is_some(), "not_entities"),
        (e.beats.is_some(), "beats"),
        (e.camera_after.is_some(), "camera_after"),
        (e.count.is_some(), "count"),
        (e.visible.is_some(), "visible"),
        (e.direction.is_some(), "direction"),
        (e.layout.is_some(), "layout"),
        (e.regions.is_some(), "regions"),
    ] {
        if present {
            k.push(key);
        }
    }
    k
}

/// Every item checked in turn: the first failure, or `done`.
fn all<T>(
    items: &[T],
    check: impl Fn(&T) -> Result<(), String>,
    done: &str,
) -> Result<String, String> {
    items.iter().try_for_each(check).map(|()| done.to_string())
}

/// Whether an error message reads as a sentence for people.
fn clear(message: &str) -> bool {
    let m = message.trim();
    m.len() >= 12 && m.contains(' ') && !m.contains("Error {") && !m.starts_with('{')
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

#[cfg(test)]
mod new_key_tests {
    use super::*;
    use crate::eval::suite::parse_suite;
    use crate::lower::{LowerOptions, lower};

    /// The panda walking left → right, then turning and waving, lowered for the generic
    /// profile.
    fn panda() -> Outcome {
        let sb: Storyboard = serde_json::from_str(include_str!("../../examples/panda.json"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (checked, _) = crate::check::accept(sb).unwrap_or_else(|e| panic!("{e}"));
        let plan = lower(&checked, &crate::target::GENERIC, &LowerOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        Outcome::Compiled {
            storyboard: Box::new(checked.into_storyboard()),
            plan: Box::new(plan),
        }
    }

    fn verdict(expect: &str) -> Verdict {
        let line = format!(r#"{{"id": "t", "category": "c", "prompt": "p", "expect": {expect}}}"#);
        let case = parse_suite(&line)
            .unwrap_or_else(|e| panic!("{e}"))
            .remove(0);
        score_case(&case, &panda()).verdicts.remove(0)
    }

    #[test]
    fn plan_keys_read_the_boxes() {
        assert!(verdict(r#"{"direction": [{"entity": "panda", "dir": "right"}]}"#).passed);
        assert!(!verdict(r#"{"direction": [{"entity": "panda", "dir": "left"}]}"#).passed);
        assert!(verdict(r#"{"count": [{"entity": "panda", "n": 1}]}"#).passed);
        assert!(!verdict(r#"{"count": [{"entity": "panda", "n": 3}]}"#).passed);
        assert!(
            verdict(r#"{"visible": [{"entity": "panda", "first": true, "last": true}]}"#).passed
        );
        assert!(!verdict(r#"{"visible": [{"entity": "panda", "first": false}]}"#).passed);
        assert!(
            verdict(r#"{"regions": [{"entity": "panda", "when": "start", "region": "left"}, {"entity": "panda", "when": "end", "region": "right"}]}"#)
                .passed
        );
        assert!(
            !verdict(r#"{"regions": [{"entity": "panda", "when": "start", "region": "right"}]}"#)
                .passed
        );
        let missing = verdict(
            r#"{"layout": [{"entity": "panda", "relation": "left_of", "anchor": "bamboo", "when": "start"}]}"#,
        );
        assert!(
            !missing.passed && missing.why.contains("bamboo"),
            "{missing:?}"
        );
    }

    #[test]
    fn story_keys_read_the_storyboard() {
        assert!(
            verdict(r#"{"attributes": [{"entity": "panda", "words": ["giant", "fur"]}]}"#).passed
        );
        assert!(!verdict(r#"{"attributes": [{"entity": "panda", "words": ["red"]}]}"#).passed);
        assert!(verdict(r#"{"not_entities": ["scene", "video"]}"#).passed);
        assert!(!verdict(r#"{"not_entities": ["pandas"]}"#).passed);
        assert!(verdict(r#"{"beats": ["stroll", "wave"]}"#).passed);
        assert!(!verdict(r#"{"beats": ["dance"]}"#).passed);
        assert!(
            verdict(
                r#"{"camera_after": {"move": "truck", "after": "walk", "direction": "right"}}"#
            )
            .passed
        );
        assert!(!verdict(r#"{"camera_after": {"move": "truck", "after": "wave"}}"#).passed);
        assert!(
            !verdict(r#"{"states": [{"entity": "panda", "from": "white", "to": "black"}]}"#).passed
        );
    }
}
