//! Every storyboard the repository keeps — examples, fixtures (v1 ones upgraded, and the
//! checker's broken fixtures that its fixes repair), the storyboards in the replay
//! cassettes, and the heuristic director's storyboard for every case of the suites in
//! tests/eval — lowers for every backend into a plan that shows every statement
//! (translation validation finds nothing).

use std::path::{Path, PathBuf};

use scenec::check::CheckedStoryboard;
use scenec::director::Request;
use scenec::director::heuristic::Heuristic;
use scenec::lower::{LowerOptions, lower};
use scenec::validate::validate;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The JSON files directly in `dir` (relative to the repository).
fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

/// A storyboard document as the CLI reads it: checked (a v1 document upgraded) and fixed;
/// `None` when it still has errors.
fn storyboard(value: &serde_json::Value) -> Option<CheckedStoryboard> {
    let mut sb = scenec::check::check_value(value).storyboard?;
    scenec::check::fix(&mut sb);
    scenec::check::accept(sb).ok().map(|(checked, _)| checked)
}

/// Lowers `sb` for every backend and asserts the plans validate clean.
fn assert_faithful(name: &str, sb: &CheckedStoryboard) {
    for profile in scenec::target::ALL {
        let backend = profile.name;
        let plan = lower(sb, profile, &LowerOptions::default())
            .unwrap_or_else(|e| panic!("{name} for {backend}: cannot lower: {e}"));
        let findings = validate(sb, &plan);
        assert!(
            findings.is_empty(),
            "{name} for {backend}:\n{}",
            findings
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn examples_and_fixtures_validate_clean() {
    let files: Vec<PathBuf> = [
        "examples",
        "tests/fixtures",
        "tests/fixtures/storyboards",
        "tests/fixtures/v1",
    ]
    .iter()
    .flat_map(|d| json_files(d))
    .collect();
    assert!(
        files.len() >= 8,
        "expected the examples and fixtures, found {files:?}"
    );
    for path in files {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let sb =
            storyboard(&value).unwrap_or_else(|| panic!("{} does not check clean", path.display()));
        assert_faithful(&path.display().to_string(), &sb);
    }
}

#[test]
fn broken_fixtures_that_the_fixes_repair_validate_clean() {
    // The checker's fixtures for its codes: those with warnings only, and those whose errors
    // the deterministic fixes repair, are storyboards the CLI lowers.
    let mut lowered = 0;
    for path in json_files("tests/fixtures/broken") {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        if let Some(sb) = storyboard(&value) {
            lowered += 1;
            assert_faithful(&path.display().to_string(), &sb);
        }
    }
    assert!(lowered >= 8, "only {lowered} broken fixtures lowered");
}

/// The storyboard a replayed cassette ends with: its last reply that checks clean, else the
/// heuristic fallback's storyboard for its prompt (what the director falls back to).
fn cassette_storyboard(cassette: &serde_json::Value) -> Option<CheckedStoryboard> {
    let replies = cassette["exchanges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let replied = replies.iter().rev().find_map(|reply| {
        let content = reply["response"]["choices"][0]["message"]["content"].as_str()?;
        storyboard(&serde_json::from_str(content).ok()?)
    });
    replied.or_else(|| {
        let prompt = cassette["prompt"].as_str()?;
        let sb = Heuristic.decompose(&Request::new(prompt)).ok()?;
        scenec::check::accept(sb).ok().map(|(checked, _)| checked)
    })
}

#[test]
fn cassette_storyboards_validate_clean() {
    let files = json_files("tests/cassettes");
    assert!(!files.is_empty(), "no cassettes");
    for path in files {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let cassette: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let sb = cassette_storyboard(&cassette)
            .unwrap_or_else(|| panic!("{} yields no storyboard", path.display()));
        assert_faithful(&path.display().to_string(), &sb);
    }
}

#[test]
fn every_suite_case_validates_clean() {
    let suites: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("tests/eval"))
        .unwrap_or_else(|e| panic!("cannot list tests/eval: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    let mut cases = 0;
    for suite in suites {
        let text = std::fs::read_to_string(&suite)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", suite.display()));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("bad case {line}: {e}"));
            let prompt = case["prompt"].as_str().unwrap_or_default();
            let Ok(sb) = Heuristic.decompose(&Request::new(prompt)) else {
                continue;
            };
            let (sb, _) = scenec::check::accept(sb)
                .unwrap_or_else(|r| panic!("{prompt}: rejected: {:?}", r.diagnostics));
            cases += 1;
            assert_faithful(case["id"].as_str().unwrap_or("?"), &sb);
        }
    }
    assert!(cases > 50, "only {cases} suite cases lowered");
}

#[path = "../benches/support/night_delivery.rs"]
mod night_delivery;

#[test]
fn the_pipeline_benchmark_storyboard_validates_clean() {
    let (sb, _) = scenec::check::accept(night_delivery::storyboard())
        .unwrap_or_else(|r| panic!("the bench storyboard is rejected: {:?}", r.diagnostics));
    assert_faithful("benches/support/night_delivery.rs", &sb);
}
