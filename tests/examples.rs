//! examples/ never rots: the heuristic storyboards are regenerated from
//! examples/prompts.jsonl, every storyboard is lowered for every backend with the documented
//! `scenec lower FILE --backend NAME -o DIR` command, and the results must equal the files
//! in examples/. After an intended change, refresh them with
//! `SCENEC_UPDATE_EXAMPLES=1 cargo test --test examples` and review the diff.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// The hand-written storyboard, lowered like the generated ones.
const HAND_WRITTEN: &[&str] = &["panda"];

fn updating() -> bool {
    std::env::var("SCENEC_UPDATE_EXAMPLES").is_ok_and(|v| v == "1")
}

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env_remove("RUST_LOG")
        .current_dir(EXAMPLES);
    cmd
}

/// The (id, prompt) lines of examples/prompts.jsonl.
fn prompts() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(Path::new(EXAMPLES).join("prompts.jsonl"))
        .unwrap_or_else(|e| panic!("cannot read examples/prompts.jsonl: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("bad line {l}: {e}"));
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (field("id"), field("prompt"))
        })
        .collect()
}

/// Every file under `dir` by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_owned();
                out.insert(rel, text);
            }
        }
    }
    out
}

/// Makes `committed` hold exactly `fresh` when updating; otherwise asserts they are equal.
fn compare(fresh: &Path, committed: &Path) {
    let (new, old) = (files(fresh), files(committed));
    if updating() {
        let _ = std::fs::remove_dir_all(committed);
        for (rel, text) in &new {
            let path = committed.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
            }
            std::fs::write(&path, text)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    let names = |m: &BTreeMap<PathBuf, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&new),
        names(&old),
        "the files of {} drifted; run SCENEC_UPDATE_EXAMPLES=1 cargo test --test examples",
        committed.display()
    );
    for (rel, text) in &new {
        assert!(
            old.get(rel) == Some(text),
            "{} drifted; run SCENEC_UPDATE_EXAMPLES=1 cargo test --test examples",
            committed.join(rel).display()
        );
    }
}

#[test]
fn generated_storyboards_match_their_prompts() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    for (id, prompt) in prompts() {
        let out = tmp.path().join(&id);
        scenec()
            .args(["-q", "compile", &prompt, "--director", "heuristic", "-o"])
            .arg(&out)
            .assert()
            .code(0);
        let fresh = std::fs::read_to_string(out.join("storyboard.json"))
            .unwrap_or_else(|e| panic!("no storyboard for {id}: {e}"));
        let committed = Path::new(EXAMPLES).join(format!("{id}.json"));
        if updating() {
            std::fs::write(&committed, format!("{}\n", fresh.trim_end()))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", committed.display()));
            continue;
        }
        let old = std::fs::read_to_string(&committed).unwrap_or_default();
        assert_eq!(
            old.trim_end(),
            fresh.trim_end(),
            "examples/{id}.json drifted from its prompt; run SCENEC_UPDATE_EXAMPLES=1 cargo test --test examples"
        );
    }
}

#[test]
fn lowered_outputs_match_for_every_backend() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let stories: Vec<String> = HAND_WRITTEN
        .iter()
        .map(|s| (*s).to_owned())
        .chain(prompts().into_iter().map(|(id, _)| id))
        .collect();
    for backend in scenec::backend::NAMES {
        for story in &stories {
            scenec()
                .args([
                    "-q",
                    "lower",
                    &format!("{story}.json"),
                    "--backend",
                    backend,
                ])
                .arg("-o")
                .arg(tmp.path().join(backend).join(story))
                .assert()
                .code(0);
        }
    }
    compare(tmp.path(), &Path::new(EXAMPLES).join("lowered"));
}

#[test]
fn the_readme_shows_the_library_example() {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |name: &str| {
        std::fs::read_to_string(Path::new(root).join(name))
            .unwrap_or_else(|e| panic!("cannot read {name}: {e}"))
    };
    let example = read("examples/library.rs");
    let body: Vec<&str> = example
        .lines()
        .skip_while(|l| !l.contains("// README begin"))
        .skip(1)
        .take_while(|l| !l.contains("// README end"))
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    assert!(body.len() >= 5, "no README markers in examples/library.rs");
    let readme = read("README.md");
    assert!(
        readme.contains(&body.join("\n")),
        "README.md's library snippet differs from examples/library.rs:\n{}",
        body.join("\n")
    );
}
