//! Geometry of the HTML page's drawings: the screen diagram of a shot (each entity's box at
//! every keyframe, the path through the box centres) and the camera-move glyph.

use serde::Serialize;

use super::describe;
use crate::ir::{Direction, Keyframe, MoveKind};

/// Part of the frame width (and height) drawn around the frame, where off-screen boxes land.
const MARGIN: f64 = 0.12;
/// Height of a box label's line in frame pixels (the label font is 26 px).
const LABEL_LINE: f64 = 32.0;
/// Width of one label character in frame pixels, a bold sans-serif's widest common glyphs.
const LABEL_CHAR: f64 = 17.0;
/// How far a label's baseline sits below the top of its line.
const LABEL_ASCENT: f64 = 24.0;

/// Everything the template needs to draw one shot's screen diagram, in frame pixels.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenDiagram {
    /// The SVG `viewBox`: the frame plus a margin on every side.
    pub view_box: String,
    /// Frame width in pixels.
    pub width: f64,
    /// Frame height in pixels.
    pub height: f64,
    /// One box per entity per keyframe, oldest first.
    pub boxes: Vec<BoxMark>,
    /// One path per entity through its box centres, when it has two keyframes or more.
    pub paths: Vec<PathMark>,
}

/// An entity's box at one keyframe.
#[derive(Debug, Clone, Serialize)]
pub struct BoxMark {
    /// Entity id.
    pub entity: String,
    /// CSS colour of the entity.
    pub colour: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
    /// Centre x.
    pub cx: f64,
    /// Centre y.
    pub cy: f64,
    /// Opacity: faint at the shot's first keyframe, full at its last.
    pub opacity: f64,
    /// Whether this is the entity's last box in the shot (the one that gets a label).
    pub last: bool,
    /// Left end of the label's baseline (last boxes only): inside the box's top-left
    /// corner, moved down or up a line at a time so no two labels overlap.
    pub label_x: f64,
    /// Label baseline.
    pub label_y: f64,
    /// Whether any of the box is inside the frame (drawn dashed when not).
    pub visible: bool,
    /// Tooltip: keyframe time, action and progress.
    pub tip: String,
}

/// The path of one entity through its box centres.
#[derive(Debug, Clone, Serialize)]
pub struct PathMark {
    /// Entity id.
    pub entity: String,
    /// CSS colour of the entity.
    pub colour: String,
    /// SVG `points` of the polyline.
    pub points: String,
}

