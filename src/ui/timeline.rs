//! The timeline bar shared by every view: play/pause, the year cursor and the playback speed.

use egui::Ui;

use crate::engine::Run;

use super::command::Command;
use super::state::UiState;
use super::widgets::name_widget;

pub fn timeline_ui(
    ui: &mut Ui,
    run: Option<&Run>,
    steps_per_year: u32,
    state: &mut UiState,
) -> Vec<Command> {
    let mut out = Vec::new();
    let Some(run) = run else { return out };
    let (first, last) = (run.times[0], run.times[run.len() - 1]);
    ui.horizontal(|ui| {
        let play = if state.playing { "Pause" } else { "Play" };
        if ui
            .button(play)
            .on_hover_text("Animate through the years (Space)")
            .clicked()
        {
            out.push(Command::TogglePlay);
        }
        let mut year = state.cursor_year.unwrap_or(last);
        let step = 1.0 / f64::from(steps_per_year.max(1));
        let label = ui.label("Year");
        let decimals = if step < 1.0 { 2 } else { 0 };
        let width = (ui.available_width() - 260.0).clamp(160.0, 700.0);
        ui.spacing_mut().slider_width = width;
        let r = ui
            .add(
                egui::Slider::new(&mut year, first..=last)
                    .clamping(egui::SliderClamping::Edits)
                    .step_by(step)
                    .fixed_decimals(decimals),
            )
            .labelled_by(label.id)
            .on_hover_text(
                "The year every chart, the map and the table show (← and → step a year)",
            );
        if r.changed() {
            state.cursor_year = Some(year);
            state.playing = false;
        }
        let speed_label = ui.label("Speed");
        let speed = egui::ComboBox::from_id_salt("play_speed")
            .selected_text(format!("{} yr/s", state.play_speed))
            .show_ui(ui, |ui| {
                for v in [0.5, 1.0, 2.0, 4.0] {
                    ui.selectable_value(&mut state.play_speed, v, format!("{v} yr/s"));
                }
            });
        let _ = speed.response.labelled_by(speed_label.id);
        name_widget(ui, &r, "Year");
    });
    out
}

/// Moves the cursor while playing; stops at the end.
pub fn advance(state: &mut UiState, run: &Run, dt: f64) {
    if !state.playing {
        return;
    }
    let (first, last) = (run.times[0], run.times[run.len() - 1]);
    let year = state.cursor_year.unwrap_or(first);
    let next = if year >= last {
        first
    } else {
        year + dt * state.play_speed
    };
    if next >= last {
        state.cursor_year = Some(last);
        state.playing = false;
    } else {
        state.cursor_year = Some(next);
    }
}

/// Steps the cursor by whole years (or steps, for sub-yearly runs), within the run.
pub fn step_year(state: &mut UiState, run: &Run, years: f64) {
    let (first, last) = (run.times[0], run.times[run.len() - 1]);
    let year = state.cursor_year.unwrap_or(last);
    state.cursor_year = Some((year.round() + years).clamp(first, last));
    state.playing = false;
}
