//! The uncertainty ensemble of MODEL.md: member 0 is the plain run; member m ≥ 1 draws its own lever
//! and parameter perturbations from ChaCha8 seeded with the scenario seed on stream m, so results do not
//! depend on how many threads run them. Bands are the 10th, 50th and 90th percentiles at every point.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::model::{ConstantId, Constants, Limits, SECTOR_COUNT, Scenario};

use super::error::SimError;
use super::fast::{LeverNoise, MemberConstants};
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
    /// Number of states and powers of the scenario it ran.
    pub fn shape(&self) -> (usize, usize) {
        (self.layout.n, self.layout.p)
    }

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
        // One loop per kind of series, so the loop over a group's lanes has no branch.
        let lane_values = |block: &[f32], c: usize| -> [f32; LANES] {
            std::array::from_fn(|lane| block.get(c * LANES + lane).copied().unwrap_or_default())
        };
        for (group, block) in self.blocks_at(t).enumerate() {
            let lanes = LANES.min(self.members - group * LANES);
            match columns {
                Some((c, None)) => {
                    let values = lane_values(block, c);
                    keys.extend(values[..lanes].iter().map(|v| order_key(f64::from(*v))));
                }
                Some((a, Some(b))) => {
                    let (va, vb) = (lane_values(block, a), lane_values(block, b));
                    let tilt = va.iter().zip(&vb).take(lanes);
                    keys.extend(tilt.map(|(a, b)| order_key(f64::from(*a) - f64::from(*b))));
                }
                None => keys.extend((0..lanes).map(|lane| {
                    let point = Point {
                        layout: self.layout,
                        block,
                        lane,
                    };
                    order_key(point.value(series))
                })),
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
    let count = factor_count(&prep, cells.len());
    blocks_of_group
        .into_par_iter()
        .enumerate()
        .map_init(
            || vec![0.0; LANES * count.max(1)],
            |scratch, (group, blocks)| {
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
                let mut lane_factors = scratch.chunks_exact_mut(count.max(1));
                let draws: [Draws; LANES] = std::array::from_fn(|lane| {
                    let factors = lane_factors.next().unwrap_or_default();
                    if lane < lanes {
                        Draws::of_member(
                            &prep,
                            scenario,
                            group * LANES + lane,
                            cells.len(),
                            factors,
                        )
                    } else {
                        Draws::none(&prep, factors)
                    }
                });
                run_lanes(&prep, &draws, scratch, count, &cells, &mut rec);
                progress.fetch_add(lanes, Ordering::Relaxed);
                Ok(())
            },
        )
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
    let mut factors = vec![0.0; factor_count(&prep, cells.len())];
    let draws = Draws::of_member(&prep, scenario, m, cells.len(), &mut factors);
    let member = MemberConstants {
        lever_influence: draws.lever_influence,
        susceptibility_max: draws.susceptibility_max,
    };
    let noise = LeverNoise {
        factors: &factors,
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

/// Steps the members of `draws` together, one per lane; `factors` holds their lever multipliers,
/// `count` per member, one member after the other.
fn run_lanes(
    prep: &Prepared,
    draws: &[Draws; LANES],
    factors: &[f64],
    count: usize,
    cells: &[usize],
    rec: &mut BandRecorder<'_>,
) {
    let member = MemberConstants {
        lever_influence: std::array::from_fn(|l| {
            Lanes(std::array::from_fn(|lane| draws[lane].lever_influence[l]))
        }),
        susceptibility_max: Lanes(std::array::from_fn(|lane| draws[lane].susceptibility_max)),
    };
    // Member by member to value by value, each value's lanes side by side.
    let factors: Vec<Lanes> = (0..count)
        .map(|j| Lanes(std::array::from_fn(|lane| factors[lane * count + j])))
        .collect();
    let noise = LeverNoise {
        factors: &factors,
        cells,
    };
    simulate_fastest(prep, &prep.constants, &member, Some(&noise), rec);
}

/// One member's perturbed constants; its lever multipliers per model year and noise cell
/// (`years × cells`) go to a buffer of the caller's, so a thread reuses one for all its members.
#[derive(Clone, Copy)]
struct Draws {
    lever_influence: [f64; L],
    susceptibility_max: f64,
}

/// Number of lever multipliers a member draws: one per model year and noise cell.
fn factor_count(prep: &Prepared, cells: usize) -> usize {
    prep.n_steps.div_ceil(prep.steps_per_year) * cells
}

impl Draws {
    /// No perturbation: the plain run (member 0), with multipliers of exactly 1.
    fn none(prep: &Prepared, factors: &mut [f64]) -> Self {
        factors.fill(1.0);
        Self {
            lever_influence: prep.constants.lever_influence,
            susceptibility_max: prep.constants.susceptibility_max,
        }
    }

    /// Member m's draws from its own stream of the scenario's seed; `factors` holds
    /// [`factor_count`] values, year by year, cell by cell.
    fn of_member(
        prep: &Prepared,
        scenario: &Scenario,
        m: usize,
        cells: usize,
        factors: &mut [f64],
    ) -> Self {
        if m == 0 {
            return Self::none(prep, factors);
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
        // The normals first, in the order of the draws (year by year, cell by cell), so the serial
        // generator runs alone; then z in place, a year from the one before; then the exponents,
        // and the factors in one vectorised pass.
        fill_standard_normal(&mut rng, factors);
        // The first year draws z from its stationary distribution; later years follow AR(1).
        for year in 1..factors.len() / cells.max(1) {
            let (before, now) = factors.split_at_mut(year * cells);
            let last_year = &before[(year - 1) * cells..];
            for (z, previous) in now.iter_mut().take(cells).zip(last_year) {
                // z holds this year's normal until it becomes this year's z.
                *z = phi * *previous + innovation * *z;
            }
        }
        for f in factors.iter_mut() {
            *f = sl * *f - sl * sl / 2.0;
        }
        exp_in_place(factors);
        Self {
            lever_influence,
            susceptibility_max,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// Each member's z (recovered from its factors) over the years, for many members.
    fn noise_paths(scenario: &Scenario, members: usize) -> (Vec<Vec<f64>>, usize) {
        let prep = Prepared::new(scenario).unwrap();
        let cells = active_cells(&prep).len();
        let sl = scenario.ensemble.lever_sigma;
        let mut paths = Vec::new();
        for m in 1..=members {
            let mut factors = vec![0.0; factor_count(&prep, cells)];
            Draws::of_member(&prep, scenario, m, cells, &mut factors);
            paths.push(
                factors
                    .iter()
                    .map(|f| (f.ln() + sl * sl / 2.0) / sl)
                    .collect(),
            );
        }
        (paths, cells)
    }

    #[test]
    fn lever_noise_is_stationary_ar1_with_mean_one_factors() {
        let mut scenario = crate::io::baseline().unwrap();
        scenario.ensemble.lever_sigma = 0.3;
        scenario.ensemble.lever_persistence = 0.6;
        let (paths, cells) = noise_paths(&scenario, 400);
        let years = paths[0].len() / cells;
        assert!(years >= 10 && cells > 10);
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let column = |year: usize| -> Vec<f64> {
            paths
                .iter()
                .flat_map(|p| p[year * cells..(year + 1) * cells].to_vec())
                .collect()
        };
        for year in [0, 1, years - 1] {
            let z = column(year);
            let (mu, var) = (mean(&z), mean(&z.iter().map(|v| v * v).collect::<Vec<_>>()));
            assert!(mu.abs() < 0.05, "year {year}: mean z {mu}");
            assert!((var - 1.0).abs() < 0.06, "year {year}: variance of z {var}");
            // The factor exp(σ z − σ²/2) has mean 1: noise does not shift the levers on average.
            let factor_mean = mean(
                &z.iter()
                    .map(|v| (0.3 * v - 0.045).exp())
                    .collect::<Vec<_>>(),
            );
            assert!(
                (factor_mean - 1.0).abs() < 0.02,
                "year {year}: {factor_mean}"
            );
        }
        // Lag-one correlation φ, lag-two φ².
        for (lag, expected) in [(1, 0.6), (2, 0.36)] {
            let (a, b) = (column(3), column(3 + lag));
            let r = mean(&a.iter().zip(&b).map(|(x, y)| x * y).collect::<Vec<_>>());
            assert!((r - expected).abs() < 0.06, "lag {lag}: {r}");
        }
    }

    #[test]
    fn member_zero_and_spare_lanes_draw_no_noise() {
        let scenario = crate::io::baseline().unwrap();
        let prep = Prepared::new(&scenario).unwrap();
        let mut member_zero = vec![0.5; 12];
        let mut spare = vec![0.5; 12];
        for draws in [
            Draws::of_member(&prep, &scenario, 0, 3, &mut member_zero),
            Draws::none(&prep, &mut spare),
        ] {
            assert_eq!(draws.lever_influence, prep.constants.lever_influence);
            assert_eq!(draws.susceptibility_max, prep.constants.susceptibility_max);
        }
        assert!(member_zero.iter().chain(&spare).all(|f| *f == 1.0));
        // Any other member is perturbed.
        let mut member_one = vec![0.5; 12];
        let draws = Draws::of_member(&prep, &scenario, 1, 3, &mut member_one);
        assert_ne!(draws.lever_influence, prep.constants.lever_influence);
        assert!(member_one.iter().all(|f| *f != 1.0 && *f > 0.0));
    }
}
