//! Standard normal draws for the ensemble's noise, many at a time.
//!
//! The ziggurat of Marsaglia and Tsang (2000), 256 layers, as `rand_distr` uses it, but in two
//! passes: random words are copied out of the generator 128 at a time, and the common case (about
//! 99 % of draws: a point inside a layer's rectangle) runs over all of them in one loop with no
//! calls and no branches, which AVX2 vectorises. The rare rest (the wedges and the tail) then draws
//! further words from the same generator, in order. Drawing one value at a time through the
//! generator's per-word bookkeeping took about three times as many instructions. The result is a
//! deterministic function of the generator's state, exactly normal in distribution like any
//! ziggurat.

use std::sync::LazyLock;

use rand::{Rng, RngCore};
use rand_distr::{Distribution, Open01, StandardNormal};

use super::wide::ziggurat_rectangles;

/// Number of layers.
pub(crate) const LAYERS: usize = 256;
/// Right edge of the base layer (for 256 layers).
const R: f64 = 3.654_152_885_361_009;
/// Area of every layer, the base with its tail included.
const V: f64 = 0.004_928_673_233_99;

/// `x_i` (layer edges, decreasing: x_0 = V / f(R) for the base strip, x_1 = R, …, x_256 = 0) and
/// `f(x_i)`.
struct Tables {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
}

fn density(x: f64) -> f64 {
    (-x * x / 2.0).exp()
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut x = [0.0; LAYERS + 1];
    x[0] = V / density(R);
    x[1] = R;
    // Each layer has area V: x_{i+1} = f⁻¹(f(x_i) + V / x_i).
    for i in 1..LAYERS - 1 {
        let y = density(x[i]) + V / x[i];
        x[i + 1] = (-2.0 * y.ln()).sqrt();
    }
    x[LAYERS] = 0.0;
    let f = x.map(density);
    Tables { x, f }
});

/// Random words copied out of the generator at a time: a few of its blocks, small enough for the
/// stack and the first-level cache.
const CHUNK: usize = 128;

/// Fills `out` with independent standard normal draws from `rng`.
pub(crate) fn fill_standard_normal<G: RngCore>(rng: &mut G, out: &mut [f64]) {
    let tables = &*TABLES;
    let mut words = [0u64; CHUNK];
    let mut outside = [0u8; CHUNK];
    for out in out.chunks_mut(CHUNK) {
        let words = &mut words[..out.len()];
        let outside = &mut outside[..out.len()];
        rng.fill(&mut *words);
        ziggurat_rectangles(words, out, outside, &tables.x);
        // Eight flags at a time: most runs of eight draws have none outside.
        for (run, flags) in outside.chunks(8).enumerate() {
            if flags.iter().all(|f| *f == 0) {
                continue;
            }
            for (k, flag) in flags.iter().enumerate() {
                let k = run * 8 + k;
                if let (1, Some(v), Some(bits)) = (*flag, out.get_mut(k), words.get(k)) {
                    *v = outside_rectangle(rng, tables, (bits & 0xff) as usize, *v);
                }
            }
        }
    }
}

/// The ziggurat's common case for every draw: layer i from the low 8 bits of its word, u ∈ [−1, 1)
/// from the top 52, x = u x_i, inside the layer's rectangle when |x| < x_{i+1}; `outside` gets 1
/// for the draws that are not. No branches, so it vectorises.
#[inline(always)]
pub(crate) fn rectangle_pass(
    words: &[u64],
    out: &mut [f64],
    outside: &mut [u8],
    x_tab: &[f64; LAYERS + 1],
) {
    for ((v, &bits), flag) in out.iter_mut().zip(words).zip(outside.iter_mut()) {
        let i = (bits & 0xff) as usize;
        let u = f64::from_bits((bits >> 12) | (1024 << 52)) - 3.0;
        let x = u * x_tab[i];
        *v = x;
        *flag = u8::from(x.abs() >= x_tab[i + 1]);
    }
}

