//! Presenting: presenter mode (full screen, large high-contrast text, live levers), timeline
//! playback and the keys that drive them (F11, Esc, Space, arrows, PageUp/PageDown). The story and
//! the round log are the facilitation part's (`facilitation.rs`).

use egui::{Key, Modifiers};

use crate::ui::Command;

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
                if let Some(run) = self.current.run() {
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
        self.notices.say(if self.ui.presenter {
            "Presenter mode"
        } else {
            "Left presenter mode"
        });
    }

    pub(super) fn toggle_play(&mut self) {
        if let Some(run) = self.current.run() {
            let last = run.times[run.len() - 1];
            if !self.ui.playing && self.ui.cursor_year.is_none_or(|y| y >= last) {
                // Playing from the end starts again at the beginning.
                self.ui.cursor_year = Some(run.times[0]);
            }
            if self.ui.playing {
                // Paused between two steps, the cursor rests on the nearer one: every title and
                // sentence then names a year the run has, never 2032.6000000000017.
                self.ui.cursor_year = self.ui.cursor_year.map(|y| nearest_time(&run.times, y));
            }
            self.ui.playing = !self.ui.playing;
        }
    }
}

/// The time of `times` nearest to `y`.
fn nearest_time(times: &[f64], y: f64) -> f64 {
    times
        .iter()
        .copied()
        .min_by(|a, b| (a - y).abs().total_cmp(&(b - y).abs()))
        .unwrap_or(y)
}
