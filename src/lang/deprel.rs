//! Groups of the parser's dependency relations (Universal Dependencies labels) that the
//! stages read: which words take part in what a clause shows and which open a noun phrase
//! before its head.

/// Relations of a noun that takes part in what a clause shows (its objects, obliques,
/// noun modifiers and conjuncts).
const PARTICIPANT_RELATIONS: &[&str] = &["obj", "iobj", "obl", "nmod", "conj"];

/// Relations of the words a noun phrase opens with before its head.
const PREMODIFIER_RELATIONS: &[&str] = &["det", "amod", "compound", "nummod", "nmod:poss"];

/// Whether a noun with the relation `deprel` takes part in what its clause shows ("obj",
/// "obl", "conj" …): not a time or a measure ("obl:tmod", "obl:npmod").
pub fn is_participant(deprel: &str) -> bool {
    let base = deprel.split(':').next().unwrap_or(deprel);
    PARTICIPANT_RELATIONS.contains(&base) && !deprel.contains("tmod") && !deprel.contains("npmod")
}

/// Whether a word with the relation `deprel` modifies a noun before it, as part of its
/// phrase (a determiner, an adjective, a number, a compound noun, a possessive).
pub fn is_premodifier(deprel: &str) -> bool {
    PREMODIFIER_RELATIONS.contains(&deprel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations_are_grouped() {
        assert!(is_participant("obj") && is_participant("obl:agent"));
        assert!(!is_participant("obl:tmod") && !is_participant("nsubj"));
        assert!(is_premodifier("nmod:poss") && !is_premodifier("obj"));
    }
}
