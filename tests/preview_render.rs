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

/// Two shots (3 s and 4.3 s): a panda acts in both; a bamboo stand only appears as the
/// camera's target in the first; the second shot has no setting, and a cub sits where the
/// panda stands (their boxes overlap).
fn two_shot_board() -> (Storyboard, KeyframePlan) {
    let json = r#"{
      "schema_version": "1", "title": "Panda and bamboo", "duration_s": 7.3, "style": "",
      "entities": [
        {"id": "panda", "kind": "animal", "description": "a giant panda"},
        {"id": "bamboo", "kind": "object", "description": "a bamboo stand"},
        {"id": "cub", "kind": "animal", "description": "a panda cub"}
      ],
      "shots": [
        {"id": "s1", "duration_s": 3.0, "setting": "a bamboo forest", "description": "The panda stands by the bamboo.",
         "framing": "wide", "angle": "eye_level",
         "camera": [{"move": "pan", "direction": "right", "speed": "slow", "start_s": 0.0, "end_s": 3.0, "target": "bamboo"}],
         "actions": [{"entity": "panda", "verb": "stand", "description": "stands in the middle",
           "start_s": 0.0, "end_s": 3.0, "from": {"region": "center", "relation": null, "anchor": null}, "to": null,
           "state_from": null, "state_to": null}],
         "transition": "cut"},
        {"id": "s2", "duration_s": 4.3, "setting": " ", "description": "The panda waves.",
         "framing": "medium", "angle": "eye_level", "camera": [],
         "actions": [{"entity": "panda", "verb": "wave", "description": "waves a paw",
           "start_s": 0.0, "end_s": 4.3, "from": {"region": "center", "relation": null, "anchor": null}, "to": null, "state_from": null, "state_to": null},
           {"entity": "cub", "verb": "sit", "description": "sits in the same spot",
           "start_s": 0.0, "end_s": 4.3, "from": {"region": "center", "relation": null, "anchor": null}, "to": null, "state_from": null, "state_to": null}],
         "transition": "cut"}
      ]
    }"#;
    let mut sb: Storyboard = serde_json::from_str(json).expect("a storyboard");
    // Written as version 1: upgraded as every reader does.
    assert!(scenec::check::upgrade(&mut sb).is_some());
    (sb.clone(), generic_plan(sb))
}

/// The values of `attr="…"` in `tag`s of `page` whose text contains `class`.
fn attr_values(page: &str, class: &str, attr: &str) -> Vec<String> {
    page.split('<')
        .filter(|tag| tag.contains(class))
        .filter_map(|tag| {
            let start = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
            let len = tag[start..].find('"')?;
            Some(tag[start..start + len].to_string())
        })
        .collect()
}

#[test]
fn html_shows_no_empty_setting_chip() {
    let (sb, plan) = two_shot_board();
    let page = html::render(&sb, &plan).expect("renders");
    assert_eq!(page.matches("<span>setting</span>").count(), 1);
    assert!(page.contains("<span>setting</span>a bamboo forest"));
}

