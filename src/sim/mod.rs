//! The engine of MODEL.md: pure functions from a [`Scenario`](crate::model::Scenario) to a [`Run`],
//! and the seeded, thread-count-independent ensemble with percentile bands. No egui, no file IO, no
//! clock, no global state.

mod engine;
mod ensemble;
mod error;
mod indices;
mod prepared;
mod run;

pub use engine::run;
pub use ensemble::{BandSeries, EnsembleRun, member_run, run_ensemble, run_ensemble_with};
pub use error::SimError;
pub use indices::{BlocIndex, hedging_index};
pub use run::Run;
