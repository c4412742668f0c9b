//! Size limits (E01xx), checked in linear time before every other pass.

use serde_json::Value;

use crate::check::limits::{
    MAX_DURATION_S, MAX_ENTITIES, MAX_ID_CHARS, MAX_ITEMS_PER_SHOT, MAX_SHOTS, MAX_TEXT_CHARS,
};
use crate::check::{Diagnostic, codes, path, text};
use crate::ir::Storyboard;

/// Counts first; strings are only measured when the counts are within bounds, so a
/// 10,000-shot document costs one comparison.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    count_shots(sb.shots.len(), out);
    count_entities(sb.entities.len(), out);
    if sb.duration_s.is_finite() && sb.duration_s > MAX_DURATION_S {
        out.push(
            Diagnostic::error(
                codes::TOO_LONG,
                "/duration_s",
                format!(
                    "the video lasts {}, longer than the limit of {} (one hour)",
                    text::seconds(sb.duration_s),
                    text::seconds(MAX_DURATION_S)
                ),
            )
            .with_help("split the video into several storyboards of at most an hour"),
        );
    }
    if !out.is_empty() {
        return;
    }
    for (s, shot) in sb.shots.iter().enumerate() {
        for (what, len, field) in [
            ("actions", shot.actions.len(), "actions"),
            ("camera moves", shot.camera.len(), "camera"),
            ("cast entries", shot.cast.len(), "cast"),
        ] {
            if len > MAX_ITEMS_PER_SHOT {
                out.push(
                    Diagnostic::error(
                        codes::TOO_MANY_ITEMS,
                        path::field(&path::shot(s), field),
                        format!(
                            "the shot has {len} {what}, more than the limit of {MAX_ITEMS_PER_SHOT}"
                        ),
                    )
                    .with_help("split the shot into several shots"),
                );
            }
        }
    }
    if !out.is_empty() {
        return;
    }
    texts(sb, out);
}

/// E0101/E0103 on the raw JSON document, before schema validation: an oversized document is
/// rejected without validating or parsing its thousands of items.
pub(crate) fn check_document_size(value: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(shots) = value.get("shots").and_then(Value::as_array) {
        count_shots(shots.len(), &mut out);
    }
    if let Some(entities) = value.get("entities").and_then(Value::as_array) {
        count_entities(entities.len(), &mut out);
    }
    out
}

fn count_shots(n: usize, out: &mut Vec<Diagnostic>) {
    if n > MAX_SHOTS {
        out.push(
            Diagnostic::error(
                codes::TOO_MANY_SHOTS,
                "/shots",
                format!("the storyboard has {n} shots, more than the limit of {MAX_SHOTS}"),
            )
            .with_help("merge shots, or split the video into several storyboards"),
        );
    }
}

fn count_entities(n: usize, out: &mut Vec<Diagnostic>) {
    if n > MAX_ENTITIES {
        out.push(
            Diagnostic::error(
                codes::TOO_MANY_ENTITIES,
                "/entities",
                format!("the storyboard has {n} entities, more than the limit of {MAX_ENTITIES}"),
            )
            .with_help("treat groups as one `crowd` entity, or drop entities no action uses"),
        );
    }
}

/// Reports the string fields over their limit. The pointer of a field is only built when the
/// field is too long, so the common case allocates nothing.
struct TextLimits<'o> {
    out: &'o mut Vec<Diagnostic>,
}

impl TextLimits<'_> {
    fn field(&mut self, value: &str, limit: usize, pointer: impl FnOnce() -> String) {
        // Bytes bound characters from above: only long strings are counted.
        if value.len() <= limit {
            return;
        }
        let chars = value.chars().count();
        if chars > limit {
            self.out.push(
                Diagnostic::error(
                    codes::TEXT_TOO_LONG,
                    pointer(),
                    format!("the text is {chars} characters long, more than the limit of {limit}"),
                )
                .with_help("shorten it to a phrase or two"),
            );
        }
    }
}

