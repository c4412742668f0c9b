//! Paths and placements: "from left to right", "from the bottom of the frame to the top",
//! "toward the camera", "into the distance", and relations to anchor entities ("to the
//! right of a stump", "behind the boat", "onto the chair").

use super::entities::{NounPhrase, Registry, noun_phrase};
use super::tokenize::Token;
use super::words::is_of;
use crate::ir::{Placement, Region, Relation};
use crate::lang::{Closed, PathWord, RegionWord, RelationWord, Spatial, lexicon};

/// Where an action starts and ends.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Path {
    /// Start placement.
    pub from: Option<Placement>,
    /// End placement.
    pub to: Option<Placement>,
}

/// Whether `word` names a part of the frame ("left", "edge", "distance"), never an anchor.
pub(super) fn is_region_word(word: &str) -> bool {
    lexicon().region_word(word).is_some()
}

/// Reads the path of an action from its complement `tokens[start..]`, resolving anchors in
/// `registry`. `verb` is the action's base verb.
pub(super) fn path(tokens: &[Token], start: usize, verb: &str, registry: &mut Registry) -> Path {
    let lex = lexicon();
    let mut out = Path::default();
    let mut i = start;
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    // Whether the end was named as a destination ("to the left", "into the box"), and
    // whether it is only the support the mover travels on ("on its silk thread").
    let mut to_directional = false;
    let mut to_weak = false;
    // Where the last placement read ended, for "left to right" without a "from".
    let mut last_end = usize::MAX;
    while i < tokens.len() {
        let w = word(i);
        // "toward the camera", "away from the camera", "into the distance".
        if let Some((region, len)) = depth_cue(tokens, i) {
            out.to = Some(region_placement(region));
            to_directional = true;
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
        let over_ok = lex.is_spatial(Spatial::Over, verb);
        let role = lex.path_word(w);
        if role == Some(PathWord::Source) {
            if let Some((p, end)) = place(tokens, i + 1, over_ok, registry) {
                out.from = Some(p);
                i = end;
                last_end = end;
                continue;
            }
        } else if let Some((p, end)) = place(tokens, i, over_ok, registry) {
            let lead_region = role == Some(PathWord::At) && p.relation.is_none();
            // "over to the upper left" goes there; "sits to the left of the lamp" is there.
            let directional = role.is_some_and(PathWord::is_directional)
                || (role == Some(PathWord::To)
                    && i > 0
                    && lex.is_spatial(Spatial::Particle, word(i - 1)));
            let weak = p.relation == Some(Relation::OnTopOf) && owned(tokens, i);
            // "left to right", "right edge to left edge": the first region is the start.
            if role == Some(PathWord::To)
                && last_end == i
                && out.from.is_none()
                && let Some(previous) = out.to.take_if(|t| t.relation.is_none())
            {
                out.from = Some(previous);
                out.to = None;
            }
            match &mut out.to {
                _ if to_weak => {
                    out.to = Some(p);
                    to_directional = directional;
                    to_weak = weak;
                }
                // "into the hands of a man on the right": the region completes the end.
                Some(to) if lead_region && to.region.is_none() => to.region = p.region,
                Some(_) if lead_region => {}
                // "onto the chair next to the table": the later relation places the anchor.
                Some(to) if to.relation.is_some() && p.relation.is_some() => {}
                _ => {
                    out.to = Some(p);
                    to_directional = directional;
                    to_weak = weak;
                }
            }
            i = end;
            last_end = end;
            continue;
        }
        i += 1;
    }
    // A support the mover travels on ("drops on its thread") is no destination.
    if to_weak && out.from.is_some() {
        out.to = None;
    }
    if lex.is_spatial(Spatial::Holding, verb) && !to_directional && out.from.is_none() {
        out.from = out.to.clone();
    }
    if lex.is_spatial(Spatial::Passing, verb) {
        passing(tokens, start, registry, &mut out);
    }
    if lex.is_spatial(Spatial::Appearing, verb)
        && let Some(from) = &mut out.from
    {
        from.region = from.region.map(offscreen);
    }
    if lex.is_spatial(Spatial::Disappearing, verb)
        && let Some(to) = &mut out.to
    {
        to.region = to.region.map(offscreen);
    }
    out
}

/// Whether `tokens` open with a path, after any particle: "down to the lower right", "left
/// edge to right edge", "from the barn", "into the box" (but not "with a plant beside it").
pub(super) fn opens_path(tokens: &[Token]) -> bool {
    let lex = lexicon();
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let mut k = 0;
    while lex.is_spatial(Spatial::Particle, word(k)) {
        k += 1;
    }
    lex.path_word(word(k))
        .is_some_and(|r| r == PathWord::Source || r.is_goal())
        || region_at(tokens, k).is_some()
}

/// Whether the noun phrase at `i` (after its preposition) opens with a possessive
/// determiner ("on its thread", "on his bike").
fn owned(tokens: &[Token], i: usize) -> bool {
    noun_phrase(tokens, i + 1).is_some_and(|np| np.possessive)
}

/// A mover that passes the entity it names ("overtakes a truck", "passes the lamppost")
/// starts on one side of it and ends on the other: from its left to its right, or the other
/// way when the clause says it moves left. Nothing changes when the path already relates
/// the mover to something.
fn passing(tokens: &[Token], start: usize, registry: &mut Registry, out: &mut Path) {
    let related = |p: &Option<Placement>| p.as_ref().is_some_and(|p| p.relation.is_some());
    if related(&out.from) || related(&out.to) {
        return;
    }
    // "passes by the lamppost".
    let at = if tokens
        .get(start)
        .is_some_and(|t| lexicon().is(Closed::Preposition, t.lower.as_str()))
    {
        start + 1
    } else {
        start
    };
    let Some(np) = noun_phrase(tokens, at).filter(|np| !is_region_word(np.head())) else {
        return;
    };
    let Some(anchor) = registry.resolve(&np, false) else {
        return;
    };
    let leftward = screen_sense(tokens, out).is_some_and(|dx| dx < 0.0);
    let (first, last) = if leftward {
        (Relation::RightOf, Relation::LeftOf)
    } else {
        (Relation::LeftOf, Relation::RightOf)
    };
    let related_to = |relation| Placement {
        region: None,
        relation: Some(relation),
        anchor: Some(anchor.clone()),
    };
    out.from = Some(related_to(first));
    out.to = Some(related_to(last));
}

/// Which way the clause says its mover goes across the screen: the sideways change from its
/// path's start to its end, else from a "left to right" anywhere in the clause.
fn screen_sense(tokens: &[Token], path: &Path) -> Option<f64> {
    let x = |p: &Option<Placement>| p.as_ref().and_then(|p| p.region).and_then(region_x);
    if let (Some(a), Some(b)) = (x(&path.from), x(&path.to))
        && a != b
    {
        return Some(b - a);
    }
    (0..tokens.len()).find_map(|k| {
        let (a, end) = region_at(tokens, k)?;
        tokens
            .get(end)
            .filter(|t| lexicon().path_word(&t.lower) == Some(PathWord::To))?;
        let (b, _) = region_at(tokens, end + 1)?;
        let (a, b) = (region_x(a)?, region_x(b)?);
        (a != b).then_some(b - a)
    })
}

/// The sideways position of a region: -1 left, 0 centre, 1 right; `None` for depth.
pub(super) fn region_x(region: Region) -> Option<f64> {
    match region {
        Region::Left | Region::TopLeft | Region::BottomLeft | Region::OffscreenLeft => Some(-1.0),
        Region::Right | Region::TopRight | Region::BottomRight | Region::OffscreenRight => {
            Some(1.0)
        }
        Region::Center | Region::Top | Region::Bottom => Some(0.0),
        Region::Foreground | Region::Background => None,
    }
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

/// Depth movement cues and their length in tokens: "toward the camera", "away from the
/// viewer", "into the distance", "to the foreground".
fn depth_cue(tokens: &[Token], i: usize) -> Option<(Region, usize)> {
    let lex = lexicon();
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    let role = lex.path_word(w(0))?;
    let lead = match role {
        PathWord::Away if lex.path_word(w(1)) == Some(PathWord::Source) => 2,
        PathWord::Away => return None,
        _ => 1,
    };
    let article = usize::from(lex.is(Closed::Determiner, w(lead)));
    let noun = w(lead + article);
    let len = lead + article + 1;
    if lex.is_spatial(Spatial::Viewer, noun) {
        return match role {
            PathWord::Toward => Some((Region::Foreground, len)),
            PathWord::Away => Some((Region::Background, len)),
            _ => None,
        };
    }
    if article == 0 || !role.is_goal() {
        return None;
    }
    match lex.region_word(noun) {
        _ if lex.is_far_noun(noun) => Some((Region::Background, len)),
        Some(RegionWord::Depth | RegionWord::Background) => Some((Region::Background, len)),
        Some(RegionWord::Foreground) => Some((Region::Foreground, len)),
        _ => None,
    }
}

/// The relation a preposition (with the words after it) opens at `i`, and its length:
/// "in front of", "to the left of", "on top of", "behind", "into"… A word grading the
/// relation ("high above", "just behind") is part of it.
fn relation_lead(tokens: &[Token], i: usize, over_ok: bool) -> Option<(Relation, usize)> {
    let lex = lexicon();
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    let side = |k: usize| side_relation(w(k)).filter(|_| is_of(w(k + 1)));
    if lex.is_spatial(Spatial::Degree, w(0))
        && let Some((relation, len)) = relation_lead(tokens, i + 1, over_ok)
    {
        return Some((relation, len + 1));
    }
    let article = |k: usize| lex.is(Closed::Determiner, w(k));
    let leads_side = lex
        .path_word(w(0))
        .is_some_and(|r| matches!(r, PathWord::To | PathWord::At));
    // "to the left of the tree", "the right of it", "left of the lamp".
    let (relation, len) = match (side(0), side(1), side(2)) {
        (_, _, Some(relation)) if leads_side && article(1) => (relation, 4),
        (_, Some(relation), _) if article(0) => (relation, 3),
        (Some(relation), _, _) => (relation, 2),
        _ => {
            let words: Vec<&str> = (0..4).map(w).collect();
            let (word, len) = lex.relation_phrase(&words)?;
            (relation_of(word, over_ok)?, len)
        }
    };
    (!frame_word(w(len), w(len + 1))).then_some((relation, len))
}

/// The relation a relation phrase names; "over" is "above" only after a verb for which
/// it means that (`over_ok`: "flies over the lake", not "walks over to the lamp").
fn relation_of(word: RelationWord, over_ok: bool) -> Option<Relation> {
    Some(match word {
        RelationWord::InFrontOf => Relation::InFrontOf,
        RelationWord::Behind => Relation::Behind,
        RelationWord::Above => Relation::Above,
        RelationWord::Over if over_ok => Relation::Above,
        RelationWord::Over => return None,
        RelationWord::Below => Relation::Below,
        RelationWord::OnTopOf => Relation::OnTopOf,
        RelationWord::Inside => Relation::Inside,
        RelationWord::NextTo => Relation::NextTo,
    })
}

/// "its left", "to its right side", "on their left": a side of the entity a pronoun names,
/// as a relation to it, and the index after it.
fn owner_side(tokens: &[Token], i: usize, registry: &mut Registry) -> Option<(Placement, usize)> {
    let w = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let mut k = i;
    if lexicon().path_word(w(k)).is_some_and(PathWord::leads_place) {
        k += 1;
    }
    let pronoun = lexicon().possessive_pronoun(w(k))?;
    let relation = side_relation(w(k + 1))?;
    let mut end = k + 2;
    if lexicon().region_word(w(end)) == Some(RegionWord::Part) {
        end += 1;
    }
    let np = NounPhrase {
        start: k,
        end: k + 1,
        modifiers: Vec::new(),
        nouns: Vec::new(),
        pronoun: Some(pronoun.to_string()),
        possessive: false,
        of: None,
        text: pronoun.to_string(),
        count: None,
    };
    let anchor = registry.resolve(&np, false)?;
    Some((
        Placement {
            region: None,
            relation: Some(relation),
            anchor: Some(anchor),
        },
        end,
    ))
}

/// A placement phrase at `i` ("the left side of the frame", "behind the boat", "to the right
/// of it", "to its right", "onto the top of the stump") and the index after it.
pub(super) fn place(
    tokens: &[Token],
    i: usize,
    over_ok: bool,
    registry: &mut Registry,
) -> Option<(Placement, usize)> {
    let w = |k: usize| tokens.get(i + k).map_or("", |t| t.lower.as_str());
    if let Some(found) = owner_side(tokens, i, registry) {
        return Some(found);
    }
    if let Some((relation, skip)) = relation_lead(tokens, i, over_ok)
        && let Some(np) = noun_phrase(tokens, i + skip)
        && !is_region_word(np.head())
    {
        if np.head().is_empty() || lexicon().is_spatial(Spatial::Frame, np.head()) {
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
    if lexicon().path_word(w(0)).is_some_and(PathWord::leads_place) {
        j += 1;
    }
    let region_word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let (region, mut end) = region_at(tokens, j)?;
    if is_of(region_word(end)) {
        let k = end + 1 + usize::from(lexicon().is(Closed::Determiner, region_word(end + 1)));
        if frame_word(region_word(k), "") {
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
    // A bare "left"/"right" counts after a lead word or "from", or before "to" and another
    // region ("left to right"): "turns left" is a turn.
    let role = |k: usize| lexicon().path_word(region_word(k));
    let bare = j == i && !lexicon().is(Closed::Determiner, w(0));
    if bare
        && !(i > 0 && matches!(role(i - 1), Some(PathWord::Source | PathWord::To)))
        && !(role(end) == Some(PathWord::To) && region_at(tokens, end + 1).is_some())
    {
        return None;
    }
    Some((region_placement(region), end))
}

/// A screen region named at `j` after any lead word: "the lower left", "top-right corner",
/// "the very center", "the top center", "the left edge"; the region and the index after it.
/// Reads no anchor, so it has no side effects.
fn region_at(tokens: &[Token], j: usize) -> Option<(Region, usize)> {
    let lex = lexicon();
    let word = |k: usize| tokens.get(k).map_or("", |t| t.lower.as_str());
    let mut k = j;
    if lex.is(Closed::Determiner, word(k)) {
        k += 1;
    }
    while lex.is_spatial(Spatial::Degree, word(k)) {
        k += 1;
    }
    let mut axes: Vec<RegionWord> = Vec::new();
    while axes.len() < 2 {
        let parts: Option<Vec<RegionWord>> = word(k)
            .split('-')
            .map(|part| lex.region_word(part).filter(|r| is_axis(*r)))
            .collect();
        match parts {
            Some(parts) if !parts.is_empty() && axes.len() + parts.len() <= 2 => {
                axes.extend(parts);
                k += 1;
            }
            _ => break,
        }
    }
    let region = combine(&axes)?;
    while lex.region_word(word(k)) == Some(RegionWord::Part) && !axes.is_empty() {
        k += 1;
    }
    Some((region, k))
}

/// Whether a region word names a place in the frame (not a part or the far distance).
fn is_axis(word: RegionWord) -> bool {
    !matches!(word, RegionWord::Part | RegionWord::Depth)
}

/// The region one or two region words name together: "upper left" is the top-left corner,
/// "top center" the top, "center left" the left.
fn combine(axes: &[RegionWord]) -> Option<Region> {
    use RegionWord as W;
    let single = |w: W| match w {
        W::Top => Some(Region::Top),
        W::Bottom => Some(Region::Bottom),
        W::Left => Some(Region::Left),
        W::Right => Some(Region::Right),
        W::Center => Some(Region::Center),
        W::Foreground => Some(Region::Foreground),
        W::Background => Some(Region::Background),
        W::Part | W::Depth => None,
    };
    match axes {
        [a] => single(*a),
        [a, b] => match (*a, *b) {
            (W::Top, W::Left) | (W::Left, W::Top) => Some(Region::TopLeft),
            (W::Top, W::Right) | (W::Right, W::Top) => Some(Region::TopRight),
            (W::Bottom, W::Left) | (W::Left, W::Bottom) => Some(Region::BottomLeft),
            (W::Bottom, W::Right) | (W::Right, W::Bottom) => Some(Region::BottomRight),
            (W::Center, other) | (other, W::Center) => single(other),
            (a, _) => single(a),
        },
        _ => None,
    }
}

/// The side relation a word names ("left" → left of), if it names one.
fn side_relation(word: &str) -> Option<Relation> {
    match lexicon().region_word(word)? {
        RegionWord::Left => Some(Relation::LeftOf),
        RegionWord::Right => Some(Relation::RightOf),
        _ => None,
    }
}

fn frame_word(a: &str, b: &str) -> bool {
    let frame = |w: &str| lexicon().is_spatial(Spatial::Frame, w);
    frame(a) || (lexicon().is(Closed::Determiner, a) && frame(b))
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

    #[test]
    fn a_pronoun_side_relates_to_the_last_anchor() {
        let (p, _) = path_of("a boy runs from the left side of the fountain to its right side");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::LeftOf), Some("fountain".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::RightOf), Some("fountain".into()))
        );
    }

    #[test]
    fn graded_relations_and_regions_read_as_plain_ones() {
        let (p, _) = path_of("a kite rises from far below the bridge to high above it");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::Below), Some("bridge".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::Above), Some("bridge".into()))
        );
        let (p, _) = path_of("a car parks in the very center of the frame");
        assert_eq!(region(&p.to), Some(Region::Center));
        let (p, _) = path_of("a fish swims up to the top center");
        assert_eq!(region(&p.to), Some(Region::Top));
    }

    #[test]
    fn regions_joined_by_to_are_a_path_without_from() {
        let (p, _) = path_of("a snail inches right edge to left edge");
        assert_eq!(
            (region(&p.from), region(&p.to)),
            (Some(Region::Right), Some(Region::Left))
        );
    }

    #[test]
    fn a_pass_goes_from_one_side_of_the_passed_to_the_other() {
        let (p, _) = path_of("a car overtakes a truck");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::LeftOf), Some("truck".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::RightOf), Some("truck".into()))
        );
    }

    #[test]
    fn a_support_of_its_own_is_no_destination() {
        let (p, _) = path_of("a spider drops on its thread from above the lamp to below it");
        assert_eq!(
            relation(&p.from),
            (Some(Relation::Above), Some("lamp".into()))
        );
        assert_eq!(
            relation(&p.to),
            (Some(Relation::Below), Some("lamp".into()))
        );
    }

    #[test]
    fn a_holding_verb_sent_somewhere_does_not_start_there() {
        let (p, _) = path_of("a lantern floats over to the upper left");
        assert_eq!(
            (region(&p.from), region(&p.to)),
            (None, Some(Region::TopLeft))
        );
        let (p, _) = path_of("a cat sits to the left of the lamp");
        assert_eq!(p.from, p.to);
    }
}
