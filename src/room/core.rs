//! The room's rules, without a network: who may submit what, the round's phases, the
//! facilitator's decisions and the reveal. Every submission is validated exactly as an edit to the
//! scenario would be, against the team's own levers and budget; nothing reaches the scenario until
//! the facilitator closes the round, and then as one batch of edits (one undo step).

use crate::analysis::{Outcome, TeamMove, attribute_moves};
use crate::model::{Edit, Knob, PlayedMove, PlayedRound, Scenario};

use super::error::RoomError;
use super::tokens::{new_room_code, new_token, same_secret};

/// The longest argument a team may give, in characters.
pub const MAX_ARGUMENT: usize = 280;

/// A team in the room: its name, colour, secret token and what it may move.
#[derive(Clone, Debug)]
pub struct Seat {
    pub name: String,
    pub colour: String,
    pub token: String,
    pub levers: Vec<Knob>,
    pub budget: Option<f64>,
}

/// One input a move sets.
#[derive(Clone, Debug, PartialEq)]
pub struct LeverChange {
    /// The input as on the command line (`levers[4].intensity`).
    pub input: String,
    pub value: f64,
}

/// What the facilitator decided about a submission.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    Pending,
    Accepted,
    /// Accepted with changed values.
    Amended,
    Rejected(String),
}

impl Decision {
    pub fn word(&self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Accepted => "accepted",
            Decision::Amended => "amended",
            Decision::Rejected(_) => "rejected",
        }
    }
}

/// A team's submission in the open round (a later one replaces an earlier one).
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    pub team: usize,
    pub changes: Vec<LeverChange>,
    pub argument: String,
    pub forecast: Option<f64>,
    pub decision: Decision,
    /// Arrival order across the room, for the facilitator's list.
    pub seq: u64,
}

/// Where the round is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Teams submit moves and forecasts.
    Open,
    /// The moves were applied; the result is shown beside the forecasts.
    Revealed,
}

/// The round being played.
#[derive(Clone, Debug)]
pub struct Round {
    pub number: usize,
    pub title: String,
    pub brief: String,
    pub outcome: Outcome,
    /// The outcome in words ("Cambodia's China share in 2035").
    pub outcome_label: String,
    /// The outcome as text, as the file stores it.
    pub outcome_spec: String,
    pub phase: Phase,
    pub submissions: Vec<Submission>,
    /// The scenario when the round opened: what the moves are measured from.
    start: Scenario,
}

/// A room: the teams, the scenario they play on, the round in play and the rounds played.
#[derive(Clone, Debug)]
pub struct Room {
    pub code: String,
    pub seats: Vec<Seat>,
    scenario: Scenario,
    round: Option<Round>,
    played: Vec<PlayedRound>,
    next_seq: u64,
}

impl Room {
    /// A room for the scenario's teams, with a fresh room code and one secret token per team.
    pub fn new(scenario: &Scenario) -> Result<Self, RoomError> {
        if scenario.teams.is_empty() {
            return Err(RoomError::NoTeams);
        }
        let errors = scenario.errors();
        if let Some(first) = errors.first() {
            return Err(RoomError::Invalid(first.to_string()));
        }
        let seats = scenario
            .teams
            .iter()
            .map(|t| Seat {
                name: t.name.clone(),
                colour: t.colour.clone(),
                token: new_token(),
                levers: t.knobs(scenario),
                budget: t.budget,
            })
            .collect();
        Ok(Self {
            code: new_room_code(),
            seats,
            scenario: scenario.clone(),
            round: None,
            played: scenario.played.clone(),
            next_seq: 0,
        })
    }

    /// The team a token belongs to (compared in constant time).
    pub fn team_of(&self, token: &str) -> Option<usize> {
        self.seats.iter().position(|s| same_secret(&s.token, token))
    }

