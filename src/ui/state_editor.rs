//! The member-state editor: every profile field with unit, range, help, basis note and reset; the
//! alignment shares (kept on the simplex) and anchor; dependency per sector and power with the domestic
//! remainder; scheduled events; and adding, duplicating, renaming and removing states.

use egui::{RichText, Ui};

use crate::model::{BasisOf, Edit, EventField, Knob, ProfileEvent, Sector, StateField};

use super::ViewCtx;
use super::command::Command;
use super::state::{Selection, UiState};
use super::theme;
use super::widgets::{
    FieldEvent, Named, committed_text_ui, field_row_ui, section_ui, share_bar_ui,
};

pub fn state_editor_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    ui_state: &mut UiState,
    i: usize,
    out: &mut Vec<Command>,
) {
    let s = ctx.scenario;
    let Some(state) = s.states.get(i) else {
        ui.label("No state selected.");
        return;
    };
    let code = state.code.clone();
    let base_state = ctx.baseline.states.iter().find(|b| b.code == code);

    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{} ({})", state.name, state.code));
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Duplicate")
            .on_hover_text("Copy this state's profile under a new code")
            .clicked()
        {
            out.push(Command::edit(Edit::DuplicateState {
                state: code.clone(),
            }));
            ui_state.selection = Selection::State(s.states.len());
        }
        let can_remove = s.states.len() > 1;
        if ui
            .add_enabled(can_remove, egui::Button::new("Remove"))
            .on_hover_text(
                "Remove this state, its events and its lever targets (undo brings it back)",
            )
            .clicked()
        {
            out.push(Command::edit(Edit::RemoveState {
                state: code.clone(),
            }));
            ui_state.selection = Selection::State(i.saturating_sub(1));
        }
        let n = s.states.len();
        for (text, to, tip) in [
            (
                "Move up",
                i.checked_sub(1),
                "Move this state one place up the list",
            ),
            (
                "Move down",
                (i + 1 < n).then_some(i + 1),
                "Move this state one place down the list",
            ),
        ] {
            if ui
                .add_enabled(to.is_some(), egui::Button::new(text))
                .on_hover_text(tip)
                .clicked()
                && let Some(to) = to
            {
                out.push(Command::edit(Edit::MoveState {
                    state: code.clone(),
                    to,
                }));
                ui_state.selection = Selection::State(to);
            }
        }
        if ui
            .button("Add state")
            .on_hover_text("Append a neutral new member state")
            .clicked()
        {
            out.push(Command::edit(Edit::AddState));
            ui_state.selection = Selection::State(s.states.len());
        }
    });
    egui::Grid::new(("state_names", i))
        .num_columns(2)
        .show(ui, |ui| {
            let code_label = ui.label("Code").id;
            if let Some(new_code) = committed_text_ui(
                ui,
                &format!("state.{i}.code"),
                &code,
                "e.g. KHM",
                90.0,
                Named::By(code_label),
            ) {
                out.push(Command::edit(Edit::RecodeState {
                    state: code.clone(),
                    code: new_code.trim().to_string(),
                }));
            }
            ui.end_row();
            let name_label = ui.label("Name").id;
            if let Some(name) = committed_text_ui(
                ui,
                &format!("state.{i}.name"),
                &state.name,
                "full name",
                220.0,
                Named::By(name_label),
            ) {
                out.push(Command::edit(Edit::RenameState {
                    state: code.clone(),
                    name,
                }));
            }
            ui.end_row();
        });

    section_ui(
        ui,
        "Profile",
        "Hover a label for what it means and how it enters the model. The tile beside it grades the basis: S source, D derived, C calibrated, J judgment (click to change).",
    );
    egui::Grid::new(("state_fields", i))
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for field in StateField::SCALARS {
                let meta = field.meta();
                let Some(value) = state.scalar(field) else {
                    continue;
                };
                let baseline = base_state.and_then(|b| b.scalar(field));
                let key = format!("state.{code}.{}", meta.key);
                let basis = Some(state.basis_of(field));
                let input = Knob::State { state: i, field }.spec(s);
                match field_row_ui(ui, &key, &meta, value, baseline, basis) {
                    Some(FieldEvent::Value(value)) => {
                        out.push(Command::drag(Edit::Set { input, value }));
                    }
                    Some(FieldEvent::Reset(value)) => out.push(Command::labelled(
                        format!("Reset {code} {}", meta.label.to_lowercase()),
                        Edit::Set { input, value },
                    )),
                    Some(FieldEvent::Basis(note)) => out.push(Command::edit(Edit::SetBasis {
                        of: BasisOf::State {
                            state: code.clone(),
                            field,
                        },
                        note,
                    })),
                    None => {}
                }
            }
        });

    alignment_ui(ui, ctx, i, out);
    dependency_ui(ui, ctx, i, out);
    events_ui(ui, ctx, i, out);
}

