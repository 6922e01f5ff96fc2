//! The status bar: the last run's time and shape, and the first validation problem (with a count).

use egui::{RichText, Ui};

use crate::model::{Problem, Scenario, Severity};

use super::settings_panel::resolution;
use super::state::{Selection, UiState};
use super::theme;

/// What the status bar shows about the engine.
pub struct RunStatus<'a> {
    pub seconds: Option<f64>,
    pub problems: &'a [Problem],
    pub message: Option<&'a str>,
}

pub fn status_bar_ui(
    ui: &mut Ui,
    scenario: &Scenario,
    status: &RunStatus<'_>,
    state: &mut UiState,
    dark: bool,
) {
    ui.horizontal(|ui| {
        let errors: Vec<&Problem> = status
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .collect();
        let warnings = status.problems.len() - errors.len();
        if let Some(first) = errors.first() {
            let text = RichText::new(format!("Not run: {first}")).color(theme::error_colour(dark));
            if ui.link(text).on_hover_text("Show every problem").clicked() {
                state.selection = Selection::Scenario;
            }
            if errors.len() > 1 {
                ui.label(format!("(+{} more)", errors.len() - 1));
            }
        } else if let Some(sec) = status.seconds {
            ui.label(format!(
                "Ran in {:.2} ms · {} states · {} powers · {}–{} {}",
                sec * 1e3,
                scenario.states.len(),
                scenario.powers.len(),
                scenario.time.start_year,
                scenario.time.end_year,
                resolution(scenario.time.steps_per_year)
            ));
        }
        if warnings > 0 {
            let text =
                RichText::new(format!("{warnings} warning(s)")).color(theme::warning_colour(dark));
            if ui.link(text).clicked() {
                state.selection = Selection::Scenario;
            }
        }
        if let Some(msg) = status.message {
            ui.separator();
            ui.label(msg);
        }
    });
}
