//! Facilitation: stepping through the story (each step one undoable edit, stepping back applies
//! its inverse) and the round log of presenter mode (each entry the edits of one gesture, with the
//! team and its argument; an entry can be replayed, taken back or made a story step). This part
//! owns its state; the app hands it the document and the UI state it acts on.

use crate::analysis;
use crate::document::{Change, Document, Done};
use crate::model::{Edit, LogEntry, Scenario, StepUndo, StoryStep, StoryView, apply_step};
use crate::ui::{MainChart, UiState};

use super::notices::Notices;

/// The story position's undo records and the round-log entry being collected.
#[derive(Default)]
pub(super) struct Facilitation {
    /// What each applied story step replaced, to step back.
    story_undos: Vec<StepUndo>,
    /// The round-log entry being collected in presenter mode.
    log_pending: Option<PendingLog>,
    /// The scenario after the last story action: a recorded step holds the changes since.
    story_base: Option<Scenario>,
}

impl Facilitation {
    /// Applies a panel's change: one undoable edit, noted for the round log while presenting.
    pub(super) fn apply(
        &mut self,
        doc: &mut Document,
        presenter: bool,
        change: Change,
        notices: &mut Notices,
    ) {
        self.begin(doc, presenter);
        match doc.apply(change) {
            Ok(done) => self.note(done.as_ref()),
            Err(e) => notices.say(e.to_string()),
        }
    }

    /// Applies the next story step as one undoable edit, then shows its view and year.
    pub(super) fn story_next(
        &mut self,
        doc: &mut Document,
        ui: &mut UiState,
        notices: &mut Notices,
    ) {
        let pos = ui.story_pos;
        let Some(step) = doc.scenario().story.get(pos).cloned() else {
            return;
        };
        self.begin(doc, ui.presenter);
        let change = Change::new(Edit::Batch(step.changes.clone())).labelled(format!(
            "Story step {}: {}",
            pos + 1,
            step.title
        ));
        match doc.apply(change) {
            Ok(done) => {
                self.note(done.as_ref());
                let undo = done.map_or(Edit::Batch(Vec::new()), |d| d.inverse);
                self.story_undos.push(undo);
                ui.story_pos = pos + 1;
                self.story_base = Some(doc.scenario().clone());
                show_step_view(ui, &step, doc.scenario());
                self.finish(doc, ui);
            }
            Err(e) => {
                notices.say(format!("Story step “{}”: {e}", step.title));
                self.log_pending = None;
            }
        }
    }

    /// Appends a story step holding the changes made since the last story step (or since the file was
    /// opened), as applied: stepping back from it undoes them.
    pub(super) fn story_record(
        &mut self,
        doc: &mut Document,
        ui: &mut UiState,
        title: &str,
        notices: &mut Notices,
    ) {
        let base = self.story_base.clone().unwrap_or_else(|| doc.original());
        let current = doc.scenario().clone();
        let (mut step, unrecorded) = analysis::record_step(&base, &current, title);
        if step.changes.is_empty() {
            notices.say("Nothing to record: no input changed since the last step");
            return;
        }
        step.view = match ui.chart {
            MainChart::Map => StoryView::Map,
            _ => StoryView::Tilt,
        };
        step.year = ui.cursor_year;
        // The undo record comes from replaying the step on the state before it.
        let mut replay = base;
        replay.story = current.story.clone();
        let Ok(undo) = apply_step(&mut replay, &step) else {
            notices.say("The changes could not be recorded as a step");
            return;
        };
        let count = doc.scenario().story.len();
        let change = Change::new(Edit::AddStoryStep(step))
            .labelled(format!("Record story step {}: {title}", count + 1));
        if let Err(e) = doc.apply(change) {
            notices.say(format!("The step could not be recorded: {e}"));
            return;
        }
        self.story_undos.truncate(ui.story_pos);
        self.story_undos.push(undo);
        ui.story_pos = count + 1;
        self.story_base = Some(doc.scenario().clone());
        notices.say(if unrecorded.is_empty() {
            format!("Recorded step {}", count + 1)
        } else {
            format!(
                "Recorded step {}; not recordable as story changes: {}",
                count + 1,
                unrecorded.join(", ")
            )
        });
    }

