//! Every backend emits a valid payload from every fixture storyboard, from the plan alone (a
//! plan read back from its JSON emits the same payload); each payload is snapshotted
//! (snapshots/emitters__<backend>__<fixture>.snap).

use std::path::PathBuf;

use scenec::backend::{self, FileContent, Payload};
use scenec::check::CheckedStoryboard;
use scenec::ir::KeyframePlan;
use scenec::lower::{LowerOptions, lower};

fn fixtures() -> Vec<(String, CheckedStoryboard)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/storyboards");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON fixture");
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let clean = scenec::check::check_value(&value)
            .clean()
            .unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        out.push((name, clean));
    }
    assert!(out.len() >= 5, "at least five fixture storyboards");
    out
}

/// The checks a backend's consumer would make on its payload.
fn assert_valid(backend: &str, payload: &Payload) {
    match (backend, payload) {
        ("comfy-schedule", Payload::Text(text)) => {
            let body = format!("{{{}}}", text.replace('\n', ""));
            let parsed: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&body).expect("FizzNodes parses the schedule");
            assert!(parsed.contains_key("0"));
        }
        ("deforum", Payload::Json(v)) => {
            for key in [
                "translation_x",
                "translation_y",
                "translation_z",
                "rotation_3d_x",
                "rotation_3d_y",
                "rotation_3d_z",
                "fov_schedule",
            ] {
                let s = v[key].as_str().expect("schedule string");
                let mut last = None;
                for part in s.split(", ") {
                    let (frame, value) = part.split_once(':').expect("F:(V)");
                    let frame: u32 = frame.parse().expect("integer frame");
                    assert!(last.is_none_or(|l| frame > l), "{key}: frames increase");
                    last = Some(frame);
                    let inner = value
                        .strip_prefix('(')
                        .and_then(|v| v.strip_suffix(')'))
                        .expect("(value)");
                    inner.parse::<f64>().expect("numeric value");
                }
            }
            assert!(
                v["prompts"]
                    .as_object()
                    .is_some_and(|p| p.contains_key("0"))
            );
        }
        (name, Payload::Files(files)) if name.starts_with("cameractrl") => {
            let frames = backend::by_name(name)
                .and_then(|b| b.profile().default_frames)
                .expect("fixed frames") as usize;
            for f in files {
                if let FileContent::Text(text) = &f.content {
                    let lines: Vec<&str> = text.lines().collect();
                    assert_eq!(
                        lines.len(),
                        frames + 1,
                        "{}: header + one line a frame",
                        f.name
                    );
                    for line in &lines[1..] {
                        let cols: Vec<f64> = line
                            .split_whitespace()
                            .map(|c| c.parse().expect("number"))
                            .collect();
                        assert_eq!(cols.len(), 19, "RealEstate10K has 19 columns");
                    }
                }
            }
        }
        ("wan-move" | "ati", Payload::Json(v)) => {
            let (w, h) = (
                v["width"].as_i64().expect("width"),
                v["height"].as_i64().expect("height"),
            );
            for clip in v["clips"].as_array().expect("clips") {
                let frames = clip["num_frames"].as_u64().expect("num_frames") as usize;
                let key = if backend == "ati" {
                    "tracks"
                } else {
                    "track_coords"
                };
                let tracks = parse_tracks(clip[key].as_str().expect("a JSON string"));
                let names = clip["track_names"].as_array().expect("names");
                assert_eq!(tracks.len(), names.len(), "one name a track");
                for track in &tracks {
                    if backend == "ati" {
                        assert!(!track.is_empty() && track.len() <= 121, "ATI: at most 121");
                    } else {
                        assert_eq!(track.len(), frames, "Wan-Move: one point a frame");
                    }
                    for &(x, y) in track {
                        assert!(
                            (0..w).contains(&x) && (0..h).contains(&y),
                            "({x}, {y}) inside"
                        );
                    }
                }
                if backend == "wan-move" {
                    let vis = clip["track_visibility"].as_array().expect("visibility");
                    assert_eq!(vis.len(), tracks.len());
                    for v in vis {
                        let v = v.as_array().expect("bools");
                        assert_eq!(v.len(), frames);
                        assert_eq!(v[0], true, "a track starts on screen");
                    }
                }
            }
        }
        ("lvd", Payload::Json(v)) => {
            for clip in v["clips"].as_array().expect("clips") {
                let layout = clip["layout"].as_object().expect("layout dict");
                let keys: Vec<&str> = layout.keys().map(String::as_str).collect();
                assert_eq!(
                    keys,
                    [
                        "Prompt",
                        "Frame 1",
                        "Frame 2",
                        "Frame 3",
                        "Frame 4",
                        "Frame 5",
                        "Frame 6",
                        "Background keyword"
                    ],
                    "LVD reads exactly six frames and a background keyword"
                );
                for k in 1..=6 {
                    for object in layout[&format!("Frame {k}")].as_array().expect("objects") {
                        let b: Vec<i64> = object["box"]
                            .as_array()
                            .expect("box")
                            .iter()
                            .map(|n| n.as_i64().expect("whole pixels"))
                            .collect();
                        assert!(b[0] >= 0 && b[1] >= 0 && b[2] >= 0 && b[3] >= 0, "{b:?}");
                        assert!(
                            b[0] + b[2] <= 512 && b[1] + b[3] <= 512,
                            "{b:?} on the canvas"
                        );
                    }
                }
                let response = clip["response"].as_str().expect("text");
                for k in 1..=6 {
                    assert!(response.contains(&format!("\nFrame {k}: [")), "{response}");
                }
                let prompt = layout["Prompt"].as_str().expect("prompt");
                assert!(
                    v["cache"][prompt].is_array(),
                    "the cache is keyed by the prompt"
                );
            }
        }
        (_, Payload::Json(v)) => assert!(v.is_object()),
        (name, other) => panic!("{name}: unexpected payload kind {other:?}"),
    }
}