/// Finishes a draw whose point fell outside its layer's rectangle at `x` (layer i): the tail for
/// the base layer, else the wedge test; a point rejected there starts a fresh, independent draw.
fn outside_rectangle<G: RngCore>(rng: &mut G, tables: &Tables, i: usize, x: f64) -> f64 {
    if i == 0 {
        return tail(rng, x < 0.0);
    }
    let wedge = tables.f[i + 1] + (tables.f[i] - tables.f[i + 1]) * rng.random::<f64>();
    if wedge < density(x) {
        x
    } else {
        StandardNormal.sample(rng)
    }
}

/// A draw from the normal tail beyond R (Marsaglia 1964), on the given side.
fn tail<G: RngCore>(rng: &mut G, negative: bool) -> f64 {
    loop {
        let a: f64 = Open01.sample(rng);
        let b: f64 = Open01.sample(rng);
        let x = a.ln() / R;
        let y = b.ln();
        if -2.0 * y >= x * x {
            return if negative { x - R } else { R - x };
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;

    /// Φ(x) by Simpson's rule on the density (20,000 panels: error far below the tolerances here).
    fn normal_cdf(x: f64) -> f64 {
        let steps = 20_000;
        let (a, b) = (0.0f64, x.abs());
        let h = (b - a) / f64::from(steps);
        let mut sum = density(a) + density(b);
        for k in 1..steps {
            let w = if k % 2 == 1 { 4.0 } else { 2.0 };
            sum += w * density(a + h * f64::from(k));
        }
        let half = sum * h / 3.0 / (2.0 * std::f64::consts::PI).sqrt();
        if x >= 0.0 { 0.5 + half } else { 0.5 - half }
    }

    fn draws(seed: u64, n: usize) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut out = vec![0.0; n];
        fill_standard_normal(&mut rng, &mut out);
        out
    }

    #[test]
    fn the_layers_close_at_zero_with_equal_areas() {
        let t = &*TABLES;
        // The recurrence must land on the top of the density: x_255 small, f increasing to 1.
        assert!(
            t.x[LAYERS - 1] > 0.0 && t.x[LAYERS - 1] < 0.3,
            "{}",
            t.x[255]
        );
        assert!(t.x.windows(2).all(|w| w[0] > w[1]));
        assert!((t.f[LAYERS] - 1.0).abs() < 1e-15);
        // Every rectangle layer i ≥ 1 has area x_i (f_{i+1} − f_i) = V, the last one up to 1e-6.
        for i in 1..LAYERS - 1 {
            let area = t.x[i] * (t.f[i + 1] - t.f[i]);
            assert!((area - V).abs() < 1e-12, "layer {i}: {area}");
        }
        let top = t.x[LAYERS - 1] * (1.0 - t.f[LAYERS - 1]);
        assert!((top - V).abs() < 1e-6, "top layer {top}");
    }

    #[test]
    fn draws_follow_the_standard_normal_distribution() {
        let n = 1_000_000;
        let x = draws(7, n);
        let mean = x.iter().sum::<f64>() / n as f64;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        assert!(mean.abs() < 0.005, "mean {mean}");
        assert!((var - 1.0).abs() < 0.005, "variance {var}");

        // Kolmogorov–Smirnov distance against Φ; the 1 % critical value for 1e6 draws is 0.0016.
        let mut sorted = x.clone();
        sorted.sort_by(f64::total_cmp);
        let mut worst = 0.0f64;
        for (k, v) in sorted.iter().enumerate().step_by(997) {
            let empirical = (k as f64 + 0.5) / n as f64;
            worst = worst.max((empirical - normal_cdf(*v)).abs());
        }
        assert!(worst < 0.0016, "KS distance {worst}");

        // The tail beyond R (the slow path) at its rate 2 (1 − Φ(R)) ≈ 2.58e-4, on both sides.
        let beyond = |side: f64| x.iter().filter(|v| **v * side > R).count() as f64 / n as f64;
        let expected = 1.0 - normal_cdf(R);
        for side in [1.0, -1.0] {
            let rate = beyond(side);
            assert!(
                (rate - expected).abs() < 0.3 * expected,
                "tail {side}: {rate}"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_draws_and_another_seed_others() {
        assert_eq!(draws(11, 5000), draws(11, 5000));
        assert_ne!(draws(11, 50), draws(12, 50));
    }
}
