//! What panels ask the app to do: edit the document, undo, open, save, export, quit.

use std::path::PathBuf;

use crate::document::Change;
use crate::model::Edit;

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
    /// Write the open work, problems and all, to another file (when it cannot be saved yet).
    SaveDraftCopy,
    /// Export a view, its data or the briefing.
    Export(super::analysis::ExportWhat),
    Quit,
}

/// The answer to "the file changed on disk since you opened it".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverwriteChoice {
    /// Save over it anyway.
    Overwrite,
    /// Save to another file.
    SaveAs,
    /// Do not save.
    Cancel,
}

/// The answer to "Recover unsaved work?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Open the copy (it stays on disk until the work is saved or discarded).
    Restore,
    /// Decide at the next start (the copy stays).
    Later,
    /// Delete the copy.
    Discard,
}

/// What to do with one entry of the round log (by position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogCommand {
    /// Make the entry's edits again.
    Replay(usize),
    /// Apply the edits that take the entry back.
    TakeBack(usize),
    /// Append a story step holding the entry's edits.
    ToStory(usize),
}

/// A request from the UI, applied by the app at a defined point of the frame.
#[derive(Debug)]
pub enum Command {
    Edit(Change),
    Undo,
    Redo,
    File(FileAction),
    SetTheme(ThemeChoice),
    SetTextScale(f32),
    /// Answer to the unsaved-changes prompt.
    Prompt(PromptChoice),
    /// What to do with the recovery copy found at start.
    Recovery(RecoveryChoice),
    /// Whether to save over a file that changed on disk since it was opened.
    ChangedOnDisk(OverwriteChoice),
    /// A path typed where no file dialog is available.
    TypedPath(PathBuf),
    /// Whether to replace the existing file a typed path names.
    ConfirmReplace(bool),
    /// Stop reading the file being opened; the open scenario stays.
    CancelRead,
    /// Open the file that was refused for its problems as written, to fix them.
    OpenForRepair,
    /// Show the open scenario's problems (the Scenario panel).
    ShowProblems,
    CloseModal,
    ShowAbout,
    /// Open Help → Model & sources at a section.
    ShowModelSources(super::sources_window::SourcesTab),
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
    /// Replay, take back or record as a story step one entry of the round log.
    Log(LogCommand),
    /// Pin, compare, run or cancel an analysis, export.
    Analysis(super::analysis::AnalysisCommand),
    /// Open, run, cancel, apply or close the calibration window.
    Calibrate(super::calibrate_window::CalibrateCommand),
}

impl Command {
    /// An edit that is its own undo step.
    pub fn edit(edit: Edit) -> Self {
        Command::Edit(Change::new(edit))
    }

    /// An edit that merges with others of the same target during one drag.
    pub fn drag(edit: Edit) -> Self {
        Command::Edit(Change::drag(edit))
    }

    /// An edit with its own label in the Edit menu.
    pub fn labelled(label: impl Into<String>, edit: Edit) -> Self {
        Command::Edit(Change::new(edit).labelled(label))
    }
}
