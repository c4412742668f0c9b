//! Ids (E03xx): unique and not blank, for entities and for shots.

use std::collections::HashMap;

use crate::check::{Diagnostic, codes, path};
use crate::ir::Storyboard;

/// Reports blank ids and ids used twice, for entities and for shots.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    let entity_ids = sb
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (path::entity(i), e.id.as_str()));
    unique(entity_ids, "entity", codes::DUPLICATE_ENTITY_ID, out);
    let shot_ids = sb
        .shots
        .iter()
        .enumerate()
        .map(|(i, s)| (path::shot(i), s.id.as_str()));
    unique(shot_ids, "shot", codes::DUPLICATE_SHOT_ID, out);
}

/// Reports blank ids and every id already used by an earlier item (pointing at the later one).
fn unique<'a>(
    items: impl Iterator<Item = (String, &'a str)>,
    what: &str,
    duplicate_code: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, String> = HashMap::new();
    for (item, id) in items {
        let pointer = path::field(&item, "id");
        if id.trim().is_empty() {
            out.push(
                Diagnostic::error(codes::BLANK_ID, pointer, format!("the {what} id is blank"))
                    .with_help(format!("give the {what} a short snake_case id")),
            );
            continue;
        }
        match first.get(id) {
            Some(earlier) => out.push(
                Diagnostic::error(
                    duplicate_code,
                    pointer,
                    format!("{what} id `{id}` is already used by {earlier}"),
                )
                .with_help(format!("give each {what} its own id")),
            ),
            None => {
                first.insert(id, item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    #[test]
    fn panda_ids_are_unique() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn duplicate_entity_points_at_the_second() {
        let mut sb = panda();
        sb.entities.push(sb.entities[0].clone());
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0301"]);
        assert_eq!(out[0].path, "/entities/1/id");
        assert!(out[0].message.contains("/entities/0"));
    }

    #[test]
    fn duplicate_shot_and_blank_id() {
        let mut sb = panda();
        sb.shots.push(sb.shots[0].clone());
        sb.shots.push(sb.shots[0].clone());
        sb.shots[2].id = "".into();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0302", "E0303"]);
        assert_eq!(out[0].path, "/shots/1/id");
        assert_eq!(out[1].path, "/shots/2/id");
    }
}
