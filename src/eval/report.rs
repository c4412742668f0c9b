//! Aggregating case scores per category and overall, and the failure report.

use std::fmt::Write as _;

use super::score::CaseScore;

/// The scores of a suite run.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// One score per case, in suite order.
    pub cases: Vec<CaseScore>,
}

/// The score of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryScore {
    /// Category name.
    pub category: String,
    /// Number of cases.
    pub cases: usize,
    /// Mean case score, 0–1.
    pub score: f64,
}

impl Report {
    /// Mean case score over the suite, 0–1 (1 for an empty run).
    pub fn overall(&self) -> f64 {
        mean(self.cases.iter().map(CaseScore::score))
    }

    /// Mean case score per category, in order of first appearance.
    pub fn categories(&self) -> Vec<CategoryScore> {
        let mut names: Vec<&str> = Vec::new();
        for c in &self.cases {
            if !names.contains(&c.category.as_str()) {
                names.push(&c.category);
            }
        }
        names
            .into_iter()
            .map(|name| {
                let scores: Vec<f64> = self
                    .cases
                    .iter()
                    .filter(|c| c.category == name)
                    .map(CaseScore::score)
                    .collect();
                CategoryScore {
                    category: name.to_string(),
                    cases: scores.len(),
                    score: mean(scores.into_iter()),
                }
            })
            .collect()
    }

    /// Every failed expectation as a line: `case [category] key: why`.
    pub fn failures(&self) -> Vec<String> {
        self.cases
            .iter()
            .flat_map(|c| {
                c.verdicts
                    .iter()
                    .filter(|v| !v.passed)
                    .map(move |v| format!("{} [{}] {}: {}", c.id, c.category, v.key, v.why))
            })
            .collect()
    }

    /// The per-category table as text.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{:<16} {:>5} {:>7}", "category", "cases", "score");
        for c in self.categories() {
            let _ = writeln!(out, "{:<16} {:>5} {:>7.3}", c.category, c.cases, c.score);
        }
        let _ = write!(
            out,
            "{:<16} {:>5} {:>7.3}",
            "overall",
            self.cases.len(),
            self.overall()
        );
        out
    }

    /// The full report: the table, then each failed expectation and why.
    pub fn render(&self) -> String {
        let failures = self.failures();
        let mut out = self.table();
        let _ = write!(out, "\n\n{} failed expectation(s)\n", failures.len());
        for f in failures {
            let _ = writeln!(out, "- {f}");
        }
        out
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 1.0 } else { sum / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::super::score::Verdict;
    use super::*;

    fn case(id: &str, category: &str, passed: &[bool]) -> CaseScore {
        CaseScore {
            id: id.into(),
            category: category.into(),
            verdicts: passed
                .iter()
                .map(|&p| Verdict {
                    key: "camera",
                    passed: p,
                    why: "because".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn scores_average_per_case_then_per_category() {
        let r = Report {
            cases: vec![
                case("a", "x", &[true, false]),
                case("b", "x", &[true]),
                case("c", "y", &[false]),
            ],
        };
        let cats = r.categories();
        assert_eq!(cats[0].score, 0.75);
        assert_eq!(cats[1].score, 0.0);
        assert!((r.overall() - 0.5).abs() < 1e-9);
        assert_eq!(
            r.failures(),
            ["a [x] camera: because", "c [y] camera: because"]
        );
    }
}
