//! The uncertainty ensemble of MODEL.md: member 0 is the plain run; member m ≥ 1 draws its own lever
//! and parameter perturbations from ChaCha8 seeded with the scenario seed on stream m, so results do not
//! depend on how many threads run them. Bands are the 10th, 50th and 90th percentiles at every point.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

use crate::model::{ConstantId, Constants, Scenario};

use super::engine::{LeverNoise, simulate};
use super::error::SimError;
use super::indices::{BlocIndex, bloc_indices, hedging_index};
use super::prepared::{L, Prepared};
use super::run::{Recorder, Run, Snapshot};

/// A series the ensemble reports bands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BandSeries {
    /// Share of pole `pole` in state `state`'s alignment.
    Alignment {
        state: usize,
        pole: usize,
    },
    /// `x_1 − x_2` of a state.
    Tilt {
        state: usize,
    },
    /// Dependency on a power, averaged over sectors.
    Dependency {
        state: usize,
        power: usize,
    },
    /// Domestic share, averaged over sectors.
    Domestic {
        state: usize,
    },
    /// DEFA progress g.
    Defa {
        state: usize,
    },
    /// Hedging index.
    Hedging {
        state: usize,
    },
    Bloc(BlocIndex),
}

/// Where each series sits in a point's row.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Layout {
    n: usize,
    p: usize,
}

impl Layout {
    fn k(&self) -> usize {
        self.p + 1
    }

    fn len(&self) -> usize {
        let (n, p) = (self.n, self.p);
        n * self.k() + n + n * p + 3 * n + BlocIndex::ALL.len()
    }

    fn offset(&self, s: BandSeries) -> usize {
        let (n, p, k) = (self.n, self.p, self.k());
        let tilt = n * k;
        let dep = tilt + n;
        let dom = dep + n * p;
        let defa = dom + n;
        let hedge = defa + n;
        let bloc = hedge + n;
        match s {
            BandSeries::Alignment { state, pole } => state * k + pole,
            BandSeries::Tilt { state } => tilt + state,
            BandSeries::Dependency { state, power } => dep + state * p + power,
            BandSeries::Domestic { state } => dom + state,
            BandSeries::Defa { state } => defa + state,
            BandSeries::Hedging { state } => hedge + state,
            BandSeries::Bloc(b) => bloc + b as usize,
        }
    }
}

/// Writes one member's band series, point by point, as f32 to keep large ensembles in memory.
struct BandRecorder {
    layout: Layout,
    row: Vec<f64>,
    out: Vec<f32>,
}

impl Recorder for BandRecorder {
    fn record(&mut self, _t: f64, s: &Snapshot<'_>) {
        let Layout { n, p } = self.layout;
        let k = p + 1;
        let row = &mut self.row;
        row[..n * k].copy_from_slice(s.x);
        let mut at = n * k;
        for i in 0..n {
            row[at + i] = if p >= 2 {
                s.x[i * k] - s.x[i * k + 1]
            } else {
                0.0
            };
        }
        at += n;
        for i in 0..n {
            for q in 0..p {
                let cells = &s.d[(i * p + q) * 5..(i * p + q + 1) * 5];
                row[at + i * p + q] = cells.iter().sum::<f64>() / 5.0;
            }
        }
        at += n * p;
        for i in 0..n {
            let used: f64 = s.d[i * p * 5..(i + 1) * p * 5].iter().sum();
            row[at + i] = 1.0 - used / 5.0;
        }
        at += n;
        row[at..at + n].copy_from_slice(s.defa);
        at += n;
        for i in 0..n {
            row[at + i] = hedging_index(&s.x[i * k..(i + 1) * k]);
        }
        at += n;
        row[at..at + 5].copy_from_slice(&bloc_indices(s.weights, s.x, s.d, n, p, s.defa));
        self.out.extend(self.row.iter().map(|&v| v as f32));
    }
}

/// The result of an ensemble: every member's band series, from which percentiles are computed on
/// demand (a fan chart needs a few series, not all of them, so nothing is sorted that is not shown).
#[derive(Clone, Debug, PartialEq)]
pub struct EnsembleRun {
    pub times: Vec<f64>,
    pub members: usize,
    layout: Layout,
    /// Per member: points × series, single precision.
    outputs: Vec<Vec<f32>>,
}

impl EnsembleRun {
    /// `(p10, p50, p90)` of a series at point t.
    pub fn band(&self, series: BandSeries, t: usize) -> (f64, f64, f64) {
        let mut buf = Vec::with_capacity(self.members);
        self.band_with(series, t, &mut buf)
    }

    /// `(p10, p50, p90)` of a series at every point.
    pub fn band_series(&self, series: BandSeries) -> Vec<(f64, f64, f64)> {
        let mut buf = Vec::with_capacity(self.members);
        (0..self.times.len())
            .map(|t| self.band_with(series, t, &mut buf))
            .collect()
    }

    fn band_with(&self, series: BandSeries, t: usize, buf: &mut Vec<f64>) -> (f64, f64, f64) {
        let idx = t * self.layout.len() + self.layout.offset(series);
        buf.clear();
        buf.extend(self.outputs.iter().map(|out| f64::from(out[idx])));
        let [a, b, c] = percentiles(buf);
        (a, b, c)
    }

