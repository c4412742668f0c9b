//! The camera vocabulary: words that name a camera move (with its default direction and the
//! condition under which an ambiguous word is one), words that give a move its direction or
//! pace, words that make the next word a camera instruction, and the phrases that name a
//! shot size or a camera angle. Data files beside this one, parsed once on first use.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Closed, Lexicon, lines, pairs};
use crate::lang::verb_forms::candidates;

/// What a camera move does (`camera_moves.txt`, second column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CameraMotion {
    /// Rotates left or right on the spot.
    Pan,
    /// Rotates up or down on the spot.
    Tilt,
    /// Changes the focal length, in or out.
    Zoom,
    /// Moves toward or away from the subject.
    Dolly,
    /// Moves sideways.
    Truck,
    /// Moves straight up or down.
    Pedestal,
    /// Circles the subject.
    Orbit,
    /// Rises or descends on an arm.
    Crane,
    /// Rotates around the lens axis.
    Roll,
    /// Follows a moving subject.
    Follow,
    /// Held by hand, with a slight shake.
    Handheld,
    /// Does not move.
    Static,
    /// Moves bodily, its kind decided by its direction: sideways a truck, up or down a
    /// pedestal, in or out a dolly ("the camera glides left").
    Travel,
}

/// A direction a camera move can take (`camera_directions.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Heading {
    /// Toward screen left.
    Left,
    /// Toward screen right.
    Right,
    /// Upward.
    Up,
    /// Downward.
    Down,
    /// Toward the subject.
    In,
    /// Away from the subject.
    Out,
    /// Clockwise, seen from above or from behind the lens.
    Clockwise,
    /// Counterclockwise.
    Counterclockwise,
}

/// What a word says about a camera move's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectionWord {
    /// It names the direction ("left", "upward", "closer").
    Toward(Heading),
    /// "around": the move circles what follows.
    Around,
    /// A word passed over on the way to the direction ("across", "over", "to").
    Pass,
}

/// When a word reads as a camera move (`camera_moves.txt`, fourth column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoveCondition {
    /// Always: a camera term ("zoom", "dolly", "handheld").
    Term,
    /// When it leads (opens the clause, follows a camera, pace or joining word, or the
    /// camera is the subject) or a direction follows ("pan", "tilt", "crane").
    Led,
    /// When it leads and a direction of the move's axis follows ("truck left").
    Steered,
    /// When it leads and its particle, naming the default direction, follows ("push in").
    Particle,
    /// As [`MoveCondition::Particle`], and no noun phrase follows the particle ("pull
    /// back", not "pull back the curtain").
    BareParticle,
    /// Only when the camera is the subject, as its verb ("the camera rises").
    Camera,
    /// Before a camera noun or a shot size ("fixed camera", "tracking shot").
    Named,
    /// When it leads and "around" follows ("circles around the tower").
    Around,
    /// When the camera is the subject or a rotation direction follows ("roll clockwise").
    Rotation,
}

/// One reading of a camera-move word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CameraReading {
    /// The move.
    pub motion: CameraMotion,
    /// Its direction when none is stated.
    pub default: Option<Heading>,
    /// When the word is this move.
    pub when: MoveCondition,
}

/// How fast a camera moves (`camera_paces.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pace {
    /// Slowly, gently.
    Slow,
    /// Smoothly, at an ordinary speed.
    Steady,
    /// Quickly, suddenly.
    Fast,
}

/// What a word before an ambiguous one says about it (`camera_context.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CameraContext {
    /// It names the camera or the shot ("camera", "shot", "lens").
    Noun,
    /// It joins the move to what came before ("then", "and").
    Joining,
}

/// A shot size (`shot_sizes.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShotSize {
    /// A vast view (establishing shots, aerials).
    ExtremeWide,
    /// The whole scene.
    Wide,
    /// A whole figure.
    Full,
    /// A figure from the knees up.
    MediumWide,
    /// A figure from the waist up.
    Medium,
    /// Head and shoulders.
    MediumCloseUp,
    /// A face or an object.
    CloseUp,
    /// A detail.
    ExtremeCloseUp,
}

