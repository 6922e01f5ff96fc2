//! The desktop app: holds the document (scenario, file, undo history), the latest run, the UI state
//! and background work (file dialogs, saving, analyses, exports), applies the panels' commands once
//! per frame, and re-runs the engine only when the scenario changed.

mod analyses;
mod calibrate;
mod export;
mod facilitation;
mod file_dialogs;
mod files;
mod jobs;
mod prefs;
mod presentation;
mod recovery;

pub use file_dialogs::{DialogOutcome, DialogPurpose, FileDialogs, NativeDialogs, NoDialogs};
pub use prefs::Prefs;
pub use recovery::{RECOVERY_INTERVAL_S, Recovery};

use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use crate::document::Document;
use crate::engine::{self, Run};
use crate::io;
use crate::model::{Problem, Scenario, Severity};
use crate::ui::results::ChartCache;
use crate::ui::theme::{self, ThemeChoice};
use crate::ui::{self, Command, FileAction, Modal, UiState, ViewCtx};

/// A save running on its background thread.
struct SaveJob {
    path: PathBuf,
    state: u64,
    log_len: usize,
    rx: Receiver<Result<(), io::SaveError>>,
    /// What to do once saved (the action that asked to save first).
    then: Option<FileAction>,
}

/// The ASEAN Digital Futures window.
pub struct AseanApp {
    doc: Document,
    baseline: Scenario,
    run: Option<Run>,
    run_generation: Option<u64>,
    run_id: u64,
    run_seconds: Option<f64>,
    problems: Vec<Problem>,
    /// UI state (selection, charts, cursor); public so tests and benchmarks can steer it.
    pub ui: UiState,
    prefs: Prefs,
    charts: ChartCache,
    modal: Option<Modal>,
    /// An action waiting for the unsaved-changes answer.
    pending: Option<FileAction>,
    /// An action waiting for a file dialog's path (with the action to run after a save).
    awaiting_path: Option<(FileAction, Option<FileAction>)>,
    dialogs: Box<dyn FileDialogs>,
    recovery: Recovery,
    saving: Option<SaveJob>,
    message: Option<String>,
    allow_close: bool,
    applied_look: Option<(ThemeChoice, f32)>,
    title: String,
    /// The story position and the round log being collected (see `facilitation.rs`).
    facilitation: facilitation::Facilitation,
    /// The pinned scenario A, the ensemble and the analyses (see `analysis.rs`).
    analysis: analyses::AnalysisState,
    /// An export taking pictures of views (see `export.rs`).
    capture: Option<export::Capture>,
    /// Model → Calibrate… (see `calibrate.rs`).
    calibration: calibrate::CalibrationState,
}

impl AseanApp {
    /// An app on `scenario` (from `path`, or new when `None`), with the given dialogs and recovery folder.
    pub fn new(
        doc: Document,
        prefs: Prefs,
        dialogs: Box<dyn FileDialogs>,
        recovery: Recovery,
    ) -> Self {
        let baseline = io::baseline().unwrap_or_else(|_| doc.scenario().clone());
        let mut ui = prefs.ui.clone();
        ui.clamp_to(doc.scenario().states.len(), doc.scenario().powers.len());
        let mut app = Self {
            doc,
            baseline,
            run: None,
            run_generation: None,
            run_id: 0,
            run_seconds: None,
            problems: Vec::new(),
            ui,
            prefs,
            charts: ChartCache::default(),
            modal: None,
            pending: None,
            awaiting_path: None,
            dialogs,
            recovery,
            saving: None,
            message: None,
            allow_close: false,
            applied_look: None,
            title: String::new(),
            facilitation: Default::default(),
            analysis: Default::default(),
            capture: None,
            calibration: Default::default(),
        };
        if let Some(found) = app.recovery.find() {
            app.modal = Some(Modal::Recovery {
                saved_at: found.age_text,
                original: found.original,
            });
        }
        app.ensure_run();
        app
    }

