//! The repository keeps its own copies of what it uses from `../shared` — the evaluation
//! suites (`tests/eval/`) and a slice of the UD English EWT test split
//! (`tests/data/ud-english-ewt/`) — so a fresh clone tests with nothing beside it. These tests
//! check that the copies have not drifted from `../shared`. They need `../shared` beside the
//! repository, so they are ignored by default; `.ci/run` (where `../shared` is laid) runs them
//! with `cargo test --test suite_copies -- --ignored`, and there a missing `../shared` fails
//! them.

use std::path::PathBuf;

/// The suites the repository copies from `../shared/eval/`.
const COPIED: &[&str] = &["dev-suite.jsonl", "dev-suite-2.jsonl"];

#[test]
#[ignore = "compares tests/eval with ../shared/eval, which only exists beside a checkout; run with --ignored where it does (.ci/run does)"]
fn eval_suite_copies_match_shared() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/eval");
    assert!(
        shared.is_dir(),
        "{} does not exist: this test compares the repository's suite copies with it",
        shared.display()
    );
    for name in COPIED {
        let theirs = std::fs::read(shared.join(name))
            .unwrap_or_else(|e| panic!("cannot read ../shared/eval/{name}: {e}"));
        let ours = std::fs::read(root.join("tests/eval").join(name))
            .unwrap_or_else(|e| panic!("cannot read tests/eval/{name}: {e}"));
        assert!(
            ours == theirs,
            "tests/eval/{name} differs from ../shared/eval/{name}: copy it again (cp ../shared/eval/{name} tests/eval/) and review the snapshots that change"
        );
    }
}

#[test]
#[ignore = "compares tests/data with ../shared/data, which only exists beside a checkout; run with --ignored where it does (.ci/run does)"]
fn treebank_slice_is_the_start_of_the_shared_test_split() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let name = "ud-english-ewt/en_ewt-ud-test.conllu";
    let full = std::fs::read_to_string(root.join("../shared/data").join(name))
        .unwrap_or_else(|e| panic!("cannot read ../shared/data/{name}: {e}"));
    let slice = std::fs::read_to_string(
        root.join("tests/data/ud-english-ewt/en_ewt-ud-test-first500.conllu"),
    )
    .unwrap_or_else(|e| panic!("cannot read the repository's slice: {e}"));
    assert!(
        full.starts_with(slice.trim_end()),
        "tests/data/ud-english-ewt/en_ewt-ud-test-first500.conllu is not the start of ../shared/data/{name}"
    );
}
