//! Blocking: where every cast member of a shot is at an instant, as one solved layout.
//!
//! Each cast member's stated positions become waypoints in time (its cast placement when it
//! comes on screen, its own actions' `from` and `to`, and the `to` of actions that move it
//! as their affected object). At an instant a member rests at a waypoint or moves between
//! two; that gives its target box (a region's place, the guess its relation makes from the
//! anchor's target, or the eased point along its path) and how firmly it keeps it. The
//! members' relations at that instant, the frame bounds and the counts (a counted entity is
//! one row of instances) are then solved together by [`super::layout::solve`]; the rows are
//! split into instance boxes.

use crate::ir::{Easing, Entity, Placement, Region, Relation, Shot, Storyboard};

use super::boxes::{self, BoxN};
use super::easing::{ease, progress};
use super::layout::{self, Constraint, Item, Pin};

/// How long an entity whose cast placement is off screen takes to walk in when no action
/// says where it goes, seconds.
const ENTER_S: f64 = 1.5;

/// Widest a row of counted instances may be, as a share of the frame width.
const ROW_MAX: f64 = 0.96;

/// Largest extent of a box along an axis it travels, as a share of the frame.
const PATH_MAX: f64 = 0.7;

/// Smallest change of a target centre that counts as moving along an axis.
const MOVE_EPS: f64 = 0.02;

/// A stated (or implied) position of a member at a time of the shot.
#[derive(Debug, Clone, PartialEq)]
struct Waypoint {
    /// Seconds from the shot start.
    t: f64,
    /// The placement, or `None` for the member's default spot.
    place: Option<Placement>,
    /// JSON pointer of the statement in the storyboard.
    pointer: String,
}

/// One cast member of the shot.
#[derive(Debug, Clone)]
struct Member {
    /// Instances.
    count: usize,
    /// Width and height of one instance before any region scaling.
    size: (f64, f64),
    /// On screen from / until, seconds from the shot start.
    window: (f64, f64),
    waypoints: Vec<Waypoint>,
    /// Whether its placements speak of height (top, bottom): then center is mid-frame.
    vertical: bool,
}

/// Where a member is at an instant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pose<'p> {
    /// No stated position: its default spot.
    Unplaced,
    /// At a stated position.
    Rest(&'p Option<Placement>),
    /// Between two stated positions, at eased progress `u`.
    Move(&'p Option<Placement>, &'p Option<Placement>, f64),
}

/// The solved layout of one instant, in the starting camera's screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Per member (in [`ShotLayout::ids`] order), one box per instance, left to right.
    pub instances: Vec<Vec<BoxN>>,
    /// Per member, whether it is within its on-screen window.
    pub present: Vec<bool>,
    /// Per member, whether a relation it was stated to keep now was relaxed.
    pub relaxed_member: Vec<bool>,
    /// The relaxed statements: JSON pointer and a sentence saying what was given up.
    pub relaxed: Vec<(String, String)>,
    /// Pairs of members (subject, anchor) tied by a relation that holds.
    pub links: Vec<(usize, usize)>,
}

/// The blocking of one shot.
#[derive(Debug, Clone)]
pub struct ShotLayout<'a> {
    storyboard: &'a Storyboard,
    easing: Easing,
    /// Cast members in cast order, then any entity an action, anchor or camera target names
    /// that the cast leaves out.
    pub ids: Vec<&'a str>,
    members: Vec<Member>,
}