    /// The app as the desktop starts it: `file` if given, else the shipped baseline as a new scenario.
    pub fn for_desktop(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let recovery_dir = eframe::storage_dir("asean-futures");
        let (doc, failure) = initial_document(file);
        let mut app = Self::new(
            doc,
            prefs,
            Box::new(NativeDialogs::new(cc.egui_ctx.clone())),
            Recovery::new(recovery_dir),
        );
        if let Some(modal) = failure
            && app.modal.is_none()
        {
            app.modal = Some(modal);
        }
        app
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The latest run (of the last valid scenario).
    pub fn run(&self) -> Option<&Run> {
        self.run.as_ref()
    }

    /// The dialog shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// Preferences (recent files, theme).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The window title the app asks for.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Seconds of unsaved work between recovery copies (tests shorten it).
    pub fn set_recovery_interval(&mut self, seconds: f64) {
        self.recovery.interval_s = seconds;
    }

    /// Whether a save is still running in the background.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Whether the app asked the window to close (after any prompt was answered).
    pub fn close_allowed(&self) -> bool {
        self.allow_close
    }

    /// Applies a command as if a panel had issued it (tests, benchmarks, story steps).
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.handle(ctx, command);
        self.ensure_run();
    }

    /// Re-runs the engine if the scenario changed since the last run.
    fn ensure_run(&mut self) {
        if self.run_generation == Some(self.doc.generation()) {
            return;
        }
        self.run_generation = Some(self.doc.generation());
        let scenario = self.doc.scenario();
        self.problems = scenario.validate();
        if self.problems.iter().any(|p| p.severity == Severity::Error) {
            return;
        }
        let started = Instant::now();
        match engine::run(scenario) {
            Ok(run) => {
                self.run_seconds = Some(started.elapsed().as_secs_f64());
                self.run = Some(run);
                self.run_id += 1;
            }
            Err(e) => self.message = Some(e.to_string()),
        }
        self.ui
            .clamp_to(scenario.states.len(), scenario.powers.len());
    }

    /// One frame of the whole window.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_look(&ctx);
        self.poll_background(&ctx);
        self.handle_close_request(&ctx);
        self.poll_export();
        if self.capture_frame(ui) {
            return;
        }