/// The `[[{"x", "y"}…]…]` track string the ComfyUI nodes read, as whole-pixel points.
fn parse_tracks(text: &str) -> Vec<Vec<(i64, i64)>> {
    let v: serde_json::Value = serde_json::from_str(text).expect("json.loads reads it");
    v.as_array()
        .expect("a list of tracks")
        .iter()
        .map(|t| {
            t.as_array()
                .expect("a track is a list")
                .iter()
                .map(|p| (p["x"].as_i64().expect("x"), p["y"].as_i64().expect("y")))
                .collect()
        })
        .collect()
}

#[test]
fn every_backend_emits_a_valid_payload_from_every_fixture() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    let _guard = settings.bind_to_scope();
    for (fixture, storyboard) in fixtures() {
        for name in backend::NAMES {
            let target = backend::by_name(name).expect("known backend");
            let profile = target.profile();
            let plan = lower(&storyboard, &profile, &LowerOptions::default())
                .unwrap_or_else(|e| panic!("{fixture} → {name}: {e}"));
            for clip in &plan.clips {
                assert!(
                    profile.frame_rule.accepts(clip.num_frames),
                    "{fixture} → {name}"
                );
                if let Some(max) = profile.max_frames {
                    assert!(clip.num_frames <= max, "{fixture} → {name}");
                }
            }
            let payload = target
                .emit(&plan)
                .unwrap_or_else(|e| panic!("{fixture} → {name}: {e}"));
            assert_valid(name, &payload);
            let json = serde_json::to_string(&plan).expect("the plan serializes");
            let read_back: KeyframePlan = serde_json::from_str(&json).expect("and reads back");
            let again = target.emit(&read_back).expect("the read-back plan emits");
            assert_eq!(
                again.render(),
                payload.render(),
                "{fixture} → {name}: the plan's JSON is all the emitter needs"
            );
            let snapshot = format!("{name}__{fixture}");
            match &payload {
                Payload::Json(v) => insta::assert_json_snapshot!(snapshot, v),
                other => insta::assert_snapshot!(snapshot, other.render()),
            }
        }
    }
}

#[test]
fn a_plan_for_another_backend_or_without_its_camera_track_is_refused() {
    let (_, storyboard) = fixtures().swap_remove(0);
    let wan = backend::by_name("wan").expect("wan");
    let deforum = backend::by_name("deforum").expect("deforum");
    let plan = lower(&storyboard, &wan.profile(), &LowerOptions::default()).expect("lowers");
    assert!(
        plan.camera_track.is_empty(),
        "wan takes no per-frame camera"
    );
    let err = deforum
        .emit(&plan)
        .expect_err("a wan plan is not a deforum plan");
    assert!(err.to_string().contains("--backend deforum"), "{err}");
    let mut plan =
        lower(&storyboard, &deforum.profile(), &LowerOptions::default()).expect("lowers");
    assert_eq!(plan.camera_track.len(), plan.total_frames as usize);
    plan.camera_track.pop();
    let err = deforum.emit(&plan).expect_err("a short track");
    assert!(err.to_string().contains("camera_track"), "{err}");
}

