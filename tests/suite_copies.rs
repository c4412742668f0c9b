//! The repository keeps its own copies of the shared evaluation suites (`tests/eval/`), so a
//! fresh clone tests with nothing beside it. This test checks that the copies have not drifted
//! from `../shared/eval/`. It needs `../shared` beside the repository, so it is ignored by
//! default; `.ci/run` (where `../shared` is laid) runs it with
//! `cargo test --test suite_copies -- --ignored`, and there a missing `../shared` fails it.

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
