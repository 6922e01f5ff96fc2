//! The engine of MODEL.md: pure functions from a [`Scenario`](crate::model::Scenario) to a [`Run`],
//! and the seeded, thread-count-independent ensemble with percentile bands. No egui, no file IO, no
//! clock, no global state.
//!
//! On top of it, the analyses for decisions: [`Outcome`]s (one number of a run) and [`Knob`]s (one
//! input of a scenario); the [`input_diff`] of two scenarios and the Shapley [`attribute`]ion of an
//! outcome's difference to groups of changed inputs; the one-at-a-time [`tornado`]; and two-knob
//! [`sweep`]s with the cells where a state's leaning flips. Each runs many scenarios in parallel,
//! gives the same result for any number of threads, and takes a cancel flag and a progress counter.

mod analysis_error;
mod attribution;
mod attribution_text;
mod batch;
mod compare;
mod compare_lists;
mod compare_outcomes;
mod engine;
mod ensemble;
mod error;
mod fast_exp;
mod groups;
mod indices;
mod lanes;
mod lever_cache;
mod normals;
mod outcome;
mod percentiles;
mod prepared;
mod run;
mod sensitivity;
mod starting_rates;
mod story;
mod sweep;
mod wide;

pub use crate::model::KNOB_SYNTAX;
pub use crate::model::SpecError;
pub use crate::model::{Knob, KnobError};
pub use analysis_error::AnalysisError;
pub use attribution::{
    Attribution, AttributionOptions, AttributionPlan, Contribution, MAX_EXACT_GROUPS, attribute,
    attribute_with,
};
pub use compare::{CompareError, InputDifference, check_attributable, input_diff};
pub use compare_outcomes::{OutcomeDifference, group_differences, outcome_differences};
pub use engine::run;
pub use ensemble::{
    BandSeries, EnsembleRun, MAX_ENSEMBLE_VALUES, member_run, run_ensemble, run_ensemble_with,
};
pub use error::SimError;
pub use indices::{BlocIndex, hedging_index};
pub use outcome::{OUTCOME_SYNTAX, Outcome, OutcomeKind, evaluate};
pub use run::Run;
pub use sensitivity::{Tornado, TornadoBar, tornado, tornado_all, tornado_runs};
pub use starting_rates::{StartingRates, starting_rates};
pub use story::{StepUndo, StoryError, apply_step, record_step, story_problems, undo_step};
pub use sweep::{DEFAULT_GRID, FlipEdge, MAX_GRID, Sweep, SweepAxis, SweepSpec, flip_edges, sweep};
