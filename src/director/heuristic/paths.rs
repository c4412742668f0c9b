//! Paths across clauses: a place stated without a verb continues the previous motion ("rolls
//! across the rug, left edge to right edge"; "then down to the lower right"), a starting
//! place is where the next action starts ("starts in the lower right, rises …"), an end
//! place is where the previous one ends ("… and ends up in front of it"), and a pass follows
//! the direction its sentence gives ("heading right to left, overtakes a cyclist").

use super::analyze::{Draft, Reading};
use super::clauses::Clause;
use super::entities::Registry;
use super::placements::{self, region_x};
use crate::ir::{Placement, Relation};
use crate::lang::{Spatial, lexicon};

/// Reads the verbless clause `i` as a further leg of the previous clause's motion when it
/// names a place: it completes the previous action when that has no path, else it is a new
/// action of the same mover with the same verb.
pub(super) fn elided_leg(
    clauses: &[Clause],
    i: usize,
    readings: &mut [Reading],
    registry: &mut Registry,
) {
    let Some(p) = i.checked_sub(1) else { return };
    if clauses[i].sentence != clauses[p].sentence || clauses[i].cut.is_some() {
        return;
    }
    let Some(previous) = readings[p].actions.last().cloned() else {
        return;
    };
    let tokens = &clauses[i].tokens;
    if !placements::opens_path(tokens) {
        return;
    }
    let mut found = placements::path(tokens, 0, &previous.verb, registry);
    for p in [&mut found.from, &mut found.to] {
        if p.as_ref().and_then(|p| p.anchor.as_deref()) == Some(previous.entity.as_str()) {
            *p = None;
        }
    }
    if found.from.is_none() && found.to.is_none() {
        return;
    }
    if previous.from.is_none() && previous.to.is_none() {
        if let Some(last) = readings[p].actions.last_mut() {
            last.from = found.from;
            last.to = found.to;
        }
        return;
    }
    readings[i].actions.push(Draft {
        from: found.from.or(previous.to.clone()),
        to: found.to,
        description: format!(
            "{} {}",
            previous.verb,
            super::tokenize::join(tokens).trim_start_matches(',').trim()
        ),
        state_from: None,
        state_to: None,
        object: None,
        ..previous
    });
}

/// Folds starting and ending places into the moves they bound, and turns a default pass
/// the way its sentence goes. Runs over all readings once they are read.
pub(super) fn settle(clauses: &[Clause], readings: &mut [Reading]) {
    let lex = lexicon();
    // (clause, action) of every draft, in text order.
    let order: Vec<(usize, usize)> = readings
        .iter()
        .enumerate()
        .flat_map(|(c, r)| (0..r.actions.len()).map(move |a| (c, a)))
        .collect();
    // The sentence and mover of each draft.
    let who: Vec<(usize, String)> = order
        .iter()
        .map(|&(c, a)| (clauses[c].sentence, readings[c].actions[a].entity.clone()))
        .collect();
    let mut dropped: Vec<usize> = Vec::new();
    for (k, &(c, a)) in order.iter().enumerate() {
        let d = readings[c].actions[a].clone();
        let same = |&j: &usize| who[j] == who[k] && !dropped.contains(&j);
        let unchanged = d.state_from.is_none() && d.state_to.is_none();
        let place = d.to.clone().or(d.from.clone());
        if lex.is_spatial(Spatial::Starting, &d.verb)
            && unchanged
            && let Some(place) = place.clone()
            && let Some(j) = (k + 1..order.len()).find(same)
        {
            let (nc, na) = order[j];
            let next = &mut readings[nc].actions[na];
            if next.from.is_none() {
                next.from = Some(place);
            }
            dropped.push(k);
            continue;
        }
        let ending = lex.is_spatial(Spatial::Ending, &d.verb) || (d.verb == "be" && d.from == d.to);
        if ending
            && unchanged
            && let Some(place) = place
            && let Some(j) = (0..k).rev().find(same)
        {
            let (pc, pa) = order[j];
            let previous = &mut readings[pc].actions[pa];
            if previous.to.is_none() && previous.state_to.is_none() {
                previous.to = Some(place);
                dropped.push(k);
                continue;
            }
        }
        if lex.is_spatial(Spatial::Passing, &d.verb)
            && let Some(j) = (0..k).rev().find(same)
            && heads_left(&readings[order[j].0].actions[order[j].1])
        {
            let pass = &mut readings[c].actions[a];
            for p in [&mut pass.from, &mut pass.to].into_iter().flatten() {
                p.relation = p.relation.map(mirror);
            }
        }
    }
    dropped.sort_unstable();
    for k in dropped.into_iter().rev() {
        let (c, a) = order[k];
        readings[c].actions.remove(a);
    }
}

/// Whether a draft's path goes from a region further right to one further left.
fn heads_left(d: &Draft) -> bool {
    let x = |p: &Option<Placement>| p.as_ref().and_then(|p| p.region).and_then(region_x);
    matches!((x(&d.from), x(&d.to)), (Some(a), Some(b)) if b < a)
}

/// The relation on the other side: left of ↔ right of.
fn mirror(relation: Relation) -> Relation {
    match relation {
        Relation::LeftOf => Relation::RightOf,
        Relation::RightOf => Relation::LeftOf,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::actions;
    use crate::ir::{Placement, Region, Relation};

    fn region(p: &Option<Placement>) -> Option<Region> {
        p.as_ref().and_then(|p| p.region)
    }

    fn relation(p: &Option<Placement>) -> Option<Relation> {
        p.as_ref().and_then(|p| p.relation)
    }

    #[test]
    fn a_starting_place_is_where_the_next_move_starts() {
        let a = actions("A moth starts in the lower left, then flutters to the upper right.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(region(&a[0].from), Some(Region::BottomLeft));
        assert_eq!(region(&a[0].to), Some(Region::TopRight));
    }

    #[test]
    fn an_end_place_is_where_the_previous_move_ends() {
        let a = actions("Starting behind a crate, a cat prowls around and ends up in front of it.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(relation(&a[0].from), Some(Relation::Behind));
        assert_eq!(relation(&a[0].to), Some(Relation::InFrontOf));
        assert_eq!(
            a[0].to.as_ref().and_then(|p| p.anchor.as_deref()),
            Some("crate")
        );
    }

    #[test]
    fn a_verbless_place_continues_the_previous_motion() {
        let a = actions("A marble rolls across the table, left edge to right edge.");
        assert_eq!(region(&a[0].from), Some(Region::Left));
        assert_eq!(region(&a[0].to), Some(Region::Right));
        let a =
            actions("A bee flies from the left to the top center, then down to the lower right.");
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!(a[1].verb, "fly");
        assert_eq!(region(&a[1].to), Some(Region::BottomRight));
    }

    #[test]
    fn a_pass_follows_the_direction_its_sentence_gives() {
        let a = actions("A taxi, heading right to left, overtakes a bus.");
        let pass = a.iter().find(|a| a.verb == "overtake").expect("a pass");
        assert_eq!(relation(&pass.from), Some(Relation::RightOf));
        assert_eq!(relation(&pass.to), Some(Relation::LeftOf));
    }
}