    /// Number of time points.
    pub fn points(&self) -> usize {
        self.times.len()
    }
}

/// Runs the scenario's ensemble (its own member count and seed).
pub fn run_ensemble(scenario: &Scenario) -> Result<EnsembleRun, SimError> {
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    run_ensemble_with(
        scenario,
        scenario.ensemble.members as usize,
        &never,
        &progress,
    )
}

/// Runs `members` members; stops early with [`SimError::Cancelled`] when `cancel` is set, and counts
/// finished members in `progress`.
pub fn run_ensemble_with(
    scenario: &Scenario,
    members: usize,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
) -> Result<EnsembleRun, SimError> {
    let prep = Prepared::new(scenario)?;
    let members = members.max(1);
    let layout = Layout {
        n: prep.n,
        p: prep.p,
    };
    let points = prep.n_steps + 1;
    let cells = active_cells(&prep);

    let outputs: Vec<Vec<f32>> = (0..members)
        .into_par_iter()
        .map(|m| {
            if cancel.load(Ordering::Relaxed) {
                return Err(SimError::Cancelled);
            }
            let mut rec = BandRecorder {
                layout,
                row: vec![0.0; layout.len()],
                out: Vec::with_capacity(points * layout.len()),
            };
            run_member(&prep, scenario, m, &cells, &mut rec);
            progress.fetch_add(1, Ordering::Relaxed);
            Ok(rec.out)
        })
        .collect::<Result<_, _>>()?;

    Ok(EnsembleRun {
        times: prep.times.clone(),
        members,
        layout,
        outputs,
    })
}

/// The full run of ensemble member m (member 0 is the plain run).
pub fn member_run(scenario: &Scenario, m: usize) -> Result<Run, SimError> {
    let prep = Prepared::new(scenario)?;
    let cells = active_cells(&prep);
    let mut out = Run::with_capacity(prep.n, prep.p, prep.n_steps + 1);
    run_member(&prep, scenario, m, &cells, &mut out);
    Ok(out)
}

/// Lever cells (state, power, kind) that are non-zero at some step: only these get noise draws.
fn active_cells(prep: &Prepared) -> Vec<usize> {
    let len = prep.n * prep.p * L;
    (0..len)
        .filter(|&c| prep.lever_segments.iter().any(|seg| seg[c] > 0.0))
        .collect()
}

fn run_member<R: Recorder>(
    prep: &Prepared,
    scenario: &Scenario,
    m: usize,
    cells: &[usize],
    rec: &mut R,
) {
    if m == 0 {
        simulate(prep, &prep.constants, None, rec);
        return;
    }
    let settings = &scenario.ensemble;
    let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
    rng.set_stream(m as u64);
    let mut normal = || -> f64 { StandardNormal.sample(&mut rng) };

    let sp = settings.parameter_sigma;
    let mut constants: Constants = prep.constants.clone();
    let omega_factor = (sp * normal() - sp * sp / 2.0).exp();
    let lambda_factor = (sp * normal() - sp * sp / 2.0).exp();
    let omega_range = ConstantId::LeverInfluence.range();
    for w in &mut constants.lever_influence {
        *w = omega_range.clamp(*w * omega_factor);
    }
    constants.susceptibility_max = ConstantId::SusceptibilityMax
        .range()
        .clamp(constants.susceptibility_max * lambda_factor);

    let sl = settings.lever_sigma;
    let phi = settings.lever_persistence;
    let innovation = (1.0 - phi * phi).max(0.0).sqrt();
    let n_cells = prep.n * prep.p * L;
    let years = prep.n_steps.div_ceil(prep.steps_per_year);
    let mut factors = vec![1.0; years * n_cells];
    let mut z = vec![0.0; cells.len()];
    for year in 0..years {
        for (zc, &cell) in z.iter_mut().zip(cells) {
            let e = normal();
            *zc = if year == 0 {
                e
            } else {
                phi * *zc + innovation * e
            };
            factors[year * n_cells + cell] = (sl * *zc - sl * sl / 2.0).exp();
        }
    }
    simulate(
        prep,
        &constants,
        Some(&LeverNoise {
            factors: &factors,
            cells: n_cells,
        }),
        rec,
    );
}

/// Linear-interpolation percentiles (the usual "type 7") at 10, 50 and 90 %.
fn percentiles(values: &mut [f64]) -> [f64; 3] {
    let n = values.len();
    if n == 1 {
        return [values[0]; 3];
    }
    let mut out = [0.0; 3];
    for (slot, q) in out.iter_mut().zip([0.1, 0.5, 0.9]) {
        let pos = q * (n - 1) as f64;
        let lo = pos.floor() as usize;
        let frac = pos - lo as f64;
        let (_, a, rest) = values.select_nth_unstable_by(lo, f64::total_cmp);
        let a = *a;
        let b = if frac > 0.0 {
            rest.iter().copied().fold(f64::INFINITY, f64::min)
        } else {
            a
        };
        *slot = a + frac * (b - a);
    }
    out
}
