//! JSON pointers into a storyboard, built the same way by every pass and fix.

/// `/entities/{i}`.
pub(crate) fn entity(i: usize) -> String {
    format!("/entities/{i}")
}

/// `/shots/{i}`.
pub(crate) fn shot(i: usize) -> String {
    format!("/shots/{i}")
}

/// `/shots/{s}/actions/{a}`.
pub(crate) fn action(s: usize, a: usize) -> String {
    format!("/shots/{s}/actions/{a}")
}

/// `/shots/{s}/camera/{c}`.
pub(crate) fn camera(s: usize, c: usize) -> String {
    format!("/shots/{s}/camera/{c}")
}

/// `/shots/{s}/cast/{c}`.
pub(crate) fn cast(s: usize, c: usize) -> String {
    format!("/shots/{s}/cast/{c}")
}

/// `{base}/{field}`; `field` is a plain property name that needs no escaping.
pub(crate) fn field(base: &str, field: &str) -> String {
    format!("{base}/{field}")
}
