//! The leverage board: pick a power, then a grid of member states × lever kinds with the intensity in
//! force at the cursor year (editing a cell sets it for the whole horizon), and below it the power's
//! lever entries with targets, intensity and time window — add, copy, edit and remove them.

use egui::{RichText, Ui};

use crate::model::{Edit, LeverEntry, LeverKind, Scenario, Targets};

use super::ViewCtx;
use super::command::Command;
use super::state::{Selection, UiState};
use super::theme;
use super::widgets::{name_widget, section_ui};

pub fn leverage_board_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    ui_state: &mut UiState,
    out: &mut Vec<Command>,
) {
    let s = ctx.scenario;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Power:").strong());
        for (p, power) in s.powers.iter().enumerate() {
            let text = RichText::new(format!("{} {}", power.code, power.name))
                .color(theme::power_colour(s, p));
            if ui
                .selectable_label(ui_state.leverage_power == p, text)
                .clicked()
            {
                ui_state.leverage_power = p;
            }
        }
        if ui.small_button("Power settings…").clicked() {
            ui_state.selection = Selection::Power(ui_state.leverage_power);
        }
    });
    let p = ui_state
        .leverage_power
        .min(s.powers.len().saturating_sub(1));
    let Some(power) = s.powers.get(p) else { return };
    let year = ui_state
        .cursor_year
        .unwrap_or(s.time.start_year)
        .max(s.time.start_year);
    section_ui(
        ui,
        &format!("{} levers by state", power.name),
        &format!(
            "Intensity in force in {year:.0} (0–1; entries add up, capped at 1). Editing a cell sets that state's \
             intensity for the whole horizon; * marks cells whose entries have a shorter window."
        ),
    );
    lever_grid_ui(ui, ctx, p, year, out);
    section_ui(
        ui,
        &format!("{} lever entries", power.name),
        "Each entry: a kind of lever, an intensity, its targets and its window.",
    );
    entries_ui(ui, ctx, p, ui_state, out);
}

fn lever_grid_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, p: usize, year: f64, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    let power = &s.powers[p];
    let colour = theme::power_colour(s, p);
    egui::Grid::new(("lever_grid", p))
        .num_columns(LeverKind::ALL.len() + 1)
        .spacing([6.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            for kind in LeverKind::ALL {
                ui.label(RichText::new(kind.abbreviation()).strong())
                    .on_hover_text(format!("{}: {}", kind.label(), kind.help()));
            }
            ui.end_row();
            for state in &s.states {
                ui.label(&state.code).on_hover_text(&state.name);
                for kind in LeverKind::ALL {
                    let value = s.lever_cell(&power.code, &state.code, kind, year);
                    let entries: Vec<&LeverEntry> = s
                        .levers
                        .iter()
                        .filter(|e| {
                            e.power == power.code
                                && e.kind == kind
                                && e.targets.includes(&state.code)
                        })
                        .collect();
                    let partial = entries
                        .iter()
                        .any(|e| e.start_year > s.time.start_year || e.end_year < s.time.end_year);
                    let mut v = value;
                    let cell_bg = colour.gamma_multiply((value as f32) * 0.6);
                    let r = egui::Frame::new()
                        .fill(cell_bg)
                        .corner_radius(3.0)
                        .show(ui, |ui| {
                            ui.horizontal(|ui| {
                                let r = ui.add(
                                    egui::DragValue::new(&mut v)
                                        .range(0.0..=1.0)
                                        .speed(0.01)
                                        .fixed_decimals(2),
                                );
                                if partial {
                                    ui.label("*");
                                }
                                r
                            })
                            .inner
                        });
                    let response = r.inner;
                    let label = format!("{} {} on {}", power.code, kind.label(), state.code);
                    ui.ctx()
                        .accesskit_node_builder(response.id, |b| b.set_label(label.clone()));
                    let mut tip = format!("{label}: {value:.2} in {year:.0}");
                    for e in &entries {
                        tip.push_str(&format!(
                            "\n• {:.2} from {} to {} {}",
                            e.intensity, e.start_year, e.end_year, e.note
                        ));
                    }
                    let response = response.on_hover_text(tip);
                    if response.changed() && v != value {
                        out.push(Command::Edit(
                            crate::document::Change::drag(Edit::SetLeverCell {
                                power: power.code.clone(),
                                state: state.code.clone(),
                                kind,
                                value: v,
                            })
                            .labelled(label),
                        ));
                    }
                }
                ui.end_row();
            }
        });
}

