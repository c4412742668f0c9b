//! Properties of the lowering over generated storyboards: clip lengths obey their rule,
//! boxes stay in [0, 1], keyframe frames strictly increase, every pose has an orthonormal
//! rotation; a left→right path moves the box right, a pan left moves world points right in
//! the image, a zoom in enlarges boxes.

use proptest::prelude::*;
use scenec::backend;
use scenec::check::CheckedStoryboard;
use scenec::ir::{
    Action, Angle, CameraMove, CastMember, Direction, Easing, Entity, EntityKind, Framing,
    KeyframePlan, MoveKind, Placement, Region, Relation, SCHEMA_VERSION, Shot, Speed, Storyboard,
    Transition,
};
use scenec::lower::{LowerOptions, lower};
use scenec::target;

const KINDS: [EntityKind; 7] = [
    EntityKind::Character,
    EntityKind::Animal,
    EntityKind::Object,
    EntityKind::Vehicle,
    EntityKind::Structure,
    EntityKind::Crowd,
    EntityKind::Effect,
];
const FRAMINGS: [Framing; 8] = [
    Framing::ExtremeWide,
    Framing::Wide,
    Framing::Full,
    Framing::MediumWide,
    Framing::Medium,
    Framing::MediumCloseUp,
    Framing::CloseUp,
    Framing::ExtremeCloseUp,
];
const ANGLES: [Angle; 6] = [
    Angle::EyeLevel,
    Angle::High,
    Angle::Low,
    Angle::Overhead,
    Angle::Dutch,
    Angle::WormsEye,
];
const SPEEDS: [Speed; 3] = [Speed::Slow, Speed::Medium, Speed::Fast];
const REGIONS: [Region; 13] = [
    Region::Left,
    Region::Center,
    Region::Right,
    Region::Top,
    Region::Bottom,
    Region::TopLeft,
    Region::TopRight,
    Region::BottomLeft,
    Region::BottomRight,
    Region::Foreground,
    Region::Background,
    Region::OffscreenLeft,
    Region::OffscreenRight,
];
const RELATIONS: [Relation; 9] = [
    Relation::LeftOf,
    Relation::RightOf,
    Relation::InFrontOf,
    Relation::Behind,
    Relation::Above,
    Relation::Below,
    Relation::OnTopOf,
    Relation::Inside,
    Relation::NextTo,
];
const EASINGS: [Easing; 4] = [
    Easing::Linear,
    Easing::EaseIn,
    Easing::EaseOut,
    Easing::EaseInOut,
];

fn entity_id(i: usize) -> String {
    format!("e{i}")
}

fn placement(n_entities: usize) -> impl Strategy<Value = Option<Placement>> {
    prop_oneof![
        Just(None),
        (0..REGIONS.len()).prop_map(|r| Some(Placement {
            region: Some(REGIONS[r]),
            relation: None,
            anchor: None,
        })),
        (0..RELATIONS.len(), 0..n_entities).prop_map(|(r, a)| Some(Placement {
            region: None,
            relation: Some(RELATIONS[r]),
            anchor: Some(entity_id(a)),
        })),
    ]
}

fn interval(duration: f64) -> impl Strategy<Value = (f64, f64)> {
    (0.0..1.0f64, 0.0..1.0f64).prop_map(move |(a, b)| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let start = (lo * duration * 100.0).round() / 100.0;
        let end = ((hi * duration * 100.0).round() / 100.0)
            .max(start + 0.01)
            .min(duration);
        (start.min(end), end)
    })
}

fn camera_move(n_entities: usize, duration: f64) -> impl Strategy<Value = CameraMove> {
    (
        0..MoveKind::ALL.len(),
        proptest::option::of(0..Direction::ALL.len()),
        0..SPEEDS.len(),
        interval(duration),
        proptest::option::of(0..n_entities),
    )
        .prop_map(|(k, d, s, (start_s, end_s), t)| CameraMove {
            kind: MoveKind::ALL[k],
            direction: d.map(|d| Direction::ALL[d]),
            speed: SPEEDS[s],
            start_s,
            end_s,
            target: t.map(entity_id),
        })
}

