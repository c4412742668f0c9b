//! The dependency parser: arc-eager transitions chosen greedily by an averaged perceptron,
//! trained with Goldberg and Nivre's dynamic oracle (it learns to recover from its own
//! mistakes), over the feature set of Zhang and Nivre (2011) without label features.

use super::features::{SplitMix, key, normalize, str_hash, suffix};
use super::perceptron::{Scorer, Trainer};
use super::upos::Upos;

/// Move the next word onto the stack.
const SHIFT: usize = 0;
/// Pop the top of the stack (it has its head).
const REDUCE: usize = 1;
/// The next word becomes the head of the top of the stack, which is popped.
const LEFT: usize = 2;
/// The top of the stack becomes the head of the next word, which is pushed.
const RIGHT: usize = 3;
/// Number of moves.
pub(crate) const MOVES: usize = 4;
/// "No word".
const NO: usize = usize::MAX;

/// What the parser reads of each word; index 0 is the artificial root.
pub(crate) struct ParseInput {
    words: Vec<u64>,
    tags: Vec<u64>,
    fine: Vec<u64>,
    suffixes: Vec<u64>,
}

/// A finer tag: the part of speech and the inflection its ending shows ("-ing", "-ed" or
/// "-en", "-s", "-er", "-est"), close to the treebank's Penn tags (VBG, VBD/VBN, VBZ/NNS,
/// JJR, JJS) that the tagger does not predict.
fn fine_tag(norm: &str, tag: Upos) -> u64 {
    let inflects = matches!(
        tag,
        Upos::Verb | Upos::Aux | Upos::Noun | Upos::Propn | Upos::Adj | Upos::Adv
    );
    let ending = if !inflects {
        0
    } else if norm.ends_with("ing") {
        1
    } else if norm.ends_with("ed") || norm.ends_with("en") {
        2
    } else if norm.ends_with("est") {
        5
    } else if norm.ends_with('s') {
        3
    } else if norm.ends_with("er") {
        4
    } else {
        0
    };
    tag.index() as u64 * 8 + ending
}

impl ParseInput {
    /// The parser's view of a tagged sentence.
    pub(crate) fn new(forms: &[&str], tags: &[Upos]) -> Self {
        let mut words = vec![0x524f_4f54];
        let mut ts = vec![18];
        let mut suffixes = vec![0x524f_4f54];
        let mut fine = vec![18 * 8];
        for (f, &t) in forms.iter().zip(tags) {
            let norm = normalize(f);
            words.push(str_hash(&norm));
            suffixes.push(str_hash(suffix(&norm, 3)));
            ts.push(t.index() as u64);
            fine.push(fine_tag(&norm, t));
        }
        ParseInput {
            words,
            tags: ts,
            fine,
            suffixes,
        }
    }

    /// Number of words (without the root).
    pub(crate) fn len(&self) -> usize {
        self.words.len() - 1
    }

    fn w(&self, i: usize) -> u64 {
        if i == NO { 0x4e4f_4e45 } else { self.words[i] }
    }

    fn t(&self, i: usize) -> u64 {
        if i == NO { 19 } else { self.tags[i] }
    }

    fn ft(&self, i: usize) -> u64 {
        if i == NO { 19 * 8 } else { self.fine[i] }
    }

    /// The word hash, tag and ending of word `i` (0 = root), for the labeller.
    pub(crate) fn word(&self, i: usize) -> (u64, u64, u64) {
        (self.words[i], self.tags[i], self.suffixes[i])
    }
}

/// A parser configuration: stack, next word, arcs so far.
struct State {
    n: usize,
    stack: Vec<usize>,
    next: usize,
    heads: Vec<usize>,
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    on_stack: Vec<bool>,
}

