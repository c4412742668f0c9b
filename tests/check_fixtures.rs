//! The broken-storyboard corpus: each file in tests/fixtures/broken/ breaks one rule, and its
//! name starts with the code of that rule. Every file must report that code and no other, and its
//! diagnostics (and, where fix() changes something, the fixes and what remains) are snapshot.

use std::path::{Path, PathBuf};

use scenec::check::{Diagnostic, Severity, check_value, fix};
use serde::Serialize;

/// What one fixture produces.
#[derive(Serialize)]
struct Report {
    diagnostics: Vec<Diagnostic>,
    /// Present when fix() changed the storyboard.
    after_fix: Option<AfterFix>,
}

#[derive(Serialize)]
struct AfterFix {
    fixed: Vec<Diagnostic>,
    remaining: Vec<Diagnostic>,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn report(path: &Path) -> Report {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is JSON: {e}", path.display()));
    let checked = check_value(&value);
    let after_fix = checked.storyboard.clone().and_then(|mut sb| {
        let fixed = fix(&mut sb);
        (!fixed.is_empty()).then(|| AfterFix {
            fixed,
            remaining: scenec::check(&sb),
        })
    });
    Report {
        diagnostics: checked.diagnostics,
        after_fix,
    }
}

#[test]
fn the_corpus_has_at_least_twenty_broken_storyboards() {
    assert!(fixtures().len() >= 20, "only {} fixtures", fixtures().len());
}

#[test]
fn each_fixture_reports_only_the_code_in_its_name() {
    for path in fixtures() {
        let name = stem(&path);
        let code = name.split('-').next().unwrap_or_default();
        let report = report(&path);
        let got: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert!(
            !got.is_empty() && got.iter().all(|c| *c == code),
            "{name}: {:#?}",
            report.diagnostics
        );
        let severity = if code.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert!(
            report.diagnostics.iter().all(|d| d.severity == severity),
            "{name}"
        );
        assert!(
            report.diagnostics.iter().all(|d| d.path.starts_with('/')),
            "{name}: pointer"
        );
    }
}

#[test]
fn fixable_fixtures_are_clean_after_fix() {
    for name in [
        "E0503-action-slightly-outside-shot",
        "E0503-camera-starts-before-shot",
        "E0503-times-from-video-start",
        "E0601-durations-do-not-add-up",
        "E1101-actor-not-in-cast",
        "E1102-anchor-not-in-cast",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/broken/{name}.json"));
        let after = report(&path)
            .after_fix
            .unwrap_or_else(|| panic!("{name}: fix() changed nothing"));
        assert!(
            after.remaining.iter().all(|d| !d.is_error()),
            "{name}: {:#?}",
            after.remaining
        );
        assert!(
            after
                .fixed
                .iter()
                .all(|d| d.severity == Severity::Fixed && d.code == name[..5])
        );
    }
}

#[test]
fn fixture_diagnostic_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(true);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for path in fixtures() {
            let name = stem(&path);
            insta::with_settings!({info => &name}, {
                insta::assert_yaml_snapshot!(format!("broken_{name}"), report(&path));
            });
        }
    });
}
