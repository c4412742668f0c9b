//! Camera language: moves (pan, tilt, zoom, dolly, truck, pedestal, orbit, crane, roll,
//! follow, handheld, static) with directions and speeds, framing and angle. The words are
//! the lexicon's camera vocabulary ([`crate::lang::CameraReading`] and its kin); this module
//! decides when a word is a move and maps the lexicon's values onto the IR's.

use super::tokenize::Token;
use crate::ir::{Angle, Direction, Framing, MoveKind, Speed};
use crate::lang::{
    CameraContext, CameraMotion, CameraReading, Closed, DirectionWord, Heading, Lexicon,
    MoveCondition, Pace, ShotSize, ViewAngle, lexicon,
};

/// A camera move read from a clause, before it is timed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cue {
    /// The move.
    pub kind: MoveKind,
    /// Its direction, if stated or implied.
    pub direction: Option<Direction>,
    /// Its speed.
    pub speed: Speed,
    /// Index of the word after the cue (where a target may follow).
    pub end: usize,
}

/// One word of a clause with what the move readings need around it.
struct Site<'a> {
    lex: &'static Lexicon,
    /// The clause's lower-case words.
    words: &'a [&'a str],
    /// The word's index.
    i: usize,
    /// Whether the word opens a noun phrase's modifiers (a determiner is before it: "the
    /// lower left"), where it is no verb.
    modifier: bool,
    /// Whether an ambiguous word here is an instruction to the camera: it opens the clause,
    /// follows a camera, pace or joining word, or the clause is about the camera.
    lead: bool,
    /// Whether the clause is about the camera.
    camera_subject: bool,
}

impl Site<'_> {
    fn word(&self, k: usize) -> &str {
        self.words.get(k).copied().unwrap_or("")
    }

    /// Whether `reading` holds here, and how many words the cue spans.
    fn holds(&self, reading: &CameraReading) -> Option<usize> {
        let i = self.i;
        let next = self.lex.camera_direction(self.word(i + 1));
        let particle =
            self.lead && next.is_some() && next == reading.default.map(DirectionWord::Toward);
        let (holds, len) = match reading.when {
            MoveCondition::Term => (true, 1),
            MoveCondition::Led => (
                (self.lead || dir_after(self.words, i + 1).is_some())
                    && !self.lex.opens_view_angle(&self.words[i..]),
                1,
            ),
            MoveCondition::Steered => (
                self.lead
                    && kind(reading.motion)
                        .zip(dir_after(self.words, i + 1))
                        .is_some_and(|(k, d)| on_axis(k, d)),
                1,
            ),
            MoveCondition::Particle => (particle, 2),
            MoveCondition::BareParticle => {
                let after = self.word(i + 2);
                let object = self.lex.is(Closed::Determiner, after)
                    || self.lex.is(Closed::Possessive, after);
                (particle && !object, 2)
            }
            MoveCondition::Camera => (self.camera_subject && !self.modifier, 1),
            MoveCondition::Named => {
                let next = self.word(i + 1);
                let named = self.lex.camera_context(next) == Some(CameraContext::Noun)
                    || self.lex.shot_size(&[next]).is_some();
                (named, 2)
            }
            MoveCondition::Around => {
                let around = self.words[i + 1..self.words.len().min(i + 4)]
                    .iter()
                    .any(|w| self.lex.camera_direction(w) == Some(DirectionWord::Around));
                (self.lead && around, 2)
            }
            MoveCondition::Rotation => (
                self.camera_subject
                    || matches!(
                        next,
                        Some(DirectionWord::Toward(
                            Heading::Clockwise | Heading::Counterclockwise
                        ))
                    ),
                1,
            ),
        };
        holds.then_some(len)
    }

    /// The move `reading` makes here, with its direction.
    fn cue(&self, reading: &CameraReading) -> (MoveKind, Option<Direction>) {
        let default = reading.default.map(direction);
        let stated = dir_after(self.words, self.i + 1);
        let Some(kind) = kind(reading.motion) else {
            // A bodily move: its direction says which.
            return match stated {
                Some(d @ (Direction::Left | Direction::Right)) => (MoveKind::Truck, Some(d)),
                Some(d @ (Direction::Up | Direction::Down)) => (MoveKind::Pedestal, Some(d)),
                Some(Direction::Out) => (MoveKind::Dolly, Some(Direction::Out)),
                _ => (MoveKind::Dolly, Some(Direction::In)),
            };
        };
        let direction = match kind {
            MoveKind::Orbit | MoveKind::Roll => rotation(self.words, self.i + 1),
            _ => stated.filter(|d| on_axis(kind, *d)),
        };
        (kind, direction.or(default))
    }
}

