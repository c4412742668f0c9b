//! The lowering flags shared by `compile`, `batch` and `lower`: keyframe spacing and easing.

use clap::ValueEnum;
use scenec::ir::Easing;
use scenec::lower::LowerOptions;
use serde::Deserialize;

use super::bounds;

/// Easing on the command line and in `scenec.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EasingArg {
    /// Constant speed.
    Linear,
    /// Accelerate from rest.
    EaseIn,
    /// Decelerate to rest.
    EaseOut,
    /// Accelerate then decelerate.
    EaseInOut,
}

impl From<EasingArg> for Easing {
    fn from(e: EasingArg) -> Self {
        match e {
            EasingArg::Linear => Easing::Linear,
            EasingArg::EaseIn => Easing::EaseIn,
            EasingArg::EaseOut => Easing::EaseOut,
            EasingArg::EaseInOut => Easing::EaseInOut,
        }
    }
}

/// Lowering options, flattened into every command that lowers.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Lowering")]
pub struct LowerArgs {
    /// Longest gap between keyframes, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0, value_parser = bounds::keyframe_interval)]
    keyframe_interval: f64,
    /// Easing of camera moves and entity paths.
    #[arg(long, value_enum, default_value_t = EasingArg::EaseInOut)]
    easing: EasingArg,
}

impl LowerArgs {
    /// The lowering options these flags describe.
    pub fn options(&self) -> LowerOptions {
        LowerOptions {
            keyframe_interval_s: self.keyframe_interval,
            easing: self.easing.into(),
        }
    }
}
