//! Prompt text: the keyframe prompt (what is on screen at one instant) and the clip prompt
//! (one chronological paragraph for a clip), built from ranked clauses so the token budget
//! trims the least important first.
//!
//! Ranks, most important first: 0 each entity's canonical description and state (identity:
//! the same words in every keyframe and shot), 1 its action phase, 2 the setting,
//! 3 placement words, 4 the camera phrase, 5 framing and angle, 6 the style.

use std::borrow::Cow;

use crate::ir::{
    Angle, CameraMove, Direction, Entity, Framing, MoveKind, Placement, Region, Relation, Shot,
    Speed, Storyboard,
};

use super::phase;
use super::tokens::Phrase;
use crate::lang::{lexicon, third_person};

/// The negative prompt's terms, most important first, one a line (`negative_prompt.txt`).
fn negative_terms() -> impl Iterator<Item = &'static str> {
    include_str!("negative_prompt.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// An entity's appearance state at one instant.
#[derive(Debug, Clone, PartialEq)]
pub enum StateAt {
    /// A settled state ("green").
    Settled(String),
    /// Changing from one state to another.
    Changing {
        /// The state before.
        from: String,
        /// The state after.
        to: String,
    },
}

impl StateAt {
    /// The state as a keyframe field: the settled state, or the nearer end of a change.
    pub fn label(&self, progress: f64) -> String {
        match self {
            StateAt::Settled(s) => s.clone(),
            StateAt::Changing { from, to } => {
                if progress < 0.5 {
                    from.clone()
                } else {
                    to.clone()
                }
            }
        }
    }

    fn words(&self) -> String {
        match self {
            StateAt::Settled(s) => s.clone(),
            StateAt::Changing { from, to } => format!("changing from {from} to {to}"),
        }
    }
}

/// What one entity looks like and does at one keyframe, for its prompt clauses.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMoment<'a> {
    /// The canonical description, with the count when there are several ([`counted`]).
    pub description: Cow<'a, str>,
    /// Its state, if it has one.
    pub state: Option<StateAt>,
    /// The phase of the action under way ("walking from left to right").
    pub phase: Option<&'a str>,
    /// Placement words ("on the left", "moving to a spot under the wooden table").
    pub placement: Option<String>,
}

/// The words of one shot that every keyframe prompt repeats, worked out once per shot:
/// framing and angle, setting, style, each camera move's words and each action's phases.
#[derive(Debug, Clone, PartialEq)]
pub struct ShotWords {
    framing: String,
    setting: Option<String>,
    style: Option<String>,
    cameras: Vec<String>,
    phases: Vec<phase::Phases>,
}

impl ShotWords {
    /// The words of `shot`, one of `storyboard`'s shots.
    pub fn new(storyboard: &Storyboard, shot: &Shot) -> Self {
        let setting = shot.setting.trim().trim_end_matches('.');
        let style = storyboard.style.trim().trim_end_matches('.');
        Self {
            framing: format!(
                "{} shot, {}",
                framing_words(shot.framing),
                angle_words(shot.angle)
            ),
            setting: (!setting.is_empty()).then(|| setting_words(setting)),
            style: (!style.is_empty()).then(|| style.to_string()),
            cameras: shot
                .camera
                .iter()
                .map(|m| camera_words(storyboard, m))
                .collect(),
            phases: shot.actions.iter().map(phase::Phases::of).collect(),
        }
    }

    /// The phase of the shot's action number `action` at progress `p`.
    pub fn phase(&self, action: usize, p: f64) -> Option<&str> {
        self.phases.get(action).map(|ph| ph.at(p))
    }

