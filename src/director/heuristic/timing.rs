//! Durations: "for 3 seconds" (one action), "a 10-second video" / "over 20 seconds" (the
//! whole video), and the defaults used when a prompt names none.

use super::tokenize::Token;
use super::words::{is_function_word, number};
use crate::lang::{Closed, DurationScope, lexicon};

/// Seconds given to an action when the prompt names no duration.
pub(super) const DEFAULT_ACTION_S: f64 = 2.5;
/// Shortest natural length of a shot in seconds.
pub(super) const MIN_SHOT_S: f64 = 5.0;
/// Longest duration read as stated, in seconds (about 31 years), which keeps sums of
/// durations finite. A video longer than the checker's one-hour limit is shortened to it
/// later, with a `fixed` E0102 diagnostic that names the length asked for.
pub(super) const MAX_STATED_S: f64 = 1e9;

/// Durations found in a clause.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Durations {
    /// Length of the whole video, if the clause states it.
    pub total_s: Option<f64>,
    /// Length of this clause's action, if stated.
    pub action_s: Option<f64>,
    /// Number of shots the clause asks for ("three shots:").
    pub shots: Option<usize>,
}

/// Removes duration phrases from `tokens` and returns what they said.
pub(super) fn extract(tokens: &mut Vec<Token>) -> Durations {
    let mut found = Durations::default();
    let mut i = 0;
    while i < tokens.len() {
        let Some((seconds, len)) = quantity(tokens, i) else {
            if let Some(n) = tokens.get(i).and_then(|t| number(&t.lower))
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| lexicon().is_shots_noun(&t.lower))
            {
                found.shots = Some(n as usize);
                tokens.drain(i..i + 2);
                continue;
            }
            i += 1;
            continue;
        };
        let before = i
            .checked_sub(1)
            .map(|k| tokens[k].lower.as_str())
            .unwrap_or("");
        let after = tokens.get(i + len).map_or("", |t| t.lower.as_str());
        let (start, end, total) = match (lexicon().duration_scope(before), after) {
            (Some(DurationScope::Action), _) if !lexicon().is_video_noun(after) => {
                (i - 1, i + len, false)
            }
            (Some(DurationScope::Total), _) => (i - 1, i + len, true),
            (_, "long") => (i, i + len + 1, true),
            (_, "of") => (i, i + len, true),
            _ if names_video(tokens, i + len) || opens_clause(tokens, i, len) => (i, i + len, true),
            _ => (i, i + len, false),
        };
        let seconds = seconds.min(MAX_STATED_S);
        if total {
            found.total_s = Some(seconds);
        } else {
            found.action_s = Some(seconds);
        }
        tokens.drain(start..end);
        i = start;
    }
    found
}

/// The most words between a stated length and the noun it measures ("a 60-second brand
/// film").
const MAX_MODIFIERS: usize = 3;

/// Whether the noun phrase at `i`, right after a stated length, names the whole video
/// ("ad", "teaser", "brand film"): the length is then the video's.
fn names_video(tokens: &[Token], i: usize) -> bool {
    tokens[i.min(tokens.len())..]
        .iter()
        .take(MAX_MODIFIERS + 1)
        .take_while(|t| !t.punct && !lexicon().is(Closed::Preposition, t.lower.as_str()))
        .any(|t| lexicon().is_video_noun(&t.lower))
}

/// Whether a length written as one adjective ("20-second") opens its clause, after
/// determiners only, before a content word: "A 20-second look at a city waking up" measures
/// the whole video.
fn opens_clause(tokens: &[Token], i: usize, len: usize) -> bool {
    len == 1
        && tokens[i].lower.contains('-')
        && tokens[..i]
            .iter()
            .all(|t| lexicon().is(Closed::Determiner, t.lower.as_str()))
        && tokens
            .get(i + 1)
            .is_some_and(|t| !t.punct && !is_function_word(&t.lower))
}

/// A number with a time unit at `i` ("6 seconds", "10-second", "2 minutes", "5s") in
/// seconds, and how many tokens it spans.
fn quantity(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let w = tokens.get(i)?.lower.as_str();
    if let Some((n, unit)) = w.rsplit_once('-')
        && let (Some(v), Some(scale)) = (number(n), unit_scale(unit))
    {
        return Some((v * scale, 1));
    }
    if let Some(pos) = w.find(|c: char| c.is_alphabetic())
        && pos > 0
        && let (Some(v), Some(scale)) = (number(&w[..pos]), unit_scale(&w[pos..]))
    {
        return Some((v * scale, 1));
    }
    let v = number(w)?;
    let unit = tokens.get(i + 1)?.lower.as_str();
    let unit = unit.strip_prefix('-').unwrap_or(unit);
    Some((v * unit_scale(unit)?, 2))
}

fn unit_scale(unit: &str) -> Option<f64> {
    lexicon().duration_unit(unit)
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::{join, tokenize};
    use super::*;

    fn run(text: &str) -> (Durations, String) {
        let mut t = tokenize(text);
        let d = extract(&mut t);
        (d, join(&t))
    }

    #[test]
    fn action_durations() {
        let (d, rest) = run("a fox trots through snow for 6 seconds");
        assert_eq!(d.action_s, Some(6.0));
        assert_eq!(rest, "a fox trots through snow");
    }

    #[test]
    fn long_durations_are_kept_for_the_checker_and_absurd_ones_stay_finite() {
        assert_eq!(
            run("a cat sleeps for 3601 seconds").0.action_s,
            Some(3601.0)
        );
        assert_eq!(run("a 20-minute film").0.total_s, Some(1200.0));
        assert_eq!(
            run("a cat sleeps for 1e308 minutes").0.action_s,
            Some(MAX_STATED_S)
        );
    }

    #[test]
    fn total_durations() {
        assert_eq!(run("A 10-second video").0.total_s, Some(10.0));
        assert_eq!(run("A 5 second clip of fireworks").0.total_s, Some(5.0));
        assert_eq!(
            run("Over 20 seconds a skyline darkens").0.total_s,
            Some(20.0)
        );
        assert_eq!(run("a 2-minute film").0.total_s, Some(120.0));
        assert_eq!(run("it lasts 8s long").0.total_s, Some(8.0));
    }

    #[test]
    fn lengths_of_briefs_are_totals() {
        assert_eq!(run("A 30-second ad for a bottle").0.total_s, Some(30.0));
        assert_eq!(run("15 second teaser for a film").0.total_s, Some(15.0));
        assert_eq!(run("Twenty-second commercial").0.total_s, Some(20.0));
        assert_eq!(run("a forty-five-second reel").0.total_s, Some(45.0));
        assert_eq!(
            run("60-second brand film for a scooter").0.total_s,
            Some(60.0)
        );
        assert_eq!(run("make a 6-second bumper").0.total_s, Some(6.0));
        assert_eq!(run("A 20-second look at a harbor").0.total_s, Some(20.0));
        assert_eq!(run("ten seconds of rain").0.total_s, Some(10.0));
        // a length on an action stays the action's
        let (d, _) = run("the dog holds a 3-second pause before the jump");
        assert_eq!((d.total_s, d.action_s), (None, Some(3.0)));
    }

    #[test]
    fn shot_counts() {
        let (d, rest) = run("Three shots");
        assert_eq!(d.shots, Some(3));
        assert_eq!(rest, "");
    }
}
