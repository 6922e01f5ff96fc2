//! Applying story steps and taking them back: a step's edits apply as one all-or-nothing batch,
//! and the batch's inverse takes it back, so stepping back restores exactly the values before the
//! step while keeping edits made to other inputs in between; and the problems of a scenario's story
//! and live levers, checked by applying the steps in order.

use super::{Edit, EditError, Knob, Problem, Scenario, Severity, StoryStep};

/// What a step replaced, to take it back: the inverse of its edits.
pub type StepUndo = Edit;

/// Why a step could not be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("story step “{title}”: {source}")]
pub struct StoryError {
    pub title: String,
    pub source: EditError,
}

/// Applies a step's edits to `scenario`; on error nothing is changed.
pub fn apply_step(scenario: &mut Scenario, step: &StoryStep) -> Result<StepUndo, StoryError> {
    Edit::Batch(step.changes.clone())
        .apply(scenario)
        .map(|applied| applied.inverse().unwrap_or(Edit::Batch(Vec::new())))
        .map_err(|source| StoryError {
            title: step.title.clone(),
            source,
        })
}

/// Takes a step back with the inverse [`apply_step`] returned.
pub fn undo_step(scenario: &mut Scenario, undo: &StepUndo) -> Result<(), EditError> {
    undo.apply(scenario).map(|_| ())
}

/// Problems with the story and live levers: inputs that do not name a scalar input, values out of
/// range, steps that cannot be applied in order.
pub fn story_problems(scenario: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (k, spec) in scenario.live_levers.iter().enumerate() {
        if let Err(e) = Knob::parse(scenario, spec) {
            problems.push(Problem {
                severity: Severity::Error,
                path: format!("live_levers[{k}]"),
                message: format!("= {spec:?}: {e}"),
                line: None,
            });
        }
    }
    // Steps apply one after the other, so each is checked on the scenario as the previous left it.
    let mut working = scenario.clone();
    for (n, step) in scenario.story.iter().enumerate() {
        if let Err(e) = apply_step(&mut working, step) {
            problems.push(Problem {
                severity: Severity::Error,
                path: format!("story[{n}]"),
                message: format!("cannot be applied: {}", e.source),
                line: None,
            });
            break;
        }
    }
    problems
}

/// The codes of the states a step's changes name (a lever's targets, a state's own values), for
/// the charts to highlight; empty when the step reaches every state or names none.
pub fn states_named(changes: &[Edit], s: &Scenario) -> Vec<String> {
    use super::Targets;
    let mut codes: Vec<String> = Vec::new();
    let mut every = false;
    let add_targets = |t: &Targets, codes: &mut Vec<String>, every: &mut bool| match t {
        Targets::All => *every = true,
        Targets::States(c) => codes.extend(c.iter().cloned()),
    };
    for edit in changes {
        match edit {
            Edit::AddLever(e) | Edit::InsertLever { entry: e, .. } | Edit::WithdrawLever(e) => {
                add_targets(&e.targets, &mut codes, &mut every)
            }
            Edit::SetLeverTargets { targets, .. } => add_targets(targets, &mut codes, &mut every),
            Edit::Set { input, .. } => match Knob::parse(s, input) {
                Ok(Knob::State { state, .. }) => {
                    codes.extend(s.states.get(state).map(|x| x.code.clone()))
                }
                Ok(Knob::LeverIntensity { entry }) => {
                    if let Some(e) = s.levers.get(entry) {
                        add_targets(&e.targets, &mut codes, &mut every);
                    }
                }
                _ => {}
            },
            Edit::SetShare { state, .. }
            | Edit::SetShares { state, .. }
            | Edit::SetDependency { state, .. }
            | Edit::SetLeverCell { state, .. } => codes.push(state.clone()),
            Edit::Batch(inner) => codes.extend(states_named(inner, s)),
            _ => {}
        }
    }
    codes.sort();
    codes.dedup();
    if every || codes.len() >= s.states.len() {
        Vec::new()
    } else {
        codes
    }
}