/// Reads camera moves from the words of a clause (its tokens without punctuation).
/// `camera_subject` says the clause is about the camera ("the camera rises…", "drone shot
/// circling…"), which lets ordinary verbs (rise, follow, circle, move) count as moves.
pub(super) fn moves(tokens: &[&Token], camera_subject: bool) -> Vec<Cue> {
    let lex = lexicon();
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let speed = speed(&words);
    let mut out: Vec<Cue> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map_or("", |p| words[p]);
        let site = Site {
            lex,
            words: &words,
            i,
            modifier: lex.is(Closed::Determiner, prev) || lex.is(Closed::Possessive, prev),
            lead: i == 0
                || lex.camera_context(prev).is_some()
                || lex.camera_pace(prev).is_some()
                || camera_subject,
            camera_subject,
        };
        let next = words.get(i + 1).copied().unwrap_or("");
        let phrase = lex
            .camera_phrase_readings(&token.lower, next)
            .iter()
            .map(|r| (*r, site.holds(r).map(|_| 2)));
        let word = lex
            .camera_readings(&token.lower, &token.lemma)
            .into_iter()
            .map(|r| (r, site.holds(&r)));
        let found = phrase
            .chain(word)
            .find_map(|(r, len)| Some((site.cue(&r), len?)));
        if let Some(((kind, direction), len)) = found
            && !out
                .iter()
                .any(|c| c.kind == kind && c.direction == direction)
        {
            out.push(Cue {
                kind,
                direction,
                speed,
                end: i + len,
            });
        }
    }
    out
}

/// The IR's kind of a listed move; `None` for a bodily move that its direction decides.
fn kind(motion: CameraMotion) -> Option<MoveKind> {
    Some(match motion {
        CameraMotion::Pan => MoveKind::Pan,
        CameraMotion::Tilt => MoveKind::Tilt,
        CameraMotion::Zoom => MoveKind::Zoom,
        CameraMotion::Dolly => MoveKind::Dolly,
        CameraMotion::Truck => MoveKind::Truck,
        CameraMotion::Pedestal => MoveKind::Pedestal,
        CameraMotion::Orbit => MoveKind::Orbit,
        CameraMotion::Crane => MoveKind::Crane,
        CameraMotion::Roll => MoveKind::Roll,
        CameraMotion::Follow => MoveKind::Follow,
        CameraMotion::Handheld => MoveKind::Handheld,
        CameraMotion::Static => MoveKind::Static,
        CameraMotion::Travel => return None,
    })
}

fn direction(heading: Heading) -> Direction {
    match heading {
        Heading::Left => Direction::Left,
        Heading::Right => Direction::Right,
        Heading::Up => Direction::Up,
        Heading::Down => Direction::Down,
        Heading::In => Direction::In,
        Heading::Out => Direction::Out,
        Heading::Clockwise => Direction::Clockwise,
        Heading::Counterclockwise => Direction::Counterclockwise,
    }
}

/// Whether a move of `kind` can go in direction `d` (a pan left or right, a tilt up or down…).
fn on_axis(kind: MoveKind, d: Direction) -> bool {
    use Direction as D;
    match kind {
        MoveKind::Pan | MoveKind::Truck => matches!(d, D::Left | D::Right),
        MoveKind::Tilt | MoveKind::Pedestal | MoveKind::Crane => matches!(d, D::Up | D::Down),
        MoveKind::Zoom | MoveKind::Dolly => matches!(d, D::In | D::Out),
        MoveKind::Orbit | MoveKind::Roll => matches!(d, D::Clockwise | D::Counterclockwise),
        MoveKind::Follow | MoveKind::Handheld | MoveKind::Static => false,
    }
}

/// The direction stated within the four words after `i`, past determiners, pace words and
/// words such as "across" ([`Lexicon::is_camera_filler`]).
fn dir_after(words: &[&str], i: usize) -> Option<Direction> {
    let lex = lexicon();
    for word in words.iter().skip(i).take(4) {
        if let Some(DirectionWord::Toward(h)) = lex.camera_direction(word) {
            return Some(direction(h));
        }
        if !lex.is_camera_filler(word) {
            return None;
        }
    }
    None
}

/// Rotation sense for orbit/roll, stated anywhere after the cue.
fn rotation(words: &[&str], i: usize) -> Option<Direction> {
    let lex = lexicon();
    words
        .iter()
        .skip(i.saturating_sub(3))
        .find_map(|w| match lex.camera_direction(w) {
            Some(DirectionWord::Toward(h @ (Heading::Clockwise | Heading::Counterclockwise))) => {
                Some(direction(h))
            }
            _ => None,
        })
}

/// Speed from pace words anywhere in the clause: a slow one wins, then a fast one.
fn speed(words: &[&str]) -> Speed {
    let lex = lexicon();
    let paces: Vec<Pace> = words.iter().filter_map(|w| lex.camera_pace(w)).collect();
    if paces.contains(&Pace::Slow) {
        Speed::Slow
    } else if paces.contains(&Pace::Fast) {
        Speed::Fast
    } else {
        Speed::Medium
    }
}

