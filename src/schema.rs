//! JSON Schemas generated from the IR types, and storyboard validation against them.
//!
//! Two storyboard profiles come from the same types:
//! - the **faithful** schema ([`storyboard_schema`]) says exactly what the types accept and is
//!   what [`validate_storyboard`] checks replies against;
//! - the **wire** schema ([`wire_schema`]) is what is sent to a model as a strict
//!   `response_format`, kept short because every request pays for it: every property
//!   required (optional ones nullable), every object closed with
//!   `additionalProperties: false`, `anyOf` instead of `oneOf`, no `format`, no descriptions
//!   but a few short notes, `$defs` only for the placement (used four times; a `$ref` never
//!   has sibling keywords) and `maxItems` bounds on every array, because small models repeat
//!   array items up to the maximum.

mod strict;
mod violation;
mod wire;

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::ir::{KeyframePlan, Storyboard};

pub use violation::SchemaViolation;

/// Most violations [`validate_storyboard`] reports; a document broken everywhere gets the
/// first ones, which is what a person or a repair prompt can use.
pub const MAX_VIOLATIONS: usize = 50;

/// Most entities the wire schema lets a model write.
pub const WIRE_MAX_ENTITIES: u64 = 12;
/// Most shots the wire schema lets a model write.
pub const WIRE_MAX_SHOTS: u64 = 24;
/// Most camera moves per shot in the wire schema.
pub const WIRE_MAX_CAMERA_MOVES: u64 = 4;
/// Most actions per shot in the wire schema.
pub const WIRE_MAX_ACTIONS: u64 = 12;
/// Most cast entries per shot in the wire schema (at most one per entity).
pub const WIRE_MAX_CAST: u64 = WIRE_MAX_ENTITIES;

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// schemars' schema of a [`Storyboard`] with its `$defs`, before any rewrite.
fn generated_storyboard() -> Value {
    generate::<Storyboard>().to_value()
}

/// The faithful JSON Schema of a [`Storyboard`] (draft 2020-12, `$defs` kept).
pub fn storyboard_schema() -> Value {
    let mut value = generated_storyboard();
    strict::close_objects(&mut value);
    strict::unwrap_descriptions(&mut value);
    value
}

/// The JSON Schema of a [`KeyframePlan`].
pub fn plan_schema() -> Value {
    let mut value = generate::<KeyframePlan>().to_value();
    strict::close_objects(&mut value);
    strict::unwrap_descriptions(&mut value);
    value
}

/// The strict wire schema of a [`Storyboard`], accepted by OpenAI-style `json_schema` strict
/// mode and by llama.cpp's grammar conversion. Generated once; every request body carries it,
/// so a Batch API requests file of thousands of lines does not regenerate it per line.
pub fn wire_schema() -> Value {
    static WIRE: OnceLock<Value> = OnceLock::new();
    WIRE.get_or_init(|| wire::build(generated_storyboard()))
        .clone()
}

fn storyboard_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::validator_for(&storyboard_schema())
            .expect("the storyboard schema generated from the IR types is a valid JSON Schema")
    })
}

/// Validates a JSON value against the faithful storyboard schema. Returns the violations
/// (at most [`MAX_VIOLATIONS`]), each with the JSON pointer of the offending value and a
/// readable message; empty when the value conforms.
pub fn validate_storyboard(instance: &Value) -> Vec<SchemaViolation> {
    let mut out = Vec::new();
    for error in storyboard_validator().iter_errors(instance) {
        violation::describe(&error, &mut out);
        if out.len() >= MAX_VIOLATIONS {
            out.truncate(MAX_VIOLATIONS);
            break;
        }
    }
    out
}

/// A short stable hash of the wire schema, recorded in output metadata and cache keys.
pub fn wire_schema_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let text = serde_json::to_string(&wire_schema()).unwrap_or_default();
        blake3::hash(text.as_bytes()).to_hex()[..16].to_owned()
    })
    .clone()
}
