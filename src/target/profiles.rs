//! Every backend's profile, as data. The emitters (one file per backend) cite the same sources
//! (BACKENDS.md keys) next to the payload formats they write.

use super::profile::{Conditioning, FrameRule, Profile, Tokenizer};

/// The backend-neutral target: 16 fps, 832×480, any clip length; its payload is the plan.
pub const GENERIC: Profile = Profile {
    name: "generic",
    fps: 16,
    frame_rule: FrameRule::Any,
    default_frames: None,
    max_frames: None,
    width: 832,
    height: 480,
    resolutions: &[(832, 480)],
    prompt_token_limit: 512,
    tokenizer: Tokenizer::T5,
    conditioning: &[Conditioning::KeyframePlan],
    source: "scenec's own plan format (DESIGN.md)",
};

/// Wan2.1 / Wan2.2 A14B at 832×480: 4n+1 frames at 16 fps, at most 81.
pub const WAN: Profile = Profile {
    name: "wan",
    fps: 16,
    frame_rule: FrameRule::StepPlusOne { step: 4 },
    default_frames: Some(81),
    max_frames: Some(81),
    width: 832,
    height: 480,
    resolutions: &[(1280, 720), (720, 1280), (832, 480), (480, 832)],
    prompt_token_limit: 512,
    tokenizer: Tokenizer::T5,
    conditioning: &[
        Conditioning::ClipPrompt,
        Conditioning::FirstFrame,
        Conditioning::FirstLastFrame,
    ],
    source: "BACKENDS.md [S5] Wan-Video/Wan2.1@9737cba generate.py, wan/configs; [S6] Wan2.2@42bf4cf",
};

/// LTX-Video 0.9.x at 1216×704, 30 fps, 8n+1 frames.
pub const LTX: Profile = Profile {
    name: "ltx",
    fps: 30,
    frame_rule: FrameRule::StepPlusOne { step: 8 },
    default_frames: Some(121),
    max_frames: Some(257),
    width: 1216,
    height: 704,
    resolutions: &[(1216, 704), (704, 1216), (768, 512), (512, 768)],
    prompt_token_limit: 128,
    tokenizer: Tokenizer::T5,
    conditioning: &[Conditioning::ClipPrompt, Conditioning::FramesAtIndex],
    source: "BACKENDS.md [S7] Lightricks/LTX-Video@5260738 inference.py, pipeline_ltx_video.py; [S12] diffusers ltx pipelines",
};

const COGVIDEOX_CONDITIONING: &[Conditioning] =
    &[Conditioning::ClipPrompt, Conditioning::FirstFrame];
const COGVIDEOX_SOURCE: &str = "BACKENDS.md [S8] THUDM/CogVideo@e519ece README, inference/cli_demo.py; [S12] diffusers pipeline_cogvideox.py";

/// CogVideoX 1.0: 49 frames (8N+1, N ≤ 6) at 8 fps, 720×480, 226 T5 tokens.
pub const COGVIDEOX: Profile = Profile {
    name: "cogvideox",
    fps: 8,
    frame_rule: FrameRule::StepPlusOne { step: 8 },
    default_frames: Some(49),
    max_frames: Some(49),
    width: 720,
    height: 480,
    resolutions: &[(720, 480)],
    prompt_token_limit: 226,
    tokenizer: Tokenizer::T5,
    conditioning: COGVIDEOX_CONDITIONING,
    source: COGVIDEOX_SOURCE,
};

/// CogVideoX 1.5: 16N+1 frames (N ≤ 10) at 16 fps, 1360×768, 224 tokens.
pub const COGVIDEOX_1_5: Profile = Profile {
    name: "cogvideox-1.5",
    fps: 16,
    frame_rule: FrameRule::StepPlusOne { step: 16 },
    default_frames: Some(81),
    max_frames: Some(161),
    width: 1360,
    height: 768,
    resolutions: &[(1360, 768)],
    prompt_token_limit: 224,
    tokenizer: Tokenizer::T5,
    conditioning: COGVIDEOX_CONDITIONING,
    source: COGVIDEOX_SOURCE,
};

/// HunyuanVideo at 1280×720: 4n+1 frames at 24 fps, at most 129.
pub const HUNYUAN: Profile = Profile {
    name: "hunyuan",
    fps: 24,
    frame_rule: FrameRule::StepPlusOne { step: 4 },
    default_frames: Some(129),
    max_frames: Some(129),
    width: 1280,
    height: 720,
    resolutions: &[
        (1280, 720),
        (720, 1280),
        (1104, 832),
        (832, 1104),
        (960, 960),
        (960, 544),
        (544, 960),
        (832, 624),
        (624, 832),
        (720, 720),
    ],
    prompt_token_limit: 256,
    tokenizer: Tokenizer::Llm,
    conditioning: &[Conditioning::ClipPrompt],
    source: "BACKENDS.md [S9] Tencent/HunyuanVideo@fa14b00 hyvideo/config.py, sample_video.py",
};

/// Deforum in 3D animation mode at 512×512, 15 fps.
pub const DEFORUM: Profile = Profile {
    name: "deforum",
    fps: 15,
    frame_rule: FrameRule::Any,
    default_frames: Some(120),
    max_frames: None,
    width: 512,
    height: 512,
    resolutions: &[(512, 512)],
    prompt_token_limit: 77,
    tokenizer: Tokenizer::Clip,
    conditioning: &[Conditioning::PromptSchedule, Conditioning::MotionSchedule],
    source: "BACKENDS.md [S1] deforum-art/sd-webui-deforum@3224268 args.py, animation_key_frames.py, animation.py, default_settings.txt",
};

