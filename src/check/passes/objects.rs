//! Affected objects (E13xx): an action affects another entity than its actor, and says where
//! that entity ends up or how it changes.

use crate::check::{Diagnostic, codes, path};
use crate::ir::Storyboard;

/// Reports an action that affects its own actor and an affected object that says nothing.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter().enumerate() {
        for (a, action) in shot.actions.iter().enumerate() {
            let Some(object) = &action.object else {
                continue;
            };
            let pointer = path::field(&path::action(s, a), "object");
            if object.entity == action.entity {
                out.push(
                    Diagnostic::error(
                        codes::AFFECTS_ITSELF,
                        path::field(&pointer, "entity"),
                        format!("`{}` is both the actor and the affected object", object.entity),
                    )
                    .with_help("the action's own from, to, state_from and state_to describe the actor; make object null or name the other entity"),
                );
            } else if object.to.is_none()
                && object.state_from.is_none()
                && object.state_to.is_none()
            {
                out.push(
                    Diagnostic::warning(
                        codes::EMPTY_OBJECT,
                        pointer,
                        format!(
                            "the action affects `{}` but says neither where it ends up nor how it changes",
                            object.entity
                        ),
                    )
                    .with_help("set object.to and/or object.state_from/state_to, or make object null"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};
    use crate::ir::{Affected, Placement, Region};

    fn with_object(entity: &str, to: Option<Region>, state_to: Option<&str>) -> Vec<Diagnostic> {
        let mut sb = panda();
        sb.shots[0].actions[2].object = Some(Affected {
            entity: entity.into(),
            to: to.map(|r| Placement {
                region: Some(r),
                relation: None,
                anchor: None,
            }),
            state_from: None,
            state_to: state_to.map(str::to_owned),
        });
        let mut out = Vec::new();
        run(&sb, &mut out);
        out
    }

    #[test]
    fn an_object_that_moves_or_changes_is_fine() {
        assert!(with_object("ball", Some(Region::Right), None).is_empty());
        assert!(with_object("ball", None, Some("flat")).is_empty());
    }

    #[test]
    fn the_actor_as_its_own_object() {
        let out = with_object("panda", Some(Region::Right), None);
        assert_eq!(codes(&out), ["E1301"]);
        assert_eq!(out[0].path, "/shots/0/actions/2/object/entity");
    }

    #[test]
    fn an_object_that_says_nothing_warns() {
        let out = with_object("ball", None, None);
        assert_eq!(codes(&out), ["W1302"]);
        assert_eq!(out[0].path, "/shots/0/actions/2/object");
    }
}
