//! Feature hashing and word normalisation shared by the tagger, parser and labeller.
//!
//! A feature is a template number and a few parts (word hashes, tags, numbers) mixed into
//! a 32-bit key. The hash is fixed here (FNV-1a for strings, a SplitMix64 finaliser for
//! mixing), so the same data gives the same keys on every machine and every build.

/// FNV-1a over the bytes of a string.
pub(crate) fn str_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// SplitMix64's finaliser: a strong, fixed mixing of 64 bits.
const fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The mixed start of every template's keys, computed at compile time (a feature key costs
/// one mixing a part instead of one more for its template number).
const SEEDS: [u64; 256] = {
    let mut seeds = [0; 256];
    let mut t = 0;
    while t < 256 {
        seeds[t] = finalize((t as u64).wrapping_add(0x9e37_79b9_7f4a_7c15));
        t += 1;
    }
    seeds
};

/// The key of feature `template` over `parts`; never 0 (0 marks an empty table slot).
#[inline]
pub(crate) fn key(template: u8, parts: &[u64]) -> u32 {
    let mut h = SEEDS[usize::from(template)];
    for &p in parts {
        h = finalize(h ^ p);
    }
    let k = (h ^ (h >> 32)) as u32;
    k.max(1)
}

/// A word as the models see it: lower case, typographic quotes made plain, numbers folded.
pub(crate) fn normalize(word: &str) -> String {
    let plain: String = word
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{00ab}' | '\u{00bb}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    if digits == 4 && plain.chars().count() == 4 {
        "!year".to_string()
    } else if digits > 0 && plain.starts_with(|c: char| c.is_ascii_digit()) {
        if plain
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            "!digits".to_string()
        } else {
            // "3rd", "10s", "30s": keep the letters, fold the digits.
            plain
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .fold("!0".to_string(), |mut s, c| {
                    s.push(c);
                    s
                })
        }
    } else {
        plain
    }
}

/// The shape of a word: runs of upper case, lower case, digits and other characters,
/// each run written once ("Al-Zaman" → "Xx-Xx", "2014" → "d"), at most six symbols.
pub(crate) fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else if c.is_ascii() {
            c
        } else {
            'o'
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
            if out.chars().count() >= 6 {
                break;
            }
        }
    }
    out
}

/// The last `n` characters of `s` (all of it when shorter).
pub(crate) fn suffix(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` characters of `s` (all of it when shorter).
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// A small deterministic random stream (SplitMix64) for shuffling and exploration while
/// training: written out here so that a retrain gives the same bytes whatever crate
/// versions are resolved.
pub(crate) struct SplitMix(u64);

impl SplitMix {
    /// A stream from a seed.
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        finalize(self.0)
    }

    /// A number in `0..n` (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_quotes_and_numbers() {
        assert_eq!(normalize("Don\u{2019}t"), "don't");
        assert_eq!(normalize("2014"), "!year");
        assert_eq!(normalize("1,000"), "!digits");
        assert_eq!(normalize("3rd"), "!0rd");
        assert_eq!(normalize("Panda"), "panda");
    }

    #[test]
    fn shape_and_affixes() {
        assert_eq!(shape("Al-Zaman"), "Xx-Xx");
        assert_eq!(shape("2014"), "d");
        assert_eq!(suffix("walks", 3), "lks");
        assert_eq!(suffix("a", 3), "a");
        assert_eq!(prefix("été", 2), "ét");
    }

    #[test]
    fn keys_are_stable_and_never_zero() {
        assert_eq!(key(1, &[str_hash("cat")]), key(1, &[str_hash("cat")]));
        assert_ne!(key(1, &[str_hash("cat")]), key(2, &[str_hash("cat")]));
        assert_ne!(key(0, &[]), 0);
    }
}
