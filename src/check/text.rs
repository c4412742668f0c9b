//! Small formatting helpers shared by the passes and fixes, so every message writes times
//! and lists the same way.

/// Seconds for a message: at most three decimals, no trailing zeros ("5 s", "2.5 s").
pub(crate) fn seconds(value: f64) -> String {
    if !value.is_finite() {
        return format!("{value} s");
    }
    let text = format!("{value:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} s")
}

/// A comma-separated list of quoted ids, cut after `max` items ("`a`, `b`, … (12 in all)"),
/// invisible characters escaped.
pub(crate) fn id_list<'a>(ids: impl ExactSizeIterator<Item = &'a str>, max: usize) -> String {
    let total = ids.len();
    let mut shown: Vec<String> = ids
        .take(max)
        .map(|id| format!("`{}`", crate::invisible::escaped(id)))
        .collect();
    if total > max {
        shown.push(format!("… ({total} in all)"));
    }
    shown.join(", ")
}

/// The JSON spelling of an enum value ("eye_level", "truck").
pub(crate) fn variant<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => String::from("?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_trims_trailing_zeros() {
        assert_eq!(seconds(5.0), "5 s");
        assert_eq!(seconds(2.5), "2.5 s");
        assert_eq!(seconds(0.1 + 0.2), "0.3 s");
        assert_eq!(seconds(f64::NAN), "NaN s");
    }

    #[test]
    fn id_list_cuts_long_lists() {
        let ids = ["a", "b", "c"];
        assert_eq!(id_list(ids.iter().copied(), 5), "`a`, `b`, `c`");
        assert_eq!(id_list(ids.iter().copied(), 2), "`a`, `b`, … (3 in all)");
    }
}
