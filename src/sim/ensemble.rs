//! The uncertainty ensemble of MODEL.md: member 0 is the plain run; member m ≥ 1 draws its own lever
//! and parameter perturbations from ChaCha8 seeded with the scenario seed on stream m, so results do not
//! depend on how many threads run them. Bands are the 10th, 50th and 90th percentiles at every point.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;

use crate::model::{ConstantId, Constants, Limits, SECTOR_COUNT, Scenario};

use super::engine::{LeverNoise, simulate};
use super::error::SimError;
use super::fast_exp;
use super::indices::{BlocIndex, dispersion, hedging_index, pair_spread};
use super::percentiles::p10_p50_p90;
use super::prepared::{L, Prepared};
use super::run::{Recorder, Run, Snapshot};

/// The most single-precision values an ensemble keeps (0.4 GB; building the point-major store
/// briefly needs twice that). Larger ensembles are refused with a clear error rather than left to
/// exhaust memory.
pub const MAX_ENSEMBLE_VALUES: usize = 100_000_000;

/// At most eight powers and the autonomy pole.
const MAX_POLES: usize = Limits::MAX_POWERS + 1;

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

/// What a member keeps per point: alignment (N × K), dependency per power averaged over sectors
/// (N × P) and DEFA progress (N). Every band series derives from these, so the derived ones (tilt,
/// domestic share, hedging index, bloc indices) are computed only for the series a view asks for.
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
        self.n * self.k() + self.n * self.p + self.n
    }
}

/// Writes one member's raw series, point by point, as f32 to keep large ensembles in memory.
struct BandRecorder {
    layout: Layout,
    out: Vec<f32>,
}

impl Recorder for BandRecorder {
    fn record(&mut self, _t: f64, s: &Snapshot<'_>) {
        let Layout { n, p } = self.layout;
        self.out.extend(s.x.iter().map(|&v| v as f32));
        for cells in s.d.chunks_exact(SECTOR_COUNT).take(n * p) {
            self.out
                .push((cells.iter().sum::<f64>() / SECTOR_COUNT as f64) as f32);
        }
        self.out.extend(s.defa.iter().map(|&v| v as f32));
    }
}

/// One point of one member, widened back to f64.
struct Point<'a> {
    layout: Layout,
    row: &'a [f32],
}

impl Point<'_> {
    fn x(&self, i: usize, o: usize) -> f64 {
        f64::from(self.row[i * self.layout.k() + o])
    }

    fn dep(&self, i: usize, q: usize) -> f64 {
        let Layout { n, p } = self.layout;
        f64::from(self.row[n * (p + 1) + i * p + q])
    }

    fn defa(&self, i: usize) -> f64 {
        let Layout { n, p } = self.layout;
        f64::from(self.row[n * (p + 1) + n * p + i])
    }

    fn tilt(&self, i: usize) -> f64 {
        if self.layout.p >= 2 {
            self.x(i, 0) - self.x(i, 1)
        } else {
            0.0
        }
    }

    fn domestic(&self, i: usize) -> f64 {
        1.0 - (0..self.layout.p).map(|q| self.dep(i, q)).sum::<f64>()
    }

    fn value(&self, series: BandSeries, weights: &[f64]) -> f64 {
        let Layout { n, p } = self.layout;
        let k = p + 1;
        match series {
            BandSeries::Alignment { state, pole } => self.x(state, pole),
            BandSeries::Tilt { state } => self.tilt(state),
            BandSeries::Dependency { state, power } => self.dep(state, power),
            BandSeries::Domestic { state } => self.domestic(state),
            BandSeries::Defa { state } => self.defa(state),
            BandSeries::Hedging { state } => {
                let mut x = [0.0f64; MAX_POLES];
                for (o, v) in x.iter_mut().enumerate().take(k) {
                    *v = self.x(state, o);
                }
                hedging_index(&x[..k.min(MAX_POLES)])
            }
            // The bloc indices of MODEL.md from the stored series: the sector means of D are linear,
            // so tech split and the domestic share follow from the per-power averages.
            BandSeries::Bloc(BlocIndex::Cohesion) => {
                1.0 - dispersion(weights, &self.row[..n * k], k)
            }
            BandSeries::Bloc(BlocIndex::Bifurcation) => spread(weights, n, |i| self.tilt(i)),
            BandSeries::Bloc(BlocIndex::TechSplit) => {
                if p >= 2 {
                    spread(weights, n, |i| self.dep(i, 0) - self.dep(i, 1))
                } else {
                    0.0
                }
            }
            BandSeries::Bloc(BlocIndex::Autonomy) => {
                let aligned: f64 = (0..n).map(|i| weights[i] * self.x(i, p)).sum();
                let domestic: f64 = (0..n).map(|i| weights[i] * self.domestic(i)).sum();
                0.5 * (aligned + domestic)
            }
            BandSeries::Bloc(BlocIndex::DefaIntegration) => {
                (0..n).map(|i| weights[i] * self.defa(i)).sum()
            }
        }
    }
}

