//! The 10th, 50th and 90th percentiles of an ensemble's values at one point, by linear interpolation
//! (the usual "type 7"), with three partial selections instead of a sort: the median first, then the
//! 10th percentile among the values below it and the 90th among those above it.

/// `[p10, p50, p90]` of `values` (reordered in place). Values are never NaN.
pub(crate) fn p10_p50_p90(values: &mut [f64]) -> [f64; 3] {
    let n = values.len();
    if n <= 1 {
        return [values.first().copied().unwrap_or(0.0); 3];
    }
    let position = |q: f64| {
        let pos = q * (n - 1) as f64;
        let lo = pos.floor() as usize;
        (lo, pos - lo as f64)
    };
    let (lo10, f10) = position(0.1);
    let (lo50, f50) = position(0.5);
    let (lo90, f90) = position(0.9);

    let (below, median, above) = values.select_nth_unstable_by(lo50, f64::total_cmp);
    let median = *median;
    // The value just above index lo50 is the smallest of those above it.
    let next50 = if above.is_empty() { median } else { min(above) };

    let p10 = if lo10 == lo50 {
        lerp(median, next50, f10)
    } else {
        let (_, a, rest) = below.select_nth_unstable_by(lo10, f64::total_cmp);
        let a = *a;
        let b = if f10 == 0.0 {
            a
        } else if rest.is_empty() {
            median
        } else {
            min(rest)
        };
        lerp(a, b, f10)
    };

    let p90 = if lo90 == lo50 {
        lerp(median, next50, f90)
    } else {
        let (_, a, rest) = above.select_nth_unstable_by(lo90 - lo50 - 1, f64::total_cmp);
        let a = *a;
        let b = if f90 == 0.0 || rest.is_empty() {
            a
        } else {
            min(rest)
        };
        lerp(a, b, f90)
    };
    [p10, lerp(median, next50, f50), p90]
}

fn lerp(a: f64, b: f64, frac: f64) -> f64 {
    a + frac * (b - a)
}

fn min(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn by_sorting(values: &[f64]) -> [f64; 3] {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        [0.1, 0.5, 0.9].map(|q| {
            let pos = q * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            v[lo] + (pos - lo as f64) * (v[hi] - v[lo])
        })
    }

    #[test]
    fn matches_a_full_sort_for_every_size_up_to_sixty_and_a_thousand() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Few distinct values, so ties are common.
            (state % 17) as f64 / 4.0 - 2.0
        };
        for n in (1..=60).chain([999, 1000, 1001]) {
            for _ in 0..20 {
                let values: Vec<f64> = (0..n).map(|_| next()).collect();
                let want = by_sorting(&values);
                let got = p10_p50_p90(&mut values.clone());
                for (g, w) in got.iter().zip(want) {
                    assert!((g - w).abs() < 1e-12, "n = {n}: {got:?} vs {want:?}");
                }
            }
        }
    }

    #[test]
    fn a_single_value_is_every_percentile() {
        assert_eq!(p10_p50_p90(&mut [0.25]), [0.25; 3]);
    }
}
