//! The app side of the analyses: the pinned comparison scenario A, the comparison tables (kept per
//! document generation and cursor year), the ensemble behind the uncertainty bands — restarted,
//! debounced, when the scenario changes, the old job cancelled — and the attribution, tornado and
//! sweep jobs with their results. Every heavy step runs on a named background thread.

use std::path::Path;

use crate::analysis::{
    self, AttributionOptions, AttributionPlan, InputDifference, Outcome, OutcomeDifference,
    OutcomeKind, Sweep, SweepSpec,
};
use crate::engine::{self, BlocIndex, EnsembleRun, Run};
use crate::io;
use crate::model::Scenario;
use crate::ui::FileAction;
use crate::ui::analysis::{
    AnalysisCommand, AnalysisTab, AnalysisView, AttributionResult, ChartOverlay, JobProgress,
    JobView, PinnedView, ResultKey, RobustnessResult, SweepResult, TornadoResult,
};

use super::AseanApp;
use super::jobs::{Job, JobError, PROGRESS_REPAINT};

/// Edits closer together than this restart the ensemble only once (a slider drag is many edits),
/// unless the ensemble is fast enough to follow them live.
const DEBOUNCE_S: f64 = 0.3;

/// An ensemble that last finished within this follows edits live: no debounce, and a job for an
/// older edit runs to its end before the newest edit's starts, so the bands move with a slider drag
/// as often as the machine can compute them (the default 200 members take a few milliseconds in a
/// release build, 1,000 about 15 ms). A slower one is cancelled by an edit and debounced.
const LIVE_ENSEMBLE_S: f64 = 1.0;

/// The comparison scenario A and its run.
pub struct Pinned {
    pub scenario: Scenario,
    pub run: Run,
    /// "pinned at 14:02 UTC" or the file it came from.
    pub source: String,
    pub id: u64,
    /// Why A is not drawn into the charts, if it is not.
    pub no_overlay: Option<String>,
}

/// One kind of analysis: its running job, its last result and its last error.
pub struct Slot<T> {
    job: Option<Job<T>>,
    result: Option<T>,
    error: Option<String>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Self {
            job: None,
            result: None,
            error: None,
        }
    }
}

impl<T: Send + 'static> Slot<T> {
    fn start(&mut self, job: Result<Job<T>, JobError>) {
        match job {
            Ok(job) => {
                self.job = Some(job);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }
}

impl<T> Slot<T> {
    /// The finished job's result (a cancelled job yields nothing and no error).
    fn poll(&mut self) -> Option<T> {
        let done = self.job.as_ref()?.poll()?;
        self.job = None;
        match done {
            Ok(value) => Some(value),
            Err(e) => {
                if !e.is_cancelled() {
                    self.error = Some(e.to_string());
                }
                None
            }
        }
    }

    fn progress(&self) -> Option<JobProgress> {
        self.job.as_ref().map(|j| {
            let (done, total) = j.counts();
            JobProgress { done, total }
        })
    }

    fn view(&self) -> JobView<'_, T> {
        JobView {
            result: self.result.as_ref(),
            running: self.progress(),
            error: self.error.as_deref(),
        }
    }

    /// Stops the running job (dropping it sets its cancel flag).
    fn cancel(&mut self) {
        self.job = None;
    }
}

/// The ensemble behind the bands.
#[derive(Default)]
struct Ensemble {
    job: Option<(u64, Job<EnsembleRun>)>,
    /// How long the last finished ensemble took: short ones follow edits live.
    last_seconds: Option<f64>,
    result: Option<(u64, EnsembleRun)>,
    /// The generation first seen while waiting out the debounce, and when.
    changed: Option<(u64, f64)>,
    /// The generation whose ensemble the user stopped.
    cancelled: Option<u64>,
    error: Option<String>,
    /// Whether bands were wanted in the last frame (switching them on starts at once).
    wanted: bool,
}

/// A finished sweep with the scenario and key it was computed from.
type RawSweep = (SweepSpec, Sweep, Box<Scenario>, ResultKey);

/// Everything the analyses keep between frames.
#[derive(Default)]
pub struct AnalysisState {
    pinned: Option<Pinned>,
    next_pin: u64,
    diff_key: Option<(u64, u64)>,
    diffs: Vec<InputDifference>,
    not_attributable: Option<String>,
    outcome_key: Option<(u64, u64, u64)>,
    outcome_diffs: Vec<OutcomeDifference>,
    ensemble: Ensemble,
    attribution: Slot<AttributionResult>,
    tornado: Slot<TornadoResult>,
    robustness: Slot<RobustnessResult>,
    /// The sweep job yields the grid; its texture is built on the UI thread into `sweep_result`.
    sweep: Slot<RawSweep>,
    sweep_result: Option<SweepResult>,
    /// The generation last checked against the map's scenario.
    sweep_checked: Option<u64>,
    /// Writing exported files.
    writer: Slot<String>,
}

