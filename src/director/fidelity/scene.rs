//! Lookups the gate makes in a storyboard: which entities a noun phrase names, the actions in
//! time order, every placement with its pointer, the horizontal and vertical sense of a region.

use serde::Serialize;

use crate::eval::matching::{entity_matches, word_eq, words};
use crate::ir::{Action, Placement, Region, Storyboard};

/// One action with where it is and when it starts in the video.
pub(super) struct Timed<'a> {
    /// Seconds from the video start.
    pub start: f64,
    /// Shot index.
    pub shot: usize,
    /// Action index in the shot.
    pub index: usize,
    /// The action.
    pub action: &'a Action,
}

impl Timed<'_> {
    /// The action's JSON pointer.
    pub fn pointer(&self) -> String {
        format!("/shots/{}/actions/{}", self.shot, self.index)
    }
}

/// One placement of an entity, wherever the storyboard states it.
pub(super) struct Placed<'a> {
    /// The entity placed.
    pub entity: &'a str,
    /// The placement.
    pub placement: &'a Placement,
}

/// A storyboard with its actions in time order.
pub(super) struct Scene<'a> {
    /// The storyboard.
    pub storyboard: &'a Storyboard,
    /// Every action, earliest first (ties keep storyboard order).
    pub actions: Vec<Timed<'a>>,
}

impl<'a> Scene<'a> {
    /// The lookups over `storyboard`.
    pub fn new(storyboard: &'a Storyboard) -> Self {
        let mut actions: Vec<Timed<'a>> = storyboard
            .shots
            .iter()
            .zip(storyboard.shot_starts())
            .enumerate()
            .flat_map(|(s, (shot, t))| {
                shot.actions.iter().enumerate().map(move |(i, a)| Timed {
                    start: t + a.start_s,
                    shot: s,
                    index: i,
                    action: a,
                })
            })
            .collect();
        actions.sort_by(|a, b| a.start.total_cmp(&b.start));
        Self {
            storyboard,
            actions,
        }
    }

    /// Whether entity `id` is what `noun` names: the phrase stands in its id or description,
    /// or one of the phrase's words is a word of its id ("panda bear" names `panda`).
    pub fn names(&self, id: &str, noun: &str) -> bool {
        let Some(entity) = self.storyboard.entity(id) else {
            return false;
        };
        let id_words = words(id);
        entity_matches(entity, noun)
            || words(noun)
                .iter()
                .any(|w| id_words.iter().any(|x| word_eq(x, w)))
    }

    /// The indices of the entities `noun` names.
    pub fn candidates(&self, noun: &str) -> Vec<usize> {
        (self.storyboard.entities.iter().enumerate())
            .filter(|(_, e)| self.names(&e.id, noun))
            .map(|(i, _)| i)
            .collect()
    }

    /// The actions of an entity `noun` names, earliest first.
    pub fn actions_of<'s>(&'s self, noun: &'s str) -> impl Iterator<Item = &'s Timed<'a>> + 's {
        self.actions
            .iter()
            .filter(move |t| self.names(&t.action.entity, noun))
    }

    /// Every placement: cast entries, actions' from and to, affected objects' to.
    pub fn placements(&self) -> Vec<Placed<'a>> {
        let mut out = Vec::new();
        for shot in &self.storyboard.shots {
            for c in &shot.cast {
                if let Some(p) = &c.placement {
                    out.push(Placed {
                        entity: &c.entity,
                        placement: p,
                    });
                }
            }
            for a in &shot.actions {
                for p in [&a.from, &a.to].into_iter().flatten() {
                    out.push(Placed {
                        entity: &a.entity,
                        placement: p,
                    });
                }
                if let Some(o) = &a.object
                    && let Some(p) = &o.to
                {
                    out.push(Placed {
                        entity: &o.entity,
                        placement: p,
                    });
                }
            }
        }
        out
    }

    /// Where an action starts: its `from`, else its actor's cast placement in its shot.
    pub fn start_region(&self, t: &Timed<'_>) -> Option<Region> {
        t.action.from.as_ref().and_then(|p| p.region).or_else(|| {
            self.storyboard.shots[t.shot]
                .cast_member(&t.action.entity)
                .and_then(|c| c.placement.as_ref())
                .and_then(|p| p.region)
        })
    }
}

/// The words of an enum value's serialized name ("offscreen_left" → offscreen, left).
pub(super) fn name_words(value: &impl Serialize) -> Vec<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(words))
        .unwrap_or_default()
}

/// An enum value's serialized name with spaces ("offscreen left").
pub(super) fn name(value: &impl Serialize) -> String {
    name_words(value).join(" ")
}

/// Where a region lies across the frame: −1 left, 0 middle, 1 right; `None` for depth.
pub(super) fn horizontal(r: Region) -> Option<i8> {
    use Region::*;
    match r {
        Left | TopLeft | BottomLeft | OffscreenLeft => Some(-1),
        Center | Top | Bottom => Some(0),
        Right | TopRight | BottomRight | OffscreenRight => Some(1),
        Foreground | Background => None,
    }
}

/// Where a region lies up the frame: −1 bottom, 0 middle, 1 top; `None` for depth.
pub(super) fn vertical(r: Region) -> Option<i8> {
    use Region::*;
    match r {
        Bottom | BottomLeft | BottomRight => Some(-1),
        Center | Left | Right | OffscreenLeft | OffscreenRight => Some(0),
        Top | TopLeft | TopRight => Some(1),
        Foreground | Background => None,
    }
}

/// Whether a region is just outside the frame.
pub(super) fn offscreen(r: Region) -> bool {
    matches!(r, Region::OffscreenLeft | Region::OffscreenRight)
}
