//! Usage (W10xx): an entity that nothing refers to and no shot mentions is probably a
//! director's leftover.

use std::collections::HashSet;

use crate::check::{Diagnostic, codes, path};
use crate::ir::{Entity, Storyboard};

/// Warns about every entity that is in no shot's cast, that no action, camera target or
/// anchor refers to and that no
/// shot's description or setting mentions (by its id, underscores read as spaces, or by its
/// description): scenery named in a shot counts as used.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    let mut used: HashSet<&str> = HashSet::new();
    for shot in &sb.shots {
        used.extend(shot.cast.iter().map(|c| c.entity.as_str()));
        used.extend(shot.camera.iter().filter_map(|mv| mv.target.as_deref()));
        for action in &shot.actions {
            used.insert(&action.entity);
            used.extend(action.object.as_ref().map(|o| o.entity.as_str()));
            for placement in [&action.from, &action.to].into_iter().flatten() {
                used.extend(placement.anchor.as_deref());
            }
        }
    }
    let mut shot_texts: Option<Vec<String>> = None;
    for (i, entity) in sb.entities.iter().enumerate() {
        if used.contains(entity.id.as_str()) {
            continue;
        }
        let texts = shot_texts.get_or_insert_with(|| {
            sb.shots
                .iter()
                .map(|s| format!("{} {}", s.description, s.setting).to_lowercase())
                .collect()
        });
        if !texts.iter().any(|text| mentions(text, entity)) {
            out.push(
                Diagnostic::warning(
                    codes::UNUSED_ENTITY,
                    path::entity(i),
                    format!(
                        "entity `{}` is never used: no shot casts it, no action, camera target or anchor refers to it and no shot mentions it",
                        entity.id
                    ),
                )
                .with_help("add it to the cast of the shots it appears in, or remove it"),
            );
        }
    }
}

/// Whether a lower-cased shot text names the entity.
pub(crate) fn mentions(text: &str, entity: &Entity) -> bool {
    let name = entity.id.replace('_', " ").trim().to_lowercase();
    let description = entity.description.trim().to_lowercase();
    (!name.is_empty() && text.contains(&name))
        || (!description.is_empty() && text.contains(&description))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};
    use crate::ir::{EntityKind, Placement, Relation};

    fn oak() -> Entity {
        Entity {
            id: "old_oak".into(),
            kind: EntityKind::Structure,
            description: "a gnarled oak".into(),
            count: 1,
        }
    }

    #[test]
    fn an_unused_entity_warns() {
        let mut sb = panda();
        sb.entities.push(oak());
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["W1001"]);
        assert_eq!(out[0].path, "/entities/1");
    }

    #[test]
    fn an_anchor_or_target_counts_as_use() {
        let mut sb = panda();
        sb.entities.push(oak());
        sb.shots[0].actions[0].to = Some(Placement {
            region: None,
            relation: Some(Relation::NextTo),
            anchor: Some("old_oak".into()),
        });
        assert!(run_pass(run, &sb).is_empty());
        let mut sb = panda();
        sb.entities.push(oak());
        sb.shots[0].camera[0].target = Some("old_oak".into());
        assert!(run_pass(run, &sb).is_empty());
    }

    #[test]
    fn scenery_named_in_a_shot_counts_as_use() {
        let mut sb = panda();
        sb.entities.push(oak());
        sb.shots[0].setting = "a clearing under an Old Oak".into();
        assert!(run_pass(run, &sb).is_empty());
        let mut sb = panda();
        sb.entities.push(oak());
        sb.shots[0].description = "The panda passes a gnarled oak.".into();
        assert!(run_pass(run, &sb).is_empty());
    }
}
