//! Rewrites of schemars' output: description clean-up for every profile, and the strict
//! wire profile (closed objects, everything required, `anyOf` for `oneOf`, enums as plain
//! `enum` with a glossary, no `format`, bounded arrays).

use serde_json::{Map, Value};

use super::{
    WIRE_MAX_ACTIONS, WIRE_MAX_CAMERA_MOVES, WIRE_MAX_CAST, WIRE_MAX_ENTITIES, WIRE_MAX_SHOTS,
};

/// Closes every object schema below `value` with `additionalProperties: false`.
pub(crate) fn close_objects(value: &mut Value) {
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

/// Joins the hard-wrapped lines doc comments leave in `description`s into one line each.
/// Property maps are walked by value only, so a property named "description" is left alone.
pub(crate) fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = one_line(text);
            }
            for (key, sub) in map.iter_mut() {
                if key == "properties" || key == "$defs" {
                    if let Value::Object(named) = sub {
                        named.values_mut().for_each(unwrap_descriptions);
                    }
                } else if key != "description" {
                    unwrap_descriptions(sub);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Rewrites one schema node (and everything below it) into the strict profile. `property`
/// is the name of the property this node is the schema of, used for array bounds.
pub(crate) fn make_strict(value: &mut Value, property: Option<&str>) {
    let Value::Object(map) = value else { return };
    map.remove("format");
    // The model writes every field; a default only serves older files.
    map.remove("default");
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
            Some(v @ Value::Object(_)) => make_strict(v, property),
            _ => {}
        }
    }
}

/// `oneOf` of documented constants (how schemars writes a unit enum whose variants have doc
/// comments) becomes a plain `enum` whose description lists each value's meaning
/// ("character: a person or person-like character; animal: an animal or creature."); any
/// other `oneOf` becomes an `anyOf`.
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
    let Some(consts) = consts else {
        map.insert("anyOf".into(), Value::Array(variants));
        return;
    };
    let glossary: Vec<String> = consts
        .iter()
        .filter_map(|(c, d)| Some(format!("{}: {}", c.as_str()?, gloss(d.as_deref()?))))
        .collect();
    let mut description = map
        .get("description")
        .and_then(Value::as_str)
        .map(one_line)
        .unwrap_or_default();
    if !glossary.is_empty() {
        if !description.is_empty() {
            if !description.ends_with(['.', '!', '?']) {
                description.push('.');
            }
            description.push(' ');
        }
        description.push_str(&glossary.join("; "));
        description.push('.');
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

/// A variant's doc sentence as a glossary entry: one line, no final period, lower-case
/// first letter unless it starts an acronym.
fn gloss(text: &str) -> String {
    let line = one_line(text);
    let line = line.trim_end_matches('.');
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(line.chars().skip(1)).collect()
        }
        _ => line.to_owned(),
    }
}

fn array_bound(property: Option<&str>) -> Option<u64> {
    match property? {
        "entities" => Some(WIRE_MAX_ENTITIES),
        "shots" => Some(WIRE_MAX_SHOTS),
        "camera" => Some(WIRE_MAX_CAMERA_MOVES),
        "actions" => Some(WIRE_MAX_ACTIONS),
        "cast" => Some(WIRE_MAX_CAST),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gloss_drops_the_period_and_lowers_the_first_letter() {
        assert_eq!(
            gloss("A person or\nperson-like character."),
            "a person or person-like character"
        );
        assert_eq!(gloss("UI element."), "UI element");
    }

    #[test]
    fn descriptions_lose_hard_newlines_but_property_names_survive() {
        let mut schema = json!({
            "description": "one\ntwo",
            "properties": {"description": {"type": "string", "description": "a\n  b"}}
        });
        unwrap_descriptions(&mut schema);
        assert_eq!(schema["description"], "one two");
        assert_eq!(schema["properties"]["description"]["description"], "a b");
    }

    #[test]
    fn documented_constants_fold_into_an_enum_with_a_glossary() {
        let mut schema = json!({
            "description": "Speed of a move",
            "oneOf": [
                {"type": "string", "const": "slow", "description": "Slow, gentle."},
                {"type": "string", "const": "fast", "description": "Fast."}
            ]
        });
        make_strict(&mut schema, None);
        assert_eq!(schema["enum"], json!(["slow", "fast"]));
        assert_eq!(
            schema["description"],
            "Speed of a move. slow: slow, gentle; fast: fast."
        );
        assert!(schema.get("oneOf").is_none());
    }
}
