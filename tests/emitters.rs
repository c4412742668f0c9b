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
        (_, Payload::Json(v)) => assert!(v.is_object()),
        (name, other) => panic!("{name}: unexpected payload kind {other:?}"),
    }
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
