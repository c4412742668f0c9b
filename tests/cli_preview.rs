//! `scenec preview` end to end: formats, output file, standard input, colour, refusal of a
//! storyboard with errors (exit 1) and of an unreadable file (exit 2).

use assert_cmd::Command;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").expect("the scenec binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn term_is_the_default_and_plain_when_piped() {
    let out = scenec()
        .args(["preview", "tests/fixtures/lighthouse.json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.contains("framing / angle") && text.contains("s4"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "colour in piped output");
}

#[test]
fn color_always_colours_the_table() {
    let out = scenec()
        .args(["preview", "examples/panda.json", "--color", "always"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(stdout_of(&out).contains("\x1b["));
}

#[test]
fn markdown_reads_standard_input() {
    let input = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json"))
        .expect("example readable");
    let out = scenec()
        .args(["preview", "-", "--format", "md"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.starts_with("# Panda says hello"), "{text}");
    assert!(text.contains("## Shot s1"));
}

#[test]
fn html_goes_to_the_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("board.html");
    let out = scenec()
        .args([
            "preview",
            "tests/fixtures/lighthouse.json",
            "--format",
            "html",
            "-o",
        ])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let page = std::fs::read_to_string(&path).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"data-shot="s3""#));
}

#[test]
fn a_storyboard_with_errors_is_refused_with_its_diagnostics() {
    let out = scenec()
        .args(["preview", "-", "--format", "html"])
        .write_stdin(r#"{"schema_version": "1", "title": "x"}"#)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[E0001]"), "{err}");
    assert!(err.contains("nothing previewed"), "{err}");
}

#[test]
fn an_unreadable_file_exits_2() {
    let out = scenec()
        .args(["preview", "no/such/board.json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot read no/such/board.json"), "{err}");
}

#[test]
fn an_unwritable_output_exits_2() {
    let out = scenec()
        .args([
            "preview",
            "examples/panda.json",
            "--format",
            "md",
            "-o",
            "/no/such/dir/x.md",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write /no/such/dir/x.md"));
}

fn compile() -> Command {
    let mut cmd = scenec();
    cmd.arg("compile")
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

#[test]
fn compile_prints_a_markdown_preview() {
    let out = compile()
        .args([
            "a panda walks from left to right, then waves",
            "--format",
            "md",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout_of(&out);
    assert!(text.starts_with("# "), "{text}");
    assert!(
        text.contains("## Shot s1") && text.contains("**Keyframe prompts**"),
        "{text}"
    );
}

#[test]
fn compile_prints_a_plain_terminal_preview_when_piped() {
    let out = compile()
        .args(["a panda waves", "--format", "term"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout_of(&out);
    assert!(
        text.contains("framing / angle") && !text.contains('\x1b'),
        "{text}"
    );
}

#[test]
fn compile_writes_the_html_page_beside_the_json_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = compile()
        .args([
            "a red car drives from left to right",
            "--format",
            "html",
            "-o",
        ])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["storyboard.json", "plan.json", "meta.json"] {
        assert!(dir.path().join(name).is_file(), "{name} missing");
    }
    let page = std::fs::read_to_string(dir.path().join("preview.html")).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains(r#"data-shot="s1""#));
}
