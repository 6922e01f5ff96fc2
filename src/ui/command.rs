//! What panels ask the app to do: edit the document, undo, open, save, export, quit.

use std::path::PathBuf;

use crate::document::Edit;

use super::dialogs::PromptChoice;
use super::theme::ThemeChoice;

/// File actions that may need a dialog and may need to ask about unsaved changes first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileAction {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    ExportCsv,
    ExportCsvTo(PathBuf),
    /// The round log as Markdown.
    ExportLog,
    ExportLogTo(PathBuf),
    /// Load a saved scenario as the comparison scenario A.
    CompareWith,
    /// Export a view, its data or the briefing.
    Export(super::analysis::ExportWhat),
    Quit,
}

/// A request from the UI, applied by the app at a defined point of the frame.
#[derive(Debug)]
pub enum Command {
    Edit(Edit),
    Undo,
    Redo,
    File(FileAction),
    SetTheme(ThemeChoice),
    SetTextScale(f32),
    /// Answer to the unsaved-changes prompt.
    Prompt(PromptChoice),
    /// Restore or drop the recovery copy found at start.
    Recovery {
        restore: bool,
    },
    /// A path typed where no file dialog is available.
    TypedPath(PathBuf),
    CloseModal,
    ShowAbout,
    ShowModelHelp,
    ClearRecent,
    /// Apply the next story step.
    StoryNext,
    /// Take the last applied story step back.
    StoryBack,
    /// Enter or leave presenter mode.
    TogglePresenter,
    /// Start or stop timeline playback.
    TogglePlay,
    /// Record the changes since the last story step as a new step with this title.
    StoryRecord(String),
    /// Pin, compare, run or cancel an analysis, export.
    Analysis(super::analysis::AnalysisCommand),
    /// Open, run, cancel, apply or close the calibration window.
    Calibrate(super::calibrate_window::CalibrateCommand),
}

impl Command {
    /// Shorthand for an edit command.
    pub fn edit(
        label: impl Into<String>,
        f: impl FnOnce(&mut crate::model::Scenario) + Send + 'static,
    ) -> Self {
        Command::Edit(Edit::new(label, f))
    }

    /// An edit that merges with others of the same key during one drag.
    pub fn drag_edit(
        label: impl Into<String>,
        key: impl Into<String>,
        f: impl FnOnce(&mut crate::model::Scenario) + Send + 'static,
    ) -> Self {
        Command::Edit(Edit::new(label, f).in_gesture(key))
    }
}
