//! Sensitivity (the tornado chart): each knob is swung on its own over its plausible range (see
//! [`Knob::swing`]: lever intensities 0 … 1, values on a 0 … 1 scale ± 0.2 around the current
//! value, clipped to the valid range) with every other input fixed, and the outcome recorded at
//! both ends. Bars are ranked by how far the outcome moves. One-at-a-time swings miss interactions;
//! the sweep and the attribution cover those.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::model::Scenario;

use super::analysis_error::AnalysisError;
use super::batch::{lean_copy, run_indexed};
use super::outcome::{Outcome, evaluate};
use crate::engine::run;
use crate::model::Knob;

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub knob: Knob,
    /// The knob's label, e.g. "Cambodia: Governance".
    pub label: String,
    /// The knob's value at the low end of its swing.
    pub low: f64,
    /// The knob's value at the high end of its swing.
    pub high: f64,
    /// The outcome with the knob at `low`.
    pub outcome_low: f64,
    /// The outcome with the knob at `high`.
    pub outcome_high: f64,
}

impl TornadoBar {
    /// How far the outcome moves over the swing, |outcome_high − outcome_low|.
    pub fn swing(&self) -> f64 {
        (self.outcome_high - self.outcome_low).abs()
    }
}

/// The tornado: the outcome with every input as given, and one bar per knob, largest swing first.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    pub base: f64,
    pub bars: Vec<TornadoBar>,
}

/// Runs a tornado needs for `knobs` knobs: the base run and two per knob.
pub fn tornado_runs(knobs: usize) -> usize {
    1 + 2 * knobs
}

/// Swings every knob of [`Knob::all_sensitivity_knobs`] (each lever entry's intensity and each
/// state's profile values) without cancel or progress.
pub fn tornado_all(s: &Scenario, outcome: &Outcome) -> Result<Tornado, AnalysisError> {
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    tornado(
        s,
        outcome,
        &Knob::all_sensitivity_knobs(s),
        &never,
        &progress,
    )
}

/// Swings each knob over [`Knob::swing`] in parallel (deterministic for any thread count); stops
/// when `cancel` is set and counts finished runs in `progress` (of [`tornado_runs`]). Bars with
/// equal swings keep the order of `knobs`.
pub fn tornado(
    s: &Scenario,
    outcome: &Outcome,
    knobs: &[Knob],
    cancel: &AtomicBool,
    progress: &AtomicUsize,
) -> Result<Tornado, AnalysisError> {
    if !outcome.fits_scenario(s) {
        return Err(AnalysisError::Request(
            "the outcome names a state, power or pole the scenario does not have".into(),
        ));
    }
    let swings = knobs
        .iter()
        .map(|k| k.swing(s))
        .collect::<Result<Vec<_>, _>>()?;
    let template = lean_copy(s);
    let values = run_indexed(tornado_runs(knobs.len()), cancel, progress, |task| {
        let mut variant = template.clone();
        if task > 0 {
            let k = (task - 1) / 2;
            let (low, high) = swings[k];
            let value = if task % 2 == 1 { low } else { high };
            knobs[k].set(&mut variant, value)?;
        }
        Ok(evaluate(&run(&variant)?, outcome))
    })?;
    let mut bars: Vec<TornadoBar> = knobs
        .iter()
        .zip(&swings)
        .enumerate()
        .map(|(k, (knob, &(low, high)))| TornadoBar {
            knob: *knob,
            label: knob.label(s),
            low,
            high,
            outcome_low: values[1 + 2 * k],
            outcome_high: values[2 + 2 * k],
        })
        .collect();
    // A stable sort keeps equal swings in the given order, so the chart is deterministic.
    bars.sort_by(|x, y| y.swing().total_cmp(&x.swing()));
    Ok(Tornado {
        base: values[0],
        bars,
    })
}