impl<'a> ShotLayout<'a> {
    /// The blocking of `shot` (one of `storyboard`'s shots) for frames of `aspect`
    /// (width / height).
    pub fn new(storyboard: &'a Storyboard, shot: &'a Shot, easing: Easing, aspect: f64) -> Self {
        let ids = cast_ids(storyboard, shot);
        let index = storyboard
            .shots
            .iter()
            .position(|s| std::ptr::eq(s, shot))
            .unwrap_or(0);
        let members = ids
            .iter()
            .filter_map(|id| storyboard.entity(id))
            .map(|e| member(e, shot, index, aspect))
            .collect();
        let ids = ids
            .into_iter()
            .filter(|id| storyboard.entity(id).is_some())
            .collect();
        Self {
            storyboard,
            easing,
            ids,
            members,
        }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|&i| i == id)
    }

    /// Real-world height of `id` in metres.
    pub fn world_height(&self, id: &str) -> f64 {
        boxes::world_height(self.storyboard.entity(id).map(|e| e.kind))
    }

    /// Whether `id` is within its on-screen window at some time of `[t0, t1]`.
    pub fn on_screen_during(&self, id: &str, t0: f64, t1: f64) -> bool {
        self.index(id).is_none_or(|i| {
            let (enter, exit) = self.members[i].window;
            enter <= t1 && exit >= t0
        })
    }

    /// Where `id` is at `t`.
    pub fn pose(&self, id: &str, t: f64) -> Pose<'_> {
        match self.index(id) {
            Some(i) => self.pose_of(i, t),
            None => Pose::Unplaced,
        }
    }

    fn pose_of(&self, i: usize, t: f64) -> Pose<'_> {
        let points = &self.members[i].waypoints;
        let Some(first) = points.first() else {
            return Pose::Unplaced;
        };
        if t <= first.t {
            return Pose::Rest(&first.place);
        }
        for pair in points.windows(2) {
            let (p0, p1) = (&pair[0], &pair[1]);
            if t < p1.t {
                let u = ease(self.easing, progress(t, p0.t, p1.t));
                return Pose::Move(&p0.place, &p1.place, u);
            }
            if t == p1.t {
                return Pose::Rest(&p1.place);
            }
        }
        points
            .last()
            .map_or(Pose::Unplaced, |w| Pose::Rest(&w.place))
    }

    /// The pointer of the waypoint a member rests at or moves towards at `t`.
    fn pointer_at(&self, i: usize, t: f64) -> &str {
        let points = &self.members[i].waypoints;
        points
            .iter()
            .find(|w| w.t >= t)
            .or(points.last())
            .map_or("", |w| w.pointer.as_str())
    }

    /// The row box of `id` at `t` in the starting camera's screen (the union of its
    /// instances), solved with the rest of the shot.
    pub fn screen_box(&self, id: &str, t: f64) -> BoxN {
        let snap = self.solve(t);
        self.index(id)
            .and_then(|i| snap.instances.get(i))
            .map_or([0.0; 4], |v| union(v))
    }

    /// Solves the layout at `t` seconds into the shot.
    pub fn solve(&self, t: f64) -> Snapshot {
        let n = self.members.len();
        let mut memo: Vec<Option<BoxN>> = vec![None; n];
        let mut visiting = vec![false; n];
        for i in 0..n {
            self.target(i, t, &mut memo, &mut visiting);
        }
        let mut items = Vec::with_capacity(n);
        let mut constraints = Vec::new();
        let mut owners = Vec::new();
        let present: Vec<bool> = self
            .members
            .iter()
            .map(|m| t >= m.window.0 && t <= m.window.1)
            .collect();
        for i in 0..n {
            let pose = self.pose_of(i, t);
            let target = memo[i].unwrap_or([0.0; 4]);
            let (pin_x, pin_y) = self.pins(i, pose, t, &memo);
            let in_frame = !off_screen_pose(pose);
            items.push(Item {
                target,
                pin_x,
                pin_y,
                on_screen: present[i] && in_frame,
            });
            if let Some((rel, anchor)) = pose_relation(pose)
                && let Some(j) = self.index(anchor)
                && j != i
            {
                constraints.push(Constraint {
                    subject: i,
                    relation: rel,
                    anchor: j,
                });
                owners.push(i);
            }
        }
        let solution = layout::solve(&items, &constraints);
        let mut relaxed_member = vec![false; n];
        let mut relaxed = Vec::new();
        for &k in &solution.relaxed {
            let c = &constraints[k];
            relaxed_member[owners[k]] = true;
            relaxed.push((
                self.pointer_at(c.subject, t).to_string(),
                format!(
                    "`{}` {} `{}` cannot hold together with the shot's other placements; the layout gives it up",
                    self.ids[c.subject],
                    relation_name(c.relation),
                    self.ids[c.anchor]
                ),
            ));
        }
        let links = constraints
            .iter()
            .enumerate()
            .filter(|(k, _)| !solution.relaxed.contains(k))
            .map(|(_, c)| (c.subject, c.anchor))
            .collect();
        let instances = solution
            .boxes
            .iter()
            .zip(&self.members)
            .map(|(row, m)| layout::split_row(row, m.count))
            .collect();
        Snapshot {
            instances,
            present,
            relaxed_member,
            relaxed,
            links,
        }
    }

    /// How firmly member `i` keeps its target at `t`.
    fn pins(&self, i: usize, pose: Pose<'_>, t: f64, memo: &[Option<BoxN>]) -> (Pin, Pin) {
        match pose {
            Pose::Unplaced => (Pin::Free, Pin::Free),
            Pose::Rest(p) => placement_pins(p.as_ref()),
            Pose::Move(p0, p1, _) => {
                let mut scratch = memo.to_vec();
                let mut visiting = vec![false; memo.len()];
                let a = self.place(i, p0.as_ref(), t, &mut scratch, &mut visiting);
                let b = self.place(i, p1.as_ref(), t, &mut scratch, &mut visiting);
                let (px, py) = placement_pins(p1.as_ref());
                let moving = |d: f64, pin| if d.abs() > MOVE_EPS { Pin::Moving } else { pin };
                (
                    moving(centre_x(&b) - centre_x(&a), px),
                    moving(centre_y(&b) - centre_y(&a), py),
                )
            }
        }
    }

    /// The target box of member `i` at `t` (memoised; a relation cycle falls back to the
    /// member's own region or default spot).
    fn target(
        &self,
        i: usize,
        t: f64,
        memo: &mut Vec<Option<BoxN>>,
        visiting: &mut Vec<bool>,
    ) -> BoxN {
        if let Some(b) = memo[i] {
            return b;
        }
        visiting[i] = true;
        let b = match self.pose_of(i, t) {
            Pose::Unplaced => self.default_box(i),
            Pose::Rest(p) => self.place(i, p.as_ref(), t, memo, visiting),
            Pose::Move(p0, p1, u) => {
                let a = self.place(i, p0.as_ref(), t, memo, visiting);
                let b = self.place(i, p1.as_ref(), t, memo, visiting);
                boxes::lerp_box(&a, &b, u)
            }
        };
        visiting[i] = false;
        memo[i] = Some(b);
        b
    }

    /// The box a placement gives member `i`: the relation's guess from the anchor's target,
    /// with the region's axes (or the region alone).
    fn place(
        &self,
        i: usize,
        p: Option<&Placement>,
        t: f64,
        memo: &mut Vec<Option<BoxN>>,
        visiting: &mut Vec<bool>,
    ) -> BoxN {
        let Some(p) = p else {
            return self.default_box(i);
        };
        let m = &self.members[i];
        let (w, h) = row_size(m);
        let region = p.region.map(|r| boxes::region_box(r, w, h, m.vertical));
        let related = match (p.relation, p.anchor.as_deref().and_then(|a| self.index(a))) {
            (Some(rel), Some(j)) if j != i && !visiting[j] => {
                let a = self.target(j, t, memo, visiting);
                Some(boxes::relate(rel, &a, w, h))
            }
            _ => None,
        };
        match (related, region, p.region) {
            (Some(b), Some(r), Some(reg)) => boxes::with_region_axes(&b, &r, reg, m.vertical),
            (Some(b), _, _) => b,
            (None, Some(r), _) => r,
            (None, None, _) => self.default_box(i),
        }
    }

    /// Where a member with no placement stands: the shot's members spread evenly.
    fn default_box(&self, i: usize) -> BoxN {
        let n = self.members.len().max(1) as f64;
        let cx = (i as f64 + 1.0) / (n + 1.0);
        let (w, h) = row_size(&self.members[i]);
        boxes::bottom_anchored(cx, boxes::bottom_for(h, 0.9), w, h)
    }
}

