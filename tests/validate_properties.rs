//! Translation validation over generated v2 storyboards: casts with regions and relations
//! (each member related to at most one earlier member, so the statements are consistent),
//! counts, enter/exit windows, paths between regions, affected objects moved onto other
//! members and camera moves. Every plan, for every backend, must show every statement.

use proptest::prelude::*;
use scenec::ir::Storyboard;
use scenec::lower::{LowerOptions, lower};
use scenec::validate::validate;
use serde_json::{Value, json};

const KINDS: [&str; 7] = [
    "character",
    "animal",
    "object",
    "vehicle",
    "structure",
    "crowd",
    "effect",
];
const FRAMINGS: [&str; 6] = [
    "extreme_wide",
    "wide",
    "full",
    "medium_wide",
    "medium",
    "close_up",
];
const ON_SCREEN: [&str; 11] = [
    "left",
    "center",
    "right",
    "top",
    "bottom",
    "top_left",
    "top_right",
    "bottom_left",
    "bottom_right",
    "foreground",
    "background",
];
const RELATIONS: [&str; 9] = [
    "left_of",
    "right_of",
    "in_front_of",
    "behind",
    "above",
    "below",
    "on_top_of",
    "inside",
    "next_to",
];
const MOVES: [(&str, Option<&str>); 6] = [
    ("static", None),
    ("pan", Some("left")),
    ("zoom", Some("in")),
    ("dolly", Some("out")),
    ("truck", Some("right")),
    ("orbit", Some("clockwise")),
];

fn id(i: usize) -> String {
    format!("e{i}")
}

fn region(r: usize) -> Value {
    json!({"region": ON_SCREEN[r % ON_SCREEN.len()], "relation": null, "anchor": null})
}

/// One generated member: kind, count, placement choice, window choice, path choice.
#[derive(Debug, Clone)]
struct Gen {
    kind: usize,
    count: u32,
    /// Region index, or a relation (index) to an earlier member (index).
    place: (usize, Option<(usize, usize)>),
    /// Enters at this share of the shot / leaves at this share, when set.
    window: (Option<f64>, Option<f64>),
    /// A path from one region to another, as shares of the shot.
    path: Option<(usize, usize, f64, f64)>,
}

fn member() -> impl Strategy<Value = Gen> {
    (
        0..KINDS.len(),
        prop_oneof![3 => Just(1u32), 1 => 2u32..4],
        (
            0..ON_SCREEN.len(),
            proptest::option::of((0..RELATIONS.len(), 0..8usize)),
        ),
        (
            proptest::option::weighted(0.2, 0.05..0.4f64),
            proptest::option::weighted(0.2, 0.6..0.95f64),
        ),
        proptest::option::weighted(0.5, (0..3usize, 0..3usize, 0.0..0.3f64, 0.5..1.0f64)),
    )
        .prop_map(|(kind, count, place, window, path)| Gen {
            kind,
            count,
            place,
            window,
            path,
        })
}

fn storyboard() -> impl Strategy<Value = Storyboard> {
    (
        proptest::collection::vec(member(), 1..5),
        1.0..8.0f64,
        0..FRAMINGS.len(),
        0..MOVES.len(),
        proptest::option::weighted(0.4, (0..RELATIONS.len(), 0..8usize, 0..8usize)),
    )
        .prop_map(|(members, duration, framing, camera, object)| {
            build(
                &members,
                (duration * 10.0).round() / 10.0,
                framing,
                camera,
                object,
            )
        })
}

