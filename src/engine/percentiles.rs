//! The 10th, 50th and 90th percentiles of an ensemble's values at one point, by linear interpolation
//! (the usual "type 7"), with three partial selections instead of a sort: the median first, then the
//! 10th percentile among the values below it and the 90th among those above it.

/// An integer with the order of `f64::total_cmp`, so selections compare integers rather than floats.
#[inline]
pub(crate) fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The value whose [`order_key`] this is.
fn from_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

/// `[p10, p50, p90]` of `values` (reordered in place). Values are never NaN.
#[cfg(test)]
pub(crate) fn p10_p50_p90(values: &mut [f64]) -> [f64; 3] {
    let mut keys: Vec<u64> = values.iter().map(|v| order_key(*v)).collect();
    p10_p50_p90_of_keys(&mut keys)
}

/// `[p10, p50, p90]` of the values whose [`order_key`]s these are (reordered in place).
pub(crate) fn p10_p50_p90_of_keys(keys: &mut [u64]) -> [f64; 3] {
    let n = keys.len();
    if n <= 1 {
        return [keys.first().map_or(0.0, |k| from_key(*k)); 3];
    }
    let position = |q: f64| {
        let pos = q * (n - 1) as f64;
        let lo = pos.floor() as usize;
        (lo, pos - lo as f64)
    };
    let (lo10, f10) = position(0.1);
    let (lo50, f50) = position(0.5);
    let (lo90, f90) = position(0.9);

    let (below, median, above) = keys.select_nth_unstable(lo50);
    let median = *median;
    // The value just above index lo50 is the smallest of those above it.
    let next50 = above.iter().copied().min().unwrap_or(median);

    let p10 = if lo10 == lo50 {
        lerp(median, next50, f10)
    } else {
        let (_, a, rest) = below.select_nth_unstable(lo10);
        let a = *a;
        let b = if f10 == 0.0 {
            a
        } else {
            rest.iter().copied().min().unwrap_or(median)
        };
        lerp(a, b, f10)
    };

    let p90 = if lo90 == lo50 {
        lerp(median, next50, f90)
    } else {
        let (_, a, rest) = above.select_nth_unstable(lo90 - lo50 - 1);
        let a = *a;
        let b = if f90 == 0.0 {
            a
        } else {
            rest.iter().copied().min().unwrap_or(a)
        };
        lerp(a, b, f90)
    };
    [p10, lerp(median, next50, f50), p90]
}

fn lerp(a: u64, b: u64, frac: f64) -> f64 {
    let (a, b) = (from_key(a), from_key(b));
    a + frac * (b - a)
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
    fn order_keys_sort_like_total_cmp_and_round_trip() {
        let mut values = vec![-1e300, -2.5, -0.0, 0.0, 1e-310, 0.3, 7.0, f64::INFINITY];
        values.reverse();
        let mut keys: Vec<u64> = values.iter().map(|v| order_key(*v)).collect();
        keys.sort_unstable();
        values.sort_by(f64::total_cmp);
        for (k, v) in keys.iter().zip(&values) {
            assert_eq!(from_key(*k).to_bits(), v.to_bits());
        }
    }

    #[test]
    fn a_single_value_is_every_percentile() {
        assert_eq!(p10_p50_p90(&mut [0.25]), [0.25; 3]);
    }
}
