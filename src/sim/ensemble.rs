//! The uncertainty ensemble of MODEL.md: member 0 is the plain run; member m ≥ 1 draws its own lever
//! and parameter perturbations from ChaCha8 seeded with the scenario seed on stream m, so results do not
//! depend on how many threads run them. Bands are the 10th, 50th and 90th percentiles at every point.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::model::{ConstantId, Constants, Limits, SECTOR_COUNT, Scenario};

use super::engine::{LeverNoise, MemberConstants};
use super::error::SimError;
use super::indices::{BlocIndex, bloc_indices, hedging_index};
use super::lanes::{LANES, Lanes, Real};
use super::normals::fill_standard_normal;
use super::percentiles::{order_key, p10_p50_p90_of_keys};
use super::prepared::{L, Prepared};
use super::run::{Recorder, Run, Snapshot};
use super::wide::{exp_in_place, simulate_fastest};

/// The most single-precision values an ensemble keeps (0.4 GB, written in place by the members).
/// Larger ensembles are refused with a clear error rather than left to exhaust memory.
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
/// (N × P), DEFA progress (N) and the five bloc indices. The per-state series derive cheaply from
/// these when a view asks for them (tilt, domestic share, hedging index); the bloc indices, which
/// take all pairs of states, are computed once while the members run, a group of members at a time.
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
        self.bloc_offset() + BlocIndex::ALL.len()
    }

    fn bloc_offset(&self) -> usize {
        self.defa(self.n)
    }

    /// Column of pole o's share in state i's alignment.
    fn x(&self, i: usize, o: usize) -> usize {
        i * self.k() + o
    }

    /// Column of state i's mean dependency on power q.
    fn dep(&self, i: usize, q: usize) -> usize {
        self.x(self.n, 0) + i * self.p + q
    }

    /// Column of state i's DEFA progress.
    fn defa(&self, i: usize) -> usize {
        self.dep(self.n, 0) + i
    }

    /// The column a series is stored in, for the series stored as they are.
    fn column(&self, series: BandSeries) -> Option<usize> {
        match series {
            BandSeries::Alignment { state, pole } => Some(self.x(state, pole)),
            BandSeries::Dependency { state, power } => Some(self.dep(state, power)),
            BandSeries::Defa { state } => Some(self.defa(state)),
            BandSeries::Bloc(index) => Some(self.bloc_offset() + index as usize),
            BandSeries::Tilt { .. } | BandSeries::Domestic { .. } | BandSeries::Hedging { .. } => {
                None
            }
        }
    }
}

/// Writes the raw series of the members stepped together in lanes straight into their group's part
/// of the ensemble's store, point by point, as f32 to keep large ensembles in memory.
struct BandRecorder<'a> {
    layout: Layout,
    /// This group's block of the store at each point: per column, one value per lane.
    blocks: Vec<&'a mut [f32]>,
    point: usize,
    mean_dependency: Vec<Lanes>,
}

impl Recorder<Lanes> for BandRecorder<'_> {
    #[inline(always)]
    fn record(&mut self, _t: f64, s: &Snapshot<'_, Lanes>) {
        let Layout { n, p } = self.layout;
        self.mean_dependency.clear();
        for cells in s.d.chunks_exact(SECTOR_COUNT).take(n * p) {
            // Summed from -0.0 like `Iterator::sum`, lane by lane.
            let mut total = Lanes::splat(-0.0);
            for v in cells {
                total += *v;
            }
            self.mean_dependency.push(total / SECTOR_COUNT as f64);
        }
        let bloc = bloc_indices(s.weights, s.x, s.d, n, p, s.defa);
        let Some(block) = self.blocks.get_mut(self.point) else {
            return;
        };
        self.point += 1;
        let columns = [s.x, &self.mean_dependency, s.defa, &bloc];
        let (cells, _) = block.as_chunks_mut::<LANES>();
        for (cell, v) in cells.iter_mut().zip(columns.into_iter().flatten()) {
            *cell = v.0.map(|x| x as f32);
        }
    }
}

/// One point of one member, widened back to f64.
struct Point<'a> {
    layout: Layout,
    /// The member's group's values at this point: per column, one value per lane.
    block: &'a [f32],
    lane: usize,
}

impl Point<'_> {
    fn get(&self, column: usize) -> f64 {
        f64::from(self.block[column * LANES + self.lane])
    }

    fn x(&self, i: usize, o: usize) -> f64 {
        self.get(self.layout.x(i, o))
    }

    fn dep(&self, i: usize, q: usize) -> f64 {
        self.get(self.layout.dep(i, q))
    }

    fn defa(&self, i: usize) -> f64 {
        self.get(self.layout.defa(i))
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

    fn value(&self, series: BandSeries) -> f64 {
        let k = self.layout.k();
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
            BandSeries::Bloc(index) => self.get(self.layout.bloc_offset() + index as usize),
        }
    }
}

