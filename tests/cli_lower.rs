//! `scenec lower` and `scenec backends` from the outside.

use assert_cmd::Command;
use predicates::prelude::*;

const PANDA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json");

fn scenec() -> Command {
    Command::cargo_bin("scenec").expect("binary")
}

#[test]
fn lower_prints_the_wan_payload_as_json() {
    let out = scenec()
        .args(["lower", PANDA, "--backend", "wan"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).expect("JSON on stdout");
    assert_eq!(v["backend"], "wan");
    // 8 s at 16 fps is 128 frames: two even 4n+1 clips sharing their boundary frame.
    let clips = v["clips"].as_array().expect("clips");
    assert_eq!(clips.len(), 2);
    assert_eq!(clips[0]["frame_num"], 65);
    assert_eq!(clips[1]["start_frame"], 64);
}

#[test]
fn lower_prints_text_targets_as_text() {
    scenec()
        .args(["lower", PANDA, "--backend", "comfy-schedule"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("\"0\" :\"Wide shot"));
}

#[test]
fn lower_writes_one_pose_file_per_clip_into_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    scenec()
        .args(["lower", PANDA, "--backend", "cameractrl", "-o"])
        .arg(dir.path())
        .assert()
        .code(0);
    let pose = std::fs::read_to_string(dir.path().join("clip_01_s1.txt")).expect("pose file");
    assert_eq!(pose.lines().count(), 17, "header + 16 frames");
    assert!(dir.path().join("clips.json").exists());
    assert!(dir.path().join("plan.json").exists());
}

#[test]
fn an_unknown_backend_is_a_usage_error_listing_the_names() {
    scenec()
        .args(["lower", PANDA, "--backend", "sora"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hunyuan"));
}

#[test]
fn a_bad_keyframe_interval_is_a_usage_error() {
    scenec()
        .args(["lower", PANDA, "--keyframe-interval", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid value '0' for '--keyframe-interval <SECONDS>': `0` must be more than 0",
        ));
}

#[test]
fn backends_lists_every_profile() {
    let assert = scenec().arg("backends").assert().code(0);
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    for name in scenec::backend::NAMES {
        assert!(text.contains(name), "{name} missing from\n{text}");
    }
    assert!(text.contains("4n+1"));
}

#[test]
fn compile_runs_the_whole_pipeline_for_every_backend() {
    for name in scenec::backend::NAMES {
        scenec()
            .args([
                "compile",
                "a cat walks from left to right",
                "--backend",
                name,
            ])
            .env_remove("OPENAI_API_KEY")
            .env_remove("OPENAI_BASE_URL")
            .assert()
            .code(0);
    }
}
