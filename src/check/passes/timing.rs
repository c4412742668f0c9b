//! Times and durations (E05xx): finite, positive durations; every action and camera
//! interval inside its shot and ending after it starts.

use super::{Interval, intervals, valid_duration};
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::Storyboard;

/// Slack for float noise when comparing a time with a shot's end, in seconds.
pub(crate) const TIME_EPSILON_S: f64 = 1e-6;

/// Reports non-finite or non-positive durations and intervals that are non-finite, reversed or outside their shot.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    duration(
        sb.duration_s,
        "/duration_s".into(),
        "the video's duration",
        out,
    );
    for (s, shot) in sb.shots.iter().enumerate() {
        let pointer = path::field(&path::shot(s), "duration_s");
        let shot_ok = duration(
            shot.duration_s,
            pointer,
            &format!("shot `{}`'s duration", shot.id),
            out,
        );
        for interval in intervals(s, shot) {
            let limit = shot_ok.then_some(shot.duration_s);
            check_interval(&interval, limit, out);
        }
    }
}

/// Reports a NaN, infinite, zero or negative duration; true when the duration is usable.
fn duration(value: f64, pointer: String, what: &str, out: &mut Vec<Diagnostic>) -> bool {
    if !value.is_finite() {
        out.push(not_finite(pointer, what, value));
        return false;
    }
    if value <= 0.0 {
        out.push(
            Diagnostic::error(
                codes::NON_POSITIVE_DURATION,
                pointer,
                format!(
                    "{what} is {}; it must be greater than 0",
                    text::seconds(value)
                ),
            )
            .with_help("give it a positive length in seconds"),
        );
    }
    valid_duration(value)
}

fn not_finite(pointer: String, what: &str, value: f64) -> Diagnostic {
    Diagnostic::error(
        codes::NOT_FINITE,
        pointer,
        format!("{what} is {value}, not a finite number"),
    )
    .with_help("use a finite number of seconds")
}

/// One interval against its shot of length `shot_s` (None when that length is unusable).
fn check_interval(iv: &Interval, shot_s: Option<f64>, out: &mut Vec<Diagnostic>) {
    let start = path::field(&iv.path, "start_s");
    let end = path::field(&iv.path, "end_s");
    let mut finite = true;
    for (pointer, name, value) in [(&start, "start", iv.start_s), (&end, "end", iv.end_s)] {
        if !value.is_finite() {
            out.push(not_finite(
                pointer.clone(),
                &format!("the {}'s {name}", iv.what),
                value,
            ));
            finite = false;
        }
    }
    if !finite {
        return;
    }
    if iv.end_s <= iv.start_s {
        out.push(
            Diagnostic::error(
                codes::END_BEFORE_START,
                end.clone(),
                format!(
                    "the {} ends at {}, {} it starts at {}",
                    iv.what,
                    text::seconds(iv.end_s),
                    if iv.end_s == iv.start_s {
                        "when"
                    } else {
                        "before"
                    },
                    text::seconds(iv.start_s)
                ),
            )
            .with_help("end_s must be after start_s; both are seconds from the shot start"),
        );
    }
    if iv.start_s < 0.0 {
        out.push(
            Diagnostic::error(
                codes::OUTSIDE_SHOT,
                start.clone(),
                format!(
                    "the {} starts at {}, before its shot starts",
                    iv.what,
                    text::seconds(iv.start_s)
                ),
            )
            .with_help("times are seconds from the shot start: 0 or later"),
        );
    }
    let Some(shot_s) = shot_s else { return };
    if iv.start_s >= shot_s {
        out.push(
            Diagnostic::error(
                codes::OUTSIDE_SHOT,
                start,
                format!(
                    "the {} starts at {}, after its {} shot has ended",
                    iv.what,
                    text::seconds(iv.start_s),
                    text::seconds(shot_s)
                ),
            )
            .with_help("times are relative to the shot start, not the video start; move it into the shot or into a later shot"),
        );
    } else if iv.end_s > shot_s + TIME_EPSILON_S {
        out.push(
            Diagnostic::error(
                codes::OUTSIDE_SHOT,
                end,
                format!(
                    "the {} ends at {}, after its {} shot has ended",
                    iv.what,
                    text::seconds(iv.end_s),
                    text::seconds(shot_s)
                ),
            )
            .with_help(format!(
                "end it by {} (times are relative to the shot start), or lengthen the shot",
                text::seconds(shot_s)
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    #[test]
    fn panda_timing_is_valid() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn nan_and_infinite_times() {
        let mut sb = panda();
        sb.duration_s = f64::NAN;
        sb.shots[0].actions[1].start_s = f64::INFINITY;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0501", "E0501"]);
        assert_eq!(out[0].path, "/duration_s");
        assert_eq!(out[1].path, "/shots/0/actions/1/start_s");
    }

    #[test]
    fn zero_and_negative_durations() {
        let mut sb = panda();
        sb.duration_s = 0.0;
        sb.shots[0].duration_s = -2.0;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0502", "E0502"]);
        assert_eq!(out[1].path, "/shots/0/duration_s");
    }

    #[test]
    fn end_before_start_and_zero_length() {
        let mut sb = panda();
        sb.shots[0].actions[1].end_s = 4.0;
        sb.shots[0].camera[0].end_s = 0.0;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0504", "E0504"]);
        assert_eq!(out[0].path, "/shots/0/actions/1/end_s");
        assert_eq!(out[1].path, "/shots/0/camera/0/end_s");
        assert!(out[1].message.contains("when it starts"));
    }

    #[test]
    fn intervals_outside_the_shot() {
        let mut sb = panda();
        sb.shots[0].actions[0].start_s = -1.0;
        sb.shots[0].actions[2].end_s = 9.0;
        sb.shots[0].camera[0].start_s = 8.0;
        sb.shots[0].camera[0].end_s = 10.0;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0503", "E0503", "E0503"]);
        assert_eq!(out[0].path, "/shots/0/actions/0/start_s");
        assert_eq!(out[1].path, "/shots/0/actions/2/end_s");
        assert_eq!(out[2].path, "/shots/0/camera/0/start_s");
    }

    #[test]
    fn float_noise_at_the_shot_end_is_tolerated() {
        let mut sb = panda();
        sb.shots[0].actions[2].end_s = 8.0 + 1e-9;
        assert!(run_pass(run, &sb).is_empty());
    }
}
