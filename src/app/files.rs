//! Files and recovery: new, open, save (on a background thread), save as, CSV and round-log export,
//! quit, with the unsaved-changes prompt, file dialogs or a typed path, the recovery copy of unsaved
//! work, and errors shown without touching the open scenario or the files on disk. This part owns
//! its state; the app lends it the document and what it reports through ([`Desk`]), and it hands
//! back what other parts must do ([`FileEffect`]).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::SystemTime;

use crate::document::Document;
use crate::engine::Run;
use crate::io;
use crate::model::Scenario;
use crate::ui::analysis::ExportWhat;
use crate::ui::{FileAction, Modal, OverwriteChoice, PromptChoice, RecoveryChoice, UiState};

use super::Prefs;
use super::export::{export_extension, export_purpose, export_tag};
use super::file_dialogs::{DialogOutcome, DialogPurpose, FileDialogs};
use super::jobs::{Job, JobError};
use super::notices::Notices;
use super::recovery::Recovery;

/// Files at least this large show their reading progress (and Cancel) at once; smaller ones only
/// when reading takes longer than [`SLOW_READ_S`] (a slow network folder).
const SHOW_PROGRESS_BYTES: u64 = 1024 * 1024;
const SLOW_READ_S: f64 = 0.3;

/// Why a file is being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadPurpose {
    Open,
    Compare,
}

/// A file being read, migrated and validated on its background thread.
struct ReadJob {
    path: PathBuf,
    purpose: ReadPurpose,
    job: Job<io::Opened>,
    started: std::time::Instant,
    /// The document when the read started: edits made meanwhile are never replaced by the file.
    document: (u64, u64),
}

/// A save running on its background thread.
struct SaveJob {
    path: PathBuf,
    state: u64,
    log_len: usize,
    rx: Receiver<Result<(), io::SaveError>>,
    /// What to do once saved (the action that asked to save first).
    then: Option<FileAction>,
}

impl ReadJob {
    fn progress_modal(&self) -> Modal {
        let (done, total) = self.job.counts();
        Modal::Reading {
            name: self.path.file_name().map_or_else(
                || self.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            comparing: self.purpose == ReadPurpose::Compare,
            done: done as u64,
            total: total as u64,
        }
    }
}

/// The file part's own state.
pub(super) struct Files {
    /// An action waiting for the unsaved-changes answer.
    pending: Option<FileAction>,
    /// An action waiting for a file dialog's path (with the action to run after a save).
    awaiting_path: Option<(FileAction, Option<FileAction>)>,
    dialogs: Box<dyn FileDialogs>,
    recovery: Recovery,
    /// The recovery copy offered at start, waiting for the answer.
    offered: Option<super::recovery::Found>,
    /// The open file as it was on disk when opened or last saved, to notice another window (or
    /// program) writing it in between.
    on_disk: Option<(PathBuf, FileStamp)>,
    /// A save waiting for the answer to "changed on disk".
    held_save: Option<(PathBuf, Option<FileAction>)>,
    saving: Option<SaveJob>,
    reading: Option<ReadJob>,
    /// A file refused for its values, as written, waiting for "Open for repair".
    repair: Option<(PathBuf, Scenario)>,
    /// A typed path that names an existing file, waiting for "replace it?".
    replacing: Option<(FileAction, Option<FileAction>, PathBuf)>,
    allow_close: bool,
}

/// What identifies a version of a file on disk: its modification time and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp {
    modified: SystemTime,
    len: u64,
}

impl FileStamp {
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }
}

/// What the rest of the app lends a file action.
pub(super) struct Desk<'a> {
    pub doc: &'a mut Document,
    pub notices: &'a mut Notices,
    pub prefs: &'a mut Prefs,
    pub ui: &'a mut UiState,
    pub baseline: &'a Scenario,
    pub run: Option<&'a Run>,
}

/// What a file action leaves for the other parts to do.
#[derive(Debug)]
pub(super) enum FileEffect {
    /// Another document is open: story progress starts over.
    NewDocument,
    /// This file, read and checked, is the comparison scenario A.
    CompareWith(PathBuf, Box<io::Loaded>),
    /// Write this export to this path.
    Export(ExportWhat, PathBuf),
}

