//! The source argument's stylised facts (CONTEXT.md), measured on a calibrated scenario: a sharper
//! rivalry splits the bloc, DEFA done well strengthens autonomy, and a sustained lever takes years to
//! move a state. The fit keeps them as floors — a backcast alone cannot tell a responsive model from
//! an inert one whose anchors already sit where the states ended up, so these say how responsive.

use crate::engine::{BlocIndex, Run, SimError, run};
use crate::model::{LeverKind, Scenario, Targets};

/// Floor for the rise in bifurcation and in tech split when the first power's export controls go to
/// 1.0 on every state.
pub const EXPORT_CONTROLS_SPLIT_FLOOR: f64 = 0.01;
/// Floor for the rise in bifurcation when every lever of the first two powers doubles (at most 1).
pub const DOUBLED_RIVALRY_FLOOR: f64 = 0.015;
/// Floor for the rise in the autonomy index under strong DEFA (hard law, monitoring and
/// harmonisation 0.9, in force a year after the start).
pub const STRONG_DEFA_FLOOR: f64 = 0.02;
/// The half-response time of an alignment to a sustained lever lies in this range (years).
pub const HALF_RESPONSE_YEARS: (f64, f64) = (1.5, 6.0);
/// Ceilings for the status quo's drift (mean TV per state): in its first year (mean, any state),
/// and over the whole horizon with DEFA kept out of force.
pub const FIRST_YEAR_DRIFT_CEILING: (f64, f64) = (0.01, 0.02);
pub const DRIFT_WITHOUT_DEFA_CEILING: f64 = 0.03;
/// Each floor is met with this much to spare in the fit, so rounding never decides a test.
const MARGIN: f64 = 0.002;

/// The measured facts: the end-of-horizon differences against the scenario as it is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StylisedFacts {
    pub export_controls_bifurcation: f64,
    pub export_controls_tech_split: f64,
    pub doubled_rivalry_bifurcation: f64,
    pub strong_defa_autonomy: f64,
    /// Years until the second power's share of the most responsive state has made half its
    /// end-of-horizon gain, after its infrastructure finance rises by 0.3 on every state a year
    /// after the start; `None` if it never gains.
    pub half_response_years: Option<f64>,
    /// The status quo's alignment drift in its first year: mean and largest over the states.
    pub first_year_drift: (f64, f64),
    /// Its mean drift over the whole horizon with DEFA never in force.
    pub drift_without_defa: f64,
}

impl StylisedFacts {
    /// How far the facts fall short of their floors and range (0 when all hold with the margin).
    pub fn shortfall(&self) -> f64 {
        let short = |value: f64, floor: f64| (floor + MARGIN - value).max(0.0);
        let (lo, hi) = HALF_RESPONSE_YEARS;
        let response = match self.half_response_years {
            Some(t) => ((lo + 0.25 - t).max(0.0) + (t - hi + 0.25).max(0.0)) / 10.0,
            None => 1.0,
        };
        short(
            self.export_controls_bifurcation,
            EXPORT_CONTROLS_SPLIT_FLOOR,
        ) + short(self.export_controls_tech_split, EXPORT_CONTROLS_SPLIT_FLOOR)
            + short(self.doubled_rivalry_bifurcation, DOUBLED_RIVALRY_FLOOR)
            + short(self.strong_defa_autonomy, STRONG_DEFA_FLOOR)
            + response
            + short(FIRST_YEAR_DRIFT_CEILING.0, self.first_year_drift.0)
            + short(FIRST_YEAR_DRIFT_CEILING.1, self.first_year_drift.1)
            + short(DRIFT_WITHOUT_DEFA_CEILING, self.drift_without_defa)
    }
}

