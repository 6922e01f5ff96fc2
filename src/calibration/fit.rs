//! The fit: the constants of [`FittedConstant`] chosen within their plausible ranges so that the
//! backcast, started from its earlier year with the present's rest-point anchors and sector pulls,
//! ends where the present starts. Nelder–Mead (argmin) over the constants scaled to [0, 1].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use argmin::core::{CostFunction, Executor, State};
use argmin::solver::neldermead::NelderMead;

use crate::engine::{SimError, run};
use crate::model::{Constants, SECTOR_COUNT, Scenario, TIME_TOL};

use super::dependency_rest::{SectorPullFit, rest_point_sector_pull, set_sector_pull};
use super::drift::{DriftExplanation, explain_drift};
use super::fitted::FittedConstant;
use super::rest_point::{
    RestPoint, rest_point_anchors, set_anchors, starting_gaps, total_variation,
};
use super::stylised::{StylisedFacts, measure};

/// About the most cost evaluations one calibration makes: the progress bar's full length.
pub const EVALUATION_BUDGET: usize = 1_200;
const MAX_ITERATIONS: u64 = 600;
/// Weight of the squared distance outside the plausible box: steep enough that the optimum never
/// lies outside it.
const OUTSIDE_PENALTY: f64 = 10.0;

/// Why a calibration could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CalibrationError {
    #[error("the backcast does not fit its target: {0}")]
    Mismatch(String),
    #[error("the model refused a scenario: {0}")]
    Sim(#[from] SimError),
    #[error("the optimiser failed: {0}")]
    Optimiser(String),
    #[error("calibration cancelled")]
    Cancelled,
}

/// The parts of the loss: how far the backcast's end is from the present's start.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Loss {
    /// Mean total-variation distance of the alignments, per state.
    pub alignment: f64,
    /// Mean absolute error of the dependencies, over states, powers and sectors.
    pub dependency: f64,
    /// Mean rest-point residual of the anchors (what the simplex kept from the exact rest point).
    pub rest_point: f64,
    /// Mean rest-point gap of the backcast at its start under the same anchors: a backcast must not
    /// lurch in its first year either, so its movement comes from what changed after it started.
    pub backcast_start: f64,
    /// How far the stylised facts fall short of their floors.
    pub stylised: f64,
}

/// Weight of a stylised fact's shortfall: a floor missed by 0.01 costs as much as 0.05 of backcast
/// misfit.
const STYLISED_WEIGHT: f64 = 5.0;

impl Loss {
    /// What the fit minimises: the backcast and rest-point parts equally weighted, plus the stylised
    /// facts' shortfall.
    pub fn total(&self) -> f64 {
        self.alignment
            + self.dependency
            + self.rest_point
            + self.backcast_start
            + STYLISED_WEIGHT * self.stylised
    }
}

/// One state's fit.
#[derive(Clone, Debug, PartialEq)]
pub struct StateFit {
    pub code: String,
    /// TV distance between the backcast's end and the present's starting alignment.
    pub alignment: f64,
    /// Mean |D| error between the backcast's end and the present's starting dependency.
    pub dependency: f64,
    pub rest_point: f64,
    /// The backcast's rest-point gap at its start.
    pub backcast_start: f64,
    pub dependency_rest_point: f64,
    /// The backcast's end alignment.
    pub backcast_end: Vec<f64>,
}

/// The outcome of a calibration: everything the report and the scenario need.
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// The fitted constants (the present's, with the fitted values).
    pub constants: Constants,
    /// Each fitted constant's value before and after.
    pub moved: Vec<(FittedConstant, f64, f64)>,
    pub sector_pull: SectorPullFit,
    pub anchors: Vec<RestPoint>,
    /// The loss at the starting constants (moved into their plausible ranges where they lay outside,
    /// with rest-point anchors and pulls), and after the fit.
    pub loss_before: Loss,
    pub loss_after: Loss,
    /// The stylised facts with the starting constants and after the fit.
    pub facts_before: StylisedFacts,
    pub facts_after: StylisedFacts,
    pub states: Vec<StateFit>,
    pub evaluations: usize,
    pub backcast_years: (f64, f64),
    /// Why the calibrated present moves over its horizon.
    pub drift: DriftExplanation,
}

