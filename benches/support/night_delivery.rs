//! The storyboard of the pipeline benchmark, shared with the test that validates its plans
//! (tests/validate_repository.rs): twelve 5-second shots, 60 s, a cast of 3–4 entities per
//! shot (one a flock with a count of 3), relations, a path, an entrance, an affected object
//! and a camera move in every shot.

use scenec::ir::Storyboard;
use serde_json::{Value, json};

fn region(r: &str) -> Value {
    json!({"region": r, "relation": null, "anchor": null})
}

fn relation(r: &str, anchor: &str) -> Value {
    json!({"region": null, "relation": r, "anchor": anchor})
}

/// Twelve 5-second shots: the courier walks across the frame with the parcel next to her
/// and sets it on the bench, three pigeons stand by (and fly off in odd shots), a lamp post
/// stands behind; the camera cycles through pan, dolly, orbit and crane.
pub fn storyboard() -> Storyboard {
    let moves = [
        ("pan", "left"),
        ("dolly", "in"),
        ("orbit", "clockwise"),
        ("crane", "up"),
    ];
    let shots: Vec<Value> = (0..12)
        .map(|i| {
            let (kind, direction) = moves[i % moves.len()];
            let mut cast = vec![
                json!({"entity": "courier", "placement": region("left"), "enter_s": null, "exit_s": null}),
                json!({"entity": "parcel", "placement": relation("next_to", "courier"), "enter_s": null, "exit_s": null}),
                json!({"entity": "bench", "placement": region("right"), "enter_s": null, "exit_s": null}),
            ];
            if i % 2 == 0 {
                cast.push(json!({"entity": "pigeons", "placement": region("background"), "enter_s": 1.0, "exit_s": null}));
            }
            json!({
                "id": format!("s{}", i + 1),
                "duration_s": 5.0,
                "setting": "a rain-soaked neon street at night",
                "description": "The courier crosses the street and leaves the parcel on the bench.",
                "framing": "full",
                "angle": "eye_level",
                "camera": [{
                    "move": kind, "direction": direction, "speed": "medium",
                    "start_s": 0.5, "end_s": 4.5, "target": "courier"
                }],
                "cast": cast,
                "actions": [
                    {
                        "entity": "courier", "verb": "walk", "description": "walks from left to right",
                        "start_s": 0.0, "end_s": 3.0,
                        "from": region("left"), "to": region("center"),
                        "state_from": null, "state_to": null
                    },
                    {
                        "entity": "courier", "verb": "set", "description": "sets the parcel on the bench",
                        "start_s": 3.0, "end_s": 5.0, "from": null, "to": null,
                        "state_from": null, "state_to": null,
                        "object": {
                            "entity": "parcel", "to": relation("on_top_of", "bench"),
                            "state_from": "dim", "state_to": "glowing blue"
                        }
                    }
                ],
                "transition": "cut"
            })
        })
        .collect();
    let doc = json!({
        "schema_version": "2",
        "title": "Night delivery",
        "duration_s": 60.0,
        "style": "cinematic neo-noir, anamorphic lens flares",
        "entities": [
            {"id": "courier", "kind": "character", "description": "a young courier in a yellow raincoat"},
            {"id": "parcel", "kind": "object", "description": "a small cardboard parcel"},
            {"id": "bench", "kind": "object", "description": "a wet wooden bench"},
            {"id": "pigeons", "kind": "animal", "description": "a grey pigeon", "count": 3}
        ],
        "shots": shots
    });
    serde_json::from_value(doc).unwrap_or_else(|e| panic!("the bench storyboard: {e}"))
}
