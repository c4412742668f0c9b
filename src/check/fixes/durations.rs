//! Rescales the shot durations so they add up to `duration_s` (fixes E0601). Each shot's
//! actions and camera moves are scaled with it so they keep their place in the shot.

use crate::check::passes::durations::SUM_TOLERANCE_S;
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::Storyboard;

use super::super::passes::valid_duration;

/// Rescales every shot (and its intervals) by one factor when the durations do not add up; one note per shot.
pub(crate) fn run(sb: &mut Storyboard, out: &mut Vec<Diagnostic>) {
    if sb.shots.is_empty()
        || !valid_duration(sb.duration_s)
        || !sb.shots.iter().all(|s| valid_duration(s.duration_s))
    {
        return;
    }
    let sum: f64 = sb.shots.iter().map(|s| s.duration_s).sum();
    if (sum - sb.duration_s).abs() <= SUM_TOLERANCE_S {
        return;
    }
    let factor = sb.duration_s / sum;
    let scaled_ok = |t: f64| !t.is_finite() || (t * factor).is_finite();
    let all_finite = sb.shots.iter().all(|s| {
        valid_duration(s.duration_s * factor)
            && s.actions
                .iter()
                .all(|a| scaled_ok(a.start_s) && scaled_ok(a.end_s))
            && s.camera
                .iter()
                .all(|c| scaled_ok(c.start_s) && scaled_ok(c.end_s))
    });
    if !all_finite {
        return;
    }
    let total = sb.duration_s;
    for (s, shot) in sb.shots.iter_mut().enumerate() {
        let before = shot.duration_s;
        shot.duration_s *= factor;
        for action in &mut shot.actions {
            action.start_s *= factor;
            action.end_s *= factor;
        }
        for mv in &mut shot.camera {
            mv.start_s *= factor;
            mv.end_s *= factor;
        }
        out.push(Diagnostic::fixed(
            codes::DURATIONS_MISMATCH,
            path::field(&path::shot(s), "duration_s"),
            format!(
                "rescaled shot `{}` from {} to {} (×{:.3}) so the shots add up to duration_s = {}; its actions and camera moves were scaled with it",
                shot.id,
                text::seconds(before),
                text::seconds(shot.duration_s),
                factor,
                text::seconds(total)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};

    #[test]
    fn shots_are_rescaled_to_the_total_with_their_intervals() {
        let mut sb = panda();
        let mut second = sb.shots[0].clone();
        second.id = "s2".into();
        sb.shots.push(second);
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert_eq!(codes(&out), ["E0601", "E0601"]);
        assert_eq!(out[1].path, "/shots/1/duration_s");
        assert_eq!(sb.shots[0].duration_s, 4.0);
        assert_eq!(sb.shots[1].actions[2].end_s, 4.0);
        assert_eq!(sb.shots[0].camera[0].end_s, 2.5);
        assert!(crate::check::check(&sb).iter().all(|d| d.code != "E0601"));
    }

    #[test]
    fn a_matching_storyboard_is_untouched() {
        let mut sb = panda();
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert!(out.is_empty());
        assert_eq!(sb, panda());
    }

    #[test]
    fn invalid_durations_are_not_guessed() {
        let mut sb = panda();
        sb.duration_s = 0.0;
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert!(out.is_empty());
    }
}
