//! Recording a story step from the changes made since the last one: the input diff read back as
//! `Edit`s, so replaying the step makes the same changes.

use crate::model::{Edit, Knob, LeverEntry, Scenario, StoryStep};

/// A new story step holding the changes from `base` to `current`: scalar inputs as `Set` (by their
/// knob name), a changed intensity of an existing lever entry as a `Set` of `levers[i].intensity`,
/// any other change of an entry as `SetLever`, new entries as `AddLever` and removed ones as
/// `RemoveLever`. Changes read from the input diff that are not a scalar input (renamed codes,
/// shares, dependencies) are returned as paths so the user can be told.
pub fn record_step(base: &Scenario, current: &Scenario, title: &str) -> (StoryStep, Vec<String>) {
    let mut changes = Vec::new();
    let mut unrecorded = Vec::new();
    for d in super::input_diff(base, current) {
        if d.path.starts_with("levers") {
            continue;
        }
        match Knob::parse(current, &d.path).and_then(|k| {
            let v = k.get(current).map_err(|e| crate::model::SpecError {
                text: d.path.clone(),
                message: e.to_string(),
            })?;
            Ok((k.spec(current), v))
        }) {
            Ok((input, value)) => changes.push(Edit::Set { input, value }),
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
                changes.push(Edit::Set {
                    input: format!("levers[{i}].intensity"),
                    value: entry.intensity,
                });
            }
            Some(_) => changes.push(Edit::SetLever {
                index: i,
                entry: entry.clone(),
            }),
            None => changes.push(Edit::AddLever(entry.clone())),
        }
    }
    // From the end, so each index still names the entry it did in `base`.
    for index in (current.levers.len()..base.levers.len()).rev() {
        changes.push(Edit::RemoveLever { index });
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
    use crate::model::{apply_step, undo_step};

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
        assert!(undo_step(&mut replay, &undo).is_ok());
        assert_eq!(replay, base);
        // Removing and re-windowing entries are story changes too.
        let mut removed = base.clone();
        removed.levers.pop();
        removed.levers[0].end_year = 2035.0;
        let (step, unrecorded) = record_step(&base, &removed, "x");
        assert!(unrecorded.is_empty(), "{unrecorded:?}");
        let mut replay = base.clone();
        let undo = match apply_step(&mut replay, &step) {
            Ok(u) => u,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(replay, removed);
        assert!(undo_step(&mut replay, &undo).is_ok());
        assert_eq!(replay, base);
    }
}
