//! When cast members come on screen and leave it: an action of coming into view ("appears",
//! "pops into view", "walks into the frame from the right") opens its actor's window, one
//! of going out of view ("vanishes", "leaves the frame", "rolls out of frame") closes it.

use crate::ir::{CastMember, Placement, Region, Shot};
use crate::lang::{Closed, Spatial, lexicon};

/// How far into an appearing action its actor comes into view, as a share of the action.
const APPEAR_AT: f64 = 0.25;

/// How far into a disappearing action its actor is gone, as a share of the action.
const GONE_AT: f64 = 0.75;

/// Sets `enter_s` / `exit_s` of every shot's cast from its actions.
pub(super) fn windows(shots: &mut [Shot]) {
    for shot in shots {
        let mut enter: Vec<(String, f64)> = Vec::new();
        let mut exit: Vec<(String, f64)> = Vec::new();
        for a in &mut shot.actions {
            let words: Vec<String> = a
                .description
                .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let length = a.end_s - a.start_s;
            let lex = lexicon();
            let said_gone = (a.verb == "be" && says_gone(&words)) || then_gone(&words);
            if lex.is_spatial(Spatial::Appearing, &a.verb) || framed(&words, "into") {
                // Coming in from a side: it walks in from just outside the frame.
                if let Some(from) = &mut a.from
                    && let Some(side) = from.region.and_then(outside)
                {
                    from.region = Some(side);
                    enter.push((a.entity.clone(), a.start_s));
                } else {
                    enter.push((a.entity.clone(), a.start_s + APPEAR_AT * length));
                }
            }
            let gone = (lex.is_spatial(Spatial::Disappearing, &a.verb) && !leaves_a_thing(&words))
                || fades(&a.verb, &words);
            if gone || said_gone || framed(&words, "out") {
                // Leaving by a side: it goes from the middle to just outside the frame.
                if let Some(to) = &mut a.to
                    && let Some(side) = to.region.and_then(outside)
                {
                    to.region = Some(side);
                    if a.from.is_none() {
                        a.from = Some(Placement {
                            region: Some(Region::Center),
                            relation: None,
                            anchor: None,
                        });
                    }
                }
                exit.push((a.entity.clone(), a.start_s + GONE_AT * length));
            }
        }
        for member in &mut shot.cast {
            set(member, &enter, &exit);
        }
    }
}

/// Opens and closes one member's window: the first entrance, the last exit after it.
fn set(member: &mut CastMember, enter: &[(String, f64)], exit: &[(String, f64)]) {
    let first_in = enter
        .iter()
        .filter(|(id, _)| *id == member.entity)
        .map(|(_, t)| *t)
        .reduce(f64::min);
    let last_out = exit
        .iter()
        .filter(|(id, _)| *id == member.entity)
        .map(|(_, t)| *t)
        .filter(|t| first_in.is_none_or(|e| *t > e))
        .reduce(f64::max);
    if member.enter_s.is_none() {
        member.enter_s = first_in.filter(|t| *t > 0.0);
    }
    if member.exit_s.is_none() {
        member.exit_s = last_out;
    }
}

/// Whether the words say their subject is off screen: "is gone", "is out of sight".
pub(super) fn says_gone(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| lexicon().is_spatial(Spatial::Gone, w.as_str()))
        || framed(words, "out")
}

/// Whether a clause joined to the action says its subject is gone: "pops and is gone",
/// "rushes past and is gone by the end".
fn then_gone(words: &[String]) -> bool {
    let lex = lexicon();
    words.windows(2).any(|w| {
        lex.is(Closed::Auxiliary, w[0].as_str()) && lex.is_spatial(Spatial::Gone, w[1].as_str())
    })
}

/// Whether a fading verb goes out of view: "fades away", "melts away" (not "fades in").
fn fades(verb: &str, words: &[String]) -> bool {
    let lex = lexicon();
    lex.is_spatial(Spatial::Fading, verb)
        && words
            .get(1)
            .is_some_and(|w| lex.is_spatial(Spatial::Particle, w.as_str()))
}

