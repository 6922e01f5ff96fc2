//! File handling of the app: new, open, save (on a background thread), save as, CSV export, quit,
//! with the unsaved-changes prompt, file dialogs or a typed path, and errors shown without touching
//! the open scenario or the files on disk.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::document::Document;
use crate::io;
use crate::ui::{FileAction, Modal, PromptChoice};

use super::export::{export_extension, export_purpose};
use super::file_dialogs::{DialogOutcome, DialogPurpose};
use super::{AseanApp, SaveJob};

impl AseanApp {
    /// Carries out a file action; `confirmed` skips the unsaved-changes prompt.
    pub(super) fn file_action(&mut self, ctx: &egui::Context, action: FileAction, confirmed: bool) {
        let must_ask = !confirmed && !self.doc.is_pristine();
        match action {
            FileAction::New | FileAction::Open | FileAction::OpenPath(_) | FileAction::Quit
                if must_ask =>
            {
                self.ask_unsaved(action);
            }
            FileAction::New => {
                self.doc = Document::new(self.baseline.clone(), None);
                self.facilitation.reset(&mut self.ui);
                self.recovery.clear();
                self.ui.clamp_to(
                    self.doc.scenario().states.len(),
                    self.doc.scenario().powers.len(),
                );
                self.message = Some("New scenario from the baseline".into());
            }
            FileAction::Open => self.request_path(ctx, DialogPurpose::Open, FileAction::Open, None),
            FileAction::OpenPath(path) => self.open_path(&path),
            FileAction::Save => match self.doc.path().map(Path::to_path_buf) {
                Some(path) => self.start_save(ctx, path, None),
                None => self.request_path(ctx, DialogPurpose::SaveAs, FileAction::SaveAs, None),
            },
            FileAction::SaveAs => {
                self.request_path(ctx, DialogPurpose::SaveAs, FileAction::SaveAs, None)
            }
            FileAction::SaveTo(path) => self.start_save(ctx, path, None),
            FileAction::ExportCsv => {
                self.request_path(ctx, DialogPurpose::ExportCsv, FileAction::ExportCsv, None)
            }
            FileAction::ExportCsvTo(path) => self.export_csv(&path),
            FileAction::ExportLog => {
                self.request_path(ctx, DialogPurpose::ExportLog, FileAction::ExportLog, None)
            }
            FileAction::ExportLogTo(path) => self.export_log(&path),
            FileAction::CompareWith => {
                self.request_path(ctx, DialogPurpose::Open, FileAction::CompareWith, None)
            }
            FileAction::Export(what) => {
                self.request_path(ctx, export_purpose(what), FileAction::Export(what), None)
            }
            FileAction::Quit => {
                self.recovery.clear();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn answer_prompt(&mut self, ctx: &egui::Context, choice: PromptChoice) {
        self.modal = None;
        let Some(action) = self.pending.take() else {
            return;
        };
        match choice {
            PromptChoice::Cancel => {}
            PromptChoice::Discard => {
                self.recovery.clear();
                self.file_action(ctx, action, true);
            }
            PromptChoice::Save => match self.doc.path().map(Path::to_path_buf) {
                Some(path) => self.start_save(ctx, path, Some(action)),
                None => {
                    self.request_path(ctx, DialogPurpose::SaveAs, FileAction::SaveAs, Some(action))
                }
            },
        }
    }

    /// Asks for a path: a native dialog when there is one, else a path field.
    fn request_path(
        &mut self,
        ctx: &egui::Context,
        purpose: DialogPurpose,
        action: FileAction,
        then: Option<FileAction>,
    ) {
        self.awaiting_path = Some((action.clone(), then));
        let suggested = self.suggested_path(purpose, &action);
        match self.dialogs.request(purpose, Some(suggested.clone())) {
            None => {}
            Some(DialogOutcome::Unavailable(reason)) => {
                self.modal = Some(Modal::TypePath {
                    action,
                    draft: suggested.display().to_string(),
                    reason,
                });
            }
            Some(DialogOutcome::Cancelled) => self.awaiting_path = None,
            Some(DialogOutcome::Picked(path)) => {
                if let Some((action, then)) = self.awaiting_path.take() {
                    self.path_chosen(ctx, &action, path, then);
                }
            }
        }
    }

    fn suggested_path(&self, purpose: DialogPurpose, action: &FileAction) -> PathBuf {
        let dir = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| {
                std::env::current_dir()
                    .ok()
                    .map(|d| d.join("saved_scenarios"))
                    .filter(|d| d.is_dir())
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let stem: String = self
            .doc
            .scenario()
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let stem = if stem.trim_matches('_').is_empty() {
            "scenario".to_string()
        } else {
            stem
        };
        match purpose {
            DialogPurpose::Open => dir,
            DialogPurpose::SaveAs => self
                .doc
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.join(format!("{stem}.ron"))),
            DialogPurpose::ExportCsv | DialogPurpose::ExportPng | DialogPurpose::ExportBriefing => {
                match action {
                    FileAction::Export(what) => dir.join(format!(
                        "{stem}_{}.{}",
                        self.export_tag(*what),
                        export_extension(*what)
                    )),
                    _ => dir.join(format!("{stem}.csv")),
                }
            }
            DialogPurpose::ExportLog => dir.join(format!("{stem}_round_log.md")),
        }
    }

    pub(super) fn path_chosen(
        &mut self,
        ctx: &egui::Context,
        action: &FileAction,
        path: PathBuf,
        then: Option<FileAction>,
    ) {
        match action {
            FileAction::Open | FileAction::OpenPath(_) => self.open_path(&path),
            FileAction::SaveAs | FileAction::SaveTo(_) | FileAction::Save => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.start_save(ctx, path, then);
            }
            FileAction::ExportCsv | FileAction::ExportCsvTo(_) => {
                let path = if path.extension().is_none() {
                    path.with_extension("csv")
                } else {
                    path
                };
                self.export_csv(&path);
            }
            FileAction::ExportLog | FileAction::ExportLogTo(_) => {
                let path = if path.extension().is_none() {
                    path.with_extension("md")
                } else {
                    path
                };
                self.export_log(&path);
            }
            FileAction::CompareWith => self.compare_with_path(&path),
            FileAction::Export(what) => self.start_export(ctx, *what, path),
            FileAction::New | FileAction::Quit => {}
        }
    }

    /// Polls dialogs and the save thread.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some((_, outcome)) = self.dialogs.poll() {
            match outcome {
                DialogOutcome::Picked(path) => {
                    if let Some((action, then)) = self.awaiting_path.take() {
                        self.path_chosen(ctx, &action, path, then);
                    }
                }
                DialogOutcome::Cancelled => self.awaiting_path = None,
                DialogOutcome::Unavailable(reason) => {
                    if let Some((action, _)) = &self.awaiting_path {
                        let purpose = match action {
                            FileAction::Open | FileAction::CompareWith => DialogPurpose::Open,
                            FileAction::ExportCsv => DialogPurpose::ExportCsv,
                            FileAction::ExportLog => DialogPurpose::ExportLog,
                            FileAction::Export(what) => export_purpose(*what),
                            _ => DialogPurpose::SaveAs,
                        };
                        let draft = self.suggested_path(purpose, action).display().to_string();
                        self.modal = Some(Modal::TypePath {
                            action: action.clone(),
                            draft,
                            reason,
                        });
                    }
                }
            }
        }
        let finished = self.saving.as_ref().and_then(|job| job.rx.try_recv().ok());
        if let Some(result) = finished
            && let Some(job) = self.saving.take()
        {
            match result {
                Ok(()) => {
                    self.doc
                        .mark_saved_with_log(job.path.clone(), job.state, job.log_len);
                    self.prefs.remember(&job.path);
                    if self.doc.is_pristine() {
                        self.recovery.clear();
                    }
                    self.message = Some(format!("Saved {}", job.path.display()));
                    if let Some(then) = job.then {
                        self.file_action(ctx, then, true);
                    }
                }
                Err(e) => {
                    self.modal = Some(Modal::Error {
                        title: "The scenario was not saved".into(),
                        message: format!(
                            "{e}\n\nThe file on disk is unchanged and your work is still open."
                        ),
                    });
                }
            }
        }
    }

