//! Per-state hedging index and the bloc indices of MODEL.md ("Outputs").

use crate::model::{Limits, SECTOR_COUNT};

use super::lanes::Real;

/// The five bloc indices, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlocIndex {
    Cohesion,
    Bifurcation,
    TechSplit,
    Autonomy,
    DefaIntegration,
}

impl BlocIndex {
    /// All indices in display order.
    pub const ALL: [BlocIndex; 5] = [
        BlocIndex::Cohesion,
        BlocIndex::Bifurcation,
        BlocIndex::TechSplit,
        BlocIndex::Autonomy,
        BlocIndex::DefaIntegration,
    ];

    /// Name in CSV files and MODEL.md.
    pub fn key(self) -> &'static str {
        match self {
            BlocIndex::Cohesion => "cohesion",
            BlocIndex::Bifurcation => "bifurcation",
            BlocIndex::TechSplit => "tech_split",
            BlocIndex::Autonomy => "autonomy",
            BlocIndex::DefaIntegration => "defa_integration",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            BlocIndex::Cohesion => "Cohesion",
            BlocIndex::Bifurcation => "Bifurcation",
            BlocIndex::TechSplit => "Tech split",
            BlocIndex::Autonomy => "Autonomy",
            BlocIndex::DefaIntegration => "DEFA integration",
        }
    }

    /// How to read it, in one line.
    pub fn help(self) -> &'static str {
        match self {
            BlocIndex::Cohesion => {
                "1 when every state holds the same position; falls as positions diverge (weighted by GDP or equally)."
            }
            BlocIndex::Bifurcation => {
                "How far states are split between the first two powers (US vs China) in alignment."
            }
            BlocIndex::TechSplit => {
                "How far states are split between the first two powers in technology dependency."
            }
            BlocIndex::Autonomy => {
                "Mean of the autonomy share of alignment and the domestic share of technology."
            }
            BlocIndex::DefaIntegration => "Weighted mean DEFA implementation.",
        }
    }
}

/// `−Σ x ln x / ln K` with 0 ln 0 = 0.
pub fn hedging_index(x: &[f64]) -> f64 {
    let k = x.len();
    if k < 2 {
        return 0.0;
    }
    let entropy: f64 = x.iter().filter(|&&v| v > 0.0).map(|&v| -v * v.ln()).sum();
    entropy / (k as f64).ln()
}

/// The bloc indices at one time point, from alignment (N × K) and dependency (N × P × 5), for one
/// run (`f64`) or for ensemble members in lanes (each lane gets exactly its own run's values).
#[inline(always)]
pub(crate) fn bloc_indices<V: Real>(
    w: &[f64],
    x: &[V],
    d: &[V],
    n: usize,
    p: usize,
    g: &[V],
) -> [V; 5] {
    let k = p + 1;
    let zero = V::default();
    let mut tilt = [zero; Limits::MAX_STATES];
    let mut tech = [zero; Limits::MAX_STATES];
    let (mut aut_align, mut aut_tech, mut defa) = (zero, zero, zero);
    let sectors = SECTOR_COUNT as f64;
    for (i, ((xi, di), (wi, gi))) in x
        .chunks_exact(k)
        .zip(d.chunks_exact(p * SECTOR_COUNT))
        .zip(w.iter().zip(g))
        .enumerate()
        .take(Limits::MAX_STATES)
    {
        if p >= 2 {
            tilt[i] = xi[0] - xi[1];
            let mut spread = V::splat(-0.0);
            for (a, b) in di[..SECTOR_COUNT]
                .iter()
                .zip(&di[SECTOR_COUNT..2 * SECTOR_COUNT])
            {
                spread += *a - *b;
            }
            tech[i] = spread / sectors;
        }
        aut_align += xi[p] * *wi;
        let mut used = V::splat(-0.0);
        for v in di {
            used += *v;
        }
        aut_tech += (V::splat(sectors) - used) * *wi / sectors;
        defa += *gi * *wi;
    }
    let n = n.min(Limits::MAX_STATES);
    let [dispersion, bifurcation, tech_split] = pair_sums(w, x, k, &tilt[..n], &tech[..n]);
    [
        V::splat(1.0) - dispersion,
        bifurcation,
        tech_split,
        (aut_align + aut_tech) * 0.5,
        defa,
    ]
}

/// Over all ordered pairs of states, in one pass: `Σ W_i W_j TV(x_i, x_j)` of the alignment rows
/// `x` (K shares per state) and `Σ W_i W_j |v_i − v_j|` of the tilts and of the technology tilts
/// (both all zero when there are fewer than two powers, which gives sums of exactly 0).
#[inline(always)]
fn pair_sums<V: Real>(w: &[f64], x: &[V], k: usize, tilt: &[V], tech: &[V]) -> [V; 3] {
    match k {
        2 => pair_sums_k::<2, V>(w, x, tilt, tech),
        3 => pair_sums_k::<3, V>(w, x, tilt, tech),
        4 => pair_sums_k::<4, V>(w, x, tilt, tech),
        5 => pair_sums_k::<5, V>(w, x, tilt, tech),
        6 => pair_sums_k::<6, V>(w, x, tilt, tech),
        7 => pair_sums_k::<7, V>(w, x, tilt, tech),
        8 => pair_sums_k::<8, V>(w, x, tilt, tech),
        _ => pair_sums_k::<9, V>(w, x, tilt, tech),
    }
}

/// [`pair_sums`] for K known at compile time, so the inner loop unrolls. Every measure is symmetric
/// and 0 on the diagonal, so the pairs i < j count twice; the three sums are independent chains.
#[inline(always)]
fn pair_sums_k<const K: usize, V: Real>(w: &[f64], x: &[V], tilt: &[V], tech: &[V]) -> [V; 3] {
    let (rows, _) = x.as_chunks::<K>();
    let n = rows.len().min(w.len()).min(tilt.len()).min(tech.len());
    let (rows, w, tilt, tech) = (&rows[..n], &w[..n], &tilt[..n], &tech[..n]);
    let mut totals = [V::default(); 3];
    for i in 0..n {
        let (xi, ti, ci) = (&rows[i], tilt[i], tech[i]);
        let mut row = [V::default(); 3];
        let others = rows[i + 1..]
            .iter()
            .zip(&w[i + 1..])
            .zip(tilt[i + 1..].iter().zip(&tech[i + 1..]));
        for ((xj, wj), (tj, cj)) in others {
            let mut l1 = V::default();
            for o in 0..K {
                l1 += (xi[o] - xj[o]).lane_abs();
            }
            row[0] += l1 * (wj * 0.5);
            row[1] += (ti - *tj).lane_abs() * *wj;
            row[2] += (ci - *cj).lane_abs() * *wj;
        }
        for (total, r) in totals.iter_mut().zip(row) {
            *total += r * (2.0 * w[i]);
        }
    }
    totals
}
