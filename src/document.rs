//! The open document: the scenario, where it lives on disk, whether it has unsaved changes, and the
//! undo/redo history. Edits are closures applied through [`Document::apply`], so every change is
//! undoable; edits that share a gesture key while the gesture lasts (one slider drag) are one step.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{LogEntry, Scenario};

/// How many undo steps are kept.
pub const UNDO_LIMIT: usize = 200;

/// One change to the scenario.
pub struct Edit {
    /// Shown in the Edit menu ("Undo Cambodia governance").
    pub label: String,
    /// Edits with the same key during one gesture (a drag) merge into one undo step.
    pub gesture_key: Option<String>,
    apply: Box<dyn FnOnce(&mut Scenario) + Send>,
}

impl Edit {
    /// An edit that applies `f` to the scenario.
    pub fn new(label: impl Into<String>, f: impl FnOnce(&mut Scenario) + Send + 'static) -> Self {
        Self {
            label: label.into(),
            gesture_key: None,
            apply: Box::new(f),
        }
    }

    /// Merges this edit with earlier ones of the same key while a gesture lasts.
    pub fn in_gesture(mut self, key: impl Into<String>) -> Self {
        self.gesture_key = Some(key.into());
        self
    }
}

impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Edit")
            .field("label", &self.label)
            .field("gesture_key", &self.gesture_key)
            .finish()
    }
}

struct Step {
    label: String,
    before: Scenario,
    /// Identity of the state `before` holds, so returning to the saved state counts as clean.
    before_id: u64,
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
    open_gesture: Option<String>,
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
            open_gesture: None,
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

    /// Records a change in the round log (not an undoable edit).
    pub fn append_log(&mut self, entry: LogEntry) {
        self.log.push(entry);
        self.generation += 1;
    }

    /// The scenario as it is written to a file: with its round log.
    pub fn scenario_for_save(&self) -> Scenario {
        let mut s = self.scenario.clone();
        s.round_log = self.log.clone();
        s
    }

    /// Applies an edit, recording an undo step unless it continues the open gesture.
    pub fn apply(&mut self, edit: Edit) {
        let continues = edit.gesture_key.is_some() && edit.gesture_key == self.open_gesture;
        if !continues {
            self.undo.push(Step {
                label: edit.label.clone(),
                before: self.scenario.clone(),
                before_id: self.state_id,
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.open_gesture = edit.gesture_key.clone();
        (edit.apply)(&mut self.scenario);
        self.redo.clear();
        self.state_id = self.next_id;
        self.next_id += 1;
        self.generation = next_generation();
    }

    /// Ends the current gesture: the next edit starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.open_gesture = None;
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

    /// Label of the step Redo would re-apply.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let after = std::mem::replace(&mut self.scenario, step.before);
        self.redo.push(Step {
            label: step.label,
            before: after,
            before_id: self.state_id,
        });
        self.state_id = step.before_id;
        self.open_gesture = None;
        self.generation = next_generation();
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let before = std::mem::replace(&mut self.scenario, step.before);
        self.undo.push(Step {
            label: step.label,
            before,
            before_id: self.state_id,
        });
        self.state_id = step.before_id;
        self.open_gesture = None;
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

    /// Replaces the scenario in place, as one undoable step (used by "restore recovery copy").
    pub fn replace_scenario(&mut self, label: &str, scenario: Scenario) {
        self.apply(Edit::new(label, move |s| *s = scenario));
    }
}

impl Document {
    /// The scenario as it was before the oldest change still in the history (as opened, if the
    /// history is complete).
    pub fn original(&self) -> &Scenario {
        self.undo
            .first()
            .map_or(&self.scenario, |step| &step.before)
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

    #[test]
    fn edits_undo_and_redo() {
        let mut d = doc();
        assert!(!d.is_dirty());
        d.apply(Edit::new("governance", |s| s.states[1].governance = 0.9));
        assert!(d.is_dirty());
        assert_eq!(d.scenario().states[1].governance, 0.9);
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.2);
        assert!(d.redo());
        assert_eq!(d.scenario().states[1].governance, 0.9);
        assert_eq!(d.undo_label(), Some("governance"));
    }

    #[test]
    fn the_round_log_survives_undo_and_is_saved_with_the_scenario() {
        let mut d = doc();
        d.apply(Edit::new("gov", |s| s.states[1].governance = 0.5));
        d.append_log(LogEntry {
            time: "t".into(),
            team: "A".into(),
            change: "gov".into(),
            argument: String::new(),
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
        a.apply(Edit::new("x", |s| s.name = "x".into()));
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
            d.apply(Edit::new("drag", move |s| s.states[1].governance = v).in_gesture("gov"));
        }
        d.end_gesture();
        d.apply(Edit::new("drag", |s| s.states[1].governance = 0.6).in_gesture("gov"));
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.5);
        assert!(d.undo());
        assert_eq!(d.scenario().states[1].governance, 0.2);
        assert!(!d.can_undo());
    }

    #[test]
    fn undo_to_the_saved_state_is_clean_and_a_new_edit_clears_redo() {
        let mut d = doc();
        d.apply(Edit::new("a", |s| s.name = "a".into()));
        d.mark_saved(PathBuf::from("x.ron"));
        assert!(!d.is_dirty());
        d.apply(Edit::new("b", |s| s.name = "b".into()));
        assert!(d.is_dirty());
        d.undo();
        assert!(!d.is_dirty(), "back at the saved state");
        d.undo();
        assert!(d.is_dirty());
        d.apply(Edit::new("c", |s| s.name = "c".into()));
        assert!(!d.can_redo());
    }
}
