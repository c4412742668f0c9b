//! The storyboard: what a director produces and what the checker and the lowering read.
//!
//! Doc comments on these types become the JSON Schema descriptions that the LLM reads, so
//! they are written for a model: what a field means, its unit and its constraints.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The storyboard schema version this crate writes. Version 1 files are still read: the
/// checker upgrades them on reading (`check::upgrade`).
pub const SCHEMA_VERSION: &str = "2";

/// The older storyboard schema version this crate reads and upgrades.
pub const SCHEMA_VERSION_1: &str = "1";

/// A film storyboard for one video: the entities that appear and the shots, in screen order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Storyboard {
    /// Always "2".
    pub schema_version: String,
    /// A short human title for the video, a few words.
    pub title: String,
    /// Total length of the video in seconds; must equal the sum of the shot durations.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub duration_s: f64,
    /// Visual style applied to every shot (medium, look, lighting), e.g. "photorealistic nature
    /// documentary, soft daylight". Empty string when the prompt names none.
    pub style: String,
    /// Every character, animal, object or place that appears on screen or that an action,
    /// camera target or placement refers to. Each appears once and keeps the same description
    /// in every shot; several identical ones ("three puppies") are one entity with a count.
    pub entities: Vec<Entity>,
    /// The shots in playback order. Most prompts need one shot; use more only for explicit
    /// cuts, scene changes or distinct story beats.
    pub shots: Vec<Shot>,
}

/// Something that appears on screen and is referred to by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Short snake_case identifier used to refer to this entity, e.g. "panda", "red_car".
    pub id: String,
    /// What sort of thing this is.
    pub kind: EntityKind,
    /// A visual description of one of them, reused word for word in every keyframe prompt,
    /// e.g. "a giant panda with black-and-white fur". Describe appearance, not actions.
    pub description: String,
    /// How many identical ones appear ("three puppies": 3), at least 1. Each gets its own
    /// box and keeps the same description.
    #[serde(default = "one")]
    pub count: u32,
}

/// The default `count`: one.
fn one() -> u32 {
    1
}

/// The sort of thing an entity is; it decides default on-screen size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person or person-like character.
    Character,
    /// An animal or creature.
    Animal,
    /// A hand-sized to furniture-sized thing.
    Object,
    /// A car, boat, train, aircraft or similar.
    Vehicle,
    /// A building, landscape feature or large structure.
    Structure,
    /// A group of people or animals treated as one.
    Crowd,
    /// Light, weather, fire, smoke, water or another effect.
    Effect,
}

impl EntityKind {
    /// Typical real-world height of an entity of this kind, in metres: with a box's height
    /// and the camera's focal length it gives the entity's distance from the camera.
    pub fn height_m(self) -> f64 {
        match self {
            EntityKind::Character | EntityKind::Crowd => 1.7,
            EntityKind::Animal => 1.1,
            EntityKind::Object => 0.5,
            EntityKind::Vehicle => 1.5,
            EntityKind::Structure => 8.0,
            EntityKind::Effect => 2.0,
        }
    }
}

/// One continuous camera take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Shot {
    /// Short identifier, "s1", "s2", … in order.
    pub id: String,
    /// Length of the shot in seconds, greater than 0.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub duration_s: f64,
    /// Where the shot takes place, e.g. "a bamboo forest clearing".
    pub setting: String,
    /// One or two sentences saying what happens in the shot.
    pub description: String,
    /// How much of the scene the frame shows at the start of the shot.
    pub framing: Framing,
    /// The camera's vertical angle on the subject.
    pub angle: Angle,
    /// Every entity on screen during this shot, acting or not, each once: where it is when
    /// the shot starts and, when it is not on screen for the whole shot, when it enters and
    /// leaves. Every entity an action, camera move or placement of this shot names is in it.
    #[serde(default)]
    pub cast: Vec<CastMember>,
    /// Camera moves in time order; empty means a static camera. Times are relative to the
    /// shot start.
    pub camera: Vec<CameraMove>,
    /// What the entities do, in time order. Times are relative to the shot start.
    pub actions: Vec<Action>,
    /// How this shot passes into the next one.
    pub transition: Transition,
}

