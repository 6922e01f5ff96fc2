//! `e^x` and `e^x − 1` for the engine's decay factors and the ensemble's lever noise.
//!
//! libm's `exp` is a call the compiler cannot inline or vectorise, and a step of the model needs
//! about seventy of them per year of each ensemble member. These versions are branch-free, so a loop
//! over a slice of exponents compiles to SIMD code, and they are within 2 ulp of the true value
//! (the tests below compare them with libm over the whole range the engine uses). The conformance
//! tolerance of MODEL.md is 1e-9; these move results by about 1e-16.

/// `1.5 · 2^52`: adding it rounds to an integer and leaves that integer in the low mantissa bits.
const SHIFTER: f64 = 6_755_399_441_055_744.0;
const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// ln 2 split so that `n · LN2_HI` is exact for |n| < 2^11 (Cody–Waite reduction; fdlibm's values).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Below this, `e^x` is treated as `e^LOWEST` (≈ 3e-308): far below anything a result can show, and
/// it keeps `2^n` a normal number.
const LOWEST: f64 = -708.0;
/// Above this `e^x` would overflow; no input of the model comes near it.
const HIGHEST: f64 = 709.0;

/// Taylor coefficients 1/k! for k = 2..=13; with |r| ≤ ln2/2 the truncation error is below 1e-17.
const INV_FACT: [f64; 12] = [
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// `(e^r − 1, 2^n, n = 0)` lane by lane, with `x = n ln2 + r`, |r| ≤ ln2/2 (r = x exactly when
/// n = 0). Every statement is a loop over the lanes, so N lanes compile to N/2 SIMD instructions per
/// operation, and one lane is exactly the scalar computation.
#[inline(always)]
fn reduce<const N: usize>(x: [f64; N]) -> ([f64; N], [f64; N], [bool; N]) {
    let mut x = x;
    for v in &mut x {
        *v = v.clamp(LOWEST, HIGHEST);
    }
    let (mut n, mut r, mut em1, mut scale) = ([0.0; N], [0.0; N], [0.0; N], [0.0; N]);
    let mut shifted = [0.0; N];
    for l in 0..N {
        shifted[l] = x[l] * LOG2_E + SHIFTER;
        n[l] = shifted[l] - SHIFTER;
        r[l] = (x[l] - n[l] * LN2_HI) - n[l] * LN2_LO;
    }
    // e^r − 1 = r + r² (1/2! + r/3! + … + r¹¹/13!), the bracket by Estrin's scheme: pairs, then
    // pairs of pairs, so a scalar call waits on a chain of 8 operations rather than 24.
    let c = &INV_FACT;
    for l in 0..N {
        let r = r[l];
        let r2 = r * r;
        let r4 = r2 * r2;
        let q0 = (c[0] + r * c[1]) + r2 * (c[2] + r * c[3]);
        let q1 = (c[4] + r * c[5]) + r2 * (c[6] + r * c[7]);
        let q2 = (c[8] + r * c[9]) + r2 * (c[10] + r * c[11]);
        let poly = q0 + r4 * (q1 + r4 * q2);
        em1[l] = r + r2 * poly;
    }
    for l in 0..N {
        let n_bits = shifted[l].to_bits().wrapping_sub(SHIFTER.to_bits());
        scale[l] = f64::from_bits(n_bits.wrapping_add(1023) << 52);
    }
    let mut small = [false; N];
    for l in 0..N {
        small[l] = n[l] == 0.0;
    }
    (em1, scale, small)
}

/// `e^x` lane by lane, with x clamped to [−708, 709].
#[inline(always)]
pub(crate) fn exp_lanes<const N: usize>(x: [f64; N]) -> [f64; N] {
    let (em1, scale, _) = reduce(x);
    let mut out = scale;
    for l in 0..N {
        out[l] = scale[l] + scale[l] * em1[l];
    }
    out
}

/// `e^x − 1` lane by lane, accurate near 0 where `exp(x) − 1` would cancel.
#[inline(always)]
pub(crate) fn exp_m1_lanes<const N: usize>(x: [f64; N]) -> [f64; N] {
    let (em1, scale, small) = reduce(x);
    let mut out = em1;
    for l in 0..N {
        // 2^n − 1 is exact, and so is 2^n · (e^r − 1); one rounding remains.
        let far = (scale[l] - 1.0) + scale[l] * em1[l];
        out[l] = if small[l] { em1[l] } else { far };
    }
    out
}

/// `e^x`, with x clamped to [−708, 709].
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    let [y] = exp_lanes([x]);
    y
}

/// `e^x − 1`, accurate near 0 where `exp(x) − 1` would cancel.
#[inline(always)]
pub(crate) fn exp_m1(x: f64) -> f64 {
    let [y] = exp_m1_lanes([x]);
    y
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    /// Exponents spread over [−750, 700]: dense near 0 where the engine lives, sparse far out.
    fn samples() -> Vec<f64> {
        let mut xs = vec![
            0.0,
            -0.0,
            -1e-300,
            -5e-324,
            -1e-17,
            -1e-9,
            -0.5,
            -0.34657359,
            -0.3466,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            let scale = [1e-12, 1e-6, 1e-3, 0.1, 1.0, 10.0, 100.0, 750.0][i % 8];
            xs.push(-u * scale);
            if scale < 700.0 {
                xs.push(u * scale);
            }
        }
        xs
    }

    #[test]
    fn exp_is_within_two_ulp_of_libm_over_the_whole_range() {
        let mut worst = 0;
        for x in samples() {
            let want = x.exp();
            let got = exp(x);
            if want < 1e-300 {
                assert!(got < 1e-300, "exp({x}) = {got}");
                continue;
            }
            worst = worst.max(ulps(got, want));
        }
        assert!(worst <= 2, "worst error {worst} ulp");
    }

    #[test]
    fn expm1_is_within_two_ulp_of_libm() {
        let mut worst = 0;
        for x in samples() {
            let want = x.exp_m1();
            let got = exp_m1(x);
            worst = worst.max(ulps(got, want));
        }
        assert!(worst <= 2, "worst error {worst} ulp");
    }

    #[test]
    fn zero_gives_exactly_one_and_zero_and_extremes_saturate() {
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-0.0), 1.0);
        assert_eq!(exp_m1(0.0), 0.0);
        assert_eq!(exp(-1e6), exp(LOWEST));
        assert!(exp(1e6).is_finite());
    }
}
