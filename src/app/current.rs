//! The engine's latest word on the open document: its run, how long it took, the problems that
//! stop a run, and its claims measured. The engine re-runs only when the document's generation
//! changed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::analysis::{self, ClaimCheck, ClaimReferences, ClaimRuns};
use crate::document::Document;
use crate::engine::{self, Run, SimError};
use crate::io;
use crate::model::{Problem, Scenario, Severity};

/// The latest run and the validation that decided whether there could be one.
#[derive(Default)]
pub(super) struct Current {
    run: Option<Run>,
    /// The run before the last step (an edit, a story step, an undo), of the same shape: the ghost
    /// every view draws so the room sees what changed. A drag keeps the ghost of before the drag.
    previous: Option<Run>,
    /// The document's step count when `run` was made.
    run_step: u64,
    /// The document generation `run` and `problems` describe.
    generation: Option<u64>,
    /// Changes with every new run, for caches keyed to it.
    id: u64,
    seconds: Option<f64>,
    problems: Vec<Problem>,
    /// The scenario's claims, measured from the start of its story.
    claims: Vec<ClaimCheck>,
    /// The files the claims compare with, read once for the folder and names in the key.
    references: ClaimReferences,
    references_key: Option<(Option<PathBuf>, Vec<String>)>,
    /// The runs of `references`, made once per reading of them.
    reference_runs: ClaimRuns,
}

impl Current {
    /// Validates and re-runs the document if it changed since the last call. A scenario with errors
    /// keeps the last run (the views say it is stale).
    /// `story_start` gives the scenario before its applied story steps, which claims are
    /// measured from.
    pub(super) fn ensure(
        &mut self,
        doc: &Document,
        story_start: impl FnOnce(&Scenario) -> Scenario,
    ) -> Result<(), SimError> {
        if self.generation == Some(doc.generation()) {
            return Ok(());
        }
        self.generation = Some(doc.generation());
        let scenario = doc.scenario();
        self.problems = scenario.validate();
        if self.has_errors() {
            return Ok(());
        }
        let started = Instant::now();
        let run = engine::run(scenario)?;
        self.seconds = Some(started.elapsed().as_secs_f64());
        if let Some(old) = self.run.take()
            && doc.steps() != self.run_step
            && old.n_states == run.n_states
            && old.n_powers == run.n_powers
            && old.times == run.times
        {
            self.previous = Some(old);
        }
        self.run_step = doc.steps();
        self.run = Some(run);
        self.id += 1;
        if scenario.claims.is_empty() {
            self.claims.clear();
        } else {
            let start = story_start(scenario);
            // With no story step applied, the start is the scenario just run.
            let own = if start == *scenario {
                self.run.clone()
            } else {
                None
            };
            self.measure_claims(doc.path(), &start, own.as_ref());
        }
        Ok(())
    }

    fn measure_claims(&mut self, path: Option<&Path>, start: &Scenario, own_run: Option<&Run>) {
        let dir = path.and_then(Path::parent).map(Path::to_path_buf);
        let key = (dir, analysis::claim_reference_names(start));
        if self.references_key.as_ref() != Some(&key) {
            self.references = io::claim_references(start, key.0.as_deref());
            self.references_key = Some(key);
            self.reference_runs = ClaimRuns::default();
        }
        self.claims = analysis::check_claims_reusing(
            start,
            &self.references,
            &mut self.reference_runs,
            own_run,
        );
    }

    /// The scenario's claims, measured with its latest valid version.
    pub(super) fn claims(&self) -> &[ClaimCheck] {
        &self.claims
    }

    /// Forgets the run of a document that is no longer open: a stale run is only shown for an
    /// earlier version of the same document, never for another file.
    pub(super) fn forget(&mut self) {
        *self = Self {
            id: self.id + 1,
            ..Self::default()
        };
    }

    /// The run before the last step, when it can be drawn beside the current one.
    pub(super) fn previous(&self) -> Option<&Run> {
        self.previous.as_ref().filter(|_| self.run.is_some())
    }

    pub(super) fn run(&self) -> Option<&Run> {
        self.run.as_ref()
    }

    pub(super) fn id(&self) -> u64 {
        self.id
    }

    pub(super) fn seconds(&self) -> Option<f64> {
        self.seconds
    }

    pub(super) fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Whether the scenario has errors, so the run (if any) is of an earlier version.
    pub(super) fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}
