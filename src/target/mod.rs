//! Video targets as data: each backend's [`Profile`] (fps, frame-count rule, size, prompt
//! budget and tokenizer, accepted conditioning). Both `lower` (which respects the limits) and
//! `backend` (which writes the payloads) import this module; neither imports the other.

mod profile;
mod profiles;

pub use profile::{Conditioning, FrameRule, Profile, Tokenizer};
pub use profiles::{
    ALL, ATI, CAMERACTRL, CAMERACTRL_SVD, CAMERACTRL_SVD_XT, COGVIDEOX, COGVIDEOX_1_5,
    COMFY_SCHEDULE, DEFORUM, GENERIC, HUNYUAN, LTX, LVD, WAN, WAN_MOVE,
};

/// The profile of the backend called `name`, if there is one.
pub fn by_name(name: &str) -> Option<&'static Profile> {
    ALL.iter().find(|p| p.name == name)
}