impl AnalysisState {
    /// The key results must carry to be current for document generation `generation`.
    fn key(&self, generation: u64) -> ResultKey {
        ResultKey {
            pin: self.pinned.as_ref().map_or(0, |p| p.id),
            generation,
        }
    }

    /// What the views read.
    pub fn view(&self, generation: u64, exporting: bool) -> AnalysisView<'_> {
        let e = &self.ensemble;
        AnalysisView {
            pinned: self.pinned.as_ref().map(|p| PinnedView {
                scenario: &p.scenario,
                run: &p.run,
                source: &p.source,
                no_overlay: p.no_overlay.as_deref(),
            }),
            current: self.key(generation),
            diffs: if self.pinned.is_some() {
                &self.diffs
            } else {
                &[]
            },
            outcome_diffs: if self.pinned.is_some() {
                &self.outcome_diffs
            } else {
                &[]
            },
            not_attributable: self.not_attributable.as_deref(),
            bands_running: e.job.as_ref().map(|(_, j)| {
                let (done, total) = j.counts();
                JobProgress { done, total }
            }),
            bands_members: e
                .result
                .as_ref()
                .filter(|(g, _)| *g == generation)
                .map(|(_, r)| r.members),
            bands_error: e.error.as_deref(),
            bands_cancelled: e.cancelled == Some(generation) && e.job.is_none(),
            attribution: self.attribution.view(),
            tornado: self.tornado.view(),
            robustness: self.robustness.view(),
            sweep: JobView {
                result: self.sweep_result.as_ref(),
                running: self.sweep.progress(),
                error: self.sweep.error.as_deref(),
            },
            exporting: exporting || self.writer.job.is_some(),
        }
    }

    /// The ensemble of document generation `generation`, if it finished.
    pub fn ensemble_for(&self, generation: u64) -> Option<&EnsembleRun> {
        self.ensemble
            .result
            .as_ref()
            .filter(|(g, _)| *g == generation)
            .map(|(_, r)| r)
    }

    /// The bands to draw for `generation`: its own ensemble, or, during a drag while the ensemble
    /// of `generation` is still computing (a drag moves faster than it), the latest finished one
    /// of a scenario of the same shape, so the bands follow the drag instead of blinking out. Once
    /// the pointer is up, only the scenario's own bands are drawn.
    pub fn bands_for(
        &self,
        generation: u64,
        shape: (usize, usize, usize),
        dragging: bool,
    ) -> Option<(u64, &EnsembleRun)> {
        let e = &self.ensemble;
        let (g, run) = e.result.as_ref()?;
        // An ensemble is on its way to `generation`: running, or waiting out the debounce.
        let computing = e.job.is_some() || e.changed.is_some_and(|(cg, _)| cg == generation);
        let same_shape = {
            let (n, p) = run.shape();
            (n, p, run.times.len()) == shape
        };
        (*g == generation || (dragging && computing && same_shape)).then_some((*g, run))
    }

    pub fn pinned(&self) -> Option<&Pinned> {
        self.pinned.as_ref()
    }

    pub(super) fn start_writer(&mut self, job: Result<Job<String>, JobError>) {
        self.writer.start(job);
    }

    /// The finished export's message, or its error (as the user reads it).
    pub(super) fn poll_writer(&mut self) -> Option<Result<String, String>> {
        if let Some(message) = self.writer.poll() {
            return Some(Ok(message));
        }
        self.writer.error.take().map(Err)
    }

    pub(super) fn writer_busy(&self) -> bool {
        self.writer.job.is_some()
    }

    /// Whether any analysis job runs (the window keeps redrawing its progress).
    fn busy(&self) -> bool {
        self.ensemble.job.is_some()
            || self.attribution.job.is_some()
            || self.tornado.job.is_some()
            || self.robustness.job.is_some()
            || self.sweep.job.is_some()
            || self.writer.job.is_some()
    }

    fn pin(&mut self, scenario: Scenario, run: Run, source: String, b: &Scenario) {
        self.next_pin += 1;
        let codes = |s: &Scenario| {
            (
                s.states.iter().map(|x| x.code.clone()).collect::<Vec<_>>(),
                s.powers.iter().map(|x| x.code.clone()).collect::<Vec<_>>(),
            )
        };
        let no_overlay = (codes(&scenario) != codes(b)).then(|| {
            "A has other states or powers than B, so the charts show B only; the Compare A/B tab \
             matches states by code."
                .to_string()
        });
        self.pinned = Some(Pinned {
            scenario,
            run,
            source,
            id: self.next_pin,
            no_overlay,
        });
        self.diff_key = None;
        self.outcome_key = None;
    }
}

