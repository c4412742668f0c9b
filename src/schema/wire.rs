//! The wire schema: the storyboard schema as a strict `response_format`, cut to what a model
//! needs. Every description is dropped; the short notes of `wire_notes.json` go on the few
//! fields whose names do not say enough (the rules between fields are in the system prompt,
//! once). Definitions used in several places (placements) stay in `$defs`, the rest is
//! inlined.

use serde_json::{Map, Value};

use super::strict;

/// The notes, `"Type.field": "note"`, `Type` the IR type (`Storyboard` for the root).
const NOTES: &str = include_str!("wire_notes.json");

/// The notes as (type, field, note).
pub(crate) fn notes() -> Vec<(String, String, String)> {
    let map: Map<String, Value> = serde_json::from_str(NOTES).unwrap_or_default();
    map.into_iter()
        .filter_map(|(key, note)| {
            let (ty, field) = key.split_once('.')?;
            Some((ty.to_owned(), field.to_owned(), note.as_str()?.to_owned()))
        })
        .collect()
}

/// The strict wire schema from the faithful one with its `$defs` (`generated`).
pub(crate) fn build(mut generated: Value) -> Value {
    if let Value::Object(root) = &mut generated {
        root.remove("$schema");
    }
    strict::drop_descriptions(&mut generated);
    for (ty, field, note) in notes() {
        if let Some(Value::Object(property)) = property_mut(&mut generated, &ty, &field) {
            property.insert("description".into(), Value::String(note));
        }
    }
    strict::inline_single_use_defs(&mut generated);
    strict::make_strict(&mut generated, None);
    generated
}

/// The schema of `field` in the type named `ty` (`Storyboard` is the root).
pub(crate) fn property_mut<'a>(
    schema: &'a mut Value,
    ty: &str,
    field: &str,
) -> Option<&'a mut Value> {
    let node = if ty == "Storyboard" {
        schema
    } else {
        schema.get_mut("$defs")?.get_mut(ty)?
    };
    node.get_mut("properties")?.get_mut(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_names_a_property_of_an_ir_type() {
        let notes = notes();
        assert!(notes.len() >= 5, "{notes:?}");
        let mut generated = super::super::generated_storyboard();
        for (ty, field, note) in notes {
            assert!(!note.is_empty(), "{ty}.{field}");
            assert!(
                property_mut(&mut generated, &ty, &field).is_some(),
                "wire_notes.json: {ty}.{field} is not a property of the storyboard types"
            );
        }
    }
}
