//! The three preview formats on the example storyboards: Markdown and plain terminal output
//! as reviewed snapshots, colour only on request, and HTML that escapes storyboard text.

use std::path::Path;

use scenec::ir::{KeyframePlan, Storyboard};
use scenec::lower::{LowerOptions, lower};
use scenec::preview::{html, markdown, term};
use scenec::target;

fn load(path: &str) -> (Storyboard, KeyframePlan) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("fixture readable");
    let sb: Storyboard = serde_json::from_str(&text).expect("fixture is a storyboard");
    (sb.clone(), generic_plan(sb))
}

fn generic_plan(sb: Storyboard) -> KeyframePlan {
    let (checked, _) = scenec::check::accept(sb).expect("a clean storyboard");
    lower(&checked, &target::GENERIC, &LowerOptions::default()).expect("lowers")
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"),
        prepend_module_to_snapshot => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn markdown_shot_list_of_panda() {
    let (sb, plan) = load("examples/panda.json");
    snapshot("markdown_panda", &markdown::render(&sb, &plan));
}

#[test]
fn markdown_shot_list_of_lighthouse() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    snapshot("markdown_lighthouse", &markdown::render(&sb, &plan));
}

#[test]
fn plain_terminal_table_of_panda() {
    let (sb, plan) = load("examples/panda.json");
    snapshot("term_plain_panda", &term::render(&sb, &plan, false));
}

#[test]
fn plain_terminal_table_of_lighthouse() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    snapshot("term_plain_lighthouse", &term::render(&sb, &plan, false));
}

#[test]
fn terminal_colour_only_when_asked() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    assert!(!term::render(&sb, &plan, false).contains('\x1b'));
    let coloured = term::render(&sb, &plan, true);
    assert!(coloured.contains("\x1b["), "no ANSI escape in {coloured}");
}

#[test]
fn terminal_table_wraps_to_the_given_width() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    let text = term::render_width(&sb, &plan, false, 80);
    let table_lines = text.lines().filter(|l| l.starts_with(['│', '┌', '└', '╞']));
    for line in table_lines {
        assert!(line.chars().count() <= 80, "line wider than 80: {line}");
    }
}

#[test]
fn markdown_has_a_table_per_shot_and_every_keyframe_prompt() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    let md = markdown::render(&sb, &plan);
    for shot in &sb.shots {
        assert!(
            md.contains(&format!("## Shot {} ·", shot.id)),
            "{}",
            shot.id
        );
    }
    assert_eq!(md.matches("| Framing / angle |").count(), sb.shots.len());
    for k in &plan.keyframes {
        assert!(
            md.contains(&format!("| {} |", k.frame)),
            "frame {}",
            k.frame
        );
    }
}

#[test]
fn html_page_has_a_card_and_a_diagram_per_shot_and_an_entity_sheet() {
    let (sb, plan) = load("tests/fixtures/lighthouse.json");
    let page = html::render(&sb, &plan).expect("renders");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        page.matches(r#"class="panel shot""#).count(),
        sb.shots.len()
    );
    assert_eq!(
        page.matches("Screen diagram of shot").count(),
        sb.shots.len()
    );
    for shot in &sb.shots {
        assert!(page.contains(&format!(r#"data-shot="{}""#, shot.id)));
    }
    // One glyph per camera move (a static shot gets the tripod) in the list and the diagram.
    let moves: usize = sb.shots.iter().map(|s| s.camera.len().max(1)).sum();
    assert_eq!(page.matches(r#"class="glyph""#).count(), moves);
    assert_eq!(page.matches(r#"class="diagram-glyph""#).count(), moves);
    let boxes: usize = plan.keyframes.iter().map(|k| k.entities.len()).sum();
    assert_eq!(page.matches(r#"<rect class="box"#).count(), boxes);
    assert_eq!(page.matches(r#"class="entity""#).count(), sb.entities.len());
    for e in &sb.entities {
        assert!(page.contains(&e.description), "{}", e.id);
    }
}

#[test]
fn html_escapes_storyboard_text() {
    let (mut sb, _) = load("examples/panda.json");
    sb.title = String::from(r#"Hello "<b>world</b>""#);
    sb.shots[0].description = String::from("<script>alert('x')</script> & more");
    sb.entities[0].description = String::from("<img src=x onerror=alert(1)>");
    let plan = generic_plan(sb.clone());
    let page = html::render(&sb, &plan).expect("renders");
    assert!(!page.contains("<script"), "a script tag got through");
    assert!(!page.contains("<img"), "an img tag got through");
    assert!(
        !page.contains("<b>world"),
        "markup in the title got through"
    );
    assert!(page.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; more"));
}

#[test]
fn degenerate_inputs_render_in_every_format() {
    // No shots and an empty plan: nothing to lower, but a preview must still render.
    let (mut sb, mut plan) = load("examples/panda.json");
    let shots = std::mem::take(&mut sb.shots);
    sb.entities.clear();
    sb.duration_s = 0.0;
    let full_plan = plan.clone();
    plan.keyframes.clear();
    plan.clips.clear();
    assert!(term::render(&sb, &plan, true).contains("Panda says hello"));
    assert!(markdown::render(&sb, &plan).contains("## Entities\n\n(none)"));
    assert!(
        html::render(&sb, &plan)
            .expect("renders")
            .contains("No entities.")
    );

    // A plan whose boxes are not finite and name entities the storyboard does not declare.
    sb.shots = shots;
    sb.duration_s = 8.0;
    let mut plan = full_plan;
    for k in &mut plan.keyframes {
        for e in &mut k.entities {
            e.id = String::from("ghost");
            e.bbox = [f64::NAN, 0.0, f64::INFINITY, 1.0];
        }
    }
    let page = html::render(&sb, &plan).expect("renders");
    assert_eq!(page.matches(r#"<rect class="box"#).count(), 0);
    assert!(!page.contains("NaN") && !page.contains("\"inf"));
    assert!(term::render(&sb, &plan, false).contains("s1"));
    assert!(markdown::render(&sb, &plan).contains("## Shot s1"));
}