fn alignment_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, i: usize, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    let state = &s.states[i];
    let code = state.code.clone();
    let poles = s.pole_codes();
    section_ui(
        ui,
        "Alignment (start)",
        "Shares of alignment with each power and the autonomy pole; moving one rescales the others so they sum to 1.",
    );
    let bar: Vec<(String, f64, egui::Color32)> = poles
        .iter()
        .enumerate()
        .map(|(o, p)| {
            (
                p.clone(),
                state.alignment.get(o).copied().unwrap_or(0.0),
                theme::pole_colour(s, o, ctx.dark),
            )
        })
        .collect();
    share_bar_ui(ui, &bar, 22.0);
    shares_grid_ui(ui, ctx, i, &state.alignment, "alignment", out);

    let mut separate = state.anchor.is_some();
    if ui
        .checkbox(&mut separate, "Anchor differs from the starting alignment")
        .on_hover_text(StateField::Anchor.meta().help)
        .changed()
    {
        out.push(Command::edit(Edit::SeparateAnchor {
            state: code.clone(),
            separate,
        }));
    }
    if let Some(anchor) = &state.anchor {
        shares_grid_ui(ui, ctx, i, anchor, "anchor", out);
        basis_line_ui(
            ui,
            i,
            state.basis_of(StateField::Anchor),
            StateField::Anchor,
            &code,
            out,
        );
    }
    basis_line_ui(
        ui,
        i,
        state.basis_of(StateField::Alignment),
        StateField::Alignment,
        &code,
        out,
    );
}

fn shares_grid_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    i: usize,
    shares: &[f64],
    which: &'static str,
    out: &mut Vec<Command>,
) {
    let s = ctx.scenario;
    let code = s.states[i].code.clone();
    let names: Vec<String> = s
        .powers
        .iter()
        .map(|p| p.name.clone())
        .chain(std::iter::once("Autonomy".to_string()))
        .collect();
    egui::Grid::new((which, i)).num_columns(2).show(ui, |ui| {
        for (o, name) in names.iter().enumerate() {
            let Some(&value) = shares.get(o) else {
                continue;
            };
            // Distinct names, so a screen reader (and a test) can tell the two grids apart.
            let text = if which == "anchor" {
                format!("{name} anchor")
            } else {
                format!("{name} share")
            };
            let label = ui.label(RichText::new(text).color(theme::pole_colour(s, o, ctx.dark)));
            let mut v = value;
            let r = ui
                .add(
                    egui::Slider::new(&mut v, 0.0..=1.0)
                        .clamping(egui::SliderClamping::Edits)
                        .fixed_decimals(2),
                )
                .labelled_by(label.id);
            if r.changed() && v != value {
                out.push(Command::drag(Edit::SetShare {
                    state: code.clone(),
                    pole: o,
                    anchor: which == "anchor",
                    value: v,
                }));
            }
            ui.end_row();
        }
    });
}

