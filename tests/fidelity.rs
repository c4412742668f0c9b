//! The fidelity predicates and gate over every prompt of the suites in `tests/eval/`: the
//! heuristic director's storyboard passes its own predicates, and storyboards that drop an
//! entity, change a count, reverse a path, lose a state change or a camera move fail with
//! the code for it. Hand-made cases cover order, entrances, exits and durations.

use std::collections::BTreeMap;
use std::path::PathBuf;

use scenec::director::fidelity::{self, codes};
use scenec::director::{Heuristic, Request};
use scenec::eval::parse_suite;
use scenec::ir::{Claim, Predicate, Region, Storyboard};

/// Every prompt of the three suites.
fn prompts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    ["dev-suite.jsonl", "dev-suite-2.jsonl", "own-suite.jsonl"]
        .iter()
        .flat_map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            parse_suite(&text).unwrap()
        })
        .map(|case| case.prompt)
        .collect()
}

fn analysed(prompt: &str) -> Option<(Storyboard, Vec<Predicate>)> {
    let request = Request::new(prompt);
    let storyboard = Heuristic.decompose(&request).ok()?;
    Some((storyboard, fidelity::predicates(&request)))
}

fn codes_of(storyboard: &Storyboard, predicates: &[Predicate]) -> Vec<String> {
    fidelity::check(storyboard, predicates)
        .into_iter()
        .map(|d| d.code)
        .collect()
}

fn kind(claim: &Claim) -> &'static str {
    match claim {
        Claim::Entity { .. } => "entity",
        Claim::Order { .. } => "order",
        Claim::Path { .. } => "path",
        Claim::Relation { .. } => "relation",
        Claim::Enters { .. } => "enters",
        Claim::Exits { .. } => "exits",
        Claim::StateChange { .. } => "state",
        Claim::Duration { .. } => "duration",
        Claim::Camera { .. } => "camera",
    }
}

#[test]
fn the_heuristic_storyboard_passes_its_own_predicates_on_every_suite_prompt() {
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut prompts_with = 0;
    let all = prompts();
    for prompt in &all {
        let Some((storyboard, predicates)) = analysed(prompt) else {
            continue;
        };
        prompts_with += usize::from(!predicates.is_empty());
        for p in &predicates {
            *per_kind.entry(kind(&p.claim)).or_default() += 1;
            assert!((0.0..=1.0).contains(&p.confidence), "{prompt}: {p}");
        }
        let found = fidelity::check(&storyboard, &predicates);
        assert!(found.is_empty(), "{prompt}: {found:?}");
    }
    println!(
        "{prompts_with} of {} prompts have predicates: {per_kind:?}",
        all.len()
    );
    assert!(
        prompts_with * 10 >= all.len() * 9,
        "{prompts_with} of {}",
        all.len()
    );
    for k in [
        "entity", "order", "path", "relation", "exits", "state", "camera",
    ] {
        assert!(
            per_kind.get(k).is_some_and(|n| *n > 0),
            "no {k} predicate: {per_kind:?}"
        );
    }
}

/// Applies `mutate` to the storyboard of every suite prompt with a predicate `pick` accepts
/// and expects `code` among the gate's findings; returns how many prompts were tried.
fn mutated(
    pick: impl Fn(&Claim) -> bool,
    mutate: impl Fn(&mut Storyboard, &Claim),
    code: &str,
) -> usize {
    let mut tried = 0;
    for prompt in prompts() {
        let Some((storyboard, predicates)) = analysed(&prompt) else {
            continue;
        };
        for p in predicates.iter().filter(|p| pick(&p.claim)) {
            let mut changed = storyboard.clone();
            mutate(&mut changed, &p.claim);
            let found = codes_of(&changed, &predicates);
            assert!(found.iter().any(|c| c == code), "{prompt}: {p} → {found:?}");
            tried += 1;
        }
    }
    tried
}

/// Whether entity `id` is named by `noun` (the gate's rule: a noun word is an id word, or
/// the phrase stands in the description).
fn named(storyboard: &Storyboard, id: &str, noun: &str) -> bool {
    let predicates = vec![Predicate {
        confidence: 1.0,
        claim: Claim::Entity {
            phrase: noun.into(),
            noun: noun.into(),
            attributes: Vec::new(),
            count: None,
        },
    }];
    let mut only = storyboard.clone();
    only.entities.retain(|e| e.id == id);
    fidelity::check(&only, &predicates).is_empty()
}

#[test]
fn a_dropped_entity_is_reported_by_name() {
    let tried = mutated(
        |c| matches!(c, Claim::Entity { .. }),
        |sb, c| {
            let Claim::Entity { noun, .. } = c else {
                return;
            };
            let all = sb.clone();
            sb.entities.retain(|e| !named(&all, &e.id, noun));
        },
        codes::ENTITY_MISSING,
    );
    assert!(tried > 100, "{tried}");
}

#[test]
fn a_changed_count_is_reported() {
    let tried = mutated(
        |c| matches!(c, Claim::Entity { count: Some(_), .. }),
        |sb, c| {
            let Claim::Entity { noun, .. } = c else {
                return;
            };
            let all = sb.clone();
            for e in sb.entities.iter_mut().filter(|e| named(&all, &e.id, noun)) {
                e.count += 1;
            }
        },
        codes::COUNT_MISMATCH,
    );
    assert!(tried > 50, "{tried}");
}

