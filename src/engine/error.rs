//! Errors of the engine: only structural problems that would make a run meaningless or impossible.

/// Why the engine refused a scenario.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum SimError {
    /// The scenario's shape does not fit together (e.g. an alignment with the wrong number of poles).
    #[error("the scenario cannot be run: {0}")]
    Invalid(String),
    /// The ensemble was cancelled from outside.
    #[error("cancelled")]
    Cancelled,
}