impl Files {
    pub(super) fn new(dialogs: Box<dyn FileDialogs>, recovery: Recovery) -> Self {
        Self {
            pending: None,
            awaiting_path: None,
            dialogs,
            recovery,
            offered: None,
            on_disk: None,
            held_save: None,
            saving: None,
            reading: None,
            repair: None,
            replacing: None,
            allow_close: false,
        }
    }

    /// The dialog offering a recovery copy found at start, if there is one; the copy waits for
    /// the answer.
    pub(super) fn recovery_offer(&mut self) -> Option<Modal> {
        let found = self.recovery.find()?;
        let modal = Modal::Recovery {
            saved_at: found.age_text.clone(),
            original: found.original.clone(),
            problems: found.problems.len(),
        };
        self.offered = Some(found);
        Some(modal)
    }

    /// Carries out a file action; `confirmed` skips the unsaved-changes prompt.
    pub(super) fn file_action(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        action: FileAction,
        confirmed: bool,
    ) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        self.action(ctx, desk, action, confirmed, &mut fx);
        fx
    }

    /// The answer to the unsaved-changes prompt.
    pub(super) fn answer_prompt(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        choice: PromptChoice,
    ) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        self.prompt_answered(ctx, desk, choice, &mut fx);
        fx
    }

    /// A path typed where no file dialog is available.
    pub(super) fn typed_path(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        path: PathBuf,
    ) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        desk.notices.close();
        if let Some((action, then)) = self.awaiting_path.take() {
            let path = completed_path(&action, path);
            // A typed path has no dialog to ask before replacing a file: ask here.
            if let Some(keeps_backup) = writes(&action)
                && path.exists()
            {
                desk.notices.show(Modal::ConfirmReplace {
                    path: path.clone(),
                    keeps_backup,
                });
                self.replacing = Some((action, then, path));
                return fx;
            }
            self.path_chosen(ctx, desk, &action, path, then, &mut fx);
        }
        fx
    }

    /// The answer to "replace the file?" for a typed path.
    pub(super) fn confirm_replace(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        replace: bool,
    ) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        desk.notices.close();
        if let Some((action, then, path)) = self.replacing.take() {
            if replace {
                self.path_chosen(ctx, desk, &action, path, then, &mut fx);
            } else {
                desk.notices
                    .say(format!("Not written: {} is unchanged", path.display()));
            }
        }
        fx
    }

    /// The path prompt was closed without a path.
    pub(super) fn forget_path_request(&mut self) {
        self.awaiting_path = None;
    }

    /// Polls the dialogs and the save thread.
    pub(super) fn poll(&mut self, ctx: &egui::Context, desk: &mut Desk<'_>) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        self.poll_into(ctx, desk, &mut fx);
        fx
    }

    /// The window's close button: closes at once when nothing is unsaved, else asks.
    pub(super) fn close_requested(&mut self, ctx: &egui::Context, desk: &mut Desk<'_>) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if desk.doc.is_pristine() {
                self.recovery.clear();
                self.allow_close = true;
            } else {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.ask_unsaved(desk, FileAction::Quit);
            }
        }
    }

    /// Restores, keeps for later or deletes the recovery copy offered at start.
    pub(super) fn answer_recovery(&mut self, desk: &mut Desk<'_>, choice: RecoveryChoice) {
        desk.notices.close();
        let Some(found) = self.offered.take() else {
            return;
        };
        match choice {
            RecoveryChoice::Restore => {
                let path = found.original.filter(|p| p.exists());
                *desk.doc = Document::new(desk.doc.scenario().clone(), path);
                desk.doc
                    .replace_scenario("Restore recovery copy", found.scenario);
                // The copy stays on disk, now this window's, until the work is saved or discarded.
                self.recovery.adopt_offered();
                desk.notices.say(if found.problems.is_empty() {
                    "Recovered unsaved work: save it to keep it".to_string()
                } else {
                    format!(
                        "Recovered unsaved work with {} problem(s) to fix before it can run",
                        found.problems.len()
                    )
                });
            }
            RecoveryChoice::Later => {
                self.recovery.keep_offered();
                desk.notices
                    .say("The recovery copy is kept: it is offered again at the next start");
            }
            RecoveryChoice::Discard => self.recovery.discard_offered(),
        }
    }

    /// Writes the recovery copy when it is due; returns the seconds until the next is due.
    pub(super) fn tick_recovery(&mut self, now: f64, doc: &Document) -> Option<f64> {
        let original = doc.path().map(PathBuf::from);
        self.recovery.tick(
            now,
            !doc.is_pristine(),
            doc.generation(),
            || doc.scenario_for_save(),
            original.as_deref(),
        )
    }

    /// Remembers how the open file looks on disk (at start, for a file opened from the command line).
    pub(super) fn note_on_disk(&mut self, path: Option<&Path>) {
        self.on_disk = path.and_then(|p| FileStamp::of(p).map(|s| (p.to_path_buf(), s)));
    }

    /// The answer to "changed on disk since it was opened".
    pub(super) fn answer_changed_on_disk(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        choice: OverwriteChoice,
    ) -> Vec<FileEffect> {
        let mut fx = Vec::new();
        desk.notices.close();
        let Some((path, then)) = self.held_save.take() else {
            return fx;
        };
        match choice {
            OverwriteChoice::Overwrite => {
                // The person has seen that it changed: this save goes ahead.
                self.on_disk = FileStamp::of(&path).map(|s| (path.clone(), s));
                self.start_save(ctx, desk, path, then);
            }
            OverwriteChoice::SaveAs => self.request_path(
                ctx,
                desk,
                DialogPurpose::SaveAs,
                FileAction::SaveAs,
                then,
                &mut fx,
            ),
            OverwriteChoice::Cancel => desk.notices.say("Not saved: the file on disk is unchanged"),
        }
        fx
    }

    /// Whether this window has a recovery copy on disk.
    pub(super) fn has_recovery_copy(&self) -> bool {
        self.recovery.has_copy()
    }

    pub(super) fn set_recovery_interval(&mut self, seconds: f64) {
        self.recovery.interval_s = seconds;
    }

    pub(super) fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Whether a save, a read or a dialog is in progress (the window keeps polling).
    pub(super) fn busy(&self) -> bool {
        self.saving.is_some() || self.reading.is_some() || self.dialogs.busy()
    }

    /// Whether a file is being read to open or compare.
    pub(super) fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    /// Stops the read in progress; the open scenario stays.
    pub(super) fn cancel_read(&mut self, desk: &mut Desk<'_>) {
        if matches!(desk.notices.modal(), Some(Modal::Reading { .. })) {
            desk.notices.close();
        }
        if let Some(read) = self.reading.take() {
            // Dropping the job stops its thread at the next chunk.
            desk.notices.say(format!(
                "Stopped reading {}: the open scenario is unchanged",
                read.path.display()
            ));
        }
    }

    /// Opens the file last refused for its values as it is written, to fix them here.
    pub(super) fn open_for_repair(&mut self, desk: &mut Desk<'_>) -> Vec<FileEffect> {
        desk.notices.close();
        let Some((path, scenario)) = self.repair.take() else {
            return Vec::new();
        };
        // The document is the file as it is on disk: nothing unsaved yet, and Save writes the repair.
        *desk.doc = Document::new(scenario, Some(path.clone()));
        self.after_open(desk, &path);
        let problems = io::opening_problems(desk.doc.scenario()).len();
        desk.notices.say(format!(
            "Opened {} for repair: {problems} problem(s) to fix before it runs and saves",
            path.display()
        ));
        vec![FileEffect::NewDocument]
    }

    pub(super) fn close_allowed(&self) -> bool {
        self.allow_close
    }

    fn ask_unsaved(&mut self, desk: &mut Desk<'_>, action: FileAction) {
        self.pending = Some(action.clone());
        desk.notices.show(Modal::UnsavedChanges {
            action,
            scenario_name: desk.doc.scenario().name.clone(),
        });
    }
}