    /// The clauses of a keyframe prompt: the entities at that instant, and the shot's camera
    /// move number `camera` when one is under way.
    pub fn keyframe_phrases(
        &self,
        entities: &[EntityMoment<'_>],
        camera: Option<usize>,
    ) -> Vec<Phrase> {
        let mut out = Vec::with_capacity(4 * entities.len() + 4);
        let mut sentence = 0;
        out.push(clause(sentence, &self.framing, "", 5));
        for e in entities {
            sentence += 1;
            out.push(clause(sentence, &e.description, "", 0));
            if let Some(place) = &e.placement {
                out.push(clause(sentence, place, " ", 3));
            }
            if let Some(state) = &e.state {
                out.push(clause(sentence, &state.words(), ", ", 0));
            }
            if let Some(phase) = e.phase {
                out.push(clause(sentence, phase, ", ", 1));
            }
        }
        sentence += 1;
        if let Some(setting) = &self.setting {
            out.push(clause(sentence, setting, "", 2));
        }
        sentence += 1;
        let camera_text = camera
            .and_then(|i| self.cameras.get(i))
            .map_or("static camera", String::as_str);
        out.push(clause(sentence, camera_text, "", 4));
        if let Some(style) = &self.style {
            out.push(clause(sentence + 1, style, "", 6));
        }
        out
    }
}

/// The clauses of a clip prompt: who is there and what they do during `[t0, t1]` seconds of
/// the shot, in time order, then setting, camera, framing and style.
pub fn clip_phrases(
    storyboard: &Storyboard,
    shot: &Shot,
    ids: &[&str],
    states: &[(Option<StateAt>, Option<StateAt>)],
    t0: f64,
    t1: f64,
) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut sentence = 0;
    out.push(clause(
        sentence,
        &format!(
            "{} shot, {}",
            framing_words(shot.framing),
            angle_words(shot.angle)
        ),
        "",
        5,
    ));
    for (i, id) in ids.iter().enumerate() {
        let Some(entity) = storyboard.entity(id) else {
            continue;
        };
        sentence += 1;
        out.push(clause(sentence, &counted(entity), "", 0));
        let (start, end) = states.get(i).cloned().unwrap_or((None, None));
        if let Some(s) = &start {
            out.push(clause(sentence, &s.words(), ", ", 0));
        }
        let actions: Vec<&str> = shot
            .actions
            .iter()
            .filter(|a| a.entity == *id && a.end_s > t0 && a.start_s < t1)
            .map(|a| a.description.as_str())
            .collect();
        if !actions.is_empty() {
            out.push(clause(sentence, &actions.join(", then "), " ", 1));
        }
        if let Some(s) = &end
            && end != start
        {
            out.push(clause(sentence, &format!("ending {}", s.words()), ", ", 0));
        }
    }
    sentence += 1;
    push_setting(&mut out, shot, sentence);
    let moves: Vec<String> = shot
        .camera
        .iter()
        .filter(|m| m.kind != MoveKind::Static && m.end_s > t0 && m.start_s < t1)
        .map(|m| camera_words(storyboard, m))
        .collect();
    sentence += 1;
    let camera = if moves.is_empty() {
        "static camera".to_string()
    } else {
        moves.join(", then ")
    };
    out.push(clause(sentence, &camera, "", 4));
    push_style(&mut out, storyboard, sentence + 1);
    out
}

/// An entity's canonical description, followed by how many there are when there are several
/// ("a tabby cat (three of them)").
pub fn counted(entity: &Entity) -> Cow<'_, str> {
    match entity.count {
        0 | 1 => Cow::Borrowed(&entity.description),
        n => Cow::Owned(format!(
            "{} ({} of them)",
            entity.description,
            number_word(n)
        )),
    }
}

/// A count in words up to twelve, in digits above.
fn number_word(n: u32) -> String {
    match lexicon().number_name(n) {
        Some(word) if n <= 12 => word.to_string(),
        _ => n.to_string(),
    }
}

/// The negative prompt's clauses (one sentence, later terms less important).
pub fn negative_phrases() -> Vec<Phrase> {
    negative_terms()
        .enumerate()
        .map(|(i, t)| clause(0, t, ", ", if i < 2 { 0 } else { 7 }))
        .collect()
}

fn push_setting(out: &mut Vec<Phrase>, shot: &Shot, sentence: usize) {
    let setting = shot.setting.trim().trim_end_matches('.');
    if !setting.is_empty() {
        out.push(clause(sentence, &setting_words(setting), "", 2));
    }
}

/// The setting as a place phrase: "a bamboo forest" → "in a bamboo forest", while "in the
/// rain" and "under a bridge" stay as they are.
fn setting_words(setting: &str) -> String {
    let first = setting
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if lexicon().is_place_preposition(&first) {
        setting.to_string()
    } else {
        format!("in {setting}")
    }
}

fn push_style(out: &mut Vec<Phrase>, storyboard: &Storyboard, sentence: usize) {
    let style = storyboard.style.trim().trim_end_matches('.');
    if !style.is_empty() {
        out.push(clause(sentence, style, "", 6));
    }
}

