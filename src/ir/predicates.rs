//! What a storyboard must show because the prompt says so: the fidelity predicates the
//! prompt analysis yields (`director::fidelity`) and `meta` records. Types only.

use serde::{Deserialize, Serialize};

use super::storyboard::{Direction, MoveKind, Region, Relation};

/// One thing the storyboard must show, with how sure the analysis is of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Predicate {
    /// How sure the analysis is, from 0 (a guess) to 1 (stated word for word).
    pub confidence: f64,
    /// What must hold.
    #[serde(flatten)]
    pub claim: Claim,
}

/// What must hold. Entities are named by the prompt's noun phrase ("panda bear"), matched
/// against entity ids and descriptions as whole words up to inflection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Claim {
    /// An entity the prompt names, with the adjectives it gives it and, when stated, how
    /// many there are.
    Entity {
        /// The prompt's words for it ("two white birds").
        phrase: String,
        /// The noun phrase ("panda bear").
        noun: String,
        /// Adjectives the prompt gives it ("white").
        attributes: Vec<String>,
        /// How many the prompt names, when it says.
        count: Option<u32>,
    },
    /// One action happens before another.
    Order {
        /// The earlier action.
        before: Act,
        /// The later action.
        after: Act,
    },
    /// An entity moves across the frame from one region to another.
    Path {
        /// The noun phrase of the entity that moves.
        entity: String,
        /// Where it starts.
        from: Region,
        /// Where it ends.
        to: Region,
    },
    /// An entity stands in a relation to another at some point.
    Relation {
        /// The noun phrase of the placed entity.
        entity: String,
        /// The relation.
        relation: Relation,
        /// The noun phrase of the anchor entity.
        anchor: String,
    },
    /// An entity comes on screen during the video.
    Enters {
        /// The noun phrase of the entity.
        entity: String,
    },
    /// An entity leaves the screen during the video.
    Exits {
        /// The noun phrase of the entity.
        entity: String,
    },
    /// An entity (or one an action affects) changes appearance.
    StateChange {
        /// The noun phrase of the entity that changes.
        entity: String,
        /// Its appearance before, when the prompt says.
        from: Option<String>,
        /// Its appearance after.
        to: String,
    },
    /// The video lasts this long.
    Duration {
        /// Seconds.
        seconds: f64,
    },
    /// The camera makes this move.
    Camera {
        /// The kind of move.
        #[serde(rename = "move")]
        kind: MoveKind,
        /// Its direction, when the prompt says.
        direction: Option<Direction>,
    },
}

/// An action named by its actor and verb.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Act {
    /// The noun phrase of the actor.
    pub entity: String,
    /// The verb's base form.
    pub verb: String,
}
