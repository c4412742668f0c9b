//! Appearance states over the whole video: `state_from` up to an action, a blend during it,
//! `state_to` after it (and in later shots), for the actor and for the object an action
//! changes.

use std::collections::HashMap;

use crate::ir::Storyboard;

use super::prompt::StateAt;

/// One state-changing action in video time.
#[derive(Debug, Clone)]
struct Change<'a> {
    start: f64,
    end: f64,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

/// Every entity's state changes in video time order.
#[derive(Debug, Clone, Default)]
pub struct StateTimeline<'a> {
    changes: HashMap<&'a str, Vec<Change<'a>>>,
}

impl<'a> StateTimeline<'a> {
    /// Collects the state changes of every action of the storyboard.
    pub fn new(storyboard: &'a Storyboard) -> Self {
        let mut changes: HashMap<&'a str, Vec<Change<'a>>> = HashMap::new();
        let mut shot_start = 0.0;
        for shot in &storyboard.shots {
            for a in &shot.actions {
                let own = (a.entity.as_str(), &a.state_from, &a.state_to);
                let object = a
                    .object
                    .as_ref()
                    .map(|o| (o.entity.as_str(), &o.state_from, &o.state_to));
                for (id, from, to) in std::iter::once(own).chain(object) {
                    if from.is_some() || to.is_some() {
                        changes.entry(id).or_default().push(Change {
                            start: shot_start + a.start_s,
                            end: shot_start + a.end_s,
                            from: from.as_deref(),
                            to: to.as_deref(),
                        });
                    }
                }
            }
            shot_start += shot.duration_s;
        }
        for list in changes.values_mut() {
            list.sort_by(|a, b| a.start.total_cmp(&b.start));
        }
        Self { changes }
    }

    /// The state of `id` at `t` seconds from the video start.
    pub fn at(&self, id: &str, t: f64) -> Option<StateAt> {
        let list = self.changes.get(id)?;
        let settled = |s: Option<&str>| s.map(|s| StateAt::Settled(s.to_string()));
        let mut current = list.first().and_then(|c| settled(c.from.or(c.to)));
        for c in list {
            // Between two changes the earlier one's result holds; a change shows its
            // `state_from` from the instant it starts.
            if t < c.start {
                return current;
            }
            if t == c.start {
                return settled(c.from).or(current);
            }
            if t < c.end {
                return match (c.from, c.to) {
                    (Some(from), Some(to)) => Some(StateAt::Changing {
                        from: from.to_string(),
                        to: to.to_string(),
                    }),
                    (from, to) => settled(from.or(to)),
                };
            }
            current = settled(c.to.or(c.from));
        }
        current
    }
}
