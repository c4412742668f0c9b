//! Things that cannot happen at once (E07xx): one entity making two different moves or two
//! different appearance changes over overlapping intervals, or two camera moves of one kind
//! going different ways. Quadratic in a shot's actions, which the limits pass bounds.

use super::overlap;
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::{Action, Storyboard};
use crate::lang::lexicon;

/// Reports overlapping actions of one entity that contradict, and overlapping camera moves of one kind going different ways.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter().enumerate() {
        for (j, later) in shot.actions.iter().enumerate() {
            for earlier in shot.actions.iter().take(j) {
                if earlier.entity != later.entity
                    || !overlap(earlier.start_s, earlier.end_s, later.start_s, later.end_s)
                {
                    continue;
                }
                if let Some(d) = conflict(earlier, later, &path::action(s, j)) {
                    out.push(d);
                }
            }
        }
        for (j, later) in shot.camera.iter().enumerate() {
            let clash = shot.camera.iter().take(j).find(|earlier| {
                earlier.kind == later.kind
                    && earlier.direction != later.direction
                    && overlap(earlier.start_s, earlier.end_s, later.start_s, later.end_s)
            });
            if let Some(earlier) = clash {
                let dir = |d: Option<crate::ir::Direction>| {
                    d.map_or("no direction".to_owned(), |d| text::variant(&d))
                };
                out.push(
                    Diagnostic::error(
                        codes::CONFLICTING_CAMERA,
                        path::camera(s, j),
                        format!(
                            "two {} moves overlap and go different ways ({} and {})",
                            text::variant(&later.kind),
                            dir(earlier.direction),
                            dir(later.direction)
                        ),
                    )
                    .with_help("make the moves follow one another instead of overlapping"),
                );
            }
        }
    }
}

/// What makes two overlapping actions of one entity contradict, if anything.
fn conflict(earlier: &Action, later: &Action, pointer: &str) -> Option<Diagnostic> {
    let when = |a: &Action| format!("{}–{}", text::seconds(a.start_s), text::seconds(a.end_s));
    if moves(earlier) && moves(later) && (earlier.verb != later.verb || earlier.to != later.to) {
        return Some(
            Diagnostic::error(
                codes::CONFLICTING_MOVES,
                pointer,
                format!(
                    "`{}` makes two different moves at once: \"{}\" ({}) and \"{}\" ({})",
                    later.entity,
                    earlier.description,
                    when(earlier),
                    later.description,
                    when(later)
                ),
            )
            .with_help("an entity moves one way at a time: make the moves follow one another"),
        );
    }
    match (&earlier.state_to, &later.state_to) {
        (Some(a), Some(b)) if a != b => Some(
            Diagnostic::error(
                codes::CONFLICTING_STATES,
                pointer,
                format!(
                    "`{}` changes appearance two ways at once: to \"{a}\" ({}) and to \"{b}\" ({})",
                    later.entity,
                    when(earlier),
                    when(later)
                ),
            )
            .with_help("make the changes follow one another, or merge them into one action"),
        ),
        _ => None,
    }
}

/// Whether two overlapping actions of one entity contradict each other: two different
/// moves (E0701) or two different appearance changes (E0702).
pub(crate) fn contradict(earlier: &Action, later: &Action) -> bool {
    conflict(earlier, later, "").is_some()
}

/// Whether an action moves its entity: a locomotion verb (shared lexicon), or a destination
/// unlike its start.
fn moves(action: &Action) -> bool {
    let verb = action.verb.trim().to_lowercase();
    lexicon().is_locomotion_verb(&verb) || (action.to.is_some() && action.to != action.from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};
    use crate::ir::{Direction, Placement, Region};

    fn region(r: Region) -> Option<Placement> {
        Some(Placement {
            region: Some(r),
            relation: None,
            anchor: None,
        })
    }

    #[test]
    fn sequential_actions_do_not_conflict() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn walking_left_and_right_at_once() {
        let mut sb = panda();
        let mut back = sb.shots[0].actions[0].clone();
        back.description = "walks back to the left".into();
        back.start_s = 2.0;
        back.end_s = 4.0;
        back.from = region(Region::Right);
        back.to = region(Region::Left);
        sb.shots[0].actions.push(back);
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0701"]);
        assert_eq!(out[0].path, "/shots/0/actions/3");
    }

    #[test]
    fn a_gesture_while_walking_is_fine() {
        let mut sb = panda();
        sb.shots[0].actions[2].start_s = 1.0;
        assert!(run_pass(run, &sb).is_empty());
    }

    #[test]
    fn two_different_moves_of_different_entities_are_fine() {
        let mut sb = panda();
        let mut other = sb.shots[0].actions[0].clone();
        other.entity = "fox".into();
        other.verb = "run".into();
        sb.shots[0].actions.push(other);
        assert!(run_pass(run, &sb).is_empty());
    }

    #[test]
    fn two_state_changes_at_once() {
        let mut sb = panda();
        sb.shots[0].actions[1].state_to = Some("red".into());
        let mut second = sb.shots[0].actions[1].clone();
        second.state_to = Some("blue".into());
        sb.shots[0].actions.push(second);
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0702"]);
        assert_eq!(out[0].path, "/shots/0/actions/3");
    }

    #[test]
    fn panning_both_ways_at_once() {
        let mut sb = panda();
        let mut back = sb.shots[0].camera[0].clone();
        back.direction = Some(Direction::Left);
        sb.shots[0].camera.push(back);
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0703"]);
        assert_eq!(out[0].path, "/shots/0/camera/1");
        assert!(out[0].message.contains("truck"), "{}", out[0].message);
    }
}