/// A fox crossing the frame and leaving it on the right halfway through, and a crow that
/// flies in from the left after the start.
fn exit_and_entry() -> CheckedStoryboard {
    let text = r#"{
      "schema_version": "1", "title": "Exit", "duration_s": 4.0, "style": "",
      "entities": [
        {"id": "fox", "kind": "animal", "description": "a red fox"},
        {"id": "crow", "kind": "animal", "description": "a black crow"}
      ],
      "shots": [{
        "id": "s1", "duration_s": 4.0, "setting": "a snowy meadow", "description": "",
        "framing": "wide", "angle": "eye_level", "camera": [],
        "actions": [
          {"entity": "fox", "verb": "run", "description": "runs off to the right",
           "start_s": 0.0, "end_s": 2.0,
           "from": {"region": "center"}, "to": {"region": "offscreen_right"},
           "state_from": null, "state_to": null},
          {"entity": "crow", "verb": "fly", "description": "flies in from the left",
           "start_s": 1.0, "end_s": 4.0,
           "from": {"region": "offscreen_left"}, "to": {"region": "top_left"},
           "state_from": null, "state_to": null}
        ],
        "transition": "cut"
      }]
    }"#;
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    scenec::check::check_value(&value)
        .clean()
        .unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn trajectory_backends_track_what_is_on_screen_at_the_start_and_end_tracks_that_leave() {
    let storyboard = exit_and_entry();
    let payload = |name: &str| {
        let target = backend::by_name(name).expect("backend");
        let plan = lower(&storyboard, &target.profile(), &LowerOptions::default()).expect("lowers");
        match target.emit(&plan).expect("emits") {
            Payload::Json(v) => v,
            other => panic!("{name}: {other:?}"),
        }
    };
    let ati = payload("ati");
    let clip = &ati["clips"][0];
    assert_eq!(clip["track_names"], serde_json::json!(["fox"]));
    assert_eq!(
        clip["untracked"],
        serde_json::json!(["crow"]),
        "enters after frame 0"
    );
    let fox = &parse_tracks(clip["tracks"].as_str().expect("string"))[0];
    assert!(
        fox.len() < 121,
        "the fox's track ends when it leaves: {}",
        fox.len()
    );
    assert!(
        fox.windows(2).all(|p| p[1].0 >= p[0].0),
        "it runs right: {fox:?}"
    );
    let wan_move = payload("wan-move");
    let clip = &wan_move["clips"][0];
    let visible: Vec<bool> = clip["track_visibility"][0]
        .as_array()
        .expect("bools")
        .iter()
        .map(|b| b.as_bool().expect("bool"))
        .collect();
    assert!(
        visible[0] && !visible[visible.len() - 1],
        "on screen, then gone"
    );
    let lvd = payload("lvd");
    let layout = &lvd["clips"][0]["layout"];
    let names = |k: u32| -> Vec<String> {
        layout[format!("Frame {k}")]
            .as_array()
            .expect("objects")
            .iter()
            .map(|o| o["name"].as_str().expect("name").to_string())
            .collect()
    };
    assert_eq!(names(1), ["fox"], "the crow has not entered yet");
    assert!(names(6).contains(&"crow".to_string()), "{:?}", names(6));
    assert_eq!(layout["Background keyword"], "snowy meadow");
}

#[test]
fn every_instance_of_a_counted_entity_gets_its_own_name_and_box() {
    let mut storyboard = exit_and_entry().into_storyboard();
    let crow = storyboard
        .entities
        .iter_mut()
        .find(|e| e.id == "crow")
        .expect("a crow");
    crow.count = 3;
    let (checked, _) = scenec::check::accept(storyboard).unwrap_or_else(|r| panic!("{r}"));
    let lvd = backend::by_name("lvd").expect("lvd");
    let plan = lower(&checked, &lvd.profile(), &LowerOptions::default()).expect("lowers");
    let Payload::Json(v) = lvd.emit(&plan).expect("emits") else {
        panic!("JSON payload expected");
    };
    let last = v["clips"][0]["layout"]["Frame 6"]
        .as_array()
        .expect("objects");
    let crows: Vec<(&str, i64)> = last
        .iter()
        .filter(|o| o["name"].as_str().is_some_and(|n| n.starts_with("crow")))
        .map(|o| {
            (
                o["name"].as_str().unwrap_or_default(),
                o["id"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    // The clip ends before the flock has finished flying in: its row still reaches past the
    // left edge, and all three crows are in the frame, each with its own name and id.
    assert_eq!(
        crows.iter().map(|c| c.0).collect::<Vec<_>>(),
        ["crow 1", "crow 2", "crow 3"],
        "{last:?}"
    );
    let mut ids: Vec<i64> = crows.iter().map(|c| c.1).collect();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one LVD id per instance: {ids:?}");
}
