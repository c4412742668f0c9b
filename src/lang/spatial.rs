//! The motion and placement vocabulary of the shared lexicon: verb classes that decide where
//! a mover starts and ends or whether it is on screen, words that grade a relation, and the
//! nouns that name the frame or the viewer. Data files in `lexicon/`, parsed once.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::lexicon::Lexicon;

/// A class of the motion and placement vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spatial {
    /// Verbs that hold a position ("sits next to the lamp": start and end there).
    Holding,
    /// Verbs after which "over X" means above X ("flies over the lake").
    Over,
    /// Verbs of coming into view ("appears", "emerges").
    Appearing,
    /// Verbs of going out of view ("vanishes", "leaves").
    Disappearing,
    /// Verbs that move their object to a place ("sets the vase on the sill").
    Placing,
    /// Placing verbs that raise their object ("lifts the lid off the pot").
    Lifting,
    /// Verbs of going past another entity ("overtakes a truck").
    Passing,
    /// Verbs that with only a place give the starting position ("starts in the lower left").
    Starting,
    /// Verbs that with a place give the final position ("ends up in front of it").
    Ending,
    /// Words that grade a relation or region ("high above", "the very center").
    Degree,
    /// Nouns naming the picture itself ("frame", "view").
    Frame,
    /// Nouns naming the one watching ("camera", "viewer").
    Viewer,
    /// Particles that make a following "to" a destination ("over to", "up to").
    Particle,
    /// Words that say their subject is off screen ("is gone").
    Gone,
    /// Verbs that go out of view with a particle after them ("fades away", "melts away").
    Fading,
}

/// What a region word says about a place in the frame (`lexicon/region_words.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionWord {
    /// The top of the frame ("top", "upper").
    Top,
    /// The bottom ("bottom", "lower").
    Bottom,
    /// The left.
    Left,
    /// The right.
    Right,
    /// The middle ("center", "middle").
    Center,
    /// Near the camera.
    Foreground,
    /// Far from the camera.
    Background,
    /// A stretch of a region ("side", "edge", "corner").
    Part,
    /// The far distance.
    Depth,
}

/// Every class with its list, parsed on first use.
static LISTS: LazyLock<HashMap<Spatial, HashSet<&'static str>>> = LazyLock::new(|| {
    [
        (Spatial::Holding, include_str!("lexicon/holding_verbs.txt")),
        (Spatial::Over, include_str!("lexicon/over_verbs.txt")),
        (
            Spatial::Appearing,
            include_str!("lexicon/appearing_verbs.txt"),
        ),
        (
            Spatial::Disappearing,
            include_str!("lexicon/disappearing_verbs.txt"),
        ),
        (Spatial::Placing, include_str!("lexicon/placing_verbs.txt")),
        (Spatial::Lifting, include_str!("lexicon/lifting_verbs.txt")),
        (Spatial::Passing, include_str!("lexicon/passing_verbs.txt")),
        (
            Spatial::Starting,
            include_str!("lexicon/starting_verbs.txt"),
        ),
        (Spatial::Ending, include_str!("lexicon/ending_verbs.txt")),
        (Spatial::Degree, include_str!("lexicon/degree_words.txt")),
        (Spatial::Frame, include_str!("lexicon/frame_nouns.txt")),
        (Spatial::Viewer, include_str!("lexicon/viewer_nouns.txt")),
        (Spatial::Gone, include_str!("lexicon/gone_words.txt")),
        (Spatial::Fading, include_str!("lexicon/fading_verbs.txt")),
        (
            Spatial::Particle,
            include_str!("lexicon/motion_particles.txt"),
        ),
    ]
    .into_iter()
    .map(|(class, text)| {
        let words = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        (class, words)
    })
    .collect()
});

/// Every region word with what it says.
static REGIONS: LazyLock<HashMap<&'static str, RegionWord>> = LazyLock::new(|| {
    include_str!("lexicon/region_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(word, value)| {
            let value = match value.trim() {
                "top" => RegionWord::Top,
                "bottom" => RegionWord::Bottom,
                "left" => RegionWord::Left,
                "right" => RegionWord::Right,
                "center" => RegionWord::Center,
                "foreground" => RegionWord::Foreground,
                "background" => RegionWord::Background,
                "part" => RegionWord::Part,
                "depth" => RegionWord::Depth,
                _ => return None,
            };
            Some((word, value))
        })
        .collect()
});

impl Lexicon {
    /// What the region word `word` says ("upper" → top, "edge" → a part), if it is one.
    pub fn region_word(&self, word: &str) -> Option<RegionWord> {
        REGIONS.get(word).copied()
    }

    /// Whether `word` (a verb's base form, or a plain word) belongs to the motion and
    /// placement class `class`.
    pub fn is_spatial(&self, class: Spatial, word: &str) -> bool {
        LISTS.get(&class).is_some_and(|s| s.contains(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon;

    #[test]
    fn every_class_has_its_words() {
        let lex = lexicon();
        for (class, word) in [
            (Spatial::Holding, "sit"),
            (Spatial::Over, "fly"),
            (Spatial::Appearing, "appear"),
            (Spatial::Disappearing, "vanish"),
            (Spatial::Placing, "put"),
            (Spatial::Lifting, "lift"),
            (Spatial::Passing, "overtake"),
            (Spatial::Starting, "start"),
            (Spatial::Ending, "end"),
            (Spatial::Degree, "far"),
            (Spatial::Frame, "frame"),
            (Spatial::Viewer, "camera"),
            (Spatial::Particle, "over"),
            (Spatial::Gone, "gone"),
            (Spatial::Fading, "fade"),
        ] {
            assert!(lex.is_spatial(class, word), "{class:?} {word}");
        }
        assert!(!lex.is_spatial(Spatial::Placing, "walk"));
        assert_eq!(lex.region_word("upper"), Some(RegionWord::Top));
        assert_eq!(lex.region_word("edge"), Some(RegionWord::Part));
        assert_eq!(lex.region_word("door"), None);
        assert!(!lex.is_spatial(Spatial::Frame, "# Nouns"));
    }
}
