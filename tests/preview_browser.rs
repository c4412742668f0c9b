//! The HTML storyboard page in a real browser: headless Chromium loads the page, the test
//! checks that no error reached the console, that every shot is in the rendered DOM, and that
//! a screenshot was painted. The tests need Debian's `chromium`, so they are ignored by
//! default; `.ci/run` installs it and runs them with
//! `cargo test --test preview_browser -- --ignored`, and there a missing browser fails them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scenec::ir::Storyboard;
use scenec::lower::{LowerOptions, lower};
use scenec::target;

/// Records every uncaught error, failed resource load, unhandled rejection and
/// `console.error` call into an attribute of `<html>`, which `--dump-dom` then shows.
/// `data-recorder="on"` proves the recorder itself ran.
const RECORDER: &str = r#"<script>(function () {
  var errors = [];
  var root = document.documentElement;
  root.setAttribute('data-recorder', 'on');
  function note(message) {
    errors.push(String(message));
    root.setAttribute('data-console-errors', errors.join(' | '));
  }
  window.addEventListener('error', function (e) {
    var t = e.target;
    note(e.message || ('failed to load ' + ((t && (t.src || t.href)) || 'a resource')));
  }, true);
  window.addEventListener('unhandledrejection', function (e) { note('unhandled rejection: ' + e.reason); });
  var original = console.error;
  console.error = function () {
    note(Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();</script>"#;

/// How long one Chromium run may take before the test gives up on it.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|candidate| candidate.is_file())
}

/// The browser; a test that runs without one fails, naming the package to install.
fn browser() -> PathBuf {
    chromium().unwrap_or_else(|| {
        panic!(
            "chromium is not installed (no `chromium` on PATH); the browser test needs it: \
             `apt-get install -y chromium` (.ci/run does this)"
        )
    })
}

/// What one headless Chromium run printed.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs headless Chromium with the required flags plus `extra` on `page`.
fn run_chromium(browser: &Path, page: &Path, extra: &[String]) -> Run {
    let dir = tempfile::tempdir().expect("temp dir for chromium");
    let profile = dir.path().join("profile");
    let out_path = dir.path().join("stdout.txt");
    let err_path = dir.path().join("stderr.txt");
    let out = std::fs::File::create(&out_path).expect("stdout file");
    let err = std::fs::File::create(&err_path).expect("stderr file");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within {CHROMIUM_TIMEOUT:?} on {}",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Run {
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
    }
}

/// The page with the error recorder inserted first thing in `<head>`.
fn with_recorder(html: &str) -> String {
    html.replacen("<head>", &format!("<head>{RECORDER}"), 1)
}

/// What one page load reported: the errors the recorder wrote into the DOM, the uncaught
/// errors in Chromium's console log, and the dumped DOM.
struct Load {
    recorded: Vec<String>,
    logged: Vec<String>,
    dom: String,
}

impl Load {
    fn errors(&self) -> Vec<String> {
        self.recorded.iter().chain(&self.logged).cloned().collect()
    }
}

/// Loads `page` (which carries the recorder) and collects its console errors both ways.
fn load(browser: &Path, page: &Path) -> Load {
    let run = run_chromium(browser, page, &["--dump-dom".to_string()]);
    let dom = run.stdout;
    assert!(
        dom.contains(r#"data-recorder="on""#),
        "the error recorder did not run; DOM:\n{dom}\nstderr:\n{}",
        run.stderr
    );
    let mut recorded = Vec::new();
    let marker = r#"data-console-errors=""#;
    if let Some(start) = dom.find(marker) {
        let rest = &dom[start + marker.len()..];
        recorded.push(rest[..rest.find('"').unwrap_or(rest.len())].to_string());
    }
    let logged = run
        .stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") && l.contains("Uncaught"))
        .map(str::to_string)
        .collect();
    Load {
        recorded,
        logged,
        dom,
    }
}

fn storyboard(path: &str) -> Storyboard {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is a storyboard")
}

/// Renders the storyboard's page, loads it in Chromium and checks it.
fn check_page_in_browser(name: &str, fixture: &str) {
    let browser = browser();
    let sb = storyboard(fixture);
    let checked = scenec::check::accept(sb.clone())
        .expect("a clean fixture")
        .0;
    let plan = lower(&checked, &target::GENERIC, &LowerOptions::default()).expect("lowers");
    let html = scenec::preview::html::render(&sb, &plan).expect("renders");
    for needle in ["<script", "src=", "url(", "@import", "http:", "https:"] {
        assert!(
            !html.contains(needle),
            "the page must be self-contained but contains {needle:?}"
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join(format!("{name}.html"));
    std::fs::write(&page, with_recorder(&html)).expect("page written");

    let loaded = load(&browser, &page);
    let errors = loaded.errors();
    assert!(errors.is_empty(), "console errors on {name}: {errors:?}");
    let dom = loaded.dom;
    assert_eq!(
        dom.matches(r#"class="panel shot""#).count(),
        sb.shots.len(),
        "one card per shot"
    );
    for shot in &sb.shots {
        assert!(
            dom.contains(&format!(r#"data-shot="{}""#, shot.id)),
            "shot {} missing from the DOM",
            shot.id
        );
        assert!(
            dom.contains(&shot.description),
            "description of shot {} missing from the DOM",
            shot.id
        );
    }
    assert!(dom.contains(&sb.title), "title missing from the DOM");

    let shot_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot_path);
    run_chromium(
        &browser,
        &page,
        &[
            format!("--screenshot={}", shot_path.display()),
            "--window-size=1280,2000".to_string(),
        ],
    );
    let png = std::fs::read(&shot_path).expect("chromium wrote the screenshot");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "screenshot is not a PNG"
    );
    // A blank 1280×2000 page compresses to a few KB; a painted storyboard is far larger.
    assert!(
        png.len() > 40_000,
        "screenshot is only {} bytes: the page looks blank",
        png.len()
    );
    eprintln!("screenshot of {name}: {}", shot_path.display());
}

#[test]
#[ignore = "needs Debian's chromium: cargo test --test preview_browser -- --ignored (.ci/run does)"]
fn panda_page_loads_without_console_errors_and_shows_every_shot() {
    check_page_in_browser("panda", "examples/panda.json");
}

#[test]
#[ignore = "needs Debian's chromium: cargo test --test preview_browser -- --ignored (.ci/run does)"]
fn multi_shot_page_loads_without_console_errors_and_shows_every_shot() {
    check_page_in_browser("lighthouse", "tests/fixtures/lighthouse.json");
}

#[test]
#[ignore = "needs Debian's chromium: cargo test --test preview_browser -- --ignored (.ci/run does)"]
fn the_recorder_detects_a_page_with_a_script_error_and_a_console_error() {
    let browser = browser();
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("broken.html");
    let broken = "<!DOCTYPE html><html><head><title>broken</title></head><body><p>hi</p>\
        <script>console.error('deliberate console error');</script>\
        <script>definitelyNotDefined();</script></body></html>";
    std::fs::write(&page, with_recorder(broken)).expect("page written");
    let loaded = load(&browser, &page);
    let recorded = loaded.recorded.join("\n");
    assert!(
        recorded.contains("definitelyNotDefined"),
        "the recorder missed the script error: {recorded}"
    );
    assert!(
        recorded.contains("deliberate console error"),
        "the recorder missed console.error: {recorded}"
    );
    let logged = loaded.logged.join("\n");
    assert!(
        logged.contains("definitelyNotDefined"),
        "the console log scan missed the script error: {logged}"
    );
}