/// The result of an ensemble: every member's raw series, from which percentiles are computed on
/// demand (a fan chart needs a few series, not all of them, so nothing is computed that is not shown).
#[derive(Clone, Debug, PartialEq)]
pub struct EnsembleRun {
    pub times: Vec<f64>,
    pub members: usize,
    layout: Layout,
    /// Every member's raw series (single precision), by point, then group of members stepped
    /// together, then column, then lane: the values a percentile needs lie in one stretch of memory
    /// in runs of [`LANES`].
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
        self.band_series_many(&[series]).pop().unwrap_or_default()
    }

    /// [`band_series`](Self::band_series) of several series at once, in the order given: each
    /// point's values are read from memory once for all of them, which matters for long runs.
    pub fn band_series_many(&self, series: &[BandSeries]) -> Vec<Vec<(f64, f64, f64)>> {
        let by_point: Vec<Vec<(f64, f64, f64)>> = (0..self.times.len())
            .into_par_iter()
            .map_init(
                || Vec::with_capacity(self.members),
                |buf, t| series.iter().map(|s| self.band_with(*s, t, buf)).collect(),
            )
            .collect();
        (0..series.len())
            .map(|k| by_point.iter().map(|bands| bands[k]).collect())
            .collect()
    }

    /// The value of a series for one member at point t, as stored (single precision); `None` past
    /// the last member or point.
    pub fn member_value(&self, member: usize, series: BandSeries, t: usize) -> Option<f64> {
        if member >= self.members {
            return None;
        }
        let point = Point {
            layout: self.layout,
            block: self.block(member / LANES, t)?,
            lane: member % LANES,
        };
        Some(point.value(series))
    }

    /// The values of a group of members at point t.
    fn block(&self, group: usize, t: usize) -> Option<&[f32]> {
        self.blocks_at(t).nth(group)
    }

    /// The blocks of every group of members at point t, in group order.
    fn blocks_at(&self, t: usize) -> std::slice::ChunksExact<'_, f32> {
        let len = self.layout.len() * LANES;
        let point_len = self.members.div_ceil(LANES) * len;
        self.outputs
            .get(t * point_len..(t + 1) * point_len)
            .unwrap_or_default()
            .chunks_exact(len)
    }

    fn band_with(&self, series: BandSeries, t: usize, keys: &mut Vec<u64>) -> (f64, f64, f64) {
        keys.clear();
        keys.reserve(self.members);
        // The common series read one or two columns directly; the rest go through `Point`.
        let columns = match (series, self.layout.column(series)) {
            (_, Some(c)) => Some((c, None)),
            (BandSeries::Tilt { state }, None) if self.layout.p >= 2 => {
                Some((self.layout.x(state, 0), Some(self.layout.x(state, 1))))
            }
            _ => None,
        };
        for (group, block) in self.blocks_at(t).enumerate() {
            let lanes = LANES.min(self.members - group * LANES);
            for lane in 0..lanes {
                let at = |c: usize| f64::from(block[c * LANES + lane]);
                let value = match columns {
                    Some((c, None)) => at(c),
                    Some((a, Some(b))) => at(a) - at(b),
                    None => Point {
                        layout: self.layout,
                        block,
                        lane,
                    }
                    .value(series),
                };
                keys.push(order_key(value));
            }
        }
        let [a, b, c] = p10_p50_p90_of_keys(keys);
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
    let values = points
        .saturating_mul(members.div_ceil(LANES) * LANES)
        .saturating_mul(layout.len());
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

    // Each group of members owns one block at every point and writes it in place, in parallel,
    // with no second copy.
    let groups = members.div_ceil(LANES);
    let block_len = layout.len() * LANES;
    // Zeroed by both threads: the members overwrite every value, but a serial fill of a store this
    // size would be a noticeable part of the ensemble's time.
    let mut outputs: Vec<f32> = (0..points * groups * block_len)
        .into_par_iter()
        .map(|_| 0.0)
        .collect();
    let mut blocks_of_group: Vec<Vec<&mut [f32]>> =
        (0..groups).map(|_| Vec::with_capacity(points)).collect();
    for point in outputs.chunks_exact_mut(groups * block_len) {
        for (blocks, block) in blocks_of_group
            .iter_mut()
            .zip(point.chunks_exact_mut(block_len))
        {
            blocks.push(block);
        }
    }
    blocks_of_group
        .into_par_iter()
        .enumerate()
        .map(|(group, blocks)| {
            if cancel.load(Ordering::Relaxed) {
                return Err(SimError::Cancelled);
            }
            let lanes = LANES.min(members - group * LANES);
            let mut rec = BandRecorder {
                layout,
                blocks,
                point: 0,
                mean_dependency: Vec::with_capacity(layout.n * layout.p),
            };
            // Members past the end fill the last group's spare lanes as unperturbed runs.
            let draws: [Draws; LANES] = std::array::from_fn(|lane| {
                if lane < lanes {
                    Draws::of_member(&prep, scenario, group * LANES + lane, &cells)
                } else {
                    Draws::none(&prep, cells.len())
                }
            });
            run_lanes(&prep, &draws, &cells, &mut rec);
            progress.fetch_add(lanes, Ordering::Relaxed);
            Ok(())
        })
        .collect::<Result<(), SimError>>()?;

    Ok(EnsembleRun {
        times: prep.times.clone(),
        members,
        layout,
        outputs,
    })
}

