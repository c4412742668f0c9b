//! Rewrites of schemars' output: description clean-up for every profile, and the rules of the
//! strict wire profile (closed objects, everything required, `anyOf` for `oneOf`, enums as
//! plain `enum`, no `format`, bounded arrays, `$defs` only for what is used more than once).

use std::collections::BTreeMap;

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
    edit_descriptions(value, &mut |map| {
        if let Some(Value::String(text)) = map.get_mut("description") {
            *text = one_line(text);
        }
    });
}

/// Removes every `description` (and schemars' root `title`); a property named "description"
/// or "title" is kept.
pub(crate) fn drop_descriptions(value: &mut Value) {
    if let Value::Object(root) = value {
        root.remove("title");
    }
    edit_descriptions(value, &mut |map| {
        map.remove("description");
    });
}

/// Calls `edit` on every schema node below `value`, walking property and `$defs` maps by
/// value only, so their keys are never mistaken for keywords.
fn edit_descriptions(value: &mut Value, edit: &mut dyn FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            edit(map);
            for (key, sub) in map.iter_mut() {
                if key == "properties" || key == "$defs" {
                    if let Value::Object(named) = sub {
                        named.values_mut().for_each(|v| edit_descriptions(v, edit));
                    }
                } else if key != "description" {
                    edit_descriptions(sub, edit);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| edit_descriptions(v, edit)),
        _ => {}
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name a local `$ref` (`#/$defs/NAME`) points to.
fn ref_name(node: &Map<String, Value>) -> Option<&str> {
    node.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// Replaces every `$ref` to a definition used once by that definition's schema (its own
/// keywords win over the definition's), and keeps in `$defs` only the definitions used more
/// than once, each written once and referred to wherever it is used.
pub(crate) fn inline_single_use_defs(root: &mut Value) {
    let Some(Value::Object(defs)) = root.as_object_mut().and_then(|r| r.remove("$defs")) else {
        return;
    };
    let mut uses = BTreeMap::<String, usize>::new();
    count_refs(root, &mut uses);
    defs.values().for_each(|d| count_refs(d, &mut uses));
    let shared = |name: &str| uses.get(name).copied().unwrap_or(0) > 1;
    let mut kept = Map::new();
    for (name, def) in &defs {
        if shared(name) {
            let mut def = def.clone();
            inline_refs(&mut def, &defs, &shared);
            kept.insert(name.clone(), def);
        }
    }
    inline_refs(root, &defs, &shared);
    if let (Value::Object(map), false) = (root, kept.is_empty()) {
        map.insert("$defs".into(), Value::Object(kept));
    }
}

fn count_refs(value: &Value, uses: &mut BTreeMap<String, usize>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = ref_name(map) {
                *uses.entry(name.to_owned()).or_default() += 1;
            }
            map.values().for_each(|v| count_refs(v, uses));
        }
        Value::Array(items) => items.iter().for_each(|v| count_refs(v, uses)),
        _ => {}
    }
}

fn inline_refs(value: &mut Value, defs: &Map<String, Value>, shared: &dyn Fn(&str) -> bool) {
    match value {
        Value::Object(map) => {
            let target = ref_name(map)
                .filter(|name| !shared(name))
                .and_then(|name| defs.get(name));
            if let Some(Value::Object(def)) = target {
                map.remove("$ref");
                for (key, sub) in def {
                    if !map.contains_key(key) {
                        map.insert(key.clone(), sub.clone());
                    }
                }
            }
            map.values_mut().for_each(|v| inline_refs(v, defs, shared));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| inline_refs(v, defs, shared)),
        _ => {}
    }
}

/// Rewrites one schema node (and everything below it, `$defs` included) into the strict
/// profile. `property` is the name of the property this node is the schema of, used for
/// array bounds.
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
    if let Some(Value::Object(defs)) = map.get_mut("$defs") {
        defs.values_mut().for_each(|d| make_strict(d, None));
    }
    for key in ["items", "anyOf", "allOf", "prefixItems"] {
        match map.get_mut(key) {
            Some(Value::Array(items)) => items.iter_mut().for_each(|v| make_strict(v, None)),
            Some(v @ Value::Object(_)) => make_strict(v, property),
            _ => {}
        }
    }
}

/// `oneOf` of constants (how schemars writes a unit enum whose variants have doc comments)
/// becomes a plain string `enum`; any other `oneOf` becomes an `anyOf`.
fn fold_one_of(map: &mut Map<String, Value>, one_of: Value) {
    let Value::Array(variants) = one_of else {
        return;
    };
    let consts: Option<Vec<Value>> = variants.iter().map(|v| v.get("const").cloned()).collect();
    match consts {
        Some(consts) => {
            map.insert("type".into(), Value::from("string"));
            map.insert("enum".into(), Value::Array(consts));
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
        "cast" => Some(WIRE_MAX_CAST),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn dropping_descriptions_keeps_properties_named_description_or_title() {
        let mut schema = json!({
            "title": "Storyboard",
            "description": "root",
            "properties": {
                "description": {"type": "string", "description": "gone"},
                "title": {"type": "string"}
            }
        });
        drop_descriptions(&mut schema);
        assert_eq!(
            schema,
            json!({"properties": {"description": {"type": "string"}, "title": {"type": "string"}}})
        );
    }

    #[test]
    fn documented_constants_fold_into_a_plain_enum() {
        let mut schema = json!({
            "oneOf": [
                {"type": "string", "const": "slow", "description": "Slow, gentle."},
                {"type": "string", "const": "fast", "description": "Fast."}
            ]
        });
        make_strict(&mut schema, None);
        assert_eq!(schema, json!({"type": "string", "enum": ["slow", "fast"]}));
    }

    #[test]
    fn a_nullable_enum_stays_an_any_of_with_null() {
        // `{type: ["string", "null"], enum: [..., null]}` would be shorter, but Anthropic's and
        // some OpenAI validators reject null in an enum; every server takes this form
        let mut schema = json!({
            "anyOf": [{"oneOf": [{"const": "left"}, {"const": "right"}]}, {"type": "null"}]
        });
        make_strict(&mut schema, None);
        assert_eq!(
            schema,
            json!({"anyOf": [{"type": "string", "enum": ["left", "right"]}, {"type": "null"}]})
        );
    }

    #[test]
    fn definitions_used_once_are_inlined_and_shared_ones_kept() {
        let mut schema = json!({
            "properties": {
                "a": {"$ref": "#/$defs/Once"},
                "b": {"$ref": "#/$defs/Twice"},
                "c": {"anyOf": [{"$ref": "#/$defs/Twice"}, {"type": "null"}]}
            },
            "$defs": {
                "Once": {"type": "object", "properties": {"k": {"$ref": "#/$defs/Leaf"}}},
                "Twice": {"type": "object", "properties": {"x": {"type": "number"}}},
                "Leaf": {"type": "string", "enum": ["y"]}
            }
        });
        inline_single_use_defs(&mut schema);
        assert_eq!(
            schema["properties"]["a"],
            json!({"type": "object", "properties": {"k": {"type": "string", "enum": ["y"]}}})
        );
        assert_eq!(schema["properties"]["b"], json!({"$ref": "#/$defs/Twice"}));
        assert_eq!(
            schema["$defs"],
            json!({"Twice": {"type": "object", "properties": {"x": {"type": "number"}}}})
        );
    }
}
