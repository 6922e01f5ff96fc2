//! The desktop app: the document (scenario, file, undo history) and the UI state, and the parts that
//! own the rest, each in its file with private state: `current` (the latest run and the problems),
//! `files` (files, dialogs, saving, the recovery copy), `facilitation` (story and round log),
//! `notices` (status message and dialog), `analyses` (pinned A, ensemble, analysis jobs), `export`
//! and `calibrate`. Each frame gathers the panels' commands and applies them once, after layout;
//! the engine re-runs only when the scenario changed.

mod analyses;
mod calibrate;
mod current;
mod export;
mod facilitation;
mod file_dialogs;
mod files;
mod jobs;
mod notices;
mod prefs;
mod presentation;
mod recovery;

pub use file_dialogs::{DialogOutcome, DialogPurpose, FileDialogs, NativeDialogs, NoDialogs};
pub use prefs::Prefs;
pub use recovery::{RECOVERY_INTERVAL_S, Recovery};

use std::path::PathBuf;

use crate::document::Document;
use crate::engine::Run;
use crate::io;
use crate::model::Scenario;
use crate::ui::results::ChartCache;
use crate::ui::theme::{self, ThemeChoice};
use crate::ui::{self, Command, FileAction, Modal, UiState, ViewCtx};

/// The ASEAN Digital Futures window.
pub struct AseanApp {
    doc: Document,
    baseline: Scenario,
    /// The latest run and the problems of the scenario (see `current.rs`).
    current: current::Current,
    /// UI state (selection, charts, cursor); public so tests and benchmarks can steer it.
    pub ui: UiState,
    prefs: Prefs,
    charts: ChartCache,
    /// Files, dialogs, saving and the recovery copy (see `files.rs`).
    files: files::Files,
    /// The status-bar message and the dialog on screen.
    notices: notices::Notices,
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
            current: Default::default(),
            ui,
            prefs,
            charts: ChartCache::default(),
            files: files::Files::new(dialogs, recovery),
            notices: Default::default(),
            applied_look: None,
            title: String::new(),
            facilitation: Default::default(),
            analysis: Default::default(),
            capture: None,
            calibration: Default::default(),
        };
        app.files.note_on_disk(app.doc.path());
        if let Some(offer) = app.files.recovery_offer() {
            app.notices.show(offer);
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
            && !app.notices.has_modal()
        {
            app.notices.show(modal);
        }
        app
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The latest run (of the last valid scenario).
    pub fn run(&self) -> Option<&Run> {
        self.current.run()
    }

    /// The scenario's claims, measured with its latest valid version from the start of its story.
    pub fn claims(&self) -> &[crate::analysis::ClaimCheck] {
        self.current.claims()
    }

    /// The dialog shown, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.notices.modal()
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
        self.files.set_recovery_interval(seconds);
    }

    /// Whether this window has a recovery copy of unsaved work on disk.
    pub fn has_recovery_copy(&self) -> bool {
        self.files.has_recovery_copy()
    }

    /// Whether a save is still running in the background.
    pub fn is_saving(&self) -> bool {
        self.files.is_saving()
    }

    /// Whether a file is still being read (to open or to compare with) in the background.
    pub fn is_reading(&self) -> bool {
        self.files.is_reading()
    }

    /// Whether the app asked the window to close (after any prompt was answered).
    pub fn close_allowed(&self) -> bool {
        self.files.close_allowed()
    }

    /// Applies a command as if a panel had issued it (tests, benchmarks, story steps).
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        self.handle(ctx, command);
        self.ensure_run();
    }

    /// Re-runs the engine if the scenario changed since the last run.
    fn ensure_run(&mut self) {
        let facilitation = &self.facilitation;
        if let Err(e) = self
            .current
            .ensure(&self.doc, |s| facilitation.story_start(s))
        {
            self.notices.say(e.to_string());
        }
        let s = self.doc.scenario();
        self.ui.clamp_to(s.states.len(), s.powers.len());
    }

    /// One frame of the whole window.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_look(&ctx);
        {
            let (files, mut desk) = self.files_desk();
            let effects = files.poll(&ctx, &mut desk);
            files.close_requested(&ctx, &mut desk);
            self.file_effects(&ctx, effects);
        }
        // A file read in the background may have replaced the document: this frame shows its run.
        self.ensure_run();
        self.poll_export();
        if self.capture_frame(ui) {
            return;
        }

        // Every command of the frame, from keys, drops and panels, applied once after layout.
        let mut commands: Vec<Command> = self.dropped_file(&ctx).into_iter().collect();
        if !self.notices.has_modal() {
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
                self.current.run(),
                spy,
                &mut self.ui,
            ));
        });
        if !self.ui.presenter {
            egui::Panel::bottom("status_bar").show(ui, |ui| {
                let status = ui::status_bar::RunStatus {
                    seconds: self.current.seconds(),
                    problems: self.current.problems(),
                    message: self.notices.message(),
                };
                ui::status_bar_ui(ui, self.doc.scenario(), &status, &mut self.ui, dark);
            });
        }
        if self.ui.presenter {
            let edits = egui::Panel::right("live_levers")
                .resizable(true)
                .default_size((ctx.content_rect().width() * 0.27).clamp(260.0, 520.0))
                // A width remembered from a larger screen must not squeeze the hero view when the
                // window moves to a 1280 × 720 projector.
                .size_range(260.0..=(ctx.content_rect().width() * 0.34).max(260.0))
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("live_scroll")
                        .show(ui, |ui| {
                            let vctx = view_ctx(&self.doc, &self.current, &self.baseline, dark);
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
                    .size_range(150.0..=(ctx.content_rect().width() * 0.2).max(150.0))
                    .show(ui, |ui| {
                        let vctx = view_ctx(&self.doc, &self.current, &self.baseline, dark);
                        ui::navigator_ui(ui, &vctx, &mut self.ui);
                    });
            }
            if self.ui.show_editor {
                let edits = egui::Panel::left("editor")
                    .resizable(true)
                    .default_size((ctx.content_rect().width() * 0.32).clamp(340.0, 520.0))
                    .size_range(300.0..=(ctx.content_rect().width() * 0.4).max(300.0))
                    .show(ui, |ui| {
                        let vctx = view_ctx(&self.doc, &self.current, &self.baseline, dark);
                        ui::editor_ui(ui, &vctx, &mut self.ui)
                    })
                    .inner;
                commands.extend(edits);
            }
        }
        if let Some(run) = self.current.run() {
            let dt = ctx.input(|i| f64::from(i.stable_dt).min(0.1));
            ui::timeline::advance(&mut self.ui, run, dt);
        }
        self.tick_analysis(&ctx);
        let area = egui::CentralPanel::default()
            .show(ui, |ui| {
                let vctx = view_ctx(&self.doc, &self.current, &self.baseline, dark);
                let view = self
                    .analysis
                    .view(self.doc.generation(), self.capture.is_some());
                ui::analysis::analysis_area_ui(
                    ui,
                    &vctx,
                    &mut self.ui,
                    &mut self.charts,
                    self.current.id(),
                    &view,
                )
            })
            .inner;
        commands.extend(area);
        self.tick_calibration(&ctx);
        commands.extend(self.calibration_window(&ctx));
        if self.ui.sources.open {
            let vctx = view_ctx(&self.doc, &self.current, &self.baseline, dark);
            ui::sources_window::sources_window_ui(&ctx, &vctx, &mut self.ui.sources);
        }
        if let Some(modal) = self.notices.modal_mut() {
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
        if let Some(wait) = self.files.tick_recovery(now, &self.doc) {
            // The copy is written on time even if nobody touches the window.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
        }
        if self.files.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.ui.playing {
            ctx.request_repaint();
        }
        self.update_title(&ctx);
    }

    fn view_ctx(&self, dark: bool) -> ViewCtx<'_> {
        view_ctx(&self.doc, &self.current, &self.baseline, dark)
    }

    fn apply_look(&mut self, ctx: &egui::Context) {
        let look = if self.ui.presenter {
            // Text as large a share of the screen at 1920 × 1080 as at 1280 × 720: body text of
            // 22 px there, 34 px here, readable from the back of a room.
            let screen = (ctx.content_rect().height() / 720.0).max(1.0);
            let scale = (self.prefs.text_scale * 1.5).max(1.5) * screen;
            (ThemeChoice::HighContrast, (scale * 20.0).round() / 20.0)
        } else if self.capture.is_some() {
            // Exported figures go into printed notes: always on a light background.
            (ThemeChoice::Light, self.prefs.text_scale)
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

    /// Lends the file part what it acts on.
    fn files_desk(&mut self) -> (&mut files::Files, files::Desk<'_>) {
        (
            &mut self.files,
            files::Desk {
                doc: &mut self.doc,
                notices: &mut self.notices,
                prefs: &mut self.prefs,
                ui: &mut self.ui,
                baseline: &self.baseline,
                run: self.current.run(),
            },
        )
    }

    /// Does what a file action left for the other parts.
    fn file_effects(&mut self, ctx: &egui::Context, effects: Vec<files::FileEffect>) {
        for effect in effects {
            match effect {
                files::FileEffect::NewDocument => {
                    self.current.forget();
                    self.facilitation.reset(&mut self.ui);
                }
                files::FileEffect::CompareWith(path, loaded) => {
                    self.compare_with_loaded(&path, *loaded)
                }
                files::FileEffect::Export(what, path) => self.start_export(ctx, what, path),
            }
        }
    }

    /// Carries out a file action; `confirmed` skips the unsaved-changes prompt.
    pub(super) fn file_action(&mut self, ctx: &egui::Context, action: FileAction, confirmed: bool) {
        let (files, mut desk) = self.files_desk();
        let effects = files.file_action(ctx, &mut desk, action, confirmed);
        self.file_effects(ctx, effects);
    }

    /// Applies one command.
    fn handle(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(change) => {
                self.notices.clear_message();
                self.facilitation.apply(
                    &mut self.doc,
                    self.ui.presenter,
                    change,
                    &mut self.notices,
                );
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.notices.say("Nothing to undo");
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.notices.say("Nothing to redo");
                }
            }
            Command::File(action) => self.file_action(ctx, action, false),
            Command::SetTheme(t) => self.prefs.theme = t,
            Command::SetTextScale(s) => self.prefs.text_scale = s.clamp(0.7, 2.5),
            Command::Prompt(choice) => {
                let (files, mut desk) = self.files_desk();
                let effects = files.answer_prompt(ctx, &mut desk, choice);
                self.file_effects(ctx, effects);
            }
            Command::ChangedOnDisk(choice) => {
                let (files, mut desk) = self.files_desk();
                let effects = files.answer_changed_on_disk(ctx, &mut desk, choice);
                self.file_effects(ctx, effects);
            }
            Command::Recovery(choice) => {
                let (files, mut desk) = self.files_desk();
                files.answer_recovery(&mut desk, choice);
            }
            Command::TypedPath(path) => {
                let (files, mut desk) = self.files_desk();
                let effects = files.typed_path(ctx, &mut desk, path);
                self.file_effects(ctx, effects);
            }
            Command::CloseModal => {
                self.notices.close();
                self.files.forget_path_request();
            }
            Command::ConfirmReplace(replace) => {
                let (files, mut desk) = self.files_desk();
                let effects = files.confirm_replace(ctx, &mut desk, replace);
                self.file_effects(ctx, effects);
            }
            Command::CancelRead => {
                let (files, mut desk) = self.files_desk();
                files.cancel_read(&mut desk);
            }
            Command::OpenForRepair => {
                let (files, mut desk) = self.files_desk();
                let effects = files.open_for_repair(&mut desk);
                self.file_effects(ctx, effects);
            }
            Command::ShowProblems => {
                self.notices.close();
                self.ui.presenter = false;
                self.ui.selection = ui::Selection::Scenario;
            }
            Command::ShowAbout => self.notices.show(Modal::About),
            Command::ShowModelSources(tab) => {
                self.ui.sources.open = true;
                self.ui.sources.tab = tab;
            }
            Command::ClearRecent => self.prefs.recent.clear(),
            Command::StoryNext => {
                self.facilitation
                    .story_next(&mut self.doc, &mut self.ui, &mut self.notices)
            }
            Command::StoryBack => {
                self.facilitation
                    .story_back(&mut self.doc, &mut self.ui, &mut self.notices)
            }
            Command::TogglePresenter => self.toggle_presenter(ctx),
            Command::TogglePlay => self.toggle_play(),
            Command::StoryRecord(title) => self.facilitation.story_record(
                &mut self.doc,
                &mut self.ui,
                &title,
                &mut self.notices,
            ),
            Command::Log(c) => {
                self.facilitation
                    .log_command(&mut self.doc, &mut self.ui, c, &mut self.notices)
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
    current: &'a current::Current,
    baseline: &'a Scenario,
    dark: bool,
) -> ViewCtx<'a> {
    ViewCtx {
        scenario: doc.scenario(),
        run: current.run(),
        previous: current.previous(),
        baseline,
        claims: current.claims(),
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
            constants_plausible: Default::default(),
            ensemble: Default::default(),
            story: Vec::new(),
            live_levers: Vec::new(),
            claims: Vec::new(),
            round_log: Vec::new(),
            teams: Vec::new(),
            rounds: Vec::new(),
            played: Vec::new(),
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
                    repairable: false,
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
