//! The engine of MODEL.md: pure functions from a [`Scenario`](crate::model::Scenario) to a [`Run`],
//! and the seeded, thread-count-independent ensemble with percentile bands. No egui, no file IO, no
//! clock, no global state.
//!
//! On top of it, the vocabulary of the analyses: [`Outcome`]s (one number of a run) and [`Knob`]s
//! (one input of a scenario), each with a label for people and a text form for the command line.

mod engine;
mod ensemble;
mod error;
mod indices;
mod knob;
mod knob_parse;
mod outcome;
mod prepared;
mod run;
mod spec_text;

pub use engine::run;
pub use ensemble::{BandSeries, Bands, EnsembleRun, member_run, run_ensemble, run_ensemble_with};
pub use error::SimError;
pub use indices::{BlocIndex, hedging_index};
pub use knob::{Knob, KnobError};
pub use knob_parse::KNOB_SYNTAX;
pub use outcome::{OUTCOME_SYNTAX, Outcome, OutcomeKind, evaluate};
pub use run::Run;
pub use spec_text::SpecError;
