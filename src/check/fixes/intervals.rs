//! Clamps an action or camera interval that overshoots its shot slightly into the shot
//! (fixes E0503). "Slightly" is at most a quarter of the shot and at most a second: more
//! than that usually means times relative to the video instead of the shot, which a clamp
//! would hide, so the error stays.

use crate::check::passes::timing::TIME_EPSILON_S;
use crate::check::passes::valid_duration;
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::Storyboard;

/// How far outside its shot an interval may reach and still be clamped, in seconds.
pub(crate) fn clamp_tolerance(shot_s: f64) -> f64 {
    (0.25 * shot_s).min(1.0)
}

/// Clamps slightly overshooting intervals into their shots; one note per moved bound.
pub(crate) fn run(sb: &mut Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter_mut().enumerate() {
        let shot_s = shot.duration_s;
        if !valid_duration(shot_s) {
            continue;
        }
        for (p, what, start, end) in super::intervals_mut(s, shot) {
            clamp(&p, what, start, end, shot_s, out);
        }
    }
}

fn clamp(
    p: &str,
    what: &str,
    start: &mut f64,
    end: &mut f64,
    shot_s: f64,
    out: &mut Vec<Diagnostic>,
) {
    if !start.is_finite() || !end.is_finite() {
        return;
    }
    let tol = clamp_tolerance(shot_s);
    let new_start = if (-tol..0.0).contains(start) {
        0.0
    } else {
        *start
    };
    let new_end = if *end > shot_s + TIME_EPSILON_S && *end <= shot_s + tol {
        shot_s
    } else {
        *end
    };
    if new_end <= new_start || (new_start == *start && new_end == *end) {
        return;
    }
    if new_start != *start {
        out.push(Diagnostic::fixed(
            codes::OUTSIDE_SHOT,
            path::field(p, "start_s"),
            format!(
                "moved the {what}'s start from {} to 0 s, the start of its shot",
                text::seconds(*start)
            ),
        ));
        *start = new_start;
    }
    if new_end != *end {
        out.push(Diagnostic::fixed(
            codes::OUTSIDE_SHOT,
            path::field(p, "end_s"),
            format!(
                "moved the {what}'s end from {} to {}, the end of its shot",
                text::seconds(*end),
                text::seconds(shot_s)
            ),
        ));
        *end = new_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};

    fn fix(sb: &mut Storyboard) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        run(sb, &mut out);
        out
    }

    #[test]
    fn a_slight_overshoot_is_clamped_on_both_sides() {
        let mut sb = panda();
        sb.shots[0].actions[0].start_s = -0.2;
        sb.shots[0].actions[2].end_s = 8.5;
        let out = fix(&mut sb);
        assert_eq!(codes(&out), ["E0503", "E0503"]);
        assert_eq!(out[0].path, "/shots/0/actions/0/start_s");
        assert_eq!(out[1].path, "/shots/0/actions/2/end_s");
        assert_eq!(sb.shots[0].actions[0].start_s, 0.0);
        assert_eq!(sb.shots[0].actions[2].end_s, 8.0);
    }

    #[test]
    fn a_large_overshoot_stays_an_error() {
        let mut sb = panda();
        sb.shots[0].camera[0].end_s = 12.0;
        assert!(fix(&mut sb).is_empty());
        assert_eq!(sb.shots[0].camera[0].end_s, 12.0);
    }

    #[test]
    fn a_clamp_that_would_empty_the_interval_is_not_made() {
        let mut sb = panda();
        sb.shots[0].actions[2].start_s = 8.2;
        sb.shots[0].actions[2].end_s = 8.4;
        assert!(fix(&mut sb).is_empty());
    }

    #[test]
    fn tolerance_is_a_quarter_of_short_shots_and_a_second_at_most() {
        assert_eq!(clamp_tolerance(2.0), 0.5);
        assert_eq!(clamp_tolerance(60.0), 1.0);
    }
}
