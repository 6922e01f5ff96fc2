//! Teams of a workshop game and the rounds it is played in (schema 7): each team moves only its
//! own levers, within a budget per round, and each round asks the room for one forecast.

use serde::{Deserialize, Serialize};

use super::validate::Problem;
use super::{Knob, Scenario, parse_hex_colour};

/// The longest team name: it is shown on phones and on the projector.
pub const MAX_TEAM_NAME: usize = 40;

/// One team of a workshop game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub name: String,
    /// `#RRGGBB`, the team's colour on the projector and its phone page.
    pub colour: String,
    /// The inputs the team may move, as on the command line (`levers[3].intensity`,
    /// `KHM.governance`, `asean.hard_law`).
    pub levers: Vec<String>,
    /// The most the team may move in one round: the sum over its levers of how far each moves.
    /// None: no limit beyond each input's valid range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
}

/// One round of the game's arc: what the facilitator tells the room, and the forecast asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundPlan {
    pub title: String,
    /// The situation the teams respond to.
    #[serde(default)]
    pub brief: String,
    /// The outcome every team forecasts, as on the command line (`KHM.share.CN@2035`).
    pub forecast: String,
}

impl Team {
    /// The knobs the team may move (those that name nothing in `s` are left out; the validator
    /// reports them).
    pub fn knobs(&self, s: &Scenario) -> Vec<Knob> {
        self.levers
            .iter()
            .filter_map(|text| Knob::parse(s, text).ok())
            .collect()
    }
}

/// Errors in the teams and the round plan: a name used twice or too long, a colour that is not
/// `#RRGGBB`, a lever that names no input, a budget that is not a positive number.
pub(super) fn check_teams(s: &Scenario, problems: &mut Vec<Problem>) {
    let mut seen = std::collections::HashSet::new();
    for (t, team) in s.teams.iter().enumerate() {
        let path = format!("teams[{t}]");
        let name = team.name.trim();
        if name.is_empty() || team.name.chars().count() > MAX_TEAM_NAME {
            problems.push(Problem::error(
                format!("{path}.name"),
                format!("= {:?}: must be 1 to {MAX_TEAM_NAME} characters", team.name),
            ));
        }
        if !seen.insert(name.to_lowercase()) {
            problems.push(Problem::error(
                format!("{path}.name"),
                format!(
                    "= {:?}: another team has this name; names must differ",
                    team.name
                ),
            ));
        }
        if parse_hex_colour(&team.colour).is_none() {
            problems.push(Problem::error(
                format!("{path}.colour"),
                format!("= {:?}: must be #RRGGBB, e.g. \"#0072B2\"", team.colour),
            ));
        }
        if team.levers.is_empty() {
            problems.push(Problem::error(
                format!("{path}.levers"),
                "is empty: a team needs at least one input it may move",
            ));
        }
        for (l, text) in team.levers.iter().enumerate() {
            if let Err(e) = Knob::parse(s, text) {
                problems.push(Problem::error(
                    format!("{path}.levers[{l}]"),
                    format!("= {text:?}: {e}"),
                ));
            }
        }
        if let Some(b) = team.budget
            && !(b.is_finite() && b > 0.0)
        {
            problems.push(Problem::error(
                format!("{path}.budget"),
                format!("= {b}: must be a number above 0 (leave it out for no limit)"),
            ));
        }
    }
    for (r, round) in s.rounds.iter().enumerate() {
        if round.title.trim().is_empty() {
            problems.push(Problem::error(
                format!("rounds[{r}].title"),
                "is empty: give the round a title",
            ));
        }
        // The outcome itself is read when the round opens (the model does not know outcomes).
        if round.forecast.trim().is_empty() {
            problems.push(Problem::error(
                format!("rounds[{r}].forecast"),
                "is empty: name the outcome the teams forecast, e.g. \"KHM.share.CN@2035\"",
            ));
        }
    }
}

/// One team's part in a played round: its move as edits, its argument, its forecast and the
/// facilitator's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayedMove {
    pub team: String,
    /// The edits applied (empty when the move was rejected or none was made).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<super::Edit>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub argument: String,
    /// The team's forecast of the round's outcome, before the reveal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<f64>,
    /// `accepted`, `amended`, `rejected` or `none` (no move submitted).
    pub decision: String,
    /// The facilitator's adjudication note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The move's Shapley share of the round's change in the outcome.
    #[serde(default)]
    pub contribution: f64,
}

/// A round as played: the record a workshop leaves with (schema 7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlayedRound {
    pub number: usize,
    pub title: String,
    /// The outcome forecast, as on the command line.
    pub outcome: String,
    /// The outcome before and after the round's moves.
    pub before: f64,
    pub after: f64,
    pub moves: Vec<PlayedMove>,
    /// `YYYY-MM-DD HH:MM:SS` (UTC) when the result was revealed.
    #[serde(default)]
    pub time: String,
}