fn entries_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    p: usize,
    ui_state: &mut UiState,
    out: &mut Vec<Command>,
) {
    let s = ctx.scenario;
    let power = &s.powers[p];
    let step = s.time.step();
    for (e, entry) in s
        .levers
        .iter()
        .enumerate()
        .filter(|(_, e)| e.power == power.code)
    {
        let n = e + 1;
        let never = (0..s.time.n_steps()).all(|k| !entry.active_at(s.time.time_at(k)));
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("#{n}")).weak());
                let mut kind = entry.kind;
                let combo = egui::ComboBox::from_id_salt(("entry_kind", e))
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for k in LeverKind::ALL {
                            ui.selectable_value(&mut kind, k, k.label())
                                .on_hover_text(k.help());
                        }
                    });
                name_widget(ui, &combo.response, format!("Lever {n} kind"));
                if kind != entry.kind {
                    out.push(Command::edit(Edit::SetLeverKind { index: e, kind }));
                }
                ui.label("intensity");
                let mut v = entry.intensity;
                let r = ui.add(
                    egui::Slider::new(&mut v, 0.0..=1.0)
                        .clamping(egui::SliderClamping::Edits)
                        .max_decimals(3),
                );
                name_widget(ui, &r, format!("Lever {n} intensity"));
                if r.changed() {
                    out.push(Command::Edit(
                        crate::document::Change::drag(Edit::Set {
                            input: format!("levers[{e}].intensity"),
                            value: v,
                        })
                        .labelled(format!("Lever #{n} intensity")),
                    ));
                }
            });
            ui.horizontal_wrapped(|ui| {
                let open = ui_state.open_targets_of == Some(e);
                if open {
                    ui_state.open_targets_of = None;
                }
                targets_ui(ui, s, e, entry, open, out);
                for (which, value) in [("start", entry.start_year), ("end", entry.end_year)] {
                    ui.label(if which == "start" { "from" } else { "to" });
                    let mut year = value;
                    let r = ui.add(
                        egui::DragValue::new(&mut year)
                            .range(1900.0..=3000.0)
                            .speed(step)
                            .max_decimals(2),
                    );
                    name_widget(ui, &r, format!("Lever {n} {which} year"));
                    if r.changed() {
                        let (start_year, end_year) = if which == "start" {
                            (year, entry.end_year)
                        } else {
                            (entry.start_year, year)
                        };
                        out.push(Command::drag(Edit::SetLeverWindow {
                            index: e,
                            start_year,
                            end_year,
                        }));
                    }
                }
                if never {
                    ui.label(
                        RichText::new("never active: the window holds no step start")
                            .color(theme::warning_colour(ctx.dark)),
                    );
                }
            });
            ui.horizontal(|ui| {
                ui.label("note");
                if let Some(note) = super::grade_mark::graded_note_ui(
                    ui,
                    &format!("entry.{e}.note"),
                    &format!("Lever {n}"),
                    &entry.note,
                    "why: source: …, derived: … or judgment: …",
                    300.0,
                ) {
                    out.push(Command::edit(Edit::SetLeverNote { index: e, note }));
                }
                if ui
                    .small_button("Copy")
                    .on_hover_text("Add a copy of this entry")
                    .clicked()
                {
                    let copy = entry.clone();
                    out.push(Command::labelled(
                        format!("Copy lever #{n}"),
                        Edit::InsertLever {
                            at: e + 1,
                            entry: copy,
                        },
                    ));
                }
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this entry (undo brings it back)")
                    .clicked()
                {
                    out.push(Command::edit(Edit::RemoveLever { index: e }));
                }
            });
        });
    }
    if ui
        .button(format!("Add {} lever entry", power.code))
        .clicked()
    {
        let entry = LeverEntry {
            power: power.code.clone(),
            kind: LeverKind::InfrastructureFinance,
            // Inactive until it is configured: adding an entry must not move every state at once.
            intensity: 0.0,
            targets: Targets::States(Vec::new()),
            start_year: s.time.start_year,
            end_year: s.time.end_year,
            note: String::new(),
        };
        out.push(Command::edit(Edit::AddLever(entry)));
        // The entry is appended: its target list opens as soon as it is drawn.
        ui_state.open_targets_of = Some(s.levers.len());
    }
}

