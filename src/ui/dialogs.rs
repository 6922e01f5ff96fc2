//! Modal dialogs: unsaved changes (Save / Discard / Cancel), a file that failed to load (every problem
//! listed), a typed path where no file dialog exists, the recovery offer, errors, help and about.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::command::{Command, FileAction, OverwriteChoice, RecoveryChoice};

/// The answer to "save changes first?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptChoice {
    Save,
    Discard,
    Cancel,
}

/// The modal dialog currently shown, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// Unsaved changes would be lost by `action`.
    UnsavedChanges {
        action: FileAction,
        scenario_name: String,
    },
    /// A file could not be opened; the open scenario is untouched.
    LoadFailed {
        path: PathBuf,
        problems: Vec<String>,
        /// The file parsed and only its values are wrong: it can be opened for repair.
        repairable: bool,
    },
    /// A file is being read on a background thread (shown for large or slow files).
    Reading {
        name: String,
        /// Read to compare with (as A), not to open.
        comparing: bool,
        done: u64,
        total: u64,
    },
    /// The open work has errors, so a file of it could not be opened again.
    CannotSave {
        problems: Vec<String>,
    },
    /// Something went wrong (a save, an export); nothing was lost.
    Error {
        title: String,
        message: String,
    },
    /// Something worth knowing once, e.g. that an opened file was written for an older model.
    Notice {
        title: String,
        lines: Vec<String>,
    },
    /// No file dialog is available: type a path for `action`.
    TypePath {
        action: FileAction,
        draft: String,
        reason: String,
        /// Scenario files in the folder, to pick with one click (for opening).
        choices: Vec<PathBuf>,
    },
    /// A typed path names a file that exists: replace it?
    ConfirmReplace {
        path: PathBuf,
        /// A scenario save keeps the replaced file as `.bak`; an export does not.
        keeps_backup: bool,
    },
    /// The file being saved over changed on disk since it was opened (another window or program).
    ChangedOnDisk {
        path: PathBuf,
    },
    /// A recovery copy of unsaved work was found at start.
    Recovery {
        saved_at: String,
        original: Option<PathBuf>,
        /// Errors of the draft (it opens for repair), 0 for a valid one.
        problems: usize,
    },
    About,
}

