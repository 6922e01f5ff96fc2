//! Time settings (start, end, steps per year) and the uncertainty ensemble settings.

use egui::Ui;

use crate::document::Change;
use crate::model::{Edit, EnsembleSettings, Range, TimeSettings, VALID_STEPS_PER_YEAR};

use super::ViewCtx;
use super::command::Command;
use super::widgets::section_ui;

pub fn settings_panel_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    section_ui(
        ui,
        "Time",
        "The run starts from the profiles at the start year; levers and events are read at each step's start.",
    );
    egui::Grid::new("time_settings")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Start year");
            let mut start = s.time.start_year;
            if ui
                .add(
                    egui::DragValue::new(&mut start)
                        .range(1900.0..=2200.0)
                        .speed(0.25),
                )
                .labelled_by(label.id)
                .changed()
            {
                out.push(Command::drag(Edit::MoveStart { year: start }));
            }
            ui.end_row();
            let label = ui.label("End year");
            let mut end = s.time.end_year;
            let step = s.time.step();
            if ui
                .add(
                    egui::DragValue::new(&mut end)
                        .range(s.time.start_year + step..=s.time.start_year + 200.0)
                        .speed(step),
                )
                .labelled_by(label.id)
                .changed()
            {
                out.push(Command::drag(Edit::SetEndYear { year: end }));
            }
            ui.end_row();
            let spy_label = ui.label("Steps per year");
            let mut spy = s.time.steps_per_year;
            let combo = egui::ComboBox::from_id_salt("steps_per_year")
                .selected_text(resolution(spy))
                .show_ui(ui, |ui| {
                    for v in VALID_STEPS_PER_YEAR {
                        ui.selectable_value(&mut spy, v, resolution(v));
                    }
                });
            combo.response.labelled_by(spy_label.id);
            if spy != s.time.steps_per_year {
                out.push(Command::labelled(
                    "Steps per year",
                    Edit::SetTime(TimeSettings {
                        steps_per_year: spy,
                        ..s.time.clone()
                    }),
                ));
            }
            ui.end_row();
        });

    section_ui(
        ui,
        "Uncertainty ensemble",
        "Member 0 is the plain run; the others perturb lever intensities (year to year, with persistence) and two \
         influence constants. Bands show the 10th–90th percentiles.",
    );
    let e = &s.ensemble;
    egui::Grid::new("ensemble_settings")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Members");
            let mut members = e.members;
            if ui
                .add(
                    egui::DragValue::new(&mut members)
                        .range(1..=10_000)
                        .speed(5),
                )
                .labelled_by(label.id)
                .changed()
            {
                out.push(Command::Edit(
                    Change::drag(Edit::SetEnsemble(EnsembleSettings {
                        members,
                        ..e.clone()
                    }))
                    .labelled("Ensemble members"),
                ));
            }
            ui.end_row();
            let label = ui.label("Seed");
            let mut seed = e.seed;
            if ui
                .add(egui::DragValue::new(&mut seed))
                .labelled_by(label.id)
                .changed()
            {
                out.push(Command::Edit(
                    Change::drag(Edit::SetEnsemble(EnsembleSettings { seed, ..e.clone() }))
                        .labelled("Ensemble seed"),
                ));
            }
            ui.end_row();
            for (name, help, value, which) in [
                (
                    "Lever spread σ_L",
                    "Spread of lever intensities (log-normal, mean 1)",
                    e.lever_sigma,
                    0,
                ),
                (
                    "Persistence φ",
                    "Year-to-year persistence of the lever perturbations",
                    e.lever_persistence,
                    1,
                ),
                (
                    "Parameter spread σ_P",
                    "Spread of lever influence and susceptibility",
                    e.parameter_sigma,
                    2,
                ),
            ] {
                let label = ui.label(name).on_hover_text(help);
                let range = if which == 1 {
                    Range::closed(0.0, 0.999)
                } else {
                    Range::closed(0.0, 2.0)
                };
                let mut v = value;
                if ui
                    .add(
                        egui::Slider::new(&mut v, range.min..=range.max)
                            .clamping(egui::SliderClamping::Edits)
                            .fixed_decimals(2),
                    )
                    .labelled_by(label.id)
                    .changed()
                {
                    let mut next = e.clone();
                    match which {
                        0 => next.lever_sigma = v,
                        1 => next.lever_persistence = v,
                        _ => next.parameter_sigma = v,
                    }
                    out.push(Command::Edit(
                        Change::drag(Edit::SetEnsemble(next)).labelled(name),
                    ));
                }
                ui.end_row();
            }
        });
}

/// "yearly", "monthly", …
pub fn resolution(spy: u32) -> &'static str {
    match spy {
        1 => "yearly",
        2 => "half-yearly",
        4 => "quarterly",
        12 => "monthly",
        _ => "custom",
    }
}