fn action(n_entities: usize, duration: f64) -> impl Strategy<Value = Action> {
    (
        0..n_entities,
        interval(duration),
        placement(n_entities),
        placement(n_entities),
        proptest::option::of(Just(("green".to_string(), "red".to_string()))),
    )
        .prop_map(|(e, (start_s, end_s), from, to, state)| Action {
            entity: entity_id(e),
            verb: "move".into(),
            description: "moves".into(),
            start_s,
            end_s,
            from,
            to,
            state_from: state.as_ref().map(|s| s.0.clone()),
            state_to: state.map(|s| s.1),
            object: None,
        })
}

fn shot(i: usize, n_entities: usize) -> impl Strategy<Value = Shot> {
    (0.5..12.0f64)
        .prop_map(|d| (d * 10.0).round() / 10.0)
        .prop_flat_map(move |duration| {
            (
                Just(duration),
                0..FRAMINGS.len(),
                0..ANGLES.len(),
                proptest::collection::vec(camera_move(n_entities, duration), 0..3),
                proptest::collection::vec(action(n_entities, duration), 0..4),
                proptest::collection::vec(window(duration), n_entities),
            )
        })
        .prop_map(move |(duration_s, f, a, camera, actions, windows)| Shot {
            id: format!("s{}", i + 1),
            duration_s,
            setting: "a test stage".into(),
            description: "Something happens.".into(),
            framing: FRAMINGS[f],
            angle: ANGLES[a],
            cast: windows
                .into_iter()
                .enumerate()
                .filter_map(|(e, w)| {
                    w.map(|(placement, enter_s, exit_s)| CastMember {
                        entity: entity_id(e),
                        placement,
                        enter_s,
                        exit_s,
                    })
                })
                .collect(),
            camera,
            actions,
            transition: Transition::Cut,
        })
}

/// A cast entry's placement and enter/exit times in a shot of `duration`, or `None` for an
/// entity left out of the cast (the actors are added after).
#[allow(clippy::type_complexity)]
fn window(
    duration: f64,
) -> impl Strategy<Value = Option<(Option<Placement>, Option<f64>, Option<f64>)>> {
    proptest::option::of((
        placement(1),
        proptest::option::of(0.0..0.5f64),
        proptest::option::of(0.5..1.0f64),
    ))
    .prop_map(move |w| {
        w.map(|(placement, enter, exit)| {
            let at = |u: f64| (u * duration * 100.0).round() / 100.0;
            (placement, enter.map(at), exit.map(at))
        })
    })
}

fn storyboard() -> impl Strategy<Value = Storyboard> {
    (1usize..4, 1usize..4)
        .prop_flat_map(|(n_entities, n_shots)| {
            let shots: Vec<_> = (0..n_shots).map(|i| shot(i, n_entities)).collect();
            (
                proptest::collection::vec((0..KINDS.len(), 1u32..5), n_entities),
                shots,
            )
        })
        .prop_map(|(kinds, shots)| {
            let mut sb = Storyboard {
                schema_version: SCHEMA_VERSION.into(),
                title: "generated".into(),
                duration_s: shots.iter().map(|s| s.duration_s).sum(),
                style: "test style".into(),
                entities: kinds
                    .iter()
                    .enumerate()
                    .map(|(i, &(k, count))| Entity {
                        id: entity_id(i),
                        kind: KINDS[k],
                        description: format!("test entity number {i}"),
                        count,
                    })
                    .collect(),
                shots,
            };
            add_missing_actors(&mut sb);
            sb
        })
}

