//! `--verify` of `lower` and `compile`: translation validation of the plan against its
//! storyboard, printed on standard error.

use scenec::ir::{KeyframePlan, Storyboard};
use scenec::validate::validate;

/// Prints what the plan fails to show of the storyboard (or that it shows everything);
/// true when it shows everything.
pub fn report(storyboard: &Storyboard, plan: &KeyframePlan) -> bool {
    let findings = validate(storyboard, plan);
    if findings.is_empty() {
        eprintln!(
            "verify: the {} plan shows every statement of the storyboard ({} keyframes)",
            plan.backend,
            plan.keyframes.len()
        );
        return true;
    }
    for f in &findings {
        eprintln!("verify: {f}");
    }
    eprintln!(
        "verify: the {} plan fails to show {} statement(s) of the storyboard",
        plan.backend,
        findings.len()
    );
    false
}
