//! Shared wording for every preview format: labels of enum values, time ranges, and one-line
//! descriptions of camera moves, actions and placements.

use serde::Serialize;

use crate::ir::{
    Action, CameraMove, CastMember, Keyframe, KeyframePlan, Placement, Shot, Storyboard,
};

/// The wire name of an enum value with underscores as spaces ("eye_level" → "eye level").
pub fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        Ok(other) => other.to_string(),
        Err(_) => String::from("?"),
    }
}

/// Seconds with one decimal, e.g. "2.5".
pub fn secs(t: f64) -> String {
    format!("{t:.1}")
}

/// A time range in seconds, e.g. "0.0–5.0 s".
pub fn range(start: f64, end: f64) -> String {
    format!("{}–{} s", secs(start), secs(end))
}

/// A time range relative to the shot start, e.g. "+0.0–5.0 s".
pub fn shot_range(start: f64, end: f64) -> String {
    format!("+{}", range(start, end))
}

/// Framing and angle together, e.g. "wide, eye level".
pub fn framing_angle(shot: &Shot) -> String {
    format!("{}, {}", label(&shot.framing), label(&shot.angle))
}

/// A camera move in words, e.g. "truck right (slow) +0.0–5.0 s on panda" (times from the
/// shot start).
pub fn camera_move(m: &CameraMove) -> String {
    let mut out = label(&m.kind);
    if let Some(d) = &m.direction {
        out.push(' ');
        out.push_str(&label(d));
    }
    out.push_str(&format!(
        " ({}) {}",
        label(&m.speed),
        shot_range(m.start_s, m.end_s)
    ));
    if let Some(target) = &m.target {
        out.push_str(&format!(" on {target}"));
    }
    out
}

/// Every camera move of a shot, one per line; "static" when the shot has none.
pub fn camera_moves(shot: &Shot) -> Vec<String> {
    if shot.camera.is_empty() {
        vec![String::from("static")]
    } else {
        shot.camera.iter().map(camera_move).collect()
    }
}

/// A placement in words, e.g. "left", "left of tree", "center, behind house".
pub fn placement(p: &Placement) -> String {
    let region = p.region.as_ref().map(label);
    let relation = p.relation.as_ref().map(|r| match &p.anchor {
        Some(anchor) => format!("{} {anchor}", label(r)),
        None => label(r),
    });
    match (region, relation) {
        (Some(r), Some(rel)) => format!("{r}, {rel}"),
        (Some(r), None) => r,
        (None, Some(rel)) => rel,
        (None, None) => String::from("unspecified"),
    }
}

/// The movement of an action, e.g. "left → right", or `None` when neither end is given.
pub fn path(a: &Action) -> Option<String> {
    match (&a.from, &a.to) {
        (None, None) => None,
        (from, to) => Some(format!(
            "{} → {}",
            from.as_ref().map_or_else(|| String::from("…"), placement),
            to.as_ref().map_or_else(|| String::from("…"), placement)
        )),
    }
}

/// The appearance change of an action, e.g. "green → red", or `None`.
pub fn state_change(a: &Action) -> Option<String> {
    match (&a.state_from, &a.state_to) {
        (None, None) => None,
        (from, to) => Some(format!(
            "{} → {}",
            from.as_deref().unwrap_or("…"),
            to.as_deref().unwrap_or("…")
        )),
    }
}

/// A cast entry in one line, e.g. "pigeon ×3 at top right, enters 2 s, leaves 6 s" (times
/// from the shot start; the count is the entity's).
pub fn cast_member(storyboard: &Storyboard, c: &CastMember) -> String {
    let mut out = c.entity.clone();
    if let Some(n) = storyboard
        .entity(&c.entity)
        .map(|e| e.count)
        .filter(|n| *n > 1)
    {
        out.push_str(&format!(" ×{n}"));
    }
    if let Some(p) = &c.placement {
        out.push_str(&format!(" at {}", placement(p)));
    }
    if let Some(t) = c.enter_s {
        out.push_str(&format!(", enters {} s", secs(t)));
    }
    if let Some(t) = c.exit_s {
        out.push_str(&format!(", leaves {} s", secs(t)));
    }
    out
}

