//! Background jobs of the app (ensembles, attributions, tornados, sweeps, export writes): each runs
//! on its own named thread with a cancel flag and a progress counter the engine updates, and sends
//! its one result back over a channel that the app polls once per frame, so no frame ever waits.
//! Dropping a job cancels it: a result nobody will read is not worth the cores. What comes back is
//! typed ([`JobError`]): a cancelled job says so as a variant, never as a message text.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How often the window redraws while a job runs, to move its progress bar.
pub const PROGRESS_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);

use crate::analysis::AnalysisError;
use crate::calibration::CalibrationError;
use crate::engine::SimError;
use crate::io::{LoadError, SaveError};

/// Why a background job gave no result.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Stopped by the user or by a newer request: nothing to report.
    #[error("cancelled")]
    Cancelled,
    #[error(transparent)]
    Sim(SimError),
    #[error(transparent)]
    Analysis(AnalysisError),
    #[error(transparent)]
    Calibration(CalibrationError),
    /// A file the job needed could not be read.
    #[error("{}: {source}", path.display())]
    Load { path: PathBuf, source: LoadError },
    /// The shipped backcast did not load (a broken build).
    #[error("the shipped backcast: {0}")]
    Shipped(LoadError),
    /// A backcast names its target beside it, but has no folder yet.
    #[error(
        "This backcast has not been saved, so its target {target} cannot be found beside it: save it first"
    )]
    UnsavedBackcast { target: String },
    /// A figure could not be drawn.
    #[error(transparent)]
    Figure(crate::figure::FigureError),
    /// A file was not written (the old one is intact).
    #[error(transparent)]
    Write(SaveError),
    /// The thread ended without sending a result (it panicked).
    #[error("the background job stopped without a result")]
    Stopped,
    /// No thread could be started.
    #[error("could not start the {name} thread: {source}")]
    Spawn {
        name: String,
        source: std::io::Error,
    },
}

impl JobError {
    pub fn is_cancelled(&self) -> bool {
        matches!(self, JobError::Cancelled)
    }
}

impl From<SimError> for JobError {
    fn from(e: SimError) -> Self {
        match e {
            SimError::Cancelled => JobError::Cancelled,
            e => JobError::Sim(e),
        }
    }
}

impl From<AnalysisError> for JobError {
    fn from(e: AnalysisError) -> Self {
        match e {
            AnalysisError::Cancelled | AnalysisError::Sim(SimError::Cancelled) => {
                JobError::Cancelled
            }
            e => JobError::Analysis(e),
        }
    }
}

impl From<CalibrationError> for JobError {
    fn from(e: CalibrationError) -> Self {
        match e {
            CalibrationError::Cancelled | CalibrationError::Sim(SimError::Cancelled) => {
                JobError::Cancelled
            }
            e => JobError::Calibration(e),
        }
    }
}

impl From<SaveError> for JobError {
    fn from(e: SaveError) -> Self {
        JobError::Write(e)
    }
}

/// A job running on a background thread, yielding one `T` or a [`JobError`].
pub struct Job<T> {
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicUsize>,
    total: usize,
    rx: Receiver<(Result<T, JobError>, std::time::Duration)>,
    /// How long the work ran (wall clock), once it finished.
    took: std::cell::Cell<Option<std::time::Duration>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread called `name`; `total` is the count `work` advances `progress` to.
    /// The window is asked to redraw when the result is ready.
    pub fn spawn(
        name: &str,
        total: usize,
        repaint: &egui::Context,
        work: impl FnOnce(&AtomicBool, &AtomicUsize) -> Result<T, JobError> + Send + 'static,
    ) -> Result<Self, JobError> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let (c, p, ctx) = (cancel.clone(), progress.clone(), repaint.clone());
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let started = std::time::Instant::now();
                let result = (work(&c, &p), started.elapsed());
                // The receiver is gone when the job was dropped; nothing is waiting then.
                let _ = tx.send(result);
                ctx.request_repaint();
            })
            .map_err(|source| JobError::Spawn {
                name: name.to_string(),
                source,
            })?;
        Ok(Self {
            cancel,
            progress,
            total: total.max(1),
            rx,
            took: std::cell::Cell::new(None),
        })
    }
}

impl<T> Job<T> {
    /// The result once the thread finished; `None` while it runs.
    pub fn poll(&self) -> Option<Result<T, JobError>> {
        match self.rx.try_recv() {
            Ok((result, took)) => {
                self.took.set(Some(took));
                Some(result)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(JobError::Stopped)),
        }
    }

    /// How long the work ran, once [`Job::poll`] returned its result.
    pub fn took(&self) -> Option<std::time::Duration> {
        self.took.get()
    }

    /// Finished runs and the total, for a progress label.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.progress.load(Ordering::Relaxed).min(self.total),
            self.total,
        )
    }

    /// Asks the thread to stop; the engine checks the flag before each run.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_its_result_and_dropping_cancels_it() {
        let ctx = egui::Context::default();
        let job = Job::spawn("test-job", 4, &ctx, |_, progress| {
            progress.store(4, Ordering::Relaxed);
            Ok(7)
        })
        .unwrap();
        let start = std::time::Instant::now();
        let result = loop {
            if let Some(r) = job.poll() {
                break r;
            }
            assert!(start.elapsed().as_secs() < 5);
            std::thread::sleep(std::time::Duration::from_millis(2));
        };
        assert_eq!(result.ok(), Some(7));
        assert_eq!(job.counts(), (4, 4));

        let seen = Arc::new(AtomicBool::new(false));
        let flag = seen.clone();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let job = Job::spawn("test-cancel", 1, &ctx, move |cancel, _| {
            let _ = go_rx.recv();
            flag.store(cancel.load(Ordering::Relaxed), Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
        // A cancelled engine run comes back as the Cancelled variant, never as a message.
        assert!(JobError::from(SimError::Cancelled).is_cancelled());
        assert!(JobError::from(AnalysisError::Sim(SimError::Cancelled)).is_cancelled());
        assert!(!JobError::from(SimError::Invalid("x".into())).is_cancelled());
        drop(job);
        let _ = go_tx.send(());
        let start = std::time::Instant::now();
        while !seen.load(Ordering::Relaxed) {
            assert!(start.elapsed().as_secs() < 5, "the thread saw no cancel");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}