/// Puts every actor, anchor and camera target a shot's cast leaves out into it, as the
/// checker's fix does, so the generated storyboards are valid version 2 ones.
fn add_missing_actors(sb: &mut Storyboard) {
    for shot in &mut sb.shots {
        let mut named: Vec<String> = Vec::new();
        for a in &shot.actions {
            named.push(a.entity.clone());
            named.extend(
                [&a.from, &a.to]
                    .into_iter()
                    .flatten()
                    .filter_map(|p| p.anchor.clone()),
            );
        }
        named.extend(shot.camera.iter().filter_map(|m| m.target.clone()));
        for id in named {
            if shot.cast_member(&id).is_none() {
                shot.cast.push(CastMember {
                    entity: id,
                    placement: None,
                    enter_s: None,
                    exit_s: None,
                });
            }
        }
    }
}

fn assert_rotation_orthonormal(pose: &[[f64; 4]; 3]) {
    for i in 0..3 {
        for j in 0..3 {
            let dot: f64 = (0..3).map(|k| pose[i][k] * pose[j][k]).sum();
            let want = if i == j { 1.0 } else { 0.0 };
            assert!((dot - want).abs() < 1e-4, "R·Rᵀ[{i}][{j}] = {dot}");
        }
    }
    let r = |i: usize, j: usize| pose[i][j];
    let det = r(0, 0) * (r(1, 1) * r(2, 2) - r(1, 2) * r(2, 1))
        - r(0, 1) * (r(1, 0) * r(2, 2) - r(1, 2) * r(2, 0))
        + r(0, 2) * (r(1, 0) * r(2, 1) - r(1, 1) * r(2, 0));
    assert!((det - 1.0).abs() < 1e-4, "det R = {det}");
}

