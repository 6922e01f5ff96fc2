//! The results area: the main chart (every state's US–China tilt, one state's alignment shares, or one
//! state's technology dependency), the bloc indices chart and the table at the cursor year. Charts
//! share the x-axis and the year cursor; series are prepared once per run ([`ChartCache`]) and borrowed
//! by the plots every frame.

pub(crate) mod bloc_chart;
mod cache;
mod legend;
pub(crate) mod main_chart;
mod map_geometry;
pub mod map_view;
mod table;

pub use cache::ChartCache;

use egui::Ui;

use super::ViewCtx;
use super::state::{MainChart, UiState};

/// Id shared by every chart so their x-axes and cursors move together.
pub fn link_group() -> egui::Id {
    egui::Id::unique("results_timeline")
}

/// Shows the whole results area.
pub fn results_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    cache: &mut ChartCache,
    run_id: u64,
) {
    let Some(run) = ctx.run else {
        ui.centered_and_justified(|ui| {
            ui.label("No results yet: fix the problems listed in the status bar to run the model.");
        });
        return;
    };
    cache.refresh(ctx, run, state, run_id);
    toolbar_ui(ui, ctx, state);
    if state.presenter {
        // One hero view fills the room's screen: the step's chart or map, or the bloc indices.
        let height = ui.available_height() - 8.0;
        if state.hero_bloc {
            bloc_chart::bloc_chart_ui(ui, ctx, state, cache, height);
        } else if state.chart == MainChart::Map {
            map_view::map_view_ui(ui, ctx, state, run, height);
        } else {
            main_chart::main_chart_ui(ui, ctx, state, cache, height);
        }
        return;
    }
    let total = ui.available_height();
    // The map needs room to be read; the charts share the rest.
    let map = state.chart == MainChart::Map;
    let table_share = if map { 0.16 } else { 0.24 };
    let bloc_share = if map { 0.22 } else { 0.38 };
    let table_height = if state.show_table {
        (total * table_share).clamp(100.0, 360.0)
    } else {
        0.0
    };
    let bloc_height = if state.show_bloc {
        (total - table_height) * bloc_share
    } else {
        0.0
    };
    let main_height = (total - table_height - bloc_height - 24.0).max(140.0);
    if state.chart == MainChart::Map {
        map_view::map_view_ui(ui, ctx, state, run, main_height);
    } else {
        main_chart::main_chart_ui(ui, ctx, state, cache, main_height);
    }
    if state.show_bloc {
        bloc_chart::bloc_chart_ui(ui, ctx, state, cache, bloc_height);
    }
    if state.show_table {
        ui.separator();
        table::table_ui(ui, ctx, state, run);
    }
}

fn toolbar_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState) {
    let s = ctx.scenario;
    ui.horizontal_wrapped(|ui| {
        let tilt = if s.powers.len() >= 2 {
            format!("{}–{} tilt", s.powers[0].code, s.powers[1].code)
        } else {
            "Tilt".to_string()
        };
        if state.presenter {
            // One hero view: the bloc indices are a view of their own here.
            for (chart, label) in [
                (MainChart::Tilt, tilt.as_str()),
                (MainChart::Map, "Map"),
                (MainChart::Shares, "Alignment shares"),
            ] {
                if ui
                    .selectable_label(!state.hero_bloc && state.chart == chart, label)
                    .clicked()
                {
                    state.chart = chart;
                    state.hero_bloc = false;
                }
            }
            if ui
                .selectable_label(state.hero_bloc, "Bloc indices")
                .on_hover_text("Cohesion, bifurcation, tech split, autonomy and DEFA integration")
                .clicked()
            {
                state.hero_bloc = true;
            }
            if state.chart == MainChart::Tilt && !state.hero_bloc {
                ui.checkbox(&mut state.full_axis, "Full −1…1 axis");
            }
            if state.chart == MainChart::Shares && !state.hero_bloc {
                state_picker_ui(ui, s, state);
            }
            return;
        }
        ui.selectable_value(&mut state.chart, MainChart::Tilt, tilt)
            .on_hover_text("Every state's first-power share minus second-power share: +1 all one way, −1 all the other");
        ui.selectable_value(&mut state.chart, MainChart::Shares, "Alignment shares")
            .on_hover_text("One state's alignment with every power and the autonomy pole");
        ui.selectable_value(&mut state.chart, MainChart::Map, "Map")
            .on_hover_text("The member states coloured by an outcome at the cursor year");
        ui.selectable_value(&mut state.chart, MainChart::Dependency, "Dependency")
            .on_hover_text("One state's technology supplied by each power, and the domestic share");
        if state.chart == MainChart::Tilt {
            ui.checkbox(&mut state.full_axis, "Full −1…1 axis")
                .on_hover_text("Show the whole tilt scale instead of fitting the axis to the lines");
        }
        if matches!(state.chart, MainChart::Shares | MainChart::Dependency) {
            state_picker_ui(ui, s, state);
        }
        if state.chart == MainChart::Dependency {
            let text = state.dependency_sector.map_or("All sectors (mean)", |sec| crate::model::Sector::ALL[sec].label());
            let combo = egui::ComboBox::from_id_salt("dependency_sector").selected_text(text).show_ui(ui, |ui| {
                ui.selectable_value(&mut state.dependency_sector, None, "All sectors (mean)");
                for sec in crate::model::Sector::ALL {
                    ui.selectable_value(&mut state.dependency_sector, Some(sec.index()), sec.label());
                }
            });
            super::widgets::name_widget(ui, &combo.response, "Chart sector");
        }
    });
}

/// The state the shares and dependency charts show.
fn state_picker_ui(ui: &mut Ui, s: &crate::model::Scenario, state: &mut UiState) {
    let name = s
        .states
        .get(state.chart_state)
        .map_or("–", |st| st.name.as_str());
    let combo = egui::ComboBox::from_id_salt("chart_state")
        .selected_text(name)
        .show_ui(ui, |ui| {
            for (i, st) in s.states.iter().enumerate() {
                ui.selectable_value(
                    &mut state.chart_state,
                    i,
                    format!("{} {}", st.code, st.name),
                );
            }
        });
    super::widgets::name_widget(ui, &combo.response, "Chart state");
}