fn clause(sentence: usize, text: &str, sep: &'static str, rank: u8) -> Phrase {
    Phrase {
        sentence,
        text: text.trim().trim_end_matches('.').to_string(),
        sep,
        rank,
    }
}

/// Placement words at time `t` between two waypoints (or at one).
pub fn placement_words(
    storyboard: &Storyboard,
    from: Option<&Placement>,
    to: Option<&Placement>,
    moving: bool,
) -> Option<String> {
    match (from, to) {
        (Some(a), Some(b)) if moving && a != b => {
            Some(format!("moving {}", destination(storyboard, b)?))
        }
        (Some(a), _) => locative(storyboard, a),
        (None, Some(b)) => locative(storyboard, b),
        (None, None) => None,
    }
}

fn destination(storyboard: &Storyboard, p: &Placement) -> Option<String> {
    if p.relation.is_some() {
        return locative(storyboard, p).map(|l| format!("to a spot {l}"));
    }
    p.region.map(|r| match r {
        Region::OffscreenLeft => "off-screen to the left".to_string(),
        Region::OffscreenRight => "off-screen to the right".to_string(),
        other => format!("towards {}", region_noun(other)),
    })
}

/// "on the left", "under the wooden table".
pub fn locative(storyboard: &Storyboard, p: &Placement) -> Option<String> {
    if let (Some(rel), Some(anchor)) = (p.relation, &p.anchor)
        && let Some(entity) = storyboard.entity(anchor)
    {
        let the = definite(&entity.description);
        let words = match rel {
            Relation::LeftOf => "to the left of",
            Relation::RightOf => "to the right of",
            Relation::InFrontOf => "in front of",
            Relation::Behind => "behind",
            Relation::Above => "above",
            Relation::Below => "under",
            Relation::OnTopOf => "on top of",
            Relation::Inside => "inside",
            Relation::NextTo => "next to",
        };
        return Some(format!("{words} {the}"));
    }
    p.region.map(|r| match r {
        Region::Left | Region::Right => format!("on {}", region_noun(r)),
        Region::Center => "in the center".to_string(),
        Region::Top | Region::Bottom => format!("at {}", region_noun(r)),
        Region::OffscreenLeft => "just off-screen left".to_string(),
        Region::OffscreenRight => "just off-screen right".to_string(),
        other => format!("in {}", region_noun(other)),
    })
}

fn region_noun(r: Region) -> &'static str {
    match r {
        Region::Left => "the left",
        Region::Center => "the center",
        Region::Right => "the right",
        Region::Top => "the top",
        Region::Bottom => "the bottom",
        Region::TopLeft => "the top left",
        Region::TopRight => "the top right",
        Region::BottomLeft => "the bottom left",
        Region::BottomRight => "the bottom right",
        Region::Foreground => "the foreground",
        Region::Background => "the background",
        Region::OffscreenLeft => "off-screen left",
        Region::OffscreenRight => "off-screen right",
    }
}

/// "a wooden table" → "the wooden table".
pub fn definite(description: &str) -> String {
    let d = description.trim();
    match d.split_once(' ') {
        Some((first, rest)) if lexicon().is_article(&first.to_lowercase()) => {
            format!("the {rest}")
        }
        _ => d.to_string(),
    }
}

/// "Wide", "Medium close-up", …
pub fn framing_words(f: Framing) -> &'static str {
    match f {
        Framing::ExtremeWide => "extreme wide",
        Framing::Wide => "wide",
        Framing::Full => "full",
        Framing::MediumWide => "medium wide",
        Framing::Medium => "medium",
        Framing::MediumCloseUp => "medium close-up",
        Framing::CloseUp => "close-up",
        Framing::ExtremeCloseUp => "extreme close-up",
    }
}

/// "eye level", "high angle", …
pub fn angle_words(a: Angle) -> &'static str {
    match a {
        Angle::EyeLevel => "eye level",
        Angle::High => "high angle",
        Angle::Low => "low angle",
        Angle::Overhead => "overhead view",
        Angle::Dutch => "Dutch angle",
        Angle::WormsEye => "worm's-eye view",
    }
}