fn assert_plan_invariants(plan: &KeyframePlan, name: &str) {
    let profile = backend::by_name(name).expect("backend").profile();
    for pair in plan.keyframes.windows(2) {
        assert!(
            pair[0].frame < pair[1].frame,
            "keyframe frames strictly increase"
        );
    }
    for k in &plan.keyframes {
        assert!(k.frame < plan.total_frames);
        for e in &k.entities {
            assert!(
                e.bbox.iter().all(|v| (0.0..=1.0).contains(v)),
                "{:?}",
                e.bbox
            );
            assert!(e.bbox[0] <= e.bbox[2] && e.bbox[1] <= e.bbox[3]);
        }
        assert_rotation_orthonormal(&k.camera.pose);
        assert!(k.camera.fx > 0.0 && k.camera.fy > 0.0);
    }
    for c in &plan.clips {
        assert!(
            profile.frame_rule.accepts(c.num_frames),
            "{name}: {}",
            c.num_frames
        );
        if let Some(max) = profile.max_frames {
            assert!(c.num_frames <= max);
        }
        assert_eq!(plan.keyframes[c.first_keyframe].frame, c.start_frame);
    }
    for pair in plan.clips.windows(2) {
        if pair[0].shot == pair[1].shot {
            assert_eq!(
                pair[0].start_frame + pair[0].num_frames - 1,
                pair[1].start_frame,
                "continuity"
            );
            assert_eq!(pair[0].last_keyframe, pair[1].first_keyframe);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_backend_plan_keeps_its_invariants(sb in storyboard(), e in 0..EASINGS.len()) {
        let sb = fixed_and_checked(sb).expect("every generated storyboard can be made clean");
        let options = LowerOptions { easing: EASINGS[e], ..LowerOptions::default() };
        for name in backend::NAMES {
            let target = backend::by_name(name).expect("backend");
            let plan = lower(&sb, &target.profile(), &options).expect("lowers");
            assert_plan_invariants(&plan, name);
            target.emit(&plan).expect("emits");
        }
    }

    #[test]
    fn every_cast_instance_has_an_entry_in_every_keyframe_of_its_shot(sb in storyboard()) {
        let sb = fixed_and_checked(sb).expect("every generated storyboard can be made clean");
        let profile = backend::by_name("generic").expect("backend").profile();
        let plan = lower(&sb, &profile, &LowerOptions::default()).expect("lowers");
        for k in &plan.keyframes {
            let shot = sb.shots.iter().find(|s| s.id == k.shot).expect("shot");
            let t = k.time_s - plan.shots.iter().find(|s| s.id == k.shot).map_or(0.0, |s| f64::from(s.start_frame) / f64::from(plan.fps));
            for c in &shot.cast {
                let count = sb.entity(&c.entity).map_or(1, |e| e.count);
                let entries: Vec<_> = k.entities.iter().filter(|e| e.id == c.entity).collect();
                prop_assert_eq!(entries.len() as u32, count, "{} at frame {}", &c.entity, k.frame);
                if count > 1 {
                    let instances: Vec<u32> = entries.iter().filter_map(|e| e.instance).collect();
                    prop_assert_eq!(instances, (0..count).collect::<Vec<_>>());
                }
                let half_frame = 1.5 / f64::from(plan.fps);
                let before = c.enter_s.is_some_and(|enter| t < enter - half_frame);
                let after = c.exit_s.is_some_and(|exit| t > exit + half_frame);
                if before || after {
                    prop_assert!(entries.iter().all(|e| !e.visible), "{} visible off its window at {t}", &c.entity);
                }
            }
        }
    }

    #[test]
    fn a_left_to_right_path_moves_the_box_centre_right(
        duration in 1.0..15.0f64,
        f in 0..2usize,
        k in 0..KINDS.len(),
        e in 0..EASINGS.len(),
    ) {
        let sb = single_shot(duration, FRAMINGS[f], KINDS[k], vec![], Some((Region::Left, Region::Right)));
        let options = LowerOptions { easing: EASINGS[e], ..LowerOptions::default() };
        let plan = lower(&checked(sb.clone()), &target::GENERIC, &options).expect("lowers");
        let centres: Vec<f64> = plan.keyframes.iter().map(|k| (k.entities[0].bbox[0] + k.entities[0].bbox[2]) / 2.0).collect();
        for pair in centres.windows(2) {
            prop_assert!(pair[1] >= pair[0] - 1e-9, "{centres:?}");
        }
        prop_assert!(centres[centres.len() - 1] > centres[0] + 1e-3, "{centres:?}");
    }

    #[test]
    fn a_pan_left_moves_world_points_right_in_the_image(duration in 0.5..10.0f64, s in 0..SPEEDS.len()) {
        let pan = camera(MoveKind::Pan, Direction::Left, SPEEDS[s], duration);
        let sb = single_shot(duration, Framing::Wide, EntityKind::Character, vec![pan], None);
        let plan = lower(&checked(sb.clone()), &target::GENERIC, &LowerOptions::default()).expect("lowers");
        // A world point 5 m straight ahead of the starting camera, projected with each pose.
        let u = |k: &scenec::ir::Keyframe| {
            let p = k.camera.pose;
            let x = p[0][2] * 5.0 + p[0][3];
            let z = p[2][2] * 5.0 + p[2][3];
            0.5 + k.camera.fx * x / z
        };
        let first = u(&plan.keyframes[0]);
        let last = u(&plan.keyframes[plan.keyframes.len() - 1]);
        prop_assert!((first - 0.5).abs() < 1e-9);
        prop_assert!(last > first, "{first} → {last}");
        // The subject's box moves right too, until it leaves the frame.
        let visible: Vec<f64> = plan
            .keyframes
            .iter()
            .filter(|k| k.entities[0].visible)
            .map(|k| (k.entities[0].bbox[0] + k.entities[0].bbox[2]) / 2.0)
            .collect();
        for pair in visible.windows(2) {
            prop_assert!(pair[1] >= pair[0], "{visible:?}");
        }
        prop_assert!(visible.len() < plan.keyframes.len() || visible[visible.len() - 1] > visible[0], "{visible:?}");
    }

    #[test]
    fn a_zoom_in_enlarges_boxes(duration in 0.5..10.0f64, s in 0..SPEEDS.len(), k in 0..KINDS.len()) {
        let zoom = camera(MoveKind::Zoom, Direction::In, SPEEDS[s], duration);
        let sb = single_shot(duration, Framing::ExtremeWide, KINDS[k], vec![zoom], None);
        let options = LowerOptions { keyframe_interval_s: 0.1, ..LowerOptions::default() };
        let plan = lower(&checked(sb.clone()), &target::GENERIC, &options).expect("lowers");
        // Box heights while the box is wholly inside the frame (clipping shrinks it after).
        let inside = |b: &[f64; 4]| b[0] > 0.0 && b[1] > 0.0 && b[2] < 1.0 && b[3] < 1.0;
        let heights: Vec<f64> = plan
            .keyframes
            .iter()
            .map(|k| k.entities[0].bbox)
            .take_while(inside)
            .map(|b| b[3] - b[1])
            .collect();
        prop_assert!(heights.len() >= 2, "{heights:?}");
        for pair in heights.windows(2) {
            prop_assert!(pair[1] >= pair[0] - 1e-3, "{heights:?}");
        }
        prop_assert!(heights[heights.len() - 1] > heights[0], "{heights:?}");
        prop_assert!(plan.keyframes[plan.keyframes.len() - 1].camera.fx > plan.keyframes[0].camera.fx);
    }
}

fn camera(kind: MoveKind, direction: Direction, speed: Speed, duration: f64) -> CameraMove {
    CameraMove {
        kind,
        direction: Some(direction),
        speed,
        start_s: 0.0,
        end_s: duration,
        target: None,
    }
}

/// The generated storyboard made clean: the checker's fixes, then each action or camera move
/// an error points into (two moves of one entity at once, a pan up, an entity placed relative
/// to itself) removed, until the checker accepts it. `None` when an error points elsewhere.
fn fixed_and_checked(mut sb: Storyboard) -> Option<CheckedStoryboard> {
    scenec::check::fix(&mut sb);
    loop {
        match scenec::check::accept(sb) {
            Ok((checked, _)) => return Some(checked),
            Err(rejected) => {
                sb = *rejected.storyboard;
                let error = rejected.diagnostics.iter().find(|d| d.is_error())?;
                let parts: Vec<&str> = error.path.split('/').collect();
                let (shot, list, item) = match parts.as_slice() {
                    ["", "shots", shot, list, item, ..] => (shot, *list, item),
                    _ => return None,
                };
                let shot = sb.shots.get_mut(shot.parse::<usize>().ok()?)?;
                let item = item.parse::<usize>().ok()?;
                match list {
                    "actions" if item < shot.actions.len() => {
                        shot.actions.remove(item);
                    }
                    "camera" if item < shot.camera.len() => {
                        shot.camera.remove(item);
                    }
                    "cast" if item < shot.cast.len() => {
                        shot.cast.remove(item);
                    }
                    _ => return None,
                }
            }
        }
    }
}

/// `sb`, which must be clean, checked.
fn checked(sb: Storyboard) -> CheckedStoryboard {
    match scenec::check::accept(sb) {
        Ok((checked, _)) => checked,
        Err(rejected) => panic!("{rejected}"),
    }
}

fn single_shot(
    duration: f64,
    framing: Framing,
    kind: EntityKind,
    camera: Vec<CameraMove>,
    path: Option<(Region, Region)>,
) -> Storyboard {
    let region = |r| Placement {
        region: Some(r),
        relation: None,
        anchor: None,
    };
    let (from, to) = path.unwrap_or((Region::Center, Region::Center));
    Storyboard {
        schema_version: SCHEMA_VERSION.into(),
        title: "t".into(),
        duration_s: duration,
        style: String::new(),
        entities: vec![Entity {
            id: "a".into(),
            kind,
            description: "a subject".into(),
            count: 1,
        }],
        shots: vec![Shot {
            id: "s1".into(),
            duration_s: duration,
            setting: "a stage".into(),
            description: "x".into(),
            framing,
            angle: Angle::EyeLevel,
            cast: vec![CastMember {
                entity: "a".into(),
                placement: Some(region(from)),
                enter_s: None,
                exit_s: None,
            }],
            camera,
            actions: vec![Action {
                entity: "a".into(),
                verb: "walk".into(),
                description: "walks".into(),
                start_s: 0.0,
                end_s: duration,
                from: Some(region(from)),
                to: Some(region(to)),
                state_from: None,
                state_to: None,
                object: None,
            }],
            transition: Transition::Cut,
        }],
    }
}

#[test]
fn a_state_change_shows_the_first_state_first_and_the_second_last() {
    let text = include_str!("fixtures/storyboards/apple_ripens.json");
    let sb: Storyboard = serde_json::from_str(text).expect("fixture");
    for name in backend::NAMES {
        let plan = lower(
            &checked(sb.clone()),
            &backend::by_name(name).expect("b").profile(),
            &LowerOptions::default(),
        )
        .expect("lowers");
        let first = &plan.keyframes[0].prompt;
        let last = &plan.keyframes[plan.keyframes.len() - 1].prompt;
        assert!(
            first.contains("green") && !first.contains("red"),
            "{name}: {first}"
        );
        assert!(
            last.contains("red") && !last.contains("green"),
            "{name}: {last}"
        );
        assert_eq!(
            plan.keyframes[0].entities[0].state.as_deref(),
            Some("green")
        );
        assert_eq!(
            plan.keyframes[plan.keyframes.len() - 1].entities[0]
                .state
                .as_deref(),
            Some("red")
        );
    }
}

#[test]
fn identity_words_repeat_in_every_keyframe_and_shot() {
    let text = include_str!("fixtures/storyboards/multi_shot_cuts.json");
    let sb: Storyboard = serde_json::from_str(text).expect("fixture");
    let plan = lower(
        &checked(sb.clone()),
        &target::GENERIC,
        &LowerOptions::default(),
    )
    .expect("lowers");
    for k in plan.keyframes.iter().filter(|k| k.shot != "s2") {
        assert!(
            k.prompt
                .contains("tall chef in a white jacket and black apron"),
            "{}",
            k.prompt
        );
    }
}

#[test]
fn long_prompts_are_trimmed_to_the_budget_at_word_boundaries() {
    let words = "an elderly lighthouse keeper with a thick white beard, a weathered navy peacoat, \
                 brass buttons, round spectacles, a knitted grey scarf and heavy leather boots";
    let mut sb = single_shot(4.0, Framing::Medium, EntityKind::Character, vec![], None);
    sb.entities[0].description = format!("{words}, {words}");
    sb.style = "moody 35mm film photography with heavy grain, teal and amber grading".into();
    let full = lower(
        &checked(sb.clone()),
        &target::GENERIC,
        &LowerOptions::default(),
    )
    .expect("lowers");
    let source: std::collections::HashSet<String> = full
        .keyframes
        .iter()
        .flat_map(|k| k.prompt.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let clip = backend::by_name("comfy-schedule").expect("b").profile();
    let plan = lower(&checked(sb.clone()), &clip, &LowerOptions::default()).expect("lowers");
    for k in &plan.keyframes {
        assert!(scenec::lower::tokens::estimate(clip.tokenizer, &k.prompt) <= 77);
        assert!(k.prompt.len() < full.keyframes[0].prompt.len());
        assert!(
            k.prompt
                .to_lowercase()
                .starts_with("an elderly lighthouse keeper"),
            "{}",
            k.prompt
        );
        for w in k.prompt.split_whitespace() {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            assert!(
                source.contains(&w),
                "`{w}` is not a whole word of the untrimmed prompt"
            );
        }
    }
}