    /// The open scenario with the applied story steps taken back, keeping edits made in between:
    /// what the story's claims are measured from. If a step cannot be taken back (its inputs were
    /// removed since), the scenario as it is.
    pub(super) fn story_start(&self, current: &Scenario) -> Scenario {
        let mut start = current.clone();
        for undo in self.story_undos.iter().rev() {
            if crate::model::undo_step(&mut start, undo).is_err() {
                return current.clone();
            }
        }
        start
    }

    /// Forgets story progress (a different document is open).
    pub(super) fn reset(&mut self, ui: &mut UiState) {
        ui.story_pos = 0;
        self.story_undos.clear();
        self.story_base = None;
    }

    /// Takes the last applied step back, keeping edits made to other inputs since.
    pub(super) fn story_back(
        &mut self,
        doc: &mut Document,
        ui: &mut UiState,
        notices: &mut Notices,
    ) {
        let Some(undo) = self.story_undos.pop() else {
            return;
        };
        let pos = ui.story_pos.saturating_sub(1);
        let title = doc
            .scenario()
            .story
            .get(pos)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        self.begin(doc, ui.presenter);
        let change = Change::new(undo.clone())
            .labelled(format!("Back from story step {}: {title}", pos + 1));
        match doc.apply(change) {
            Ok(done) => self.note(done.as_ref()),
            Err(e) => {
                self.story_undos.push(undo);
                notices.say(format!("Cannot step back: {e}"));
                self.log_pending = None;
                return;
            }
        }
        ui.story_pos = pos;
        self.story_base = Some(doc.scenario().clone());
        match pos
            .checked_sub(1)
            .and_then(|k| doc.scenario().story.get(k))
            .cloned()
        {
            Some(prev) => show_step_view(ui, &prev, doc.scenario()),
            None => ui.highlight.clear(),
        }
        self.finish(doc, ui);
    }

    /// Remembers the scenario before a change made in presenter mode.
    pub(super) fn begin(&mut self, doc: &Document, presenter: bool) {
        if presenter && self.log_pending.is_none() {
            self.log_pending = Some(PendingLog {
                before: doc.scenario().clone(),
                edits: Vec::new(),
                inverses: Vec::new(),
            });
        }
    }

    /// Adds an applied edit to the log entry being collected (a drag keeps only its last value).
    pub(super) fn note(&mut self, done: Option<&Done>) {
        let (Some(pending), Some(done)) = (&mut self.log_pending, done) else {
            return;
        };
        match pending.edits.last() {
            Some(last) if done.edit.supersedes(last) => {
                pending.edits.pop();
            }
            _ => pending.inverses.push(done.inverse.clone()),
        }
        pending.edits.push(done.edit.clone());
    }

