//! State changes: the prompt of the keyframe where a state-changing action starts names the
//! state before, the one where it ends names the state after (for the actor and for the
//! object it changes).

use crate::ir::KeyframePlan;

use super::timing::ShotView;
use super::{Finding, codes};

/// Every state change of the shot.
pub fn check(plan: &KeyframePlan, view: &ShotView<'_>, out: &mut Vec<Finding>) {
    let base = format!("/shots/{}/actions", view.index);
    for (j, a) in view.shot.actions.iter().enumerate() {
        let mut changes = vec![
            (
                a.entity.as_str(),
                a.state_from.as_deref(),
                a.start_s,
                format!("{base}/{j}/state_from"),
            ),
            (
                a.entity.as_str(),
                a.state_to.as_deref(),
                a.end_s,
                format!("{base}/{j}/state_to"),
            ),
        ];
        if let Some(o) = &a.object {
            changes.push((
                o.entity.as_str(),
                o.state_from.as_deref(),
                a.start_s,
                format!("{base}/{j}/object/state_from"),
            ));
            changes.push((
                o.entity.as_str(),
                o.state_to.as_deref(),
                a.end_s,
                format!("{base}/{j}/object/state_to"),
            ));
        }
        for (id, state, t, pointer) in changes {
            let Some(state) = state.map(str::trim).filter(|s| !s.is_empty()) else {
                continue;
            };
            let Some(k) = view.keyframe_at(plan, t) else {
                continue;
            };
            let kf = &plan.keyframes[k];
            let shown = kf.entities.iter().any(|e| e.id == id && e.visible);
            if shown && !kf.prompt.to_lowercase().contains(&state.to_lowercase()) {
                out.push(
                    Finding::new(
                        codes::STATE_NOT_SHOWN,
                        pointer,
                        format!("the keyframe prompt does not name `{id}`'s state \"{state}\""),
                    )
                    .at(plan, k),
                );
            }
        }
    }
}
