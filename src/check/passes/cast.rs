//! Blocking (E11xx): every entity a shot's actions, affected objects, anchors and camera
//! targets name is in the shot's cast; each entity has one entry; enter/exit windows lie in
//! the shot and in order; no entity acts while it is off screen.

use std::collections::{HashMap, HashSet};

use super::timing::TIME_EPSILON_S;
use super::{placements, valid_duration};
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::{CastMember, Shot, Storyboard};

/// Runs the blocking checks on every shot.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter().enumerate() {
        missing(sb, s, shot, out);
        entries(s, shot, out);
        windows(s, shot, out);
        off_screen(s, shot, out);
    }
}

/// Declared entities the shot names (as actor, affected object, anchor or camera target)
/// that its cast leaves out, each once: the entity, whether it acts, and the pointer of the
/// first mention. The fix adds the same ones.
pub(crate) fn uncast<'a>(
    sb: &Storyboard,
    s: usize,
    shot: &'a Shot,
) -> Vec<(&'a str, bool, String)> {
    let mut seen: HashSet<&str> = shot.cast.iter().map(|c| c.entity.as_str()).collect();
    let mut out = Vec::new();
    let mut note = |id: &'a str, acts: bool, pointer: String| {
        if sb.entity(id).is_some() && seen.insert(id) {
            out.push((id, acts, pointer));
        }
    };
    let mut order: Vec<usize> = (0..shot.actions.len()).collect();
    order.sort_by(|&a, &b| shot.actions[a].start_s.total_cmp(&shot.actions[b].start_s));
    for &a in &order {
        note(
            &shot.actions[a].entity,
            true,
            path::field(&path::action(s, a), "entity"),
        );
    }
    for (a, action) in shot.actions.iter().enumerate() {
        if let Some(object) = &action.object {
            let p = path::field(&path::field(&path::action(s, a), "object"), "entity");
            note(&object.entity, false, p);
        }
    }
    for (pointer, _, placement, _) in placements(s, shot) {
        if let Some(anchor) = &placement.anchor {
            note(anchor, false, path::field(&pointer, "anchor"));
        }
    }
    for (c, mv) in shot.camera.iter().enumerate() {
        if let Some(target) = &mv.target {
            note(target, false, path::field(&path::camera(s, c), "target"));
        }
    }
    out
}

/// E1101 / E1102: a named entity the cast leaves out.
fn missing(sb: &Storyboard, s: usize, shot: &Shot, out: &mut Vec<Diagnostic>) {
    for (id, acts, pointer) in uncast(sb, s, shot) {
        let (code, role) = if acts {
            (codes::ACTOR_NOT_IN_CAST, "acts in")
        } else {
            (codes::NAMED_NOT_IN_CAST, "is named in")
        };
        out.push(
            Diagnostic::error(
                code,
                pointer,
                format!("`{id}` {role} shot `{}` but is not in its cast", shot.id),
            )
            .with_help(format!(
                "add {{\"entity\": \"{id}\", …}} to /shots/{s}/cast (`scenec check --fix` does)"
            )),
        );
    }
}

/// E1103 / E1104: an entity with a second cast entry, at once or after it left.
fn entries(s: usize, shot: &Shot, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (usize, &CastMember)> = HashMap::new();
    for (c, member) in shot.cast.iter().enumerate() {
        let Some(&(earlier, before)) = first.get(member.entity.as_str()) else {
            first.insert(&member.entity, (c, member));
            continue;
        };
        let id = &member.entity;
        let after = |a: &CastMember, b: &CastMember| matches!((a.exit_s, b.enter_s), (Some(exit), Some(enter)) if exit <= enter);
        if after(before, member) || after(member, before) {
            out.push(
                Diagnostic::error(
                    codes::ENTERS_TWICE,
                    path::cast(s, c),
                    format!(
                        "`{id}` enters shot `{}` twice (cast entries {earlier} and {c}): an entity comes on screen once per shot",
                        shot.id
                    ),
                )
                .with_help("keep it on screen in between (one entry, no exit_s), or cut to a new shot where it comes back"),
            );
        } else {
            out.push(
                Diagnostic::error(
                    codes::DUPLICATE_CAST_ENTRY,
                    path::field(&path::cast(s, c), "entity"),
                    format!(
                        "`{id}` is already in shot `{}`'s cast (entry {earlier})",
                        shot.id
                    ),
                )
                .with_help("keep one cast entry per entity; for several identical ones, set the entity's count"),
            );
        }
    }
}

/// E0501 / E1106 / E1105: enter and exit times finite, inside the shot, enter before exit.
fn windows(s: usize, shot: &Shot, out: &mut Vec<Diagnostic>) {
    let limit = valid_duration(shot.duration_s).then_some(shot.duration_s);
    for (c, member) in shot.cast.iter().enumerate() {
        let entry = path::cast(s, c);
        let mut usable = true;
        for (name, value) in [("enter_s", member.enter_s), ("exit_s", member.exit_s)] {
            let Some(v) = value else { continue };
            let pointer = path::field(&entry, name);
            if !v.is_finite() {
                usable = false;
                out.push(
                    Diagnostic::error(
                        codes::NOT_FINITE,
                        pointer,
                        format!("`{}`'s {name} is {v}, not a finite number", member.entity),
                    )
                    .with_help("use seconds from the shot start, or null"),
                );
            } else if v < -TIME_EPSILON_S || limit.is_some_and(|d| v > d + TIME_EPSILON_S) {
                usable = false;
                out.push(
                    Diagnostic::error(
                        codes::WINDOW_OUTSIDE_SHOT,
                        pointer,
                        format!(
                            "`{}`'s {name} is {}, outside shot `{}` (0 to {})",
                            member.entity,
                            text::seconds(v),
                            shot.id,
                            text::seconds(shot.duration_s)
                        ),
                    )
                    .with_help("times are seconds from the shot start; null means the whole shot"),
                );
            }
        }
        if let (true, Some(enter), Some(exit)) = (usable, member.enter_s, member.exit_s)
            && enter >= exit
        {
            out.push(
                Diagnostic::error(
                    codes::ENTER_AFTER_EXIT,
                    path::field(&entry, "exit_s"),
                    format!(
                        "`{}` leaves at {}, not after it enters at {}",
                        member.entity,
                        text::seconds(exit),
                        text::seconds(enter)
                    ),
                )
                .with_help("make exit_s later than enter_s, or null when it stays to the end"),
            );
        }
    }
}

