//! Sensitivity (the tornado chart): each knob is swung on its own over its plausible range (see
//! [`Knob::swing`]: lever intensities 0 … 1, values on a 0 … 1 scale ± 0.2 around the current
//! value, clipped to the valid range) with every other input fixed, and the outcome recorded at
//! both ends. Bars are ranked by how far the outcome moves. One-at-a-time swings miss interactions;
//! the sweep and the attribution cover those. A tornado may also swing each model constant over its
//! plausible range (a vector constant by a common factor), beside the inputs.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::model::{ConstantId, Scenario, set_within};

use super::analysis_error::AnalysisError;
use super::batch::{lean_copy, run_indexed};
use super::outcome::{Outcome, evaluate};
use crate::engine::run;
use crate::model::Knob;

/// What one bar swings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swung {
    /// An input, over [`Knob::swing`].
    Input(Knob),
    /// A model constant, over the scenario's plausible range for it: its values for a scalar, a
    /// factor on all its values for a vector constant.
    Constant(ConstantId),
}

impl Swung {
    /// The low and high end of the swing (a factor for a vector constant).
    fn ends(&self, s: &Scenario) -> Result<(f64, f64), AnalysisError> {
        match self {
            Swung::Input(knob) => Ok(knob.swing(s)?),
            Swung::Constant(id) => Ok(s.plausible_span(*id).bounds()),
        }
    }

    /// Sets the swung value to `end` (0 the low end, 1 the high end) in `variant`.
    fn set(&self, variant: &mut Scenario, base: &Scenario, end: f64) -> Result<(), AnalysisError> {
        match self {
            Swung::Input(knob) => {
                let (low, high) = knob.swing(base)?;
                knob.set(variant, if end < 0.5 { low } else { high })?;
            }
            Swung::Constant(id) => {
                let span = base.plausible_span(*id);
                set_within(&mut variant.constants, &base.constants, *id, span, end);
            }
        }
        Ok(())
    }

    /// A label for people: the input's ("Cambodia's governance"), or the constant's with its
    /// symbol ("Lock-in (χ)"); a bar's hover gives the ends of the swing.
    pub fn label(&self, s: &Scenario) -> String {
        match self {
            Swung::Input(knob) => knob.label(s),
            Swung::Constant(id) => format!("{} ({})", id.label(), id.symbol()),
        }
    }

    /// The text form: the knob's, or `constants.KEY` for a constant swung as a whole.
    pub fn spec(&self, s: &Scenario) -> String {
        match self {
            Swung::Input(knob) => knob.spec(s),
            Swung::Constant(id) => format!("constants.{}", id.key()),
        }
    }
}

/// What a tornado swings: every lever entry's intensity and state profile value
/// ([`Knob::all_sensitivity_knobs`]) and, with `constants`, every model constant.
pub fn sensitivity_swings(s: &Scenario, constants: bool) -> Vec<Swung> {
    let inputs = Knob::all_sensitivity_knobs(s).into_iter().map(Swung::Input);
    let constants = ConstantId::ALL
        .iter()
        .filter(move |_| constants)
        .map(|&id| Swung::Constant(id));
    inputs.chain(constants).collect()
}

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub swung: Swung,
    /// Its label, e.g. "Cambodia's governance".
    pub label: String,
    /// The swung value at the low end (a factor for a vector constant).
    pub low: f64,
    /// The swung value at the high end.
    pub high: f64,
    /// The outcome with the knob at `low`.
    pub outcome_low: f64,
    /// The outcome with the knob at `high`.
    pub outcome_high: f64,
}

impl TornadoBar {
    /// The ends of the swing for people: "0.000 to 0.400", or "×0.5 to ×3" for a constant
    /// varied by a factor.
    pub fn ends_text(&self) -> String {
        match self.swung {
            Swung::Constant(id) if crate::model::varied_by_factor(id) => {
                let n = crate::model::spec_text::fmt_number;
                format!("×{} to ×{}", n(self.low), n(self.high))
            }
            _ => format!("{:.3} to {:.3}", self.low, self.high),
        }
    }

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
    tornado(s, outcome, &sensitivity_swings(s, false), &never, &progress)
}

/// Swings each of `knobs` to both ends in parallel (deterministic for any thread count); stops
/// when `cancel` is set and counts finished runs in `progress` (of [`tornado_runs`]). Bars with
/// equal swings keep the order of `knobs`.
pub fn tornado(
    s: &Scenario,
    outcome: &Outcome,
    knobs: &[Swung],
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
        .map(|k| k.ends(s))
        .collect::<Result<Vec<_>, _>>()?;
    let template = lean_copy(s);
    let values = run_indexed(tornado_runs(knobs.len()), cancel, progress, |task| {
        let mut variant = template.clone();
        if task > 0 {
            let k = (task - 1) / 2;
            let end = if task % 2 == 1 { 0.0 } else { 1.0 };
            knobs[k].set(&mut variant, &template, end)?;
        }
        Ok(evaluate(&run(&variant)?, outcome))
    })?;
    let mut bars: Vec<TornadoBar> = knobs
        .iter()
        .zip(&swings)
        .enumerate()
        .map(|(k, (knob, &(low, high)))| TornadoBar {
            swung: *knob,
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