/// Fits `present`'s constants against `backcast` (which must end at `present`'s start). `progress`
/// counts cost evaluations up to [`EVALUATION_BUDGET`]; setting `cancel` stops the fit.
pub fn calibrate(
    present: &Scenario,
    backcast: &Scenario,
    progress: &AtomicUsize,
    cancel: &AtomicBool,
) -> Result<Calibration, CalibrationError> {
    check_pair(present, backcast)?;
    if cancel.load(Ordering::Relaxed) {
        return Err(CalibrationError::Cancelled);
    }
    let problem = Problem {
        present,
        backcast,
        base: &present.constants,
        progress,
        cancel,
    };
    let start: Vec<f64> = FittedConstant::ALL
        .iter()
        .map(|f| {
            let (lo, hi, _) = f.plausible();
            ((f.start(&present.constants) - lo) / (hi - lo)).clamp(0.0, 1.0)
        })
        .collect();
    let before = problem.evaluate(&problem.constants_at(&start))?;
    let solver = NelderMead::new(initial_simplex(&start))
        .with_sd_tolerance(1e-9)
        .map_err(|e| CalibrationError::Optimiser(e.to_string()))?;
    let result = Executor::new(problem, solver)
        .configure(|state| state.max_iters(MAX_ITERATIONS))
        .run();
    if cancel.load(Ordering::Relaxed) {
        return Err(CalibrationError::Cancelled);
    }
    let result = result.map_err(|e| CalibrationError::Optimiser(e.to_string()))?;
    let best = result
        .state()
        .get_best_param()
        .cloned()
        .ok_or_else(|| CalibrationError::Optimiser("no best point".into()))?;
    let problem = &result.problem.problem;
    let problem = problem
        .as_ref()
        .ok_or_else(|| CalibrationError::Optimiser("problem not returned".into()))?;
    let constants = problem.constants_at(&best);
    let after = problem.evaluate(&constants)?;
    let moved = FittedConstant::ALL
        .iter()
        .zip(&best)
        .map(|(f, z)| {
            let (lo, hi, _) = f.plausible();
            (
                *f,
                f.start(&present.constants),
                lo + z.clamp(0.0, 1.0) * (hi - lo),
            )
        })
        .collect();
    let drift = explain_drift(&after.present)?;
    Ok(Calibration {
        drift,
        constants,
        moved,
        sector_pull: after.pull,
        anchors: after.anchors,
        loss_before: before.loss,
        loss_after: after.loss,
        facts_before: before.facts,
        facts_after: after.facts,
        states: after.states,
        evaluations: progress.load(Ordering::Relaxed),
        backcast_years: (backcast.time.start_year, backcast.time.end_year),
    })
}

fn copy_structure(
    present: &Scenario,
    pull: &SectorPullFit,
    anchors: &[RestPoint],
    b: &mut Scenario,
) {
    for (power, row) in present.powers.iter().zip(&pull.sector_pull) {
        if let Some(q) = b.powers.iter_mut().find(|q| q.code == power.code) {
            q.sector_pull = *row;
        }
    }
    set_anchors(b, anchors);
}

fn check_pair(present: &Scenario, backcast: &Scenario) -> Result<(), CalibrationError> {
    if (backcast.time.end_year - present.time.start_year).abs() > TIME_TOL {
        return Err(CalibrationError::Mismatch(format!(
            "it ends in {} but the target starts in {}",
            backcast.time.end_year, present.time.start_year
        )));
    }
    for state in &present.states {
        if backcast.state_index(&state.code).is_none() {
            return Err(CalibrationError::Mismatch(format!(
                "the target's state {} is not in the backcast",
                state.code
            )));
        }
    }
    let codes = |s: &Scenario| s.powers.iter().map(|p| p.code.clone()).collect::<Vec<_>>();
    if codes(present) != codes(backcast) {
        return Err(CalibrationError::Mismatch(format!(
            "its powers {:?} differ from the target's {:?}",
            codes(backcast),
            codes(present)
        )));
    }
    Ok(())
}