/// Every string field against its limit, in document order.
fn texts(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    let mut t = TextLimits { out };
    t.field(&sb.schema_version, MAX_ID_CHARS, || {
        "/schema_version".into()
    });
    t.field(&sb.title, MAX_TEXT_CHARS, || "/title".into());
    t.field(&sb.style, MAX_TEXT_CHARS, || "/style".into());
    for (i, e) in sb.entities.iter().enumerate() {
        t.field(&e.id, MAX_ID_CHARS, || path::field(&path::entity(i), "id"));
        t.field(&e.description, MAX_TEXT_CHARS, || {
            path::field(&path::entity(i), "description")
        });
    }
    for (s, shot) in sb.shots.iter().enumerate() {
        t.field(&shot.id, MAX_ID_CHARS, || path::field(&path::shot(s), "id"));
        t.field(&shot.setting, MAX_TEXT_CHARS, || {
            path::field(&path::shot(s), "setting")
        });
        t.field(&shot.description, MAX_TEXT_CHARS, || {
            path::field(&path::shot(s), "description")
        });
        for (c, member) in shot.cast.iter().enumerate() {
            t.field(&member.entity, MAX_ID_CHARS, || {
                path::field(&path::cast(s, c), "entity")
            });
            if let Some(anchor) = member.placement.as_ref().and_then(|p| p.anchor.as_ref()) {
                t.field(anchor, MAX_ID_CHARS, || {
                    path::field(&path::field(&path::cast(s, c), "placement"), "anchor")
                });
            }
        }
        for (c, mv) in shot.camera.iter().enumerate() {
            if let Some(target) = &mv.target {
                t.field(target, MAX_ID_CHARS, || {
                    path::field(&path::camera(s, c), "target")
                });
            }
        }
        for (a, action) in shot.actions.iter().enumerate() {
            let at = |name: &str| path::field(&path::action(s, a), name);
            t.field(&action.entity, MAX_ID_CHARS, || at("entity"));
            t.field(&action.verb, MAX_TEXT_CHARS, || at("verb"));
            t.field(&action.description, MAX_TEXT_CHARS, || at("description"));
            for (name, state) in [
                ("state_from", &action.state_from),
                ("state_to", &action.state_to),
            ] {
                if let Some(state) = state {
                    t.field(state, MAX_TEXT_CHARS, || at(name));
                }
            }
            for (name, placement) in [("from", &action.from), ("to", &action.to)] {
                if let Some(anchor) = placement.as_ref().and_then(|pl| pl.anchor.as_ref()) {
                    t.field(anchor, MAX_ID_CHARS, || path::field(&at(name), "anchor"));
                }
            }
            if let Some(object) = &action.object {
                let of = |name: &str| path::field(&at("object"), name);
                t.field(&object.entity, MAX_ID_CHARS, || of("entity"));
                for (name, state) in [
                    ("state_from", &object.state_from),
                    ("state_to", &object.state_to),
                ] {
                    if let Some(state) = state {
                        t.field(state, MAX_TEXT_CHARS, || of(name));
                    }
                }
                if let Some(anchor) = object.to.as_ref().and_then(|pl| pl.anchor.as_ref()) {
                    t.field(anchor, MAX_ID_CHARS, || path::field(&of("to"), "anchor"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    #[test]
    fn panda_is_within_limits() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn too_many_shots_is_one_error_without_string_scan() {
        let mut sb = panda();
        let shot = sb.shots[0].clone();
        sb.shots = vec![shot; 10_000];
        sb.shots[9_999].description = "x".repeat(10_000);
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0101"]);
        assert_eq!(out[0].path, "/shots");
    }

    #[test]
    fn over_an_hour_is_rejected() {
        let mut sb = panda();
        sb.duration_s = 7200.0;
        assert_eq!(codes(&run_pass(run, &sb)), ["E0102"]);
    }

    #[test]
    fn long_text_and_long_id_are_rejected_with_their_pointer() {
        let mut sb = panda();
        sb.shots[0].actions[1].description = "é".repeat(MAX_TEXT_CHARS + 1);
        sb.entities[0].id = "p".repeat(MAX_ID_CHARS + 1);
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0105", "E0105"]);
        assert_eq!(out[0].path, "/entities/0/id");
        assert_eq!(out[1].path, "/shots/0/actions/1/description");
    }

    #[test]
    fn multibyte_text_at_the_limit_passes() {
        let mut sb = panda();
        sb.title = "é".repeat(MAX_TEXT_CHARS);
        assert!(run_pass(run, &sb).is_empty());
    }

    #[test]
    fn too_many_actions_in_a_shot() {
        let mut sb = panda();
        let action = sb.shots[0].actions[0].clone();
        sb.shots[0].actions = vec![action; MAX_ITEMS_PER_SHOT + 1];
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0104"]);
        assert_eq!(out[0].path, "/shots/0/actions");
    }

    #[test]
    fn document_size_is_checked_on_raw_json() {
        let shots = vec![serde_json::json!({}); MAX_SHOTS + 1];
        let out = check_document_size(&serde_json::json!({"shots": shots}));
        assert_eq!(codes(&out), ["E0101"]);
    }
}