impl State {
    fn new(n: usize) -> Self {
        let mut on_stack = vec![false; n + 1];
        on_stack[0] = true;
        State {
            n,
            stack: vec![0],
            next: 1,
            heads: vec![NO; n + 1],
            left: vec![[NO; 2]; n + 1],
            right: vec![[NO; 2]; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
            on_stack,
        }
    }

    fn done(&self) -> bool {
        self.next > self.n
    }

    fn s(&self, k: usize) -> usize {
        self.stack
            .len()
            .checked_sub(k + 1)
            .map_or(NO, |i| self.stack[i])
    }

    fn b(&self, k: usize) -> usize {
        let i = self.next + k;
        if i <= self.n { i } else { NO }
    }

    fn valid(&self, m: usize) -> bool {
        let s0 = self.s(0);
        let buffer = !self.done();
        match m {
            SHIFT => buffer,
            REDUCE => s0 != NO && s0 != 0 && self.heads[s0] != NO,
            LEFT => buffer && s0 != NO && s0 != 0 && self.heads[s0] == NO,
            RIGHT => buffer && s0 != NO,
            _ => false,
        }
    }

    fn arc(&mut self, h: usize, d: usize) {
        self.heads[d] = h;
        if d < h {
            let l = &mut self.left[h];
            if l[0] == NO || d < l[0] {
                l[1] = l[0];
                l[0] = d;
            } else if l[1] == NO || d < l[1] {
                l[1] = d;
            }
            self.n_left[h] = self.n_left[h].saturating_add(1);
        } else {
            let r = &mut self.right[h];
            if r[0] == NO || d > r[0] {
                r[1] = r[0];
                r[0] = d;
            } else if r[1] == NO || d > r[1] {
                r[1] = d;
            }
            self.n_right[h] = self.n_right[h].saturating_add(1);
        }
    }

    fn apply(&mut self, m: usize) {
        let s0 = self.s(0);
        let b0 = self.next;
        match m {
            SHIFT => {
                self.stack.push(b0);
                self.on_stack[b0] = true;
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
                self.on_stack[s0] = false;
            }
            LEFT => {
                self.arc(b0, s0);
                self.stack.pop();
                self.on_stack[s0] = false;
            }
            _ => {
                self.arc(s0, b0);
                self.stack.push(b0);
                self.on_stack[b0] = true;
                self.next += 1;
            }
        }
    }

    /// The number of gold arcs move `m` makes unreachable (Goldberg and Nivre 2012).
    fn cost(&self, m: usize, gold: &[usize]) -> usize {
        let s0 = self.s(0);
        let b0 = self.next;
        let buffer = b0..=self.n;
        match m {
            SHIFT => self
                .stack
                .iter()
                .filter(|&&k| gold[b0] == k || (k != 0 && gold[k] == b0 && self.heads[k] == NO))
                .count(),
            REDUCE => buffer.filter(|&k| gold[k] == s0).count(),
            LEFT => {
                let head_ahead = usize::from(gold[s0] != b0 && gold[s0] > b0);
                head_ahead + buffer.filter(|&k| gold[k] == s0).count()
            }
            _ => {
                let h = gold[b0];
                let head_lost = h != s0 && (self.on_stack[h] || h > b0);
                usize::from(head_lost)
                    + self
                        .stack
                        .iter()
                        .filter(|&&k| k != 0 && gold[k] == b0 && self.heads[k] == NO)
                        .count()
            }
        }
    }

    fn features(&self, x: &ParseInput, out: &mut Vec<u32>) {
        out.clear();
        let at = |i: usize, t: &[usize]| if i == NO { NO } else { t[i] };
        let child = |i: usize, t: &[[usize; 2]], k: usize| if i == NO { NO } else { t[i][k] };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.b(0), self.b(1), self.b(2));
        let s0h = at(s0, &self.heads);
        let s0h2 = at(s0h, &self.heads);
        let (s0l, s0l2) = (child(s0, &self.left, 0), child(s0, &self.left, 1));
        let (s0r, s0r2) = (child(s0, &self.right, 0), child(s0, &self.right, 1));
        let (b0l, b0l2) = (child(b0, &self.left, 0), child(b0, &self.left, 1));
        let (w, t, ft) = (|i| x.w(i), |i| x.t(i), |i| x.ft(i));
        let dist = if s0 != NO && b0 != NO {
            match b0 - s0 {
                d @ 0..=4 => d as u64,
                5..=7 => 5,
                _ => 6,
            }
        } else {
            0
        };
        let vl = |i: usize| {
            if i == NO {
                99
            } else {
                u64::from(self.n_left[i])
            }
        };
        let vr = |i: usize| {
            if i == NO {
                99
            } else {
                u64::from(self.n_right[i])
            }
        };
        let sfx = |i: usize| if i == NO { 0 } else { x.suffixes[i] };
        // Punctuation marks and verbs between the top of the stack and the next word.
        let between = if s0 != NO && b0 != NO && s0 > 0 {
            let (mut punct, mut verbs) = (0u64, 0u64);
            for k in s0 + 1..b0 {
                punct += u64::from(x.tags[k] == Upos::Punct.index() as u64);
                verbs += u64::from(x.tags[k] == Upos::Verb.index() as u64);
            }
            (punct.min(3), verbs.min(2))
        } else {
            (9, 9)
        };
        let next_to = |i: usize| if i == NO || i >= self.n { NO } else { i + 1 };
        let prev_to = |i: usize| if i == NO || i <= 1 { NO } else { i - 1 };
        let f = [
            key(1, &[w(s0)]),
            key(2, &[t(s0)]),
            key(3, &[w(s0), t(s0)]),
            key(4, &[w(b0)]),
            key(5, &[t(b0)]),
            key(6, &[w(b0), t(b0)]),
            key(7, &[w(b1)]),
            key(8, &[t(b1)]),
            key(9, &[w(b1), t(b1)]),
            key(10, &[w(b2)]),
            key(11, &[t(b2)]),
            key(12, &[w(b2), t(b2)]),
            key(13, &[w(s0), t(s0), w(b0), t(b0)]),
            key(14, &[w(s0), t(s0), w(b0)]),
            key(15, &[w(s0), w(b0), t(b0)]),
            key(16, &[w(s0), t(s0), t(b0)]),
            key(17, &[t(s0), w(b0), t(b0)]),
            key(18, &[w(s0), w(b0)]),
            key(19, &[t(s0), t(b0)]),
            key(20, &[t(b0), t(b1)]),
            key(21, &[t(b0), t(b1), t(b2)]),
            key(22, &[t(s0), t(b0), t(b1)]),
            key(23, &[t(s0h), t(s0), t(b0)]),
            key(24, &[t(s0), t(s0l), t(b0)]),
            key(25, &[t(s0), t(s0r), t(b0)]),
            key(26, &[t(s0), t(b0), t(b0l)]),
            key(27, &[w(s0), dist]),
            key(28, &[t(s0), dist]),
            key(29, &[w(b0), dist]),
            key(30, &[t(b0), dist]),
            key(31, &[w(s0), w(b0), dist]),
            key(32, &[t(s0), t(b0), dist]),
            key(33, &[w(s0), vr(s0)]),
            key(34, &[t(s0), vr(s0)]),
            key(35, &[w(s0), vl(s0)]),
            key(36, &[t(s0), vl(s0)]),
            key(37, &[w(b0), vl(b0)]),
            key(38, &[t(b0), vl(b0)]),
            key(39, &[w(s0h)]),
            key(40, &[t(s0h)]),
            key(41, &[w(s0l)]),
            key(42, &[t(s0l)]),
            key(43, &[w(s0r)]),
            key(44, &[t(s0r)]),
            key(45, &[w(b0l)]),
            key(46, &[t(b0l)]),
            key(47, &[w(s0h2)]),
            key(48, &[t(s0h2)]),
            key(49, &[w(s0l2)]),
            key(50, &[t(s0l2)]),
            key(51, &[w(s0r2)]),
            key(52, &[t(s0r2)]),
            key(53, &[w(b0l2)]),
            key(54, &[t(b0l2)]),
            key(55, &[t(s0), t(s0h), t(s0h2)]),
            key(56, &[t(s0), t(s0l), t(s0l2)]),
            key(57, &[t(s0), t(s0r), t(s0r2)]),
            key(58, &[t(b0), t(b0l), t(b0l2)]),
            key(59, &[w(s1)]),
            key(60, &[t(s1)]),
            key(61, &[t(s1), t(s0)]),
            key(62, &[t(s1), t(s0), t(b0)]),
            key(63, &[w(s1), w(s0)]),
            key(64, &[t(s2), t(s1), t(s0)]),
            key(
                65,
                &[u64::from(s0 != NO && self.heads[s0] != NO), t(s0), t(b0)],
            ),
            key(66, &[]),
            key(67, &[w(b0), w(b1)]),
            key(68, &[t(s0), t(b1)]),
            key(69, &[sfx(s0), t(s0), t(b0)]),
            key(70, &[sfx(b0), t(b0), t(s0)]),
            key(71, &[t(s1), t(b0)]),
            key(72, &[w(s0), t(s0), t(b1)]),
            key(73, &[t(s0), t(b0), between.0]),
            key(74, &[t(s0), t(b0), between.1]),
            key(75, &[w(b0), t(s0), t(s1)]),
            key(76, &[t(b0), t(b0l), t(s0), t(s0r)]),
            key(77, &[sfx(b1), t(b1), t(b0)]),
            key(78, &[t(s0), vl(s0), vr(s0), t(b0)]),
            key(79, &[w(s0h), t(s0), t(b0)]),
            key(80, &[t(s0), t(next_to(s0)), t(b0)]),
            key(81, &[t(prev_to(b0)), t(b0), t(s0)]),
            key(82, &[ft(s0), ft(b0)]),
            key(83, &[ft(s0), ft(b0), ft(b1)]),
            key(84, &[ft(s1), ft(s0), ft(b0)]),
            key(85, &[ft(s0h), ft(s0), ft(b0)]),
            key(86, &[ft(b0), ft(b0l), ft(s0)]),
            key(87, &[w(s0), ft(b0)]),
            key(88, &[ft(s0), w(b0)]),
        ];
        out.extend_from_slice(&f);
    }
}