/// Measures the facts on `scenario` (which needs at least two powers for the rivalry facts).
pub fn measure(scenario: &Scenario) -> Result<StylisedFacts, SimError> {
    let base = run(scenario)?;
    let end = |r: &Run, index| r.bloc(r.len() - 1, index);
    let mut facts = StylisedFacts::default();
    if scenario.powers.len() >= 2 {
        let first = scenario.powers[0].code.clone();
        let second = scenario.powers[1].code.clone();
        let controls = run(&export_controls_everywhere(scenario, &first))?;
        facts.export_controls_bifurcation =
            end(&controls, BlocIndex::Bifurcation) - end(&base, BlocIndex::Bifurcation);
        facts.export_controls_tech_split =
            end(&controls, BlocIndex::TechSplit) - end(&base, BlocIndex::TechSplit);
        let mut doubled = scenario.clone();
        for lever in &mut doubled.levers {
            if lever.power == first || lever.power == second {
                lever.intensity = (lever.intensity * 2.0).min(1.0);
            }
        }
        facts.doubled_rivalry_bifurcation =
            end(&run(&doubled)?, BlocIndex::Bifurcation) - end(&base, BlocIndex::Bifurcation);
        facts.half_response_years = half_response(scenario, &base, &second)?;
    }
    let year_one = base.index_of_year(scenario.time.start_year + 1.0);
    facts.first_year_drift = drift(&base, year_one);
    let mut without_defa = scenario.clone();
    without_defa.asean.defa_in_force_year = scenario.time.end_year + 1.0;
    let without = run(&without_defa)?;
    facts.drift_without_defa = drift(&without, without.len() - 1).0;
    let mut strong = scenario.clone();
    strong.asean.hard_law = 0.9;
    strong.asean.monitoring = 0.9;
    strong.asean.harmonisation = 0.9;
    strong.asean.defa_in_force_year = scenario.time.start_year + 1.0;
    facts.strong_defa_autonomy =
        end(&run(&strong)?, BlocIndex::Autonomy) - end(&base, BlocIndex::Autonomy);
    Ok(facts)
}

/// Mean and largest TV distance of the alignments at point `t` from the start.
pub fn drift(r: &Run, t: usize) -> (f64, f64) {
    let distances: Vec<f64> = (0..r.n_states)
        .map(|i| super::rest_point::total_variation(r.alignment(0, i), r.alignment(t, i)))
        .collect();
    let mean = distances.iter().sum::<f64>() / distances.len().max(1) as f64;
    (mean, distances.iter().copied().fold(0.0, f64::max))
}

/// The scenario with `power`'s export controls at 1.0 on every state for the whole horizon.
pub fn export_controls_everywhere(scenario: &Scenario, power: &str) -> Scenario {
    let mut s = scenario.clone();
    s.levers
        .retain(|l| !(l.power == power && l.kind == LeverKind::ExportControls));
    s.levers.push(crate::model::LeverEntry {
        power: power.to_string(),
        kind: LeverKind::ExportControls,
        intensity: 1.0,
        targets: Targets::All,
        start_year: scenario.time.start_year,
        end_year: scenario.time.end_year,
        note: String::new(),
    });
    s
}

fn half_response(scenario: &Scenario, base: &Run, power: &str) -> Result<Option<f64>, SimError> {
    let Some(pole) = scenario.power_index(power) else {
        return Ok(None);
    };
    let start = scenario.time.start_year + 1.0;
    let mut raised = scenario.clone();
    raised.levers.push(crate::model::LeverEntry {
        power: power.to_string(),
        kind: LeverKind::InfrastructureFinance,
        intensity: 0.3,
        targets: Targets::All,
        start_year: start,
        end_year: scenario.time.end_year,
        note: String::new(),
    });
    let r = run(&raised)?;
    let last = r.len() - 1;
    let gain = |t: usize, i: usize| r.alignment(t, i)[pole] - base.alignment(t, i)[pole];
    let Some(i) = (0..r.n_states).max_by(|&a, &b| gain(last, a).total_cmp(&gain(last, b))) else {
        return Ok(None);
    };
    let total = gain(last, i);
    if total <= 0.0 {
        return Ok(None);
    }
    Ok((0..r.len())
        .find(|&t| gain(t, i) >= total / 2.0)
        .map(|t| r.times[t] - start))
}
