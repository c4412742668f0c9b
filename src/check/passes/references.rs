//! References (E04xx): every entity id an action, a camera target or a placement anchor
//! names must be declared in `entities`.

use std::collections::HashSet;

use super::placements;
use crate::check::{Diagnostic, codes, path, text};
use crate::invisible::{escaped, look_alike};
use crate::ir::Storyboard;

/// Reports every action entity, camera target and anchor that names no declared entity.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    let known: HashSet<&str> = sb.entities.iter().map(|e| e.id.as_str()).collect();
    let mut report = |code: &str, pointer: String, role: &str, id: &str| {
        if !known.contains(id) {
            out.push(
                Diagnostic::error(
                    code,
                    pointer,
                    format!("{role} `{}` is not a declared entity", escaped(id)),
                )
                .with_help(help(sb, id)),
            );
        }
    };
    for (s, shot) in sb.shots.iter().enumerate() {
        for (c, mv) in shot.camera.iter().enumerate() {
            if let Some(target) = &mv.target {
                let pointer = path::field(&path::camera(s, c), "target");
                report(
                    codes::UNKNOWN_CAMERA_TARGET,
                    pointer,
                    "camera target",
                    target,
                );
            }
        }
        for (c, member) in shot.cast.iter().enumerate() {
            let pointer = path::field(&path::cast(s, c), "entity");
            report(
                codes::UNKNOWN_CAST_ENTITY,
                pointer,
                "the cast entry's entity",
                &member.entity,
            );
        }
        for (a, action) in shot.actions.iter().enumerate() {
            let p = path::action(s, a);
            report(
                codes::UNKNOWN_ACTION_ENTITY,
                path::field(&p, "entity"),
                "the action's entity",
                &action.entity,
            );
            if let Some(object) = &action.object {
                report(
                    codes::UNKNOWN_AFFECTED_ENTITY,
                    path::field(&path::field(&p, "object"), "entity"),
                    "the affected entity",
                    &object.entity,
                );
            }
        }
        for (pointer, _, placement, _) in placements(s, shot) {
            if let Some(anchor) = &placement.anchor {
                report(
                    codes::UNKNOWN_ANCHOR,
                    path::field(&pointer, "anchor"),
                    "anchor",
                    anchor,
                );
            }
        }
    }
}

/// "did you mean `panda`?" when a declared id is close, and the declared ids. Ids are shown
/// with invisible characters escaped (`pan\u{200b}da`), so a near miss that differs only by
/// one can be seen.
fn help(sb: &Storyboard, id: &str) -> String {
    let closest = sb
        .entities
        .iter()
        .map(|e| (strsim::normalized_levenshtein(id, &e.id), e.id.as_str()))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let declared = if sb.entities.is_empty() {
        "no entities are declared".to_owned()
    } else {
        format!(
            "declared: {}",
            text::id_list(sb.entities.iter().map(|e| e.id.as_str()), 10)
        )
    };
    let shown = escaped(id);
    match closest {
        Some((_, near)) if look_alike(id, near) => format!(
            "did you mean `{near}`? `{shown}` differs from it only by characters that do not show ({declared})"
        ),
        Some((_, near)) => format!("did you mean `{}`? ({declared})", escaped(near)),
        None => format!("declare `{shown}` in `entities` or use a declared id ({declared})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};
    use crate::ir::{Placement, Relation};

    #[test]
    fn panda_references_resolve() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn misspelt_action_entity_suggests_the_close_id() {
        let mut sb = panda();
        sb.shots[0].actions[2].entity = "pandaa".into();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0401"]);
        assert_eq!(out[0].path, "/shots/0/actions/2/entity");
        assert!(
            out[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("did you mean `panda`")
        );
    }

    #[test]
    fn an_id_differing_only_by_an_invisible_character_is_shown_escaped() {
        let mut sb = panda();
        sb.shots[0].actions[2].entity = "pan\u{200b}da".into();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0401"]);
        assert_eq!(
            out[0].message,
            "the action's entity `pan\\u{200b}da` is not a declared entity"
        );
        let help = out[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("did you mean `panda`? `pan\\u{200b}da` differs from it only by"),
            "{help}"
        );
    }

    #[test]
    fn unknown_camera_target_and_anchor() {
        let mut sb = panda();
        sb.shots[0].camera[0].target = Some("bear".into());
        sb.shots[0].actions[0].to = Some(Placement {
            region: None,
            relation: Some(Relation::NextTo),
            anchor: Some("tree".into()),
        });
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0402", "E0403"]);
        assert_eq!(out[0].path, "/shots/0/camera/0/target");
        assert_eq!(out[1].path, "/shots/0/actions/0/to/anchor");
    }
}