/// Rounds to one decimal so the page stays small and stable.
fn r1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The screen diagram of one shot's keyframes in a `width`×`height` frame; `colour_of`
/// gives each entity's CSS colour. Boxes with non-finite coordinates are skipped.
pub fn screen_diagram(
    keyframes: &[&Keyframe],
    width: u32,
    height: u32,
    colour_of: impl Fn(&str) -> String,
) -> ScreenDiagram {
    let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let n = keyframes.len();
    let mut boxes = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut centres: Vec<Vec<(f64, f64)>> = Vec::new();
    for (i, k) in keyframes.iter().enumerate() {
        let opacity = if n > 1 {
            0.2 + 0.8 * i as f64 / (n - 1) as f64
        } else {
            1.0
        };
        for e in &k.entities {
            let [x0, y0, x1, y1] = e.bbox;
            if !e.bbox.iter().all(|v| v.is_finite()) {
                continue;
            }
            let (x, y) = (x0.min(x1) * w, y0.min(y1) * h);
            let (bw, bh) = ((x1 - x0).abs() * w, (y1 - y0).abs() * h);
            let (cx, cy) = (x + bw / 2.0, y + bh / 2.0);
            // Each instance of a counted entity is its own track, labelled "pigeon 2".
            let key = match e.instance {
                Some(i) => format!("{} {}", e.id, i + 1),
                None => e.id.clone(),
            };
            let slot = match order.iter().position(|id| *id == key) {
                Some(slot) => slot,
                None => {
                    order.push(key.clone());
                    centres.push(Vec::new());
                    order.len() - 1
                }
            };
            if let Some(points) = centres.get_mut(slot) {
                points.push((r1(cx), r1(cy)));
            }
            let mut tip = format!("{key} at {} s", describe::secs(k.time_s));
            if let Some(action) = &e.action {
                tip.push_str(&format!(
                    ": {action} {:.0}%",
                    (e.progress * 100.0).clamp(0.0, 100.0)
                ));
            }
            if let Some(state) = &e.state {
                tip.push_str(&format!(" ({state})"));
            }
            if !e.visible {
                tip.push_str(", off screen");
            }
            boxes.push(BoxMark {
                entity: key,
                colour: colour_of(&e.id),
                x: r1(x),
                y: r1(y),
                w: r1(bw),
                h: r1(bh),
                cx: r1(cx),
                cy: r1(cy),
                opacity: (opacity * 100.0).round() / 100.0,
                last: false,
                label_x: 0.0,
                label_y: 0.0,
                visible: e.visible,
                tip,
            });
        }
    }
    for id in &order {
        if let Some(last) = boxes.iter_mut().rev().find(|b| b.entity == *id) {
            last.last = true;
        }
    }
    let (mx, my) = (r1(w * MARGIN), r1(h * MARGIN));
    place_labels(&mut boxes, (-mx, -my, w + mx, h + my));
    let paths = order
        .iter()
        .zip(&centres)
        .filter(|(_, points)| points.len() > 1)
        .map(|(id, points)| PathMark {
            entity: id.clone(),
            colour: colour_of(id),
            points: points
                .iter()
                .map(|(x, y)| format!("{x},{y}"))
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    ScreenDiagram {
        view_box: format!("{} {} {} {}", -mx, -my, w + 2.0 * mx, h + 2.0 * my),
        width: w,
        height: h,
        boxes,
        paths,
    }
}

/// A label's rectangle (left, top, right, bottom) for `text` with its baseline at (x, y).
fn label_rect(text: &str, x: f64, y: f64) -> (f64, f64, f64, f64) {
    let width = LABEL_CHAR * text.chars().count() as f64;
    (
        x,
        y - LABEL_ASCENT,
        x + width,
        y - LABEL_ASCENT + LABEL_LINE,
    )
}

/// Places the label of every last box inside the `view` (left, top, right, bottom): at the
/// box's top-left corner, else the nearest line below or above it where it overlaps no
/// label placed before (overlapping boxes would put their labels on top of each other).
fn place_labels(boxes: &mut [BoxMark], view: (f64, f64, f64, f64)) {
    let (left, top, right, bottom) = view;
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for b in boxes.iter_mut().filter(|b| b.last) {
        let width = LABEL_CHAR * b.entity.chars().count() as f64;
        let x = (b.x + 8.0).min(right - width).max(left);
        let lowest = bottom - LABEL_LINE + LABEL_ASCENT;
        let highest = top + LABEL_ASCENT;
        let home = (b.y + 30.0).clamp(highest, lowest.max(highest));
        let free = |y: f64| {
            let (l, t, r, btm) = label_rect(&b.entity, x, y);
            placed
                .iter()
                .all(|&(pl, pt, pr, pb)| r <= pl || pr <= l || btm <= pt || pb <= t)
        };
        let lines = ((bottom - top) / LABEL_LINE).ceil() as i32;
        let y = std::iter::once(home)
            .chain(
                (1..=lines)
                    .flat_map(|k| [f64::from(k), -f64::from(k)])
                    .map(|k| home + k * LABEL_LINE)
                    .filter(|y| (highest..=lowest).contains(y)),
            )
            .find(|y| free(*y))
            .unwrap_or(home);
        placed.push(label_rect(&b.entity, x, y));
        b.label_x = r1(x);
        b.label_y = r1(y);
    }
}

/// SVG elements (for a `0 0 100 100` view box, stroked in `currentColor`) picturing a camera
/// move: an arrow for pan, truck, tilt, pedestal and crane in the move's direction, converging
/// (in) or diverging (out) arrows for zoom and dolly, a curved arrow for orbit and roll, a
/// wavy line for handheld, an arrow at a target for follow, a tripod for static.
/// Built from constants only, never from storyboard text.
pub fn camera_glyph(kind: MoveKind, direction: Option<Direction>) -> String {
    use Direction::{Clockwise, Counterclockwise, Down, In, Left, Out, Right, Up};
    match (kind, direction) {
        (MoveKind::Static, _) => tripod(),
        (MoveKind::Handheld, _) => String::from(
            r#"<polyline points="12,50 24,38 36,62 48,38 60,62 72,38 84,56" fill="none" stroke="currentColor" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>"#,
        ),
        (MoveKind::Orbit | MoveKind::Roll, Some(Left | Counterclockwise)) => {
            curved(kind == MoveKind::Orbit, false)
        }
        (MoveKind::Orbit | MoveKind::Roll, _) => curved(kind == MoveKind::Orbit, true),
        (MoveKind::Follow, None) => {
            let mut s = arrow(12.0, 50.0, 66.0, 50.0);
            s.push_str(r#"<circle cx="80" cy="50" r="12" fill="none" stroke="currentColor" stroke-width="4" stroke-dasharray="5 4"/>"#);
            s
        }
        (_, Some(In)) => converging(true),
        (_, Some(Out)) => converging(false),
        (_, Some(Left)) => arrow(84.0, 50.0, 16.0, 50.0),
        (_, Some(Right)) => arrow(16.0, 50.0, 84.0, 50.0),
        (_, Some(Up)) => arrow(50.0, 84.0, 50.0, 16.0),
        (_, Some(Down)) => arrow(50.0, 16.0, 50.0, 84.0),
        (_, Some(Clockwise)) => curved(false, true),
        (_, Some(Counterclockwise)) => curved(false, false),
        (MoveKind::Zoom | MoveKind::Dolly, None) => converging(true),
        (MoveKind::Tilt | MoveKind::Pedestal | MoveKind::Crane, None) => {
            let mut s = arrow(50.0, 50.0, 50.0, 14.0);
            s.push_str(&arrow(50.0, 50.0, 50.0, 86.0));
            s
        }
        (_, None) => {
            let mut s = arrow(50.0, 50.0, 14.0, 50.0);
            s.push_str(&arrow(50.0, 50.0, 86.0, 50.0));
            s
        }
    }
}

/// A straight arrow from (x1, y1) to (x2, y2) with a filled head at the end.
fn arrow(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let head = 14.0;
    let (bx, by) = (x2 - ux * head, y2 - uy * head);
    let (px, py) = (-uy * head * 0.6, ux * head * 0.6);
    format!(
        r#"<line x1="{x1}" y1="{y1}" x2="{}" y2="{}" stroke="currentColor" stroke-width="6" stroke-linecap="round"/><polygon points="{x2},{y2} {},{} {},{}" fill="currentColor"/>"#,
        r1(bx),
        r1(by),
        r1(bx + px),
        r1(by + py),
        r1(bx - px),
        r1(by - py)
    )
}

/// Four arrows towards the centre (`inward`) or out to the corners, inside a frame outline.
fn converging(inward: bool) -> String {
    let mut s = String::from(
        r#"<rect x="30" y="30" width="40" height="40" fill="none" stroke="currentColor" stroke-width="3" stroke-dasharray="4 3"/>"#,
    );
    for (cx, cy) in [(8.0, 8.0), (92.0, 8.0), (8.0, 92.0), (92.0, 92.0)] {
        let (ix, iy) = (50.0 + (cx - 50.0) * 0.3, 50.0 + (cy - 50.0) * 0.3);
        if inward {
            s.push_str(&arrow(cx, cy, ix, iy));
        } else {
            s.push_str(&arrow(ix, iy, cx, cy));
        }
    }
    s
}

/// A three-quarter arc with an arrow head: an ellipse seen from above for an orbit, a circle
/// for a roll; clockwise or not.
fn curved(orbit: bool, clockwise: bool) -> String {
    let (rx, ry) = if orbit { (38.0, 22.0) } else { (32.0, 32.0) };
    let points: Vec<(f64, f64)> = (0..=27)
        .map(|i| {
            let t = std::f64::consts::PI * 1.5 * f64::from(i) / 27.0;
            let a = if clockwise { t } else { -t } + std::f64::consts::FRAC_PI_2;
            (r1(50.0 + rx * a.cos()), r1(50.0 + ry * a.sin()))
        })
        .collect();
    let line = points
        .iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut s = format!(
        r#"<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="6" stroke-linecap="round"/>"#
    );
    if orbit {
        s.push_str(r#"<circle cx="50" cy="50" r="7" fill="currentColor"/>"#);
    }
    if let [.., (ax, ay), (bx, by)] = points.as_slice() {
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (ux, uy) = (dx / len, dy / len);
        let (tx, ty) = (bx + ux * 10.0, by + uy * 10.0);
        let (px, py) = (-uy * 8.0, ux * 8.0);
        s.push_str(&format!(
            r#"<polygon points="{},{} {},{} {},{}" fill="currentColor"/>"#,
            r1(tx),
            r1(ty),
            r1(bx + px),
            r1(by + py),
            r1(bx - px),
            r1(by - py)
        ));
    }
    s
}

/// A camera on a tripod: the static camera.
fn tripod() -> String {
    String::from(
        r#"<rect x="30" y="18" width="34" height="24" rx="4" fill="currentColor"/><polygon points="64,24 78,17 78,43 64,36" fill="currentColor"/><line x1="47" y1="42" x2="47" y2="56" stroke="currentColor" stroke-width="5"/><line x1="47" y1="56" x2="26" y2="88" stroke="currentColor" stroke-width="5" stroke-linecap="round"/><line x1="47" y1="56" x2="68" y2="88" stroke="currentColor" stroke-width="5" stroke-linecap="round"/><line x1="47" y1="56" x2="47" y2="90" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>"#,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{CameraFrame, EntityFrame};

    fn keyframe(t: f64, bbox: [f64; 4]) -> Keyframe {
        Keyframe {
            frame: (t * 16.0) as u32,
            time_s: t,
            shot: "s1".into(),
            prompt: String::new(),
            negative_prompt: String::new(),
            entities: vec![EntityFrame {
                id: "cat".into(),
                instance: None,
                bbox,
                action: Some("walk".into()),
                progress: t / 2.0,
                state: None,
                visible: true,
            }],
            camera: CameraFrame {
                kind: MoveKind::Static,
                direction: None,
                progress: 0.0,
                pose: [
                    [1.0, 0.0, 0.0, 0.0],
                    [0.0, 1.0, 0.0, 0.0],
                    [0.0, 0.0, 1.0, 0.0],
                ],
                fx: 1.0,
                fy: 1.0,
            },
            reasons: Vec::new(),
        }
    }

    #[test]
    fn boxes_fade_in_over_time_and_the_path_joins_their_centres() {
        let a = keyframe(0.0, [0.0, 0.5, 0.25, 1.0]);
        let b = keyframe(2.0, [0.75, 0.5, 1.0, 1.0]);
        let d = screen_diagram(&[&a, &b], 800, 400, |_| "red".into());
        assert_eq!(d.boxes.len(), 2);
        assert!(d.boxes[0].opacity < d.boxes[1].opacity);
        assert!(!d.boxes[0].last && d.boxes[1].last);
        assert_eq!((d.boxes[1].x, d.boxes[1].w), (600.0, 200.0));
        assert_eq!(d.paths.len(), 1);
        assert_eq!(d.paths[0].points, "100,300 700,300");
        assert_eq!(d.view_box, "-96 -48 992 496");
    }

    #[test]
    fn labels_of_overlapping_boxes_do_not_overlap() {
        let mut a = keyframe(0.0, [0.1, 0.1, 0.6, 0.9]);
        for id in ["dog", "girl", "ball"] {
            let mut e = a.entities[0].clone();
            e.id = id.into();
            a.entities.push(e);
        }
        let d = screen_diagram(&[&a], 800, 400, |_| "red".into());
        let rects: Vec<_> = d
            .boxes
            .iter()
            .filter(|b| b.last)
            .map(|b| label_rect(&b.entity, b.label_x, b.label_y))
            .collect();
        assert_eq!(rects.len(), 4);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        // the first label stays at its box's corner
        assert_eq!((d.boxes[0].label_x, d.boxes[0].label_y), (88.0, 70.0));
    }

    #[test]
    fn off_screen_boxes_say_so() {
        let mut a = keyframe(0.0, [-0.3, 0.5, -0.05, 1.0]);
        a.entities[0].visible = false;
        let d = screen_diagram(&[&a], 800, 400, |_| "red".into());
        assert!(!d.boxes[0].visible);
        assert!(d.boxes[0].tip.ends_with("off screen"), "{}", d.boxes[0].tip);
    }

    #[test]
    fn non_finite_boxes_are_skipped() {
        let a = keyframe(0.0, [f64::NAN, 0.0, 1.0, 1.0]);
        assert!(
            screen_diagram(&[&a], 800, 400, |_| "red".into())
                .boxes
                .is_empty()
        );
    }

    #[test]
    fn arrows_point_the_way_the_camera_moves() {
        // The head (polygon) of a left arrow is at the left end.
        let left = camera_glyph(MoveKind::Pan, Some(Direction::Left));
        assert!(left.contains(r#"<polygon points="16,50"#), "{left}");
        let up = camera_glyph(MoveKind::Crane, Some(Direction::Up));
        assert!(up.contains(r#"<polygon points="50,16"#), "{up}");
        let zoom_in = camera_glyph(MoveKind::Zoom, Some(Direction::In));
        assert_eq!(zoom_in.matches("<polygon").count(), 4);
        assert!(
            zoom_in.contains(r#"<polygon points="37.4,37.4"#),
            "{zoom_in}"
        );
        let orbit = camera_glyph(MoveKind::Orbit, Some(Direction::Clockwise));
        assert!(orbit.contains("<polyline"));
        assert!(camera_glyph(MoveKind::Static, None).contains("<rect"));
    }
}
