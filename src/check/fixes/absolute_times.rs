//! Shifts a later shot's intervals written from the video start back to the shot start
//! (fixes E0503). A common director mistake: shot 2 starts at 5 s and its actions are timed
//! 5–8 s instead of 0–3 s. The shift is made only when it is unambiguous: every interval of
//! the shot lies past the shot's end as written and inside the shot once shifted.

use crate::check::passes::timing::TIME_EPSILON_S;
use crate::check::passes::valid_duration;
use crate::check::{Diagnostic, codes, text};
use crate::ir::Storyboard;

/// Shifts every interval of each shot whose times are all absolute by the shot's start;
/// one note per interval moved.
pub(crate) fn run(sb: &mut Storyboard, out: &mut Vec<Diagnostic>) {
    if !sb.shots.iter().all(|s| valid_duration(s.duration_s)) {
        return;
    }
    let starts = sb.shot_starts();
    for ((s, shot), offset) in sb.shots.iter_mut().enumerate().zip(starts) {
        let shot_s = shot.duration_s;
        let times: Vec<(f64, f64)> = shot
            .actions
            .iter()
            .map(|a| (a.start_s, a.end_s))
            .chain(shot.camera.iter().map(|c| (c.start_s, c.end_s)))
            .collect();
        let inside = |start: f64, end: f64| {
            start >= -TIME_EPSILON_S && end <= shot_s + TIME_EPSILON_S && end > start
        };
        let absolute = offset > 0.0
            && !times.is_empty()
            && times.iter().all(|&(a, b)| a.is_finite() && b.is_finite())
            && times
                .iter()
                .all(|&(a, b)| !inside(a, b) && a >= shot_s - TIME_EPSILON_S)
            && times.iter().all(|&(a, b)| inside(a - offset, b - offset));
        if !absolute {
            continue;
        }
        for (p, what, start, end) in super::intervals_mut(s, shot) {
            let (old_start, old_end) = (*start, *end);
            *start = (old_start - offset).clamp(0.0, shot_s);
            *end = (old_end - offset).clamp(0.0, shot_s);
            out.push(Diagnostic::fixed(
                codes::OUTSIDE_SHOT,
                p,
                format!(
                    "moved the {what} from {}–{} to {}–{}: its times counted from the video start, not from its shot's start at {}",
                    text::seconds(old_start),
                    text::seconds(old_end),
                    text::seconds(*start),
                    text::seconds(*end),
                    text::seconds(offset)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};

    /// Panda split into a 5 s and a 3 s shot, the second timed from the video start.
    fn two_shots() -> Storyboard {
        let mut sb = panda();
        let mut second = sb.shots[0].clone();
        second.id = "s2".into();
        second.duration_s = 3.0;
        second.actions = sb.shots[0].actions.split_off(1);
        second.camera.clear();
        sb.shots[0].duration_s = 5.0;
        sb.shots.push(second);
        sb
    }

    #[test]
    fn times_from_the_video_start_are_shifted_into_the_shot() {
        let mut sb = two_shots();
        assert!(crate::check::check(&sb).iter().any(|d| d.code == "E0503"));
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert_eq!(codes(&out), ["E0503", "E0503"]);
        assert_eq!(out[0].path, "/shots/1/actions/0");
        let second = &sb.shots[1].actions;
        assert_eq!((second[0].start_s, second[0].end_s), (0.0, 1.0));
        assert_eq!((second[1].start_s, second[1].end_s), (1.0, 3.0));
        assert!(crate::check::check(&sb).is_empty());
    }

    #[test]
    fn a_shot_with_one_relative_interval_is_left_alone() {
        let mut sb = two_shots();
        sb.shots[1].actions[0].start_s = 0.0;
        sb.shots[1].actions[0].end_s = 1.0;
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn the_first_shot_is_never_shifted() {
        let mut sb = panda();
        sb.shots[0].actions[2].start_s = 9.0;
        sb.shots[0].actions[2].end_s = 10.0;
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert!(out.is_empty());
    }
}
