//! Rest-point anchors: each state's Friedkin–Johnsen anchor chosen so that its starting alignment is,
//! as nearly as the simplex allows, the rest point of the alignment stage (MODEL.md step 5) under the
//! scenario's starting inputs. Then a baseline with nothing changed starts where it is and moves only
//! because something in it moves (the slow stocks, DEFA, events), not because the model lurches.
//!
//! At the rest point `y_i = x_i`, so with `y_i = (1 − λ_i) u_i + λ_i m_i` the anchor is
//! `u_i = (x_i − λ_i m_i) / (1 − λ_i)`, where `m_i` is the pull mix of step 5 (peers, levers and
//! lock-in, autonomy, over Z_i). The mix is read from the engine itself: one step of the scenario
//! gives `x_i(t_1) = x_i + (h/τ)(y_i − x_i)`, hence `y_i`, hence `m_i` — no second copy of the model.

use crate::engine::{SimError, run, starting_rates};
use crate::model::Scenario;

use super::simplex::project_to_simplex;

/// One state's rest-point anchor and how far the simplex kept it from the exact rest point.
#[derive(Clone, Debug, PartialEq)]
pub struct RestPoint {
    pub code: String,
    /// The anchor to use (on the simplex).
    pub anchor: Vec<f64>,
    /// Total-variation distance between the starting alignment and the alignment stage's target
    /// y_i under this anchor: 0 when the exact rest point lies on the simplex.
    pub residual: f64,
    /// λ_i, the state's susceptibility at the start.
    pub susceptibility: f64,
}

/// The rest-point anchor of every state of `scenario` under its own constants.
pub fn rest_point_anchors(scenario: &Scenario) -> Result<Vec<RestPoint>, SimError> {
    let mut without_anchors = scenario.clone();
    // The anchor does not enter the pull mix; taking u = x makes y = x + λ(m − x).
    for state in &mut without_anchors.states {
        state.anchor = None;
    }
    let targets = first_step_targets(&without_anchors)?;
    // η after the events dated at or before the start, as the engine applies them.
    let hedging = starting_rates(scenario)?.hedging;
    let c = &scenario.constants;
    let mut out = Vec::with_capacity(scenario.states.len());
    for ((state, (x0, y)), eta) in scenario.states.iter().zip(&targets).zip(&hedging) {
        let lambda = c.susceptibility_max * (1.0 - c.hedging_shield * eta);
        let (anchor, residual) = if lambda <= 0.0 {
            (x0.clone(), 0.0)
        } else if lambda >= 1.0 {
            // u carries no weight: any anchor leaves the same gap.
            (x0.clone(), total_variation(y, x0))
        } else {
            // m = x + (y − x)/λ, so u = (x − λ m)/(1 − λ) = x − (y − x)/(1 − λ).
            let exact: Vec<f64> = x0
                .iter()
                .zip(y)
                .map(|(a, b)| a - (b - a) / (1.0 - lambda))
                .collect();
            let anchor = project_to_simplex(&exact);
            let gap = (1.0 - lambda) * total_variation(&anchor, &exact);
            (anchor, gap)
        };
        out.push(RestPoint {
            code: state.code.clone(),
            anchor,
            residual,
            susceptibility: lambda,
        });
    }
    Ok(out)
}

/// Each state's rest-point gap at the start under the scenario's own anchors: the TV distance
/// between its starting alignment and the alignment stage's target. 0 for a scenario at rest.
pub fn starting_gaps(scenario: &Scenario) -> Result<Vec<f64>, SimError> {
    Ok(first_step_targets(scenario)?
        .iter()
        .map(|(x0, y)| total_variation(x0, y))
        .collect())
}

/// A state's starting alignment and the alignment stage's target y.
type StartAndTarget = (Vec<f64>, Vec<f64>);

/// Per state, the starting alignment x(t_0) and the alignment stage's target y of the first step,
/// read back from one step of the engine: `x(t_1) = x(t_0) + (h/τ)(y − x(t_0))`.
fn first_step_targets(scenario: &Scenario) -> Result<Vec<StartAndTarget>, SimError> {
    let h = scenario.time.step();
    let tau = scenario.constants.adjustment_years;
    let mut first_step = scenario.clone();
    first_step.time.end_year = scenario.time.start_year + h;
    first_step.story.clear();
    let one = run(&first_step)?;
    Ok((0..scenario.states.len())
        .map(|i| {
            let (x0, x1) = (one.alignment(0, i), one.alignment(1, i));
            let y = x0
                .iter()
                .zip(x1)
                .map(|(a, b)| a + (b - a) * tau / h)
                .collect();
            (x0.to_vec(), y)
        })
        .collect())
}

/// Writes the anchors into the scenario's states (matched by code).
pub fn set_anchors(scenario: &mut Scenario, rest: &[RestPoint]) {
    for point in rest {
        if let Some(state) = scenario.states.iter_mut().find(|s| s.code == point.code) {
            state.anchor = Some(point.anchor.clone());
        }
    }
}

/// Half the L1 distance of two share vectors.
pub fn total_variation(a: &[f64], b: &[f64]) -> f64 {
    0.5 * a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f64>()
}
