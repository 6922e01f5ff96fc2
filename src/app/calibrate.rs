//! Model → Calibrate…: the calibration of `asean-futures calibrate`, run on a background job with
//! progress and Cancel, its report shown, and its result applied to the open scenario as one undo
//! step. Files are read on the job's thread, never on the UI thread.

use std::path::PathBuf;

use crate::calibration::{self, Calibration, EVALUATION_BUDGET};
use crate::io;
use crate::model::Scenario;
use crate::ui::Command;
use crate::ui::calibrate_window::{CalibrateCommand, CalibrationView};

use super::AseanApp;
use super::jobs::{Job, JobError, PROGRESS_REPAINT};

/// A finished calibration, for the document generation it was computed from.
pub struct Finished {
    pub cal: Calibration,
    pub report: String,
    /// The backcast's file name, for the basis notes and the undo label.
    pub against: String,
    pub generation: u64,
}

/// The calibration window's state.
#[derive(Default)]
pub struct CalibrationState {
    open: bool,
    /// A backcast file to fit against; empty for the shipped one.
    backcast_path: String,
    job: Option<(Job<Finished>, u64)>,
    finished: Option<Finished>,
    error: Option<String>,
    applied: bool,
}

impl AseanApp {
    /// The calibration window, when open, and what it asks for.
    pub(super) fn calibration_window(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if !self.calibration.open {
            return Vec::new();
        }
        let view = self.calibration_view();
        let mut path = self.calibration.backcast_path.clone();
        let answers = crate::ui::calibrate_window::calibrate_window_ui(ctx, &view, &mut path);
        self.calibration.backcast_path = path;
        answers
    }

    /// Whether a calibration is running.
    pub fn calibration_running(&self) -> bool {
        self.calibration.job.is_some()
    }

    /// What the calibration window shows.
    pub(super) fn calibration_view(&self) -> CalibrationView<'_> {
        let c = &self.calibration;
        let scenario = self.doc.scenario();
        CalibrationView {
            scenario_is_backcast: scenario.calibration.as_ref().map(|t| t.target.as_str()),
            running: c.job.as_ref().map(|(job, _)| job.counts()),
            report: c.finished.as_ref().map(|f| f.report.as_str()),
            stale: c
                .finished
                .as_ref()
                .is_some_and(|f| f.generation != self.doc.generation()),
            error: c.error.as_deref(),
            applied: c.applied,
        }
    }

    pub(super) fn calibration_command(&mut self, ctx: &egui::Context, command: CalibrateCommand) {
        match command {
            CalibrateCommand::Open => self.calibration.open = true,
            CalibrateCommand::Run => self.start_calibration(ctx),
            CalibrateCommand::Cancel => {
                if let Some((job, _)) = self.calibration.job.take() {
                    job.cancel();
                    self.calibration.error = Some("Calibration cancelled: nothing changed".into());
                }
            }
            CalibrateCommand::Apply => self.apply_calibration(ctx),
            CalibrateCommand::Close => {
                // Dropping the job cancels it.
                self.calibration.job = None;
                self.calibration.open = false;
            }
        }
    }

    fn start_calibration(&mut self, ctx: &egui::Context) {
        let open = self.doc.scenario().clone();
        let doc_dir = self.doc.path().and_then(|p| p.parent()).map(PathBuf::from);
        let chosen = self.calibration.backcast_path.trim().to_string();
        let generation = self.doc.generation();
        self.calibration.finished = None;
        self.calibration.error = None;
        self.calibration.applied = false;
        let job = Job::spawn(
            "calibration",
            EVALUATION_BUDGET,
            ctx,
            move |cancel, progress| {
                let (present, backcast, against) = calibration_pair(open, doc_dir, &chosen)?;
                let cal = calibration::calibrate(&present, &backcast, progress, cancel)?;
                let report = calibration::report(&cal, &present.name, &against);
                Ok(Finished {
                    cal,
                    report,
                    against,
                    generation,
                })
            },
        );
        match job {
            Ok(job) => self.calibration.job = Some((job, generation)),
            Err(e) => self.calibration.error = Some(e.to_string()),
        }
    }

    fn apply_calibration(&mut self, ctx: &egui::Context) {
        let Some(finished) = &self.calibration.finished else {
            return;
        };
        if finished.generation != self.doc.generation() || self.calibration.applied {
            return;
        }
        let (cal, against) = (finished.cal.clone(), finished.against.clone());
        let label = format!("Calibrate against {against}");
        let mut calibrated = self.doc.scenario().clone();
        calibration::apply_calibration(&mut calibrated, &cal, &against);
        self.handle(
            ctx,
            Command::labelled(label, crate::model::Edit::Replace(Box::new(calibrated))),
        );
        self.calibration.applied = true;
        self.notices
            .say("Calibrated: the fitted values are in the scenario (Undo takes them back)");
    }

    /// Collects a finished calibration; keeps the window redrawing while one runs.
    pub(super) fn tick_calibration(&mut self, ctx: &egui::Context) {
        let Some((job, _)) = &self.calibration.job else {
            return;
        };
        match job.poll() {
            None => ctx.request_repaint_after(PROGRESS_REPAINT),
            Some(result) => {
                self.calibration.job = None;
                match result {
                    Ok(finished) => self.calibration.finished = Some(finished),
                    Err(e) if e.is_cancelled() => {
                        self.calibration.error =
                            Some("Calibration cancelled: nothing changed".into());
                    }
                    Err(e) => self.calibration.error = Some(e.to_string()),
                }
            }
        }
    }
}

/// The present and the backcast for the open scenario: a backcast is fitted against its target
/// (beside its file); any other scenario against the chosen backcast, or the shipped one.
fn calibration_pair(
    open: Scenario,
    doc_dir: Option<PathBuf>,
    chosen: &str,
) -> Result<(Scenario, Scenario, String), JobError> {
    let load = |path: &PathBuf| {
        io::load_scenario(path).map_err(|source| JobError::Load {
            path: path.clone(),
            source,
        })
    };
    if let Some(target) = &open.calibration {
        let Some(dir) = doc_dir else {
            return Err(JobError::UnsavedBackcast {
                target: target.target.clone(),
            });
        };
        let present = load(&dir.join(&target.target))?;
        let name = open.name.clone();
        return Ok((present, open, name));
    }
    if chosen.is_empty() {
        let backcast = io::shipped_backcast().map_err(JobError::Shipped)?;
        return Ok((open, backcast, "backcast_2015.ron".into()));
    }
    let path = PathBuf::from(chosen);
    let backcast = load(&path)?;
    let name = path
        .file_name()
        .map_or_else(|| chosen.to_string(), |n| n.to_string_lossy().into_owned());
    Ok((open, backcast, name))
}
