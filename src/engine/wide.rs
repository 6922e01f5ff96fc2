//! The engine compiled twice, for the baseline x86-64 CPU (SSE2, two f64 per instruction) and with
//! AVX2 (four), and picked when it runs: the lock-step ensemble members and the vectorised
//! exponentials gain most. AVX2 only widens the registers: both versions do the same IEEE operations
//! in the same order (no fused multiply-add), so results are bit-identical whichever one runs, and
//! the tests below check that.
#![allow(unsafe_code)]

use crate::model::Constants;

use super::fast::{LeverNoise, MemberConstants, simulate};
use super::fast_exp;
use super::lanes::Real;
use super::normals::{self, LAYERS};
use super::prepared::Prepared;
use super::run::Recorder;

/// [`simulate`], with AVX2 where the CPU has it.
pub(crate) fn simulate_fastest<V: Real, R: Recorder<V>>(
    prep: &Prepared,
    c: &Constants,
    member: &MemberConstants<V>,
    noise: Option<&LeverNoise<'_, V>>,
    rec: &mut R,
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above; that is the only requirement of a
        // `target_feature` function.
        unsafe { simulate_avx2(prep, c, member, noise, rec) };
        return;
    }
    simulate(prep, c, member, noise, rec);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn simulate_avx2<V: Real, R: Recorder<V>>(
    prep: &Prepared,
    c: &Constants,
    member: &MemberConstants<V>,
    noise: Option<&LeverNoise<'_, V>>,
    rec: &mut R,
) {
    simulate(prep, c, member, noise, rec);
}

/// Replaces every value by its exponential ([`fast_exp::exp`]), with AVX2 where the CPU has it.
pub(crate) fn exp_in_place(values: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { exp_in_place_avx2(values) };
        return;
    }
    exp_in_place_baseline(values);
}

#[inline(always)]
fn exp_in_place_baseline(values: &mut [f64]) {
    let (quads, rest) = values.as_chunks_mut::<4>();
    for quad in quads {
        *quad = fast_exp::exp_lanes(*quad);
    }
    for v in rest {
        *v = fast_exp::exp(*v);
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn exp_in_place_avx2(values: &mut [f64]) {
    exp_in_place_baseline(values);
}

/// [`normals::rectangle_pass`], with AVX2 where the CPU has it (four draws per instruction).
pub(crate) fn ziggurat_rectangles(
    words: &[u64],
    out: &mut [f64],
    outside: &mut [u8],
    x_tab: &[f64; LAYERS + 1],
) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { ziggurat_rectangles_avx2(words, out, outside, x_tab) };
        return;
    }
    normals::rectangle_pass(words, out, outside, x_tab);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn ziggurat_rectangles_avx2(
    words: &[u64],
    out: &mut [f64],
    outside: &mut [u8],
    x_tab: &[f64; LAYERS + 1],
) {
    normals::rectangle_pass(words, out, outside, x_tab);
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::engine::lanes::Lanes;
    use crate::engine::run::Snapshot;

    /// Keeps every value of every point, bit for bit.
    #[derive(Default, PartialEq, Debug)]
    struct Everything(Vec<u64>);

    impl Recorder<Lanes> for Everything {
        fn record(&mut self, t: f64, s: &Snapshot<'_, Lanes>) {
            self.0.push(t.to_bits());
            for v in [s.x, s.d, s.infrastructure, s.talent, s.defa]
                .into_iter()
                .flatten()
            {
                self.0.extend(v.0.map(f64::to_bits));
            }
        }
    }

    #[test]
    fn the_dispatched_engine_equals_the_baseline_one_bit_for_bit() {
        let mut scenario = crate::io::baseline().unwrap();
        scenario.time.steps_per_year = 4;
        let prep = Prepared::new(&scenario).unwrap();
        let c = &prep.constants;
        let mut member = MemberConstants::<Lanes>::of(c);
        member.susceptibility_max = Lanes([0.95, 0.9, 0.8, 0.99, 0.5, 1.0, 0.0, 0.7]);
        member.lever_influence[0] = Lanes([1.2, 1.5, 0.7, 2.0, 0.0, 10.0, 0.3, 1.0]);
        let (mut dispatched, mut baseline) = (Everything::default(), Everything::default());
        simulate_fastest(&prep, c, &member, None, &mut dispatched);
        simulate(&prep, c, &member, None, &mut baseline);
        assert!(dispatched.0.len() > 1000);
        assert_eq!(dispatched, baseline);
    }

    #[test]
    fn dispatched_ziggurat_rectangles_equal_the_baseline_ones() {
        let table: [f64; LAYERS + 1] = std::array::from_fn(|i| 4.0 - i as f64 / 64.0);
        let words: Vec<u64> = (0..203u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i << 7))
            .collect();
        let run = |dispatched: bool| {
            let (mut out, mut outside) = (vec![0.0; words.len()], vec![9u8; words.len()]);
            if dispatched {
                ziggurat_rectangles(&words, &mut out, &mut outside, &table);
            } else {
                normals::rectangle_pass(&words, &mut out, &mut outside, &table);
            }
            (out.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), outside)
        };
        let (baseline, dispatched) = (run(false), run(true));
        assert!(baseline.1.iter().all(|f| *f <= 1) && baseline.1.contains(&1));
        assert_eq!(dispatched, baseline);
    }

    #[test]
    fn dispatched_exponentials_equal_the_scalar_ones() {
        let original: Vec<f64> = (0..103).map(|i| -7.0 + 0.13 * f64::from(i)).collect();
        let mut values = original.clone();
        exp_in_place(&mut values);
        for (got, x) in values.iter().zip(&original) {
            assert_eq!(got.to_bits(), fast_exp::exp(*x).to_bits());
        }
    }
}
