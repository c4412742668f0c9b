//! Adds to a shot's cast every declared entity the shot names but leaves out (fixes E1101
//! and E1102): an actor at its first action's `from` (where it is when it first acts), any
//! other (affected object, anchor, camera target) without a placement, on screen for the
//! whole shot.

use crate::check::passes::cast::uncast;
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::{CastMember, Storyboard};

/// Adds the missing cast entries; one note per entry added.
pub(crate) fn run(sb: &mut Storyboard, out: &mut Vec<Diagnostic>) {
    for s in 0..sb.shots.len() {
        let shot = &sb.shots[s];
        let missing: Vec<(String, bool)> = uncast(sb, s, shot)
            .into_iter()
            .map(|(id, acts, _)| (id.to_owned(), acts))
            .collect();
        for (id, acts) in missing {
            let shot = &mut sb.shots[s];
            let placement = if acts {
                shot.actions
                    .iter()
                    .filter(|a| a.entity == id)
                    .min_by(|a, b| a.start_s.total_cmp(&b.start_s))
                    .and_then(|a| a.from.clone())
                    .filter(|p| p.anchor.as_ref() != Some(&id))
            } else {
                None
            };
            let (code, at) = if acts {
                let at = placement.as_ref().map_or_else(
                    || "with no placement (its first action has no `from`)".to_owned(),
                    |p| format!("at its first action's `from` ({})", describe(p)),
                );
                (codes::ACTOR_NOT_IN_CAST, at)
            } else {
                (
                    codes::NAMED_NOT_IN_CAST,
                    "with no placement, on screen for the whole shot".to_owned(),
                )
            };
            out.push(Diagnostic::fixed(
                code,
                path::cast(s, shot.cast.len()),
                format!("added `{id}` to shot `{}`'s cast {at}", shot.id),
            ));
            shot.cast.push(CastMember {
                entity: id,
                placement,
                enter_s: None,
                exit_s: None,
            });
        }
    }
}

/// "left", "next_to `tree`", "left, next_to `tree`".
fn describe(p: &crate::ir::Placement) -> String {
    let region = p.region.as_ref().map(text::variant);
    let relation = p.relation.as_ref().map(|r| match &p.anchor {
        Some(anchor) => format!("{} `{anchor}`", text::variant(r)),
        None => text::variant(r),
    });
    [region, relation]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::panda;
    use crate::ir::Region;

    #[test]
    fn a_missing_actor_is_added_at_its_first_from_and_check_is_clean() {
        let mut sb = panda();
        sb.shots[0].cast.clear();
        let mut out = Vec::new();
        run(&mut sb, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "E1101");
        assert_eq!(out[0].path, "/shots/0/cast/0");
        assert!(out[0].message.contains("(left)"), "{}", out[0].message);
        assert_eq!(
            sb.shots[0].cast[0]
                .placement
                .as_ref()
                .and_then(|p| p.region),
            Some(Region::Left)
        );
        assert!(crate::check(&sb).iter().all(|d| !d.is_error()));
        let mut again = Vec::new();
        run(&mut sb, &mut again);
        assert!(again.is_empty());
    }
}
