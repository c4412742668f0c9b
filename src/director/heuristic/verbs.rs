//! Verb forms: lemmatization by suffix rules plus the irregular list.

use crate::lang::lexicon;

/// How a verb form is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// walk
    Base,
    /// walks
    ThirdPerson,
    /// walked
    Past,
    /// walking
    Gerund,
}

/// The base form and inflection of `word` when it is a form of a known verb.
pub(super) fn known_verb(word: &str) -> Option<(String, Form)> {
    let lex = lexicon();
    if let Some(base) = lex.irregular_base(word) {
        let form = if word.ends_with("ing") {
            Form::Gerund
        } else if (word.ends_with('s') && !matches!(base, "be" | "have"))
            || matches!(word, "is" | "has" | "does")
        {
            Form::ThirdPerson
        } else {
            Form::Past
        };
        return Some((base.to_string(), form));
    }
    if lex.is_verb(word) {
        return Some((word.to_string(), Form::Base));
    }
    candidates(word)
        .into_iter()
        .find(|(base, _)| lex.is_verb(base))
}

/// The base form of `word`: the known verb's, or the first suffix-rule guess.
pub fn lemma(word: &str) -> String {
    let word = word.to_lowercase();
    if let Some((base, _)) = known_verb(&word) {
        return base;
    }
    candidates(&word)
        .into_iter()
        .next()
        .map_or(word, |(base, _)| base)
}

/// Possible (base, form) readings of `word` by the regular suffix rules, most likely first.
fn candidates(word: &str) -> Vec<(String, Form)> {
    let mut out = Vec::new();
    let n = word.len();
    if n < 4 {
        return out;
    }
    if let Some(stem) = word.strip_suffix("ing") {
        push_stem(&mut out, stem, Form::Gerund);
        if let Some(s) = stem.strip_suffix('y') {
            out.push((format!("{s}ie"), Form::Gerund));
        }
    } else if let Some(stem) = word.strip_suffix("ied") {
        out.push((format!("{stem}y"), Form::Past));
    } else if let Some(stem) = word.strip_suffix("ed") {
        push_stem(&mut out, stem, Form::Past);
    } else if let Some(stem) = word.strip_suffix("ies") {
        // "dies", "ties": a one-letter stem ends in "ie".
        if stem.len() == 1 {
            out.push((format!("{stem}ie"), Form::ThirdPerson));
        }
        out.push((format!("{stem}y"), Form::ThirdPerson));
    } else if let Some(stem) = word.strip_suffix("es") {
        out.push((format!("{stem}e"), Form::ThirdPerson));
        out.push((stem.to_string(), Form::ThirdPerson));
    } else if let Some(stem) = word.strip_suffix('s')
        && !word.ends_with("ss")
    {
        out.push((stem.to_string(), Form::ThirdPerson));
    }
    out
}

/// Readings of a stem left by "-ing" / "-ed": as is, doubled consonant undone, "e" restored.
fn push_stem(out: &mut Vec<(String, Form)>, stem: &str, form: Form) {
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
            assert_eq!(lemma(form), base, "{form}");
        }
    }

    #[test]
    fn unlisted_forms_guess_a_plausible_base() {
        assert_eq!(lemma("scuttling"), "scuttle");
        assert_eq!(lemma("glorping"), "glorp");
        assert_eq!(lemma("zies"), "zie");
    }

    #[test]
    fn irregular_forms_come_from_the_list() {
        assert_eq!(lemma("flew"), "fly");
        assert_eq!(lemma("swept"), "sweep");
        assert_eq!(known_verb("is"), Some(("be".into(), Form::ThirdPerson)));
    }

    #[test]
    fn known_verbs_report_their_form() {
        assert_eq!(
            known_verb("waves"),
            Some(("wave".into(), Form::ThirdPerson))
        );
        assert_eq!(known_verb("hitting"), Some(("hit".into(), Form::Gerund)));
        assert_eq!(known_verb("table"), None);
    }
}
