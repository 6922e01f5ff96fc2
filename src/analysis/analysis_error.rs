//! The error of the analyses (attribution, sensitivity, sweeps): a run failed, the job was
//! cancelled, or the request does not fit the scenarios.

use super::compare::CompareError;
use crate::engine::SimError;
use crate::model::KnobError;

/// Why an analysis stopped without a result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AnalysisError {
    /// The caller set the cancel flag.
    #[error("cancelled")]
    Cancelled,
    /// The engine refused a scenario.
    #[error(transparent)]
    Sim(#[from] SimError),
    /// The two scenarios cannot be split into hybrids.
    #[error(transparent)]
    Compare(#[from] CompareError),
    /// A knob does not fit the scenario or a value is out of its range.
    #[error(transparent)]
    Knob(#[from] KnobError),
    /// The request itself does not make sense (e.g. a grid of one cell, the same knob twice, an
    /// outcome naming a state the scenario lacks).
    #[error("{0}")]
    Request(String),
    /// A hybrid of A and B that attribution needs is not a valid scenario.
    #[error("{0}")]
    Hybrid(String),
}