/// Cast ids in cast order, then entities the shot's actions, objects, anchors or camera
/// targets name that the cast leaves out; every entity when the shot names none.
fn cast_ids<'a>(storyboard: &'a Storyboard, shot: &'a Shot) -> Vec<&'a str> {
    let mut ids: Vec<&'a str> = Vec::new();
    let mut push = |id: &'a str| {
        if storyboard.entity(id).is_some() && !ids.contains(&id) {
            ids.push(id);
        }
    };
    for c in &shot.cast {
        push(&c.entity);
    }
    for a in &shot.actions {
        push(&a.entity);
        if let Some(o) = &a.object {
            push(&o.entity);
        }
        let object_to = a.object.as_ref().and_then(|o| o.to.as_ref());
        for p in [&a.from, &a.to].into_iter().flatten().chain(object_to) {
            if let Some(anchor) = &p.anchor {
                push(anchor);
            }
        }
    }
    for m in &shot.camera {
        if let Some(t) = &m.target {
            push(t);
        }
    }
    if ids.is_empty() {
        ids = storyboard.entities.iter().map(|e| e.id.as_str()).collect();
    }
    ids
}

/// The member of entity `e` in shot number `index`.
fn member(e: &Entity, shot: &Shot, index: usize, aspect: f64) -> Member {
    let count = e.instances() as usize;
    let (w, h) = boxes::size(e.kind, shot.framing, aspect);
    let row = layout::row_width(w, count);
    // A row that would not fit the frame shrinks to fit; a single close-up may overflow.
    let mut s = if count > 1 && row > ROW_MAX {
        ROW_MAX / row
    } else {
        1.0
    };
    let cast = shot
        .cast
        .iter()
        .position(|c| c.entity == e.id)
        .map(|j| (j, &shot.cast[j]));
    let window = cast.map_or((0.0, shot.duration_s), |(_, c)| {
        (
            c.enter_s.unwrap_or(0.0).max(0.0),
            c.exit_s.unwrap_or(shot.duration_s),
        )
    });
    let waypoints = waypoints(e, shot, index, cast, window);
    let vertical = waypoints
        .iter()
        .filter_map(|w| w.place.as_ref().and_then(|p| p.region))
        .any(boxes::is_vertical);
    // A box on a path leaves itself room to cross a clear share of the frame.
    let (moves_x, moves_y) = path_axes(&waypoints);
    if moves_x && row * s > PATH_MAX {
        s *= PATH_MAX / (row * s);
    }
    if moves_y && h * s > PATH_MAX {
        s *= PATH_MAX / (h * s);
    }
    Member {
        count,
        size: (w * s, h * s),
        window,
        waypoints,
        vertical,
    }
}

