//! Paths and placements: "from left to right", "from the bottom of the frame to the top",
//! "toward the camera", "into the distance", and relations to anchor entities ("to the
//! right of a stump", "behind the boat", "onto the chair").

use super::entities::{Registry, noun_phrase};
use super::tokenize::Token;
use crate::ir::{Placement, Region, Relation};

/// Verbs that hold a position rather than move: their placement is both start and end.
const STATIVE: &[&str] = &[
    "be", "sit", "stand", "lie", "rest", "sleep", "wait", "perch", "hang", "hide", "stay", "hover",
    "float", "kneel", "lean", "sway",
];

/// Verbs for which "over X" places the mover above X.
const OVER_VERBS: &[&str] = &[
    "fly", "soar", "hover", "float", "jump", "leap", "glide", "hang", "drift", "pass", "swoop",
    "circle", "rise", "explode", "burst", "hop", "climb", "vault", "be",
];

/// Words naming screen regions, which are never anchors.
pub(super) const REGION_WORDS: &[&str] = &[
    "left",
    "right",
    "top",
    "bottom",
    "center",
    "centre",
    "middle",
    "foreground",
    "background",
    "distance",
    "side",
    "edge",
];

/// Words naming the frame itself, which are never anchors.
const FRAME_WORDS: &[&str] = &[
    "frame", "screen", "shot", "image", "picture", "view", "canvas",
];

/// Where an action starts and ends.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Path {
    /// Start placement.
    pub from: Option<Placement>,
    /// End placement.
    pub to: Option<Placement>,
}