    /// Replays, takes back, or turns into a story step the round-log entry `index`.
    pub(super) fn log_command(
        &mut self,
        doc: &mut Document,
        ui: &mut UiState,
        command: crate::ui::LogCommand,
        notices: &mut Notices,
    ) {
        use crate::ui::LogCommand;
        let (index, what) = match command {
            LogCommand::Replay(i) | LogCommand::TakeBack(i) | LogCommand::ToStory(i) => {
                (i, command)
            }
        };
        let Some(entry) = doc.log().get(index).cloned() else {
            return;
        };
        if entry.edits.is_empty() {
            notices.say(format!(
                "Round-log entry {} holds no edits (it was written before version 4)",
                index + 1
            ));
            return;
        }
        let change = match what {
            LogCommand::Replay(_) => Change::new(Edit::Batch(entry.edits.clone()))
                .labelled(format!("Replay round-log entry {}", index + 1)),
            LogCommand::TakeBack(_) => Change::new(Edit::Batch(entry.undo.clone()))
                .labelled(format!("Take back round-log entry {}", index + 1)),
            LogCommand::ToStory(_) => {
                let who = if entry.team.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", entry.team)
                };
                let step = StoryStep {
                    title: format!("{who}{}", entry.change),
                    narrative: entry.argument.clone(),
                    changes: entry.edits.clone(),
                    view: StoryView::Tilt,
                    year: None,
                };
                Change::new(Edit::AddStoryStep(step))
                    .labelled(format!("Round-log entry {} as a story step", index + 1))
            }
        };
        self.begin(doc, ui.presenter);
        match doc.apply(change) {
            Ok(done) => {
                self.note(done.as_ref());
                notices.say(match (what, done) {
                    (_, None) => "Nothing changed: the scenario already is that way".into(),
                    (LogCommand::Replay(_), _) => format!("Replayed round-log entry {}", index + 1),
                    (LogCommand::TakeBack(_), _) => {
                        format!("Took back round-log entry {}", index + 1)
                    }
                    (LogCommand::ToStory(_), _) => format!(
                        "Round-log entry {} is now story step {}",
                        index + 1,
                        doc.scenario().story.len()
                    ),
                });
            }
            Err(e) => {
                notices.say(format!("Round-log entry {}: {e}", index + 1));
                self.log_pending = None;
            }
        }
    }

    /// Logs the change since [`Facilitation::begin`] (one entry per gesture), with the team
    /// and the argument typed for it.
    pub(super) fn finish(&mut self, doc: &mut Document, ui: &mut UiState) {
        let Some(pending) = self.log_pending.take() else {
            return;
        };
        let diff = analysis::input_diff(&pending.before, doc.scenario());
        if diff.is_empty() {
            return;
        }
        let short = |text: &str| {
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(39).collect::<String>())
            } else {
                text.to_string()
            }
        };
        let change = match doc.undo_label() {
            // A story step changes many inputs; its title says what happened.
            Some(label)
                if label.starts_with("Story step") || label.starts_with("Back from story") =>
            {
                format!("{label} ({} inputs)", diff.len())
            }
            _ => {
                let mut parts: Vec<String> = diff
                    .iter()
                    .take(3)
                    .map(|d| {
                        format!(
                            "{} from {} to {}",
                            crate::model::naming::capitalised(&d.what),
                            short(&d.a),
                            short(&d.b)
                        )
                    })
                    .collect();
                if diff.len() > 3 {
                    parts.push(format!("and {} more", diff.len() - 3));
                }
                parts.join("; ")
            }
        };
        doc.append_log(LogEntry {
            time: now_utc(),
            team: ui.team.trim().to_string(),
            change,
            argument: std::mem::take(&mut ui.argument).trim().to_string(),
            edits: pending.edits,
            undo: pending.inverses.into_iter().rev().collect(),
        });
    }
}

/// Shows the view and year a story step asks for, on the results (not an analysis tab), with the
/// states it names highlighted.
fn show_step_view(ui: &mut UiState, step: &StoryStep, s: &Scenario) {
    let (view, year) = (step.view, step.year);
    ui.analysis.tab = crate::ui::analysis::AnalysisTab::Trajectories;
    ui.highlight = crate::model::states_named(&step.changes, s);
    ui.hero_bloc = view == StoryView::Bloc;
    match view {
        StoryView::Tilt => ui.chart = MainChart::Tilt,
        StoryView::Map => ui.chart = MainChart::Map,
        StoryView::Bloc => ui.show_bloc = true,
    }
    if let Some(y) = year {
        ui.cursor_year = Some(y);
        ui.playing = false;
    }
}

/// A round-log entry being collected: the scenario before it and the edits made since.
struct PendingLog {
    before: Scenario,
    edits: Vec<Edit>,
    inverses: Vec<Edit>,
}

use crate::figure::now_utc;
