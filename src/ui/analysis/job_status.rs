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