fn best_valid<T: Copy + PartialOrd>(state: &State, scores: &[T]) -> usize {
    let mut best = NO;
    for m in 0..MOVES {
        if state.valid(m) && (best == NO || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

/// Heads of the words 1..=n (0 = root) once no word is left to read: stack words with no
/// head hang from the first root word, and only one word keeps the root.
fn finish_heads(state: State) -> Vec<usize> {
    let mut heads: Vec<usize> = state.heads[1..]
        .iter()
        .map(|&h| if h == NO { 0 } else { h })
        .collect();
    if let Some(root) = heads.iter().position(|&h| h == 0) {
        for h in heads.iter_mut().skip(root + 1) {
            if *h == 0 {
                *h = root + 1;
            }
        }
    }
    heads
}

/// The parser's trained weights.
pub(crate) struct Parser {
    scorer: Scorer,
}

impl Parser {
    /// Wraps trained weights.
    pub(crate) fn new(scorer: Scorer) -> Self {
        Parser { scorer }
    }

    /// The head of each word (0 = root, otherwise 1-based word number).
    pub(crate) fn parse(&self, x: &ParseInput) -> Vec<usize> {
        let mut state = State::new(x.len());
        let mut feats = Vec::with_capacity(80);
        let mut scores = [0i32; MOVES];
        while !state.done() {
            state.features(x, &mut feats);
            self.scorer.scores(&feats, &mut scores);
            let m = best_valid(&state, &scores);
            state.apply(if m == NO { SHIFT } else { m });
        }
        finish_heads(state)
    }

    /// Number of features kept.
    pub(crate) fn size(&self) -> usize {
        self.scorer.len()
    }
}

/// Trains the parser one pass at a time.
pub(crate) struct ParserTrainer {
    /// The perceptron over the four moves.
    pub(crate) trainer: Trainer,
}

impl ParserTrainer {
    /// An untrained parser.
    pub(crate) fn new() -> Self {
        ParserTrainer {
            trainer: Trainer::new(MOVES),
        }
    }

    /// One pass over `inputs` with their gold heads (`gold[d]` for word d, 0 = root;
    /// `gold[0]` unused); after the first pass it follows its own wrong moves nine times
    /// in ten, so that it learns from the states its mistakes lead to.
    pub(crate) fn epoch(
        &mut self,
        inputs: &[ParseInput],
        golds: &[Vec<usize>],
        epoch: usize,
        rng: &mut SplitMix,
    ) {
        let mut order: Vec<usize> = (0..inputs.len()).collect();
        rng.shuffle(&mut order);
        let mut feats = Vec::with_capacity(80);
        let mut scores = [0i64; MOVES];
        for &i in &order {
            let (x, gold) = (&inputs[i], &golds[i]);
            let mut state = State::new(x.len());
            while !state.done() {
                state.features(x, &mut feats);
                self.trainer.scores(&feats, &mut scores);
                let guess = best_valid(&state, &scores);
                let costs: Vec<usize> = (0..MOVES)
                    .map(|m| {
                        if state.valid(m) {
                            state.cost(m, gold)
                        } else {
                            NO
                        }
                    })
                    .collect();
                let least = costs.iter().copied().min().unwrap_or(0);
                let mut best = NO;
                for m in 0..MOVES {
                    if costs[m] == least && (best == NO || scores[m] > scores[best]) {
                        best = m;
                    }
                }
                let next = if costs[guess] == least {
                    guess
                } else {
                    self.trainer.update(&feats, best, guess);
                    if epoch > 0 && rng.below(10) != 0 {
                        guess
                    } else {
                        best
                    }
                };
                self.trainer.tick();
                state.apply(next);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The oracle's zero-cost moves rebuild a projective tree exactly.
    #[test]
    fn oracle_rebuilds_a_projective_tree() {
        // "the cat sat on the mat": the→cat, cat→sat, sat=root, on→mat, the→mat, mat→sat
        let gold = vec![NO, 2, 3, 0, 6, 6, 3];
        let mut s = State::new(6);
        while !s.done() {
            let m = (0..MOVES)
                .find(|&m| s.valid(m) && s.cost(m, &gold) == 0)
                .unwrap_or(SHIFT);
            s.apply(m);
        }
        assert_eq!(finish_heads(s), vec![2, 3, 0, 6, 6, 3]);
    }
}
