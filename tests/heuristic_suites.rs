//! The heuristic director over the dev suite (`tests/eval/dev-suite.jsonl`, this repository's
//! copy of `../shared/eval/dev-suite.jsonl`; `tests/suite_copies.rs` checks it has not drifted)
//! and this repository's own suite (`tests/eval/own-suite.jsonl`): snapshots of every dev-suite
//! storyboard, schema and checker cleanliness of every storyboard, and the eval scores.

use std::path::PathBuf;
use std::sync::Arc;

use scenec::Compiler;
use scenec::director::{Heuristic, Request};
use scenec::eval::{Case, parse_suite, run_suite};

/// The dev suite (the repository's copy).
fn dev_suite() -> Vec<Case> {
    load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/dev-suite.jsonl"))
}

/// The second dev suite (the repository's copy): counts, visibility, relative motion, routes,
/// attribute binding, manipulation, stories, dialogue, briefs, camera timing, successive
/// states, typos. Scored in README; here every storyboard must be well-formed.
fn dev_suite_2() -> Vec<Case> {
    load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/dev-suite-2.jsonl"))
}

/// This repository's own suite.
fn own_suite() -> Vec<Case> {
    load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval/own-suite.jsonl"))
}

fn load(path: PathBuf) -> Vec<Case> {
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the eval suite {}: {e}", path.display()));
    parse_suite(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn dev_suite_storyboards_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    let _bound = settings.bind_to_scope();
    for case in dev_suite() {
        let name = format!("heuristic_dev_{}", case.id.replace('-', "_"));
        match Heuristic.decompose(&Request::new(case.prompt.clone())) {
            Ok(storyboard) => insta::assert_json_snapshot!(name, storyboard),
            Err(e) => insta::assert_snapshot!(name, format!("error: {e}")),
        }
    }
}

#[test]
fn every_storyboard_passes_the_schema_and_the_checker() {
    for case in dev_suite()
        .into_iter()
        .chain(dev_suite_2())
        .chain(own_suite())
    {
        let Ok(storyboard) = Heuristic.decompose(&Request::new(case.prompt.clone())) else {
            assert!(
                case.prompt.trim().is_empty(),
                "{}: only empty prompts may fail",
                case.id
            );
            continue;
        };
        let value =
            serde_json::to_value(&storyboard).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        let violations = scenec::schema::validate_storyboard(&value);
        assert!(
            violations.is_empty(),
            "{}: schema violations {violations:?}",
            case.id
        );
        let errors: Vec<_> = scenec::check(&storyboard)
            .into_iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{}: checker errors {errors:?}", case.id);
    }
}

/// Scores a suite and asserts the thresholds: ≥ 0.90 overall, ≥ 0.80 per category.
async fn assert_scores(cases: Vec<Case>, name: &str) {
    let report = run_suite(
        Arc::new(Compiler::builder().director(Heuristic).build()),
        &cases,
    )
    .await;
    assert!(
        report.overall() >= 0.90,
        "{name}: overall {:.3}\n{}",
        report.overall(),
        report.render()
    );
    for c in report.categories() {
        assert!(
            c.score >= 0.80,
            "{name}: category {} scores {:.3}\n{}",
            c.category,
            c.score,
            report.render()
        );
    }
}

#[tokio::test]
async fn dev_suite_scores_above_the_thresholds() {
    assert_scores(dev_suite(), "dev suite").await;
}

#[tokio::test]
async fn own_suite_scores_above_the_thresholds() {
    let cases = own_suite();
    assert!(cases.len() >= 40, "the own suite needs at least 40 prompts");
    assert_scores(cases, "own suite").await;
}

#[test]
fn the_heuristic_is_deterministic() {
    for case in own_suite() {
        let a = Heuristic.decompose(&Request::new(case.prompt.clone())).ok();
        let b = Heuristic.decompose(&Request::new(case.prompt.clone())).ok();
        assert_eq!(a, b, "{}", case.id);
    }
}