/// The waypoints of entity `e` in time order.
fn waypoints(
    e: &Entity,
    shot: &Shot,
    index: usize,
    cast: Option<(usize, &crate::ir::CastMember)>,
    window: (f64, f64),
) -> Vec<Waypoint> {
    let base = format!("/shots/{index}");
    let mut points: Vec<Waypoint> = Vec::new();
    if let Some((j, c)) = cast
        && let Some(p) = &c.placement
    {
        points.push(Waypoint {
            t: window.0,
            place: Some(p.clone()),
            pointer: format!("{base}/cast/{j}/placement"),
        });
    }
    for (j, a) in shot.actions.iter().enumerate() {
        if a.entity == e.id {
            if let Some(p) = &a.from {
                points.push(Waypoint {
                    t: a.start_s,
                    place: Some(p.clone()),
                    pointer: format!("{base}/actions/{j}/from"),
                });
            }
            let to =
                a.to.clone()
                    .or_else(|| entering_destination(a.from.as_ref()));
            if let Some(p) = to {
                points.push(Waypoint {
                    t: a.end_s,
                    place: Some(p),
                    pointer: format!("{base}/actions/{j}/to"),
                });
            }
        }
        if let Some(o) = &a.object
            && o.entity == e.id
            && let Some(p) = &o.to
        {
            // It stays where it is until the action takes it.
            points.push(Waypoint {
                t: a.start_s,
                place: None,
                pointer: String::new(),
            });
            points.push(Waypoint {
                t: a.end_s,
                place: Some(p.clone()),
                pointer: format!("{base}/actions/{j}/object/to"),
            });
        }
    }
    points.sort_by(|a, b| a.t.total_cmp(&b.t));
    // Of two statements for one instant, the later one (an action's over the cast's) wins;
    // a hold (an object staying put until its next action takes it) never overrides one.
    let is_hold = |w: &Waypoint| w.place.is_none() && w.pointer.is_empty();
    let mut k = 0;
    while k + 1 < points.len() {
        if points[k].t == points[k + 1].t {
            let drop = if is_hold(&points[k + 1]) { k + 1 } else { k };
            points.remove(drop);
        } else {
            k += 1;
        }
    }
    // A hold point keeps the placement before it.
    for k in 0..points.len() {
        if points[k].place.is_none() && points[k].pointer.is_empty() {
            if let Some(prev) = k.checked_sub(1).map(|p| points[p].clone()) {
                points[k].place = prev.place;
                points[k].pointer = prev.pointer;
            } else {
                points[k].pointer = format!("{base}/cast");
            }
        }
    }
    // Placed off screen by the cast and moved by nothing: it walks in on that side.
    let first_off = points
        .first()
        .and_then(|w| w.place.as_ref())
        .is_some_and(is_off_screen);
    if points.len() == 1
        && first_off
        && let Some(p) = entering_destination(points[0].place.as_ref())
    {
        let t = (window.0 + ENTER_S).min(window.1).min(shot.duration_s);
        let pointer = points[0].pointer.clone();
        points.push(Waypoint {
            t,
            place: Some(p),
            pointer,
        });
    }
    points
}

