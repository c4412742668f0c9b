//! Size limits of a storyboard. They are enforced first, in linear time, so an absurd
//! document is rejected before any pass that is quadratic in a shot's contents.

/// Largest storyboard file the CLI reads, in bytes (16 MiB), checked before parsing:
/// parsed, a storyboard takes about 23 times its size in memory, and one at every count
/// limit below with ordinary texts is about 5 MB.
pub const MAX_STORYBOARD_BYTES: u64 = 16 << 20;

/// Most shots a storyboard may have.
pub const MAX_SHOTS: usize = 200;
/// Longest video, in seconds (one hour).
pub const MAX_DURATION_S: f64 = 3600.0;
/// Most entities a storyboard may have.
pub const MAX_ENTITIES: usize = 100;
/// Most actions, and separately most camera moves and most cast entries, one shot may have.
pub const MAX_ITEMS_PER_SHOT: usize = 100;
/// Longest free text (title, style, setting, descriptions, verbs, states), in characters.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Longest id (entity ids, shot ids, references to them), in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Most instances one entity may have (`count`); more is a crowd, one `crowd` entity.
pub const MAX_COUNT: u32 = 12;
