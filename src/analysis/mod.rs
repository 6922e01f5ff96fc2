//! The analyses for decisions, on top of the [`engine`](crate::engine): [`Outcome`]s (one number of a
//! run); the [`input_diff`] of two scenarios and the Shapley [`attribute`]ion of an outcome's
//! difference to groups of changed inputs; the one-at-a-time [`tornado`]; two-knob [`sweep`]s with
//! the cells where a state's leaning flips; measuring a scenario's [`check_claims`]; and recording a story step from the changes made. Each
//! runs many scenarios in parallel, gives the same result for any number of threads, and takes a
//! cancel flag and a progress counter. Imports `model` and `engine`, never the other way round.

mod analysis_error;
mod attribution;
mod attribution_text;
mod batch;
mod change;
mod claims;
mod compare;
mod compare_lists;
mod compare_outcomes;
mod groups;
mod move_attribution;
mod outcome;
mod robustness;
mod sensitivity;
mod story;
mod sweep;

pub use analysis_error::AnalysisError;
pub use attribution::{
    Attribution, AttributionOptions, AttributionPlan, Contribution, MAX_EXACT_GROUPS, attribute,
    attribute_with,
};
pub use change::{
    NOTICEABLE, TiltChange, bloc_change_sentence, tilt_change_sentence, tilt_changes,
};
pub use claims::{
    ClaimCheck, ClaimReferences, ClaimRuns, Verdict, check_claims, check_claims_reusing,
    claim_outcomes, claim_problems, claim_reference_names,
};
pub use compare::{CompareError, InputDifference, check_attributable, input_diff};
pub use compare_outcomes::{OutcomeDifference, group_differences, outcome_differences};
pub use move_attribution::{MAX_MOVES, TeamMove, attribute_moves};
pub use outcome::{OUTCOME_SYNTAX, Outcome, OutcomeKind, evaluate};
pub use robustness::{
    ConstantIndex, LeaningRobustness, MAX_BASE_SAMPLES, MIN_BASE_SAMPLES, Robustness,
    RobustnessOptions, leaning_statement, plausible_factors, robustness, robustness_runs,
    sobol_indices,
};
pub use sensitivity::{
    Swung, Tornado, TornadoBar, sensitivity_swings, tornado, tornado_all, tornado_runs,
};
pub use story::record_step;
pub use sweep::{DEFAULT_GRID, FlipEdge, MAX_GRID, Sweep, SweepAxis, SweepSpec, flip_edges, sweep};