/// A camera angle (`camera_angles.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewAngle {
    /// Level with the subject's eyes.
    EyeLevel,
    /// Above the subject, looking down.
    High,
    /// Below the subject, looking up.
    Low,
    /// Straight down from above.
    Overhead,
    /// Tilted sideways.
    Dutch,
    /// From the ground, looking up.
    WormsEye,
}

/// A phrase's words with what it names, in the order of its list.
type Phrases<T> = Vec<(Vec<&'static str>, T)>;

/// The lists this module reads.
struct CameraWords {
    moves: HashMap<&'static str, Vec<CameraReading>>,
    directions: HashMap<&'static str, DirectionWord>,
    paces: HashMap<&'static str, Pace>,
    context: HashMap<&'static str, CameraContext>,
    sizes: Phrases<ShotSize>,
    angles: Phrases<ViewAngle>,
}

fn heading(name: &str) -> Option<Heading> {
    Some(match name {
        "left" => Heading::Left,
        "right" => Heading::Right,
        "up" => Heading::Up,
        "down" => Heading::Down,
        "in" => Heading::In,
        "out" => Heading::Out,
        "clockwise" => Heading::Clockwise,
        "counterclockwise" => Heading::Counterclockwise,
        _ => return None,
    })
}

fn direction_word(name: &str) -> Option<DirectionWord> {
    match name {
        "around" => Some(DirectionWord::Around),
        "pass" => Some(DirectionWord::Pass),
        _ => heading(name).map(DirectionWord::Toward),
    }
}

fn motion(name: &str) -> Option<CameraMotion> {
    Some(match name {
        "pan" => CameraMotion::Pan,
        "tilt" => CameraMotion::Tilt,
        "zoom" => CameraMotion::Zoom,
        "dolly" => CameraMotion::Dolly,
        "truck" => CameraMotion::Truck,
        "pedestal" => CameraMotion::Pedestal,
        "orbit" => CameraMotion::Orbit,
        "crane" => CameraMotion::Crane,
        "roll" => CameraMotion::Roll,
        "follow" => CameraMotion::Follow,
        "handheld" => CameraMotion::Handheld,
        "static" => CameraMotion::Static,
        "travel" => CameraMotion::Travel,
        _ => return None,
    })
}

fn condition(name: &str) -> Option<MoveCondition> {
    Some(match name {
        "term" => MoveCondition::Term,
        "led" => MoveCondition::Led,
        "steered" => MoveCondition::Steered,
        "particle" => MoveCondition::Particle,
        "bare-particle" => MoveCondition::BareParticle,
        "camera" => MoveCondition::Camera,
        "named" => MoveCondition::Named,
        "around" => MoveCondition::Around,
        "rotation" => MoveCondition::Rotation,
        _ => return None,
    })
}

/// A `word<TAB>motion<TAB>default<TAB>when` line of `camera_moves.txt`.
fn reading(line: &'static str) -> Option<(&'static str, CameraReading)> {
    let mut cols = line.split('\t').map(str::trim);
    let (word, kind, default, when) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
    Some((
        word,
        CameraReading {
            motion: motion(kind)?,
            default: heading(default),
            when: condition(when)?,
        },
    ))
}

fn pace(name: &str) -> Option<Pace> {
    Some(match name {
        "slow" => Pace::Slow,
        "steady" => Pace::Steady,
        "fast" => Pace::Fast,
        _ => return None,
    })
}

fn context(name: &str) -> Option<CameraContext> {
    Some(match name {
        "noun" => CameraContext::Noun,
        "joining" => CameraContext::Joining,
        _ => return None,
    })
}

fn shot_size(name: &str) -> Option<ShotSize> {
    Some(match name {
        "extreme-wide" => ShotSize::ExtremeWide,
        "wide" => ShotSize::Wide,
        "full" => ShotSize::Full,
        "medium-wide" => ShotSize::MediumWide,
        "medium" => ShotSize::Medium,
        "medium-close-up" => ShotSize::MediumCloseUp,
        "close-up" => ShotSize::CloseUp,
        "extreme-close-up" => ShotSize::ExtremeCloseUp,
        _ => return None,
    })
}

fn view_angle(name: &str) -> Option<ViewAngle> {
    Some(match name {
        "eye-level" => ViewAngle::EyeLevel,
        "high" => ViewAngle::High,
        "low" => ViewAngle::Low,
        "overhead" => ViewAngle::Overhead,
        "dutch" => ViewAngle::Dutch,
        "worms-eye" => ViewAngle::WormsEye,
        _ => return None,
    })
}

/// A phrase list, each phrase split into its words.
fn phrases<T>(text: &'static str, parse: fn(&str) -> Option<T>) -> Phrases<T> {
    pairs(text, parse)
        .map(|(phrase, value)| (phrase.split(' ').collect(), value))
        .collect()
}

/// The value of the first phrase of `list` that `words` hold as consecutive words.
fn find<T: Copy>(list: &Phrases<T>, words: &[&str]) -> Option<T> {
    list.iter()
        .find(|(phrase, _)| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
        .map(|(_, value)| *value)
}

static CAMERA_WORDS: LazyLock<CameraWords> = LazyLock::new(|| {
    let mut moves: HashMap<&'static str, Vec<CameraReading>> = HashMap::new();
    for (word, r) in lines(include_str!("camera_moves.txt")).filter_map(reading) {
        moves.entry(word).or_default().push(r);
    }
    CameraWords {
        moves,
        directions: pairs(include_str!("camera_directions.txt"), direction_word).collect(),
        paces: pairs(include_str!("camera_paces.txt"), pace).collect(),
        context: pairs(include_str!("camera_context.txt"), context).collect(),
        sizes: phrases(include_str!("shot_sizes.txt"), shot_size),
        angles: phrases(include_str!("camera_angles.txt"), view_angle),
    }
});

impl Lexicon {
    /// The camera-move readings of a word, most likely first: those of the word as written,
    /// then of its `lemma`, then of the base its inflection gives ("dollying" → "dolly").
    pub fn camera_readings(&self, word: &str, lemma: &str) -> Vec<CameraReading> {
        let mut keys: Vec<String> = vec![word.to_string(), lemma.to_string()];
        keys.extend(self.irregular_base(word).map(str::to_string));
        keys.extend(candidates(word).into_iter().map(|(base, _)| base));
        let mut seen: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for key in &keys {
            if seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key);
            if let Some(readings) = CAMERA_WORDS.moves.get(key.as_str()) {
                out.extend(readings.iter().copied());
            }
        }
        out
    }

    /// The camera-move readings of the two-word phrase `first second` ("locked off").
    pub fn camera_phrase_readings(&self, first: &str, second: &str) -> &'static [CameraReading] {
        CAMERA_WORDS
            .moves
            .get(format!("{first} {second}").as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// What `word` says about a camera move's direction, if anything.
    pub fn camera_direction(&self, word: &str) -> Option<DirectionWord> {
        CAMERA_WORDS.directions.get(word).copied()
    }

    /// The pace `word` gives a camera move ("slowly" → slow), if any.
    pub fn camera_pace(&self, word: &str) -> Option<Pace> {
        CAMERA_WORDS.paces.get(word).copied()
    }

    /// What `word` before an ambiguous word says about it ("camera" pans), if anything.
    pub fn camera_context(&self, word: &str) -> Option<CameraContext> {
        CAMERA_WORDS.context.get(word).copied()
    }

    /// Whether `word` can sit between a camera move and its direction: a determiner, a pace
    /// word or a passed-over word ("pans slowly across the …").
    pub fn is_camera_filler(&self, word: &str) -> bool {
        self.is(Closed::Determiner, word)
            || self.camera_pace(word).is_some()
            || self.camera_direction(word) == Some(DirectionWord::Pass)
    }

    /// The shot size the consecutive `words` name ("extreme close-up" → extreme close-up),
    /// the most specific phrase first.
    pub fn shot_size(&self, words: &[&str]) -> Option<ShotSize> {
        find(&CAMERA_WORDS.sizes, words)
    }

    /// The camera angle the consecutive `words` name ("low-angle shot" → low).
    pub fn view_angle(&self, words: &[&str]) -> Option<ViewAngle> {
        find(&CAMERA_WORDS.angles, words)
    }

    /// Whether `words` open with a phrase naming a camera angle ("tilted angle").
    pub fn opens_view_angle(&self, words: &[&str]) -> bool {
        CAMERA_WORDS
            .angles
            .iter()
            .any(|(phrase, _)| words.starts_with(phrase))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon;

    fn first(word: &str, lemma: &str) -> Option<(CameraMotion, Option<Heading>, MoveCondition)> {
        lexicon()
            .camera_readings(word, lemma)
            .first()
            .map(|r| (r.motion, r.default, r.when))
    }

    #[test]
    fn moves_are_found_through_their_inflections() {
        use {CameraMotion as M, MoveCondition as C};
        assert_eq!(
            first("dollying", "dollying"),
            Some((M::Dolly, Some(Heading::In), C::Term))
        );
        assert_eq!(first("pans", "pan"), Some((M::Pan, None, C::Led)));
        assert_eq!(first("panned", "panned"), Some((M::Pan, None, C::Led)));
        assert_eq!(
            first("rises", "rise"),
            Some((M::Crane, Some(Heading::Up), C::Camera))
        );
        assert_eq!(
            first("flew", "flew"),
            Some((M::Travel, Some(Heading::In), C::Camera))
        );
        assert_eq!(first("wolf", "wolf"), None);
    }

    #[test]
    fn a_word_keeps_every_reading_in_order() {
        let spins: Vec<_> = lexicon()
            .camera_readings("spins", "spin")
            .iter()
            .map(|r| r.motion)
            .collect();
        assert_eq!(spins, [CameraMotion::Orbit, CameraMotion::Roll]);
        let tracking: Vec<_> = lexicon()
            .camera_readings("tracking", "track")
            .iter()
            .map(|r| (r.motion, r.when))
            .collect();
        assert_eq!(tracking[0], (CameraMotion::Follow, MoveCondition::Named));
        assert_eq!(tracking[1], (CameraMotion::Truck, MoveCondition::Steered));
        let locked = lexicon().camera_phrase_readings("locked", "off");
        assert_eq!(locked[0].motion, CameraMotion::Static);
        assert!(
            lexicon()
                .camera_phrase_readings("locked", "door")
                .is_empty()
        );
    }

    #[test]
    fn directions_paces_and_context_are_read() {
        let lex = lexicon();
        assert_eq!(
            lex.camera_direction("anticlockwise"),
            Some(DirectionWord::Toward(Heading::Counterclockwise))
        );
        assert_eq!(lex.camera_direction("round"), Some(DirectionWord::Around));
        assert_eq!(lex.camera_direction("window"), None);
        assert_eq!(lex.camera_pace("gently"), Some(Pace::Slow));
        assert_eq!(lex.camera_pace("swiftly"), Some(Pace::Fast));
        assert_eq!(lex.camera_context("camera"), Some(CameraContext::Noun));
        assert_eq!(lex.camera_context("then"), Some(CameraContext::Joining));
        assert!(lex.is_camera_filler("the") && lex.is_camera_filler("across"));
        assert!(!lex.is_camera_filler("left"));
    }

    #[test]
    fn shot_sizes_and_angles_prefer_the_specific_phrase() {
        let lex = lexicon();
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            lex.shot_size(&words("a medium close-up of a face")),
            Some(ShotSize::MediumCloseUp)
        );
        assert_eq!(
            lex.shot_size(&words("wide establishing shot")),
            Some(ShotSize::Wide)
        );
        assert_eq!(lex.shot_size(&words("a cat sleeps")), None);
        assert_eq!(
            lex.view_angle(&words("shot from below")),
            Some(ViewAngle::Low)
        );
        assert!(lex.opens_view_angle(&words("tilted angle of a hall")));
        assert!(!lex.opens_view_angle(&words("tilt up to the sky")));
    }
}
