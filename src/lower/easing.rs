//! Easing curves: progress in [0, 1] → eased progress in [0, 1].

use crate::ir::Easing;

/// Linear progress of `t` through `[start, end]`, clamped to [0, 1] (1 when the interval is
/// empty and `t` is at or past it).
pub fn progress(t: f64, start: f64, end: f64) -> f64 {
    if end <= start {
        return if t >= start { 1.0 } else { 0.0 };
    }
    ((t - start) / (end - start)).clamp(0.0, 1.0)
}

/// Applies the curve to a linear progress `u` in [0, 1]; monotonic, `0 → 0`, `1 → 1`.
pub fn ease(easing: Easing, u: f64) -> f64 {
    let u = u.clamp(0.0, 1.0);
    match easing {
        Easing::Linear => u,
        Easing::EaseIn => u * u,
        Easing::EaseOut => 1.0 - (1.0 - u) * (1.0 - u),
        Easing::EaseInOut => u * u * (3.0 - 2.0 * u),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_curve_is_monotonic_with_fixed_ends() {
        for e in [
            Easing::Linear,
            Easing::EaseIn,
            Easing::EaseOut,
            Easing::EaseInOut,
        ] {
            assert_eq!(ease(e, 0.0), 0.0);
            assert_eq!(ease(e, 1.0), 1.0);
            let mut last = 0.0;
            for i in 0..=100 {
                let v = ease(e, f64::from(i) / 100.0);
                assert!(v >= last, "{e:?} not monotonic at {i}");
                last = v;
            }
        }
        assert!(ease(Easing::EaseInOut, 0.1) < 0.1);
        assert_eq!(progress(5.0, 0.0, 10.0), 0.5);
        assert_eq!(progress(-1.0, 0.0, 10.0), 0.0);
    }
}
