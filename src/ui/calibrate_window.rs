//! The calibration window (Model → Calibrate…): what calibration does, which backcast it fits
//! against, a progress bar with Cancel while it runs, then the report and Apply.

use egui::RichText;

use super::Command;

/// What the window asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalibrateCommand {
    Open,
    Run,
    Cancel,
    Apply,
    Close,
}

/// What the window shows, from the app's calibration state.
pub struct CalibrationView<'a> {
    /// The open scenario's target, when it is itself a backcast.
    pub scenario_is_backcast: Option<&'a str>,
    /// (evaluations, budget) while the fit runs.
    pub running: Option<(usize, usize)>,
    pub report: Option<&'a str>,
    /// The scenario changed after this report was computed.
    pub stale: bool,
    pub error: Option<&'a str>,
    pub applied: bool,
}

/// Shows the window; `backcast_path` is the typed backcast file (empty: the shipped one).
pub fn calibrate_window_ui(
    ctx: &egui::Context,
    view: &CalibrationView<'_>,
    backcast_path: &mut String,
) -> Vec<Command> {
    let mut out = Vec::new();
    let mut open = true;
    egui::Window::new("Calibrate")
        .open(&mut open)
        .collapsible(false)
        .pivot(egui::Align2::CENTER_TOP)
        .default_pos(ctx.content_rect().center_top() + egui::vec2(0.0, 48.0))
        .default_width(720.0)
        .max_height(ctx.content_rect().height() * 0.85)
        .show(ctx, |ui| {
            ui.label(
                "Sets each state's anchor and each power's sector pull so that the scenario starts at rest, \
                 and fits the constants no source fixes (adjustment years, susceptibility, hedging shield, \
                 lever influence, lock-in, camp binding) so that a backcast unfolds into the scenario's start.",
            );
            ui.add_space(4.0);
            match view.scenario_is_backcast {
                Some(target) => {
                    ui.label(format!(
                        "The open scenario is a backcast: it is fitted against {target} beside its file."
                    ));
                }
                None => {
                    ui.horizontal(|ui| {
                        let label = ui.label("Backcast file:");
                        ui.add(
                            egui::TextEdit::singleline(backcast_path)
                                .hint_text("empty: the shipped backcast 2015–2025")
                                .desired_width(380.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("A scenario that ends where this one starts, e.g. saved_scenarios/backcast_2015.ron");
                    });
                }
            }
            ui.add_space(6.0);
            match view.running {
                Some((done, total)) => {
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                                .desired_width(360.0)
                                .text(format!("{done} runs of the model")),
                        );
                        if ui.button("Cancel").clicked() {
                            out.push(Command::Calibrate(CalibrateCommand::Cancel));
                        }
                    });
                }
                None => {
                    ui.horizontal(|ui| {
                        if ui
                            .button("Run calibration")
                            .on_hover_text("Takes about a second; the open scenario is not changed until you apply")
                            .clicked()
                        {
                            out.push(Command::Calibrate(CalibrateCommand::Run));
                        }
                        let can_apply = view.report.is_some() && !view.stale && !view.applied;
                        if ui
                            .add_enabled(can_apply, egui::Button::new("Apply to the scenario"))
                            .on_hover_text("Writes the fitted values with their basis notes, as one undo step")
                            .clicked()
                        {
                            out.push(Command::Calibrate(CalibrateCommand::Apply));
                        }
                        if ui.button("Close").clicked() {
                            out.push(Command::Calibrate(CalibrateCommand::Close));
                        }
                    });
                }
            }
            if let Some(error) = view.error {
                ui.colored_label(ui.visuals().warn_fg_color, error);
            }
            if view.stale {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The scenario changed after this calibration: run it again to apply.",
                );
            }
            if view.applied {
                ui.label("Applied. Undo (Ctrl+Z) takes it back.");
            }
            if let Some(report) = view.report {
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() * 0.5)
                    .show(ui, |ui| {
                        ui.label(RichText::new(report).monospace());
                    });
            }
        });
    if !open {
        out.push(Command::Calibrate(CalibrateCommand::Close));
    }
    out
}
