//! DESIGN.md: "no stage keeps its own English word lists in Rust code". Every word class the
//! director, the fidelity gate, the lowering, the checker and the evaluator read lives in the
//! shared lexicon (`src/lang/lexicon/`); this test reads their (non-test) source and fails on
//! a word list written in code: a `"word" | "word"` alternation or an array of three or more
//! word literals. Output templates (the phrases the lowering writes) are single strings and
//! not lists; test modules may hold prompts.

use std::fs;
use std::path::Path;

/// The folders of the stages that must take their words from `src/lang`.
const STAGES: &[&str] = &[
    "src/director/heuristic",
    "src/director/fidelity",
    "src/lower",
    "src/check",
    "src/eval",
];

/// Whether `lit` (the text between two quotes) looks like an English word or phrase.
fn is_word(lit: &str) -> bool {
    lit.len() > 1
        && lit.starts_with(|c: char| c.is_ascii_lowercase())
        && lit
            .chars()
            .all(|c| c.is_ascii_lowercase() || " '-".contains(c))
}

/// A string literal of the source: its line, its text, the last character before it that is
/// not a space, and the text up to the next literal.
struct Literal {
    line: usize,
    text: String,
    before: char,
    gap: String,
}

/// The string literals of a source text in order.
fn literals(code: &str) -> Vec<Literal> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let (mut i, mut line) = (0, 1);
    while i < bytes.len() {
        let c = bytes[i];
        if c == '\n' {
            line += 1;
        }
        if c == '/' && bytes.get(i + 1) == Some(&'/') {
            while i < bytes.len() && bytes[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\'' && bytes.get(i + 2) == Some(&'\'') {
            i += 3; // a char literal such as '"'
            continue;
        }
        if c == '"' {
            let start = line;
            let before = bytes[..i]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .copied()
                .unwrap_or(' ');
            let mut lit = String::new();
            i += 1;
            while i < bytes.len() && bytes[i] != '"' {
                if bytes[i] == '\\' {
                    lit.push(bytes[i]);
                    i += 1;
                }
                if bytes[i] == '\n' {
                    line += 1;
                }
                lit.push(bytes[i]);
                i += 1;
            }
            i += 1;
            let mut gap = String::new();
            let mut j = i;
            while j < bytes.len() && bytes[j] != '"' && gap.len() < 40 {
                gap.push(bytes[j]);
                j += 1;
            }
            out.push(Literal {
                line: start,
                text: lit,
                before,
                gap,
            });
            continue;
        }
        i += 1;
    }
    out
}

/// The word lists in one file's non-test code: (line, words).
fn word_lists(code: &str) -> Vec<(usize, Vec<String>)> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let lits = literals(code);
    let mut found = Vec::new();
    let mut k = 0;
    while k < lits.len() {
        let mut run = vec![k];
        while let Some(&last) = run.last() {
            let sep = lits[last].gap.trim();
            let joins = is_word(&lits[last].text) && (sep == "|" || sep == ",");
            if joins && lits.get(last + 1).is_some_and(|next| is_word(&next.text)) {
                run.push(last + 1);
            } else {
                break;
            }
        }
        let alternation = run.len() >= 2 && lits[k].gap.trim() == "|";
        let array = run.len() >= 3 && lits[k].before == '[';
        if alternation || array {
            let words = run.iter().map(|&r| lits[r].text.clone()).collect();
            found.push((lits[k].line, words));
        }
        k = run.last().map_or(k, |&l| l) + 1;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("test"))
        {
            out.push(path);
        }
    }
}

#[test]
fn no_stage_keeps_an_english_word_list_in_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for stage in STAGES {
        rust_files(&root.join(stage), &mut files);
    }
    assert!(files.len() > 20, "the stage folders moved: {STAGES:?}");
    let mut lists = Vec::new();
    for file in &files {
        let code = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (line, words) in word_lists(&code) {
            let rel = file.strip_prefix(root).unwrap_or(file);
            lists.push(format!("{}:{line}: {}", rel.display(), words.join(" ")));
        }
    }
    assert!(
        lists.is_empty(),
        "English word lists in stage code (move them to src/lang/lexicon/):\n{}",
        lists.join("\n")
    );
}

#[test]
fn the_scan_finds_alternations_and_arrays_but_not_single_words_or_messages() {
    let code = r#"
        fn f(w: &str) -> bool { matches!(w, "pan" | "pans") }
        const LIST: &[&str] = &["red", "green", "blue"];
        fn g(w: &str) -> bool { w == "of" }
        fn h() -> String { format!("{} {} {}", "category", "cases", "score") }
        fn k() -> [&'static str; 2] { ["id", "kind"] }
        // "commented" | "out"
    "#;
    let found = word_lists(code);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, ["pan", "pans"]);
    assert_eq!(found[1].1, ["red", "green", "blue"]);
}
