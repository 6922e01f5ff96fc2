//! The open document: the scenario, where it lives on disk, whether it has unsaved changes, and the
//! undo/redo history. Every change is a [`model::Edit`](crate::model::Edit) value applied through
//! [`Document::apply`]: a refused or empty edit records nothing; an applied one records the edit and
//! its inverse, so undo and redo replay values, not snapshots. Edits of one drag (the same target
//! while the pointer is down) are one step.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{Applied, Edit, EditError, LogEntry, Scenario};

/// How many undo steps are kept.
pub const UNDO_LIMIT: usize = 200;

/// An edit as a panel asks for it: the value, an optional label for the Edit menu (otherwise the
/// edit describes itself), and whether it is part of a drag.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub edit: Edit,
    pub label: Option<String>,
    /// Part of a drag: merges with the previous change of the same target into one undo step.
    pub drag: bool,
}

impl Change {
    /// A change that is its own undo step.
    pub fn new(edit: Edit) -> Self {
        Self {
            edit,
            label: None,
            drag: false,
        }
    }

    /// A change that merges with the previous one of the same target while a drag lasts.
    pub fn drag(edit: Edit) -> Self {
        Self {
            drag: true,
            ..Self::new(edit)
        }
    }

    /// Shown in the Edit menu instead of the edit's own description.
    pub fn labelled(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// What [`Document::apply`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    /// The edit as applied.
    pub edit: Edit,
    /// The edit that takes it back.
    pub inverse: Edit,
}

struct Step {
    label: String,
    /// The edits of the step, in order (redo applies them).
    edits: Vec<Edit>,
    /// Their inverses, in the order they were made (undo applies them last first).
    inverses: Vec<Edit>,
    /// Identity of the state before the step, so returning to the saved state counts as clean.
    before_id: u64,
    /// The drag target this step is still open for.
    gesture: Option<String>,
}

/// The scenario being edited, with its file and history.
pub struct Document {
    scenario: Scenario,
    path: Option<PathBuf>,
    /// Changes with every change (edits, undo, redo) and differs between documents, so a view that
    /// remembers the generation it drew knows when to re-run, even after another file was opened.
    generation: u64,
    /// Identity of the current content; every new edit gets a fresh one, undo/redo restore old ones.
    state_id: u64,
    next_id: u64,
    saved_state: Option<u64>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Whether the last step may still grow with the drag in progress.
    gesture_open: bool,
    /// Steps taken, undone or redone so far (a drag counts once), so views can tell a new step
    /// from a drag that grows the last one.
    steps: u64,
    /// The round log lives outside the undo history: undoing a change does not unwrite its record.
    log: Vec<LogEntry>,
    saved_log_len: Option<usize>,
}

impl Document {
    /// A document for a scenario; `path` is where it was loaded from (clean) or `None` (unsaved).
    pub fn new(mut scenario: Scenario, path: Option<PathBuf>) -> Self {
        let saved_state = path.as_ref().map(|_| 0);
        let log = std::mem::take(&mut scenario.round_log);
        let saved_log_len = Some(log.len());
        Self {
            scenario,
            path,
            generation: next_generation(),
            state_id: 0,
            next_id: 1,
            saved_state,
            undo: Vec::new(),
            redo: Vec::new(),
            gesture_open: false,
            steps: 0,
            log,
            saved_log_len,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether there are changes not written to the file (a new document always counts as unsaved
    /// once edited).
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state_id) || self.saved_log_len != Some(self.log.len())
    }

    /// Whether the content is exactly what was created or opened (nothing to lose by replacing it).
    pub fn is_pristine(&self) -> bool {
        (self.state_id == 0 && self.saved_log_len == Some(self.log.len())) || !self.is_dirty()
    }

    /// The round log of presenter mode.
    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    /// Records a change in the round log (not an undoable edit). Its generation comes from the
    /// shared counter like every other: a `+= 1` here once equalled the generation the next edit drew,
    /// and the app kept the run of before that edit.
    pub fn append_log(&mut self, entry: LogEntry) {
        self.log.push(entry);
        self.generation = next_generation();
    }

    /// The scenario as it is written to a file: with its round log.
    pub fn scenario_for_save(&self) -> Scenario {
        let mut s = self.scenario.clone();
        s.round_log = self.log.clone();
        s
    }

    /// Applies a change: refused ones change nothing; one that changes nothing records nothing;
    /// otherwise an undo step is recorded (or the open drag's step grows).
    pub fn apply(&mut self, change: Change) -> Result<Option<Done>, EditError> {
        let Change { edit, label, drag } = change;
        let label = label.unwrap_or_else(|| edit.describe(&self.scenario));
        let inverse = match edit.apply(&mut self.scenario)? {
            Applied::Unchanged => return Ok(None),
            Applied::Changed { inverse } => inverse,
        };
        let target = drag.then(|| edit.target());
        let continues = self.gesture_open
            && target.is_some()
            && self.undo.last().is_some_and(|s| s.gesture == target);
        if continues {
            if let Some(step) = self.undo.last_mut() {
                match step.edits.last() {
                    // The first inverse already restores the value before the drag.
                    Some(last) if edit.supersedes(last) => {
                        step.edits.pop();
                    }
                    _ => step.inverses.push(inverse.clone()),
                }
                step.edits.push(edit.clone());
            }
        } else {
            self.steps += 1;
            self.undo.push(Step {
                label,
                edits: vec![edit.clone()],
                inverses: vec![inverse.clone()],
                before_id: self.state_id,
                gesture: target,
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.gesture_open = drag;
        self.redo.clear();
        self.state_id = self.next_id;
        self.next_id += 1;
        self.generation = next_generation();
        Ok(Some(Done { edit, inverse }))
    }

    /// Ends the current gesture: the next edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.gesture_open = false;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Label of the step Undo would revert.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// How many steps were taken, undone or redone (a drag counts once): a view keeps the run of
    /// the previous step as a ghost, and a drag that grows the last step keeps the same ghost.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Label of the step Redo would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Takes the last step back by applying its inverses, last first. Returns false when there is
    /// nothing to undo (or, never expected, an inverse does not apply: then nothing changes).
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let mut working = self.scenario.clone();
        let ok = step
            .inverses
            .iter()
            .rev()
            .all(|e| e.apply_unchecked(&mut working).is_ok());
        if !ok {
            self.undo.push(step);
            return false;
        }
        self.scenario = working;
        self.steps += 1;
        let after_id = self.state_id;
        self.state_id = step.before_id;
        self.redo.push(Step {
            before_id: after_id,
            ..step
        });
        self.gesture_open = false;
        self.generation = next_generation();
        true
    }

    /// Makes the last undone step again by replaying its edits.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let mut working = self.scenario.clone();
        let ok = step
            .edits
            .iter()
            .all(|e| e.apply_unchecked(&mut working).is_ok());
        if !ok {
            self.redo.push(step);
            return false;
        }
        self.scenario = working;
        self.steps += 1;
        let before_id = self.state_id;
        self.state_id = step.before_id;
        self.undo.push(Step { before_id, ..step });
        self.gesture_open = false;
        self.generation = next_generation();
        true
    }

    /// Identity of the current content (changes with every edit, undo and redo).
    pub fn state_id(&self) -> u64 {
        self.state_id
    }

    /// Records that the scenario now equals the file at `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        let state = self.state_id;
        self.mark_saved_at(path, state);
    }

    /// Records that the content with identity `state` (captured when a background save started) is
    /// what the file at `path` holds; edits made since keep the document dirty.
    pub fn mark_saved_at(&mut self, path: PathBuf, state: u64) {
        self.mark_saved_with_log(path, state, self.log.len());
    }

    /// As [`Document::mark_saved_at`], with the length of the round log that was written.
    pub fn mark_saved_with_log(&mut self, path: PathBuf, state: u64, log_len: usize) {
        self.path = Some(path);
        self.saved_state = Some(state);
        self.saved_log_len = Some(log_len);
    }

    /// Replaces the scenario in place, as one undoable step (used by "restore recovery copy"); a
    /// round log the replacement carries joins the document's log.
    pub fn replace_scenario(&mut self, label: &str, mut scenario: Scenario) {
        let log = std::mem::take(&mut scenario.round_log);
        let change = Change::new(Edit::Replace(Box::new(scenario))).labelled(label);
        // A replacement that has problems of its own is still a whole document to restore.
        if self.apply(change.clone()).is_err() {
            let _ = self.force(change);
        }
        if !log.is_empty() {
            self.log = log;
        }
    }

    /// Applies a change without validating it (a whole recovered document may have problems of its
    /// own, which the validator then lists).
    fn force(&mut self, change: Change) -> Result<Option<Done>, EditError> {
        let label = change
            .label
            .unwrap_or_else(|| change.edit.describe(&self.scenario));
        let inverse = change.edit.apply_unchecked(&mut self.scenario)?;
        self.steps += 1;
        self.undo.push(Step {
            label,
            edits: vec![change.edit.clone()],
            inverses: vec![inverse.clone()],
            before_id: self.state_id,
            gesture: None,
        });
        self.redo.clear();
        self.state_id = self.next_id;
        self.next_id += 1;
        self.generation = next_generation();
        Ok(Some(Done {
            edit: change.edit,
            inverse,
        }))
    }
}

impl Document {
    /// The scenario as it was before the oldest change still in the history (as opened, if the
    /// history is complete).
    pub fn original(&self) -> Scenario {
        let mut s = self.scenario.clone();
        for step in self.undo.iter().rev() {
            for e in step.inverses.iter().rev() {
                if e.apply_unchecked(&mut s).is_err() {
                    return self.scenario.clone();
                }
            }
        }
        s
    }
}

/// A generation number never handed out before in this process.
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let scenario = match crate::io::baseline() {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        Document::new(scenario, Some(PathBuf::from("b.ron")))
    }