/// "camera pans left slowly", "camera orbits clockwise around the giant panda": a verb
/// lemma per move, conjugated by [`third_person`].
pub fn camera_words(storyboard: &Storyboard, m: &CameraMove) -> String {
    let dir = m.direction.map(direction_word).unwrap_or_default();
    let target = m
        .target
        .as_deref()
        .and_then(|t| storyboard.entity(t))
        .map(|e| definite(&e.description));
    let speed = match m.speed {
        Speed::Slow => "slowly",
        Speed::Medium => "steadily",
        Speed::Fast => "quickly",
    };
    let verb = match (m.kind, m.direction) {
        (MoveKind::Static, _) => return "static camera".to_string(),
        (MoveKind::Handheld, _) => return "handheld camera, slight shake".to_string(),
        (MoveKind::Dolly, Some(Direction::In)) => format!("camera {} in", third_person("push")),
        (MoveKind::Dolly, Some(Direction::Out)) => {
            format!("camera {} back", third_person("pull"))
        }
        (MoveKind::Follow, _) => match &target {
            Some(t) => format!("camera {} {t}", third_person("follow")),
            None => format!("camera {} the subject", third_person("track")),
        },
        (MoveKind::Orbit, _) => {
            let orbits = third_person("orbit");
            match &target {
                Some(t) => format!("camera {orbits} {dir} around {t}"),
                None => format!("camera {orbits} {dir}"),
            }
        }
        (kind, _) => format!("camera {} {dir}", third_person(move_verb(kind))),
    };
    let verb = verb.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{verb} {speed}")
}

/// The verb lemma that names a move of `kind` in a prompt ("pan", "dolly").
fn move_verb(kind: MoveKind) -> &'static str {
    match kind {
        MoveKind::Pan => "pan",
        MoveKind::Tilt => "tilt",
        MoveKind::Zoom => "zoom",
        MoveKind::Dolly => "dolly",
        MoveKind::Truck => "truck",
        MoveKind::Pedestal => "pedestal",
        MoveKind::Crane => "crane",
        MoveKind::Roll => "roll",
        MoveKind::Orbit => "orbit",
        MoveKind::Follow => "follow",
        MoveKind::Static | MoveKind::Handheld => "move",
    }
}

fn direction_word(d: Direction) -> &'static str {
    match d {
        Direction::Left => "left",
        Direction::Right => "right",
        Direction::Up => "up",
        Direction::Down => "down",
        Direction::In => "in",
        Direction::Out => "out",
        Direction::Clockwise => "clockwise",
        Direction::Counterclockwise => "counterclockwise",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_that_says_where_gets_no_second_preposition() {
        assert_eq!(setting_words("a bamboo forest"), "in a bamboo forest");
        assert_eq!(setting_words("in the rain"), "in the rain");
        assert_eq!(setting_words("In the rain"), "In the rain");
        assert_eq!(
            setting_words("under the midday sun"),
            "under the midday sun"
        );
        assert_eq!(
            setting_words("on a rocky cliff at dusk"),
            "on a rocky cliff at dusk"
        );
        assert_eq!(setting_words("inner city"), "in inner city");
        assert_eq!(setting_words("the street"), "in the street");
    }

    #[test]
    fn camera_verbs_are_conjugated() {
        let storyboard: Storyboard =
            serde_json::from_str(include_str!("../../examples/panda.json"))
                .expect("the panda example parses");
        let mut m = storyboard.shots[0].camera[0].clone();
        (m.kind, m.direction, m.target, m.speed) = (MoveKind::Dolly, None, None, Speed::Slow);
        assert_eq!(camera_words(&storyboard, &m), "camera dollies slowly");
        (m.kind, m.direction) = (MoveKind::Pan, Some(Direction::Left));
        assert_eq!(camera_words(&storyboard, &m), "camera pans left slowly");
        (m.kind, m.direction) = (MoveKind::Dolly, Some(Direction::In));
        assert_eq!(camera_words(&storyboard, &m), "camera pushes in slowly");
    }

    #[test]
    fn definite_article_replaces_the_indefinite_one() {
        assert_eq!(definite("a wooden table"), "the wooden table");
        assert_eq!(definite("an apple"), "the apple");
        assert_eq!(definite("Bob"), "Bob");
        assert_eq!(definite("The old mill"), "the old mill");
        assert_eq!(definite("another fox"), "another fox");
    }
}