fn build(
    members: &[Gen],
    d: f64,
    framing: usize,
    camera: usize,
    object: Option<(usize, usize, usize)>,
) -> Storyboard {
    let n = members.len();
    let entities: Vec<Value> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            json!({"id": id(i), "kind": KINDS[m.kind], "description": format!("test thing {i}"), "count": m.count})
        })
        .collect();
    let mut cast = Vec::new();
    let mut actions = Vec::new();
    // An anchor keeps still and on screen for the whole shot so its relations can be seen.
    let anchors: Vec<bool> = (0..n)
        .map(|a| {
            members
                .iter()
                .enumerate()
                .any(|(i, m)| i > a && m.place.1.is_some_and(|(_, j)| j % i == a))
        })
        .collect();
    for (i, m) in members.iter().enumerate() {
        let related = m.place.1.filter(|_| i > 0);
        let walks = m
            .path
            .filter(|p| related.is_none() && !anchors[i] && p.0 != p.1);
        let side = ["left", "center", "right"];
        let placement = match (related, walks) {
            (Some((r, j)), _) => {
                json!({"region": null, "relation": RELATIONS[r], "anchor": id(j % i)})
            }
            // A member that walks starts where its walk starts.
            (None, Some((a, ..))) => json!({"region": side[a], "relation": null, "anchor": null}),
            (None, None) => region(m.place.0),
        };
        let (enter, exit) = if anchors[i] || related.is_some() {
            (None, None)
        } else {
            (m.window.0.map(|s| s * d), m.window.1.map(|s| s * d))
        };
        cast.push(
            json!({"entity": id(i), "placement": placement, "enter_s": enter, "exit_s": exit}),
        );
        if let Some((a, b, s0, s1)) = walks {
            let lo = enter.unwrap_or(0.0).max(s0 * d);
            let hi = exit.unwrap_or(d).min(s1 * d);
            if hi - lo >= 0.2 {
                actions.push(json!({
                    "entity": id(i), "verb": "walk", "description": "walks",
                    "start_s": (lo * 100.0).round() / 100.0, "end_s": (hi * 100.0).round() / 100.0,
                    "from": {"region": side[a], "relation": null, "anchor": null},
                    "to": {"region": side[b], "relation": null, "anchor": null},
                    "state_from": "calm", "state_to": "excited"
                }));
            }
        }
    }
    if let Some((r, o, t)) = object
        && n >= 3
    {
        // e0 moves another member that no one is related to onto a third one.
        let (o, t) = (1 + o % (n - 1), t % n);
        let free = !anchors[o] && members[o].place.1.is_none() && members[o].path.is_none();
        if free && t != o && t != 0 && members[t].place.1.is_none() && members[t].path.is_none() {
            actions.push(json!({
                "entity": id(0), "verb": "place", "description": "places it",
                "start_s": 0.0, "end_s": d,
                "from": null, "to": null, "state_from": null, "state_to": null,
                "object": {"entity": id(o), "to": {"region": null, "relation": RELATIONS[r], "anchor": id(t)},
                           "state_from": "dry", "state_to": "wet"}
            }));
        }
    }
    let (kind, direction) = MOVES[camera];
    let doc = json!({
        "schema_version": "2", "title": "generated", "duration_s": d, "style": "",
        "entities": entities,
        "shots": [{
            "id": "s1", "duration_s": d, "setting": "a stage", "description": "things happen",
            "framing": FRAMINGS[framing], "angle": "eye_level",
            "camera": if kind == "static" { json!([]) } else {
                json!([{"move": kind, "direction": direction, "speed": "medium",
                        "start_s": 0.0, "end_s": d, "target": null}])
            },
            "cast": cast, "actions": actions, "transition": "cut"
        }]
    });
    serde_json::from_value(doc).unwrap_or_else(|e| panic!("generated storyboard: {e}"))
}

/// A case the property once found: a 0.07–0.70 s walk whose end keyframe rounds to a frame
/// before the walk ends on comfy-schedule's coarse grid, so the boxes there have covered only
/// part of the path; the validator expects the share of the path the keyframes cover.
#[test]
fn a_short_path_on_a_coarse_keyframe_grid_validates_clean() {
    let sb: Storyboard = serde_json::from_str(SHORT_PATHS).unwrap_or_else(|e| panic!("{e}"));
    let (checked, _) = scenec::check::accept(sb.clone())
        .unwrap_or_else(|r| panic!("the checker rejects it: {:?}", r.diagnostics));
    for profile in scenec::target::ALL {
        let plan = lower(&checked, profile, &LowerOptions::default())
            .unwrap_or_else(|e| panic!("{}: cannot lower: {e}", profile.name));
        let findings = validate(&sb, &plan);
        assert!(findings.is_empty(), "{}: {findings:?}", profile.name);
    }
}

/// The storyboard of [`a_short_path_on_a_coarse_keyframe_grid_validates_clean`].
const SHORT_PATHS: &str = r#"{"schema_version":"2","title":"generated","duration_s":1.4,"style":"","entities":[{"id":"e0","kind":"character","description":"test thing 0","count":1},{"id":"e1","kind":"character","description":"test thing 1","count":2}],"shots":[{"id":"s1","duration_s":1.4,"setting":"a stage","description":"things happen","framing":"full","angle":"eye_level","cast":[{"entity":"e0","placement":{"region":"right","relation":null,"anchor":null},"enter_s":null,"exit_s":null},{"entity":"e1","placement":{"region":"center","relation":null,"anchor":null},"enter_s":null,"exit_s":null}],"camera":[],"actions":[{"entity":"e0","verb":"walk","description":"walks","start_s":0.14,"end_s":0.7,"from":{"region":"right","relation":null,"anchor":null},"to":{"region":"left","relation":null,"anchor":null},"state_from":"calm","state_to":"excited","object":null},{"entity":"e1","verb":"walk","description":"walks","start_s":0.07,"end_s":0.7,"from":{"region":"center","relation":null,"anchor":null},"to":{"region":"left","relation":null,"anchor":null},"state_from":"calm","state_to":"excited","object":null}],"transition":"cut"}]}"#;

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_lowering_of_a_generated_storyboard_validates_clean(sb in storyboard()) {
        let (checked, _) = scenec::check::accept(sb.clone()).unwrap_or_else(|r| {
            panic!("the checker rejects {}: {:?}", serde_json::to_string(&sb).unwrap_or_default(), r.diagnostics)
        });
        for profile in scenec::target::ALL {
            let name = profile.name;
            let plan = lower(&checked, profile, &LowerOptions::default())
                .unwrap_or_else(|e| panic!("{name}: cannot lower: {e}"));
            let findings = validate(&sb, &plan);
            prop_assert!(
                findings.is_empty(),
                "{name}: {}\n{}",
                findings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"),
                serde_json::to_string(&sb).unwrap_or_default()
            );
        }
    }
}
