//! Camera language: moves (pan, tilt, zoom, dolly, truck, pedestal, orbit, crane, roll,
//! follow, handheld, static) with directions and speeds, framing and angle.

use crate::ir::{Angle, Direction, Framing, MoveKind, Speed};

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

/// Reads camera moves from the lower-case `words` of a clause. `camera_subject` says the
/// clause is about the camera ("the camera rises…", "drone shot circling…"), which lets
/// ordinary verbs (rise, follow, circle, move) count as moves.
pub(super) fn moves(words: &[&str], camera_subject: bool) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    let speed = speed(words);
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let mut i = 0;
    while i < words.len() {
        let word = w(i);
        let next = w(i + 1);
        // Ambiguous words count at the clause start (imperative), after "camera"/"shot"/an
        // adverb, before a direction, or when the clause is about the camera.
        let lead = i == 0
            || matches!(
                w(i.wrapping_sub(1)),
                "camera"
                    | "shot"
                    | "slow"
                    | "slowly"
                    | "quick"
                    | "quickly"
                    | "fast"
                    | "gently"
                    | "then"
                    | "and"
                    | "gradually"
                    | "smoothly"
                    | "steadily"
                    | "rapidly"
                    | "to"
            )
            || camera_subject;
        let directed = dir_after(words, i + 1).is_some();
        let mut push = |kind: MoveKind, direction: Option<Direction>, len: usize| {
            if !out
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
        };
        match word {
            "pan" | "pans" | "panning" | "panned" if lead || directed => push(
                MoveKind::Pan,
                dir_after(words, i + 1).filter(|d| matches!(d, Direction::Left | Direction::Right)),
                1,
            ),
            "whip-pan" | "whip-pans" => push(MoveKind::Pan, dir_after(words, i + 1), 1),
            "tilt" | "tilts" | "tilting" | "tilted"
                if (lead || directed) && !matches!(next, "angle" | "shot") =>
            {
                push(
                    MoveKind::Tilt,
                    dir_after(words, i + 1)
                        .filter(|d| matches!(d, Direction::Up | Direction::Down)),
                    1,
                )
            }
            "zoom" | "zooms" | "zooming" | "zoomed" => push(
                MoveKind::Zoom,
                Some(in_out(words, i + 1).unwrap_or(Direction::In)),
                1,
            ),
            "dolly" | "dollies" | "dollying" | "dollied" => push(
                MoveKind::Dolly,
                Some(in_out(words, i + 1).unwrap_or(Direction::In)),
                1,
            ),
            "push-in" | "push-ins" => push(MoveKind::Dolly, Some(Direction::In), 1),
            "pull-back" | "pullback" | "pull-out" => push(MoveKind::Dolly, Some(Direction::Out), 1),
            "push" | "pushes" | "pushing"
                if (lead || camera_subject)
                    && matches!(
                        next,
                        "in" | "forward" | "closer" | "toward" | "towards" | "into"
                    ) =>
            {
                push(MoveKind::Dolly, Some(Direction::In), 2)
            }
            "pull" | "pulls" | "pulling"
                if (lead || camera_subject)
                    && matches!(next, "back" | "out" | "away")
                    && !matches!(
                        w(i + 2),
                        "the" | "a" | "an" | "his" | "her" | "its" | "their"
                    ) =>
            {
                push(MoveKind::Dolly, Some(Direction::Out), 2)
            }
            "truck" | "trucks" | "trucking" if (lead || camera_subject) && directed => push(
                MoveKind::Truck,
                dir_after(words, i + 1).filter(|d| matches!(d, Direction::Left | Direction::Right)),
                1,
            ),
            "track" | "tracks" | "tracking"
                if (lead || camera_subject)
                    && matches!(
                        dir_after(words, i + 1),
                        Some(Direction::Left | Direction::Right)
                    ) =>
            {
                push(MoveKind::Truck, dir_after(words, i + 1), 1)
            }
            "tracking" | "follow-cam" | "chase-cam"
                if matches!(next, "shot" | "camera" | "cam") || word != "tracking" =>
            {
                push(MoveKind::Follow, None, 2)
            }
            "track" | "tracks" | "follow" | "follows" | "following" | "followed" | "chases"
            | "chasing"
                if camera_subject =>
            {
                push(MoveKind::Follow, None, 1)
            }
            "pedestal" | "pedestals" | "pedestaling" => push(
                MoveKind::Pedestal,
                Some(up_down(words, i + 1).unwrap_or(Direction::Up)),
                1,
            ),
            "orbit" | "orbits" | "orbiting" | "orbital" | "360" | "360-degree" => {
                push(MoveKind::Orbit, rotation(words, i + 1), 1)
            }
            "circle" | "circles" | "circling" | "revolves" | "revolving" | "rotates"
            | "rotating" | "spins" | "sweeps" | "arcs" | "arcing"
                if (lead || camera_subject)
                    && (matches!(next, "around" | "round")
                        || (matches!(
                            next,
                            "clockwise"
                                | "counterclockwise"
                                | "anticlockwise"
                                | "counter-clockwise"
                        ) && matches!(w(i + 2), "around" | "round"))) =>
            {
                push(MoveKind::Orbit, rotation(words, i + 1), 2)
            }
            "crane" | "cranes" | "craning" | "boom" | "booms" | "jib" | "jibs"
                if lead || directed =>
            {
                push(
                    MoveKind::Crane,
                    Some(up_down(words, i + 1).unwrap_or(Direction::Up)),
                    1,
                )
            }
            "rises" | "rise" | "rising" | "lifts" | "ascends" | "ascending" | "soars"
            | "climbs" | "elevates"
                if camera_subject =>
            {
                push(MoveKind::Crane, Some(Direction::Up), 1)
            }
            "descends" | "descending" | "lowers" | "lowering" | "drops" | "sinks"
                if camera_subject =>
            {
                push(MoveKind::Crane, Some(Direction::Down), 1)
            }
            "roll" | "rolls" | "rolling" | "barrel-roll"
                if camera_subject || next == "clockwise" || next == "counterclockwise" =>
            {
                push(
                    MoveKind::Roll,
                    rotation(words, i + 1).or(Some(Direction::Clockwise)),
                    1,
                )
            }
            "rotates" | "rotating" | "spins" | "spinning"
                if camera_subject
                    && !words[i + 1..words.len().min(i + 4)]
                        .iter()
                        .any(|w| matches!(*w, "around" | "round")) =>
            {
                push(
                    MoveKind::Roll,
                    rotation(words, i + 1).or(Some(Direction::Clockwise)),
                    1,
                )
            }
            "handheld" | "hand-held" | "shaky" | "shaky-cam" | "first-person" | "pov" => {
                push(MoveKind::Handheld, None, 1)
            }
            "static" | "locked-off" | "locked" | "tripod" | "stationary" | "fixed" | "still"
                if matches!(next, "shot" | "camera" | "off" | "frame" | "wide" | "view")
                    || matches!(word, "locked-off" | "tripod" | "static") =>
            {
                push(MoveKind::Static, None, 1)
            }
            "moves" | "move" | "moving" | "glides" | "gliding" | "drifts" | "travels" | "flies"
            | "creeps" | "pushes" | "races" | "swoops"
                if camera_subject =>
            {
                let d = dir_after(words, i + 1);
                match d {
                    Some(Direction::Left | Direction::Right) => push(MoveKind::Truck, d, 1),
                    Some(Direction::Up | Direction::Down) => push(MoveKind::Pedestal, d, 1),
                    Some(Direction::Out) => push(MoveKind::Dolly, d, 1),
                    _ => push(MoveKind::Dolly, Some(Direction::In), 1),
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The direction stated within the four words after `i`.
fn dir_after(words: &[&str], i: usize) -> Option<Direction> {
    for word in words.iter().skip(i).take(4) {
        let d = match *word {
            "left" | "leftward" | "leftwards" => Direction::Left,
            "right" | "rightward" | "rightwards" => Direction::Right,
            "up" | "upward" | "upwards" | "skyward" => Direction::Up,
            "down" | "downward" | "downwards" => Direction::Down,
            "in" | "forward" | "forwards" | "closer" | "toward" | "towards" | "into" => {
                Direction::In
            }
            "out" | "back" | "backward" | "backwards" | "away" => Direction::Out,
            "clockwise" => Direction::Clockwise,
            "counterclockwise" | "anticlockwise" | "counter-clockwise" | "anti-clockwise" => {
                Direction::Counterclockwise
            }
            "across" | "over" | "to" | "the" | "slowly" | "gently" | "quickly" | "slow"
            | "fast" | "smoothly" | "steadily" | "gradually" => continue,
            _ => return None,
        };
        return Some(d);
    }
    None
}

fn in_out(words: &[&str], i: usize) -> Option<Direction> {
    dir_after(words, i).and_then(|d| match d {
        Direction::In | Direction::Out => Some(d),
        Direction::Up => None,
        _ => None,
    })
}

fn up_down(words: &[&str], i: usize) -> Option<Direction> {
    dir_after(words, i).filter(|d| matches!(d, Direction::Up | Direction::Down))
}

/// Rotation sense for orbit/roll, stated anywhere after the cue.
fn rotation(words: &[&str], i: usize) -> Option<Direction> {
    words
        .iter()
        .skip(i.saturating_sub(3))
        .find_map(|w| match *w {
            "clockwise" => Some(Direction::Clockwise),
            "counterclockwise" | "anticlockwise" | "counter-clockwise" | "anti-clockwise" => {
                Some(Direction::Counterclockwise)
            }
            _ => None,
        })
}

/// Speed from adverbs anywhere in the clause.
fn speed(words: &[&str]) -> Speed {
    if words.iter().any(|w| {
        matches!(
            *w,
            "slow"
                | "slowly"
                | "gently"
                | "gradual"
                | "gradually"
                | "leisurely"
                | "subtle"
                | "subtly"
        )
    }) {
        Speed::Slow
    } else if words.iter().any(|w| {
        matches!(
            *w,
            "fast"
                | "quick"
                | "quickly"
                | "rapid"
                | "rapidly"
                | "swift"
                | "swiftly"
                | "whip"
                | "whip-pan"
                | "sudden"
                | "suddenly"
        )
    }) {
        Speed::Fast
    } else {
        Speed::Medium
    }
}

/// The shot size named in `words`, if any. Explicit sizes win over "establishing"/"aerial".
pub(super) fn framing(words: &[&str]) -> Option<Framing> {
    let text = format!(" {} ", words.join(" "));
    let has = |p: &str| text.contains(&format!(" {p} "));
    let table: &[(&[&str], Framing)] = &[
        (
            &[
                "extreme close-up",
                "extreme closeup",
                "extreme close up",
                "ecu",
                "macro shot",
                "macro",
            ],
            Framing::ExtremeCloseUp,
        ),
        (
            &["medium close-up", "medium closeup", "medium close up"],
            Framing::MediumCloseUp,
        ),
        (
            &["extreme wide", "extreme long shot", "extreme-wide"],
            Framing::ExtremeWide,
        ),
        (
            &[
                "close-up",
                "closeup",
                "close up",
                "close shot",
                "tight shot",
            ],
            Framing::CloseUp,
        ),
        (
            &[
                "medium wide",
                "medium long shot",
                "cowboy shot",
                "medium-wide",
            ],
            Framing::MediumWide,
        ),
        (
            &["medium shot", "mid shot", "mid-shot", "waist-up", "medium"],
            Framing::Medium,
        ),
        (
            &["full shot", "full-body", "full body", "full-length"],
            Framing::Full,
        ),
        (
            &["wide shot", "wide-angle", "wide angle", "long shot", "wide"],
            Framing::Wide,
        ),
        (
            &[
                "establishing",
                "aerial",
                "panorama",
                "panoramic",
                "vista",
                "bird's-eye view",
            ],
            Framing::ExtremeWide,
        ),
    ];
    table
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| has(p)))
        .map(|(_, f)| *f)
}

/// The camera angle named in `words`, if any.
pub(super) fn angle(words: &[&str]) -> Option<Angle> {
    let text = format!(" {} ", words.join(" "));
    let has = |p: &str| text.contains(&format!(" {p} "));
    let table: &[(&[&str], Angle)] = &[
        (
            &[
                "worm's-eye",
                "worms-eye",
                "worm's eye",
                "worm-eye",
                "ground-level looking up",
            ],
            Angle::WormsEye,
        ),
        (
            &[
                "overhead",
                "top-down",
                "top down",
                "bird's-eye",
                "birds-eye",
                "directly above",
                "straight down",
            ],
            Angle::Overhead,
        ),
        (
            &["dutch", "dutch-angle", "oblique", "canted", "tilted angle"],
            Angle::Dutch,
        ),
        (
            &["low-angle", "low angle", "from below", "looking up at"],
            Angle::Low,
        ),
        (
            &[
                "high-angle",
                "high angle",
                "from above",
                "looking down at",
                "aerial",
                "drone",
            ],
            Angle::High,
        ),
        (&["eye-level", "eye level"], Angle::EyeLevel),
    ];
    table
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| has(p)))
        .map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, camera_subject: bool) -> Vec<(MoveKind, Option<Direction>)> {
        let words: Vec<&str> = text.split(' ').collect();
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
