//! The HTML storyboard page: one self-contained file (inline CSS and SVG, no script, nothing
//! from the network) with a timeline, a card per shot (screen diagram, camera glyph, actions,
//! keyframe prompts) and an entity sheet.
//!
//! The page is a minijinja template (`templates/page.html`) filled from a view model built
//! here; the template auto-escapes every value, so storyboard text (written by users and
//! models) can never become markup. The only unescaped values are the camera glyphs, which
//! [`svg::camera_glyph`] builds from constants.

use minijinja::value::Serde;
use minijinja::{Environment, context};
use serde::Serialize;
use thiserror::Error;

use super::describe::{self, ShotSpan};
use super::svg::{self, ScreenDiagram};
use crate::ir::{KeyframePlan, Storyboard};

const PAGE: &str = include_str!("templates/page.html");
const STYLE: &str = include_str!("templates/page.css");

/// Entity colours, in entity order; repeats after the last.
const PALETTE: [&str; 8] = [
    "#e4572e", "#1f9e89", "#d99a00", "#7768ae", "#3a7fd5", "#d64c8d", "#5e8c3a", "#a0522d",
];
/// Colour of an entity the storyboard does not declare.
const UNKNOWN_COLOUR: &str = "#888888";

/// Why the page could not be rendered (a defect of the built-in template, never of the input).
#[derive(Debug, Error)]
#[error("the built-in HTML preview template failed: {0}; please report this as a scenec bug")]
pub struct HtmlError(#[from] minijinja::Error);

/// The self-contained HTML storyboard page of `storyboard` and its `plan`.
pub fn render(storyboard: &Storyboard, plan: &KeyframePlan) -> Result<String, HtmlError> {
    let mut env = Environment::new();
    env.add_template("page.html", PAGE)?;
    env.add_template("page.css", STYLE)?;
    let page = Page::build(storyboard, plan);
    Ok(env.get_template("page.html")?.render(context! {
        page => Serde(&page),
        version => env!("CARGO_PKG_VERSION"),
    })?)
}

/// Everything the template shows.
#[derive(Debug, Serialize)]
struct Page {
    title: String,
    style: String,
    duration: String,
    shot_count: usize,
    keyframe_count: usize,
    backend: String,
    fps: u32,
    width: u32,
    height: u32,
    total_frames: u32,
    timeline: Timeline,
    shots: Vec<ShotCard>,
    entities: Vec<EntityCard>,
}

#[derive(Debug, Serialize)]
struct Timeline {
    ticks: Vec<Tick>,
    shots: Vec<Bar>,
    camera: Vec<Bar>,
    rows: Vec<Row>,
    keyframes: Vec<Mark>,
}

#[derive(Debug, Serialize)]
struct Tick {
    left: f64,
    label: String,
}

#[derive(Debug, Serialize)]
struct Bar {
    left: f64,
    width: f64,
    label: String,
    tip: String,
    anchor: String,
    muted: bool,
}

#[derive(Debug, Serialize)]
struct Row {
    entity: String,
    colour: String,
    bars: Vec<Bar>,
}

/// A keyframe diamond; keyframes closer than [`MARK_SPAN`] share one (a shot's last and
/// the next shot's first keyframe at a boundary), which then says how many it stands for.
#[derive(Debug, Serialize)]
struct Mark {
    left: f64,
    tip: String,
    count: usize,
}

/// The part of the timeline (in percent) one keyframe diamond covers.
const MARK_SPAN: f64 = 1.5;

#[derive(Debug, Serialize)]
struct ShotCard {
    id: String,
    anchor: String,
    number: usize,
    range: String,
    duration: String,
    setting: String,
    description: String,
    cast: Vec<String>,
    framing: String,
    angle: String,
    transition: String,
    last: bool,
    camera: Vec<CameraCard>,
    actions: Vec<ActionLine>,
    keyframes: Vec<KeyframeLine>,
    diagram: ScreenDiagram,
    legend: Vec<Legend>,
}

#[derive(Debug, Serialize)]
struct CameraCard {
    text: String,
    glyph: String,
}

#[derive(Debug, Serialize)]
struct ActionLine {
    range: String,
    entity: String,
    colour: String,
    description: String,
    path: Option<String>,
    state: Option<String>,
}

#[derive(Debug, Serialize)]
struct KeyframeLine {
    time: String,
    frame: u32,
    prompt: String,
    negative_prompt: String,
    camera: String,
}

#[derive(Debug, Serialize)]
struct Legend {
    entity: String,
    colour: String,
}

#[derive(Debug, Serialize)]
struct EntityCard {
    id: String,
    kind: String,
    count: u32,
    description: String,
    colour: String,
    shots: Vec<String>,
    actions: Vec<String>,
    states: Vec<String>,
}

impl Page {
    fn build(sb: &Storyboard, plan: &KeyframePlan) -> Page {
        let spans = describe::shot_spans(sb, plan);
        let colour_of = |id: &str| colour(sb, id);
        Page {
            title: sb.title.clone(),
            style: sb.style.clone(),
            duration: describe::secs(sb.duration_s),
            shot_count: sb.shots.len(),
            keyframe_count: plan.keyframes.len(),
            backend: plan.backend.clone(),
            fps: plan.fps,
            width: plan.width,
            height: plan.height,
            total_frames: plan.total_frames,
            timeline: timeline(sb, plan, &spans),
            shots: spans
                .iter()
                .map(|span| shot_card(sb, span, plan, &colour_of))
                .collect(),
            entities: sb
                .entities
                .iter()
                .map(|e| EntityCard {
                    id: e.id.clone(),
                    kind: describe::label(&e.kind),
                    count: e.count,
                    description: e.description.clone(),
                    colour: colour_of(&e.id),
                    shots: spans
                        .iter()
                        .filter(|s| appears_in(s, &e.id))
                        .map(|s| s.shot.id.clone())
                        .collect(),
                    actions: sb
                        .shots
                        .iter()
                        .flat_map(|s| s.actions.iter())
                        .filter(|a| a.entity == e.id)
                        .map(|a| a.description.clone())
                        .collect(),
                    states: sb
                        .shots
                        .iter()
                        .flat_map(|s| s.actions.iter())
                        .filter(|a| a.entity == e.id)
                        .filter_map(describe::state_change)
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Whether entity `id` is in the shot: it is cast or acts there, or a keyframe shows it (its box in the
/// screen diagram, its words in the keyframe prompt).
fn appears_in(span: &ShotSpan<'_>, id: &str) -> bool {
    span.shot.cast_member(id).is_some()
        || span.shot.actions.iter().any(|a| a.entity == id)
        || span
            .keyframes
            .iter()
            .any(|k| k.entities.iter().any(|e| e.id == id))
}

/// The CSS colour of entity `id`: its palette colour by declaration order.
fn colour(sb: &Storyboard, id: &str) -> String {
    sb.entities
        .iter()
        .position(|e| e.id == id)
        .and_then(|i| PALETTE.get(i % PALETTE.len()))
        .unwrap_or(&UNKNOWN_COLOUR)
        .to_string()
}

/// The anchor of the shot at `index` (from 0); ids come from users, so they are not used.
fn anchor(index: usize) -> String {
    format!("shot-{}", index + 1)
}

fn timeline(sb: &Storyboard, plan: &KeyframePlan, spans: &[ShotSpan<'_>]) -> Timeline {
    let total = spans
        .last()
        .map_or(sb.duration_s, |s| s.end_s)
        .max(sb.duration_s);
    let total = if total.is_finite() && total > 0.0 {
        total
    } else {
        1.0
    };
    let pct = |t: f64| ((t / total * 100.0).clamp(0.0, 100.0) * 100.0).round() / 100.0;
    let bar = |start: f64, end: f64, label: String, tip: String, anchor: String, muted: bool| {
        let left = pct(start);
        Bar {
            left,
            width: (pct(end) - left).max(0.4),
            label,
            tip,
            anchor,
            muted,
        }
    };
    let step = [0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0]
        .into_iter()
        .find(|step| total / step <= 12.0)
        .unwrap_or(300.0);
    // round ticks with room to spare before the end, then the end itself
    let ticks = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|t| *t < total - 0.6 * step)
        .chain(std::iter::once(total))
        .map(|t| Tick {
            left: pct(t),
            label: format!("{} s", trim(t)),
        })
        .collect();
    let shots = spans
        .iter()
        .map(|s| {
            bar(
                s.start_s,
                s.end_s,
                s.shot.id.clone(),
                format!("{}: {}", s.shot.id, s.shot.description),
                anchor(s.index),
                false,
            )
        })
        .collect();
    let mut camera = Vec::new();
    for s in spans {
        if s.shot.camera.is_empty() {
            camera.push(bar(
                s.start_s,
                s.end_s,
                String::from("static"),
                format!("{}: static camera", s.shot.id),
                anchor(s.index),
                true,
            ));
        }
        for m in &s.shot.camera {
            let mut label = describe::label(&m.kind);
            if let Some(d) = &m.direction {
                label.push(' ');
                label.push_str(&describe::label(d));
            }
            camera.push(bar(
                s.start_s + m.start_s,
                s.start_s + m.end_s,
                label,
                format!("{}: {}", s.shot.id, describe::camera_move(m)),
                anchor(s.index),
                m.kind == crate::ir::MoveKind::Static,
            ));
        }
    }
    let mut ids: Vec<String> = sb.entities.iter().map(|e| e.id.clone()).collect();
    for a in sb.shots.iter().flat_map(|s| s.actions.iter()) {
        if !ids.contains(&a.entity) {
            ids.push(a.entity.clone());
        }
    }
    let rows = ids
        .into_iter()
        .map(|id| Row {
            colour: colour(sb, &id),
            bars: spans
                .iter()
                .flat_map(|s| {
                    s.shot
                        .actions
                        .iter()
                        .filter(|a| a.entity == id)
                        .map(move |a| (s, a))
                })
                .map(|(s, a)| {
                    bar(
                        s.start_s + a.start_s,
                        s.start_s + a.end_s,
                        a.verb.clone(),
                        describe::action(a),
                        anchor(s.index),
                        false,
                    )
                })
                .collect(),
            entity: id,
        })
        .collect();
    let mut keyframes: Vec<Mark> = Vec::new();
    for k in &plan.keyframes {
        let left = pct(k.time_s);
        let tip = format!(
            "frame {} at {} s ({})",
            k.frame,
            describe::secs(k.time_s),
            k.shot
        );
        match keyframes.last_mut() {
            Some(mark) if (left - mark.left).abs() < MARK_SPAN => {
                mark.tip.push_str(&format!("; {tip}"));
                mark.count += 1;
            }
            _ => keyframes.push(Mark {
                left,
                tip,
                count: 1,
            }),
        }
    }
    Timeline {
        ticks,
        shots,
        camera,
        rows,
        keyframes,
    }
}

/// A tick label without a trailing ".0".
fn trim(t: f64) -> String {
    let tenths = format!("{t:.1}");
    tenths.strip_suffix(".0").unwrap_or(&tenths).to_string()
}

fn shot_card(
    sb: &Storyboard,
    span: &ShotSpan<'_>,
    plan: &KeyframePlan,
    colour_of: &impl Fn(&str) -> String,
) -> ShotCard {
    let shot = span.shot;
    let camera = if shot.camera.is_empty() {
        vec![CameraCard {
            text: String::from("static camera"),
            glyph: svg::camera_glyph(crate::ir::MoveKind::Static, None),
        }]
    } else {
        shot.camera
            .iter()
            .map(|m| CameraCard {
                text: describe::camera_move(m),
                glyph: svg::camera_glyph(m.kind, m.direction),
            })
            .collect()
    };
    let diagram = svg::screen_diagram(&span.keyframes, plan.width, plan.height, colour_of);
    let mut legend: Vec<Legend> = Vec::new();
    for b in &diagram.boxes {
        if !legend.iter().any(|l| l.entity == b.entity) {
            legend.push(Legend {
                entity: b.entity.clone(),
                colour: b.colour.clone(),
            });
        }
    }
    ShotCard {
        id: shot.id.clone(),
        anchor: anchor(span.index),
        number: span.index + 1,
        range: describe::range(span.start_s, span.end_s),
        duration: describe::secs(shot.duration_s),
        setting: shot.setting.trim().to_string(),
        description: shot.description.clone(),
        cast: shot
            .cast
            .iter()
            .map(|c| describe::cast_member(sb, c))
            .collect(),
        framing: describe::label(&shot.framing),
        angle: describe::label(&shot.angle),
        transition: describe::label(&shot.transition),
        last: span.last,
        camera,
        actions: shot
            .actions
            .iter()
            .map(|a| ActionLine {
                range: describe::shot_range(a.start_s, a.end_s),
                entity: a.entity.clone(),
                colour: colour_of(&a.entity),
                description: a.description.clone(),
                path: describe::path(a),
                state: describe::state_change(a),
            })
            .collect(),
        keyframes: span
            .keyframes
            .iter()
            .map(|k| KeyframeLine {
                time: describe::secs(k.time_s),
                frame: k.frame,
                prompt: k.prompt.clone(),
                negative_prompt: k.negative_prompt.clone(),
                camera: {
                    let mut c = describe::label(&k.camera.kind);
                    if let Some(d) = &k.camera.direction {
                        c.push(' ');
                        c.push_str(&describe::label(d));
                    }
                    if k.camera.kind != crate::ir::MoveKind::Static {
                        c.push_str(&format!(
                            " {:.0}%",
                            (k.camera.progress * 100.0).clamp(0.0, 100.0)
                        ));
                    }
                    c
                },
            })
            .collect(),
        diagram,
        legend,
    }
}