/// The starting point and one vertex a quarter of the box away along each axis (toward the middle).
fn initial_simplex(start: &[f64]) -> Vec<Vec<f64>> {
    let mut simplex = vec![start.to_vec()];
    for axis in 0..start.len() {
        let mut vertex = start.to_vec();
        vertex[axis] += if start[axis] > 0.5 { -0.25 } else { 0.25 };
        simplex.push(vertex);
    }
    simplex
}

struct Problem<'a> {
    present: &'a Scenario,
    backcast: &'a Scenario,
    base: &'a Constants,
    progress: &'a AtomicUsize,
    cancel: &'a AtomicBool,
}

struct Scored {
    /// The present as scored: the constants with its rest-point pulls and anchors.
    present: Scenario,
    loss: Loss,
    facts: StylisedFacts,
    pull: SectorPullFit,
    anchors: Vec<RestPoint>,
    states: Vec<StateFit>,
}

impl Problem<'_> {
    /// The constants at a point of the unit box (clamped into it).
    fn constants_at(&self, z: &[f64]) -> Constants {
        let mut c = self.base.clone();
        for (f, z) in FittedConstant::ALL.iter().zip(z) {
            let (lo, hi, _) = f.plausible();
            f.set(&mut c, self.base, lo + z.clamp(0.0, 1.0) * (hi - lo));
        }
        c
    }

    fn evaluate(&self, constants: &Constants) -> Result<Scored, SimError> {
        let mut present = self.present.clone();
        present.constants = constants.clone();
        let pull = rest_point_sector_pull(&present)?;
        set_sector_pull(&mut present, &pull);
        let anchors = rest_point_anchors(&present)?;
        let mut backcast = self.backcast.clone();
        backcast.constants = constants.clone();
        copy_structure(&present, &pull, &anchors, &mut backcast);
        let r = run(&backcast)?;
        let gaps = starting_gaps(&backcast)?;
        let end = r.len() - 1;
        let mut states = Vec::with_capacity(present.states.len());
        let mut loss = Loss::default();
        for (i, state) in present.states.iter().enumerate() {
            let j = backcast.state_index(&state.code).unwrap_or(i);
            let alignment = total_variation(r.alignment(end, j), &state.alignment);
            let mut dep = 0.0;
            for (p, row) in state.dependency.iter().enumerate() {
                for (a, b) in r.dependency(end, j, p).iter().zip(row) {
                    dep += (a - b).abs();
                }
            }
            let dependency = dep / (state.dependency.len() * SECTOR_COUNT) as f64;
            loss.alignment += alignment;
            loss.dependency += dependency;
            loss.rest_point += anchors[i].residual;
            loss.backcast_start += gaps[j];
            states.push(StateFit {
                code: state.code.clone(),
                alignment,
                dependency,
                rest_point: anchors[i].residual,
                backcast_start: gaps[j],
                dependency_rest_point: pull.residual[i],
                backcast_end: r.alignment(end, j).to_vec(),
            });
        }
        let n = present.states.len().max(1) as f64;
        loss.alignment /= n;
        loss.dependency /= n;
        loss.rest_point /= n;
        loss.backcast_start /= n;
        set_anchors(&mut present, &anchors);
        let facts = measure(&present)?;
        loss.stylised = facts.shortfall();
        Ok(Scored {
            present,
            loss,
            facts,
            pull,
            anchors,
            states,
        })
    }
}

impl CostFunction for Problem<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, z: &Self::Param) -> Result<f64, argmin::core::Error> {
        // argmin's Nelder–Mead panics on a cost error while it builds its simplex, so a cancelled
        // or refused point scores as the worst possible; `calibrate` reports why afterwards.
        if self.cancel.load(Ordering::Relaxed) {
            return Ok(f64::MAX);
        }
        self.progress.fetch_add(1, Ordering::Relaxed);
        let outside: f64 = z
            .iter()
            .map(|v| (v - v.clamp(0.0, 1.0)).powi(2))
            .sum::<f64>();
        Ok(match self.evaluate(&self.constants_at(z)) {
            Ok(scored) => scored.loss.total() + OUTSIDE_PENALTY * outside,
            Err(_) => f64::MAX,
        })
    }
}
