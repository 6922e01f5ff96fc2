//! Native file dialogs without freezing the window: each dialog runs on its own named thread and the
//! app polls for the answer. Where no dialog service exists (a bare X server, CI), the app is told so
//! and offers a path field instead. Tests use [`NoDialogs`], which never opens a real dialog.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Why a dialog is wanted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    ExportCsv,
    ExportLog,
    ExportPng,
    ExportSvg,
    /// The Markdown briefing.
    ExportBriefing,
}

/// How a dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    Picked(PathBuf),
    Cancelled,
    /// There is no working dialog; the reason is shown beside the path field.
    Unavailable(String),
}

/// A source of file dialogs.
pub trait FileDialogs {
    /// Starts a dialog; answers at once with `Some` when no dialog can be shown.
    fn request(
        &mut self,
        purpose: DialogPurpose,
        suggested: Option<PathBuf>,
    ) -> Option<DialogOutcome>;
    /// The answer of a running dialog, once there is one.
    fn poll(&mut self) -> Option<(DialogPurpose, DialogOutcome)>;
    /// Whether a dialog is open (the app keeps polling).
    fn busy(&self) -> bool;
}

/// Never shows a dialog: every request asks for a typed path. Used in tests and headless runs.
#[derive(Default)]
pub struct NoDialogs;

impl FileDialogs for NoDialogs {
    fn request(&mut self, _: DialogPurpose, _: Option<PathBuf>) -> Option<DialogOutcome> {
        Some(DialogOutcome::Unavailable(
            "File dialogs are turned off here; type a path.".into(),
        ))
    }

    fn poll(&mut self) -> Option<(DialogPurpose, DialogOutcome)> {
        None
    }

    fn busy(&self) -> bool {
        false
    }
}

/// Desktop dialogs through rfd (the XDG desktop portal on Linux), each on a background thread.
pub struct NativeDialogs {
    tx: Sender<(DialogPurpose, DialogOutcome)>,
    rx: Receiver<(DialogPurpose, DialogOutcome)>,
    open: bool,
    repaint: egui::Context,
    /// Once a dialog failed to appear, the next requests go straight to the path field instead
    /// of waiting seconds again for a portal that is not there.
    unavailable: Option<String>,
}

impl NativeDialogs {
    pub fn new(repaint: egui::Context) -> Self {
        let (tx, rx) = channel();
        Self {
            tx,
            rx,
            open: false,
            repaint,
            unavailable: None,
        }
    }
}

/// A dialog that answers "nothing picked" faster than a person could means there was no dialog.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

impl FileDialogs for NativeDialogs {
    fn request(
        &mut self,
        purpose: DialogPurpose,
        suggested: Option<PathBuf>,
    ) -> Option<DialogOutcome> {
        if self.open {
            return None;
        }
        if let Some(reason) = &self.unavailable {
            return Some(DialogOutcome::Unavailable(reason.clone()));
        }
        if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            return Some(DialogOutcome::Unavailable(
                "No desktop file-dialog service is running (no D-Bus session); type a path instead.".into(),
            ));
        }
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let mut dialog = rfd::FileDialog::new();
                if let Some(dir) = suggested
                    .as_ref()
                    .and_then(|p| p.parent())
                    .filter(|d| d.is_dir())
                {
                    dialog = dialog.set_directory(dir);
                }
                if let Some(name) = suggested.as_ref().and_then(|p| p.file_name()) {
                    dialog = dialog.set_file_name(name.to_string_lossy());
                }
                let started = Instant::now();
                let picked = match purpose {
                    DialogPurpose::Open => dialog.add_filter("Scenario", &["ron"]).pick_file(),
                    DialogPurpose::SaveAs => dialog.add_filter("Scenario", &["ron"]).save_file(),
                    DialogPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).save_file(),
                    DialogPurpose::ExportLog => dialog.add_filter("Markdown", &["md"]).save_file(),
                    DialogPurpose::ExportPng => dialog.add_filter("PNG", &["png"]).save_file(),
                    DialogPurpose::ExportSvg => dialog.add_filter("SVG", &["svg"]).save_file(),
                    DialogPurpose::ExportBriefing => {
                        dialog.add_filter("Markdown", &["md"]).save_file()
                    }
                };
                let outcome = match picked {
                    Some(path) => DialogOutcome::Picked(path),
                    None if started.elapsed() < NO_DIALOG_WITHIN => DialogOutcome::Unavailable(
                        "No file dialog appeared (no desktop portal?); type a path instead.".into(),
                    ),
                    None => DialogOutcome::Cancelled,
                };
                let _ = tx.send((purpose, outcome));
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.open = true;
                None
            }
            Err(e) => Some(DialogOutcome::Unavailable(format!(
                "Could not start a file dialog ({e}); type a path."
            ))),
        }
    }

    fn poll(&mut self) -> Option<(DialogPurpose, DialogOutcome)> {
        let answer = self.rx.try_recv().ok();
        if let Some((_, outcome)) = &answer {
            self.open = false;
            if let DialogOutcome::Unavailable(reason) = outcome {
                self.unavailable = Some(reason.clone());
            }
        }
        answer
    }

    fn busy(&self) -> bool {
        self.open
    }
}
