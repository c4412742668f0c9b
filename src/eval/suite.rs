//! The evaluation suite format: one case a line, `{"id", "category", "prompt", "expect"}`.

use serde::Deserialize;
use thiserror::Error;

use crate::ir::{Angle, Direction, Framing, MoveKind, Region, Relation};

/// One evaluation case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique case id.
    pub id: String,
    /// Category the case is scored under ("camera", "order", …).
    pub category: String,
    /// The prompt to compile.
    pub prompt: String,
    /// What the compiled storyboard must show.
    pub expect: Expect,
}

/// The expectations of a case; every key present is scored.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Camera moves that must appear, in any shot.
    pub camera: Option<Vec<CameraExpect>>,
    /// Phrases that must appear as actions, in time order.
    pub actions: Option<Vec<String>>,
    /// Phrases that must name entities.
    pub entities: Option<Vec<String>>,
    /// An entity's screen region at start and/or end.
    pub path: Option<PathExpect>,
    /// Relations to anchors at start or end.
    pub spatial: Option<Vec<SpatialExpect>>,
    /// An appearance change, shown in the first and last keyframe prompts.
    pub state: Option<StateExpect>,
    /// Bounds on the number of shots.
    pub shots: Option<ShotsExpect>,
    /// Total duration in seconds.
    pub duration_s: Option<f64>,
    /// Framing of the first shot.
    pub framing_first: Option<Framing>,
    /// Angle of the first shot.
    pub angle_first: Option<Angle>,
    /// The compile must fail with a clear error.
    pub error: Option<bool>,
    /// The compile must not crash (a storyboard or a clear error).
    pub any_output: Option<bool>,
    /// Words an entity's description (or id) must hold.
    pub attributes: Option<Vec<AttributesExpect>>,
    /// Words no entity id may contain ("scene", "however", …).
    pub not_entities: Option<Vec<String>>,
    /// Words that must appear in the shots in this order: the story's beats.
    pub beats: Option<Vec<String>>,
    /// A camera move that starts at or after a named action starts.
    pub camera_after: Option<CameraAfterExpect>,
    /// Several appearance changes, in time order.
    pub states: Option<Vec<StateExpect>>,
    /// Keyframe plan: visible boxes of an entity in some keyframe.
    pub count: Option<Vec<CountExpect>>,
    /// Keyframe plan: whether an entity is visible at the first / last keyframe.
    pub visible: Option<Vec<VisibleExpect>>,
    /// Keyframe plan: the way an entity's box centre moves.
    pub direction: Option<Vec<DirectionExpect>>,
    /// Keyframe plan: a relation between two entities' boxes at the start or end.
    pub layout: Option<Vec<SpatialExpect>>,
    /// Keyframe plan: the part of the frame an entity's box centre is in at a moment.
    pub regions: Option<Vec<RegionExpect>>,
}

/// Words an entity's description must hold.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributesExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// The words (colour, size, material …).
    pub words: Vec<String>,
}

/// A camera move that starts at or after an action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameraAfterExpect {
    /// The move.
    #[serde(rename = "move")]
    pub kind: MoveKind,
    /// Phrase naming the action it follows.
    pub after: String,
    /// Its direction, when it matters.
    pub direction: Option<Direction>,
}

/// How many boxes of an entity some keyframe shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// The number of visible boxes.
    pub n: usize,
}

/// Whether an entity is on screen at the plan's first and last keyframes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisibleExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// Visible at the first keyframe.
    pub first: Option<bool>,
    /// Visible at the last keyframe.
    pub last: Option<bool>,
}

/// A screen direction of movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenDirection {
    /// Towards smaller x.
    Left,
    /// Towards larger x.
    Right,
    /// Towards smaller y (image coordinates).
    Up,
    /// Towards larger y.
    Down,
}

/// The way an entity's box centre moves over the plan.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectionExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// The direction.
    pub dir: ScreenDirection,
}

/// A moment of an entity's time on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    /// Its first keyframe.
    Start,
    /// The keyframe nearest the middle of its time.
    Middle,
    /// Its last keyframe.
    End,
}

/// The part of the frame an entity's box centre is in at a moment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// When.
    pub when: Moment,
    /// The region.
    pub region: Region,
}

/// A camera move that must appear.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CameraExpect {
    /// The move.
    #[serde(rename = "move")]
    pub kind: MoveKind,
    /// Its direction, when it matters.
    pub direction: Option<Direction>,
}

/// Where an entity starts and ends on screen.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// Region at the start.
    pub from: Option<Region>,
    /// Region at the end.
    pub to: Option<Region>,
}

/// When a spatial relation must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// At the entity's first placement.
    Start,
    /// At the entity's last placement.
    End,
}

/// A relation to an anchor entity.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpatialExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// The relation.
    pub relation: Relation,
    /// Phrase naming the anchor.
    pub anchor: String,
    /// Start or end.
    pub when: When,
}

/// An appearance change of an entity.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateExpect {
    /// Phrase naming the entity.
    pub entity: String,
    /// Appearance before.
    pub from: Option<String>,
    /// Appearance after.
    pub to: Option<String>,
}

/// Bounds on the shot count.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShotsExpect {
    /// At least this many shots.
    pub min: Option<usize>,
    /// At most this many shots.
    pub max: Option<usize>,
}

/// Why a suite could not be read.
#[derive(Debug, Error)]
pub enum SuiteError {
    /// A line is not a valid case.
    #[error(
        "line {line}: not a valid eval case: {message}; each line must be {{\"id\", \"category\", \"prompt\", \"expect\"}}"
    )]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Two cases share an id.
    #[error("line {line}: duplicate case id `{id}`; give every case its own id")]
    DuplicateId {
        /// 1-based line number.
        line: usize,
        /// The id.
        id: String,
    },
    /// The suite has no cases.
    #[error("the suite has no cases")]
    Empty,
}

/// Parses a JSONL suite; blank lines are skipped.
pub fn parse_suite(text: &str) -> Result<Vec<Case>, SuiteError> {
    let mut cases: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line).map_err(|e| SuiteError::BadLine {
            line: n + 1,
            message: e.to_string(),
        })?;
        if cases.iter().any(|c| c.id == case.id) {
            return Err(SuiteError::DuplicateId {
                line: n + 1,
                id: case.id,
            });
        }
        cases.push(case);
    }
    if cases.is_empty() {
        return Err(SuiteError::Empty);
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cases_and_rejects_unknown_keys() {
        let ok = r#"{"id": "a", "category": "camera", "prompt": "pan left", "expect": {"camera": [{"move": "pan", "direction": "left"}]}}"#;
        let cases = parse_suite(ok).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cases[0].expect.camera.as_ref().map(Vec::len), Some(1));
        let bad = r#"{"id": "a", "category": "c", "prompt": "p", "expect": {"cameras": []}}"#;
        assert!(matches!(
            parse_suite(bad),
            Err(SuiteError::BadLine { line: 1, .. })
        ));
    }

    #[test]
    fn duplicate_ids_and_empty_suites_are_errors() {
        let line = r#"{"id": "a", "category": "c", "prompt": "p", "expect": {}}"#;
        assert!(matches!(
            parse_suite(&format!("{line}\n{line}")),
            Err(SuiteError::DuplicateId { line: 2, .. })
        ));
        assert!(matches!(parse_suite("\n"), Err(SuiteError::Empty)));
    }
}