/// W1107: an action before its entity enters or after it leaves.
fn off_screen(s: usize, shot: &Shot, out: &mut Vec<Diagnostic>) {
    for (a, action) in shot.actions.iter().enumerate() {
        let Some(member) = shot.cast_member(&action.entity) else {
            continue;
        };
        let early = member
            .enter_s
            .is_some_and(|enter| action.start_s < enter - TIME_EPSILON_S);
        let late = member
            .exit_s
            .is_some_and(|exit| action.end_s > exit + TIME_EPSILON_S);
        if early || late {
            let (when, at) = if early {
                ("enters", member.enter_s)
            } else {
                ("leaves", member.exit_s)
            };
            out.push(
                Diagnostic::warning(
                    codes::ACTS_OFF_SCREEN,
                    path::action(s, a),
                    format!(
                        "`{}` acts from {} to {} but {when} at {}: part of the action is off screen",
                        action.entity,
                        text::seconds(action.start_s),
                        text::seconds(action.end_s),
                        text::seconds(at.unwrap_or_default())
                    ),
                )
                .with_help("time the action inside the entity's enter_s–exit_s, or widen the window"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};
    use crate::ir::{Affected, Entity, EntityKind, Placement, Region, Relation};

    fn member(id: &str, enter_s: Option<f64>, exit_s: Option<f64>) -> CastMember {
        CastMember {
            entity: id.into(),
            placement: None,
            enter_s,
            exit_s,
        }
    }

    fn with_tree() -> Storyboard {
        let mut sb = panda();
        sb.entities.push(Entity {
            id: "tree".into(),
            kind: EntityKind::Structure,
            description: "a bamboo tree".into(),
            count: 1,
        });
        sb
    }

    #[test]
    fn panda_is_blocked() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn an_actor_missing_from_the_cast_is_reported_once_at_its_first_action() {
        let mut sb = panda();
        sb.shots[0].cast.clear();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E1101"]);
        assert_eq!(out[0].path, "/shots/0/actions/0/entity");
    }

    #[test]
    fn an_anchor_an_object_or_a_target_missing_from_the_cast() {
        let mut sb = with_tree();
        sb.shots[0].actions[1].to = Some(Placement {
            region: None,
            relation: Some(Relation::NextTo),
            anchor: Some("tree".into()),
        });
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E1102"]);
        assert_eq!(out[0].path, "/shots/0/actions/1/to/anchor");
        let mut sb = with_tree();
        sb.shots[0].actions[2].object = Some(Affected {
            entity: "tree".into(),
            to: None,
            state_from: None,
            state_to: Some("shaking".into()),
        });
        assert_eq!(
            run_pass(run, &sb)[0].path,
            "/shots/0/actions/2/object/entity"
        );
        let mut sb = with_tree();
        sb.shots[0].camera[0].target = Some("tree".into());
        assert_eq!(run_pass(run, &sb)[0].path, "/shots/0/camera/0/target");
    }

    #[test]
    fn an_undeclared_actor_is_left_to_the_reference_check() {
        let mut sb = panda();
        sb.shots[0].actions[0].entity = "bear".into();
        assert!(run_pass(run, &sb).is_empty());
    }

    #[test]
    fn a_second_entry_is_a_duplicate_or_a_second_entrance() {
        let mut sb = panda();
        sb.shots[0].cast.push(member("panda", None, None));
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E1103"]);
        assert_eq!(out[0].path, "/shots/0/cast/1/entity");
        let mut sb = panda();
        sb.shots[0].cast[0].exit_s = Some(3.0);
        sb.shots[0].cast.push(member("panda", Some(6.0), None));
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out)[0], "E1104");
        assert_eq!(out[0].path, "/shots/0/cast/1");
    }

    #[test]
    fn windows_inside_the_shot_and_in_order() {
        let mut sb = panda();
        sb.shots[0].cast[0] = member("panda", Some(-1.0), Some(9.0));
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E1106", "E1106"]);
        assert_eq!(out[0].path, "/shots/0/cast/0/enter_s");
        assert_eq!(out[1].path, "/shots/0/cast/0/exit_s");
        let mut sb = panda();
        sb.shots[0].cast[0] = member("panda", Some(4.0), Some(4.0));
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out)[0], "E1105");
        assert_eq!(out[0].path, "/shots/0/cast/0/exit_s");
        let mut sb = panda();
        sb.shots[0].cast[0] = member("panda", Some(f64::NAN), None);
        assert_eq!(codes(&run_pass(run, &sb)), ["E0501"]);
    }

    #[test]
    fn acting_before_entering_warns() {
        let mut sb = panda();
        sb.shots[0].cast[0].enter_s = Some(2.0);
        sb.shots[0].cast[0].placement = Some(Placement {
            region: Some(Region::OffscreenLeft),
            relation: None,
            anchor: None,
        });
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["W1107"]);
        assert_eq!(out[0].path, "/shots/0/actions/0");
    }
}
