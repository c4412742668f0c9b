//! Random and adversarial storyboards (NaN, infinities, negative and huge times, empty and
//! overlong strings, dangling ids, casts with odd windows and duplicates, counts of 0 and
//! thousands, affected objects) never panic the checker or the fixes; every diagnostic
//! points at a value that exists; and fix() followed by check() never reports an error that
//! fix() claims to have fixed.

use proptest::prelude::*;
use scenec::check::{Severity, check_value, codes, fix};
use scenec::ir::{
    Action, Affected, Angle, CameraMove, CastMember, Direction, Entity, EntityKind, Framing,
    MoveKind, Placement, Region, Relation, Shot, Speed, Storyboard, Transition,
};

fn time() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..10.0f64,
        2 => -2.0..12.0f64,
        1 => Just(0.0),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(1e308),
        1 => Just(-1e-300),
        1 => Just(5000.0),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z ]{0,20}",
        1 => Just(String::new()),
        1 => Just(" ".to_owned()),
        1 => Just("é".repeat(2500)),
    ]
}

/// Ids from a small pool so references sometimes resolve and sometimes dangle.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("panda".to_owned()),
        Just("fox".to_owned()),
        Just("tree".to_owned()),
        Just(String::new()),
        Just("x".repeat(70)),
    ]
}

fn pick<T: Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

const KINDS: &[EntityKind] = &[
    EntityKind::Character,
    EntityKind::Animal,
    EntityKind::Object,
    EntityKind::Structure,
];
const REGIONS: &[Region] = &[
    Region::Left,
    Region::Center,
    Region::Right,
    Region::Top,
    Region::Background,
];
const RELATIONS: &[Relation] = &[
    Relation::LeftOf,
    Relation::Behind,
    Relation::OnTopOf,
    Relation::NextTo,
];
const VERBS: &[&str] = &["walk", "run", "wave", "turn", "fly", "melt", ""];

fn placement() -> impl Strategy<Value = Option<Placement>> {
    proptest::option::of(
        (
            proptest::option::of(pick(REGIONS)),
            proptest::option::of(pick(RELATIONS)),
            proptest::option::of(id()),
        )
            .prop_map(|(region, relation, anchor)| Placement {
                region,
                relation,
                anchor,
            }),
    )
}

fn state() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(prop_oneof![Just("red".to_owned()), Just("blue".to_owned())])
}

fn affected() -> impl Strategy<Value = Option<Affected>> {
    proptest::option::of((id(), placement(), state(), state()).prop_map(
        |(entity, to, state_from, state_to)| Affected {
            entity,
            to,
            state_from,
            state_to,
        },
    ))
}

fn cast_member() -> impl Strategy<Value = CastMember> {
    (
        id(),
        placement(),
        proptest::option::of(time()),
        proptest::option::of(time()),
    )
        .prop_map(|(entity, placement, enter_s, exit_s)| CastMember {
            entity,
            placement,
            enter_s,
            exit_s,
        })
}

fn action() -> impl Strategy<Value = Action> {
    (
        id(),
        pick(VERBS),
        text(),
        time(),
        time(),
        placement(),
        placement(),
        state(),
        state(),
        affected(),
    )
        .prop_map(
            |(
                entity,
                verb,
                description,
                start_s,
                end_s,
                from,
                to,
                state_from,
                state_to,
                object,
            )| Action {
                entity,
                verb: verb.to_owned(),
                description,
                start_s,
                end_s,
                from,
                to,
                state_from,
                state_to,
                object,
            },
        )
}

fn camera_move() -> impl Strategy<Value = CameraMove> {
    (
        pick(&MoveKind::ALL),
        proptest::option::of(pick(&Direction::ALL)),
        time(),
        time(),
        proptest::option::of(id()),
    )
        .prop_map(|(kind, direction, start_s, end_s, target)| CameraMove {
            kind,
            direction,
            speed: Speed::Medium,
            start_s,
            end_s,
            target,
        })
}

fn shot() -> impl Strategy<Value = Shot> {
    (
        prop_oneof![
            Just("s1".to_owned()),
            Just("s2".to_owned()),
            Just(String::new())
        ],
        time(),
        text(),
        text(),
        proptest::collection::vec(cast_member(), 0..4),
        proptest::collection::vec(camera_move(), 0..4),
        proptest::collection::vec(action(), 0..6),
    )
        .prop_map(
            |(id, duration_s, setting, description, cast, camera, actions)| Shot {
                id,
                duration_s,
                setting,
                description,
                framing: Framing::Wide,
                angle: Angle::EyeLevel,
                cast,
                camera,
                actions,
                transition: Transition::Cut,
            },
        )
}

fn storyboard() -> impl Strategy<Value = Storyboard> {
    (
        prop_oneof![2 => Just("1".to_owned()), 3 => Just("2".to_owned()), 1 => Just("3".to_owned())],
        text(),
        prop_oneof![time(), Just(8.0), Just(7200.0)],
        proptest::collection::vec(
            (id(), pick(KINDS), text(), prop_oneof![4 => Just(1u32), 1 => 0..4u32, 1 => Just(5000u32)])
                .prop_map(|(id, kind, description, count)| Entity {
                    id,
                    kind,
                    description,
                    count,
                }),
            0..4,
        ),
        proptest::collection::vec(shot(), 0..4),
    )
        .prop_map(
            |(schema_version, title, duration_s, entities, shots)| Storyboard {
                schema_version,
                title,
                duration_s,
                style: String::new(),
                entities,
                shots,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn checking_and_fixing_never_panic_and_fixes_hold(sb in storyboard()) {
        let before = scenec::check(&sb);
        let mut fixed_sb = sb.clone();
        let fixed = fix(&mut fixed_sb);
        let after = scenec::check(&fixed_sb);
        prop_assert!(fixed.iter().all(|d| d.severity == Severity::Fixed));
        prop_assert!(before.iter().chain(&after).all(|d| d.severity != Severity::Fixed));
        for f in &fixed {
            let back = after.iter().find(|d| d.is_error() && d.code == f.code && d.path == f.path);
            prop_assert!(back.is_none(), "fix claimed {} at {} but check reports {:?}", f.code, f.path, back);
        }
        if fixed.iter().any(|d| d.code == codes::DURATIONS_MISMATCH) {
            prop_assert!(after.iter().all(|d| d.code != codes::DURATIONS_MISMATCH));
        }
        // A fixed storyboard needs no further fixing.
        let mut again = fixed_sb.clone();
        prop_assert_eq!(fix(&mut again), Vec::new());
    }

    #[test]
    fn every_pointer_leads_to_a_value(sb in storyboard()) {
        let mut fixed_sb = sb.clone();
        let fixed = fix(&mut fixed_sb);
        let doc = serde_json::to_value(&sb).unwrap_or_default();
        let fixed_doc = serde_json::to_value(&fixed_sb).unwrap_or_default();
        for d in scenec::check(&sb) {
            prop_assert!(doc.pointer(&d.path).is_some(), "{} at {} leads nowhere", d.code, d.path);
        }
        for d in fixed {
            prop_assert!(fixed_doc.pointer(&d.path).is_some(), "{} at {} leads nowhere", d.code, d.path);
        }
    }

    #[test]
    fn check_value_never_panics_on_serialized_storyboards(sb in storyboard()) {
        let doc = serde_json::to_value(&sb).unwrap_or_default();
        let checked = check_value(&doc);
        prop_assert!(checked.storyboard.is_some() || checked.diagnostics.iter().any(|d| d.is_error()));
    }
}
