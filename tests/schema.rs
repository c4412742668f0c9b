//! The generated schemas: committed copies stay current, the wire schema obeys every strict
//! structured-output rule, the example validates, violations read well.

use std::collections::BTreeSet;
use std::path::PathBuf;

use scenec::schema::{plan_schema, storyboard_schema, validate_storyboard, wire_schema};
use serde_json::{Value, json};

fn panda() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json"))
        .unwrap_or_else(|e| panic!("examples/panda.json is readable: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("examples/panda.json is JSON: {e}"))
}

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings
}

/// The committed schemas/*.json equal what the code generates; `SCENEC_UPDATE_SCHEMAS=1`
/// rewrites them.
#[test]
fn committed_schemas_are_current() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let update = std::env::var("SCENEC_UPDATE_SCHEMAS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for (file, schema) in [
        ("storyboard.schema.json", storyboard_schema()),
        ("storyboard.wire.schema.json", wire_schema()),
        ("keyframe-plan.schema.json", plan_schema()),
    ] {
        let path = dir.join(file);
        let generated = format!("{schema:#}\n");
        if update {
            std::fs::create_dir_all(&dir)
                .unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
            std::fs::write(&path, &generated)
                .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/{stale:?} differ from the schemas the code generates; regenerate them with \
         `SCENEC_UPDATE_SCHEMAS=1 cargo test --test schema committed_schemas_are_current` and commit"
    );
}

#[test]
fn schema_snapshots() {
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("storyboard_schema", storyboard_schema());
        insta::assert_json_snapshot!("wire_schema", wire_schema());
        insta::assert_json_snapshot!("keyframe_plan_schema", plan_schema());
    });
}

/// Walks every schema node of the wire schema and checks OpenAI's strict-mode rules.
#[test]
fn wire_schema_obeys_every_strict_rule() {
    let wire = wire_schema();
    assert_eq!(
        wire["type"], "object",
        "the root of a strict schema is an object"
    );
    let (optional, required) = optional_and_required_names(&storyboard_schema());
    assert!(
        optional.is_disjoint(&required),
        "a property name is optional in one type and required in another: {:?}",
        optional.intersection(&required).collect::<Vec<_>>()
    );
    let mut nodes = 0;
    let mut root = wire.clone();
    let defs = root
        .as_object_mut()
        .and_then(|r| r.remove("$defs"))
        .unwrap_or(json!({}));
    let defs = defs.as_object().expect("$defs is an object");
    walk(&root, "#", &optional, &mut nodes);
    for (name, def) in defs {
        walk(def, &format!("#/$defs/{name}"), &optional, &mut nodes);
        let uses = wire
            .to_string()
            .matches(&format!("\"#/$defs/{name}\""))
            .count();
        assert!(uses > 1, "$defs/{name} is used {uses} time(s): inline it");
    }
    assert!(nodes > 40, "the walk visited only {nodes} nodes");
}

/// The definition a `$ref` node names; the node may hold nothing else (OpenAI rejects a
/// `$ref` with sibling keywords) and the name must be a definition of the root.
fn check_ref(map: &serde_json::Map<String, Value>, at: &str) {
    assert_eq!(map.len(), 1, "{at}: a $ref has no sibling keywords");
    let target = map["$ref"].as_str().unwrap_or_default();
    let name = target
        .strip_prefix("#/$defs/")
        .unwrap_or_else(|| panic!("{at}: $ref {target:?} is not a local definition"));
    assert!(
        wire_schema()["$defs"].get(name).is_some(),
        "{at}: $ref to a missing definition {name}"
    );
}

fn walk(node: &Value, at: &str, optional: &BTreeSet<String>, nodes: &mut usize) {
    *nodes += 1;
    let Value::Object(map) = node else {
        panic!("{at}: a schema node must be an object, got {node}")
    };
    if map.contains_key("$ref") {
        return check_ref(map, at);
    }
    for banned in [
        "$defs",
        "definitions",
        "oneOf",
        "format",
        "not",
        "if",
        "patternProperties",
    ] {
        assert!(
            !map.contains_key(banned),
            "{at}: `{banned}` is not allowed in a strict schema"
        );
    }
    assert!(
        ["type", "anyOf", "enum", "const"]
            .iter()
            .any(|k| map.contains_key(*k)),
        "{at}: every node needs a type, anyOf, enum or const"
    );
    let types: Vec<&str> = match map.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"object") {
        let props = map.get("properties").and_then(Value::as_object);
        let props = props
            .unwrap_or_else(|| panic!("{at}: an object must list its properties (no open maps)"));
        assert_eq!(
            map.get("additionalProperties"),
            Some(&Value::Bool(false)),
            "{at}: additionalProperties must be false"
        );
        let required: BTreeSet<&str> = map
            .get("required")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("{at}: `required` is missing"))
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let names: BTreeSet<&str> = props.keys().map(String::as_str).collect();
        assert_eq!(required, names, "{at}: every property must be required");
        for (name, sub) in props {
            let here = format!("{at}/properties/{name}");
            if optional.contains(name) {
                assert!(
                    accepts_null(sub),
                    "{here}: optional property must be nullable"
                );
            }
            walk(sub, &here, optional, nodes);
        }
    }
    if types.contains(&"array") {
        let max = map.get("maxItems").and_then(Value::as_u64);
        let max = max.unwrap_or_else(|| panic!("{at}: an array needs maxItems"));
        assert!(
            (1..=50).contains(&max),
            "{at}: maxItems {max} is not a sensible bound"
        );
        walk(
            map.get("items")
                .unwrap_or_else(|| panic!("{at}: array without items")),
            &format!("{at}/items"),
            optional,
            nodes,
        );
    }
    if let Some(any_of) = map.get("anyOf") {
        let branches = any_of
            .as_array()
            .unwrap_or_else(|| panic!("{at}: anyOf must be an array"));
        for (i, branch) in branches.iter().enumerate() {
            walk(branch, &format!("{at}/anyOf/{i}"), optional, nodes);
        }
    }
    if let Some(values) = map.get("enum") {
        let values = values
            .as_array()
            .unwrap_or_else(|| panic!("{at}: enum must be an array"));
        // null in an enum is rejected by some strict validators: a nullable enum is an
        // anyOf of the enum and {type: null}
        assert!(
            !values.is_empty() && values.iter().all(Value::is_string),
            "{at}: enum of strings expected"
        );
    }
    if let Some(text) = map.get("description").and_then(Value::as_str) {
        assert!(
            !text.contains('\n'),
            "{at}: description keeps a hard newline"
        );
        assert!(
            !text.contains(".;") && !text.contains(".."),
            "{at}: double punctuation in {text:?}"
        );
    }
}

