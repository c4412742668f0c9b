//! Counts (E12xx): an entity appears at least once and at most
//! [`MAX_COUNT`](crate::check::limits::MAX_COUNT) times.

use crate::check::limits::MAX_COUNT;
use crate::check::{Diagnostic, codes, path};
use crate::ir::Storyboard;

/// Reports a count of 0 and a count above the limit.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (i, entity) in sb.entities.iter().enumerate() {
        let pointer = path::field(&path::entity(i), "count");
        if entity.count < 1 {
            out.push(
                Diagnostic::error(
                    codes::COUNT_BELOW_ONE,
                    pointer,
                    format!("entity `{}` has a count of 0: nothing to show", entity.id),
                )
                .with_help("count is how many identical ones appear, at least 1; remove the entity if there are none"),
            );
        } else if entity.count > MAX_COUNT {
            out.push(
                Diagnostic::error(
                    codes::COUNT_TOO_HIGH,
                    pointer,
                    format!(
                        "entity `{}` has a count of {}, more than the limit of {MAX_COUNT}",
                        entity.id, entity.count
                    ),
                )
                .with_help("make a large group one entity of kind `crowd` with count 1"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda};

    fn with_count(count: u32) -> Vec<Diagnostic> {
        let mut sb = panda();
        sb.entities[0].count = count;
        let mut out = Vec::new();
        run(&sb, &mut out);
        out
    }

    #[test]
    fn counts_from_one_to_the_limit_are_fine() {
        assert!(with_count(1).is_empty());
        assert!(with_count(MAX_COUNT).is_empty());
    }

    #[test]
    fn zero_and_too_many_are_errors_at_the_count() {
        let out = with_count(0);
        assert_eq!(codes(&out), ["E1201"]);
        assert_eq!(out[0].path, "/entities/0/count");
        assert_eq!(codes(&with_count(MAX_COUNT + 1)), ["E1202"]);
    }
}