/// FizzNodes batch prompt schedule for an AnimateDiff / SD workflow at 512×512, 8 fps.
pub const COMFY_SCHEDULE: Profile = Profile {
    name: "comfy-schedule",
    fps: 8,
    frame_rule: FrameRule::Any,
    default_frames: Some(120),
    max_frames: None,
    width: 512,
    height: 512,
    resolutions: &[(512, 512)],
    prompt_token_limit: 77,
    tokenizer: Tokenizer::Clip,
    conditioning: &[Conditioning::PromptSchedule],
    source: "BACKENDS.md [S3] FizzleDorf/ComfyUI_FizzNodes@7d6ea60 ScheduleFuncs.py, BatchFuncs.py; [S13] AnimateDiff 8 fps",
};

const CAMERACTRL_SOURCE: &str = "BACKENDS.md [S15] hehao13/CameraCtrl@af45a7a (main, svd) dataset.py, inference.py; [S16] google/realestate10k";
const CAMERACTRL_CONDITIONING: &[Conditioning] =
    &[Conditioning::CameraPoses, Conditioning::ClipPrompt];

/// CameraCtrl, AnimateDiff (SD 1.5) branch: exactly 16 frames at 384×256, 8 fps.
pub const CAMERACTRL: Profile = cameractrl("cameractrl", 8, 16, 384, 256);

/// CameraCtrl, Stable Video Diffusion branch: exactly 14 frames at 576×320, 7 fps.
pub const CAMERACTRL_SVD: Profile = cameractrl("cameractrl-svd", 7, 14, 576, 320);

/// CameraCtrl, Stable Video Diffusion XT branch: exactly 25 frames at 576×320, 7 fps.
pub const CAMERACTRL_SVD_XT: Profile = cameractrl("cameractrl-svd-xt", 7, 25, 576, 320);

const fn cameractrl(name: &'static str, fps: u32, frames: u32, width: u32, height: u32) -> Profile {
    Profile {
        name,
        fps,
        frame_rule: FrameRule::Fixed { frames },
        default_frames: Some(frames),
        max_frames: Some(frames),
        width,
        height,
        resolutions: if width == 384 {
            &[(384, 256)]
        } else {
            &[(576, 320)]
        },
        prompt_token_limit: 77,
        tokenizer: Tokenizer::Clip,
        conditioning: CAMERACTRL_CONDITIONING,
        source: CAMERACTRL_SOURCE,
    }
}

const WAN_I2V_SIZES: &[(u32, u32)] = &[(832, 480), (480, 832)];
const TRACK_CONDITIONING: &[Conditioning] = &[
    Conditioning::PointTracks,
    Conditioning::FirstFrame,
    Conditioning::ClipPrompt,
];

/// Wan-Move (Wan2.1-I2V-14B): one track point per output frame, 4n+1 frames at 16 fps, at
/// most 81, 832×480.
pub const WAN_MOVE: Profile = Profile {
    name: "wan-move",
    fps: 16,
    frame_rule: FrameRule::StepPlusOne { step: 4 },
    default_frames: Some(81),
    max_frames: Some(81),
    width: 832,
    height: 480,
    resolutions: WAN_I2V_SIZES,
    prompt_token_limit: 512,
    tokenizer: Tokenizer::T5,
    conditioning: TRACK_CONDITIONING,
    source: "LAYOUT-BACKENDS.md [L8] ali-vilab/Wan-Move@27409be generate.py, wan/wan_move.py, wan/modules/trajectory.py; [L9] comfyanonymous/ComfyUI@1bfd7ab comfy_extras/nodes_wanmove.py; [L11] docs.comfy.org Wan-Move",
};

/// ATI (Wan2.1-I2V-14B): 121 track samples spanning each clip, 4n+1 frames at 16 fps, at
/// most 81, 832×480.
pub const ATI: Profile = Profile {
    name: "ati",
    fps: 16,
    frame_rule: FrameRule::StepPlusOne { step: 4 },
    default_frames: Some(81),
    max_frames: Some(81),
    width: 832,
    height: 480,
    resolutions: WAN_I2V_SIZES,
    prompt_token_limit: 512,
    tokenizer: Tokenizer::T5,
    conditioning: TRACK_CONDITIONING,
    source: "LAYOUT-BACKENDS.md [L4] bytedance/ATI@168b443 wan/utils/motion.py, generate.py; [L6] kijai/ComfyUI-WanVideoWrapper ATI/nodes.py; [L7] Comfy-Org/ComfyUI@679f171 comfy_extras/nodes_wan.py",
};

/// LLM-grounded Video Diffusion on Zeroscope: six layout frames of named boxes on a 512×512
/// canvas per clip of exactly 24 frames at 576×320; 8 fps (derived: the template's six
/// frames at two per second span 3 s).
pub const LVD: Profile = Profile {
    name: "lvd",
    fps: 8,
    frame_rule: FrameRule::Fixed { frames: 24 },
    default_frames: Some(24),
    max_frames: Some(24),
    width: 576,
    height: 320,
    resolutions: &[(576, 320)],
    prompt_token_limit: 77,
    tokenizer: Tokenizer::Clip,
    conditioning: &[Conditioning::BoxLayout, Conditioning::ClipPrompt],
    source: "LAYOUT-BACKENDS.md [L1] TonyLianLong/LLM-groundedVideoDiffusion@22d90d2 utils/parse.py, prompt.py, generate.py, generation/lvd.py",
};

/// Every profile, in the order `scenec backends` lists them.
pub const ALL: &[Profile] = &[
    GENERIC,
    WAN,
    LTX,
    COGVIDEOX,
    COGVIDEOX_1_5,
    HUNYUAN,
    DEFORUM,
    COMFY_SCHEDULE,
    CAMERACTRL,
    CAMERACTRL_SVD,
    CAMERACTRL_SVD_XT,
    WAN_MOVE,
    ATI,
    LVD,
];
