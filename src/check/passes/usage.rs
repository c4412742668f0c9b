//! Usage (W10xx): an entity that nothing refers to is probably a director's leftover.

use std::collections::HashSet;

use crate::check::{Diagnostic, codes, path};
use crate::ir::Storyboard;

/// Warns about every entity nothing refers to.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    let mut used: HashSet<&str> = HashSet::new();
    for shot in &sb.shots {
        used.extend(shot.camera.iter().filter_map(|mv| mv.target.as_deref()));
        for action in &shot.actions {
            used.insert(&action.entity);
            for placement in [&action.from, &action.to].into_iter().flatten() {
                used.extend(placement.anchor.as_deref());
            }
        }
    }
    for (i, entity) in sb.entities.iter().enumerate() {
        if !used.contains(entity.id.as_str()) {
            out.push(
                Diagnostic::warning(
                    codes::UNUSED_ENTITY,
                    path::entity(i),
                    format!(
                        "entity `{}` is never used by an action, a camera target or an anchor",
                        entity.id
                    ),
                )
                .with_help("give it an action or refer to it, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};
    use crate::ir::{Entity, EntityKind, Placement, Relation};

    fn run_on(sb: &Storyboard) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        run(sb, &mut out);
        out
    }

    fn tree() -> Entity {
        Entity {
            id: "tree".into(),
            kind: EntityKind::Structure,
            description: "an old oak".into(),
        }
    }

    #[test]
    fn an_unused_entity_warns() {
        let mut sb = panda();
        sb.entities.push(tree());
        let out = run_on(&sb);
        assert_eq!(codes(&out), ["W1001"]);
        assert_eq!(out[0].path, "/entities/1");
    }

    #[test]
    fn an_anchor_or_target_counts_as_use() {
        let mut sb = panda();
        sb.entities.push(tree());
        sb.shots[0].actions[0].to = Some(Placement {
            region: None,
            relation: Some(Relation::NextTo),
            anchor: Some("tree".into()),
        });
        assert!(run_on(&sb).is_empty());
        let mut sb = panda();
        sb.entities.push(tree());
        sb.shots[0].camera[0].target = Some("tree".into());
        assert!(run_on(&sb).is_empty());
    }
}
