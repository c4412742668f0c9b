//! A fast hasher for the language layer's word tables (lexicon sets, ambiguity classes,
//! the spelling vocabulary): FNV-1a, a few instructions a byte where the standard SipHash
//! costs about 150 instructions a short word. The keys are the project's own word lists,
//! not attacker-chosen, so hash flooding is no concern; nothing iterates these tables in
//! an order that reaches an output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the bytes written.
pub(crate) struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A hash map keyed by words.
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A hash set of words.
pub(crate) type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;
