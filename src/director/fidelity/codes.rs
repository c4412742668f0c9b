//! The fidelity gate's stable codes (`F` for fidelity), grouped like the checker's. The
//! README's code table mirrors this list.

/// Whether `code` is one of the gate's (the checker's codes start with `E` or `W`).
pub fn is_fidelity(code: &str) -> bool {
    code.starts_with('F')
}

/// The prompt names an entity the storyboard lacks.
pub const ENTITY_MISSING: &str = "F0101";
/// The entity is there without an adjective the prompt gives it.
pub const ATTRIBUTE_MISSING: &str = "F0102";
/// The entity is there in another number than the prompt says.
pub const COUNT_MISMATCH: &str = "F0103";

/// An action the prompt orders is missing.
pub const ACTION_MISSING: &str = "F0201";
/// Two actions happen in the other order than the prompt's.
pub const ORDER_REVERSED: &str = "F0202";

/// No action moves the entity the way the prompt says.
pub const PATH_MISSING: &str = "F0301";
/// The entity moves the opposite way.
pub const PATH_REVERSED: &str = "F0302";

/// No placement puts the entity in the relation the prompt states.
pub const RELATION_MISSING: &str = "F0401";

/// The prompt has the entity come on screen; the storyboard has it there from the start.
pub const ENTRANCE_MISSING: &str = "F0501";
/// The prompt has the entity leave; the storyboard keeps it on screen.
pub const EXIT_MISSING: &str = "F0502";

/// No action shows the appearance change the prompt states.
pub const STATE_CHANGE_MISSING: &str = "F0601";

/// The storyboard's length is not the one the prompt states.
pub const DURATION_MISMATCH: &str = "F0701";

/// No camera move is the one the prompt names.
pub const CAMERA_MOVE_MISSING: &str = "F0801";
