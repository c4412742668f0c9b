//! Whole-document structure (E02xx): a shot list to lower, a version this crate reads,
//! shots that show something.

use crate::check::{Diagnostic, codes, path};
use crate::ir::{SCHEMA_VERSION, SCHEMA_VERSION_1, Storyboard};

/// Reports an unsupported schema version, an empty shot list and shots that show nothing.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    if sb.schema_version == SCHEMA_VERSION_1 {
        out.push(
            Diagnostic::error(
                codes::UNSUPPORTED_VERSION,
                "/schema_version",
                "a version 1 storyboard was checked without being upgraded to version 2",
            )
            .with_help("upgrade it first: `check::fix` and `check::check_value` do"),
        );
    } else if sb.schema_version != SCHEMA_VERSION {
        out.push(
            Diagnostic::error(
                codes::UNSUPPORTED_VERSION,
                "/schema_version",
                format!(
                    "schema_version is \"{}\", but this scenec reads versions \"{SCHEMA_VERSION_1}\" and \"{SCHEMA_VERSION}\"",
                    sb.schema_version
                ),
            )
            .with_help(format!("set \"schema_version\": \"{SCHEMA_VERSION}\"")),
        );
    }
    if sb.shots.is_empty() {
        out.push(
            Diagnostic::error(
                codes::NO_SHOTS,
                "/shots",
                "the storyboard is empty: it has no shots",
            )
            .with_help("add at least one shot covering the whole duration"),
        );
    }
    for (s, shot) in sb.shots.iter().enumerate() {
        if shot.description.trim().is_empty()
            && shot.setting.trim().is_empty()
            && shot.actions.is_empty()
        {
            out.push(
                Diagnostic::warning(
                    codes::EMPTY_SHOT,
                    path::shot(s),
                    format!(
                        "shot `{}` shows nothing: no description, no setting, no actions",
                        shot.id
                    ),
                )
                .with_help("describe what the shot shows, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    #[test]
    fn panda_is_well_formed() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn no_shots_is_an_error_at_shots() {
        let mut sb = panda();
        sb.shots.clear();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["E0201"]);
        assert_eq!(out[0].path, "/shots");
    }

    #[test]
    fn unknown_version_is_an_error() {
        let mut sb = panda();
        sb.schema_version = "3".into();
        assert_eq!(codes(&run_pass(run, &sb)), ["E0202"]);
        sb.schema_version = "1".into();
        assert_eq!(codes(&run_pass(run, &sb)), ["E0202"]);
    }

    #[test]
    fn a_shot_with_nothing_in_it_is_a_warning() {
        let mut sb = panda();
        let shot = &mut sb.shots[0];
        shot.description = " ".into();
        shot.setting.clear();
        shot.actions.clear();
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["W0203"]);
        assert_eq!(out[0].path, "/shots/0");
    }
}
