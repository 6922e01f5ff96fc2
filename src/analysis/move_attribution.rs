//! Which team's move made a round's difference: exact Shapley values over the teams' moves, each
//! coalition being the round's starting scenario with those teams' edits applied — the same split
//! as Compare A/B's attribution, with a team's move as the group.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::engine::run;
use crate::model::{Edit, Scenario};

use super::analysis_error::AnalysisError;
use super::attribution::{Attribution, Contribution, exact_shapley};
use super::batch::{lean_copy, run_indexed};
use super::outcome::{Outcome, evaluate};

/// The most moves attributed exactly in one round (2^12 runs).
pub const MAX_MOVES: usize = 12;

/// One team's accepted move: its name and its edits.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamMove {
    pub team: String,
    pub edits: Vec<Edit>,
}

/// Splits the change in `outcome` from `start` to `start` with every move applied among the moves.
/// Moves apply in the order given (the teams' order), whatever the coalition.
pub fn attribute_moves(
    start: &Scenario,
    moves: &[TeamMove],
    outcome: &Outcome,
) -> Result<Attribution, AnalysisError> {
    if moves.len() > MAX_MOVES {
        return Err(AnalysisError::Request(format!(
            "{} moves: at most {MAX_MOVES} can be attributed in one round",
            moves.len()
        )));
    }
    if !outcome.fits_scenario(start) {
        return Err(AnalysisError::Request(
            "the outcome names a state, power or pole the scenario does not have".into(),
        ));
    }
    let g = moves.len();
    let template = lean_copy(start);
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let values = run_indexed(1usize << g, &never, &progress, |mask| {
        let mut s = template.clone();
        for (k, m) in moves.iter().enumerate() {
            if mask & (1 << k) != 0 {
                Edit::Batch(m.edits.clone())
                    .apply(&mut s)
                    .map_err(|e| AnalysisError::Request(format!("{}'s move: {e}", m.team)))?;
            }
        }
        Ok(evaluate(&run(&s)?, outcome))
    })?;
    let phi = exact_shapley(g, &values);
    let (outcome_a, outcome_b) = (values[0], values[(1 << g) - 1]);
    let mut contributions: Vec<Contribution> = moves
        .iter()
        .zip(phi)
        .map(|(m, value)| Contribution {
            group: m.team.clone(),
            value,
            std_error: None,
        })
        .collect();
    contributions.sort_by(|x, y| y.value.abs().total_cmp(&x.value.abs()));
    Ok(Attribution {
        outcome_a,
        outcome_b,
        total: outcome_b - outcome_a,
        contributions,
        exact: true,
        std_error: None,
        runs: 1 << g,
    })
}
