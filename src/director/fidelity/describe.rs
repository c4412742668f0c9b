//! A predicate in one line for people (`scenec analyze`): what must hold and how sure.

use std::fmt;

use super::scene::name;
use crate::ir::{Claim, Predicate};

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Claim::Entity {
                phrase,
                noun,
                attributes,
                count,
            } => {
                write!(f, "entity      {phrase} (noun \"{noun}\"")?;
                if !attributes.is_empty() {
                    write!(f, ", attributes: {}", attributes.join(", "))?;
                }
                if let Some(n) = count {
                    write!(f, ", count {n}")?;
                }
                write!(f, ")")
            }
            Claim::Order { before, after } => write!(
                f,
                "order       {} {} → {} {}",
                before.entity, before.verb, after.entity, after.verb
            ),
            Claim::Path { entity, from, to } => {
                write!(f, "path        {entity}: {} → {}", name(from), name(to))
            }
            Claim::Relation {
                entity,
                relation,
                anchor,
            } => write!(f, "relation    {entity} {} {anchor}", name(relation)),
            Claim::Enters { entity } => write!(f, "enters      {entity}"),
            Claim::Exits { entity } => write!(f, "exits       {entity}"),
            Claim::StateChange { entity, from, to } => match from {
                Some(from) => write!(f, "state       {entity}: \"{from}\" → \"{to}\""),
                None => write!(f, "state       {entity}: → \"{to}\""),
            },
            Claim::Duration { seconds } => write!(f, "duration    {seconds} s"),
            Claim::Camera { kind, direction } => match direction {
                Some(d) => write!(f, "camera      {} {}", name(kind), name(d)),
                None => write!(f, "camera      {}", name(kind)),
            },
        }
    }
}

/// `0.90  entity      two white birds (noun "bird", attributes: white, count 2)`.
impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}  {}", self.confidence, self.claim)
    }
}
