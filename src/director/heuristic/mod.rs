//! The heuristic director: a deterministic, rule-based decomposer of English prompts. No
//! network, no model files; its vocabulary is the shared lexicon of [`crate::lang`].
//!
//! The rules run in stages, one file each: [`tidy`] corrects misspellings and drops emoji,
//! [`tokenize`] splits words, [`clauses`] cuts
//! clauses on temporal connectives and orders them in time, [`timing`] reads durations,
//! [`predicate`] finds subjects and verbs ([`verbs`] lemmatizes), [`entities`] names the
//! things and resolves pronouns, [`placements`] reads paths and relations, [`states`] reads
//! appearance changes, [`camera`] reads moves, framing and angle, [`style`] the look,
//! [`analyze`] combines them per clause, [`shots`] groups clauses into timed shots,
//! [`title`] shortens the title at a phrase boundary and [`limits`] keeps the texts within
//! the checker's limits.

mod analyze;
mod camera;
mod clauses;
mod entities;
mod kinds;
mod limits;
mod manner;
mod mentions;
mod objects;
mod paths;
mod placements;
mod predicate;
mod shots;
mod states;
mod style;
#[cfg(test)]
mod test_support;
mod tidy;
mod timing;
mod title;
mod tokenize;
mod verbs;
mod visibility;
mod words;

use std::time::Instant;

use async_trait::async_trait;

pub use crate::lang::verb_lemma as lemma;

use super::{Directed, Director, DirectorError, Request, checked_prompt, fidelity};
use crate::check::limits::MAX_DURATION_S;
use crate::check::{self, Diagnostic};
use crate::ir::{Angle, Framing, Meta, SCHEMA_VERSION, Shot, Storyboard, Transition};
use crate::lang::lexicon;
use entities::Registry;
use shots::Timed;

/// Version of the rules, recorded in `meta.prompt_version`. Bump it when a rule change
/// alters storyboards.
pub const RULES_VERSION: &str = "heuristic-rules-3";

/// The most words of the prompt a fallback storyboard's description keeps.
const MAX_FALLBACK_WORDS: usize = 60;

/// The offline, rule-based director: the default when no LLM endpoint is configured.
#[derive(Debug, Clone, Copy, Default)]
pub struct Heuristic;

impl Heuristic {
    /// Decomposes `request` into a storyboard, synchronously, in time linear in the prompt's
    /// length. Fails only on an empty prompt or one over [`super::MAX_PROMPT_CHARS`].
    pub fn decompose(&self, request: &Request) -> Result<Storyboard, DirectorError> {
        self.decompose_noted(request)
            .map(|(storyboard, _)| storyboard)
    }

    /// [`Heuristic::decompose`], with a `fixed` E0102 diagnostic when the prompt or the
    /// request asks for more than the checker's one-hour limit and the video was shortened
    /// to it.
    fn decompose_noted(
        &self,
        request: &Request,
    ) -> Result<(Storyboard, Option<Diagnostic>), DirectorError> {
        let prompt = checked_prompt(&request.prompt)?;
        let requested = request
            .duration_s
            .filter(|d| d.is_finite() && *d > 0.0)
            .map(|d| d.min(timing::MAX_STATED_S));
        if !mostly_latin(prompt) || !mostly_english(prompt) {
            tracing::debug!(
                "heuristic: prompt is not English the rules can read; one-shot fallback"
            );
            let (target, cut) = within_limit(requested);
            return Ok((fallback(prompt, target), cut));
        }
        let tokens = tokenize::tokenize(prompt);
        let mut clauses = clauses::split(&tokens);
        let mut total = None;
        let mut action_s = Vec::with_capacity(clauses.len());
        for clause in &mut clauses {
            let found = timing::extract(&mut clause.tokens);
            total = total.or(found.total_s);
            action_s.push(found.action_s);
        }
        share_durations(&clauses, &mut action_s);
        let mut registry = Registry::default();
        let readings = analyze::read_all(&clauses, &mut registry);
        let groups = shots::group(&clauses, &readings);
        tracing::debug!(
            clauses = clauses.len(),
            entities = registry.entities.len(),
            shots = groups.len(),
            stated_total_s = ?total,
            "heuristic: clauses read"
        );
        let mut timed = shots::build(&groups, &clauses, &readings, &action_s, &registry.entities);
        if timed.is_empty() {
            tracing::debug!("heuristic: no clause gave a shot; one-shot fallback");
            let (target, cut) = within_limit(requested);
            return Ok((fallback(prompt, target), cut));
        }
        // the length asked for, else the actions' natural sum, cut to the hour when longer
        let stated = requested.or(total);
        let natural: f64 = timed.iter().map(|t| t.shot.duration_s).sum();
        let (limited, cut) = within_limit(Some(stated.unwrap_or(natural)));
        let target = if cut.is_some() { limited } else { stated };
        if let Some(target) = target.filter(|t| *t > 0.0) {
            fit_total(&mut timed, target);
        }
        let mut shots: Vec<Shot> = timed.into_iter().map(|t| t.shot).collect();
        round_times(&mut shots, target);
        if let Some(last) = shots.last_mut() {
            last.transition = Transition::Cut;
        }
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| !t.punct)
            .map(|t| t.lower.as_str())
            .collect();
        let mut storyboard = Storyboard {
            schema_version: SCHEMA_VERSION.into(),
            title: title(&shots, &registry, prompt),
            duration_s: round2(shots.iter().map(|s| s.duration_s).sum()),
            style: style::style(&words),
            entities: registry.entities,
            shots,
        };
        // The rules do not block shots yet: the cast is read off the actions, anchors,
        // camera targets and shot descriptions, as for a version 1 storyboard.
        check::infer_casts(&mut storyboard);
        visibility::windows(&mut storyboard.shots);
        limits::fit_texts(&mut storyboard);
        Ok((storyboard, cut))
    }
}