/// The full run of ensemble member m (member 0 is the plain run), stepped alone.
pub fn member_run(scenario: &Scenario, m: usize) -> Result<Run, SimError> {
    let prep = Prepared::new(scenario)?;
    let cells = active_cells(&prep);
    let mut out = Run::with_capacity(prep.n, prep.p, prep.n_steps + 1);
    // Member 0's draws are no perturbation (factors of exactly 1), which gives the plain run.
    let draws = Draws::of_member(&prep, scenario, m, &cells);
    let member = MemberConstants {
        lever_influence: draws.lever_influence,
        susceptibility_max: draws.susceptibility_max,
    };
    let noise = LeverNoise {
        factors: &draws.factors,
        cells: &cells,
    };
    simulate_fastest(&prep, &prep.constants, &member, Some(&noise), &mut out);
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

/// Steps the members of `draws` together, one per lane.
fn run_lanes(prep: &Prepared, draws: &[Draws; LANES], cells: &[usize], rec: &mut BandRecorder<'_>) {
    let member = MemberConstants {
        lever_influence: std::array::from_fn(|l| {
            Lanes(std::array::from_fn(|lane| draws[lane].lever_influence[l]))
        }),
        susceptibility_max: Lanes(std::array::from_fn(|lane| draws[lane].susceptibility_max)),
    };
    let mut factors = vec![Lanes::default(); draws[0].factors.len()];
    for (lane, draw) in draws.iter().enumerate() {
        Lanes::fill_lane(&mut factors, lane, &draw.factors);
    }
    let noise = LeverNoise {
        factors: &factors,
        cells,
    };
    simulate_fastest(prep, &prep.constants, &member, Some(&noise), rec);
}

/// One member's perturbations: the two perturbed constants and the lever multipliers per model year
/// (`years × cells`).
struct Draws {
    lever_influence: [f64; L],
    susceptibility_max: f64,
    factors: Vec<f64>,
}

impl Draws {
    /// No perturbation: the plain run (member 0).
    fn none(prep: &Prepared, cells: usize) -> Self {
        Self {
            lever_influence: prep.constants.lever_influence,
            susceptibility_max: prep.constants.susceptibility_max,
            factors: vec![1.0; prep.n_steps.div_ceil(prep.steps_per_year) * cells],
        }
    }

    /// Member m's draws from its own stream of the scenario's seed.
    fn of_member(prep: &Prepared, scenario: &Scenario, m: usize, cells: &[usize]) -> Self {
        if m == 0 {
            return Self::none(prep, cells.len());
        }
        let settings = &scenario.ensemble;
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        rng.set_stream(m as u64);

        let sp = settings.parameter_sigma;
        let c: &Constants = &prep.constants;
        let mut parameter_normals = [0.0; 2];
        fill_standard_normal(&mut rng, &mut parameter_normals);
        let [omega_factor, lambda_factor] =
            parameter_normals.map(|e| (sp * e - sp * sp / 2.0).exp());
        let omega_range = ConstantId::LeverInfluence.range();
        let lever_influence = c
            .lever_influence
            .map(|w| omega_range.clamp(w * omega_factor));
        let susceptibility_max = ConstantId::SusceptibilityMax
            .range()
            .clamp(c.susceptibility_max * lambda_factor);

        let sl = settings.lever_sigma;
        let phi = settings.lever_persistence;
        let innovation = (1.0 - phi * phi).max(0.0).sqrt();
        let years = prep.n_steps.div_ceil(prep.steps_per_year);
        // The normals first, in the order of the draws (year by year, cell by cell), so the serial
        // generator runs alone; the arithmetic after it runs over whole years and vectorises.
        let mut factors = vec![0.0; years * cells.len()];
        fill_standard_normal(&mut rng, &mut factors);
        let mut z = vec![0.0; cells.len()];
        for (year, year_factors) in factors.chunks_exact_mut(cells.len().max(1)).enumerate() {
            for (f, zc) in year_factors.iter_mut().zip(&mut z) {
                let e = *f;
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
        exp_in_place(&mut factors);
        Self {
            lever_influence,
            susceptibility_max,
            factors,
        }
    }
}
