//! Counted entities: one row box for the solver, split into side-by-side instance boxes.
//!
//! A row the frame's left or right edge cuts (a flock on its way in or out) does not leave
//! its trailing instances outside: the instances close up towards the row's end inside the
//! frame, down to [`MIN_STEP`] of an instance's width from one to the next, so every
//! instance is in frame while that span can hold them all; past that, the ones furthest out
//! wait outside the edge.

use super::Rect;

/// Gap between two instances of a row, as a share of one instance's width.
const ROW_GAP: f64 = 0.15;

/// Least distance from one instance to the next when a row closes up at the frame edge, as
/// a share of one instance's width (neighbours then overlap by half).
const MIN_STEP: f64 = 0.5;

/// Width of a row of `n` instances each `w` wide.
pub fn row_width(w: f64, n: usize) -> f64 {
    let n = n.max(1) as f64;
    w * (n + (n - 1.0) * ROW_GAP)
}

/// Splits a row box into `n` equal boxes, left to right, with the row's height: side by
/// side with their gap, or closed up inside the frame when one side edge cuts the row.
pub fn split_row(row: &Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1);
    let count = n as f64;
    let w = (row[2] - row[0]) / (count + (count - 1.0) * ROW_GAP);
    let full = w * (1.0 + ROW_GAP);
    let step = |span: f64| {
        if n == 1 {
            full
        } else {
            ((span - w) / (count - 1.0)).clamp(MIN_STEP * w, full)
        }
    };
    let cut_left = row[0] < 0.0 && row[2] > 0.0 && row[2] <= 1.0;
    let cut_right = row[2] > 1.0 && row[0] < 1.0 && row[0] >= 0.0;
    // The first instance's left edge and the distance from one to the next.
    let (first, s) = if cut_left {
        // Closed up against the row's right end, which is inside the frame.
        let s = step(row[2]);
        (row[2] - w - (count - 1.0) * s, s)
    } else if cut_right {
        // Closed up against the row's left end.
        (row[0], step(1.0 - row[0]))
    } else {
        (row[0], full)
    };
    (0..n)
        .map(|i| {
            let x0 = first + i as f64 * s;
            [x0, row[1], x0 + w, row[3]]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn inside(r: &Rect) -> bool {
        r[0] >= -1e-12 && r[2] <= 1.0 + 1e-12
    }

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

    #[test]
    fn three_crows_flying_in_from_the_left_are_all_in_frame_before_the_row_is() {
        // The row's left end is still 0.16 outside; its right end 0.31 inside.
        let w = 0.14;
        let row = [0.3076 - row_width(w, 3), 0.24, 0.3076, 0.47];
        let parts = split_row(&row, 3);
        assert!(parts.iter().all(inside), "{parts:?}");
        assert!(
            (parts[2][2] - 0.3076).abs() < 1e-12,
            "the leader keeps its place"
        );
        for pair in parts.windows(2) {
            assert!(pair[0][0] < pair[1][0], "still left to right: {parts:?}");
        }
    }

    proptest! {
        #[test]
        fn a_row_cut_by_a_side_edge_keeps_every_instance_in_frame_while_the_span_holds_them(
            n in 2usize..6,
            w in 0.02..0.25f64,
            inner in 0.0..1.0f64,
            from_left in any::<bool>(),
        ) {
            let width = row_width(w, n);
            prop_assume!(width < 1.0);
            // The row's end inside the frame is `inner` from the edge it crosses.
            let row = if from_left {
                [inner - width, 0.4, inner, 0.6]
            } else {
                [1.0 - inner, 0.4, 1.0 - inner + width, 0.6]
            };
            let parts = split_row(&row, n);
            prop_assert_eq!(parts.len(), n);
            for p in &parts {
                prop_assert!(((p[2] - p[0]) - w).abs() < 1e-9, "instances keep their size");
            }
            let fits = inner >= w * (1.0 + MIN_STEP * (n as f64 - 1.0));
            if fits {
                prop_assert!(parts.iter().all(inside), "{:?}", parts);
            }
            for pair in parts.windows(2) {
                let step = pair[1][0] - pair[0][0];
                prop_assert!(step >= MIN_STEP * w - 1e-9 && step <= w * (1.0 + ROW_GAP) + 1e-9);
            }
        }
    }
}
