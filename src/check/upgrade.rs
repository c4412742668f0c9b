//! Reading version 1 storyboards: [`upgrade`] turns one into version 2 in place, inferring
//! each shot's cast ([`infer_casts`]) from what version 1 already says: the actors (at their
//! first action's `from`), the anchors of their placements, the camera targets and the
//! entities the shot's description mentions.

use crate::check::{Diagnostic, codes};
use crate::ir::{CastMember, Placement, SCHEMA_VERSION, SCHEMA_VERSION_1, Shot, Storyboard};

use super::passes::usage::mentions;

/// Upgrades a version 1 storyboard to version 2 in place and returns the note saying so;
/// `None` (and no change) for any other version.
pub fn upgrade(storyboard: &mut Storyboard) -> Option<Diagnostic> {
    if storyboard.schema_version != SCHEMA_VERSION_1 {
        return None;
    }
    storyboard.schema_version = SCHEMA_VERSION.into();
    let added = infer_casts(storyboard);
    Some(
        Diagnostic::fixed(
            codes::VERSION_1,
            "/schema_version",
            format!(
                "a version 1 storyboard, upgraded to version {SCHEMA_VERSION}: {added} cast entr{} inferred from the actions, anchors, camera targets and shot descriptions",
                if added == 1 { "y" } else { "ies" }
            ),
        )
        .with_help(
            "write it as version 2 (`scenec check --fix -o FILE`) and state each shot's cast yourself",
        ),
    )
}

/// Fills the cast of every shot that has none and returns how many entries it added. An
/// actor enters the cast at its first action's `from`; anchors, camera targets and
/// entities the shot's description mentions enter without a placement, in that order. A shot that names no
/// entity at all gets every entity (what version 1 showed), and in a one-shot storyboard an
/// entity no shot names is on screen too.
pub fn infer_casts(storyboard: &mut Storyboard) -> usize {
    let ids: Vec<String> = storyboard.entities.iter().map(|e| e.id.clone()).collect();
    let single = storyboard.shots.len() == 1;
    let mut added = 0;
    for s in 0..storyboard.shots.len() {
        if !storyboard.shots[s].cast.is_empty() {
            continue;
        }
        let mut cast = named_cast(storyboard, &storyboard.shots[s]);
        if cast.is_empty() || single {
            for id in &ids {
                push(&mut cast, id, None);
            }
        }
        added += cast.len();
        storyboard.shots[s].cast = cast;
    }
    added
}

/// The cast a shot names: actors, anchors, camera targets, mentioned entities.
fn named_cast(storyboard: &Storyboard, shot: &Shot) -> Vec<CastMember> {
    let declared = |id: &str| storyboard.entity(id).is_some();
    let mut cast = Vec::new();
    let mut actions: Vec<_> = shot.actions.iter().collect();
    actions.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    for a in &actions {
        if declared(&a.entity) {
            // A `from` anchored to the actor itself (an error of its own) places nothing.
            let from = a
                .from
                .clone()
                .filter(|p| p.anchor.as_ref() != Some(&a.entity));
            push(&mut cast, &a.entity, from);
        }
        if let Some(object) = a.object.as_ref().filter(|o| declared(&o.entity)) {
            push(&mut cast, &object.entity, None);
        }
    }
    for a in &actions {
        let placements = [&a.from, &a.to]
            .into_iter()
            .chain(a.object.as_ref().map(|o| &o.to));
        for anchor in placements.flatten().filter_map(|p| p.anchor.as_deref()) {
            if declared(anchor) {
                push(&mut cast, anchor, None);
            }
        }
    }
    for target in shot.camera.iter().filter_map(|m| m.target.as_deref()) {
        if declared(target) {
            push(&mut cast, target, None);
        }
    }
    // The description says what is seen; the setting says where ("the lamp room at the top
    // of the lighthouse" does not show the lighthouse).
    let text = shot.description.to_lowercase();
    for entity in &storyboard.entities {
        if mentions(&text, entity) {
            push(&mut cast, &entity.id, None);
        }
    }
    cast
}

/// Adds `id` at `placement` unless it is in the cast already.
fn push(cast: &mut Vec<CastMember>, id: &str, placement: Option<Placement>) {
    if cast.iter().all(|c| c.entity != id) {
        cast.push(CastMember {
            entity: id.to_owned(),
            placement,
            enter_s: None,
            exit_s: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::panda;
    use crate::ir::{Entity, EntityKind, Region};

    fn v1_panda() -> Storyboard {
        let mut sb = panda();
        sb.schema_version = SCHEMA_VERSION_1.into();
        for shot in &mut sb.shots {
            shot.cast.clear();
        }
        sb
    }

    fn entity(id: &str, description: &str) -> Entity {
        Entity {
            id: id.into(),
            kind: EntityKind::Object,
            description: description.into(),
            count: 1,
        }
    }

    #[test]
    fn version_2_is_left_alone() {
        let mut sb = panda();
        let before = sb.clone();
        assert_eq!(upgrade(&mut sb), None);
        assert_eq!(sb, before);
    }

    #[test]
    fn the_actor_enters_at_its_first_from_with_a_note() {
        let mut sb = v1_panda();
        let note = upgrade(&mut sb).unwrap_or_else(|| panic!("no upgrade note"));
        assert_eq!(note.code, codes::VERSION_1);
        assert_eq!(note.path, "/schema_version");
        assert_eq!(sb.schema_version, SCHEMA_VERSION);
        let cast = &sb.shots[0].cast;
        assert_eq!(cast.len(), 1);
        assert_eq!(cast[0].entity, "panda");
        assert_eq!(
            cast[0].placement.as_ref().and_then(|p| p.region),
            Some(Region::Left)
        );
        assert!(crate::check(&sb).iter().all(|d| !d.is_error()));
    }

    #[test]
    fn a_declared_entity_that_does_not_act_is_in_a_single_shot() {
        let mut sb = v1_panda();
        sb.entities.push(entity("red_car", "a red car"));
        upgrade(&mut sb);
        let ids: Vec<&str> = sb.shots[0].cast.iter().map(|c| c.entity.as_str()).collect();
        assert_eq!(ids, ["panda", "red_car"]);
    }

    #[test]
    fn in_several_shots_only_the_named_entities_are_cast() {
        let mut sb = v1_panda();
        sb.entities.push(entity("old_oak", "a gnarled oak"));
        sb.entities.push(entity("kite", "a kite"));
        let mut second = sb.shots[0].clone();
        second.id = "s2".into();
        second.actions.clear();
        second.camera.clear();
        second.description = "A close view of the old oak.".into();
        sb.shots.push(second);
        upgrade(&mut sb);
        let ids = |s: usize| -> Vec<String> {
            sb.shots[s].cast.iter().map(|c| c.entity.clone()).collect()
        };
        assert_eq!(ids(0), ["panda"]);
        assert_eq!(ids(1), ["old_oak"]);
    }

    #[test]
    fn a_shot_that_names_nobody_shows_everybody() {
        let mut sb = v1_panda();
        let mut second = sb.shots[0].clone();
        second.actions.clear();
        second.camera.clear();
        second.description = "Bamboo sways.".into();
        second.setting = "the panda's bamboo grove".into();
        sb.shots.push(second);
        upgrade(&mut sb);
        assert_eq!(sb.shots[1].cast.len(), 1);
    }
}
