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
    // Cohesion: all ordered pairs; TV is symmetric and 0 on the diagonal, so sum i<j twice.
    let mut dispersion = 0.0;
    for i in 0..n {
        let xi = &x[i * k..(i + 1) * k];
        let mut row = 0.0;
        for j in (i + 1)..n {
            let xj = &x[j * k..(j + 1) * k];
            let l1: f64 = xi.iter().zip(xj).map(|(a, b)| (a - b).abs()).sum();
            row += w[j] * 0.5 * l1;
        }
        dispersion += 2.0 * w[i] * row;
    }
    let cohesion = 1.0 - dispersion;

    let (bifurcation, tech_split) = if p >= 2 {
        let mut tilt = [0.0f64; 64];
        let mut tech = [0.0f64; 64];
        for i in 0..n.min(64) {
            tilt[i] = x[i * k] - x[i * k + 1];
            let d1 = &d[(i * p) * SECTOR_COUNT..(i * p + 1) * SECTOR_COUNT];
            let d2 = &d[(i * p + 1) * SECTOR_COUNT..(i * p + 2) * SECTOR_COUNT];
            tech[i] = d1.iter().zip(d2).map(|(a, b)| a - b).sum::<f64>() / SECTOR_COUNT as f64;
        }
        (pair_spread(w, &tilt[..n]), pair_spread(w, &tech[..n]))
    } else {
        (0.0, 0.0)
    };

    let mut aut_align = 0.0;
    let mut aut_tech = 0.0;
    let mut defa = 0.0;
    for i in 0..n {
        aut_align += w[i] * x[i * k + p];
        let mut dom = 0.0;
        for s in 0..SECTOR_COUNT {
            let mut used = 0.0;
            for q in 0..p {
                used += d[(i * p + q) * SECTOR_COUNT + s];
            }
            dom += 1.0 - used;
        }
        aut_tech += w[i] * dom / SECTOR_COUNT as f64;
        defa += w[i] * g[i];
    }
    [
        cohesion,
        bifurcation,
        tech_split,
        0.5 * (aut_align + aut_tech),
        defa,
    ]
}

/// `Σ_i Σ_j W_i W_j |v_i − v_j|` over all ordered pairs.
fn pair_spread(w: &[f64], v: &[f64]) -> f64 {
    let n = v.len();
    let mut total = 0.0;
    for i in 0..n {
        let mut row = 0.0;
        for j in (i + 1)..n {
            row += w[j] * (v[i] - v[j]).abs();
        }
        total += 2.0 * w[i] * row;
    }
    total
}
