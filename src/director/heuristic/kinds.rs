//! The entity kind a noun names, from the shared lexicon's noun classes.

use crate::ir::EntityKind;
use crate::lang::{NounClass, lexicon};

/// The entity kind of the noun `word` (singular or plural), if the lexicon lists it.
pub(super) fn kind_of(word: &str) -> Option<EntityKind> {
    lexicon().noun_class(word).map(|class| match class {
        NounClass::Character => EntityKind::Character,
        NounClass::Animal => EntityKind::Animal,
        NounClass::Vehicle => EntityKind::Vehicle,
        NounClass::Structure => EntityKind::Structure,
        NounClass::Effect => EntityKind::Effect,
        NounClass::Crowd => EntityKind::Crowd,
        NounClass::Object => EntityKind::Object,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_noun_classes() {
        assert_eq!(kind_of("pandas"), Some(EntityKind::Animal));
        assert_eq!(kind_of("robot"), Some(EntityKind::Character));
        assert_eq!(kind_of("zorblax"), None);
    }
}