/// Shows the modal; returns what the user chose.
pub fn modal_ui(ctx: &egui::Context, modal: &mut Modal) -> Vec<Command> {
    let mut out = Vec::new();
    let response = egui::Modal::new(egui::Id::unique("app_modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match modal {
            Modal::UnsavedChanges { action, scenario_name } => {
                ui.heading("Unsaved changes");
                let what = match action {
                    FileAction::New => "starting a new scenario",
                    FileAction::Quit => "quitting",
                    _ => "opening another scenario",
                };
                ui.label(format!("“{scenario_name}” has changes that are not saved. Save them before {what}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        out.push(Command::Prompt(PromptChoice::Save));
                    }
                    if ui.button("Discard").on_hover_text("Lose the unsaved changes").clicked() {
                        out.push(Command::Prompt(PromptChoice::Discard));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::Prompt(PromptChoice::Cancel));
                    }
                });
            }
            Modal::LoadFailed { path, problems, repairable } => {
                ui.heading("The file could not be opened");
                ui.label(format!("{}\nThe open scenario is unchanged.", path.display()));
                ui.add_space(4.0);
                problem_list_ui(ui, problems, 320.0);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() {
                        out.push(Command::CloseModal);
                    }
                    if *repairable
                        && ui
                            .button("Open for repair")
                            .on_hover_text(
                                "Open the file as written, with its problems listed, to fix them here; it runs and saves once they are fixed",
                            )
                            .clicked()
                    {
                        out.push(Command::OpenForRepair);
                    }
                });
            }
            Modal::Reading { name, comparing, done, total } => {
                ui.heading(if *comparing { format!("Reading {name} to compare") } else { format!("Opening {name}") });
                let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
                let text = if done < total {
                    format!("Read {:.1} of {:.1} MB", mb(*done), mb(*total))
                } else {
                    "Checking the scenario…".to_string()
                };
                ui.add(egui::ProgressBar::new(*done as f32 / (*total).max(1) as f32).desired_width(360.0).text(text));
                ui.label(RichText::new("The open scenario stays until the file is read and checked.").weak());
                if ui.button("Cancel").on_hover_text("Stop reading; keep the open scenario").clicked() {
                    out.push(Command::CancelRead);
                }
            }
            Modal::CannotSave { problems } => {
                ui.heading("The scenario cannot be saved yet");
                ui.label(format!(
                    "It has {} problem(s), so a file of it could not be opened again. Fix them, or save a draft copy to another file: a draft opens again with File > Open… and “Open for repair”.",
                    problems.len()
                ));
                problem_list_ui(ui, problems, 240.0);
                ui.horizontal(|ui| {
                    if ui.button("Show the problems").on_hover_text("Close this and list the problems in the Scenario panel").clicked() {
                        out.push(Command::ShowProblems);
                    }
                    if ui.button("Save a draft copy…").on_hover_text("Write the work as it is to another file; the scenario's own file is not touched").clicked() {
                        out.push(Command::File(FileAction::SaveDraftCopy));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::CloseModal);
                    }
                });
            }
            Modal::Error { title, message } => {
                ui.heading(title.as_str());
                ui.label(message.as_str());
                if ui.button("OK").clicked() {
                    out.push(Command::CloseModal);
                }
            }
            Modal::Notice { title, lines } => {
                ui.heading(title.as_str());
                for line in lines.iter() {
                    ui.label(line.as_str());
                }
                if ui.button("OK").clicked() {
                    out.push(Command::CloseModal);
                }
            }
            Modal::TypePath { action, draft, reason, choices } => {
                let what = match action {
                    FileAction::Open | FileAction::OpenPath(_) => "Open scenario",
                    FileAction::ExportCsv | FileAction::ExportCsvTo(_) => "Export CSV to",
                    FileAction::ExportLog | FileAction::ExportLogTo(_) => "Export the round log to",
                    FileAction::CompareWith => "Compare with scenario file (as A)",
                    FileAction::SaveDraftCopy => "Save a draft copy to",
                    FileAction::Export(_) => "Export to",
                    _ => "Save scenario as",
                };
                ui.heading(what);
                ui.label(RichText::new(reason.as_str()).weak());
                let label = ui.label("Path");
                let r = ui.add(egui::TextEdit::singleline(draft).desired_width(480.0)).labelled_by(label.id);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if (ui.button("OK").clicked() || enter) && !draft.trim().is_empty() {
                        out.push(Command::TypedPath(PathBuf::from(draft.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::CloseModal);
                    }
                });
                if !choices.is_empty() {
                    ui.add_space(6.0);
                    let folder = choices[0].parent().map_or(String::new(), |d| d.display().to_string());
                    ui.label(RichText::new(format!("Scenario files in {folder}")).strong());
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                        for path in choices.iter() {
                            let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                            if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                                out.push(Command::TypedPath(path.clone()));
                            }
                        }
                    });
                }
            }
            Modal::ConfirmReplace { path, keeps_backup } => {
                ui.heading("Replace the file?");
                let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                ui.label(if *keeps_backup {
                    format!("{} already exists. Replacing it keeps the current version as {name}.bak.", path.display())
                } else {
                    format!("{} already exists. Replacing it loses the current file.", path.display())
                });
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        out.push(Command::ConfirmReplace(true));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::ConfirmReplace(false));
                    }
                });
            }
            Modal::ChangedOnDisk { path } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another window or program since it was opened here. Saving over it replaces those changes (the version on disk is kept as .bak).",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save over it").clicked() {
                        out.push(Command::ChangedOnDisk(OverwriteChoice::Overwrite));
                    }
                    if ui.button("Save as…").on_hover_text("Keep both: save this version to another file").clicked() {
                        out.push(Command::ChangedOnDisk(OverwriteChoice::SaveAs));
                    }
                    if ui.button("Cancel").clicked() {
                        out.push(Command::ChangedOnDisk(OverwriteChoice::Cancel));
                    }
                });
            }
            Modal::Recovery { saved_at, original, problems } => {
                ui.heading("Recover unsaved work?");
                let from = original.as_ref().map_or("a new scenario".to_string(), |p| p.display().to_string());
                ui.label(format!(
                    "A window did not close normally. A recovery copy of unsaved changes to {from} was written {saved_at}."
                ));
                if *problems > 0 {
                    ui.label(format!(
                        "The copy has {problems} problem(s): it opens for repair, and the status bar lists them."
                    ));
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").on_hover_text("Open the copy; it stays until you save or discard the work").clicked() {
                        out.push(Command::Recovery(RecoveryChoice::Restore));
                    }
                    if ui.button("Later").on_hover_text("Keep the copy and ask again at the next start").clicked() {
                        out.push(Command::Recovery(RecoveryChoice::Later));
                    }
                    if ui.button("Discard").on_hover_text("Delete the copy").clicked() {
                        out.push(Command::Recovery(RecoveryChoice::Discard));
                    }
                });
            }
            Modal::About => {
                ui.heading("ASEAN Digital Futures");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label(
                    "Scenario planning of ASEAN digital integration under great-power competition: under which mix of \
                     leverage and ASEAN policy do member states drift into one power's technology stack, hedge, or \
                     build regional autonomy — and does the bloc split?",
                );
                ui.label(RichText::new("Map outlines: Natural Earth (public domain). Some model constants are fitted to the 2015–2025 record, the rest are judgments (Help, Model & sources).").small());
                if ui.button("Close").clicked() {
                    out.push(Command::CloseModal);
                }
            }
        }
    });
    if response.should_close() && out.is_empty() {
        // Escape or a click outside: the safe answer.
        out.push(match modal {
            Modal::UnsavedChanges { .. } => Command::Prompt(PromptChoice::Cancel),
            Modal::ChangedOnDisk { .. } => Command::ChangedOnDisk(OverwriteChoice::Cancel),
            // Escape keeps the copy: deciding later never loses work.
            Modal::Recovery { .. } => Command::Recovery(RecoveryChoice::Later),
            Modal::Reading { .. } => Command::CancelRead,
            Modal::ConfirmReplace { .. } => Command::ConfirmReplace(false),
            _ => Command::CloseModal,
        });
    }
    out
}

/// A file's or a scenario's problems, one per line, scrolling past `max_height`.
fn problem_list_ui(ui: &mut Ui, problems: &[String], max_height: f32) {
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .show(ui, |ui| {
            for p in problems {
                ui.label(RichText::new(format!("• {p}")).monospace());
            }
        });
}
