//! The stable diagnostic codes, grouped by the pass that reports them. `E` codes are errors,
//! `W` codes warnings. A fix reports the code of the problem it removed with severity
//! [`super::Severity::Fixed`]. The README's table mirrors this list.

/// The document does not match the storyboard JSON Schema.
pub const SCHEMA_VIOLATION: &str = "E0001";
/// The document matches the schema but still does not deserialize as a storyboard.
pub const NOT_A_STORYBOARD: &str = "E0002";

/// More shots than [`super::limits::MAX_SHOTS`].
pub const TOO_MANY_SHOTS: &str = "E0101";
/// A video longer than [`super::limits::MAX_DURATION_S`].
pub const TOO_LONG: &str = "E0102";
/// More entities than [`super::limits::MAX_ENTITIES`].
pub const TOO_MANY_ENTITIES: &str = "E0103";
/// More actions or camera moves in one shot than [`super::limits::MAX_ITEMS_PER_SHOT`].
pub const TOO_MANY_ITEMS: &str = "E0104";
/// A text or id longer than [`super::limits::MAX_TEXT_CHARS`] / [`super::limits::MAX_ID_CHARS`].
pub const TEXT_TOO_LONG: &str = "E0105";

/// The storyboard has no shots.
pub const NO_SHOTS: &str = "E0201";
/// `schema_version` is not one this crate reads.
pub const UNSUPPORTED_VERSION: &str = "E0202";
/// A shot with no description, no setting and no actions: nothing to show.
pub const EMPTY_SHOT: &str = "W0203";
/// A version 1 storyboard; reading upgrades it to version 2 (a `fixed` note).
pub const VERSION_1: &str = "W0204";

/// Two entities share an id.
pub const DUPLICATE_ENTITY_ID: &str = "E0301";
/// Two shots share an id.
pub const DUPLICATE_SHOT_ID: &str = "E0302";
/// An entity or shot id is empty or blank.
pub const BLANK_ID: &str = "E0303";

/// An action's `entity` names no entity.
pub const UNKNOWN_ACTION_ENTITY: &str = "E0401";
/// A camera move's `target` names no entity.
pub const UNKNOWN_CAMERA_TARGET: &str = "E0402";
/// A placement's `anchor` names no entity.
pub const UNKNOWN_ANCHOR: &str = "E0403";
/// A cast entry's `entity` names no entity.
pub const UNKNOWN_CAST_ENTITY: &str = "E0404";
/// An action's affected `object.entity` names no entity.
pub const UNKNOWN_AFFECTED_ENTITY: &str = "E0405";

/// A time or duration is NaN or infinite.
pub const NOT_FINITE: &str = "E0501";
/// A duration is zero or negative.
pub const NON_POSITIVE_DURATION: &str = "E0502";
/// An action or camera interval lies (partly) outside its shot.
pub const OUTSIDE_SHOT: &str = "E0503";
/// An interval ends before, or when, it starts.
pub const END_BEFORE_START: &str = "E0504";

/// The shot durations do not add up to `duration_s`.
pub const DURATIONS_MISMATCH: &str = "E0601";

/// One entity makes two different moves at once.
pub const CONFLICTING_MOVES: &str = "E0701";
/// One entity changes appearance two different ways at once.
pub const CONFLICTING_STATES: &str = "E0702";
/// Two camera moves of one kind go different directions at once.
pub const CONFLICTING_CAMERA: &str = "E0703";

/// A camera direction that the move cannot have (pan up, tilt left, zoom right).
pub const DIRECTION_MISFIT: &str = "E0801";
/// A directional move without a direction.
pub const MISSING_DIRECTION: &str = "W0802";
/// An orbit or follow without a target.
pub const MISSING_TARGET: &str = "W0803";

/// A placement with neither region nor relation.
pub const EMPTY_PLACEMENT: &str = "E0901";
/// A relation without an anchor.
pub const RELATION_WITHOUT_ANCHOR: &str = "E0902";
/// An anchor without a relation (it is ignored).
pub const ANCHOR_WITHOUT_RELATION: &str = "W0903";
/// An entity placed relative to itself.
pub const SELF_ANCHOR: &str = "E0904";

/// An entity that no shot casts, no action, camera target or anchor uses and no shot mentions.
pub const UNUSED_ENTITY: &str = "W1001";

/// An entity that acts in a shot is not in the shot's cast.
pub const ACTOR_NOT_IN_CAST: &str = "E1101";
/// An entity an action affects, an anchor or a camera target is not in the shot's cast.
pub const NAMED_NOT_IN_CAST: &str = "E1102";
/// An entity is listed twice in one shot's cast, on screen at the same time.
pub const DUPLICATE_CAST_ENTRY: &str = "E1103";
/// An entity enters one shot twice (a second cast entry after the first one leaves).
pub const ENTERS_TWICE: &str = "E1104";
/// A cast entry's `enter_s` is at or after its `exit_s`.
pub const ENTER_AFTER_EXIT: &str = "E1105";
/// A cast entry's `enter_s` or `exit_s` lies outside its shot.
pub const WINDOW_OUTSIDE_SHOT: &str = "E1106";
/// An action while its entity is off screen (before it enters or after it leaves).
pub const ACTS_OFF_SCREEN: &str = "W1107";

/// An entity's `count` is below 1.
pub const COUNT_BELOW_ONE: &str = "E1201";
/// An entity's `count` is above [`super::limits::MAX_COUNT`].
pub const COUNT_TOO_HIGH: &str = "E1202";

/// An action names its own actor as the entity it affects.
pub const AFFECTS_ITSELF: &str = "E1301";
/// An affected object with neither a `to` nor a state change: it says nothing.
pub const EMPTY_OBJECT: &str = "W1302";