    fn gov(v: f64) -> Edit {
        Edit::Set {
            input: "KHM.governance".into(),
            value: v,
        }
    }

    fn name(n: &str) -> Change {
        Change::new(Edit::SetText {
            field: crate::model::TextField::Name,
            text: n.into(),
        })
    }

    fn apply(d: &mut Document, c: Change) {
        if let Err(e) = d.apply(c) {
            panic!("{e}");
        }
    }

    #[test]
    fn edits_undo_and_redo() {
        let mut d = doc();
        assert!(!d.is_dirty());
        apply(&mut d, Change::new(gov(0.9)).labelled("governance"));
        assert!(d.is_dirty());
        assert_eq!(d.scenario().states[1].governance, 0.9);
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.2);
        assert!(d.redo());
        assert_eq!(d.scenario().states[1].governance, 0.9);
        assert_eq!(d.undo_label(), Some("governance"));
    }

    #[test]
    fn a_refused_or_empty_edit_records_nothing() {
        let mut d = doc();
        let generation = d.generation();
        // KHM is a state code, so a power cannot take it.
        let taken = Change::new(Edit::RecodePower {
            power: "CN".into(),
            code: "KHM".into(),
        });
        assert!(matches!(d.apply(taken), Err(EditError::CodeTaken(_))));
        let same = Change::new(gov(d.scenario().states[1].governance));
        assert!(matches!(d.apply(same), Ok(None)));
        assert!(!d.can_undo() && !d.is_dirty());
        assert_eq!(d.generation(), generation, "nothing to re-run");
    }