/// Whether consecutive waypoints change region sideways / up or down.
fn path_axes(points: &[Waypoint]) -> (bool, bool) {
    let region = |w: &Waypoint| w.place.as_ref().and_then(|p| p.region);
    let (mut x, mut y) = (false, false);
    for pair in points.windows(2) {
        if let (Some(a), Some(b)) = (region(&pair[0]), region(&pair[1])) {
            x |= boxes::is_horizontal(a)
                && boxes::is_horizontal(b)
                && boxes::region_x(a) != boxes::region_x(b);
            y |= a != b && (boxes::is_vertical(a) || boxes::is_vertical(b));
        }
    }
    (x, y)
}

/// Where a move from off screen with no stated destination ends: the third of the frame on
/// the side it came in.
fn entering_destination(from: Option<&Placement>) -> Option<Placement> {
    let region = match from?.region? {
        Region::OffscreenLeft => Region::Left,
        Region::OffscreenRight => Region::Right,
        _ => return None,
    };
    Some(Placement {
        region: Some(region),
        relation: None,
        anchor: None,
    })
}

fn is_off_screen(p: &Placement) -> bool {
    matches!(
        p.region,
        Some(Region::OffscreenLeft | Region::OffscreenRight)
    )
}

/// Whether a pose is (partly) outside the frame by statement: off screen or on its way in
/// or out.
fn off_screen_pose(pose: Pose<'_>) -> bool {
    let off = |p: &Option<Placement>| p.as_ref().is_some_and(is_off_screen);
    match pose {
        Pose::Unplaced => false,
        Pose::Rest(p) => off(p),
        Pose::Move(a, b, _) => off(a) || off(b),
    }
}

/// The relation a pose keeps: its placement's when resting, the one both ends share when
/// moving.
fn pose_relation<'p>(pose: Pose<'p>) -> Option<(Relation, &'p str)> {
    let rel = |p: &'p Option<Placement>| {
        let p = p.as_ref()?;
        Some((p.relation?, p.anchor.as_deref()?))
    };
    match pose {
        Pose::Unplaced => None,
        Pose::Rest(p) => rel(p),
        Pose::Move(a, b, _) => rel(a).filter(|r| rel(b) == Some(*r)),
    }
}

/// Pins of a resting placement: the axes its region states are placed, the rest free.
fn placement_pins(p: Option<&Placement>) -> (Pin, Pin) {
    let Some(p) = p else {
        return (Pin::Free, Pin::Free);
    };
    match (p.region, p.relation) {
        (None, _) => (Pin::Free, Pin::Free),
        (Some(_), None) => (Pin::Placed, Pin::Placed),
        (Some(r), Some(_)) => {
            let pin = |on: bool| if on { Pin::Placed } else { Pin::Free };
            (
                pin(boxes::is_horizontal(r)),
                pin(boxes::is_vertical(r) || boxes::is_depth(r)),
            )
        }
    }
}

fn row_size(m: &Member) -> (f64, f64) {
    (layout::row_width(m.size.0, m.count), m.size.1)
}

fn centre_x(b: &BoxN) -> f64 {
    (b[0] + b[2]) / 2.0
}

fn centre_y(b: &BoxN) -> f64 {
    (b[1] + b[3]) / 2.0
}

/// The smallest box holding every box of `v`.
pub fn union(v: &[BoxN]) -> BoxN {
    v.iter()
        .copied()
        .reduce(|a, b| {
            [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]
        })
        .unwrap_or([0.0; 4])
}

/// The relation as the storyboard spells it.
pub fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::LeftOf => "left_of",
        Relation::RightOf => "right_of",
        Relation::InFrontOf => "in_front_of",
        Relation::Behind => "behind",
        Relation::Above => "above",
        Relation::Below => "below",
        Relation::OnTopOf => "on_top_of",
        Relation::Inside => "inside",
        Relation::NextTo => "next_to",
    }
}