/// `asked` (seconds) cut to the checker's one-hour limit, and the `fixed` diagnostic that
/// says so when it was longer: a long video is never shortened silently.
fn within_limit(asked: Option<f64>) -> (Option<f64>, Option<Diagnostic>) {
    match asked {
        Some(asked) if asked > MAX_DURATION_S => (
            Some(MAX_DURATION_S),
            Some(Diagnostic::fixed(
                check::codes::TOO_LONG,
                "/duration_s",
                format!(
                    "the prompt asks for a video of {} s, longer than the limit of {MAX_DURATION_S} s (one hour); it was shortened to {MAX_DURATION_S} s",
                    round2(asked)
                ),
            )
            .with_help("split the scene into several prompts of at most an hour"),
        )),
        other => (other, None),
    }
}

#[async_trait]
impl Director for Heuristic {
    fn name(&self) -> &'static str {
        "heuristic"
    }

    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        let started = Instant::now();
        let (mut storyboard, cut) = self.decompose_noted(request)?;
        // the predicates a replayed or LLM storyboard of this prompt is checked against,
        // read off the storyboard before the fixes exactly as `fidelity::predicates` does
        let predicates = fidelity::extract(&request.prompt, &storyboard, request.duration_s);
        let mut diagnostics: Vec<Diagnostic> = cut.into_iter().collect();
        diagnostics.extend(check::fix(&mut storyboard));
        diagnostics.extend(
            check::check(&storyboard)
                .into_iter()
                .filter(|d| !d.is_error()),
        );
        let meta = Meta {
            director: self.name().into(),
            prompt_version: Some(RULES_VERSION.into()),
            attempts: 1,
            elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
            predicates,
            ..Meta::default()
        };
        Ok(Directed {
            storyboard,
            meta,
            diagnostics: diagnostics.into_iter().collect::<Vec<Diagnostic>>(),
        })
    }
}

/// A duration stated on the last of several clauses joined by "and" ("stops and looks at
/// the camera for 4 seconds") covers them all, in equal parts.
fn share_durations(clauses: &[clauses::Clause], action_s: &mut [Option<f64>]) {
    for end in 0..clauses.len() {
        let Some(total) = action_s[end] else { continue };
        let mut start = end;
        while start > 0
            && clauses[start].joined_by_and
            && action_s[start - 1].is_none()
            && clauses[start - 1].sentence == clauses[end].sentence
        {
            start -= 1;
        }
        let n = (end - start + 1) as f64;
        for slot in &mut action_s[start..=end] {
            *slot = Some(total / n);
        }
    }
}

/// Whether enough words of `text` are English words the rules know (function words,
/// listed nouns, adjectives, verbs): below a third, the prompt is in another language.
fn mostly_english(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return false;
    }
    let lex = lexicon();
    let known = words
        .iter()
        .filter(|w| {
            words::is_function_word(w)
                || lex.is_noun(w)
                || lex.is_adjective(w)
                || verbs::known_verb(w).is_some()
                || words::number(w).is_some()
                || lex.is_partitive(w)
        })
        .count();
    known * 3 >= words.len()
}

/// Whether most letters of `text` are Latin script (the rules read English only).
fn mostly_latin(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(c))
        .count();
    letters > 0 && latin * 2 >= letters
}

/// The best-effort storyboard for a prompt the rules cannot read (another language,
/// symbols): one shot that carries the prompt text as its description.
fn fallback(prompt: &str, requested: Option<f64>) -> Storyboard {
    let text: String = prompt
        .split_whitespace()
        .take(MAX_FALLBACK_WORDS)
        .collect::<Vec<_>>()
        .join(" ");
    let duration = round2(requested.unwrap_or(timing::MIN_SHOT_S));
    let mut storyboard = Storyboard {
        schema_version: SCHEMA_VERSION.into(),
        title: title::cut(&text.split_whitespace().collect::<Vec<_>>()).join(" "),
        duration_s: duration,
        style: String::new(),
        entities: Vec::new(),
        shots: vec![Shot {
            id: "s1".into(),
            duration_s: duration,
            setting: String::new(),
            description: text,
            framing: Framing::Wide,
            angle: Angle::EyeLevel,
            cast: Vec::new(),
            camera: Vec::new(),
            actions: Vec::new(),
            transition: Transition::Cut,
        }],
    };
    limits::fit_texts(&mut storyboard);
    storyboard
}