/// One entity's presence in a shot (its blocking).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CastMember {
    /// Id of the entity.
    pub entity: String,
    /// Where it is when the shot starts (for one that enters later: where it comes into
    /// view), or null when not stated.
    pub placement: Option<Placement>,
    /// When it comes on screen, in seconds from the shot start; null when it is on screen
    /// from the start.
    pub enter_s: Option<f64>,
    /// When it leaves the screen, in seconds from the shot start; null when it stays until
    /// the shot ends. After enter_s.
    pub exit_s: Option<f64>,
}

/// Shot size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Framing {
    /// A vast view; subjects are tiny (establishing shots, aerials).
    ExtremeWide,
    /// The whole scene with subjects small in it.
    Wide,
    /// A subject head to toe.
    Full,
    /// A subject from the knees up.
    MediumWide,
    /// A subject from the waist up.
    Medium,
    /// A subject from the chest up.
    MediumCloseUp,
    /// A face or a single object filling most of the frame.
    CloseUp,
    /// A detail: eyes, a hand, a mechanism.
    ExtremeCloseUp,
}

/// Camera angle relative to the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Angle {
    /// Level with the subject's eyes.
    EyeLevel,
    /// Above the subject, looking down.
    High,
    /// Below the subject, looking up.
    Low,
    /// Straight down from above (top-down, bird's-eye).
    Overhead,
    /// Tilted horizon (Dutch angle, oblique).
    Dutch,
    /// From the ground, looking steeply up.
    WormsEye,
}

/// A camera move over an interval of a shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CameraMove {
    /// The kind of move.
    #[serde(rename = "move")]
    pub kind: MoveKind,
    /// Direction of the move, or null when the move has none (static, handheld, follow).
    /// pan: left/right; tilt: up/down; zoom, dolly: in/out; truck: left/right;
    /// pedestal, crane: up/down; orbit, roll: left/right/clockwise/counterclockwise.
    pub direction: Option<Direction>,
    /// How fast the move is.
    pub speed: Speed,
    /// Start of the move in seconds from the shot start.
    pub start_s: f64,
    /// End of the move in seconds from the shot start; after start_s.
    pub end_s: f64,
    /// The entity id the camera keeps in view (orbit centre, follow subject), or null.
    pub target: Option<String>,
}

/// What the camera does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Locked-off camera, no movement.
    Static,
    /// Rotate left or right on the spot.
    Pan,
    /// Rotate up or down on the spot.
    Tilt,
    /// Change focal length in or out; the camera does not move.
    Zoom,
    /// Move the camera forward (in, push in) or backward (out, pull back).
    Dolly,
    /// Move the camera sideways, left or right.
    Truck,
    /// Move the camera straight up or down.
    Pedestal,
    /// Circle around the target.
    Orbit,
    /// Rise or descend on a crane or drone while looking at the scene.
    Crane,
    /// Rotate around the lens axis.
    Roll,
    /// Track alongside or behind a moving subject.
    Follow,
    /// Hand-held, slightly shaky camera.
    Handheld,
}

/// Direction of a camera move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Towards screen left.
    Left,
    /// Towards screen right.
    Right,
    /// Upwards.
    Up,
    /// Downwards.
    Down,
    /// Towards the subject / forward.
    In,
    /// Away from the subject / backward.
    Out,
    /// Clockwise as seen from the camera or from above.
    Clockwise,
    /// Counterclockwise as seen from the camera or from above.
    Counterclockwise,
}

/// Speed of a camera move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Speed {
    /// Slow, gentle.
    Slow,
    /// Ordinary speed.
    Medium,
    /// Fast, energetic.
    Fast,
}

/// How a shot passes into the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// Hard cut.
    Cut,
    /// Cross-dissolve.
    Dissolve,
    /// Fade through black.
    Fade,
    /// Cut on matching shape or motion.
    MatchCut,
    /// Wipe.
    Wipe,
}

