//! Placements (E09xx): a cast placement, an action's `from`/`to` or an affected object's `to`
//! says where by a region and/or a relation; a relation needs an anchor, and the anchor is
//! another entity.

use super::placements;
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::Storyboard;

/// Reports placements that place nothing, relations without an anchor, anchors without a relation and self-anchors.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter().enumerate() {
        for (p, name, pl, owner) in placements(s, shot) {
            if pl.region.is_none() && pl.relation.is_none() {
                out.push(
                    Diagnostic::error(
                        codes::EMPTY_PLACEMENT,
                        p.clone(),
                        format!(
                            "`{name}` has neither a region nor a relation, so it places nothing"
                        ),
                    )
                    .with_help(format!(
                        "set a region or a relation and anchor, or make `{name}` null"
                    )),
                );
            }
            match (&pl.relation, &pl.anchor) {
                (Some(relation), None) => out.push(
                    Diagnostic::error(
                        codes::RELATION_WITHOUT_ANCHOR,
                        path::field(&p, "anchor"),
                        format!(
                            "relation `{}` has no anchor to be relative to",
                            text::variant(relation)
                        ),
                    )
                    .with_help("set anchor to the id of the entity it is relative to"),
                ),
                (None, Some(anchor)) => out.push(
                    Diagnostic::warning(
                        codes::ANCHOR_WITHOUT_RELATION,
                        path::field(&p, "anchor"),
                        format!("anchor `{anchor}` is ignored: there is no relation to it"),
                    )
                    .with_help("set a relation such as next_to, or make anchor null"),
                ),
                (Some(_), Some(anchor)) if anchor == owner => out.push(
                    Diagnostic::error(
                        codes::SELF_ANCHOR,
                        path::field(&p, "anchor"),
                        format!("`{anchor}` is placed relative to itself"),
                    )
                    .with_help("anchor to another entity, or use a region"),
                ),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};
    use crate::ir::{Placement, Region, Relation};

    fn with_to(
        region: Option<Region>,
        relation: Option<Relation>,
        anchor: Option<&str>,
    ) -> Vec<Diagnostic> {
        let mut sb = panda();
        sb.shots[0].actions[0].to = Some(Placement {
            region,
            relation,
            anchor: anchor.map(str::to_owned),
        });
        let mut out = Vec::new();
        run(&sb, &mut out);
        out
    }

    #[test]
    fn region_only_and_relation_with_anchor_are_fine() {
        assert!(with_to(Some(Region::Right), None, None).is_empty());
        assert!(with_to(None, Some(Relation::NextTo), Some("tree")).is_empty());
    }

    #[test]
    fn empty_placement() {
        let out = with_to(None, None, None);
        assert_eq!(codes(&out), ["E0901"]);
        assert_eq!(out[0].path, "/shots/0/actions/0/to");
    }

    #[test]
    fn relation_without_anchor() {
        let out = with_to(None, Some(Relation::Behind), None);
        assert_eq!(codes(&out), ["E0902"]);
        assert_eq!(out[0].path, "/shots/0/actions/0/to/anchor");
    }

    #[test]
    fn anchor_without_relation_warns_and_placement_is_empty() {
        assert_eq!(
            codes(&with_to(None, None, Some("tree"))),
            ["E0901", "W0903"]
        );
        assert_eq!(
            codes(&with_to(Some(Region::Left), None, Some("tree"))),
            ["W0903"]
        );
    }

    #[test]
    fn anchored_to_itself() {
        assert_eq!(
            codes(&with_to(None, Some(Relation::LeftOf), Some("panda"))),
            ["E0904"]
        );
    }
}