impl Files {
    /// Carries out a file action; `confirmed` skips the unsaved-changes prompt.
    fn action(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        action: FileAction,
        confirmed: bool,
        fx: &mut Vec<FileEffect>,
    ) {
        let must_ask = !confirmed && !desk.doc.is_pristine();
        match action {
            FileAction::New | FileAction::Open | FileAction::OpenPath(_) | FileAction::Quit
                if must_ask =>
            {
                self.ask_unsaved(desk, action);
            }
            FileAction::New => {
                *desk.doc = Document::new(desk.baseline.clone(), None);
                fx.push(FileEffect::NewDocument);
                self.recovery.clear();
                desk.ui.clamp_to(
                    desk.doc.scenario().states.len(),
                    desk.doc.scenario().powers.len(),
                );
                desk.notices.say("New scenario from the baseline");
            }
            FileAction::Open => {
                self.request_path(ctx, desk, DialogPurpose::Open, FileAction::Open, None, fx)
            }
            FileAction::OpenPath(path) => self.start_read(ctx, desk, path, ReadPurpose::Open),
            FileAction::Save => match desk.doc.path().map(Path::to_path_buf) {
                Some(path) => self.start_save(ctx, desk, path, None),
                None => self.request_path(
                    ctx,
                    desk,
                    DialogPurpose::SaveAs,
                    FileAction::SaveAs,
                    None,
                    fx,
                ),
            },
            FileAction::SaveAs => self.request_path(
                ctx,
                desk,
                DialogPurpose::SaveAs,
                FileAction::SaveAs,
                None,
                fx,
            ),
            FileAction::SaveTo(path) => self.start_save(ctx, desk, path, None),
            FileAction::ExportCsv => self.request_path(
                ctx,
                desk,
                DialogPurpose::ExportCsv,
                FileAction::ExportCsv,
                None,
                fx,
            ),
            FileAction::ExportCsvTo(path) => Self::export_csv(desk, &path),
            FileAction::ExportLog => self.request_path(
                ctx,
                desk,
                DialogPurpose::ExportLog,
                FileAction::ExportLog,
                None,
                fx,
            ),
            FileAction::ExportLogTo(path) => Self::export_log(desk, &path),
            FileAction::CompareWith => self.request_path(
                ctx,
                desk,
                DialogPurpose::Open,
                FileAction::CompareWith,
                None,
                fx,
            ),
            FileAction::Export(what) => self.request_path(
                ctx,
                desk,
                export_purpose(what),
                FileAction::Export(what),
                None,
                fx,
            ),
            FileAction::SaveDraftCopy => self.request_path(
                ctx,
                desk,
                DialogPurpose::SaveAs,
                FileAction::SaveDraftCopy,
                None,
                fx,
            ),
            FileAction::Quit => {
                self.recovery.clear();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn prompt_answered(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        choice: PromptChoice,
        fx: &mut Vec<FileEffect>,
    ) {
        desk.notices.close();
        let Some(action) = self.pending.take() else {
            return;
        };
        match choice {
            PromptChoice::Cancel => {}
            PromptChoice::Discard => {
                self.recovery.clear();
                self.action(ctx, desk, action, true, fx);
            }
            PromptChoice::Save => match desk.doc.path().map(Path::to_path_buf) {
                Some(path) => self.start_save(ctx, desk, path, Some(action)),
                None => self.request_path(
                    ctx,
                    desk,
                    DialogPurpose::SaveAs,
                    FileAction::SaveAs,
                    Some(action),
                    fx,
                ),
            },
        }
    }

    /// Asks for a path: a native dialog when there is one, else a path field.
    fn request_path(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        purpose: DialogPurpose,
        action: FileAction,
        then: Option<FileAction>,
        fx: &mut Vec<FileEffect>,
    ) {
        self.awaiting_path = Some((action.clone(), then));
        let suggested = Self::suggested_path(desk, purpose, &action);
        match self.dialogs.request(purpose, Some(suggested.clone())) {
            None => {}
            Some(DialogOutcome::Unavailable(reason)) => {
                desk.notices
                    .show(Self::type_path_modal(desk, purpose, action, reason));
            }
            Some(DialogOutcome::Cancelled) => self.awaiting_path = None,
            Some(DialogOutcome::Picked(path)) => {
                if let Some((action, then)) = self.awaiting_path.take() {
                    self.path_chosen(ctx, desk, &action, path, then, fx);
                }
            }
        }
    }

    /// The path field shown where no file dialog exists: an absolute suggestion (never the open
    /// file itself for Save As) and, for opening, the folder's scenario files to pick with a click.
    fn type_path_modal(
        desk: &Desk<'_>,
        purpose: DialogPurpose,
        action: FileAction,
        reason: String,
    ) -> Modal {
        let suggested = Self::suggested_path(desk, purpose, &action);
        let suggested = if suggested.is_absolute() {
            suggested
        } else {
            std::env::current_dir().map_or(suggested.clone(), |d| d.join(&suggested))
        };
        let choices = if purpose == DialogPurpose::Open {
            scenario_files_in(&suggested)
        } else {
            Vec::new()
        };
        Modal::TypePath {
            action,
            draft: suggested.display().to_string(),
            reason,
            choices,
        }
    }

    fn suggested_path(desk: &Desk<'_>, purpose: DialogPurpose, action: &FileAction) -> PathBuf {
        let dir = desk
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
        let stem: String = desk
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
            DialogPurpose::SaveAs if *action == FileAction::SaveDraftCopy => {
                let stem = desk
                    .doc
                    .path()
                    .and_then(Path::file_stem)
                    .map_or(stem, |s| s.to_string_lossy().into_owned());
                dir.join(format!("{stem}.draft.ron"))
            }
            // Save As makes another file: the suggestion is a name not taken yet.
            DialogPurpose::SaveAs => {
                let stem = desk
                    .doc
                    .path()
                    .and_then(Path::file_stem)
                    .map_or(stem, |s| s.to_string_lossy().into_owned());
                unused_name(&dir, &stem, "ron")
            }
            DialogPurpose::ExportCsv
            | DialogPurpose::ExportPng
            | DialogPurpose::ExportSvg
            | DialogPurpose::ExportBriefing => match action {
                FileAction::Export(what) => dir.join(format!(
                    "{stem}_{}.{}",
                    export_tag(*what, desk.ui),
                    export_extension(*what)
                )),
                _ => dir.join(format!("{stem}.csv")),
            },
            DialogPurpose::ExportLog => dir.join(format!("{stem}_round_log.md")),
        }
    }

    fn path_chosen(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        action: &FileAction,
        path: PathBuf,
        then: Option<FileAction>,
        fx: &mut Vec<FileEffect>,
    ) {
        let path = completed_path(action, path);
        match action {
            FileAction::Open | FileAction::OpenPath(_) => {
                self.start_read(ctx, desk, path, ReadPurpose::Open)
            }
            FileAction::SaveDraftCopy => Self::save_draft_copy(desk, &path),
            FileAction::SaveAs | FileAction::SaveTo(_) | FileAction::Save => {
                self.start_save(ctx, desk, path, then)
            }
            FileAction::ExportCsv | FileAction::ExportCsvTo(_) => Self::export_csv(desk, &path),
            FileAction::ExportLog | FileAction::ExportLogTo(_) => Self::export_log(desk, &path),
            FileAction::CompareWith => self.start_read(ctx, desk, path, ReadPurpose::Compare),
            FileAction::Export(what) => fx.push(FileEffect::Export(*what, path)),
            FileAction::New | FileAction::Quit => {}
        }
    }

    /// Polls dialogs and the save thread.
    fn poll_into(&mut self, ctx: &egui::Context, desk: &mut Desk<'_>, fx: &mut Vec<FileEffect>) {
        if let Some((_, outcome)) = self.dialogs.poll() {
            match outcome {
                DialogOutcome::Picked(path) => {
                    if let Some((action, then)) = self.awaiting_path.take() {
                        self.path_chosen(ctx, desk, &action, path, then, fx);
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
                        desk.notices.show(Self::type_path_modal(
                            desk,
                            purpose,
                            action.clone(),
                            reason,
                        ));
                    }
                }
            }
        }
        self.poll_read(desk, fx);
        let finished = self.saving.as_ref().and_then(|job| job.rx.try_recv().ok());
        if let Some(result) = finished
            && let Some(job) = self.saving.take()
        {
            match result {
                Ok(()) => {
                    self.note_on_disk(Some(&job.path));
                    desk.doc
                        .mark_saved_with_log(job.path.clone(), job.state, job.log_len);
                    desk.prefs.remember(&job.path);
                    if desk.doc.is_pristine() {
                        self.recovery.clear();
                    }
                    desk.notices.say(format!("Saved {}", job.path.display()));
                    if let Some(then) = job.then {
                        self.action(ctx, desk, then, true, fx);
                    }
                }
                Err(e) => {
                    desk.notices.error(
                        "The scenario was not saved",
                        format!(
                            "{e}\n\nThe file on disk is unchanged and your work is still open."
                        ),
                    );
                }
            }
        }
    }

    /// Writes the scenario on a background thread; the document is marked saved when it finishes.
    fn start_save(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        path: PathBuf,
        then: Option<FileAction>,
    ) {
        if self.saving.is_some() {
            desk.notices.say("A save is still running");
            return;
        }
        if let Some((opened, stamp)) = &self.on_disk
            && *opened == path
            && FileStamp::of(&path).is_some_and(|now| now != *stamp)
        {
            desk.notices
                .show(Modal::ChangedOnDisk { path: path.clone() });
            self.held_save = Some((path, then));
            return;
        }
        let mut scenario = desk.doc.scenario_for_save();
        let problems = io::opening_problems(&scenario);
        if !problems.is_empty() {
            desk.notices.show(Modal::CannotSave {
                problems: problems.iter().map(ToString::to_string).collect(),
            });
            return;
        }
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
                    state: desk.doc.state_id(),
                    log_len: desk.doc.log().len(),
                    rx,
                    then,
                })
            }
            Err(e) => {
                desk.notices
                    .error("The scenario was not saved", e.to_string());
            }
        }
    }

    /// Reads, migrates and validates `path` on a background thread; [`Files::poll_read`] takes
    /// the result. Large or slow files show their progress with Cancel.
    fn start_read(
        &mut self,
        ctx: &egui::Context,
        desk: &mut Desk<'_>,
        path: PathBuf,
        purpose: ReadPurpose,
    ) {
        if self.reading.is_some() {
            desk.notices.say("A file is still being read");
            return;
        }
        let total = std::fs::metadata(&path).map_or(0, |m| m.len());
        let target = path.clone();
        let job = Job::spawn(
            "read-scenario",
            total as usize,
            ctx,
            move |cancel, progress| {
                let watch = io::ReadWatch {
                    cancel,
                    bytes_read: progress,
                };
                io::open_watched(&target, &watch).map_err(|e| match e {
                    io::LoadError::Cancelled => JobError::Cancelled,
                    source => JobError::Load {
                        path: target.clone(),
                        source,
                    },
                })
            },
        );
        let job = match job {
            Ok(job) => job,
            Err(e) => {
                desk.notices
                    .error("The file could not be read", e.to_string());
                return;
            }
        };
        let read = ReadJob {
            path,
            purpose,
            job,
            started: std::time::Instant::now(),
            document: (desk.doc.generation(), desk.doc.state_id()),
        };
        if total >= SHOW_PROGRESS_BYTES {
            desk.notices.show(read.progress_modal());
        }
        self.reading = Some(read);
    }

    /// Takes a finished read: opens the file, hands it over for comparison, or lists its problems.
    fn poll_read(&mut self, desk: &mut Desk<'_>, fx: &mut Vec<FileEffect>) {
        let Some(read) = &self.reading else {
            return;
        };
        let showing = matches!(desk.notices.modal(), Some(Modal::Reading { .. }));
        let Some(result) = read.job.poll() else {
            if showing
                || read.started.elapsed().as_secs_f64() > SLOW_READ_S && !desk.notices.has_modal()
            {
                desk.notices.show(read.progress_modal());
            }
            return;
        };
        let Some(read) = self.reading.take() else {
            return;
        };
        if showing {
            desk.notices.close();
        }
        let opened = match result {
            Ok(opened) => opened,
            Err(JobError::Cancelled) => return,
            Err(JobError::Load { source, .. }) => {
                desk.notices.show(Modal::LoadFailed {
                    path: read.path,
                    problems: source.lines(),
                    repairable: false,
                });
                return;
            }
            Err(e) => {
                desk.notices
                    .error("The file could not be read", e.to_string());
                return;
            }
        };
        let loaded = match opened.loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                let repairable = read.purpose == ReadPurpose::Open && opened.repairable.is_some();
                self.repair = opened
                    .repairable
                    .filter(|_| repairable)
                    .map(|s| (read.path.clone(), s));
                desk.notices.show(Modal::LoadFailed {
                    path: read.path,
                    problems: e.lines(),
                    repairable,
                });
                return;
            }
        };
        match read.purpose {
            ReadPurpose::Compare => fx.push(FileEffect::CompareWith(read.path, Box::new(loaded))),
            ReadPurpose::Open => {
                if (desk.doc.generation(), desk.doc.state_id()) != read.document {
                    desk.notices.error(
                        "The file was not opened",
                        format!(
                            "The scenario was edited while {} was being read, and opening it would replace those edits. Open it again to replace them.",
                            read.path.display()
                        ),
                    );
                    return;
                }
                let io::Loaded { scenario, notices } = loaded;
                desk.notices.set_modal(opened_notice(&read.path, &notices));
                *desk.doc = Document::new(scenario, Some(read.path.clone()));
                self.after_open(desk, &read.path);
                fx.push(FileEffect::NewDocument);
                desk.notices.say(format!("Opened {}", read.path.display()));
            }
        }
    }

    /// What follows any open: the file as it is on disk, the recent list, no recovery copy of the
    /// previous document, selections within the new one.
    fn after_open(&mut self, desk: &mut Desk<'_>, path: &Path) {
        self.note_on_disk(Some(path));
        desk.prefs.remember(path);
        self.recovery.clear();
        desk.ui.clamp_to(
            desk.doc.scenario().states.len(),
            desk.doc.scenario().powers.len(),
        );
        desk.ui.cursor_year = None;
    }

    /// Writes the open work as it is, problems and all, to another file than its own.
    fn save_draft_copy(desk: &mut Desk<'_>, path: &Path) {
        let own = desk
            .doc
            .path()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if own.as_ref() == Some(&target) {
            desk.notices.error(
                "The draft copy was not saved",
                format!(
                    "A draft copy goes to another file, so that {} stays a scenario that opens. Choose another name.",
                    path.display()
                ),
            );
            return;
        }
        match io::save_draft_copy(path, &desk.doc.scenario_for_save()) {
            Ok(()) => desk.notices.say(format!(
                "Saved a draft copy to {}: the work stays unsaved until its problems are fixed and it is saved",
                path.display()
            )),
            Err(e) => desk
                .notices
                .error("The draft copy was not saved", e.to_string()),
        }
    }

    fn export_csv(desk: &mut Desk<'_>, path: &Path) {
        let Some(run) = desk.run else {
            desk.notices.error(
                "Nothing to export",
                "The scenario has problems, so there is no run to export. Fix them first.",
            );
            return;
        };
        let bloc = io::sibling_path(path, "bloc");
        let result = io::write_run_csv(path, desk.doc.scenario(), run)
            .and_then(|()| io::write_bloc_csv(&bloc, run));
        match result {
            Ok(()) => desk.notices.say(format!(
                "Exported {} and {}",
                path.display(),
                bloc.display()
            )),
            Err(e) => desk.notices.error("The CSV was not written", e.to_string()),
        }
    }

    fn export_log(desk: &mut Desk<'_>, path: &Path) {
        match io::write_round_log(path, desk.doc.scenario(), desk.doc.log()) {
            Ok(()) => desk
                .notices
                .say(format!("Exported the round log to {}", path.display())),
            Err(e) => desk
                .notices
                .error("The round log was not written", e.to_string()),
        }
    }
}

