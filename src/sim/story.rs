//! Story steps applied to a scenario and taken back: each step's changes are applied in order and
//! what they replaced is recorded, so stepping back restores exactly the values before the step while
//! keeping edits made to other inputs in between.

use crate::model::{LeverEntry, Problem, Scenario, Severity, StoryChange, StoryStep};

use super::knob::Knob;

/// What a step replaced, to take it back.
#[derive(Clone, Debug, PartialEq)]
pub struct StepUndo {
    /// Input specs with their previous values, in the order they were set.
    previous: Vec<(String, f64)>,
    /// Lever entries the step added.
    added: Vec<LeverEntry>,
}

/// Why a step could not be applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("story step “{title}”: {message}")]
pub struct StoryError {
    pub title: String,
    pub message: String,
}

/// Applies a step's changes to `scenario`; on error nothing is changed.
pub fn apply_step(scenario: &mut Scenario, step: &StoryStep) -> Result<StepUndo, StoryError> {
    let fail = |message: String| StoryError {
        title: step.title.clone(),
        message,
    };
    let mut working = scenario.clone();
    let mut undo = StepUndo {
        previous: Vec::new(),
        added: Vec::new(),
    };
    for change in &step.changes {
        match change {
            StoryChange::Set { input, value } => {
                let knob = Knob::parse(&working, input).map_err(|e| fail(e.to_string()))?;
                let before = knob.get(&working).map_err(|e| fail(e.to_string()))?;
                knob.set(&mut working, *value)
                    .map_err(|e| fail(e.to_string()))?;
                undo.previous.push((input.clone(), before));
            }
            StoryChange::AddLever(entry) => {
                working.levers.push(entry.clone());
                undo.added.push(entry.clone());
            }
        }
    }
    *scenario = working;
    Ok(undo)
}

/// Takes a step back: restores the values it replaced (in reverse order) and removes the lever
/// entries it added (the last equal entry of each).
pub fn undo_step(scenario: &mut Scenario, undo: &StepUndo) {
    for entry in undo.added.iter().rev() {
        if let Some(pos) = scenario.levers.iter().rposition(|e| e == entry) {
            scenario.levers.remove(pos);
        }
    }
    for (input, value) in undo.previous.iter().rev() {
        if let Ok(knob) = Knob::parse(scenario, input) {
            let _ = knob.set(scenario, *value);
        }
    }
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
        for (c, change) in step.changes.iter().enumerate() {
            if let StoryChange::AddLever(entry) = change
                && working.power_index(&entry.power).is_none()
            {
                problems.push(Problem {
                    severity: Severity::Error,
                    path: format!("story[{n}].changes[{c}]"),
                    message: format!("adds a lever of unknown power {:?}", entry.power),
                    line: None,
                });
            }
        }
        if let Err(e) = apply_step(&mut working, step) {
            problems.push(Problem {
                severity: Severity::Error,
                path: format!("story[{n}]"),
                message: format!("cannot be applied: {}", e.message),
                line: None,
            });
            break;
        }
    }
    problems
}

/// A new story step holding the changes from `base` to `current`: scalar inputs as `Set` (by their
/// knob name), new lever entries as `AddLever`, and a changed intensity of an existing entry as a
/// `Set` of `levers[i].intensity`. Changes a step cannot express (removed entries, renamed codes,
/// edited targets or windows) are returned as paths so the user can be told.
pub fn record_step(base: &Scenario, current: &Scenario, title: &str) -> (StoryStep, Vec<String>) {
    let mut changes = Vec::new();
    let mut unrecorded = Vec::new();
    for d in super::input_diff(base, current) {
        if d.path.starts_with("levers") {
            continue;
        }
        match Knob::parse(current, &d.path).and_then(|k| {
            let v = k.get(current).map_err(|e| super::SpecError {
                text: d.path.clone(),
                message: e.to_string(),
            })?;
            Ok((k.spec(current), v))
        }) {
            Ok((input, value)) => changes.push(StoryChange::Set { input, value }),
            Err(_) => unrecorded.push(d.path.clone()),
        }
    }
    for (i, entry) in current.levers.iter().enumerate() {
        match base.levers.get(i) {
            Some(old) if old == entry => {}
            Some(old)
                if LeverEntry {
                    intensity: entry.intensity,
                    ..old.clone()
                } == *entry =>
            {
                changes.push(StoryChange::Set {
                    input: format!("levers[{i}].intensity"),
                    value: entry.intensity,
                });
            }
            Some(_) => unrecorded.push(format!("levers[{i}]")),
            None => changes.push(StoryChange::AddLever(entry.clone())),
        }
    }
    for i in current.levers.len()..base.levers.len() {
        unrecorded.push(format!("levers[{i}] (removed)"));
    }
    let step = StoryStep {
        title: title.to_string(),
        narrative: String::new(),
        changes,
        view: crate::model::StoryView::Tilt,
        year: None,
    };
    (step, unrecorded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_step_replays_the_changes() {
        let base = match crate::io::baseline() {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let mut current = base.clone();
        current.states[1].governance = 0.6;
        current.asean.hard_law = 0.9;
        current.levers[0].intensity = 0.95;
        let mut added = current.levers[1].clone();
        added.intensity = 0.4;
        current.levers.push(added);
        let (step, unrecorded) = record_step(&base, &current, "my step");
        assert!(unrecorded.is_empty(), "{unrecorded:?}");
        let mut replay = base.clone();
        let undo = match apply_step(&mut replay, &step) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(replay, current);
        undo_step(&mut replay, &undo);
        assert_eq!(replay, base);
        // Removing an entry cannot be a story change: it is reported.
        let mut removed = base.clone();
        removed.levers.pop();
        assert_eq!(record_step(&base, &removed, "x").1.len(), 1);
    }
}