/// The shot size named in `words`, if any. Explicit sizes win over "establishing"/"aerial".
pub(super) fn framing(words: &[&str]) -> Option<Framing> {
    lexicon().shot_size(words).map(|size| match size {
        ShotSize::ExtremeWide => Framing::ExtremeWide,
        ShotSize::Wide => Framing::Wide,
        ShotSize::Full => Framing::Full,
        ShotSize::MediumWide => Framing::MediumWide,
        ShotSize::Medium => Framing::Medium,
        ShotSize::MediumCloseUp => Framing::MediumCloseUp,
        ShotSize::CloseUp => Framing::CloseUp,
        ShotSize::ExtremeCloseUp => Framing::ExtremeCloseUp,
    })
}

/// The camera angle named in `words`, if any.
pub(super) fn angle(words: &[&str]) -> Option<Angle> {
    lexicon().view_angle(words).map(|a| match a {
        ViewAngle::EyeLevel => Angle::EyeLevel,
        ViewAngle::High => Angle::High,
        ViewAngle::Low => Angle::Low,
        ViewAngle::Overhead => Angle::Overhead,
        ViewAngle::Dutch => Angle::Dutch,
        ViewAngle::WormsEye => Angle::WormsEye,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, camera_subject: bool) -> Vec<(MoveKind, Option<Direction>)> {
        let tokens = super::super::tokenize::tokenize(text);
        let words: Vec<&Token> = tokens.iter().filter(|t| !t.punct).collect();
        moves(&words, camera_subject)
            .into_iter()
            .map(|c| (c.kind, c.direction))
            .collect()
    }

    #[test]
    fn explicit_moves_with_directions() {
        assert_eq!(
            kinds("the camera slowly pans to the right", true),
            [(MoveKind::Pan, Some(Direction::Right))]
        );
        assert_eq!(
            kinds("tilt up to the sky", false),
            [(MoveKind::Tilt, Some(Direction::Up))]
        );
        assert_eq!(
            kinds("zoom out to reveal a cafe", false),
            [(MoveKind::Zoom, Some(Direction::Out))]
        );
        assert_eq!(
            kinds("trucks left alongside a train", true),
            [(MoveKind::Truck, Some(Direction::Left))]
        );
    }

    #[test]
    fn synonyms_map_to_moves() {
        assert_eq!(
            kinds("slow push-in on a typewriter", false),
            [(MoveKind::Dolly, Some(Direction::In))]
        );
        assert_eq!(
            kinds("pull back from a candle", false),
            [(MoveKind::Dolly, Some(Direction::Out))]
        );
        assert_eq!(
            kinds("circling around a castle", true),
            [(MoveKind::Orbit, None)]
        );
        assert_eq!(
            kinds("rotates counterclockwise around a dancer", true),
            [(MoveKind::Orbit, Some(Direction::Counterclockwise))]
        );
        assert_eq!(
            kinds("a locked-off tripod shot", false),
            [(MoveKind::Static, None)]
        );
        assert_eq!(
            kinds("tracking shot following a cyclist", false),
            [(MoveKind::Follow, None)]
        );
        assert_eq!(
            kinds("rises above the stalls", true),
            [(MoveKind::Crane, Some(Direction::Up))]
        );
    }

    #[test]
    fn nouns_that_look_like_moves_are_ignored() {
        assert_eq!(kinds("she tosses them into a hot pan", false), []);
        assert_eq!(kinds("a truck drives past", false), []);
        assert_eq!(kinds("the clouds roll below", false), []);
        assert_eq!(kinds("she pulls back the curtain", false), []);
    }

    #[test]
    fn inflections_and_phrases_come_from_the_lexicon() {
        assert_eq!(
            kinds("the camera is dollying out from the window", true),
            [(MoveKind::Dolly, Some(Direction::Out))]
        );
        assert_eq!(
            kinds("a locked off shot of a harbour", false),
            [(MoveKind::Static, None)]
        );
        assert_eq!(
            kinds("the camera glided left past the stalls", true),
            [(MoveKind::Truck, Some(Direction::Left))]
        );
        assert_eq!(
            kinds("the drone circles slowly around the tower", true),
            [(MoveKind::Orbit, None)]
        );
        assert_eq!(kinds("a tilted angle of a hallway", false), []);
        assert_eq!(
            kinds("the camera moves to the lower left", true),
            [(MoveKind::Dolly, Some(Direction::In))]
        );
    }

    #[test]
    fn framing_and_angle() {
        let w = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            framing(&w("wide establishing shot of a highway")),
            Some(Framing::Wide)
        );
        assert_eq!(
            framing(&w("extreme close-up of a watch")),
            Some(Framing::ExtremeCloseUp)
        );
        assert_eq!(angle(&w("overhead top-down shot")), Some(Angle::Overhead));
        assert_eq!(angle(&w("low-angle shot of a tower")), Some(Angle::Low));
        assert_eq!(angle(&w("dutch angle shot")), Some(Angle::Dutch));
    }
}
