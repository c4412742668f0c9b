//! A participle phrase that says how its subject moves ("A sports car, driving left to right,
//! overtakes a slow truck"; "A jogger passes the lamppost, moving from its left to its
//! right") is the manner of the action it sits beside, not an action before or after it: its
//! path joins that action's, so one action says both where the mover goes on screen and
//! where it ends relative to the other thing.

use super::analyze::Reading;
use super::clauses::Clause;
use super::verbs::{Form, known_verb};
use crate::ir::Placement;

/// Folds each participle's path into the action it describes: the next clause's when the
/// participle stands between a subject and its verb ("A car, driving left to right,
/// overtakes …"), else the previous clause's ("A jogger passes the lamppost, moving from its
/// left to its right").
pub(super) fn fold(clauses: &[Clause], readings: &mut [Reading]) {
    let n = clauses.len().min(readings.len());
    for i in 1..n {
        let same = |j: usize| j < n && clauses[j].sentence == clauses[i].sentence;
        let participle = clauses[i]
            .tokens
            .first()
            .is_some_and(|t| matches!(known_verb(&t.lower), Some((_, Form::Gerund))));
        if !same(i - 1) || !participle || readings[i].actions.len() != 1 {
            continue;
        }
        let manner = readings[i].actions[0].clone();
        if manner.from.is_none() && manner.to.is_none() {
            continue;
        }
        let target = [i + 1, i - 1].into_iter().find(|&j| {
            same(j)
                && readings[j]
                    .actions
                    .first()
                    .is_some_and(|a| a.entity == manner.entity)
        });
        let Some(j) = target else {
            continue;
        };
        let action = &mut readings[j].actions[0];
        let (Some(from), Some(to)) = (
            merge(action.from.as_ref(), manner.from.as_ref()),
            merge(action.to.as_ref(), manner.to.as_ref()),
        ) else {
            continue;
        };
        action.from = from;
        action.to = to;
        action.description = format!("{}, {}", action.description, manner.description);
        readings[i].actions.clear();
    }
}

/// The placement that says both what `a` and `b` say; `None` when they disagree (two
/// regions, or two relations, that differ).
fn merge(a: Option<&Placement>, b: Option<&Placement>) -> Option<Option<Placement>> {
    let (a, b) = match (a, b) {
        (Some(a), Some(b)) => (a, b),
        (a, b) => return Some(a.or(b).cloned()),
    };
    let region = match (a.region, b.region) {
        (Some(x), Some(y)) if x != y => return None,
        (x, y) => x.or(y),
    };
    let relation = match ((a.relation, &a.anchor), (b.relation, &b.anchor)) {
        ((Some(x), ax), (Some(y), ay)) if x != y || ax != ay => return None,
        ((Some(x), ax), _) => (Some(x), ax.clone()),
        (_, (y, ay)) => (y, ay.clone()),
    };
    Some(Some(Placement {
        region,
        relation: relation.0,
        anchor: relation.1,
    }))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{actions, storyboard};
    use crate::ir::{Region, Relation};

    #[test]
    fn a_participle_of_manner_joins_the_next_action() {
        let actions = actions("A cyclist, riding from right to left, passes a parked van.");
        assert_eq!(actions.len(), 1, "{actions:?}");
        let (from, to) = (actions[0].from.as_ref(), actions[0].to.as_ref());
        assert_eq!(from.and_then(|p| p.region), Some(Region::Right));
        assert_eq!(from.and_then(|p| p.relation), Some(Relation::RightOf));
        assert_eq!(to.and_then(|p| p.region), Some(Region::Left));
        assert_eq!(to.and_then(|p| p.relation), Some(Relation::LeftOf));
    }

    #[test]
    fn a_trailing_participle_restating_the_path_is_one_action() {
        let actions = actions("A skater glides past the bench, moving from its right to its left.");
        assert_eq!(actions.len(), 1, "{actions:?}");
        assert_eq!(
            actions[0].to.as_ref().and_then(|p| p.relation),
            Some(Relation::LeftOf)
        );
    }

    #[test]
    fn a_participle_without_a_path_is_left_alone() {
        let sb = storyboard("A dog, wagging its tail, runs to the left of the gate.");
        assert!(
            sb.shots[0].actions.iter().any(|a| a.verb == "wag"),
            "{sb:?}"
        );
    }
}
