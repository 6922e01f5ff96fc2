//! ASEAN Digital Futures: scenario planning of ASEAN digital integration under great-power competition.
//!
//! Scenario files are read by [`io`] into a [`model::Scenario`]; every change to it is a
//! [`model::Edit`]. The [`engine`] turns a scenario into an [`engine::Run`] (every state's alignment
//! and technology dependency and the bloc indices at every time point) and into ensembles with
//! uncertainty bands; the [`analysis`] package asks it decision questions (input differences,
//! Shapley attribution, sensitivity, tipping-point sweeps) and [`calibration`] fits its constants.
//! The desktop app shows and edits them; the command line runs them headless. See ARCHITECTURE.md
//! for which module may import which; only `ui` and `app` touch the user interface.

pub mod analysis;
pub mod app;
pub mod calibration;
pub mod cli;
pub mod document;
pub mod engine;
pub mod figure;
pub mod io;
pub mod model;
pub mod room;
pub mod ui;