/// `Σ_i Σ_j W_i W_j |v_i − v_j|` of the per-state values `v(i)`.
fn spread(w: &[f64], n: usize, v: impl Fn(usize) -> f64) -> f64 {
    let mut buf = [0.0f64; Limits::MAX_STATES];
    let values = &mut buf[..n.min(Limits::MAX_STATES)];
    for (i, slot) in values.iter_mut().enumerate() {
        *slot = v(i);
    }
    pair_spread(w, values)
}

/// The result of an ensemble: every member's raw series, from which percentiles are computed on
/// demand (a fan chart needs a few series, not all of them, so nothing is computed that is not shown).
#[derive(Clone, Debug, PartialEq)]
pub struct EnsembleRun {
    pub times: Vec<f64>,
    pub members: usize,
    layout: Layout,
    weights: Vec<f64>,
    /// Point-major: for each point, every member's raw series (single precision), so the values a
    /// percentile needs lie together in memory rather than in a thousand separate buffers.
    outputs: Vec<f32>,
}

impl EnsembleRun {
    /// `(p10, p50, p90)` of a series at point t.
    pub fn band(&self, series: BandSeries, t: usize) -> (f64, f64, f64) {
        let mut buf = Vec::with_capacity(self.members);
        self.band_with(series, t, &mut buf)
    }

    /// `(p10, p50, p90)` of a series at every point (points in parallel; the result does not depend
    /// on the number of threads).
    pub fn band_series(&self, series: BandSeries) -> Vec<(f64, f64, f64)> {
        (0..self.times.len())
            .into_par_iter()
            .map_init(
                || Vec::with_capacity(self.members),
                |buf, t| self.band_with(series, t, buf),
            )
            .collect()
    }

    fn band_with(&self, series: BandSeries, t: usize, buf: &mut Vec<f64>) -> (f64, f64, f64) {
        let width = self.layout.len();
        let block = self.members * width;
        let rows = self
            .outputs
            .get(t * block..(t + 1) * block)
            .unwrap_or_default();
        buf.clear();
        buf.extend(rows.chunks_exact(width).map(|row| {
            let point = Point {
                layout: self.layout,
                row,
            };
            point.value(series, &self.weights)
        }));
        let [a, b, c] = p10_p50_p90(buf);
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
    let values = points.saturating_mul(members).saturating_mul(layout.len());
    if values > MAX_ENSEMBLE_VALUES {
        let gigabytes = |v: usize| v as f64 * 4.0 / 1e9;
        return Err(SimError::Invalid(format!(
            "an ensemble of {members} members over {points} time points would keep {:.1} GB of \
             results (at most {:.1} GB): use fewer members or fewer steps per year",
            gigabytes(values),
            gigabytes(MAX_ENSEMBLE_VALUES)
        )));
    }
    let cells = active_cells(&prep);

    let per_member: Vec<Vec<f32>> = (0..members)
        .into_par_iter()
        .map(|m| {
            if cancel.load(Ordering::Relaxed) {
                return Err(SimError::Cancelled);
            }
            let mut rec = BandRecorder {
                layout,
                out: Vec::with_capacity(points * layout.len()),
            };
            run_member(&prep, scenario, m, &cells, &mut rec);
            progress.fetch_add(1, Ordering::Relaxed);
            Ok(rec.out)
        })
        .collect::<Result<_, _>>()?;

    let width = layout.len();
    let mut outputs = vec![0.0f32; points * members * width];
    outputs
        .par_chunks_mut(members * width)
        .enumerate()
        .for_each(|(t, block)| {
            for (dst, src) in block.chunks_exact_mut(width).zip(&per_member) {
                dst.copy_from_slice(&src[t * width..(t + 1) * width]);
            }
        });

    Ok(EnsembleRun {
        times: prep.times.clone(),
        weights: prep.weights.clone(),
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
        .filter(|&c| {
            prep.lever_segments
                .iter()
                .any(|seg| seg.as_flattened().get(c).is_some_and(|v| *v > 0.0))
        })
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
    let years = prep.n_steps.div_ceil(prep.steps_per_year);
    let mut factors = vec![0.0; years * cells.len()];
    let mut z = vec![0.0; cells.len()];
    for (year, year_factors) in factors.chunks_exact_mut(cells.len().max(1)).enumerate() {
        for (f, zc) in year_factors.iter_mut().zip(&mut z) {
            let e = normal();
            // The first year draws z from its stationary distribution; later years follow AR(1).
            *zc = if year == 0 {
                e
            } else {
                phi * *zc + innovation * e
            };
            *f = sl * *zc - sl * sl / 2.0;
        }
    }
    // Exponents first, then the factors in one vectorised pass.
    for f in &mut factors {
        *f = fast_exp::exp(*f);
    }
    simulate(
        prep,
        &constants,
        Some(&LeverNoise {
            factors: &factors,
            cells,
        }),
        rec,
    );
}
