//! The stages import one way (DESIGN.md "Layers, one way"): `lower` and `backend` both read
//! the profiles in `target`, `lower` never imports `backend`, `backend` never imports `lower`,
//! `target` imports neither, and translation validation (`validate`) imports only the IR.
//! Checked by scanning the sources for paths into the other stage.

use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_owned()];
    while let Some(d) = todo.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out
}

/// `(file, line number, line)` of every line under `src/<stage>` that names a path into
/// `forbidden` (`crate::forbidden`, `scenec::forbidden`, `super::…::forbidden`), comments
/// included: a doc link into the other stage is a dependency too.
fn imports_of(stage: &str, forbidden: &str) -> Vec<String> {
    let needles = [
        format!("crate::{forbidden}"),
        format!("scenec::{forbidden}"),
        format!("super::super::{forbidden}"),
    ];
    let mut hits = Vec::new();
    for file in sources(&Path::new(SRC).join(stage)) {
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (i, line) in text.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n.as_str())) {
                hits.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    hits
}

#[test]
fn lower_does_not_import_backend() {
    let hits = imports_of("lower", "backend");
    assert!(
        hits.is_empty(),
        "lower imports backend:\n{}",
        hits.join("\n")
    );
}

#[test]
fn backend_does_not_import_lower() {
    let hits = imports_of("backend", "lower");
    assert!(
        hits.is_empty(),
        "backend imports lower:\n{}",
        hits.join("\n")
    );
}

#[test]
fn target_imports_neither_lower_nor_backend() {
    let mut hits = imports_of("target", "lower");
    hits.extend(imports_of("target", "backend"));
    assert!(
        hits.is_empty(),
        "target imports a stage:\n{}",
        hits.join("\n")
    );
}

#[test]
fn emitters_never_see_the_storyboard() {
    let hits: Vec<String> = sources(&Path::new(SRC).join("backend"))
        .into_iter()
        .flat_map(|file| {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains("Storyboard"))
                .map(|(i, l)| format!("{}:{}: {}", file.display(), i + 1, l.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        hits.is_empty(),
        "an emitter reads the storyboard:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_scan_finds_an_import_when_there_is_one() {
    // The scanner itself: `cli` imports both stages, so it must find both.
    assert!(!imports_of("cli", "lower").is_empty());
    assert!(!imports_of("cli", "backend").is_empty());
}

#[test]
fn validate_imports_only_the_ir() {
    let mut hits = Vec::new();
    for stage in ["lower", "backend", "target", "check", "director", "lang"] {
        hits.extend(imports_of("validate", stage));
    }
    assert!(
        hits.is_empty(),
        "validate must judge the plan on its own terms, from the IR only:\n{}",
        hits.join("\n")
    );
}
