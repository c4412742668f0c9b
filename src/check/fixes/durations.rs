//! Rescales the shot durations so they add up to `duration_s` (fixes E0601). Each shot's
//! actions and camera moves are scaled with it so they keep their place in the shot; the
//! part of an interval outside its shot is never stretched, so a rescale never makes an
//! overshoot (E0503) worse.

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
    let all_finite = sb.shots.iter().all(|s| {
        let scaled_ok = |t: f64| !t.is_finite() || rescale(t, s.duration_s, factor).is_finite();
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
        let mut outside = 0;
        for (_, _, start, end) in super::intervals_mut(s, shot) {
            if *start < 0.0 || *end > before {
                outside += 1;
            }
            *start = rescale(*start, before, factor);
            *end = rescale(*end, before, factor);
        }
        shot.duration_s *= factor;
        let kept = if outside == 0 {
            String::new()
        } else {
            format!(
                " (the part of {outside} interval(s) outside the shot was not stretched, so the overshoot is no worse)"
            )
        };
        out.push(Diagnostic::fixed(
            codes::DURATIONS_MISMATCH,
            path::field(&path::shot(s), "duration_s"),
            format!(
                "rescaled shot `{}` from {} to {} (×{:.3}) so the shots add up to duration_s = {}; its actions and camera moves were scaled with it{kept}",
                shot.id,
                text::seconds(before),
                text::seconds(shot.duration_s),
                factor,
                text::seconds(total)
            ),
        ));
    }
}

/// Time `t` of a shot of `before` seconds, in the shot rescaled by `factor`: a time inside
/// the shot scales with it; a time before its start or past its end keeps its distance from
/// that end, shrunk when the shot shrinks and never stretched.
fn rescale(t: f64, before: f64, factor: f64) -> f64 {
    let outside = factor.min(1.0);
    if t < 0.0 {
        t * outside
    } else if t > before {
        before * factor + (t - before) * outside
    } else {
        t * factor
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
    fn stretching_a_shot_never_stretches_an_overshoot() {
        // a 10 s shot in a 10.71 s video whose action already ends at 12.5 s
        let mut sb = panda();
        sb.duration_s = 10.71;
        sb.shots[0].duration_s = 10.0;
        sb.shots[0].actions[2].start_s = 9.0;
        sb.shots[0].actions[2].end_s = 12.5;
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert_eq!(codes(&out), ["E0601"]);
        assert!(
            out[0].message.contains("not stretched"),
            "{}",
            out[0].message
        );
        let shot = &sb.shots[0];
        let action = &shot.actions[2];
        assert!((shot.duration_s - 10.71).abs() < 1e-9);
        assert!((action.start_s - 9.0 * 1.071).abs() < 1e-9);
        let overshoot = action.end_s - shot.duration_s;
        assert!(
            (overshoot - 2.5).abs() < 1e-9,
            "overshoot grew to {overshoot}"
        );
    }

    #[test]
    fn shrinking_a_shot_shrinks_an_overshoot_with_it() {
        let mut sb = panda();
        sb.duration_s = 5.0;
        sb.shots[0].duration_s = 10.0;
        sb.shots[0].actions[2].start_s = -1.0;
        sb.shots[0].actions[2].end_s = 12.0;
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        let action = &sb.shots[0].actions[2];
        assert_eq!((action.start_s, action.end_s), (-0.5, 6.0));
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
