//! Background jobs of the app (ensembles, attributions, tornados, sweeps, export writes): each runs
//! on its own named thread with a cancel flag and a progress counter the engine updates, and sends
//! its one result back over a channel that the app polls once per frame, so no frame ever waits.
//! Dropping a job cancels it: a result nobody will read is not worth the cores.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How often the window redraws while a job runs, to move its progress bar.
pub const PROGRESS_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);

/// A job running on a background thread, yielding one `T` or an error text.
pub struct Job<T> {
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicUsize>,
    total: usize,
    rx: Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread called `name`; `total` is the count `work` advances `progress` to.
    /// The window is asked to redraw when the result is ready.
    pub fn spawn(
        name: &str,
        total: usize,
        repaint: &egui::Context,
        work: impl FnOnce(&AtomicBool, &AtomicUsize) -> Result<T, String> + Send + 'static,
    ) -> Result<Self, String> {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = std::sync::mpsc::channel();
        let (c, p, ctx) = (cancel.clone(), progress.clone(), repaint.clone());
        std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let result = work(&c, &p);
                // The receiver is gone when the job was dropped; nothing is waiting then.
                let _ = tx.send(result);
                ctx.request_repaint();
            })
            .map_err(|e| format!("could not start the {name} thread: {e}"))?;
        Ok(Self {
            cancel,
            progress,
            total: total.max(1),
            rx,
        })
    }
}

impl<T> Job<T> {
    /// The result once the thread finished; `None` while it runs.
    pub fn poll(&self) -> Option<Result<T, String>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the background job stopped".into())),
        }
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
        assert_eq!(result, Ok(7));
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
        drop(job);
        let _ = go_tx.send(());
        let start = std::time::Instant::now();
        while !seen.load(Ordering::Relaxed) {
            assert!(start.elapsed().as_secs() < 5, "the thread saw no cancel");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}
