//! Why an edit was refused. The scenario is left exactly as it was.

use crate::model::{KnobError, Problem, SpecError};

/// Why [`Edit::apply`](super::Edit::apply) refused a change; each message says what is allowed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The input name does not name a scalar input.
    #[error(transparent)]
    Input(#[from] SpecError),
    /// The input exists but the value is not allowed.
    #[error(transparent)]
    Knob(#[from] KnobError),
    #[error("there is no state {0:?}")]
    NoState(String),
    #[error("there is no power {0:?}")]
    NoPower(String),
    /// A position past the end of a list.
    #[error("there is no {what} {index} (the scenario has {count})")]
    NoItem {
        what: &'static str,
        index: usize,
        count: usize,
    },
    #[error("{what}: no such entry to remove")]
    NotFound { what: String },
    #[error(
        "{state} has no anchor of its own: tick “Anchor differs from the starting alignment” first"
    )]
    NoAnchor { state: String },
    #[error("the code {0:?} is already used by a state or power: codes must be unique")]
    CodeTaken(String),
    #[error("{what} = {value}: must be a finite number")]
    NotFinite { what: String, value: f64 },
    #[error("{what} = {value}: must be {allowed}")]
    OutOfRange {
        what: String,
        value: f64,
        allowed: &'static str,
    },
    #[error("a scenario needs at least one {0}")]
    LastOne(&'static str),
    #[error("a lever entry must target at least one state (remove the entry instead)")]
    NoTargets,
    #[error("{what} has {got} values, but the scenario has {want} poles")]
    WrongLength {
        what: String,
        got: usize,
        want: usize,
    },
    /// The change would leave the scenario with errors it did not have (a file that could not be
    /// opened again).
    #[error("{}", describe_invalid(.problems))]
    Invalid { problems: Vec<Problem> },
}

fn describe_invalid(problems: &[Problem]) -> String {
    let first = problems
        .first()
        .map_or_else(String::new, ToString::to_string);
    match problems.len() {
        0 | 1 => format!("refused: {first}"),
        n => format!("refused: {first} (and {} more problems)", n - 1),
    }
}