/// What an action does to its affected object, e.g. "vase → on top of windowsill" or
/// "onions: raw → golden", or `None` when it affects none.
pub fn object(a: &Action) -> Option<String> {
    let o = a.object.as_ref()?;
    let mut out = o.entity.clone();
    if let Some(to) = &o.to {
        out.push_str(&format!(" → {}", placement(to)));
    }
    if o.state_from.is_some() || o.state_to.is_some() {
        out.push_str(&format!(
            ": {} → {}",
            o.state_from.as_deref().unwrap_or("…"),
            o.state_to.as_deref().unwrap_or("…")
        ));
    }
    Some(out)
}

/// An action in one line, e.g. "+0.0–5.0 s panda: walks from left to right [left → right]"
/// (times from the shot start).
pub fn action(a: &Action) -> String {
    let mut out = format!(
        "{} {}: {}",
        shot_range(a.start_s, a.end_s),
        a.entity,
        a.description
    );
    if let Some(p) = path(a) {
        out.push_str(&format!(" [{p}]"));
    }
    if let Some(s) = state_change(a) {
        out.push_str(&format!(" [{s}]"));
    }
    if let Some(o) = object(a) {
        out.push_str(&format!(" [affects {o}]"));
    }
    out
}

/// One shot with its absolute time range and its keyframes.
#[derive(Debug, Clone)]
pub struct ShotSpan<'a> {
    /// Position of the shot in the storyboard, from 0.
    pub index: usize,
    /// The shot.
    pub shot: &'a Shot,
    /// Whether this is the storyboard's last shot.
    pub last: bool,
    /// Start in seconds from the video start.
    pub start_s: f64,
    /// End in seconds from the video start.
    pub end_s: f64,
    /// The plan's keyframes belonging to this shot, in order.
    pub keyframes: Vec<&'a Keyframe>,
}

/// Every shot with its absolute time range and keyframes, in playback order.
pub fn shot_spans<'a>(storyboard: &'a Storyboard, plan: &'a KeyframePlan) -> Vec<ShotSpan<'a>> {
    storyboard
        .shots
        .iter()
        .zip(storyboard.shot_starts())
        .enumerate()
        .map(|(index, (shot, start_s))| ShotSpan {
            index,
            last: index + 1 == storyboard.shots.len(),
            shot,
            start_s,
            end_s: start_s + shot.duration_s,
            keyframes: plan
                .keyframes
                .iter()
                .filter(|k| k.shot == shot.id)
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Direction, MoveKind, Region, Relation, Speed};

    #[test]
    fn labels_use_wire_names_with_spaces() {
        assert_eq!(label(&crate::ir::Angle::EyeLevel), "eye level");
        assert_eq!(label(&Region::OffscreenLeft), "offscreen left");
    }

    #[test]
    fn camera_move_names_kind_direction_speed_range_and_target() {
        let m = CameraMove {
            kind: MoveKind::Truck,
            direction: Some(Direction::Right),
            speed: Speed::Slow,
            start_s: 0.0,
            end_s: 5.0,
            target: Some("panda".into()),
        };
        assert_eq!(camera_move(&m), "truck right (slow) +0.0–5.0 s on panda");
    }

    #[test]
    fn placement_joins_region_and_relation() {
        let p = Placement {
            region: Some(Region::Center),
            relation: Some(Relation::LeftOf),
            anchor: Some("tree".into()),
        };
        assert_eq!(placement(&p), "center, left of tree");
        let none = Placement {
            region: None,
            relation: None,
            anchor: None,
        };
        assert_eq!(placement(&none), "unspecified");
    }
}