/// One thing an entity does during a shot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Action {
    /// Id of the entity doing it.
    pub entity: String,
    /// The base verb, lower case, e.g. "walk", "turn", "wave".
    pub verb: String,
    /// The action as a short phrase, e.g. "walks from left to right".
    pub description: String,
    /// Start in seconds from the shot start.
    pub start_s: f64,
    /// End in seconds from the shot start; after start_s.
    pub end_s: f64,
    /// Where the entity is when the action starts, or null when not stated.
    pub from: Option<Placement>,
    /// Where the entity is when the action ends, or null when not stated.
    pub to: Option<Placement>,
    /// The entity's appearance before the action when the action changes it ("green",
    /// "solid ice"), else null.
    pub state_from: Option<String>,
    /// The entity's appearance after the action when the action changes it ("red",
    /// "a puddle"), else null.
    pub state_to: Option<String>,
    /// The other entity the action moves or changes ("the vase" in "she sets the vase on
    /// the windowsill", "the onions" in "tosses the onions into the wok"), or null when it
    /// affects only the actor. from/to/state_from/state_to above stay the actor's own.
    pub object: Option<Affected>,
}

/// What an action does to another entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Affected {
    /// Id of the entity moved or changed; it is in the shot's cast.
    pub entity: String,
    /// Where that entity is when the action ends, or null when it does not move.
    pub to: Option<Placement>,
    /// That entity's appearance before the action when the action changes it ("raw"), else
    /// null.
    pub state_from: Option<String>,
    /// That entity's appearance after the action when the action changes it ("golden",
    /// "sliced"), else null.
    pub state_to: Option<String>,
}

/// A position on screen and/or relative to another entity. At least one of region or
/// relation is set; a relation needs an anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Placement {
    /// Screen region, or null.
    pub region: Option<Region>,
    /// Relation to the anchor entity, or null.
    pub relation: Option<Relation>,
    /// Entity id the relation refers to; null when relation is null.
    pub anchor: Option<String>,
}

/// A region of the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// Left third.
    Left,
    /// Middle.
    Center,
    /// Right third.
    Right,
    /// Top third.
    Top,
    /// Bottom third.
    Bottom,
    /// Top-left corner.
    TopLeft,
    /// Top-right corner.
    TopRight,
    /// Bottom-left corner.
    BottomLeft,
    /// Bottom-right corner.
    BottomRight,
    /// Close to the camera, large.
    Foreground,
    /// Far from the camera, small.
    Background,
    /// Just outside the left edge.
    OffscreenLeft,
    /// Just outside the right edge.
    OffscreenRight,
}

/// A spatial relation to an anchor entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// To the left of the anchor on screen.
    LeftOf,
    /// To the right of the anchor on screen.
    RightOf,
    /// Between the anchor and the camera.
    InFrontOf,
    /// Further from the camera than the anchor, partly hidden by it.
    Behind,
    /// Higher than the anchor, not touching.
    Above,
    /// Lower than the anchor, or under it.
    Below,
    /// Resting on the anchor's top.
    OnTopOf,
    /// Within the anchor.
    Inside,
    /// Beside the anchor.
    NextTo,
}

impl MoveKind {
    /// Every value, in declaration order.
    pub const ALL: [MoveKind; 12] = [
        MoveKind::Static,
        MoveKind::Pan,
        MoveKind::Tilt,
        MoveKind::Zoom,
        MoveKind::Dolly,
        MoveKind::Truck,
        MoveKind::Pedestal,
        MoveKind::Orbit,
        MoveKind::Crane,
        MoveKind::Roll,
        MoveKind::Follow,
        MoveKind::Handheld,
    ];
}

impl Direction {
    /// Every value, in declaration order.
    pub const ALL: [Direction; 8] = [
        Direction::Left,
        Direction::Right,
        Direction::Up,
        Direction::Down,
        Direction::In,
        Direction::Out,
        Direction::Clockwise,
        Direction::Counterclockwise,
    ];
}