/// The path an action writes or reads: a name without an extension gets the action's own.
fn completed_path(action: &FileAction, path: PathBuf) -> PathBuf {
    let ext = match action {
        FileAction::SaveAs
        | FileAction::SaveTo(_)
        | FileAction::Save
        | FileAction::SaveDraftCopy => "ron",
        FileAction::ExportCsv | FileAction::ExportCsvTo(_) => "csv",
        FileAction::ExportLog | FileAction::ExportLogTo(_) => "md",
        FileAction::Export(what) => export_extension(*what),
        _ => return path,
    };
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

/// Whether an action writes the file it is given: `Some(keeps a .bak)`, `None` for reading.
fn writes(action: &FileAction) -> Option<bool> {
    match action {
        FileAction::SaveAs
        | FileAction::SaveTo(_)
        | FileAction::Save
        | FileAction::SaveDraftCopy => Some(true),
        FileAction::ExportCsv
        | FileAction::ExportCsvTo(_)
        | FileAction::ExportLog
        | FileAction::ExportLogTo(_)
        | FileAction::Export(_) => Some(false),
        _ => None,
    }
}

/// `dir/stem.ext`, or `dir/stem_2.ext`, `stem_3` … the first that does not exist.
fn unused_name(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{stem}_{n}.{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// The `.ron` files of the folder `near` is (or is in), sorted by name; at most 500.
fn scenario_files_in(near: &Path) -> Vec<PathBuf> {
    let dir = if near.is_dir() {
        near
    } else {
        near.parent().unwrap_or(near)
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
        .collect();
    files.sort();
    files.truncate(500);
    files
}

pub(super) use crate::figure::today_iso;

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
