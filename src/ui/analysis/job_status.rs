//! The progress of a background analysis: a bar with the runs done and a Cancel button.

use egui::Ui;

use super::JobProgress;

/// Shows the bar; returns true when Cancel was clicked. `what` names the job for the button's
/// accessible name ("Cancel ensemble").
pub fn progress_ui(ui: &mut Ui, what: &str, progress: JobProgress, width: f32) -> bool {
    ui.add(
        egui::ProgressBar::new(progress.fraction())
            .desired_width(width)
            .text(format!(
                "{what}: {} of {} runs",
                progress.done, progress.total
            )),
    );
    let cancel = ui
        .button("Cancel")
        .on_hover_text(format!("Stop the {what}"));
    super::super::widgets::name_widget(ui, &cancel, format!("Cancel {what}"));
    cancel.clicked()
}

/// An analysis's Run button, with why it cannot run and its progress while it runs.
pub struct RunRow<'a> {
    pub label: &'a str,
    pub hover: &'a str,
    /// Why the analysis cannot run now, if it cannot.
    pub blocked: Option<&'a str>,
    pub running: Option<JobProgress>,
    /// Names the job on its Cancel button ("Cancel sweep").
    pub what: &'a str,
}

/// What was clicked in a [`RunRow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunAction {
    None,
    Run,
    Cancel,
}

/// Draws the row's widgets into the current (wrapping) row.
pub fn run_row_ui(ui: &mut Ui, dark: bool, row: &RunRow<'_>) -> RunAction {
    let mut action = RunAction::None;
    let run = ui
        .add_enabled(
            row.blocked.is_none() && row.running.is_none(),
            egui::Button::new(egui::RichText::new(row.label).strong()),
        )
        .on_hover_text(row.hover);
    if run.clicked() {
        action = RunAction::Run;
    }
    if let Some(p) = row.running
        && progress_ui(ui, row.what, p, 220.0)
    {
        action = RunAction::Cancel;
    }
    if let Some(why) = row.blocked {
        ui.label(egui::RichText::new(why).color(super::super::theme::warning_colour(dark)));
    }
    action
}

/// Under an analysis's controls: its last error, a hint until it first ran, and a warning when its
/// result no longer matches the scenario (`stale`).
pub fn status_lines_ui(
    ui: &mut Ui,
    dark: bool,
    error: Option<&str>,
    first_run_hint: Option<&str>,
    stale: Option<&str>,
) {
    use super::super::theme;
    if let Some(e) = error {
        ui.label(egui::RichText::new(e).color(theme::error_colour(dark)));
    }
    if let Some(hint) = first_run_hint {
        ui.label(egui::RichText::new(hint).weak());
    }
    if let Some(warning) = stale {
        ui.label(egui::RichText::new(warning).color(theme::warning_colour(dark)));
    }
}
