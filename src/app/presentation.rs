//! Facilitation in the app: stepping through the story (each step one undoable edit), presenter mode
//! (full screen, large high-contrast text, live levers), timeline playback, the keyboard (F11, Esc,
//! Space, arrows, PageUp/PageDown) and the round log of changes made while presenting.

use egui::{Key, Modifiers};

use crate::document::{Change, Done};
use crate::model::{Edit, LogEntry, StoryStep, StoryView};
use crate::sim::{self, apply_step};
use crate::ui::{Command, MainChart};

use super::AseanApp;

impl AseanApp {
    /// Keys that drive presenting and the timeline; they act only when no text field or slider has
    /// the keyboard, so typing and arrow-key editing keep working.
    pub(super) fn navigation_keys(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let free = ctx.memory(|m| m.focused().is_none());
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::F11) {
                out.push(Command::TogglePresenter);
            }
            if self.ui.presenter && i.consume_key(Modifiers::NONE, Key::Escape) {
                out.push(Command::TogglePresenter);
            }
            if i.consume_key(Modifiers::NONE, Key::PageDown) {
                out.push(Command::StoryNext);
            }
            if i.consume_key(Modifiers::NONE, Key::PageUp) {
                out.push(Command::StoryBack);
            }
            if free {
                if i.consume_key(Modifiers::NONE, Key::Space) {
                    out.push(Command::TogglePlay);
                }
                let right = i.consume_key(Modifiers::NONE, Key::ArrowRight);
                let left = i.consume_key(Modifiers::NONE, Key::ArrowLeft);
                if let Some(run) = &self.run {
                    if right {
                        crate::ui::timeline::step_year(&mut self.ui, run, 1.0);
                    }
                    if left {
                        crate::ui::timeline::step_year(&mut self.ui, run, -1.0);
                    }
                }
            }
        });
        out
    }

    pub(super) fn toggle_presenter(&mut self, ctx: &egui::Context) {
        self.ui.presenter = !self.ui.presenter;
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.ui.presenter));
        self.message = Some(if self.ui.presenter {
            "Presenter mode".into()
        } else {
            "Left presenter mode".into()
        });
    }

    pub(super) fn toggle_play(&mut self) {
        if let Some(run) = &self.run {
            let last = run.times[run.len() - 1];
            if !self.ui.playing && self.ui.cursor_year.is_none_or(|y| y >= last) {
                // Playing from the end starts again at the beginning.
                self.ui.cursor_year = Some(run.times[0]);
            }
            self.ui.playing = !self.ui.playing;
        }
    }

    /// Applies the next story step as one undoable edit, then shows its view and year.
    pub(super) fn story_next(&mut self) {
        let pos = self.ui.story_pos;
        let Some(step) = self.doc.scenario().story.get(pos).cloned() else {
            return;
        };
        self.start_log_entry();
        let change = Change::new(Edit::Batch(step.changes.clone())).labelled(format!(
            "Story step {}: {}",
            pos + 1,
            step.title
        ));
        match self.doc.apply(change) {
            Ok(done) => {
                self.note_logged(done.as_ref());
                let undo = done.map_or(Edit::Batch(Vec::new()), |d| d.inverse);
                self.story_undos.push(undo);
                self.ui.story_pos = pos + 1;
                self.story_base = Some(self.doc.scenario().clone());
                self.show_step_view(step.view, step.year);
                self.finish_log_entry();
            }
            Err(e) => {
                self.message = Some(format!("Story step “{}”: {e}", step.title));
                self.log_pending = None;
            }
        }
    }

    /// Appends a story step holding the changes made since the last story step (or since the file was
    /// opened), as applied: stepping back from it undoes them.
    pub(super) fn story_record(&mut self, title: &str) {
        let base = self
            .story_base
            .clone()
            .unwrap_or_else(|| self.doc.original());
        let current = self.doc.scenario().clone();
        let (mut step, unrecorded) = sim::record_step(&base, &current, title);
        if step.changes.is_empty() {
            self.message = Some("Nothing to record: no input changed since the last step".into());
            return;
        }
        step.view = match self.ui.chart {
            MainChart::Map => StoryView::Map,
            _ => StoryView::Tilt,
        };
        step.year = self.ui.cursor_year;
        // The undo record comes from replaying the step on the state before it.
        let mut replay = base;
        replay.story = current.story.clone();
        let Ok(undo) = apply_step(&mut replay, &step) else {
            self.message = Some("The changes could not be recorded as a step".into());
            return;
        };
        let count = self.doc.scenario().story.len();
        let change = Change::new(Edit::AddStoryStep(step))
            .labelled(format!("Record story step {}: {title}", count + 1));
        if let Err(e) = self.doc.apply(change) {
            self.message = Some(format!("The step could not be recorded: {e}"));
            return;
        }
        self.story_undos.truncate(self.ui.story_pos);
        self.story_undos.push(undo);
        self.ui.story_pos = count + 1;
        self.story_base = Some(self.doc.scenario().clone());
        self.message = Some(if unrecorded.is_empty() {
            format!("Recorded step {}", count + 1)
        } else {
            format!(
                "Recorded step {}; not recordable as story changes: {}",
                count + 1,
                unrecorded.join(", ")
            )
        });
    }

    /// Forgets story progress (a different document is open).
    pub(super) fn reset_story(&mut self) {
        self.ui.story_pos = 0;
        self.story_undos.clear();
        self.story_base = None;
    }

    /// Takes the last applied step back, keeping edits made to other inputs since.
    pub(super) fn story_back(&mut self) {
        let Some(undo) = self.story_undos.pop() else {
            return;
        };
        let pos = self.ui.story_pos.saturating_sub(1);
        let title = self
            .doc
            .scenario()
            .story
            .get(pos)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        self.start_log_entry();
        let change = Change::new(undo.clone())
            .labelled(format!("Back from story step {}: {title}", pos + 1));
        match self.doc.apply(change) {
            Ok(done) => self.note_logged(done.as_ref()),
            Err(e) => {
                self.story_undos.push(undo);
                self.message = Some(format!("Cannot step back: {e}"));
                self.log_pending = None;
                return;
            }
        }
        self.ui.story_pos = pos;
        self.story_base = Some(self.doc.scenario().clone());
        if let Some(prev) = pos
            .checked_sub(1)
            .and_then(|k| self.doc.scenario().story.get(k))
            .cloned()
        {
            self.show_step_view(prev.view, prev.year);
        }
        self.finish_log_entry();
    }

    fn show_step_view(&mut self, view: StoryView, year: Option<f64>) {
        match view {
            StoryView::Tilt => self.ui.chart = MainChart::Tilt,
            StoryView::Map => self.ui.chart = MainChart::Map,
            StoryView::Bloc => self.ui.show_bloc = true,
        }
        if let Some(y) = year {
            self.ui.cursor_year = Some(y);
            self.ui.playing = false;
        }
    }

    /// Remembers the scenario before a change made in presenter mode.
    pub(super) fn start_log_entry(&mut self) {
        if self.ui.presenter && self.log_pending.is_none() {
            self.log_pending = Some(PendingLog {
                before: self.doc.scenario().clone(),
                edits: Vec::new(),
                inverses: Vec::new(),
            });
        }
    }

    /// Adds an applied edit to the log entry being collected (a drag keeps only its last value).
    pub(super) fn note_logged(&mut self, done: Option<&Done>) {
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
    pub(super) fn log_command(&mut self, command: crate::ui::LogCommand) {
        use crate::ui::LogCommand;
        let (index, what) = match command {
            LogCommand::Replay(i) | LogCommand::TakeBack(i) | LogCommand::ToStory(i) => {
                (i, command)
            }
        };
        let Some(entry) = self.doc.log().get(index).cloned() else {
            return;
        };
        if entry.edits.is_empty() {
            self.message = Some(format!(
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
        self.start_log_entry();
        match self.doc.apply(change) {
            Ok(done) => {
                self.note_logged(done.as_ref());
                self.message = Some(match (what, done) {
                    (_, None) => "Nothing changed: the scenario already is that way".into(),
                    (LogCommand::Replay(_), _) => format!("Replayed round-log entry {}", index + 1),
                    (LogCommand::TakeBack(_), _) => {
                        format!("Took back round-log entry {}", index + 1)
                    }
                    (LogCommand::ToStory(_), _) => format!(
                        "Round-log entry {} is now story step {}",
                        index + 1,
                        self.doc.scenario().story.len()
                    ),
                });
            }
            Err(e) => {
                self.message = Some(format!("Round-log entry {}: {e}", index + 1));
                self.log_pending = None;
            }
        }
    }

    /// Logs the change since [`AseanApp::start_log_entry`] (one entry per gesture), with the team
    /// and the argument typed for it.
    pub(super) fn finish_log_entry(&mut self) {
        let Some(pending) = self.log_pending.take() else {
            return;
        };
        let diff = sim::input_diff(&pending.before, self.doc.scenario());
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
        let change = match self.doc.undo_label() {
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
                    .map(|d| format!("{} from {} to {}", d.path, short(&d.a), short(&d.b)))
                    .collect();
                if diff.len() > 3 {
                    parts.push(format!("and {} more", diff.len() - 3));
                }
                parts.join("; ")
            }
        };
        self.doc.append_log(LogEntry {
            time: now_utc(),
            team: self.ui.team.trim().to_string(),
            change,
            argument: std::mem::take(&mut self.ui.argument).trim().to_string(),
            edits: pending.edits,
            undo: pending.inverses.into_iter().rev().collect(),
        });
    }
}

/// A round-log entry being collected: the scenario before it and the edits made since.
pub(super) struct PendingLog {
    before: crate::model::Scenario,
    edits: Vec<Edit>,
    inverses: Vec<Edit>,
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) from the system clock.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    format!("{} {h:02}:{m:02}:{s:02}", super::files::today_iso())
}
