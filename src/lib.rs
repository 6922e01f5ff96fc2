//! ASEAN Digital Futures: scenario planning of ASEAN digital integration under great-power competition.
//!
//! Scenario files are read by [`io`] into a [`model::Scenario`]; the engine in [`sim`] turns a scenario
//! into a [`sim::Run`] (every state's alignment and technology dependency and the bloc indices at every
//! time point) and into ensembles with uncertainty bands. The desktop app shows and edits them; the
//! command line runs them headless. `model`, `sim` and `io` never touch the user interface.

pub mod app;
pub mod calibration;
pub mod cli;
pub mod document;
pub mod io;
pub mod model;
pub mod sim;
pub mod ui;
