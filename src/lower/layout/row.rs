//! Counted entities: one row box for the solver, split into side-by-side instance boxes.

use super::Rect;

/// Gap between two instances of a row, as a share of one instance's width.
const ROW_GAP: f64 = 0.15;

/// Width of a row of `n` instances each `w` wide.
pub fn row_width(w: f64, n: usize) -> f64 {
    let n = n.max(1) as f64;
    w * (n + (n - 1.0) * ROW_GAP)
}

/// Splits a row box into `n` equal boxes side by side, left to right, with the row's height.
pub fn split_row(row: &Rect, n: usize) -> Vec<Rect> {
    let count = n.max(1) as f64;
    let w = (row[2] - row[0]) / (count + (count - 1.0) * ROW_GAP);
    (0..n.max(1))
        .map(|i| {
            let x0 = row[0] + i as f64 * w * (1.0 + ROW_GAP);
            [x0, row[1], x0 + w, row[3]]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_splits_into_instances_side_by_side_that_fill_it() {
        let w = 0.1;
        let row = [0.2, 0.5, 0.2 + row_width(w, 3), 0.8];
        let parts = split_row(&row, 3);
        assert_eq!(parts.len(), 3);
        for p in &parts {
            assert!(((p[2] - p[0]) - w).abs() < 1e-12);
            assert_eq!((p[1], p[3]), (0.5, 0.8));
        }
        for pair in parts.windows(2) {
            assert!(pair[0][2] < pair[1][0], "side by side, not stacked");
        }
        assert!((parts[2][2] - row[2]).abs() < 1e-12);
        assert_eq!(split_row(&row, 1), vec![row]);
    }
}