/// Whether the words say "into (the) frame" / "out of (the) view" and the like, `lead`
/// being "into" or "out".
fn framed(words: &[String], lead: &str) -> bool {
    let frame =
        |w: Option<&String>| w.is_some_and(|w| lexicon().is_spatial(Spatial::Frame, w.as_str()));
    words.iter().enumerate().any(|(i, w)| {
        let mut k = i + 1;
        if lead == "out" {
            if words.get(k).map(String::as_str) != Some("of") {
                return false;
            }
            k += 1;
        }
        if words.get(k).map(String::as_str) == Some("the") {
            k += 1;
        }
        w == lead && frame(words.get(k))
    })
}

/// Whether a disappearing verb has an object that is not the frame: "leaving the station"
/// leaves a place, not the picture ("leaves the frame" and "vanishes into the trees" do).
fn leaves_a_thing(words: &[String]) -> bool {
    let lex = lexicon();
    words
        .get(1)
        .is_some_and(|w| lex.is(Closed::Determiner, w.as_str()))
        && words
            .get(2)
            .is_some_and(|w| !lex.is_spatial(Spatial::Frame, w.as_str()))
}

/// The region just outside the frame on a side, for a side region.
fn outside(region: Region) -> Option<Region> {
    match region {
        Region::Left | Region::OffscreenLeft => Some(Region::OffscreenLeft),
        Region::Right | Region::OffscreenRight => Some(Region::OffscreenRight),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::storyboard;
    use crate::ir::{CastMember, Storyboard};

    fn member<'a>(sb: &'a Storyboard, id: &str) -> &'a CastMember {
        sb.shots[0]
            .cast
            .iter()
            .find(|c| c.entity == id)
            .unwrap_or_else(|| panic!("{id} not in {:?}", sb.shots[0].cast))
    }

    #[test]
    fn coming_into_view_opens_the_window() {
        let sb = storyboard("A robot waves, then a drone appears above it.");
        let drone = member(&sb, "drone");
        assert!(drone.enter_s.is_some_and(|t| t > 0.0), "{drone:?}");
        assert_eq!(member(&sb, "robot").enter_s, None);
    }

    #[test]
    fn walking_in_from_a_side_starts_outside_the_frame() {
        let sb = storyboard("A waiter walks into the frame from the right.");
        let from = sb.shots[0].actions[0].from.as_ref().and_then(|p| p.region);
        assert_eq!(from, Some(crate::ir::Region::OffscreenRight));
    }

    #[test]
    fn being_out_of_sight_closes_the_window() {
        let sb = storyboard("A dog runs down the lane until it is out of sight.");
        let dog = member(&sb, "dog");
        assert!(dog.exit_s.is_some(), "{dog:?}");
    }

    #[test]
    fn leaving_a_place_is_not_leaving_the_picture() {
        let sb = storyboard("A steam train leaves the station as the camera trucks left.");
        assert_eq!(member(&sb, "steam_train").exit_s, None);
    }

    #[test]
    fn being_gone_after_an_action_closes_the_window() {
        let sb = storyboard("A firework bursts overhead and is gone.");
        let firework = member(&sb, "firework");
        assert!(firework.exit_s.is_some(), "{firework:?}");
    }

    #[test]
    fn fading_away_closes_the_window_but_fading_in_does_not() {
        let sb = storyboard("A mirage shimmers above the road, then it fades away.");
        assert!(member(&sb, "mirage").exit_s.is_some(), "{:?}", sb.shots[0]);
        let sb = storyboard("A lantern fades in over the lake.");
        assert_eq!(member(&sb, "lantern").exit_s, None);
    }

    #[test]
    fn going_out_of_view_closes_the_window() {
        let sb = storyboard("A skier glides out of frame while the lift keeps turning.");
        let skier = member(&sb, "skier");
        let end = sb.shots[0].duration_s;
        assert!(skier.exit_s.is_some_and(|t| t < end), "{skier:?}");
        assert_eq!(member(&sb, "lift").exit_s, None);
    }
}
