//! Replays every input the fuzzers (see fuzz/ and BENCHMARKS.md) ever crashed on, and their
//! committed seed corpus, through the same pipeline function the fuzz target runs
//! ([`scenec::fuzzing`]). Each file in tests/fuzz_regressions/<target>/ is one crash input,
//! named after the contract it broke; fuzz/corpus/<target>/ is the minimized corpus.

use std::path::{Path, PathBuf};

use scenec::fuzzing::{heuristic_director, storyboard_pipeline};

/// The saved crash inputs, then the corpus, of `target`, each sorted by name.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in [
        root.join("tests/fuzz_regressions").join(target),
        root.join("fuzz/corpus").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        all.extend(files);
    }
    assert!(!all.is_empty(), "no inputs for fuzz target {target}");
    all
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn storyboard_pipeline_crashes_and_corpus_pass() {
    let failures: Vec<String> = inputs("storyboard_pipeline")
        .iter()
        .filter_map(|path| {
            storyboard_pipeline(&read(path))
                .err()
                .map(|v| format!("{}: {v}", name(path)))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn heuristic_director_crashes_and_corpus_pass() {
    let mut failures = Vec::new();
    for path in inputs("heuristic_director") {
        let prompt = String::from_utf8_lossy(&read(&path)).into_owned();
        if let Err(v) = heuristic_director(&prompt).await {
            failures.push(format!("{}: {v}", name(&path)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
