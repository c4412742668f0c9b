//! An action's wording at one instant of its interval: starting, under way, done.
//!
//! Under way, an action reads as its progressive ("walking from left to right"). Its first
//! keyframe reads "starting to …". Its last keyframe shows the result for verbs whose end
//! looks different from their middle ("stopped", "seated", "landing"); for the rest (walk,
//! wave, glow) the frame still shows the action going on, so it keeps the progressive rather
//! than a "finishing walking" that no frame can show. The verbs with a result and the
//! spelling of gerunds come from the language layer ([`crate::lang`]).

use crate::ir::Action;
use crate::lang::{gerund, lexicon};

/// An action's three wordings, worked out once: its first keyframe's, the one while it is
/// under way, and its last keyframe's.
#[derive(Debug, Clone, PartialEq)]
pub struct Phases {
    start: String,
    under_way: String,
    end: Option<String>,
}

impl Phases {
    /// The wordings of `action`.
    pub fn of(action: &Action) -> Self {
        let verb = action.verb.trim().to_lowercase();
        // verbs whose last frame shows a result ("stopped"), from the shared lexicon
        let result = lexicon().result_of(&verb);
        let start = match result {
            Some((Some(start), _)) => start.to_string(),
            _ => format!("starting to {verb}"),
        };
        let under_way =
            progressive(&verb, &action.description).unwrap_or_else(|| gerund_phrase(&verb));
        Self {
            start,
            under_way,
            end: result.map(|(_, end)| end.to_string()),
        }
    }

    /// The action's phase at progress `p` (0 at its start, 1 at its end): "starting to
    /// walk", "walking from left to right", and at the end the result ("stopped") or still
    /// the progressive.
    pub fn at(&self, p: f64) -> &str {
        if p < 0.05 {
            return &self.start;
        }
        match &self.end {
            Some(end) if p > 0.95 => end,
            _ => &self.under_way,
        }
    }
}

/// "walks from left to right" with verb "walk" → "walking from left to right".
fn progressive(verb: &str, description: &str) -> Option<String> {
    let base = verb.split_whitespace().next()?;
    let mut words = description.split_whitespace();
    let first = words.next()?.to_lowercase();
    let third_person = [
        base.to_string(),
        format!("{base}s"),
        format!("{base}es"),
        format!("{}ies", base.strip_suffix('y').unwrap_or(base)),
    ];
    if !third_person.contains(&first) {
        return None;
    }
    let rest: Vec<&str> = words.collect();
    let head = gerund(base);
    Some(if rest.is_empty() {
        head
    } else {
        format!("{head} {}", rest.join(" "))
    })
}

/// The gerund of a (possibly multi-word) verb: "pick up" → "picking up".
fn gerund_phrase(verb: &str) -> String {
    let mut words = verb.split_whitespace();
    match words.next() {
        Some(first) => {
            let rest: Vec<&str> = words.collect();
            if rest.is_empty() {
                gerund(first)
            } else {
                format!("{} {}", gerund(first), rest.join(" "))
            }
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(verb: &str, description: &str) -> Action {
        serde_json::from_value(serde_json::json!({
            "entity": "e", "verb": verb, "description": description, "start_s": 0.0, "end_s": 1.0
        }))
        .unwrap_or_else(|e| panic!("test action: {e}"))
    }

    #[test]
    fn gerunds_follow_english_spelling() {
        for (v, g) in [
            ("walk", "walking"),
            ("wave", "waving"),
            ("run", "running"),
            ("lie", "lying"),
            ("see", "seeing"),
            ("ripen", "ripening"),
            ("open", "opening"),
            ("fly", "flying"),
            ("sit", "sitting"),
        ] {
            assert_eq!(gerund(v), g);
        }
    }

    #[test]
    fn an_action_reads_starting_then_under_way_then_its_result_or_still_under_way() {
        let walk = action("walk", "walks from left to right");
        let phases: Vec<String> = [0.0, 0.5, 1.0]
            .iter()
            .map(|&p| Phases::of(&walk).at(p).to_string())
            .collect();
        assert_eq!(
            phases,
            [
                "starting to walk",
                "walking from left to right",
                "walking from left to right"
            ]
        );
        let stop = action("stop", "stops");
        let phases: Vec<String> = [0.0, 0.5, 1.0]
            .iter()
            .map(|&p| Phases::of(&stop).at(p).to_string())
            .collect();
        assert_eq!(phases, ["slowing to a stop", "stopping", "stopped"]);
        let sit = action("sit down", "sits down on the bench");
        let sit = Phases::of(&sit);
        assert_eq!(sit.at(0.0), "starting to sit down");
        assert_eq!(sit.at(0.5), "sitting down on the bench");
        assert_eq!(sit.at(1.0), "seated");
    }
}
