//! The one naming rule of output directories, shared by `compile -o DIR` and `lower -o DIR`:
//! `storyboard.json`, `plan.json` and `meta.json` (the documents a command has), and the
//! payload named after its backend (`wan.json`, `comfy-schedule.txt`), or by its own names
//! when it is several files (`clip_01_s1.txt`, `clips.json`). A payload that is the plan
//! itself (the generic backend's) is written once, as `plan.json`.

use scenec::backend::{Payload, PayloadFile};
use scenec::ir::KeyframePlan;

/// Whether `payload` is `plan` itself, as the generic backend emits it.
pub fn is_plan(payload: &Payload, plan: &KeyframePlan) -> bool {
    matches!(payload, Payload::Json(value)
        if serde_json::to_value(plan).is_ok_and(|p| p == *value))
}

/// The files of `backend`'s `payload` in an output directory: none when it is the plan
/// (written as `plan.json` anyway), else named after the backend.
pub fn payload_files(backend: &str, payload: &Payload, plan: &KeyframePlan) -> Vec<PayloadFile> {
    if is_plan(payload, plan) {
        Vec::new()
    } else {
        payload.files(backend)
    }
}
