//! A reader for CoNLL-U treebanks (the format of Universal Dependencies).

use super::{LangError, Upos};

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldWord {
    /// The word as written.
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Its universal part of speech.
    pub upos: Upos,
    /// Its language-specific tag (Penn Treebank tags for English), `_` when absent.
    pub xpos: String,
    /// Its head: 0 for the root, otherwise the 1-based number of the head word.
    pub head: usize,
    /// The dependency relation to the head ("nsubj", "obl:tmod" …).
    pub deprel: String,
}

/// One treebank sentence: its words in order (multi-word token lines and empty nodes are
/// skipped; the words are what the tagger and parser see).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldSentence {
    /// The words.
    pub words: Vec<GoldWord>,
}

/// Reads every sentence of a CoNLL-U text; `file` names it in errors.
pub fn parse_conllu(text: &str, file: &str) -> Result<Vec<GoldSentence>, LangError> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence::default();
    for (n, line) in text.lines().enumerate() {
        let err = |message: String| LangError::Conllu {
            file: file.to_string(),
            line: n + 1,
            message,
        };
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!("{} columns instead of 10", cols.len())));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| err(format!("word number `{}` is not a number", cols[0])))?;
        if id != current.words.len() + 1 {
            return Err(err(format!(
                "word number {id} follows word {} (a blank line must end each sentence)",
                current.words.len()
            )));
        }
        let upos = cols[3].parse::<Upos>().map_err(|e| err(e.to_string()))?;
        let head: usize = cols[6]
            .parse()
            .map_err(|_| err(format!("head `{}` is not a number", cols[6])))?;
        current.words.push(GoldWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos,
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    for (i, s) in sentences.iter().enumerate() {
        let n = s.words.len();
        if let Some(w) = s.words.iter().find(|w| w.head > n) {
            return Err(LangError::Conllu {
                file: file.to_string(),
                line: 0,
                message: format!(
                    "sentence {} : word `{}` has head {} but the sentence has {n} words",
                    i + 1,
                    w.form,
                    w.head
                ),
            });
        }
    }
    Ok(sentences)
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> Result<Vec<GoldSentence>, LangError> {
    let text = std::fs::read_to_string(path).map_err(|source| LangError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_conllu(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "# text = I'm here.\n1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2\t'm\tbe\tAUX\tVBP\t_\t3\tcop\t_\t_\n3\there\there\tADV\tRB\t_\t0\troot\t_\t_\n\n1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let s = parse_conllu(TWO, "t").unwrap_or_default();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[1].lemma, "be");
        assert_eq!(s[0].words[2].head, 0);
        assert_eq!(s[1].words[0].upos, Upos::Intj);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = parse_conllu("1\tI\tI\tPRONOUN\tPRP\t_\t0\troot\t_\t_\n", "x.conllu");
        let msg = e.map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(
            msg.contains("x.conllu:1") && msg.contains("PRONOUN"),
            "{msg}"
        );
        let e = parse_conllu("1\tI\tI\n", "x.conllu")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(e.contains("3 columns"), "{e}");
    }
}
