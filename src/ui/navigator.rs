//! The navigator: member states, powers, leverage, ASEAN/DEFA policy, time and ensemble settings, and
//! the model constants. Selecting an item shows it in the editor.

use egui::{RichText, Ui};

use crate::model::Severity;

use super::ViewCtx;
use super::state::{Selection, UiState};
use super::theme;

pub fn navigator_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState) {
    let s = ctx.scenario;
    egui::ScrollArea::vertical()
        .id_salt("navigator_scroll")
        .show(ui, |ui| {
            item(
                ui,
                state,
                Selection::Scenario,
                "Scenario",
                "Name, description and checks",
            );
            ui.add_space(4.0);
            ui.label(RichText::new("MEMBER STATES").small().strong());
            for (i, st) in s.states.iter().enumerate() {
                let leaning = ctx.run.map(|run| {
                    let t = cursor_index(run, state.cursor_year);
                    run.leaning(t, i)
                });
                let selected = state.selection == Selection::State(i);
                ui.horizontal(|ui| {
                    let r = ui
                        .selectable_label(selected, format!("{}  {}", st.code, st.name))
                        .on_hover_text(format!("Edit {}'s profile", st.name));
                    if r.clicked() {
                        state.selection = Selection::State(i);
                        state.chart_state = i;
                    }
                    if let Some(o) = leaning {
                        let poles = s.pole_codes();
                        ui.label(
                            RichText::new(&poles[o])
                                .small()
                                .color(theme::pole_colour(s, o, ctx.dark)),
                        )
                        .on_hover_text(
                            "Leaning at the cursor year: the pole with the largest alignment share",
                        );
                    }
                });
            }
            ui.add_space(4.0);
            ui.label(RichText::new("POWERS").small().strong());
            for (p, power) in s.powers.iter().enumerate() {
                let text = RichText::new(format!("{}  {}", power.code, power.name))
                    .color(theme::power_colour(s, p));
                if ui
                    .selectable_label(state.selection == Selection::Power(p), text)
                    .clicked()
                {
                    state.selection = Selection::Power(p);
                }
            }
            ui.add_space(4.0);
            ui.label(RichText::new("POLICY").small().strong());
            item(
                ui,
                state,
                Selection::Leverage,
                "Leverage board",
                "Every power's levers on every state",
            );
            item(
                ui,
                state,
                Selection::Asean,
                "ASEAN / DEFA",
                "Entry into force, hard law, monitoring, harmonisation",
            );
            item(
                ui,
                state,
                Selection::TimeEnsemble,
                "Time & ensemble",
                "Horizon, steps per year, uncertainty ensemble",
            );
            let story = if s.story.is_empty() {
                "Story".to_string()
            } else {
                format!("Story ({} steps)", s.story.len())
            };
            item(
                ui,
                state,
                Selection::Story,
                &story,
                "Steps for a workshop, and the live levers of presenter mode",
            );
            let changed = s.constants != crate::model::Constants::default();
            let calibrated = s
                .constants_basis
                .values()
                .any(|note| crate::model::is_calibrated_note(note));
            let (label, hover) = match (changed, calibrated) {
                (false, _) => ("Constants *", "The model's defaults: judgments, not estimates"),
                (true, true) => (
                    "Constants * (calibrated)",
                    "Some constants were fitted against a backcast (Model menu, Calibrate…); see each one's basis",
                ),
                (true, false) => ("Constants * (changed)", "Changed from the model's defaults"),
            };
            item(ui, state, Selection::Constants, label, hover);
            let errors = s
                .validate()
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            if errors > 0 {
                ui.add_space(6.0);
                let text = RichText::new(format!("{errors} problem(s) to fix"))
                    .color(theme::error_colour(ctx.dark));
                if ui.link(text).clicked() {
                    state.selection = Selection::Scenario;
                }
            }
        });
}

fn item(ui: &mut Ui, state: &mut UiState, sel: Selection, label: &str, help: &str) {
    if ui
        .selectable_label(state.selection == sel, label)
        .on_hover_text(help)
        .clicked()
    {
        state.selection = sel;
    }
}

/// Index of the run's point at the cursor (the last point when the cursor is unset).
pub fn cursor_index(run: &crate::engine::Run, cursor: Option<f64>) -> usize {
    match cursor {
        Some(year) => run.index_of_year(year),
        None => run.len().saturating_sub(1),
    }
}
