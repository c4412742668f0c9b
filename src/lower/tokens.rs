//! Prompt token budgets: a conservative token estimate per text encoder, and trimming the
//! least important phrases first, never mid-word.
//!
//! No tokenizer files can ship with the crate (and `tiktoken-rs` only has OpenAI's BPEs), so
//! counts are a documented conservative estimate instead of a real tokenizer:
//!
//! `tokens = ⌈1.3 × Σ_words ⌈letters / 7⌉⌉ + punctuation marks + digits + special tokens`
//!
//! Every English word is at least one token in CLIP's 49k BPE and in T5's 32k SentencePiece
//! vocabulary; common words of up to 7 letters are usually exactly one, longer words split
//! into pieces of roughly 4–7 letters; the 30 % margin covers rarer words that split; CLIP
//! makes every punctuation mark its own token and T5 / umT5 usually do; both split digits.
//! Special tokens: CLIP's start and end tokens (77 positions hold 75 content tokens),
//! T5's end token.

use crate::target::Tokenizer;

/// The estimated number of tokens `text` takes in `tokenizer`, special tokens included.
pub fn estimate(tokenizer: Tokenizer, text: &str) -> usize {
    let mut word_units = 0usize;
    let mut other = 0usize;
    let mut letters = 0usize;
    for c in text.chars() {
        // ASCII (nearly every prompt character) by range tests, the rest by Unicode tables.
        let (alphabetic, counted) = if c.is_ascii() {
            let space = matches!(c, ' ' | '\t'..='\r');
            (c.is_ascii_alphabetic(), !space)
        } else {
            (c.is_alphabetic(), c.is_numeric() || !c.is_whitespace())
        };
        if alphabetic {
            letters += 1;
            continue;
        }
        word_units += letters.div_ceil(7);
        letters = 0;
        if counted {
            other += 1;
        }
    }
    word_units += letters.div_ceil(7);
    (word_units * 13).div_ceil(10) + other + special_tokens(tokenizer)
}

/// Start/end tokens the encoder adds to every text.
pub fn special_tokens(tokenizer: Tokenizer) -> usize {
    match tokenizer {
        Tokenizer::Clip => 2,
        Tokenizer::T5 => 1,
        Tokenizer::Llm => 1,
    }
}

/// A piece of a prompt: a clause of a sentence with an importance rank.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// Which sentence the clause belongs to (clauses of one sentence are joined).
    pub sentence: usize,
    /// The clause text, without final punctuation.
    pub text: String,
    /// What goes between this clause and the previous kept clause of its sentence.
    pub sep: &'static str,
    /// 0 = most important; the highest ranks are dropped first.
    pub rank: u8,
}

/// Renders phrases as sentences: clauses joined by their separators, the first letter
/// capitalized, a full stop at the end; sentences joined by spaces.
pub fn render(phrases: &[Phrase], keep: &[bool]) -> String {
    let mut out = String::new();
    let mut current: Option<usize> = None;
    for (p, _) in phrases
        .iter()
        .zip(keep)
        .filter(|(p, k)| **k && !p.text.is_empty())
    {
        if current != Some(p.sentence) {
            if current.is_some() {
                out.push_str(". ");
            }
            current = Some(p.sentence);
            push_capitalized(&mut out, &p.text);
        } else {
            out.push_str(p.sep);
            out.push_str(&p.text);
        }
    }
    if current.is_some() {
        out.push('.');
    }
    out
}

/// The prompt the phrases make within `limit` tokens: drops whole clauses from the highest
/// rank down (later clauses first within a rank); if the most important clauses alone are
/// still too long, cuts whole words from the end.
pub fn fit(phrases: &[Phrase], tokenizer: Tokenizer, limit: usize) -> String {
    let mut keep = vec![true; phrases.len()];
    let mut text = render(phrases, &keep);
    if estimate(tokenizer, &text) <= limit {
        return text;
    }
    let mut order: Vec<usize> = (0..phrases.len()).collect();
    order.sort_by(|&a, &b| phrases[b].rank.cmp(&phrases[a].rank).then(b.cmp(&a)));
    for i in order {
        if phrases[i].rank == 0 {
            break;
        }
        keep[i] = false;
        text = render(phrases, &keep);
        if estimate(tokenizer, &text) <= limit {
            return text;
        }
    }
    cut_words(&text, tokenizer, limit)
}

/// The longest prefix of whole words of `text` within `limit` tokens.
pub fn cut_words(text: &str, tokenizer: Tokenizer, limit: usize) -> String {
    let mut end = text.len();
    loop {
        let candidate = text[..end].trim_end_matches([',', ' ', '.', ';', ':']);
        if candidate.is_empty() || estimate(tokenizer, candidate) <= limit {
            return candidate.to_string();
        }
        end = candidate.rfind(' ').unwrap_or(0);
    }
}

/// Appends `text` to `out` with its first letter upper-cased.
fn push_capitalized(out: &mut String, text: &str) {
    let mut chars = text.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_estimate_covers_the_known_count_of_a_photo_of_a_cat() {
        // CLIP's BPE encodes "a photo of a cat" as 5 content tokens (+ start and end).
        let n = estimate(Tokenizer::Clip, "a photo of a cat");
        assert!((7..=10).contains(&n), "{n}");
    }

    #[test]
    fn every_word_and_punctuation_mark_counts_at_least_once() {
        let text = "a giant panda, with black-and-white fur.";
        // 7 words + 4 marks + start/end.
        assert!(estimate(Tokenizer::Clip, text) >= 7 + 4 + 2);
        assert!(estimate(Tokenizer::T5, "photorealistic") >= 3);
        assert_eq!(estimate(Tokenizer::T5, ""), 1);
    }

    #[test]
    fn fit_drops_the_least_important_clause_first_and_never_cuts_a_word() {
        let phrases = vec![
            Phrase {
                sentence: 0,
                text: "a red fox".into(),
                sep: "",
                rank: 0,
            },
            Phrase {
                sentence: 0,
                text: "running through deep snow".into(),
                sep: ", ",
                rank: 1,
            },
            Phrase {
                sentence: 1,
                text: "cinematic film still with warm golden light".into(),
                sep: "",
                rank: 6,
            },
        ];
        let full = fit(&phrases, Tokenizer::T5, 200);
        assert_eq!(
            full,
            "A red fox, running through deep snow. Cinematic film still with warm golden light."
        );
        let short = fit(&phrases, Tokenizer::T5, 14);
        assert_eq!(short, "A red fox, running through deep snow.");
        let cut = fit(&phrases, Tokenizer::T5, 4);
        assert_eq!(cut, "A red");
    }
}