impl AseanApp {
    /// Read-only view of the analyses (tests, and the views each frame).
    pub fn analysis_view(&self) -> AnalysisView<'_> {
        self.analysis
            .view(self.doc.generation(), self.capture.is_some())
    }

    /// What the trajectory charts draw besides the live run (bands, A).
    pub fn chart_overlay(&self) -> &ChartOverlay {
        &self.charts.overlay
    }

    /// Applies an analysis command.
    pub(super) fn analysis_command(&mut self, ctx: &egui::Context, command: AnalysisCommand) {
        match command {
            AnalysisCommand::PinCurrent => self.pin_current(),
            AnalysisCommand::CompareWithFile => {
                self.file_action(ctx, FileAction::CompareWith, false);
            }
            AnalysisCommand::Unpin => {
                self.analysis.pinned = None;
                self.analysis.attribution = Slot::default();
                self.charts.overlay.a = None;
                self.notices.say("Unpinned A");
            }
            AnalysisCommand::CancelEnsemble => {
                let e = &mut self.analysis.ensemble;
                if let Some((generation, _)) = e.job.take() {
                    e.cancelled = Some(generation);
                }
            }
            AnalysisCommand::RestartEnsemble => {
                let e = &mut self.analysis.ensemble;
                e.cancelled = None;
                e.wanted = false;
            }
            AnalysisCommand::RunAttribution(outcome) => self.start_attribution(ctx, outcome),
            AnalysisCommand::RunTornado(outcome, constants) => {
                self.start_tornado(ctx, outcome, constants)
            }
            AnalysisCommand::RunRobustness(outcome, samples) => {
                self.start_robustness(ctx, outcome, samples)
            }
            AnalysisCommand::RunSweep(spec) => self.start_sweep(ctx, *spec),
            AnalysisCommand::Cancel(tab) => match tab {
                AnalysisTab::Attribution => self.analysis.attribution.cancel(),
                AnalysisTab::Sensitivity => self.analysis.tornado.cancel(),
                AnalysisTab::TippingPoints => self.analysis.sweep.cancel(),
                AnalysisTab::Robustness => self.analysis.robustness.cancel(),
                AnalysisTab::Trajectories | AnalysisTab::Compare => {}
            },
            AnalysisCommand::Export(what) => {
                self.file_action(ctx, FileAction::Export(what), false);
            }
        }
    }

    /// Whether the scenario as edited has a run of its own (no validation errors).
    fn run_is_current(&self) -> bool {
        self.current.run().is_some() && !self.current.has_errors()
    }

    fn pin_current(&mut self) {
        let Some(run) = self
            .current
            .run()
            .cloned()
            .filter(|_| self.run_is_current())
        else {
            self.notices
                .say("Nothing to pin: fix the scenario's problems first");
            return;
        };
        let source = format!("pinned at {}", utc_time_of_day());
        let b = self.doc.scenario().clone();
        self.analysis.pin(b.clone(), run, source, &b);
        self.ui.analysis.tab = AnalysisTab::Compare;
        self.notices
            .say("Pinned the scenario as A: edit it to make B");
    }

    /// Compares with a scenario read from `path` as A (the open scenario is untouched).
    pub(super) fn compare_with_loaded(&mut self, path: &Path, loaded: io::Loaded) {
        let io::Loaded { scenario, notices } = loaded;
        self.notices
            .set_modal(super::files::opened_notice(path, &notices));
        match engine::run(&scenario) {
            Ok(run) => {
                let file = path.file_name().map_or(path.display().to_string(), |f| {
                    f.to_string_lossy().into_owned()
                });
                self.analysis
                    .pin(scenario, run, format!("from {file}"), self.doc.scenario());
                self.ui.analysis.tab = AnalysisTab::Compare;
                self.notices
                    .say(format!("Comparing with {} as A", path.display()));
            }
            Err(e) => {
                self.notices
                    .error("The scenario cannot be compared", e.to_string());
            }
        }
    }

    fn start_attribution(&mut self, ctx: &egui::Context, outcome: Outcome) {
        let Some(pinned) = &self.analysis.pinned else {
            return;
        };
        let b = self.doc.scenario();
        let plan = match AttributionPlan::new(
            &pinned.scenario,
            b,
            &outcome,
            &AttributionOptions::default(),
        ) {
            Ok(plan) => plan,
            Err(e) => {
                self.analysis.attribution.error = Some(e.to_string());
                return;
            }
        };
        let label = outcome.label(b);
        let key = self.analysis.key(self.doc.generation());
        let job = Job::spawn("attribution", plan.runs(), ctx, move |cancel, progress| {
            plan.run(cancel, progress)
                .map(|at| AttributionResult::new(outcome, label, at, key))
                .map_err(JobError::from)
        });
        self.analysis.attribution.start(job);
    }

    fn start_tornado(&mut self, ctx: &egui::Context, outcome: Outcome, constants: bool) {
        let s = self.doc.scenario().clone();
        let knobs = analysis::sensitivity_swings(&s, constants);
        let label = outcome.label(&s);
        let key = self.analysis.key(self.doc.generation());
        let total = analysis::tornado_runs(knobs.len());
        let job = Job::spawn("sensitivity", total, ctx, move |cancel, progress| {
            analysis::tornado(&s, &outcome, &knobs, cancel, progress)
                .map(|tornado| TornadoResult {
                    outcome,
                    label,
                    tornado,
                    key,
                })
                .map_err(JobError::from)
        });
        self.analysis.tornado.start(job);
    }

    fn start_robustness(&mut self, ctx: &egui::Context, outcome: Outcome, samples: usize) {
        let s = self.doc.scenario().clone();
        let label = outcome.label(&s);
        let key = self.analysis.key(self.doc.generation());
        let options = analysis::RobustnessOptions {
            base_samples: samples,
            ..Default::default()
        };
        let total =
            analysis::robustness_runs(options.base_samples, analysis::plausible_factors(&s).len());
        let job = Job::spawn("robustness", total, ctx, move |cancel, progress| {
            analysis::robustness(&s, &outcome, &options, cancel, progress)
                .map(|robustness| RobustnessResult {
                    outcome,
                    label,
                    statement: analysis::leaning_statement(&s, &robustness),
                    robustness,
                    key,
                })
                .map_err(JobError::from)
        });
        self.analysis.robustness.start(job);
    }

    fn start_sweep(&mut self, ctx: &egui::Context, spec: SweepSpec) {
        let s = Box::new(self.doc.scenario().clone());
        let key = self.analysis.key(self.doc.generation());
        let job = Job::spawn(
            "tipping-sweep",
            spec.runs(),
            ctx,
            move |cancel, progress| {
                analysis::sweep(&s, &spec, cancel, progress)
                    .map(|sweep| (spec, sweep, s, key))
                    .map_err(JobError::from)
            },
        );
        self.analysis.sweep.start(job);
    }

    /// Once per frame, before drawing: collects finished jobs, keeps the ensemble in step with the
    /// scenario, refreshes the comparison tables and what the charts draw besides the run.
    pub(super) fn tick_analysis(&mut self, ctx: &egui::Context) {
        let a = &mut self.analysis;
        if let Some(r) = a.attribution.poll() {
            a.attribution.result = Some(r);
        }
        if let Some(r) = a.tornado.poll() {
            a.tornado.result = Some(r);
        }
        if let Some(r) = a.robustness.poll() {
            a.robustness.result = Some(r);
        }
        if let Some((spec, sweep, s, key)) = a.sweep.poll() {
            a.sweep_result = Some(SweepResult::new(ctx, &s, spec, sweep, key));
        }
        // Applying a cell changes only the map's two inputs: the map still describes the
        // scenario, so it stays current (checked once per generation).
        let generation = self.doc.generation();
        if let Some(r) = &mut a.sweep_result
            && r.key.generation != generation
            && a.sweep_checked != Some(generation)
        {
            a.sweep_checked = Some(generation);
            if r.describes(self.doc.scenario()) {
                r.key.generation = generation;
            }
        }
        self.tick_ensemble(ctx);
        self.refresh_comparison();
        let dragging = ctx.input(|i| i.pointer.any_down());
        self.refresh_overlay(dragging);
        if self.analysis.busy() {
            ctx.request_repaint_after(PROGRESS_REPAINT);
        }
    }

    fn tick_ensemble(&mut self, ctx: &egui::Context) {
        let generation = self.doc.generation();
        let want = self.ui.analysis.show_bands && self.run_is_current();
        let now = ctx.input(|i| i.time);
        let scenario = self.doc.scenario();
        let e = &mut self.analysis.ensemble;
        if let Some((g, job)) = &e.job
            && let Some(done) = job.poll()
        {
            let g = *g;
            let took = job.took();
            e.job = None;
            match done {
                Ok(run) => {
                    e.last_seconds = took.map(|d| d.as_secs_f64());
                    e.result = Some((g, run));
                }
                Err(err) if err.is_cancelled() => {}
                Err(err) => e.error = Some(err.to_string()),
            }
        }
        if !want {
            e.job = None;
            e.wanted = false;
            return;
        }
        let fresh_start = !e.wanted;
        e.wanted = true;
        if e.result.as_ref().is_some_and(|(g, _)| *g == generation) {
            return;
        }
        let live = e.last_seconds.is_some_and(|s| s < LIVE_ENSEMBLE_S);
        match &e.job {
            Some((g, _)) if *g == generation => return,
            // A fast ensemble finishes what it started; the newest edit's starts right after, so
            // a drag is followed as fast as the machine can compute, one job at a time.
            Some(_) if live => return,
            // The scenario moved on: stop the old job now (dropping it sets its cancel flag).
            Some(_) => e.job = None,
            None => {}
        }
        if e.cancelled == Some(generation) {
            return;
        }
        let since = match e.changed {
            Some((g, t)) if g == generation => t,
            _ => {
                e.changed = Some((generation, now));
                now
            }
        };
        let waited = now - since;
        if !fresh_start && !live && waited < DEBOUNCE_S {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(DEBOUNCE_S - waited));
            return;
        }
        let s = scenario.clone();
        let members = s.ensemble.members as usize;
        match Job::spawn("ensemble", members, ctx, move |cancel, progress| {
            Ok(engine::run_ensemble_with(&s, members, cancel, progress)?)
        }) {
            Ok(job) => {
                e.job = Some((generation, job));
                e.error = None;
            }
            Err(err) => e.error = Some(err.to_string()),
        }
    }

    fn refresh_comparison(&mut self) {
        let generation = self.doc.generation();
        let b = self.doc.scenario();
        let a = &mut self.analysis;
        let Some(pinned) = &a.pinned else {
            return;
        };
        let key = (pinned.id, generation);
        if a.diff_key != Some(key) {
            a.diff_key = Some(key);
            a.diffs = analysis::input_diff(&pinned.scenario, b);
            // Any outcome will do: the plan checks that A and B can be split into hybrids.
            let probe = Outcome::new(OutcomeKind::Bloc(BlocIndex::Cohesion), b.time.end_year);
            a.not_attributable =
                AttributionPlan::new(&pinned.scenario, b, &probe, &AttributionOptions::default())
                    .err()
                    .map(|e| format!("Attribution is not possible: {e}."));
        }
        let Some(run) = self.current.run() else {
            return;
        };
        let year = self
            .ui
            .cursor_year
            .or_else(|| run.times.last().copied())
            .unwrap_or(b.time.end_year);
        let key = (pinned.id, self.current.id(), year.to_bits());
        if a.outcome_key != Some(key) {
            a.outcome_key = Some(key);
            a.outcome_diffs =
                analysis::outcome_differences(&pinned.scenario, b, &pinned.run, run, year);
        }
    }

    /// The pinned scenario's lines and the bands, for the charts; `dragging` lets the bands of the
    /// previous step of a drag stand in while the next ensemble computes.
    fn refresh_overlay(&mut self, dragging: bool) {
        let overlay = &mut self.charts.overlay;
        let vctx = super::view_ctx(&self.doc, &self.current, &self.baseline, false);
        match self
            .analysis
            .pinned
            .as_ref()
            .filter(|p| p.no_overlay.is_none())
        {
            Some(p) => {
                let cache = overlay.a.get_or_insert_with(Default::default);
                cache.refresh(&vctx, &p.run, &self.ui, p.id);
            }
            None => overlay.a = None,
        }
        let (n, p, points) = self
            .current
            .run()
            .map_or((0, 0, 0), |r| (r.n_states, r.n_powers, r.len()));
        let bands = self
            .ui
            .analysis
            .show_bands
            .then(|| {
                self.analysis
                    .bands_for(self.doc.generation(), (n, p, points), dragging)
            })
            .flatten();
        overlay.refresh_bands(bands, &self.ui, n, p);
    }
}

/// "14:02 UTC", from the system clock (the app keeps no time-zone data).
fn utc_time_of_day() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = secs % 86_400;
    format!("{:02}:{:02} UTC", day / 3600, (day % 3600) / 60)
}