/// Reads the path of an action from its complement `tokens[start..]`, resolving anchors in
/// `registry`. `verb` is the action's base verb.
pub(super) fn path(tokens: &[Token], start: usize, verb: &str, registry: &mut Registry) -> Path {
    let mut out = Path::default();
    let mut i = start;
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    while i < tokens.len() {
        let w = word(i);
        // "toward the camera", "away from the camera", "into the distance".
        if let Some((region, len)) = depth_cue(tokens, i) {
            out.to = Some(region_placement(region));
            if out.from.is_none() {
                out.from = Some(region_placement(if region == Region::Foreground {
                    Region::Background
                } else {
                    Region::Foreground
                }));
            }
            i += len;
            continue;
        }
        let over_ok = OVER_VERBS.contains(&verb);
        if w == "from" {
            if let Some((p, end)) = place(tokens, i + 1, over_ok, registry) {
                out.from = Some(p);
                i = end;
                continue;
            }
        } else if let Some((p, end)) = place(tokens, i, over_ok, registry) {
            let lead_region = matches!(w, "on" | "at" | "in") && p.relation.is_none();
            match &mut out.to {
                // "into the hands of a man on the right": the region completes the end.
                Some(to) if lead_region && to.region.is_none() => to.region = p.region,
                Some(_) if lead_region => {}
                // "onto the chair next to the table": the later relation places the anchor.
                Some(to) if to.relation.is_some() && p.relation.is_some() => {}
                _ => out.to = Some(p),
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if STATIVE.contains(&verb) && out.from.is_none() {
        out.from = out.to.clone();
    }
    match verb {
        "enter" | "appear" | "emerge" => {
            if let Some(from) = &mut out.from {
                from.region = from.region.map(offscreen);
            }
        }
        "exit" | "leave" | "disappear" | "vanish" => {
            if let Some(to) = &mut out.to {
                to.region = to.region.map(offscreen);
            }
        }
        _ => {}
    }
    out
}

fn offscreen(region: Region) -> Region {
    match region {
        Region::Left => Region::OffscreenLeft,
        Region::Right => Region::OffscreenRight,
        other => other,
    }
}

fn region_placement(region: Region) -> Placement {
    Placement {
        region: Some(region),
        relation: None,
        anchor: None,
    }
}

/// Depth movement cues and their length in tokens.
fn depth_cue(tokens: &[Token], i: usize) -> Option<(Region, usize)> {
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    let viewer = |s: &str| matches!(s, "camera" | "viewer" | "lens" | "us" | "audience");
    match (w(0), w(1), w(2)) {
        ("toward" | "towards" | "at", "the", v) if viewer(v) && w(0) != "at" => {
            Some((Region::Foreground, 3))
        }
        ("toward" | "towards", v, _) if viewer(v) => Some((Region::Foreground, 2)),
        ("away", "from", "the") if viewer(w(3)) => Some((Region::Background, 4)),
        ("away", "from", v) if viewer(v) => Some((Region::Background, 3)),
        ("into" | "toward" | "towards" | "to", "the", "distance" | "horizon" | "background") => {
            Some((Region::Background, 3))
        }
        ("into" | "to", "the", "foreground") => Some((Region::Foreground, 3)),
        ("off", "into", "the") if w(3) == "distance" => Some((Region::Background, 4)),
        _ => None,
    }
}

/// A placement phrase at `i` ("the left side of the frame", "behind the boat", "to the right
/// of it", "onto the top of the stump") and the index after it.
pub(super) fn place(
    tokens: &[Token],
    i: usize,
    over_ok: bool,
    registry: &mut Registry,
) -> Option<(Placement, usize)> {
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    // Relations with a fixed lead.
    let (relation, skip) = match (w(0), w(1), w(2)) {
        ("in", "front", "of") => (Some(Relation::InFrontOf), 3),
        ("to" | "at" | "on", "the", "left" | "right")
            if w(3) == "of" && !frame_word(w(4), w(5)) =>
        {
            (Some(side_relation(w(2))), 4)
        }
        ("the", "left" | "right", "of") if !frame_word(w(3), w(4)) => {
            (Some(side_relation(w(1))), 3)
        }
        ("left" | "right", "of", _) if !frame_word(w(2), w(3)) => (Some(side_relation(w(0))), 2),
        ("on" | "onto" | "to", "the", "top") if w(3) == "of" && !frame_word(w(4), w(5)) => {
            (Some(Relation::OnTopOf), 4)
        }
        ("on" | "onto", "top", "of") => (Some(Relation::OnTopOf), 3),
        ("next" | "close", "to", _) => (Some(Relation::NextTo), 2),
        ("behind", _, _) => (Some(Relation::Behind), 1),
        ("above", _, _) => (Some(Relation::Above), 1),
        ("over", _, _) => (Some(Relation::Above), 1),
        ("below" | "under" | "underneath" | "beneath", _, _) => (Some(Relation::Below), 1),
        ("onto" | "on" | "atop" | "upon", _, _) => (Some(Relation::OnTopOf), 1),
        ("inside" | "into" | "within", _, _) => (Some(Relation::Inside), 1),
        ("beside" | "alongside" | "near", _, _) => (Some(Relation::NextTo), 1),
        _ => (None, 0),
    };
    let relation = relation.filter(|r| *r != Relation::Above || w(0) != "over" || over_ok);
    if let Some(relation) = relation
        && let Some(np) = noun_phrase(tokens, i + skip)
        && !REGION_WORDS.contains(&np.head())
    {
        if np.head().is_empty() || FRAME_WORDS.contains(&np.head()) {
            return None;
        }
        // "into the hands of a man": beside the owner of the body part.
        let relation = if np.is_body_part() && np.of.is_some() {
            Relation::NextTo
        } else {
            relation
        };
        let anchor = registry.resolve(&np, false)?;
        return Some((
            Placement {
                region: None,
                relation: Some(relation),
                anchor: Some(anchor),
            },
            np.end,
        ));
    }
    // Screen regions: "(to|on|at) (the) left (side|edge) (of the frame)".
    let mut j = i;
    if matches!(w(0), "to" | "on" | "at" | "in" | "toward" | "towards") {
        j += 1;
    }
    if tokens.get(j).is_some_and(|t| t.lower == "the") {
        j += 1;
    }
    let region_word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let (region, mut end) = match (region_word(j), region_word(j + 1)) {
        ("top" | "upper", "left") | ("top-left" | "upper-left", _) => (
            Region::TopLeft,
            j + 1 + usize::from(!region_word(j).contains('-')),
        ),
        ("top" | "upper", "right") | ("top-right" | "upper-right", _) => (
            Region::TopRight,
            j + 1 + usize::from(!region_word(j).contains('-')),
        ),
        ("bottom" | "lower", "left") | ("bottom-left" | "lower-left", _) => (
            Region::BottomLeft,
            j + 1 + usize::from(!region_word(j).contains('-')),
        ),
        ("bottom" | "lower", "right") | ("bottom-right" | "lower-right", _) => (
            Region::BottomRight,
            j + 1 + usize::from(!region_word(j).contains('-')),
        ),
        ("left", _) => (Region::Left, j + 1),
        ("right", _) => (Region::Right, j + 1),
        ("top", _) => (Region::Top, j + 1),
        ("bottom", _) => (Region::Bottom, j + 1),
        ("center" | "centre" | "middle", _) => (Region::Center, j + 1),
        ("foreground", _) => (Region::Foreground, j + 1),
        ("background", _) => (Region::Background, j + 1),
        _ => return None,
    };
    if matches!(
        region_word(end),
        "side" | "edge" | "corner" | "half" | "third" | "border"
    ) {
        end += 1;
    }
    if region_word(end) == "of" {
        let k = end + 1 + usize::from(region_word(end + 1) == "the");
        if FRAME_WORDS.contains(&region_word(k)) {
            end = k + 1;
        } else if let Some(np) = noun_phrase(tokens, end + 1) {
            // "the top of the stump", "the bottom of a tree".
            if let Some(anchor) = registry.resolve(&np, false) {
                let relation = match region {
                    Region::Top => Relation::OnTopOf,
                    Region::Bottom => Relation::Below,
                    Region::Left => Relation::LeftOf,
                    Region::Right => Relation::RightOf,
                    _ => Relation::NextTo,
                };
                return Some((
                    Placement {
                        region: None,
                        relation: Some(relation),
                        anchor: Some(anchor),
                    },
                    np.end,
                ));
            }
        }
    }
    // A bare "left"/"right" only counts after a lead word or "from" ("turns left" is a turn).
    if j == i
        && i > 0
        && !tokens
            .get(i - 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "from" | "to"))
    {
        return None;
    }
    Some((region_placement(region), end))
}

fn side_relation(word: &str) -> Relation {
    if word == "left" {
        Relation::LeftOf
    } else {
        Relation::RightOf
    }
}

fn frame_word(a: &str, b: &str) -> bool {
    FRAME_WORDS.contains(&a) || (a == "the" && FRAME_WORDS.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::super::predicate::parse;
    use super::super::tokenize::tokenize;
    use super::*;

    fn path_of(text: &str) -> (Path, Registry) {
        let t = tokenize(text);
        let p = parse(&t);
        let mut reg = Registry::default();
        for s in &p.subjects {
            reg.resolve(s, true);
        }
        let v = p.verb.unwrap_or_else(|| panic!("no verb in {text}"));
        (path(&t, v.rest, &v.lemma, &mut reg), reg)
    }

    fn region(p: &Option<Placement>) -> Option<Region> {
        p.as_ref().and_then(|p| p.region)
    }

    fn relation(p: &Option<Placement>) -> (Option<Relation>, Option<String>) {
        p.as_ref()
            .map_or((None, None), |p| (p.relation, p.anchor.clone()))
    }

    #[test]
    fn screen_paths() {
        let (p, _) = path_of("a car drives from the right side of the frame to the left side");
        assert_eq!(
            (region(&p.from), region(&p.to)),
            (Some(Region::Right), Some(Region::Left))
        );
        let (p, _) = path_of("a balloon rises from the bottom of the frame to the top");
        assert_eq!(
            (region(&p.from), region(&p.to)),
            (Some(Region::Bottom), Some(Region::Top))
        );
        let (p, _) = path_of("a fox runs from left to right");
        assert_eq!(
            (region(&p.from), region(&p.to)),
            (Some(Region::Left), Some(Region::Right))
        );
    }

    #[test]
    fn depth_paths() {
        let (p, _) = path_of("a horse gallops toward the camera");
        assert_eq!(region(&p.to), Some(Region::Foreground));
        let (p, _) = path_of("a boat drifts away from the camera into the distance");
        assert_eq!(region(&p.to), Some(Region::Background));
    }

    #[test]
    fn relations_to_anchors() {
        let (p, _) = path_of("a bee moves from the left of a sunflower to the right of it");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::LeftOf), Some("sunflower".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::RightOf), Some("sunflower".into()))
        );
        let (p, _) = path_of("a duck swims from behind the boat to in front of it");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::Behind), Some("boat".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::InFrontOf), Some("boat".into()))
        );
        let (p, _) = path_of("a squirrel hops onto the top of the stump");
        assert_eq!(
            relation(&p.to),
            (Some(Relation::OnTopOf), Some("stump".into()))
        );
    }

    #[test]
    fn stative_verbs_hold_their_place() {
        let (p, _) = path_of("a cat sits next to the lamp");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::NextTo), Some("lamp".into()))
        );
        assert_eq!(p.from, p.to);
    }

    #[test]
    fn body_parts_anchor_on_their_owner_and_a_region_completes_the_end() {
        let (p, _) = path_of(
            "a frisbee flies from the left edge of the screen into the hands of a man on the right",
        );
        assert_eq!(region(&p.from), Some(Region::Left));
        assert_eq!(region(&p.to), Some(Region::Right));
        assert_eq!(
            relation(&p.to),
            (Some(Relation::NextTo), Some("man".into()))
        );
    }
}
