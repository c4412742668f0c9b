//! JSON Schemas generated from the IR types, and storyboard validation against them.
//!
//! Two storyboard profiles come from the same types:
//! - the **faithful** schema ([`storyboard_schema`]) says exactly what the types accept and is
//!   what [`validate_storyboard`] checks replies against;
//! - the **wire** schema ([`wire_schema`]) is what is sent to a model as a strict
//!   `response_format`: every property required (optional ones nullable), every object closed
//!   with `additionalProperties: false`, `anyOf` instead of `oneOf`, no `format`, no `$ref`
//!   (subschemas inlined) and `maxItems` bounds on every array, because small models repeat
//!   array items up to the maximum.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

use crate::ir::{KeyframePlan, Storyboard};

/// Most entities the wire schema lets a model write.
pub const WIRE_MAX_ENTITIES: u64 = 12;
/// Most shots the wire schema lets a model write.
pub const WIRE_MAX_SHOTS: u64 = 24;
/// Most camera moves per shot in the wire schema.
pub const WIRE_MAX_CAMERA_MOVES: u64 = 4;
/// Most actions per shot in the wire schema.
pub const WIRE_MAX_ACTIONS: u64 = 12;

/// One way an instance breaks the schema.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SchemaViolation {
    /// JSON pointer to the offending value in the instance ("" is the root).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn generate<T: JsonSchema>(inline: bool) -> Schema {
    let settings = SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = inline);
    settings.into_generator().into_root_schema_for::<T>()
}

/// Closes every object schema below `value` with `additionalProperties: false`.
fn close_objects(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("type").and_then(Value::as_str) == Some("object")
                && map.contains_key("properties")
            {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// The faithful JSON Schema of a [`Storyboard`] (draft 2020-12, `$defs` kept).
pub fn storyboard_schema() -> Value {
    let mut value = generate::<Storyboard>(false).to_value();
    close_objects(&mut value);
    value
}

/// The JSON Schema of a [`KeyframePlan`].
pub fn plan_schema() -> Value {
    let mut value = generate::<KeyframePlan>(false).to_value();
    close_objects(&mut value);
    value
}

/// The strict wire schema of a [`Storyboard`], accepted by OpenAI-style `json_schema` strict
/// mode and by llama.cpp's grammar conversion.
pub fn wire_schema() -> Value {
    let mut value = generate::<Storyboard>(true).to_value();
    if let Value::Object(root) = &mut value {
        root.remove("$schema");
        root.remove("$defs");
    }
    make_strict(&mut value, None);
    value
}

/// Rewrites one schema node (and everything below it) into the strict profile. `property`
/// is the name of the property this node is the schema of, used for array bounds.
fn make_strict(value: &mut Value, property: Option<&str>) {
    let Value::Object(map) = value else { return };
    map.remove("format");
    if let Some(one_of) = map.remove("oneOf") {
        fold_one_of(map, one_of);
    }
    if map.get("type").and_then(Value::as_str) == Some("array")
        && let Some(max) = array_bound(property)
    {
        map.insert("maxItems".into(), Value::from(max));
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, sub) in props.iter_mut() {
            make_strict(sub, Some(name));
        }
        let names: Vec<Value> = props.keys().cloned().map(Value::String).collect();
        map.insert("required".into(), Value::Array(names));
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    for key in ["items", "anyOf", "allOf", "prefixItems"] {
        match map.get_mut(key) {
            Some(Value::Array(items)) => items.iter_mut().for_each(|v| make_strict(v, None)),
            Some(v @ Value::Object(_)) => make_strict(v, None),
            _ => {}
        }
    }
}

/// `oneOf` of documented constants (how schemars writes a unit enum whose variants have doc
/// comments) becomes a plain `enum` whose description lists each value's meaning; any other
/// `oneOf` becomes an `anyOf`.
fn fold_one_of(map: &mut Map<String, Value>, one_of: Value) {
    let Value::Array(variants) = one_of else {
        return;
    };
    let consts: Option<Vec<(Value, Option<String>)>> = variants
        .iter()
        .map(|v| {
            let c = v.get("const")?.clone();
            let d = v
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
            Some((c, d))
        })
        .collect();
    match consts {
        Some(consts) => {
            let glossary: Vec<String> = consts
                .iter()
                .filter_map(|(c, d)| Some(format!("{}: {}", c.as_str()?, d.as_deref()?)))
                .collect();
            let mut description = map
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if !glossary.is_empty() {
                if !description.is_empty() {
                    description.push(' ');
                }
                description.push_str(&glossary.join("; "));
            }
            map.insert("type".into(), Value::from("string"));
            map.insert(
                "enum".into(),
                Value::Array(consts.into_iter().map(|(c, _)| c).collect()),
            );
            if !description.is_empty() {
                map.insert("description".into(), Value::String(description));
            }
        }
        None => {
            map.insert("anyOf".into(), Value::Array(variants));
        }
    }
}

fn array_bound(property: Option<&str>) -> Option<u64> {
    match property? {
        "entities" => Some(WIRE_MAX_ENTITIES),
        "shots" => Some(WIRE_MAX_SHOTS),
        "camera" => Some(WIRE_MAX_CAMERA_MOVES),
        "actions" => Some(WIRE_MAX_ACTIONS),
        _ => None,
    }
}

fn storyboard_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::validator_for(&storyboard_schema())
            .expect("the storyboard schema generated from the IR types is a valid JSON Schema")
    })
}

/// Validates a JSON value against the faithful storyboard schema. Returns every violation,
/// each with the JSON pointer of the offending value; empty when the value conforms.
pub fn validate_storyboard(instance: &Value) -> Vec<SchemaViolation> {
    storyboard_validator()
        .iter_errors(instance)
        .map(|e| SchemaViolation {
            path: e.instance_path().to_string(),
            message: e.to_string(),
        })
        .collect()
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