    #[test]
    fn the_round_log_survives_undo_and_is_saved_with_the_scenario() {
        let mut d = doc();
        apply(&mut d, Change::new(gov(0.5)));
        d.append_log(LogEntry {
            time: "t".into(),
            team: "A".into(),
            change: "gov".into(),
            argument: String::new(),
            edits: vec![gov(0.5)],
            undo: vec![gov(0.2)],
        });
        d.undo();
        assert_eq!(d.log().len(), 1);
        assert!(d.is_dirty(), "an unsaved log entry is unsaved work");
        assert_eq!(d.scenario_for_save().round_log.len(), 1);
        assert!(d.scenario().round_log.is_empty());
    }

    #[test]
    fn generations_differ_between_documents_and_after_every_change() {
        let mut a = doc();
        let b = doc();
        assert_ne!(
            a.generation(),
            b.generation(),
            "a new document must not look unchanged"
        );
        let before = a.generation();
        apply(&mut a, name("x"));
        let edited = a.generation();
        assert_ne!(edited, before);
        a.undo();
        assert_ne!(a.generation(), edited);
        assert_ne!(
            a.generation(),
            before,
            "undo is a change the views must see"
        );
    }

    #[test]
    fn a_gesture_is_one_step() {
        let mut d = doc();
        for v in [0.3, 0.4, 0.5] {
            apply(&mut d, Change::drag(gov(v)));
        }
        d.end_gesture();
        apply(&mut d, Change::drag(gov(0.6)));
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.5);
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.2);
        assert!(!d.can_undo());
        assert!(d.redo());
        assert_eq!(d.scenario().states[1].governance, 0.5);
    }

    #[test]
    fn a_drag_of_shares_undoes_to_the_exact_starting_shares() {
        let mut d = doc();
        let start = d.scenario().states[1].alignment.clone();
        for v in [0.31, 0.47, 0.52, 0.6] {
            apply(
                &mut d,
                Change::drag(Edit::SetShare {
                    state: "KHM".into(),
                    pole: 1,
                    anchor: false,
                    value: v,
                }),
            );
        }
        let end = d.scenario().states[1].alignment.clone();
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].alignment, start);
        assert!(d.redo());
        assert_eq!(d.scenario().states[1].alignment, end, "redo is bit-exact");
    }

    #[test]
    fn undo_to_the_saved_state_is_clean_and_a_new_edit_clears_redo() {
        let mut d = doc();
        apply(&mut d, name("a"));
        d.mark_saved(PathBuf::from("x.ron"));
        assert!(!d.is_dirty());
        apply(&mut d, name("b"));
        assert!(d.is_dirty());
        d.undo();
        assert!(!d.is_dirty(), "back at the saved state");
        d.undo();
        assert!(d.is_dirty());
        apply(&mut d, name("c"));
        assert!(!d.can_redo());
    }

    #[test]
    fn original_is_the_scenario_as_opened() {
        let mut d = doc();
        let opened = d.scenario().clone();
        apply(&mut d, Change::new(gov(0.7)));
        apply(
            &mut d,
            Change::new(Edit::RemoveState {
                state: "LAO".into(),
            }),
        );
        assert_eq!(d.original(), opened);
    }
}