fn dependency_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, i: usize, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    let state = &s.states[i];
    let code = state.code.clone();
    section_ui(
        ui,
        "Technology dependency (start)",
        "Share of each sector supplied by each power; the rest is domestic or regional. A sector can never exceed 1.",
    );
    egui::Grid::new(("dependency", i))
        .num_columns(s.powers.len() + 2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for (p, power) in s.powers.iter().enumerate() {
                ui.label(
                    RichText::new(&power.code)
                        .strong()
                        .color(theme::power_colour(s, p)),
                );
            }
            ui.label(
                RichText::new("domestic")
                    .strong()
                    .color(theme::domestic(ctx.dark)),
            );
            ui.end_row();
            for sector in Sector::ALL {
                let sec = sector.index();
                let label = ui.label(sector.label());
                for (p, power) in s.powers.iter().enumerate() {
                    let value = state.dependency.get(p).map_or(0.0, |row| row[sec]);
                    let mut v = value;
                    let r = ui
                        .add(
                            egui::DragValue::new(&mut v)
                                .range(0.0..=1.0)
                                .speed(0.005)
                                .fixed_decimals(2),
                        )
                        .labelled_by(label.id)
                        .on_hover_text(format!(
                            "{} dependency on {} in {}",
                            state.name,
                            power.name,
                            sector.key()
                        ));
                    if r.changed() && v != value {
                        out.push(Command::drag(Edit::SetDependency {
                            state: code.clone(),
                            power: power.code.clone(),
                            sector,
                            value: v,
                        }));
                    }
                }
                let used: f64 = state.dependency.iter().map(|row| row[sec]).sum();
                ui.label(format!("{:.2}", 1.0 - used));
                ui.end_row();
            }
        });
    basis_line_ui(
        ui,
        i,
        state.basis_of(StateField::Dependency),
        StateField::Dependency,
        &code,
        out,
    );
}

fn basis_line_ui(
    ui: &mut Ui,
    i: usize,
    note: &str,
    field: StateField,
    code: &str,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("Basis:").small());
        if let Some(new_note) = super::grade_mark::graded_note_ui(
            ui,
            &format!("state.{i}.{}.basis", field.key()),
            field.meta().label,
            note,
            "source: …, derived: …, judgment: … or calibrated: …",
            360.0,
        ) {
            out.push(Command::edit(Edit::SetBasis {
                of: BasisOf::State {
                    state: code.to_string(),
                    field,
                },
                note: new_note,
            }));
        }
    });
}

fn events_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, i: usize, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    let code = s.states[i].code.clone();
    section_ui(
        ui,
        "Scheduled changes",
        "A profile field takes a new value from a given year (a new law, governance erosion…).",
    );
    let mine: Vec<usize> = (0..s.events.len())
        .filter(|&e| s.events[e].state == code)
        .collect();
    if mine.is_empty() {
        ui.label(RichText::new("None.").weak());
    }
    egui::Grid::new(("events", i))
        .num_columns(4)
        .show(ui, |ui| {
            let year_label = ui.label("From year").id;
            let field_label = ui.label("Field").id;
            let value_label = ui.label("New value").id;
            ui.end_row();
            for e in mine {
                let ev = &s.events[e];
                let mut year = ev.year;
                if ui
                    .add(
                        egui::DragValue::new(&mut year)
                            .range(1900.0..=3000.0)
                            .speed(0.25)
                            .fixed_decimals(2),
                    )
                    .labelled_by(year_label)
                    .changed()
                {
                    out.push(Command::drag(Edit::SetEvent {
                        index: e,
                        event: ProfileEvent { year, ..ev.clone() },
                    }));
                }
                let mut field = ev.field;
                let combo = egui::ComboBox::from_id_salt(("event_field", e))
                    .selected_text(field.state_field().meta().label)
                    .show_ui(ui, |ui| {
                        for f in EventField::ALL {
                            ui.selectable_value(&mut field, f, f.state_field().meta().label);
                        }
                    });
                combo.response.labelled_by(field_label);
                if field != ev.field {
                    out.push(Command::edit(Edit::SetEvent {
                        index: e,
                        event: ProfileEvent {
                            field,
                            ..ev.clone()
                        },
                    }));
                }
                let mut value = ev.value;
                if ui
                    .add(
                        egui::Slider::new(&mut value, 0.0..=1.0)
                            .clamping(egui::SliderClamping::Edits)
                            .fixed_decimals(2),
                    )
                    .labelled_by(value_label)
                    .changed()
                {
                    out.push(Command::drag(Edit::SetEvent {
                        index: e,
                        event: ProfileEvent {
                            value,
                            ..ev.clone()
                        },
                    }));
                }
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this scheduled change")
                    .clicked()
                {
                    out.push(Command::edit(Edit::RemoveEvent { index: e }));
                }
                ui.end_row();
            }
        });
    if ui.button("Add scheduled change").clicked() {
        let year = (s.time.start_year + s.time.end_year) / 2.0;
        let value = s.states[i].governance;
        out.push(Command::edit(Edit::AddEvent(ProfileEvent {
            year: year.round(),
            state: code,
            field: EventField::Governance,
            value,
            note: String::new(),
        })));
    }
}
