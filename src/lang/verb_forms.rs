//! Verb forms of the lexicon's verbs: lemmatization by suffix rules plus the irregular list.

use super::lexicon::lexicon;

/// How a verb form is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// walk
    Base,
    /// walks
    ThirdPerson,
    /// walked
    Past,
    /// walking
    Gerund,
}

/// The base form and inflection of `word` when it is a form of a verb the lexicon lists.
pub fn verb_form(word: &str) -> Option<(String, VerbForm)> {
    let lex = lexicon();
    if let Some(base) = lex.irregular_base(word) {
        let form = if word.ends_with("ing") {
            VerbForm::Gerund
        } else if (word.ends_with('s') && !matches!(base, "be" | "have"))
            || matches!(word, "is" | "has" | "does")
        {
            VerbForm::ThirdPerson
        } else {
            VerbForm::Past
        };
        return Some((base.to_string(), form));
    }
    if lex.is_verb(word) {
        return Some((word.to_string(), VerbForm::Base));
    }
    candidates(word)
        .into_iter()
        .find(|(base, _)| lex.is_verb(base))
}

/// The base form of `word` read as a verb: the known verb's, or the first suffix-rule guess.
pub fn verb_lemma(word: &str) -> String {
    let word = word.to_lowercase();
    if let Some((base, _)) = verb_form(&word) {
        return base;
    }
    candidates(&word)
        .into_iter()
        .next()
        .map_or(word, |(base, _)| base)
}

/// Possible (base, form) readings of `word` by the regular suffix rules, most likely first.
pub(super) fn candidates(word: &str) -> Vec<(String, VerbForm)> {
    let mut out = Vec::new();
    let n = word.len();
    if n < 4 {
        return out;
    }
    if let Some(stem) = word.strip_suffix("ing") {
        push_stem(&mut out, stem, VerbForm::Gerund);
        if let Some(s) = stem.strip_suffix('y') {
            out.push((format!("{s}ie"), VerbForm::Gerund));
        }
    } else if let Some(stem) = word.strip_suffix("ied") {
        out.push((format!("{stem}y"), VerbForm::Past));
    } else if let Some(stem) = word.strip_suffix("ed") {
        push_stem(&mut out, stem, VerbForm::Past);
    } else if let Some(stem) = word.strip_suffix("ies") {
        // "dies", "ties": a one-letter stem ends in "ie".
        if stem.len() == 1 {
            out.push((format!("{stem}ie"), VerbForm::ThirdPerson));
        }
        out.push((format!("{stem}y"), VerbForm::ThirdPerson));
    } else if let Some(stem) = word.strip_suffix("es") {
        out.push((format!("{stem}e"), VerbForm::ThirdPerson));
        out.push((stem.to_string(), VerbForm::ThirdPerson));
    } else if let Some(stem) = word.strip_suffix('s')
        && !word.ends_with("ss")
    {
        out.push((stem.to_string(), VerbForm::ThirdPerson));
    }
    out
}

/// Readings of a stem left by "-ing" / "-ed": as is, doubled consonant undone, "e" restored.
fn push_stem(out: &mut Vec<(String, VerbForm)>, stem: &str, form: VerbForm) {
    if stem.len() < 2 {
        return;
    }
    let bytes = stem.as_bytes();
    let last = bytes[bytes.len() - 1];
    let doubled = bytes.len() >= 3
        && last == bytes[bytes.len() - 2]
        && !matches!(last, b'l' | b's' | b'z' | b'f');
    // "scuttl", "danc", "dodg": stems no English word ends with take their "e" back first.
    let needs_e = matches!(last, b'v' | b'c')
        || stem.ends_with("dg")
        || (last == b'l'
            && !matches!(
                bytes[bytes.len() - 2],
                b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b'r'
            ));
    if needs_e {
        out.push((format!("{stem}e"), form));
    }
    out.push((stem.to_string(), form));
    if doubled {
        out.push((stem[..stem.len() - 1].to_string(), form));
    }
    out.push((format!("{stem}e"), form));
    if bytes.len() >= 3 && last == bytes[bytes.len() - 2] {
        out.push((stem[..stem.len() - 1].to_string(), form));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_forms_reduce_to_the_base() {
        for (form, base) in [
            ("walks", "walk"),
            ("buries", "bury"),
            ("dies", "die"),
            ("dries", "dry"),
            ("stopped", "stop"),
            ("riding", "ride"),
            ("changes", "change"),
            ("tosses", "toss"),
            ("stretches", "stretch"),
            ("running", "run"),
            ("dollies", "dolly"),
            ("ripens", "ripen"),
            ("lying", "lie"),
        ] {
            assert_eq!(verb_lemma(form), base, "{form}");
        }
    }

    #[test]
    fn unlisted_forms_guess_a_plausible_base() {
        assert_eq!(verb_lemma("scuttling"), "scuttle");
        assert_eq!(verb_lemma("glorping"), "glorp");
        assert_eq!(verb_lemma("zies"), "zie");
    }

    #[test]
    fn irregular_forms_come_from_the_list() {
        assert_eq!(verb_lemma("flew"), "fly");
        assert_eq!(verb_lemma("swept"), "sweep");
        assert_eq!(verb_form("is"), Some(("be".into(), VerbForm::ThirdPerson)));
    }

    #[test]
    fn known_verbs_report_their_form() {
        assert_eq!(
            verb_form("waves"),
            Some(("wave".into(), VerbForm::ThirdPerson))
        );
        assert_eq!(verb_form("hitting"), Some(("hit".into(), VerbForm::Gerund)));
        assert_eq!(verb_form("table"), None);
    }
}