    /// Writes the scenario on a background thread; the document is marked saved when it finishes.
    fn start_save(&mut self, ctx: &egui::Context, path: PathBuf, then: Option<FileAction>) {
        if self.saving.is_some() {
            self.message = Some("A save is still running".into());
            return;
        }
        let mut scenario = self.doc.scenario_for_save();
        let today = today_iso();
        if scenario.created.is_empty() {
            scenario.created = today.clone();
        }
        scenario.modified = today;
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("save-scenario".into())
            .spawn(move || {
                let result = io::save_scenario(&target, &scenario);
                let _ = tx.send(result);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.saving = Some(SaveJob {
                    path,
                    state: self.doc.state_id(),
                    log_len: self.doc.log().len(),
                    rx,
                    then,
                })
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "The scenario was not saved".into(),
                    message: e.to_string(),
                });
            }
        }
    }

    fn open_path(&mut self, path: &Path) {
        match io::load_scenario_noted(path) {
            Ok(io::Loaded { scenario, notices }) => {
                self.modal = opened_notice(path, &notices);
                self.doc = Document::new(scenario, Some(path.to_path_buf()));
                self.facilitation.reset(&mut self.ui);
                self.prefs.remember(path);
                self.recovery.clear();
                self.ui.clamp_to(
                    self.doc.scenario().states.len(),
                    self.doc.scenario().powers.len(),
                );
                self.ui.cursor_year = None;
                self.message = Some(format!("Opened {}", path.display()));
            }
            Err(e) => {
                self.modal = Some(Modal::LoadFailed {
                    path: path.to_path_buf(),
                    problems: e.lines(),
                });
            }
        }
    }

    fn export_csv(&mut self, path: &Path) {
        let Some(run) = &self.run else {
            self.modal = Some(Modal::Error {
                title: "Nothing to export".into(),
                message: "The scenario has problems, so there is no run to export. Fix them first."
                    .into(),
            });
            return;
        };
        let bloc = io::sibling_path(path, "bloc");
        let result = io::write_run_csv(path, self.doc.scenario(), run)
            .and_then(|()| io::write_bloc_csv(&bloc, run));
        match result {
            Ok(()) => {
                self.message = Some(format!(
                    "Exported {} and {}",
                    path.display(),
                    bloc.display()
                ))
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "The CSV was not written".into(),
                    message: e.to_string(),
                })
            }
        }
    }
}

impl AseanApp {
    fn export_log(&mut self, path: &Path) {
        match io::write_round_log(path, self.doc.scenario(), self.doc.log()) {
            Ok(()) => self.message = Some(format!("Exported the round log to {}", path.display())),
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "The round log was not written".into(),
                    message: e.to_string(),
                })
            }
        }
    }
}

/// Today's date as `YYYY-MM-DD` (UTC), from the system clock.
pub(super) fn today_iso() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil-from-days (H. Hinnant), proleptic Gregorian.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The dialog that tells, once, what a person should know about a file that opened (`None` when
/// there is nothing to tell).
pub(super) fn opened_notice(path: &Path, notices: &[io::LoadNotice]) -> Option<Modal> {
    if notices.is_empty() {
        return None;
    }
    Some(Modal::Notice {
        title: "Opened a file written for an older model".into(),
        lines: std::iter::once(format!("{}:", path.display()))
            .chain(notices.iter().map(ToString::to_string))
            .collect(),
    })
}