#[test]
fn html_entity_sheet_counts_shots_where_the_entity_is_on_screen() {
    let (sb, plan) = two_shot_board();
    assert!(
        plan.keyframes
            .iter()
            .any(|k| k.entities.iter().any(|e| e.id == "bamboo"))
    );
    let page = html::render(&sb, &plan).expect("renders");
    let sheet = &page[page.find(r#"id="entities""#).expect("an entity sheet")..];
    let bamboo = &sheet[sheet.find("bamboo <small>").expect("a bamboo card")..];
    let bamboo = &bamboo[..bamboo.find("</article>").expect("card end")];
    assert!(bamboo.contains("<dt>in shots</dt><dd>s1</dd>"), "{bamboo}");
}

#[test]
fn html_timeline_labels_its_end() {
    let (sb, plan) = two_shot_board();
    let page = html::render(&sb, &plan).expect("renders");
    assert!(
        page.contains(r#"<span class="tick" style="left: 100.0%">7.3 s</span>"#),
        "no end label"
    );
    let lefts: Vec<f64> = attr_values(&page, r#"class="tick""#, "style")
        .iter()
        .filter_map(|s| {
            s.trim_start_matches("left: ")
                .trim_end_matches('%')
                .parse()
                .ok()
        })
        .collect();
    for pair in lefts.windows(2) {
        assert!(pair[1] - pair[0] >= 5.0, "ticks too close: {lefts:?}");
    }
}

#[test]
fn html_keyframe_diamonds_never_overlap_at_a_shot_boundary() {
    let (sb, plan) = two_shot_board();
    let page = html::render(&sb, &plan).expect("renders");
    let lefts: Vec<f64> = attr_values(&page, r#"class="keyframe"#, "style")
        .iter()
        .filter_map(|s| {
            s.trim_start_matches("left: ")
                .trim_end_matches('%')
                .parse()
                .ok()
        })
        .collect();
    assert!(lefts.len() >= 4, "{lefts:?}");
    for pair in lefts.windows(2) {
        assert!(pair[1] - pair[0] >= 1.5, "diamonds overlap: {lefts:?}");
    }
    // the two keyframes at the cut share one diamond that names both
    assert!(
        page.contains(r#"class="keyframe shared""#)
            && page.contains("(s1); frame 48 at 3.0 s (s2)"),
        "{}",
        &page[page.find("keyframe-lane").unwrap_or(0)..][..2000]
    );
}

#[test]
fn html_box_labels_never_overlap() {
    let (sb, plan) = two_shot_board();
    let page = html::render(&sb, &plan).expect("renders");
    let mut checked = 0;
    for shot in page.split(r#"<section class="panel shot""#).skip(1) {
        let xs = attr_values(shot, r#"class="box-label""#, "x");
        let ys = attr_values(shot, r#"class="box-label""#, "y");
        let names: Vec<usize> = shot
            .split(r#"<text class="box-label""#)
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].chars().count()))
            .collect();
        let labels: Vec<(f64, f64, usize)> = xs
            .iter()
            .zip(&ys)
            .zip(names)
            .filter_map(|((x, y), n)| Some((x.parse().ok()?, y.parse().ok()?, n)))
            .collect();
        let boxes_drawn = shot.matches(r#"<text class="box-label""#).count();
        assert_eq!(labels.len(), boxes_drawn, "unparsed labels");
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let apart = a.0 + 17.0 * a.2 as f64 <= b.0
                    || b.0 + 17.0 * b.2 as f64 <= a.0
                    || (a.1 - b.1).abs() >= 32.0;
                assert!(apart, "labels overlap: {a:?} {b:?}");
            }
        }
        checked += labels.len();
    }
    assert_eq!(checked, 4, "panda and bamboo in s1, panda and cub in s2");
}

#[test]
fn markdown_shows_the_cast_counts_and_enter_exit_times() {
    let (sb, plan) = load("tests/fixtures/pigeons.json");
    let text = markdown::render(&sb, &plan);
    assert!(
        text.contains("| pigeons | animal | 3 | a grey city pigeon |"),
        "{text}"
    );
    assert!(
        text.contains("pigeons ×3 at center, leaves 5.0 s<br>boy at offscreen left, enters 2.0 s"),
        "{text}"
    );
    snapshot("markdown_pigeons", &text);
}

#[test]
fn html_draws_a_box_for_every_instance() {
    let (sb, plan) = load("tests/fixtures/pigeons.json");
    let page = html::render(&sb, &plan).expect("renders");
    for label in ["pigeons 1", "pigeons 2", "pigeons 3"] {
        assert!(
            page.contains(&format!(">{label}<")),
            "no box labelled {label}"
        );
    }
    assert!(
        page.contains("pigeons ×3"),
        "the entity sheet shows the count"
    );
    assert!(page.contains("boy at offscreen left, enters 2.0 s"));
}
