//! check + lower + emit for a 12-shot, 60-second storyboard at 24 fps (the HunyuanVideo
//! profile), plus the same for every backend.

use scenec::backend::{Backend, Hunyuan, by_name};
use scenec::ir::{
    Action, Angle, CameraMove, CastMember, Direction, Entity, EntityKind, Framing, MoveKind,
    Placement, Region, SCHEMA_VERSION, Shot, Speed, Storyboard, Transition,
};
use scenec::lower::{LowerOptions, lower};

fn main() {
    divan::main();
}

/// Twelve 5-second shots: a walk across the frame with a state change, and a camera move
/// that cycles through pan, dolly, orbit and crane; a cast of four entities, one of them
/// three pigeons (a count of 3).
fn storyboard() -> Storyboard {
    let moves = [
        (MoveKind::Pan, Direction::Left),
        (MoveKind::Dolly, Direction::In),
        (MoveKind::Orbit, Direction::Clockwise),
        (MoveKind::Crane, Direction::Up),
    ];
    let region = |r| Placement {
        region: Some(r),
        relation: None,
        anchor: None,
    };
    let member = |id: &str, placement| CastMember {
        entity: id.into(),
        placement,
        enter_s: None,
        exit_s: None,
    };
    let shots = (0..12)
        .map(|i| {
            let (kind, direction) = moves[i % moves.len()];
            Shot {
                id: format!("s{}", i + 1),
                duration_s: 5.0,
                setting: "a rain-soaked neon street at night".into(),
                description: "The courier crosses the street with the parcel.".into(),
                framing: Framing::Full,
                angle: Angle::EyeLevel,
                cast: vec![
                    member("courier", Some(region(Region::Left))),
                    member("parcel", None),
                    member("pigeons", Some(region(Region::TopRight))),
                    member("lamp_post", Some(region(Region::Background))),
                ],
                camera: vec![CameraMove {
                    kind,
                    direction: Some(direction),
                    speed: Speed::Medium,
                    start_s: 0.5,
                    end_s: 4.5,
                    target: Some("courier".into()),
                }],
                actions: vec![
                    Action {
                        entity: "courier".into(),
                        verb: "walk".into(),
                        description: "walks from left to right".into(),
                        start_s: 0.0,
                        end_s: 3.0,
                        from: Some(region(Region::Left)),
                        to: Some(region(Region::Right)),
                        state_from: None,
                        state_to: None,
                        object: None,
                    },
                    Action {
                        entity: "parcel".into(),
                        verb: "glow".into(),
                        description: "glows brighter".into(),
                        start_s: 3.0,
                        end_s: 5.0,
                        from: None,
                        to: None,
                        state_from: Some("dim".into()),
                        state_to: Some("glowing blue".into()),
                        object: None,
                    },
                ],
                transition: Transition::Cut,
            }
        })
        .collect();
    Storyboard {
        schema_version: SCHEMA_VERSION.into(),
        title: "Night delivery".into(),
        duration_s: 60.0,
        style: "cinematic neo-noir, anamorphic lens flares".into(),
        entities: vec![
            Entity {
                id: "courier".into(),
                kind: EntityKind::Character,
                description: "a young courier in a yellow raincoat".into(),
                count: 1,
            },
            Entity {
                id: "parcel".into(),
                kind: EntityKind::Object,
                description: "a small cardboard parcel".into(),
                count: 1,
            },
            Entity {
                id: "pigeons".into(),
                kind: EntityKind::Animal,
                description: "a grey city pigeon".into(),
                count: 3,
            },
            Entity {
                id: "lamp_post".into(),
                kind: EntityKind::Structure,
                description: "a cast-iron lamp post".into(),
                count: 1,
            },
        ],
        shots,
    }
}

#[divan::bench]
fn check_lower_emit_hunyuan_12_shots_60s(bencher: divan::Bencher) {
    let storyboard = storyboard();
    let backend = Hunyuan;
    let options = LowerOptions::default();
    bencher
        .with_inputs(|| storyboard.clone())
        .bench_values(|storyboard| {
            let (checked, warnings) = scenec::check::accept(divan::black_box(storyboard)).ok()?;
            let plan = lower(&checked, &backend.profile(), &options).ok()?;
            let payload = backend.emit(&plan).ok()?;
            Some((warnings, payload))
        });
}

#[divan::bench(args = ["generic", "wan", "ltx", "cogvideox", "deforum", "comfy-schedule", "cameractrl"])]
fn lower_emit_by_backend(bencher: divan::Bencher, name: &str) {
    let Ok((storyboard, _)) = scenec::check::accept(storyboard()) else {
        return;
    };
    let Some(backend) = by_name(name) else {
        return;
    };
    let options = LowerOptions::default();
    bencher.bench(|| {
        let plan = lower(divan::black_box(&storyboard), &backend.profile(), &options).ok()?;
        backend.emit(&plan).ok()
    });
}
