//! Camera directions (E08xx): each move has the directions it can go (a pan turns left or
//! right, a tilt up or down, a zoom in or out); moves that need a direction or a target
//! should have one.

use crate::check::{Diagnostic, codes, path, text};
use crate::ir::{Direction, MoveKind, Storyboard};

use Direction::{Clockwise, Counterclockwise, Down, In, Left, Out, Right, Up};

/// The directions a move can have; empty for moves that have none.
pub(crate) fn allowed(kind: MoveKind) -> &'static [Direction] {
    match kind {
        MoveKind::Static | MoveKind::Handheld => &[],
        MoveKind::Pan | MoveKind::Truck => &[Left, Right],
        MoveKind::Tilt | MoveKind::Pedestal | MoveKind::Crane => &[Up, Down],
        MoveKind::Zoom | MoveKind::Dolly => &[In, Out],
        MoveKind::Orbit | MoveKind::Roll => &[Left, Right, Clockwise, Counterclockwise],
        MoveKind::Follow => &[Left, Right, In, Out],
    }
}

/// Whether the move means nothing without a direction.
fn needs_direction(kind: MoveKind) -> bool {
    !matches!(
        kind,
        MoveKind::Static | MoveKind::Handheld | MoveKind::Follow
    )
}

/// The move that does go `direction`, keeping rotation as rotation and travel as travel.
fn suggestion(kind: MoveKind, direction: Direction) -> Option<MoveKind> {
    let rotates = matches!(kind, MoveKind::Pan | MoveKind::Tilt | MoveKind::Roll);
    Some(match direction {
        Left | Right if rotates => MoveKind::Pan,
        Left | Right => MoveKind::Truck,
        Up | Down if rotates => MoveKind::Tilt,
        Up | Down => MoveKind::Pedestal,
        In | Out if kind == MoveKind::Zoom => return None,
        In | Out => MoveKind::Dolly,
        Clockwise | Counterclockwise => MoveKind::Roll,
    })
}

/// Reports directions a move cannot have, directional moves without one, and orbits or follows without a target.
pub(crate) fn run(sb: &Storyboard, out: &mut Vec<Diagnostic>) {
    for (s, shot) in sb.shots.iter().enumerate() {
        for (c, mv) in shot.camera.iter().enumerate() {
            let p = path::camera(s, c);
            let kind = text::variant(&mv.kind);
            let ways = allowed(mv.kind);
            match mv.direction {
                Some(d) if !ways.contains(&d) => {
                    let dir = text::variant(&d);
                    let can = if ways.is_empty() {
                        format!("a {kind} has no direction")
                    } else {
                        let names: Vec<String> = ways.iter().map(text::variant).collect();
                        format!("a {kind} goes {}", names.join(" or "))
                    };
                    let mut help = if ways.is_empty() {
                        "set direction to null".to_owned()
                    } else {
                        can.clone()
                    };
                    if let Some(other) = suggestion(mv.kind, d) {
                        help.push_str(&format!("; to go {dir}, use a {}", text::variant(&other)));
                    }
                    out.push(
                        Diagnostic::error(
                            codes::DIRECTION_MISFIT,
                            path::field(&p, "direction"),
                            format!("a {kind} cannot go {dir}: {can}"),
                        )
                        .with_help(help),
                    );
                }
                None if needs_direction(mv.kind) => {
                    let names: Vec<String> = ways.iter().map(text::variant).collect();
                    out.push(
                        Diagnostic::warning(
                            codes::MISSING_DIRECTION,
                            path::field(&p, "direction"),
                            format!("the {kind} has no direction, so which way it goes is a guess"),
                        )
                        .with_help(format!("set direction to {}", names.join(" or "))),
                    );
                }
                _ => {}
            }
            if matches!(mv.kind, MoveKind::Orbit | MoveKind::Follow) && mv.target.is_none() {
                out.push(
                    Diagnostic::warning(
                        codes::MISSING_TARGET,
                        path::field(&p, "target"),
                        format!("the {kind} has no target to keep in view"),
                    )
                    .with_help("set target to the id of the entity the camera circles or follows"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::passes::test_support::{codes, panda, run_pass};

    fn with_move(kind: MoveKind, direction: Option<Direction>) -> Vec<Diagnostic> {
        let mut sb = panda();
        sb.shots[0].camera[0].kind = kind;
        sb.shots[0].camera[0].direction = direction;
        run_pass(run, &sb)
    }

    #[test]
    fn truck_right_fits() {
        assert!(run_pass(run, &panda()).is_empty());
    }

    #[test]
    fn pan_up_suggests_tilt() {
        let out = with_move(MoveKind::Pan, Some(Up));
        assert_eq!(codes(&out), ["E0801"]);
        assert_eq!(out[0].path, "/shots/0/camera/0/direction");
        assert!(
            out[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("use a tilt")
        );
    }

    #[test]
    fn tilt_left_and_zoom_right_misfit() {
        assert_eq!(codes(&with_move(MoveKind::Tilt, Some(Left))), ["E0801"]);
        let zoom = with_move(MoveKind::Zoom, Some(Right));
        assert_eq!(codes(&zoom), ["E0801"]);
        assert!(
            zoom[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("use a truck")
        );
    }

    #[test]
    fn static_with_a_direction_misfits() {
        assert_eq!(codes(&with_move(MoveKind::Static, Some(Left))), ["E0801"]);
        assert!(with_move(MoveKind::Static, None).is_empty());
    }

    #[test]
    fn every_move_accepts_its_own_directions() {
        for kind in MoveKind::ALL {
            for d in allowed(kind) {
                assert!(with_move(kind, Some(*d)).is_empty(), "{kind:?} {d:?}");
            }
        }
    }

    #[test]
    fn pan_without_direction_and_orbit_without_target_warn() {
        assert_eq!(codes(&with_move(MoveKind::Pan, None)), ["W0802"]);
        let mut sb = panda();
        sb.shots[0].camera[0].kind = MoveKind::Orbit;
        sb.shots[0].camera[0].target = None;
        let out = run_pass(run, &sb);
        assert_eq!(codes(&out), ["W0803"]);
        assert_eq!(out[0].path, "/shots/0/camera/0/target");
    }
}
