//! The menu bar: File, Edit, View, Analysis and Help, with the keyboard shortcut shown beside each entry.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::command::{Command, FileAction};
use super::sources_window::SourcesTab;
use super::state::UiState;
use super::theme::ThemeChoice;

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
pub const ZOOM_IN_EQ: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
pub const ZOOM_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

/// What the menus need to know about the app.
pub struct MenuCtx<'a> {
    pub undo_label: Option<&'a str>,
    pub redo_label: Option<&'a str>,
    pub recent: &'a [PathBuf],
    pub theme: ThemeChoice,
    pub text_scale: f32,
    /// Whether a comparison scenario A is pinned (enables "Unpin A").
    pub pinned: bool,
}

/// Reads the keyboard shortcuts (consuming them) and returns their commands.
pub fn shortcuts(ctx: &egui::Context, text_scale: f32) -> Vec<Command> {
    let mut out = Vec::new();
    ctx.input_mut(|i| {
        // Longer combinations first, so Ctrl+Shift+S is not read as Ctrl+S.
        if i.consume_shortcut(&SAVE_AS) {
            out.push(Command::File(FileAction::SaveAs));
        }
        if i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y) {
            out.push(Command::Redo);
        }
        if i.consume_shortcut(&SAVE) {
            out.push(Command::File(FileAction::Save));
        }
        if i.consume_shortcut(&UNDO) {
            out.push(Command::Undo);
        }
        if i.consume_shortcut(&NEW) {
            out.push(Command::File(FileAction::New));
        }
        if i.consume_shortcut(&OPEN) {
            out.push(Command::File(FileAction::Open));
        }
        if i.consume_shortcut(&QUIT) {
            out.push(Command::File(FileAction::Quit));
        }
        if i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_EQ) {
            out.push(Command::SetTextScale((text_scale + 0.1).min(2.5)));
        }
        if i.consume_shortcut(&ZOOM_OUT) {
            out.push(Command::SetTextScale((text_scale - 0.1).max(0.7)));
        }
        if i.consume_shortcut(&ZOOM_RESET) {
            out.push(Command::SetTextScale(1.0));
        }
        if i.consume_key(Modifiers::NONE, Key::F1) {
            out.push(Command::ShowModelSources(SourcesTab::Stages));
        }
    });
    out
}

pub fn menu_bar_ui(ui: &mut Ui, m: &MenuCtx<'_>, state: &mut UiState) -> Vec<Command> {
    let mut out = Vec::new();
    let sc = |s: &KeyboardShortcut| ui.ctx().format_shortcut(s);
    let (new, open, save, save_as, undo, redo, quit) = (
        sc(&NEW),
        sc(&OPEN),
        sc(&SAVE),
        sc(&SAVE_AS),
        sc(&UNDO),
        sc(&REDO),
        sc(&QUIT),
    );
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("New from baseline").shortcut_text(&new))
                .clicked()
            {
                out.push(Command::File(FileAction::New));
            }
            if ui
                .add(egui::Button::new("Open…").shortcut_text(&open))
                .clicked()
            {
                out.push(Command::File(FileAction::Open));
            }
            ui.menu_button("Open recent", |ui| {
                if m.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in m.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        out.push(Command::File(FileAction::OpenPath(path.clone())));
                    }
                }
                if !m.recent.is_empty() && ui.button("Clear list").clicked() {
                    out.push(Command::ClearRecent);
                }
            });
            ui.separator();
            if ui
                .add(egui::Button::new("Save").shortcut_text(&save))
                .clicked()
            {
                out.push(Command::File(FileAction::Save));
            }
            if ui
                .add(egui::Button::new("Save as…").shortcut_text(&save_as))
                .clicked()
            {
                out.push(Command::File(FileAction::SaveAs));
            }
            if ui
                .button("Export CSV…")
                .on_hover_text("The run in long form, and the bloc indices beside it")
                .clicked()
            {
                out.push(Command::File(FileAction::ExportCsv));
            }
            if ui
                .button("Export round log…")
                .on_hover_text("The changes logged in presenter mode, as Markdown")
                .clicked()
            {
                out.push(Command::File(FileAction::ExportLog));
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Quit").shortcut_text(&quit))
                .clicked()
            {
                out.push(Command::File(FileAction::Quit));
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo_text = m
                .undo_label
                .map_or("Undo".to_string(), |l| format!("Undo {l}"));
            if ui
                .add_enabled(
                    m.undo_label.is_some(),
                    egui::Button::new(undo_text).shortcut_text(&undo),
                )
                .clicked()
            {
                out.push(Command::Undo);
            }
            let redo_text = m
                .redo_label
                .map_or("Redo".to_string(), |l| format!("Redo {l}"));
            if ui
                .add_enabled(
                    m.redo_label.is_some(),
                    egui::Button::new(redo_text).shortcut_text(&redo),
                )
                .clicked()
            {
                out.push(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            ui.label("Theme");
            for t in ThemeChoice::ALL {
                if ui.radio(m.theme == t, t.label()).clicked() {
                    out.push(Command::SetTheme(t));
                }
            }
            ui.separator();
            ui.label(format!("Text size {:.0} %", m.text_scale * 100.0));
            ui.horizontal(|ui| {
                if ui.button("Larger").clicked() {
                    out.push(Command::SetTextScale((m.text_scale + 0.1).min(2.5)));
                }
                if ui.button("Smaller").clicked() {
                    out.push(Command::SetTextScale((m.text_scale - 0.1).max(0.7)));
                }
                if ui.button("Reset").clicked() {
                    out.push(Command::SetTextScale(1.0));
                }
            });
            ui.separator();
            ui.checkbox(&mut state.show_navigator, "Navigator");
            ui.checkbox(&mut state.show_editor, "Editor");
            ui.checkbox(&mut state.show_bloc, "Bloc indices chart");
            ui.checkbox(&mut state.show_table, "Table at the cursor year");
            ui.separator();
            if ui
                .add(egui::Button::new("Presenter mode").shortcut_text("F11"))
                .clicked()
            {
                out.push(Command::TogglePresenter);
            }
        });
        ui.menu_button("Model", |ui| {
            if ui
                .button("Calibrate…")
                .on_hover_text("Rest-point anchors and the constants fitted against a backcast")
                .clicked()
            {
                out.push(Command::Calibrate(
                    super::calibrate_window::CalibrateCommand::Open,
                ));
            }
            if ui
                .button("How the model works")
                .on_hover_text("Help → Model & sources: each stage in plain words")
                .clicked()
            {
                out.push(Command::ShowModelSources(SourcesTab::Stages));
            }
            if ui
                .button("Constants and their sources")
                .on_hover_text("Every constant with its default, plausible range, grade and basis")
                .clicked()
            {
                out.push(Command::ShowModelSources(SourcesTab::Constants));
            }
        });
        ui.menu_button("Analysis", |ui| {
            super::analysis::analysis_menu_ui(ui, m.pinned, state, &mut out);
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Model & sources").shortcut_text("F1"))
                .on_hover_text("What each stage of the model does, every constant, and where every number comes from")
                .clicked()
            {
                out.push(Command::ShowModelSources(SourcesTab::Stages));
            }
            if ui.button("About").clicked() {
                out.push(Command::ShowAbout);
            }
        });
    });
    out
}
