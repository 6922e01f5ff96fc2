//! Per-state hedging index and the bloc indices of MODEL.md ("Outputs").

use crate::model::SECTOR_COUNT;

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

/// The bloc indices at one time point, from alignment (N × K) and dependency (N × P × 5).
pub(crate) fn bloc_indices(
    w: &[f64],
    x: &[f64],
    d: &[f64],
    n: usize,
    p: usize,
    g: &[f64],
) -> [f64; 5] {
    let k = p + 1;
    let cohesion = 1.0 - dispersion(w, x, k);

    let mut tilt = [0.0f64; 64];
    let mut tech = [0.0f64; 64];
    let (mut aut_align, mut aut_tech, mut defa) = (0.0, 0.0, 0.0);
    for (i, ((xi, di), (wi, gi))) in x
        .chunks_exact(k)
        .zip(d.chunks_exact(p * SECTOR_COUNT))
        .zip(w.iter().zip(g))
        .enumerate()
        .take(64)
    {
        if p >= 2 {
            tilt[i] = xi[0] - xi[1];
            let spread: f64 = di[..SECTOR_COUNT]
                .iter()
                .zip(&di[SECTOR_COUNT..2 * SECTOR_COUNT])
                .map(|(a, b)| a - b)
                .sum();
            tech[i] = spread / SECTOR_COUNT as f64;
        }
        aut_align += wi * xi[p];
        let used: f64 = di.iter().sum();
        aut_tech += wi * (SECTOR_COUNT as f64 - used) / SECTOR_COUNT as f64;
        defa += wi * gi;
    }
    let (bifurcation, tech_split) = if p >= 2 {
        (
            pair_spread(w, &tilt[..n.min(64)]),
            pair_spread(w, &tech[..n.min(64)]),
        )
    } else {
        (0.0, 0.0)
    };
    [
        cohesion,
        bifurcation,
        tech_split,
        0.5 * (aut_align + aut_tech),
        defa,
    ]
}

/// `Σ_i Σ_j W_i W_j TV(x_i, x_j)` over all ordered pairs of the alignment rows `x` (K shares per
/// state, as f64 in a run or f32 in an ensemble's store).
pub(crate) fn dispersion<T: Copy + Into<f64>>(w: &[f64], x: &[T], k: usize) -> f64 {
    match k {
        2 => dispersion_k::<2, T>(w, x),
        3 => dispersion_k::<3, T>(w, x),
        4 => dispersion_k::<4, T>(w, x),
        5 => dispersion_k::<5, T>(w, x),
        6 => dispersion_k::<6, T>(w, x),
        7 => dispersion_k::<7, T>(w, x),
        8 => dispersion_k::<8, T>(w, x),
        _ => dispersion_k::<9, T>(w, x),
    }
}

/// [`dispersion`] for K known at compile time, so the inner loop unrolls and the pairs' sums are
/// independent of each other. TV is symmetric and 0 on the diagonal, so the pairs i < j count twice.
fn dispersion_k<const K: usize, T: Copy + Into<f64>>(w: &[f64], x: &[T]) -> f64 {
    let (rows, _) = x.as_chunks::<K>();
    let n = rows.len().min(w.len());
    let (rows, w) = (&rows[..n], &w[..n]);
    let mut total = 0.0;
    for (i, (xi, wi)) in rows.iter().zip(w).enumerate() {
        let mut row = 0.0;
        for (xj, wj) in rows[i + 1..].iter().zip(&w[i + 1..]) {
            let mut l1 = 0.0;
            for o in 0..K {
                l1 += (xi[o].into() - xj[o].into()).abs();
            }
            row += wj * 0.5 * l1;
        }
        total += 2.0 * wi * row;
    }
    total
}

/// `Σ_i Σ_j W_i W_j |v_i − v_j|` over all ordered pairs.
pub(crate) fn pair_spread(w: &[f64], v: &[f64]) -> f64 {
    let n = v.len().min(w.len());
    let (w, v) = (&w[..n], &v[..n]);
    let mut total = 0.0;
    for (i, (vi, wi)) in v.iter().zip(w).enumerate() {
        let mut row = 0.0;
        for (vj, wj) in v[i + 1..].iter().zip(&w[i + 1..]) {
            row += wj * (vi - vj).abs();
        }
        total += 2.0 * wi * row;
    }
    total
}