        // Every command of the frame, from keys, drops and panels, applied once after layout.
        let mut commands: Vec<Command> = self.dropped_file(&ctx).into_iter().collect();
        if self.modal.is_none() {
            commands.extend(ui::menu_bar::shortcuts(&ctx, self.prefs.text_scale));
            commands.extend(self.navigation_keys(&ctx));
        }
        let dark = ctx.global_style().visuals.dark_mode;
        if self.ui.presenter {
            egui::Panel::top("story_bar").show(ui, |ui| {
                let vctx = self.view_ctx(dark);
                commands.extend(ui::presenter::story_bar_ui(ui, &vctx, &self.ui));
            });
        } else {
            egui::Panel::top("menu_bar").show(ui, |ui| {
                let m = ui::menu_bar::MenuCtx {
                    undo_label: self.doc.undo_label(),
                    redo_label: self.doc.redo_label(),
                    recent: &self.prefs.recent,
                    theme: self.prefs.theme,
                    text_scale: self.prefs.text_scale,
                    pinned: self.analysis.pinned().is_some(),
                };
                commands.extend(ui::menu_bar_ui(ui, &m, &mut self.ui));
            });
        }
        egui::Panel::top("timeline").show(ui, |ui| {
            let spy = self.doc.scenario().time.steps_per_year;
            commands.extend(ui::timeline::timeline_ui(
                ui,
                self.run.as_ref(),
                spy,
                &mut self.ui,
            ));
        });
        if !self.ui.presenter {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                let status = ui::status_bar::RunStatus {
                    seconds: self.run_seconds,
                    problems: &self.problems,
                    message: self.message.as_deref(),
                };
                ui::status_bar_ui(ui, self.doc.scenario(), &status, &mut self.ui, dark);
            });
        }
        if self.ui.presenter {
            let edits = egui::Panel::right("live_levers")
                .resizable(true)
                .default_size(380.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("live_scroll")
                        .show(ui, |ui| {
                            let vctx = view_ctx(&self.doc, self.run.as_ref(), &self.baseline, dark);
                            ui::presenter::live_levers_ui(ui, &vctx, &mut self.ui, self.doc.log())
                        })
                        .inner
                })
                .inner;
            commands.extend(edits);
        } else {
            if self.ui.show_navigator {
                egui::Panel::left("navigator")
                    .resizable(true)
                    .default_size((ctx.content_rect().width() * 0.13).clamp(170.0, 210.0))
                    .min_size(150.0)
                    .show(ui, |ui| {
                        let vctx = view_ctx(&self.doc, self.run.as_ref(), &self.baseline, dark);
                        ui::navigator_ui(ui, &vctx, &mut self.ui);
                    });
            }
            if self.ui.show_editor {
                let edits = egui::Panel::left("editor")
                    .resizable(true)
                    .default_size((ctx.content_rect().width() * 0.32).clamp(340.0, 520.0))
                    .min_size(300.0)
                    .show(ui, |ui| {
                        let vctx = view_ctx(&self.doc, self.run.as_ref(), &self.baseline, dark);
                        ui::editor_ui(ui, &vctx, &mut self.ui)
                    })
                    .inner;
                commands.extend(edits);
            }
        }
        if let Some(run) = &self.run {
            let dt = ctx.input(|i| f64::from(i.stable_dt).min(0.1));
            ui::timeline::advance(&mut self.ui, run, dt);
        }
        self.tick_analysis(&ctx);
        let area = egui::CentralPanel::default()
            .show(ui, |ui| {
                let vctx = view_ctx(&self.doc, self.run.as_ref(), &self.baseline, dark);
                let view = self
                    .analysis
                    .view(self.doc.generation(), self.capture.is_some());
                ui::analysis::analysis_area_ui(
                    ui,
                    &vctx,
                    &mut self.ui,
                    &mut self.charts,
                    self.run_id,
                    &view,
                )
            })
            .inner;
        commands.extend(area);
        self.tick_calibration(&ctx);
        if self.calibration.open {
            let view = self.calibration_view();
            let mut path = self.calibration.backcast_path.clone();
            let answers = ui::calibrate_window::calibrate_window_ui(&ctx, &view, &mut path);
            self.calibration.backcast_path = path;
            commands.extend(answers);
        }
        if let Some(modal) = &mut self.modal {
            commands.extend(ui::dialogs::modal_ui(&ctx, modal));
        }
        // The one point of the frame where commands change anything: after every panel was laid out
        // from the same state. What they change is drawn in the next frame, asked for at once.
        if !commands.is_empty() {
            for c in commands {
                self.handle(&ctx, c);
            }
            self.ensure_run();
            ctx.request_repaint();
        }
        if !ctx.input(|i| i.pointer.any_down()) {
            self.doc.end_gesture();
            self.facilitation.finish(&mut self.doc, &mut self.ui);
        }
        let now = ctx.input(|i| i.time);
        let original = self.doc.path().map(PathBuf::from);
        let dirty = !self.doc.is_pristine();
        self.recovery.tick(
            now,
            dirty,
            self.doc.generation(),
            || self.doc.scenario_for_save(),
            original.as_deref(),
        );
        if self.saving.is_some() || self.dialogs.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.ui.playing {
            ctx.request_repaint();
        }
        self.update_title(&ctx);
    }

    fn view_ctx(&self, dark: bool) -> ViewCtx<'_> {
        view_ctx(&self.doc, self.run.as_ref(), &self.baseline, dark)
    }

    fn apply_look(&mut self, ctx: &egui::Context) {
        let look = if self.ui.presenter {
            (
                ThemeChoice::HighContrast,
                (self.prefs.text_scale * 1.5).max(1.5),
            )
        } else {
            (self.prefs.theme, self.prefs.text_scale)
        };
        if self.applied_look != Some(look) {
            theme::apply(ctx, look.0, look.1);
            self.applied_look = Some(look);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let s = self.doc.scenario();
        let file = self
            .doc
            .path()
            .and_then(|p| p.file_name())
            .map_or("not saved yet".to_string(), |f| {
                f.to_string_lossy().into_owned()
            });
        let marker = if self.doc.is_pristine() { "" } else { " •" };
        let title = format!("ASEAN Digital Futures — {} ({file}){marker}", s.name);
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Opening the first `.ron` file dropped on the window this frame.
    fn dropped_file(&self, ctx: &egui::Context) -> Option<Command> {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        dropped
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "ron"))
            .map(|path| Command::File(FileAction::OpenPath(path)))
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_pristine() {
                self.recovery.clear();
                self.allow_close = true;
            } else {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.ask_unsaved(FileAction::Quit);
            }
        }
    }

    fn ask_unsaved(&mut self, action: FileAction) {
        self.pending = Some(action.clone());
        self.modal = Some(Modal::UnsavedChanges {
            action,
            scenario_name: self.doc.scenario().name.clone(),
        });
    }

    /// Applies one command.
    fn handle(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(change) => {
                self.message = None;
                self.facilitation.apply(
                    &mut self.doc,
                    self.ui.presenter,
                    change,
                    &mut self.message,
                );
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.message = Some("Nothing to undo".into());
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.message = Some("Nothing to redo".into());
                }
            }
            Command::File(action) => self.file_action(ctx, action, false),
            Command::SetTheme(t) => self.prefs.theme = t,
            Command::SetTextScale(s) => self.prefs.text_scale = s.clamp(0.7, 2.5),
            Command::Prompt(choice) => self.answer_prompt(ctx, choice),
            Command::Recovery { restore } => {
                if restore && let Some(found) = self.recovery.find() {
                    let path = found.original.filter(|p| p.exists());
                    self.doc = Document::new(self.doc.scenario().clone(), path);
                    self.doc
                        .replace_scenario("Restore recovery copy", found.scenario);
                    self.message = Some("Recovered unsaved work: save it to keep it".into());
                }
                self.recovery.clear();
                self.modal = None;
            }
            Command::TypedPath(path) => {
                self.modal = None;
                if let Some((action, then)) = self.awaiting_path.take() {
                    self.path_chosen(ctx, &action, path, then);
                }
            }
            Command::CloseModal => {
                self.modal = None;
                self.awaiting_path = None;
            }
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ShowModelHelp => self.modal = Some(Modal::ModelHelp),
            Command::ClearRecent => self.prefs.recent.clear(),
            Command::StoryNext => {
                self.facilitation
                    .story_next(&mut self.doc, &mut self.ui, &mut self.message)
            }
            Command::StoryBack => {
                self.facilitation
                    .story_back(&mut self.doc, &mut self.ui, &mut self.message)
            }
            Command::TogglePresenter => self.toggle_presenter(ctx),
            Command::TogglePlay => self.toggle_play(),
            Command::StoryRecord(title) => self.facilitation.story_record(
                &mut self.doc,
                &mut self.ui,
                &title,
                &mut self.message,
            ),
            Command::Log(c) => {
                self.facilitation
                    .log_command(&mut self.doc, &mut self.ui, c, &mut self.message)
            }
            Command::Analysis(c) => self.analysis_command(ctx, c),
            Command::Calibrate(c) => self.calibration_command(ctx, c),
        }
    }
}

