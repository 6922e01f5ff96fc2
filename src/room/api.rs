//! The JSON the room's page and the API speak: requests are read strictly (unknown fields refused),
//! and a team sees only its own levers, its own submission and, after the reveal, every team's
//! forecast and share of the change.

use serde::{Deserialize, Serialize};

use super::core::{Decision, LeverChange, Phase, Room};

/// `POST /api/move`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    pub room: String,
    pub token: String,
    pub changes: Vec<ChangeJson>,
    #[serde(default)]
    pub argument: String,
}

/// `POST /api/forecast`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastRequest {
    pub room: String,
    pub token: String,
    pub value: f64,
}

/// One input a move sets.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeJson {
    pub input: String,
    pub value: f64,
}

impl From<ChangeJson> for LeverChange {
    fn from(c: ChangeJson) -> Self {
        LeverChange {
            input: c.input,
            value: c.value,
        }
    }
}

/// `GET /api/state?room=…&token=…`: what one team sees.
#[derive(Debug, Serialize)]
pub struct TeamView {
    pub team: String,
    pub colour: String,
    pub levers: Vec<LeverView>,
    pub budget: Option<f64>,
    pub round: Option<RoundView>,
    pub mine: Option<MineView>,
    pub reveal: Option<RevealView>,
}

#[derive(Debug, Serialize)]
pub struct LeverView {
    pub input: String,
    pub label: String,
    /// The value now (at the start of the open round).
    pub value: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Serialize)]
pub struct RoundView {
    pub number: usize,
    pub title: String,
    pub brief: String,
    /// What the teams forecast, in words.
    pub outcome: String,
    /// `open` or `revealed`.
    pub phase: &'static str,
    /// The values a forecast may take.
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Serialize)]
pub struct MineView {
    pub changes: Vec<ChangeJson>,
    pub argument: String,
    pub forecast: Option<f64>,
    /// `pending`, `accepted`, `amended` or `rejected`.
    pub decision: &'static str,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct RevealView {
    pub outcome: String,
    pub before: f64,
    pub after: f64,
    pub teams: Vec<TeamResultView>,
}

#[derive(Debug, Serialize)]
pub struct TeamResultView {
    pub team: String,
    pub colour: String,
    pub forecast: Option<f64>,
    pub contribution: f64,
}

/// An error as the page shows it.
#[derive(Debug, Serialize)]
pub struct ErrorJson {
    pub error: String,
}

/// What team `t` sees of `room`.
pub fn team_view(room: &Room, t: usize) -> TeamView {
    let seat = &room.seats[t];
    let round = room.round();
    let measured_on = room.scenario();
    let levers = seat
        .levers
        .iter()
        .map(|k| {
            let r = k.range(measured_on);
            LeverView {
                input: k.spec(measured_on),
                label: k.label(measured_on),
                value: k.get(measured_on).unwrap_or(f64::NAN),
                min: r.min,
                max: r.max,
            }
        })
        .collect();
    let round_view = round.map(|r| {
        let (min, max) = r.outcome.kind.value_range();
        RoundView {
            number: r.number,
            title: r.title.clone(),
            brief: r.brief.clone(),
            outcome: r.outcome_label.clone(),
            phase: match r.phase {
                Phase::Open => "open",
                Phase::Revealed => "revealed",
            },
            min,
            max,
        }
    });
    let mine = round
        .and_then(|r| r.submissions.iter().find(|s| s.team == t))
        .map(|s| MineView {
            changes: s
                .changes
                .iter()
                .map(|c| ChangeJson {
                    input: c.input.clone(),
                    value: c.value,
                })
                .collect(),
            argument: s.argument.clone(),
            forecast: s.forecast,
            decision: s.decision.word(),
            note: match &s.decision {
                Decision::Rejected(note) => note.clone(),
                _ => String::new(),
            },
        });
    let reveal = round
        .filter(|r| r.phase == Phase::Revealed)
        .and(room.played().last())
        .map(|p| RevealView {
            outcome: round.map_or(String::new(), |r| r.outcome_label.clone()),
            before: p.before,
            after: p.after,
            teams: p
                .moves
                .iter()
                .zip(&room.seats)
                .map(|(m, seat)| TeamResultView {
                    team: m.team.clone(),
                    colour: seat.colour.clone(),
                    forecast: m.forecast,
                    contribution: m.contribution,
                })
                .collect(),
        });
    TeamView {
        team: seat.name.clone(),
        colour: seat.colour.clone(),
        levers,
        budget: seat.budget,
        round: round_view,
        mine,
        reveal,
    }
}
