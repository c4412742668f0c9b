//! Shot durations against the total (E0601).

use super::valid_duration;
use crate::check::{Diagnostic, codes, text};
use crate::ir::Storyboard;

/// How far the sum of the shot durations may be from `duration_s`, in seconds.
pub(crate) const SUM_TOLERANCE_S: f64 = 1e-3;

/// Reported only when every duration is usable; the timing pass reports the others.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    if sb.shots.is_empty()
        || !valid_duration(sb.duration_s)
        || !sb.shots.iter().all(|s| valid_duration(s.duration_s))
    {
        return;
    }
    let sum: f64 = sb.shots.iter().map(|s| s.duration_s).sum();
    if (sum - sb.duration_s).abs() > SUM_TOLERANCE_S {
        out.push(
            Diagnostic::error(
                codes::DURATIONS_MISMATCH,
                "/duration_s",
                match sb.shots.len() {
                    1 => format!(
                        "the only shot lasts {}, but duration_s is {}",
                        text::seconds(sum),
                        text::seconds(sb.duration_s)
                    ),
                    n => format!(
                        "the {n} shots last {} in all, but duration_s is {}",
                        text::seconds(sum),
                        text::seconds(sb.duration_s)
                    ),
                },
            )
            .with_help(format!(
                "make the shot durations add up to {} (`scenec check --fix` rescales them), or set duration_s to {}",
                text::seconds(sb.duration_s),
                text::seconds(sum)
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    #[test]
    fn panda_adds_up() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn shots_shorter_than_the_total() {
        let mut sb = panda();
        sb.duration_s = 10.0;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0601"]);
        assert_eq!(out[0].path, "/duration_s");
        assert!(out[0].message.contains("lasts 8 s"), "{}", out[0].message);
    }

    #[test]
    fn invalid_durations_are_left_to_the_timing_pass() {
        let mut sb = panda();
        sb.duration_s = 10.0;
        sb.shots[0].duration_s = f64::NAN;
        assert!(run_pass(run, &sb).is_empty());
    }
}
