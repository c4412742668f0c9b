//! The ranges of the numeric flags and `scenec.toml` keys, and their clap value parsers. A
//! value outside its range is a usage error (exit 2) naming the range, whether it comes
//! from the command line or from the file: no flag value reaches the pipeline or the HTTP
//! client unchecked (`--read-timeout 1e19` used to overflow inside the client).

use scenec::check::limits::MAX_DURATION_S;
use scenec::director::llm::settings::MAX_TIMEOUT;

/// A range of numbers of seconds: `(low, high]`, or `[low, high]` when `low_included`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    low: f64,
    low_included: bool,
    high: f64,
    /// The unit, with a leading space (" seconds"), or "".
    unit: &'static str,
    /// What `high` is, for the message ("the checker's one-hour limit").
    high_is: &'static str,
}

/// `--connect-timeout`, `--read-timeout`, `--request-timeout`: more than 0, at most a day.
pub const TIMEOUT: Range = Range {
    low: 0.0,
    low_included: false,
    high: MAX_TIMEOUT.as_secs_f64(),
    unit: " seconds",
    high_is: "one day",
};

/// `--duration` (the whole video): more than 0, at most the checker's one-hour limit.
pub const VIDEO: Range = Range {
    low: 0.0,
    low_included: false,
    high: MAX_DURATION_S,
    unit: " seconds",
    high_is: "the checker's one-hour limit",
};

/// `--keyframe-interval`: more than 0, at most the longest video.
pub const KEYFRAME_INTERVAL: Range = Range {
    low: 0.0,
    low_included: false,
    high: MAX_DURATION_S,
    unit: " seconds",
    high_is: "the longest video",
};

/// `--temperature`: 0 to 2, as the chat-completions API takes it.
pub const TEMPERATURE: Range = Range {
    low: 0.0,
    low_included: true,
    high: 2.0,
    unit: "",
    high_is: "the API's maximum",
};

/// `eval --min-score`: a score from 0 to 1.
pub const SCORE: Range = Range {
    low: 0.0,
    low_included: true,
    high: 1.0,
    unit: "",
    high_is: "the best score",
};

impl Range {
    /// `value` when it is a finite number inside the range, else a sentence saying which
    /// range it must be in.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        let above_low = if self.low_included {
            value >= self.low
        } else {
            value > self.low
        };
        if value.is_finite() && above_low && value <= self.high {
            return Ok(value);
        }
        let (high, unit, what) = (self.high, self.unit, self.high_is);
        Err(if self.low_included {
            format!("must be from {} to {high}{unit} ({what})", self.low)
        } else {
            format!(
                "must be more than {} and at most {high}{unit} ({what})",
                self.low
            )
        })
    }

    /// Parses `text` and checks it: the clap value parser.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        let value = text
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("`{text}` is not a number"))?;
        self.check(value).map_err(|e| format!("`{text}` {e}"))
    }
}

/// clap value parser of the timeout flags.
pub fn timeout(text: &str) -> Result<f64, String> {
    TIMEOUT.parse(text)
}

/// clap value parser of `--duration`.
pub fn video(text: &str) -> Result<f64, String> {
    VIDEO.parse(text)
}

/// clap value parser of `--keyframe-interval`.
pub fn keyframe_interval(text: &str) -> Result<f64, String> {
    KEYFRAME_INTERVAL.parse(text)
}

/// clap value parser of `--temperature`.
pub fn temperature(text: &str) -> Result<f32, String> {
    TEMPERATURE.parse(text).map(|v| v as f32)
}

/// clap value parser of `--min-score`.
pub fn score(text: &str) -> Result<f64, String> {
    SCORE.parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_outside_each_range_are_refused_with_the_range() {
        for bad in ["0", "-1", "NaN", "inf", "-inf", "1e19", "86401", "x", ""] {
            let err = timeout(bad).err().unwrap_or_default();
            assert!(!err.is_empty(), "timeout accepted {bad:?}");
        }
        assert_eq!(
            timeout("1e19").err().as_deref(),
            Some("`1e19` must be more than 0 and at most 86400 seconds (one day)")
        );
        assert_eq!(timeout("86400"), Ok(86_400.0));
        assert_eq!(timeout(" 0.5 "), Ok(0.5));
        assert_eq!(video("3600"), Ok(3600.0));
        assert_eq!(
            video("3601").err().as_deref(),
            Some(
                "`3601` must be more than 0 and at most 3600 seconds (the checker's one-hour limit)"
            )
        );
        for bad in ["0", "-1", "NaN", "inf"] {
            assert!(keyframe_interval(bad).is_err(), "{bad}");
        }
        assert_eq!(keyframe_interval("0.25"), Ok(0.25));
        assert_eq!(score("0"), Ok(0.0));
        assert_eq!(score("1"), Ok(1.0));
        for bad in ["1.01", "-0.1", "NaN"] {
            assert!(score(bad).is_err(), "{bad}");
        }
        assert_eq!(temperature("0.2"), Ok(0.2));
        for bad in ["2.5", "-1", "NaN"] {
            assert!(temperature(bad).is_err(), "{bad}");
        }
    }
}
