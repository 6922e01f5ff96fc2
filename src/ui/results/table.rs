//! The per-state table at the cursor year: leaning, tilt, hedging index, DEFA progress and the
//! dependency on each power (mean over sectors), with the bloc indices underneath.

use egui::{RichText, Ui};

use crate::engine::{BlocIndex, Run};

use super::super::navigator::cursor_index;
use super::super::state::{Selection, UiState};
use super::super::{ViewCtx, theme};

pub fn table_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState, run: &Run) {
    let s = ctx.scenario;
    let t = cursor_index(run, state.cursor_year);
    let poles = s.pole_codes();
    ui.label(
        RichText::new(format!(
            "At {}",
            crate::model::naming::year_text(run.times[t], s.time.steps_per_year)
        ))
        .strong(),
    );
    // Both ways: with many powers the dependency columns run past a narrow results panel.
    egui::ScrollArea::both()
        .id_salt("table_scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("state_table")
                .striped(true)
                .num_columns(5 + s.powers.len())
                .show(ui, |ui| {
                    for h in ["State", "Leaning", "Tilt", "Hedging", "DEFA"] {
                        ui.label(RichText::new(h).strong());
                    }
                    for (p, power) in s.powers.iter().enumerate() {
                        ui.label(
                            RichText::new(format!("dep. {}", power.code))
                                .strong()
                                .color(theme::power_colour(s, p)),
                        )
                        .on_hover_text(format!(
                            "Dependency on {} (mean of the five sectors)",
                            power.name
                        ));
                    }
                    ui.end_row();
                    for (i, st) in s.states.iter().enumerate() {
                        if ui
                            .link(format!("{} {}", st.code, st.name))
                            .on_hover_text("Edit this state")
                            .clicked()
                        {
                            state.selection = Selection::State(i);
                            state.chart_state = i;
                        }
                        let o = run.leaning(t, i);
                        let share = run.alignment(t, i)[o];
                        ui.label(
                            RichText::new(format!("{} {share:.2}", poles[o]))
                                .color(theme::pole_colour(s, o, ctx.dark))
                                .strong(),
                        );
                        ui.label(format!("{:+.2}", run.tilt(t, i)));
                        ui.label(format!("{:.2}", run.hedging(t, i)));
                        ui.label(format!("{:.2}", run.defa(t, i)));
                        for p in 0..s.powers.len() {
                            ui.label(format!("{:.2}", run.dependency_overall(t, i, p)));
                        }
                        ui.end_row();
                    }
                });
            ui.horizontal_wrapped(|ui| {
                for b in BlocIndex::ALL {
                    ui.label(format!("{} {:.3}", b.label(), run.bloc(t, b)))
                        .on_hover_text(b.help());
                    ui.separator();
                }
            });
        });
}
