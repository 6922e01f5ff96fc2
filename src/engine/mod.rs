//! The engine of MODEL.md: pure functions from a [`Scenario`](crate::model::Scenario) to a [`Run`],
//! and the seeded, thread-count-independent ensemble with percentile bands. No egui, no file IO, no
//! clock, no global state; it imports only `model`.
//!
//! Two paths compute the same run. [`reference::run`] is written stage by stage with MODEL.md's
//! indices and symbols and is the one to read; [`run`] is the fast path (levers cached per step,
//! lanes of four members, a vectorised exponential) that the app and the analyses use, and the
//! tests check it against the reference.

mod ensemble;
mod error;
mod fast;
mod fast_exp;
mod indices;
mod lanes;
mod lever_cache;
mod normals;
mod percentiles;
mod prepared;
pub mod reference;
mod run;
mod starting_rates;
mod wide;

pub use ensemble::{
    BandSeries, EnsembleRun, MAX_ENSEMBLE_VALUES, member_run, run_ensemble, run_ensemble_with,
};
pub use error::SimError;
pub use fast::run;
pub use indices::{BlocIndex, hedging_index};
pub use run::Run;
pub use starting_rates::{StartingRates, starting_rates};