    /// Whether `code` is this room's code (any case).
    pub fn is_code(&self, code: &str) -> bool {
        same_secret(&self.code, &code.trim().to_uppercase())
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn round(&self) -> Option<&Round> {
        self.round.as_ref()
    }

    pub fn played(&self) -> &[PlayedRound] {
        &self.played
    }

    /// The scenario as the facilitator now has it (after an edit outside the room, or an undo).
    /// An open round keeps measuring from the scenario it opened on.
    pub fn set_scenario(&mut self, scenario: &Scenario) {
        self.scenario = scenario.clone();
    }

    /// Opens the next round of the scenario's plan (or round `number`, counted from 1), asking
    /// for a forecast of its outcome. Refused while a round is open.
    pub fn open_round(&mut self, number: Option<usize>) -> Result<&Round, RoomError> {
        if self.round.as_ref().is_some_and(|r| r.phase == Phase::Open) {
            return Err(RoomError::RoundOpen);
        }
        let number = number.unwrap_or(self.played.len() + 1);
        let plan = number
            .checked_sub(1)
            .and_then(|i| self.scenario.rounds.get(i))
            .ok_or(RoomError::NoSuchRound {
                number,
                planned: self.scenario.rounds.len(),
            })?;
        let outcome = Outcome::parse(&self.scenario, &plan.forecast)
            .map_err(|e| RoomError::Invalid(format!("round {number}'s forecast: {}", e.message)))?;
        let round = Round {
            number,
            title: plan.title.clone(),
            brief: plan.brief.clone(),
            outcome_label: outcome.label(&self.scenario),
            outcome_spec: plan.forecast.clone(),
            outcome,
            phase: Phase::Open,
            submissions: Vec::new(),
            start: self.scenario.clone(),
        };
        Ok(self.round.insert(round))
    }

    /// A team's move: the inputs it sets and its argument. Validated like any edit (each input must
    /// be one of the team's levers, each value inside the input's valid range, the whole move
    /// within the team's budget); replaces the team's earlier submission in this round, keeping
    /// its forecast.
    pub fn submit_move(
        &mut self,
        token: &str,
        changes: Vec<LeverChange>,
        argument: &str,
    ) -> Result<(), RoomError> {
        let team = self.team_of(token).ok_or(RoomError::BadToken)?;
        let argument = clean_argument(argument)?;
        check_move(&self.open_round_ref()?.start, &self.seats[team], &changes)?;
        let seq = self.next_seq;
        self.next_seq += 1;
        let round = self.open_round_mut()?;
        let forecast = round
            .submissions
            .iter()
            .find(|s| s.team == team)
            .and_then(|s| s.forecast);
        round.submissions.retain(|s| s.team != team);
        round.submissions.push(Submission {
            team,
            changes,
            argument,
            forecast,
            decision: Decision::Pending,
            seq,
        });
        Ok(())
    }

    /// A team's forecast of the round's outcome; a later one replaces it.
    pub fn submit_forecast(&mut self, token: &str, value: f64) -> Result<(), RoomError> {
        let team = self.team_of(token).ok_or(RoomError::BadToken)?;
        let round = self.open_round_mut()?;
        let (lo, hi) = round.outcome.kind.value_range();
        if !value.is_finite() || value < lo || value > hi {
            return Err(RoomError::OutOfRange {
                what: format!("the forecast of {}", round.outcome_label),
                value,
                allowed: format!("{lo} to {hi}"),
            });
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let round = self.open_round_mut()?;
        match round.submissions.iter_mut().find(|s| s.team == team) {
            Some(s) => s.forecast = Some(value),
            None => round.submissions.push(Submission {
                team,
                changes: Vec::new(),
                argument: String::new(),
                forecast: Some(value),
                decision: Decision::Pending,
                seq,
            }),
        }
        Ok(())
    }

    /// The facilitator's decision on a team's submission: accept, reject with a note, or amend
    /// the values (validated like the team's own move).
    pub fn decide(
        &mut self,
        team: usize,
        decision: Decision,
        amended: Option<Vec<LeverChange>>,
    ) -> Result<(), RoomError> {
        let seat = self.seats.get(team).ok_or(RoomError::NoSuchTeam(team))?;
        if let Some(changes) = &amended {
            check_move(&self.open_round_ref()?.start, seat, changes)?;
        }
        let name = seat.name.clone();
        let round = self.open_round_mut()?;
        let sub = round
            .submissions
            .iter_mut()
            .find(|s| s.team == team)
            .ok_or(RoomError::NothingSubmitted(name))?;
        if let Some(changes) = amended {
            sub.changes = changes;
            sub.decision = Decision::Amended;
        } else {
            sub.decision = decision;
        }
        Ok(())
    }

    /// Accepts every pending submission.
    pub fn accept_all(&mut self) -> Result<(), RoomError> {
        let round = self.open_round_mut()?;
        for s in &mut round.submissions {
            if s.decision == Decision::Pending {
                s.decision = Decision::Accepted;
            }
        }
        Ok(())
    }

    /// The accepted moves of the open round, in team order, as edits: what closing the round
    /// applies to the scenario as one batch.
    pub fn accepted_moves(&self) -> Result<Vec<TeamMove>, RoomError> {
        let round = self.open_round_ref()?;
        let mut subs: Vec<&Submission> = round
            .submissions
            .iter()
            .filter(|s| matches!(s.decision, Decision::Accepted | Decision::Amended))
            .filter(|s| !s.changes.is_empty())
            .collect();
        subs.sort_by_key(|s| s.team);
        Ok(subs
            .into_iter()
            .map(|s| TeamMove {
                team: self.seats[s.team].name.clone(),
                edits: edits_of(&s.changes),
            })
            .collect())
    }

    /// Closes the open round: applies the accepted moves to the round's starting scenario as one
    /// batch, measures the outcome before and after, splits the change among the teams' moves and
    /// records the round. Returns the batch (for the facilitator's undo history) and the record.
    pub fn reveal(&mut self, time: &str) -> Result<(Edit, PlayedRound), RoomError> {
        let moves = self.accepted_moves()?;
        let round = self.open_round_ref()?;
        let start = round.start.clone();
        let outcome = round.outcome;
        let batch = Edit::Batch(moves.iter().flat_map(|m| m.edits.clone()).collect());
        let mut after = start.clone();
        batch
            .apply(&mut after)
            .map_err(|e| RoomError::Invalid(format!("the moves together: {e}")))?;
        // The attribution runs every coalition, the empty one (the start) and the full one (the
        // start with every move) among them: those are the outcome before and after.
        let attribution = attribute_moves(&start, &moves, &outcome)
            .map_err(|e| RoomError::Invalid(e.to_string()))?;
        let before = attribution.outcome_a;
        let value_after = attribution.outcome_b;
        let round = self.open_round_ref()?;
        let played = PlayedRound {
            number: round.number,
            title: round.title.clone(),
            outcome: round.outcome_spec.clone(),
            before,
            after: value_after,
            moves: self
                .seats
                .iter()
                .enumerate()
                .map(|(t, seat)| {
                    let sub = round.submissions.iter().find(|s| s.team == t);
                    let applied = sub.is_some_and(|s| {
                        matches!(s.decision, Decision::Accepted | Decision::Amended)
                    });
                    PlayedMove {
                        team: seat.name.clone(),
                        edits: sub
                            .filter(|_| applied)
                            .map(|s| edits_of(&s.changes))
                            .unwrap_or_default(),
                        argument: sub.map(|s| s.argument.clone()).unwrap_or_default(),
                        forecast: sub.and_then(|s| s.forecast),
                        decision: match sub {
                            None => "none".into(),
                            Some(s) if s.changes.is_empty() => "none".into(),
                            Some(s) => s.decision.word().into(),
                        },
                        note: match sub.map(|s| &s.decision) {
                            Some(Decision::Rejected(note)) => note.clone(),
                            _ => String::new(),
                        },
                        contribution: attribution
                            .contributions
                            .iter()
                            .find(|c| c.group == seat.name)
                            .map_or(0.0, |c| c.value),
                    }
                })
                .collect(),
            time: time.to_string(),
        };
        if let Some(r) = self.round.as_mut() {
            r.phase = Phase::Revealed;
        }
        self.played.push(played.clone());
        self.scenario = after;
        self.scenario.played = self.played.clone();
        Ok((batch, played))
    }

    fn open_round_ref(&self) -> Result<&Round, RoomError> {
        self.round
            .as_ref()
            .filter(|r| r.phase == Phase::Open)
            .ok_or(RoomError::NoOpenRound)
    }

    fn open_round_mut(&mut self) -> Result<&mut Round, RoomError> {
        self.round
            .as_mut()
            .filter(|r| r.phase == Phase::Open)
            .ok_or(RoomError::NoOpenRound)
    }
}

/// The `Set` edits of a move.
fn edits_of(changes: &[LeverChange]) -> Vec<Edit> {
    changes
        .iter()
        .map(|c| Edit::Set {
            input: c.input.clone(),
            value: c.value,
        })
        .collect()
}

/// Trims an argument and refuses one too long or with control characters.
fn clean_argument(argument: &str) -> Result<String, RoomError> {
    let argument = argument.trim();
    if argument.chars().count() > MAX_ARGUMENT {
        return Err(RoomError::TooLong {
            what: "the argument",
            max: MAX_ARGUMENT,
        });
    }
    if argument.chars().any(char::is_control) {
        return Err(RoomError::Invalid(
            "the argument holds control characters; write one line of text".into(),
        ));
    }
    Ok(argument.to_string())
}

/// A move is one of the team's levers at most once each, every value in its input's valid range,
/// the whole applying to the scenario as an edit would, and within the team's budget.
fn check_move(start: &Scenario, seat: &Seat, changes: &[LeverChange]) -> Result<(), RoomError> {
    if changes.len() > seat.levers.len() {
        return Err(RoomError::TooMany {
            what: "inputs in one move",
            max: seat.levers.len(),
        });
    }
    let mut used = 0.0;
    let mut seen = Vec::new();
    for c in changes {
        let knob = Knob::parse(start, &c.input)
            .ok()
            .filter(|k| seat.levers.contains(k))
            .ok_or_else(|| RoomError::NotYourLever(c.input.clone()))?;
        if seen.contains(&knob) {
            return Err(RoomError::Invalid(format!("{} is set twice", c.input)));
        }
        seen.push(knob);
        let range = knob.range(start);
        if !c.value.is_finite() || !range.contains(c.value) {
            return Err(RoomError::OutOfRange {
                what: knob.label(start),
                value: c.value,
                allowed: range.describe(),
            });
        }
        used += (c.value
            - knob
                .get(start)
                .map_err(|e| RoomError::Invalid(e.to_string()))?)
        .abs();
    }
    if let Some(budget) = seat.budget
        && used > budget + 1e-9
    {
        return Err(RoomError::OverBudget { used, budget });
    }
    let mut copy = start.clone();
    Edit::Batch(edits_of(changes))
        .apply(&mut copy)
        .map_err(|e| RoomError::Invalid(e.to_string()))?;
    Ok(())
}
