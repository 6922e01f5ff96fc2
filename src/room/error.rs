//! Why the room refused something: each error says what was wrong and what is allowed, in words a
//! participant on a phone can act on.

/// A refusal by the room.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RoomError {
    #[error("the scenario has no teams: add `teams` to play it in a room")]
    NoTeams,
    #[error("the scenario cannot run: {0}")]
    Invalid(String),
    #[error(
        "this link's team token is not valid in this room: ask the facilitator for your team's link"
    )]
    BadToken,
    #[error("the room code is wrong: it is the code on the projector")]
    BadCode,
    #[error("no round is open: wait for the facilitator to open the next one")]
    NoOpenRound,
    #[error("a round is open: reveal it before opening the next one")]
    RoundOpen,
    #[error("there is no round {number}: the scenario plans {planned}")]
    NoSuchRound { number: usize, planned: usize },
    #[error("there is no team {0}")]
    NoSuchTeam(usize),
    #[error("{0} has submitted nothing this round")]
    NothingSubmitted(String),
    #[error("{0} is not one of your team's levers")]
    NotYourLever(String),
    #[error("{what} = {value}: must be {allowed}")]
    OutOfRange {
        what: String,
        value: f64,
        allowed: String,
    },
    #[error(
        "the move uses {used:.2} of the budget; your team may move {budget:.2} in all per round"
    )]
    OverBudget { used: f64, budget: f64 },
    #[error("{what} is too long: at most {max} characters")]
    TooLong { what: &'static str, max: usize },
    #[error("too many {what}: at most {max}")]
    TooMany { what: &'static str, max: usize },
}