#[test]
fn a_reversed_path_is_reported() {
    let tried = mutated(
        |c| matches!(c, Claim::Path { .. }),
        |sb, _| {
            for shot in &mut sb.shots {
                for a in &mut shot.actions {
                    std::mem::swap(&mut a.from, &mut a.to);
                }
                for c in &mut shot.cast {
                    c.placement = None;
                }
            }
        },
        codes::PATH_REVERSED,
    );
    assert!(tried > 5, "{tried}");
}

#[test]
fn a_lost_state_change_or_camera_move_is_reported() {
    let states = mutated(
        |c| matches!(c, Claim::StateChange { .. }),
        |sb, _| {
            for a in sb.shots.iter_mut().flat_map(|s| &mut s.actions) {
                a.state_to = None;
                if let Some(o) = &mut a.object {
                    o.state_to = None;
                }
            }
        },
        codes::STATE_CHANGE_MISSING,
    );
    let moves = mutated(
        |c| matches!(c, Claim::Camera { .. }),
        |sb, _| sb.shots.iter_mut().for_each(|s| s.camera.clear()),
        codes::CAMERA_MOVE_MISSING,
    );
    assert!(states > 5 && moves > 20, "{states} {moves}");
}

#[test]
fn actions_out_of_order_are_reported() {
    let prompt = "a panda bear walks from left to right, then turns and waves";
    let (mut storyboard, predicates) = analysed(prompt).unwrap();
    assert!(
        predicates
            .iter()
            .any(|p| matches!(p.claim, Claim::Order { .. }))
    );
    let actions = &mut storyboard.shots[0].actions;
    let (first, last) = (actions[0].start_s, actions[2].start_s);
    actions[0].start_s = last;
    actions[2].start_s = first;
    assert!(codes_of(&storyboard, &predicates).contains(&codes::ORDER_REVERSED.to_owned()));
    storyboard.shots[0].actions.retain(|a| a.verb != "wave");
    let found = fidelity::check(&storyboard, &predicates);
    let missing = found
        .iter()
        .find(|d| d.code == codes::ACTION_MISSING)
        .unwrap();
    assert!(missing.message.contains("waves"), "{}", missing.message);
}

#[test]
fn entrances_and_exits_must_be_shown() {
    let (mut storyboard, predicates) = analysed("a dog enters from the left").unwrap();
    assert!(
        predicates
            .iter()
            .any(|p| matches!(p.claim, Claim::Enters { .. }))
    );
    let shot = &mut storyboard.shots[0];
    for c in &mut shot.cast {
        c.placement = None;
    }
    for a in &mut shot.actions {
        a.from = None;
    }
    assert_eq!(
        codes_of(&storyboard, &predicates),
        [codes::ENTRANCE_MISSING]
    );
    storyboard.shots[0].cast[0].enter_s = Some(1.0);
    assert!(codes_of(&storyboard, &predicates).is_empty());

    let exits = [Predicate {
        confidence: 0.7,
        claim: Claim::Exits {
            entity: "dog".into(),
        },
    }];
    assert_eq!(codes_of(&storyboard, &exits), [codes::EXIT_MISSING]);
    storyboard.shots[0].actions[0].to = Some(scenec::ir::Placement {
        region: Some(Region::OffscreenRight),
        relation: None,
        anchor: None,
    });
    assert!(codes_of(&storyboard, &exits).is_empty());
}

#[test]
fn a_stated_or_imposed_duration_must_be_kept() {
    let request = Request {
        prompt: "a cat sleeps on a sofa".into(),
        duration_s: Some(9.0),
    };
    let predicates = fidelity::predicates(&request);
    let mut storyboard = Heuristic.decompose(&request).unwrap();
    assert!(fidelity::check(&storyboard, &predicates).is_empty());
    storyboard.duration_s = 5.0;
    let found = fidelity::check(&storyboard, &predicates);
    assert_eq!(found[0].code, codes::DURATION_MISMATCH);
    assert_eq!(found[0].path, "/duration_s");
}

#[test]
fn a_missing_attribute_and_the_help_line_name_the_prompt_words() {
    let (mut storyboard, predicates) =
        analysed("a blue cat and a white bird sit on a bench").unwrap();
    let bird = storyboard
        .entities
        .iter_mut()
        .find(|e| e.id == "bird")
        .unwrap();
    bird.description = "a small bird".into();
    let found = fidelity::check(&storyboard, &predicates);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, codes::ATTRIBUTE_MISSING);
    assert!(
        found[0].message.contains("white bird"),
        "{}",
        found[0].message
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("white bird")
    );
}

#[test]
fn a_prompt_that_states_nothing_sure_has_no_predicates() {
    // the heuristic reads no entity from symbols; nothing is claimed
    assert!(fidelity::predicates(&Request::new("!!! ??? ...")).is_empty());
    assert!(fidelity::predicates(&Request::new("   ")).is_empty());
}