/// What panels read, from the app's fields (a function of fields, so the UI state can be borrowed
/// mutably beside it).
fn view_ctx<'a>(
    doc: &'a Document,
    run: Option<&'a Run>,
    baseline: &'a Scenario,
    dark: bool,
) -> ViewCtx<'a> {
    ViewCtx {
        scenario: doc.scenario(),
        run,
        baseline,
        dark,
    }
}

/// The document the desktop starts with, and the dialog to show if `file` failed to load.
fn initial_document(file: Option<PathBuf>) -> (Document, Option<Modal>) {
    let baseline = || match io::baseline() {
        Ok(s) => s,
        // The baseline is compiled in and tested; this only guards against a broken build.
        Err(_) => Scenario {
            version: crate::model::SCHEMA_VERSION,
            name: "Empty".into(),
            description: String::new(),
            author: String::new(),
            created: String::new(),
            modified: String::new(),
            time: Default::default(),
            bloc_weights: Default::default(),
            powers: Vec::new(),
            states: Vec::new(),
            levers: Vec::new(),
            asean: Default::default(),
            peer_weights: None,
            events: Vec::new(),
            constants: Default::default(),
            constants_basis: Default::default(),
            ensemble: Default::default(),
            story: Vec::new(),
            live_levers: Vec::new(),
            round_log: Vec::new(),
            calibration: None,
        },
    };
    match file {
        None => (Document::new(baseline(), None), None),
        Some(path) => match io::load_scenario_noted(&path) {
            Ok(io::Loaded { scenario, notices }) => {
                let notice = files::opened_notice(&path, &notices);
                (Document::new(scenario, Some(path)), notice)
            }
            Err(e) => (
                Document::new(baseline(), None),
                Some(Modal::LoadFailed {
                    path,
                    problems: e.lines(),
                }),
            ),
        },
    }
}

impl eframe::App for AseanApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.ui = self.ui.clone();
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }
}

/// Opens the desktop window.
pub fn run_native(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ASEAN Digital Futures")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "asean-futures",
        options,
        Box::new(move |cc| Ok(Box::new(AseanApp::for_desktop(cc, file)))),
    )
}