/// Groups of member states a move often targets, by code; a preset names those the scenario has.
const TARGET_PRESETS: [(&str, &str, &[&str]); 3] = [
    (
        "Mainland",
        "Cambodia, Laos, Myanmar, Thailand and Viet Nam",
        &["KHM", "LAO", "MMR", "THA", "VNM"],
    ),
    (
        "Maritime",
        "Brunei, Indonesia, Malaysia, the Philippines, Singapore and Timor-Leste",
        &["BRN", "IDN", "MYS", "PHL", "SGP", "TLS"],
    ),
    ("CLM", "Cambodia, Laos and Myanmar", &["KHM", "LAO", "MMR"]),
];

/// A button showing the targets, opening a checklist that stays open while states are ticked, with
/// All, None and the usual groups as presets.
fn targets_ui(
    ui: &mut Ui,
    s: &Scenario,
    e: usize,
    entry: &LeverEntry,
    open: bool,
    out: &mut Vec<Command>,
) {
    use egui::containers::menu::{MenuButton, MenuConfig};
    let summary = match &entry.targets {
        Targets::All => "targets: all states".to_string(),
        Targets::States(codes) if codes.is_empty() => "targets: none yet".to_string(),
        Targets::States(codes) => format!("targets: {}", codes.join(", ")),
    };
    let config = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let (button, _) = MenuButton::new(summary).config(config).ui(ui, |ui| {
        let set = |targets: Targets| Edit::SetLeverTargets { index: e, targets };
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("All")
                .on_hover_text("Every member state")
                .clicked()
            {
                out.push(Command::edit(set(Targets::All)));
            }
            if ui
                .button("None")
                .on_hover_text("Clear the list, then tick the states")
                .clicked()
            {
                out.push(Command::edit(set(Targets::States(Vec::new()))));
            }
            for (name, hover, codes) in TARGET_PRESETS {
                let present: Vec<String> = codes
                    .iter()
                    .filter(|c| s.state_index(c).is_some())
                    .map(|c| (*c).to_string())
                    .collect();
                if ui
                    .add_enabled(!present.is_empty(), egui::Button::new(name))
                    .on_hover_text(hover)
                    .clicked()
                {
                    out.push(Command::edit(set(Targets::States(present))));
                }
            }
        });
        ui.separator();
        let all = entry.targets == Targets::All;
        for state in &s.states {
            let mut on = entry.targets.includes(&state.code);
            let tick = ui.checkbox(&mut on, format!("{} {}", state.code, state.name));
            if tick.changed() {
                // Unticking one state of "all" leaves all the others.
                let edit = if all {
                    set(Targets::States(
                        s.states
                            .iter()
                            .filter(|x| x.code != state.code)
                            .map(|x| x.code.clone())
                            .collect(),
                    ))
                } else {
                    Edit::ToggleLeverTarget {
                        index: e,
                        state: state.code.clone(),
                        on,
                    }
                };
                out.push(Command::edit(edit));
            }
        }
    });
    if open {
        egui::Popup::open_id(ui.ctx(), egui::Popup::default_response_id(&button));
        button.scroll_to_me(Some(egui::Align::Center));
        ui.ctx().request_repaint();
    }
}