/// Rescales slot lengths so the shots add up to `target` seconds: stated durations are kept
/// when they fit and the rest share what is left; otherwise everything scales.
fn fit_total(timed: &mut [Timed], target: f64) {
    let explicit: f64 = timed
        .iter()
        .flat_map(|t| &t.slots)
        .filter(|(_, e)| *e)
        .map(|(w, _)| w)
        .sum();
    let default: f64 = timed
        .iter()
        .flat_map(|t| &t.slots)
        .filter(|(_, e)| !e)
        .map(|(w, _)| w)
        .sum();
    let (scale_explicit, scale_default) = if default > 0.0 && explicit < target {
        (1.0, (target - explicit) / default)
    } else {
        let all = explicit + default;
        (target / all, target / all)
    };
    for t in timed {
        let old: Vec<f64> = t.slots.iter().map(|(w, _)| *w).collect();
        for (w, e) in &mut t.slots {
            *w *= if *e { scale_explicit } else { scale_default };
        }
        shots::retime(&mut t.shot.actions, &mut t.shot.camera, &old, &t.slots);
        let new_duration: f64 = t.slots.iter().map(|(w, _)| w).sum();
        t.shot.duration_s = new_duration;
    }
}

/// Rounds every time to centiseconds, keeping the shots' sum equal to `total` when given
/// and every interval inside its shot.
fn round_times(shots: &mut [Shot], total: Option<f64>) {
    for s in shots.iter_mut() {
        s.duration_s = round2(s.duration_s).max(0.1);
    }
    if let Some(total) = total {
        let others: f64 = shots.iter().rev().skip(1).map(|s| s.duration_s).sum();
        if let Some(last) = shots.last_mut() {
            last.duration_s = round2((total - others).max(0.1));
        }
        // shots raised to the 0.1 s minimum can push the sum past the total (past the
        // one-hour limit when the total is that limit): the longest shot gives the excess back
        let excess = round2(shots.iter().map(|s| s.duration_s).sum::<f64>() - total);
        if excess > 0.0
            && let Some(longest) = shots
                .iter_mut()
                .max_by(|a, b| a.duration_s.total_cmp(&b.duration_s))
        {
            longest.duration_s = round2((longest.duration_s - excess).max(0.1));
        }
    }
    for s in shots.iter_mut() {
        let d = s.duration_s;
        for a in &mut s.actions {
            a.start_s = round2(a.start_s).clamp(0.0, d);
            a.end_s = round2(a.end_s).clamp(0.0, d);
        }
        // An action left with no time after rounding (a slot under 10 ms: dozens of clauses
        // in one shot) cannot be shown; widening it instead would overlap its neighbour.
        // If none has time left, the first one takes the whole shot.
        if s.actions.iter().any(|a| a.end_s > a.start_s) {
            s.actions.retain(|a| a.end_s > a.start_s);
        } else {
            s.actions.truncate(1);
            for a in &mut s.actions {
                a.start_s = 0.0;
                a.end_s = d;
            }
        }
        for c in &mut s.camera {
            c.start_s = round2(c.start_s).clamp(0.0, d);
            c.end_s = round2(c.end_s).clamp(0.0, d);
            if c.end_s <= c.start_s {
                c.start_s = 0.0;
                c.end_s = d;
            }
        }
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A short title: the first actor and what it does, else the prompt's first words.
fn title(shots: &[Shot], registry: &Registry, prompt: &str) -> String {
    let first = shots.iter().flat_map(|s| &s.actions).next();
    let text = match first.and_then(|a| {
        registry
            .entities
            .iter()
            .find(|e| e.id == a.entity)
            .map(|e| (e, a))
    }) {
        Some((e, a)) => format!("{} {}", title::entity_name(e), a.description),
        None => prompt.to_string(),
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = title::cut(&words).join(" ");
    let trimmed = joined.trim_end_matches([',', '.', ';', ':', '!', '?']);
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_up_to_the_limit_give_storyboards_and_longer_ones_are_refused() {
        // shapes that were quadratic or worse (benches/heuristic.rs times them)
        for unit in [
            "a panda, ",
            "a panda walks then ",
            "a red cube, a blue cube, ",
            "a crowd walks, it falls, ",
            "red ",
        ] {
            let prompt = unit.repeat(super::super::MAX_PROMPT_CHARS / unit.len());
            let storyboard = Heuristic.decompose(&Request::new(prompt.as_str()));
            assert!(storyboard.is_ok(), "{unit:?}: {:?}", storyboard.err());
            let over = format!("{prompt}{unit}{unit}");
            assert!(matches!(
                Heuristic.decompose(&Request::new(over)),
                Err(DirectorError::PromptTooLong { .. })
            ));
        }
    }

    #[tokio::test]
    async fn meta_records_the_predicates_the_gate_would_check() {
        let request = Request::new("a panda walks from left to right, then turns and waves");
        let directed = Heuristic.direct(&request).await.unwrap();
        assert!(!directed.meta.predicates.is_empty());
        assert_eq!(directed.meta.predicates, fidelity::predicates(&request));
        assert!(fidelity::check(&directed.storyboard, &directed.meta.predicates).is_empty());
    }
}