fn accepts_null(node: &Value) -> bool {
    match node.get("type") {
        Some(Value::Array(ts)) if ts.contains(&json!("null")) => return true,
        Some(Value::String(t)) if t == "null" => return true,
        _ => {}
    }
    node.get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|bs| bs.iter().any(accepts_null))
}

/// Names of properties the faithful schema leaves optional, and of those it requires. A
/// property with a non-null default (a version 2 field an older file may lack, such as
/// `count` or `cast`) is neither: the wire schema requires it and it need not be nullable.
fn optional_and_required_names(faithful: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut optional = BTreeSet::new();
    let mut required = BTreeSet::new();
    let defs = faithful["$defs"]
        .as_object()
        .into_iter()
        .flat_map(|m| m.values());
    for object in std::iter::once(faithful).chain(defs) {
        let Some(props) = object.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let req: BTreeSet<&str> = object["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, prop) in props {
            if prop.get("default").is_some_and(|d| !d.is_null()) {
                continue;
            }
            if req.contains(name.as_str()) {
                required.insert(name.clone());
            } else {
                optional.insert(name.clone());
            }
        }
    }
    assert!(
        optional.contains("direction") && optional.contains("anchor"),
        "{optional:?}"
    );
    (optional, required)
}

#[test]
fn panda_validates_against_the_faithful_and_the_wire_schema() {
    let doc = panda();
    assert_eq!(validate_storyboard(&doc), []);
    let wire = jsonschema::validator_for(&wire_schema())
        .unwrap_or_else(|e| panic!("wire schema compiles: {e}"));
    let errors: Vec<String> = wire.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn wire_schema_requires_what_the_faithful_schema_lets_default() {
    let mut doc = panda();
    if let Some(action) = doc["shots"][0]["actions"][1].as_object_mut() {
        action.remove("state_from");
    }
    assert_eq!(
        validate_storyboard(&doc),
        [],
        "the faithful schema accepts a missing Option"
    );
    let wire = jsonschema::validator_for(&wire_schema())
        .unwrap_or_else(|e| panic!("wire schema compiles: {e}"));
    assert!(!wire.is_valid(&doc), "the wire schema requires every field");
    let mut extra = panda();
    extra["shots"][0]["mood"] = json!("happy");
    assert!(!wire.is_valid(&extra));
    assert!(!validate_storyboard(&extra).is_empty());
}

#[test]
fn faithful_schema_rejects_non_positive_durations() {
    let mut doc = panda();
    doc["shots"][0]["duration_s"] = json!(0);
    let violations = validate_storyboard(&doc);
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].path, "/shots/0/duration_s");
    assert!(
        violations[0].message.contains("greater than 0"),
        "{}",
        violations[0].message
    );
}

#[test]
fn unknown_enum_value_lists_the_allowed_ones_at_its_pointer() {
    let mut doc = panda();
    doc["shots"][0]["camera"][0]["direction"] = json!("sideways");
    doc["shots"][0]["framing"] = json!("huge");
    let violations = validate_storyboard(&doc);
    let paths: Vec<&str> = violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["/shots/0/framing", "/shots/0/camera/0/direction"]);
    assert_eq!(
        violations[1].message,
        "unknown value \"sideways\"; expected one of: left, right, up, down, in, out, clockwise, counterclockwise, null"
    );
    assert!(
        violations[0].message.contains("extreme_wide, wide, full"),
        "{}",
        violations[0].message
    );
}

#[test]
fn type_missing_and_unknown_field_messages() {
    let mut doc = panda();
    doc["duration_s"] = json!("8");
    doc["entities"][0].as_object_mut().map(|e| e.remove("kind"));
    doc["shots"][0]["actions"][0]["from"]["where"] = json!("left");
    doc["shots"][0]["actions"][1]["to"] = json!([]);
    let got: Vec<(String, String)> = validate_storyboard(&doc)
        .into_iter()
        .map(|v| (v.path, v.message))
        .collect();
    let want = [
        ("/duration_s", "expected a number, found string \"8\""),
        ("/entities/0", "missing required field \"kind\""),
        ("/shots/0/actions/0/from", "unknown field \"where\""),
        (
            "/shots/0/actions/1/to",
            "expected an object or null, found array []",
        ),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(p, m)| (p.to_string(), m.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn violations_are_capped() {
    let mut doc = panda();
    let shot = doc["shots"][0].clone();
    let mut broken = shot.clone();
    broken["framing"] = json!(1);
    broken["angle"] = json!(2);
    doc["shots"] = Value::Array(vec![broken; 100]);
    assert_eq!(
        validate_storyboard(&doc).len(),
        scenec::schema::MAX_VIOLATIONS
    );
}
