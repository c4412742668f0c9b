//! LLM-grounded Video Diffusion (LVD): per clip, the "dynamic scene layout" its second stage
//! reads: six frames of named `[x, y, w, h]` boxes on a 512×512 canvas and a background
//! keyword, both as the dict `generation.lvd.run(parsed_layout, …)` takes and as the LLM
//! response text its cache file holds.
//!
//! Sources (LAYOUT-BACKENDS.md §1, [L1]): TonyLianLong/LLM-groundedVideoDiffusion@22d90d2
//! `utils/parse.py` (exactly six layout frames `"Frame 1"`…`"Frame 6"`, boxes
//! `[top-left x, y, width, height]` on `size = (512, 512)`, top-left origin, `"Background
//! keyword"` required; keyframe k of 6 at time k/5 of the clip; ids absent from a frame are
//! absent from the video there), `prompt.py` (template: six frames, two frames per second;
//! the LLM text form `Frame k: [{'id': …, 'name': …, 'box': […]}]`), `utils/cache.py` (cache
//! `{prompt without trailing ".": [response, …]}`), `generate.py` (Zeroscope needs
//! `num_frames` ≥ 24). The square layout is stretched to the video's 576×320. The camera has
//! no input of its own: its motion is already in the boxes.

use serde_json::{Map, Value, json};

use super::layout::{BoxSample, ClipLayout};
use super::{Backend, EmitError, Payload};
use crate::ir::{Clip, KeyframePlan};
use crate::target::{self, Profile};

/// Layout frames per clip.
const FRAMES: u32 = 6;
/// Side of LVD's square layout canvas in pixels.
const CANVAS: f64 = 512.0;

/// LVD on Zeroscope (576×320, 24 frames a clip).
#[derive(Debug, Clone, Copy, Default)]
pub struct Lvd;

impl Backend for Lvd {
    fn profile(&self) -> Profile {
        target::LVD
    }

    fn emit(&self, plan: &KeyframePlan) -> Result<Payload, EmitError> {
        let profile = self.profile();
        super::ensure_matches(&profile, plan)?;
        let mut cache = Map::new();
        let mut clips = Vec::with_capacity(plan.clips.len());
        for clip in &plan.clips {
            let (layout, response) = clip_layout(plan, clip);
            let key = clip.prompt.trim().trim_end_matches('.').to_string();
            if let Value::Array(list) = cache.entry(key).or_insert_with(|| json!([])) {
                list.push(Value::String(response.clone()));
            }
            clips.push(json!({
                "shot": clip.shot,
                "start_frame": clip.start_frame,
                "num_frames": clip.num_frames,
                "trim_end": clip.trim_end,
                "layout": layout,
                "response": response,
            }));
        }
        Ok(Payload::Json(json!({
            "backend": "lvd",
            "base_model": "zeroscope",
            "canvas": [CANVAS as u32, CANVAS as u32],
            "width": plan.width,
            "height": plan.height,
            "fps": plan.fps,
            "num_frames": profile.default_frames,
            "entry_point": "generation.lvd.run(layout, seed, num_frames = 24) after generation.lvd.init(base_model = \"zeroscope\"), or `cache` as the cache file generate.py reads",
            "clips": clips,
            "cache": cache,
        })))
    }
}

/// One clip's parsed layout (the dict `run()` takes) and the same layout as LLM text.
fn clip_layout(plan: &KeyframePlan, clip: &Clip) -> (Value, String) {
    let layout = ClipLayout::new(plan, clip);
    let instances = layout.instances();
    let background = plan
        .shots
        .iter()
        .find(|s| s.id == clip.shot)
        .map_or_else(String::new, |s| keyword(&s.setting));
    let prompt = clip.prompt.trim().trim_end_matches('.').to_string();
    let mut dict = Map::new();
    dict.insert("Prompt".into(), Value::String(prompt));
    let mut text = String::from("Reasoning: compiled by scenec from the storyboard's keyframes.\n");
    for k in 0..FRAMES {
        let frame = layout.frame_at(f64::from(k) / f64::from(FRAMES - 1));
        let objects: Vec<(usize, String, [i64; 4])> = instances
            .iter()
            .enumerate()
            .filter_map(|(i, &instance)| {
                let sample = layout.at(instance, frame).filter(|s| s.visible)?;
                Some((i, instance.name(), canvas_box(&sample)))
            })
            .collect();
        let json_objects: Vec<Value> = objects
            .iter()
            .map(|(i, name, b)| json!({"id": i, "name": name, "box": b}))
            .collect();
        dict.insert(format!("Frame {}", k + 1), Value::Array(json_objects));
        let literal: Vec<String> = objects
            .iter()
            .map(|(i, name, b)| {
                format!(
                    "{{'id': {i}, 'name': {}, 'box': [{}, {}, {}, {}]}}",
                    py_str(name),
                    b[0],
                    b[1],
                    b[2],
                    b[3]
                )
            })
            .collect();
        text.push_str(&format!("Frame {}: [{}]\n", k + 1, literal.join(", ")));
    }
    text.push_str(&format!("Background keyword: {background}"));
    dict.insert("Background keyword".into(), Value::String(background));
    (Value::Object(dict), text)
}

/// `[x, y, w, h]` on the 512×512 canvas: `round([x0, y0, x1 − x0, y1 − y0] · 512)`, kept
/// inside the canvas.
fn canvas_box(sample: &BoxSample) -> [i64; 4] {
    let [x0, y0, x1, y1] = sample.bbox.map(|v| v.clamp(0.0, 1.0) * CANVAS);
    let px = |v: f64| v.round() as i64;
    let side = CANVAS as i64;
    let (x, y) = (px(x0).min(side), px(y0).min(side));
    [x, y, px(x1 - x0).min(side - x), px(y1 - y0).min(side - y)]
}

/// The background keyword of a setting: without its leading article ("a bamboo forest
/// clearing" → "bamboo forest clearing").
fn keyword(setting: &str) -> String {
    let s = setting.trim().trim_end_matches('.');
    let lower = s.to_lowercase();
    for article in ["a ", "an ", "the "] {
        if let Some(rest) = lower
            .starts_with(article)
            .then(|| s.get(article.len()..))
            .flatten()
        {
            return rest.trim().to_string();
        }
    }
    s.to_string()
}

/// A Python string literal (`ast.literal_eval` reads it back).
fn py_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_drop_the_article_and_boxes_are_canvas_pixels() {
        assert_eq!(
            keyword("A bamboo forest clearing."),
            "bamboo forest clearing"
        );
        assert_eq!(keyword("night sky"), "night sky");
        let sample = BoxSample {
            bbox: [0.05, 0.55, 0.15, 0.70],
            visible: true,
        };
        assert_eq!(canvas_box(&sample), [26, 282, 51, 77]);
        assert_eq!(py_str("cat's toy"), "'cat\\'s toy'");
    }
}
