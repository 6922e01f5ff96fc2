//! The model constants: judged defaults (some fitted by calibration), shown as such, each with its
//! valid range, its plausible range and why, help and a reset.

use egui::{RichText, Ui};

use crate::document::Change;
use crate::model::{BasisOf, ConstantId, ConstantShape, Constants, Edit, Knob, LeverKind, Sector};

use super::ViewCtx;
use super::command::Command;
use super::widgets::section_ui;

pub fn constants_panel_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, out: &mut Vec<Command>) {
    section_ui(
        ui,
        "Model constants",
        "Defaults are judgments of the model's authors, not estimates; a constant with a \"calibrated\" note was \
         fitted (asean-futures calibrate). Each has a plausible range, narrower than its valid range; \
         Sensitivity, All constants at once (in the results area) draws them all within it to test how robust a \
         conclusion is.",
    );
    let defaults = Constants::default();
    let c = &ctx.scenario.constants;
    if ui
        .add_enabled(*c != defaults, egui::Button::new("Reset all to defaults"))
        .clicked()
    {
        out.push(Command::edit(Edit::ResetConstants));
    }
    for &id in ConstantId::ALL {
        let values = c.values(id);
        let changed = values != defaults.values(id);
        let title = format!(
            "{} ({}){}",
            id.label(),
            id.symbol(),
            if changed { " — changed" } else { "" }
        );
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt(("constant", id.key()))
            .default_open(id.shape() == ConstantShape::Scalar)
            .show(ui, |ui| {
                ui.label(RichText::new(id.help()).small());
                let note = ctx
                    .scenario
                    .constants_basis
                    .get(id.key())
                    .map(String::as_str)
                    .unwrap_or("");
                ui.horizontal(|ui| {
                    ui.label(RichText::new("Basis:").small());
                    if let Some(note) = super::grade_mark::graded_note_ui(
                        ui,
                        &format!("constant.{}.basis", id.key()),
                        id.label(),
                        note,
                        "judgment: MODEL.md default, or source: …",
                        360.0,
                    ) {
                        out.push(Command::edit(Edit::SetBasis {
                            of: BasisOf::Constant {
                                constant: id.key().to_string(),
                            },
                            note,
                        }));
                    }
                });
                let plausible = ctx.scenario.plausible(id);
                let own = ctx.scenario.constants_plausible.contains_key(id.key());
                ui.label(
                    RichText::new(format!(
                        "Plausible {}{}: {}",
                        plausible.span.label(),
                        if own { " (this scenario's)" } else { "" },
                        plausible.basis
                    ))
                    .small(),
                );
                let range = id.range();
                egui::Grid::new(("constant_grid", id.key()))
                    .num_columns(3)
                    .show(ui, |ui| {
                        for (idx, &value) in values.iter().enumerate() {
                            let name = element_name(id, idx);
                            let label = ui.label(&name);
                            let mut v = value;
                            let r = ui
                                .add(
                                    egui::Slider::new(&mut v, range.min..=range.max)
                                        .clamping(egui::SliderClamping::Edits)
                                        .max_decimals(3),
                                )
                                .labelled_by(label.id)
                                .on_hover_text(format!(
                                    "{} — range {}",
                                    id.key(),
                                    range.describe()
                                ));
                            if r.changed() && range.contains(v) && v != value {
                                out.push(Command::Edit(
                                    Change::drag(Edit::Set {
                                        input: Knob::Constant { id, index: idx }.spec(ctx.scenario),
                                        value: v,
                                    })
                                    .labelled(format!("Constant {name}")),
                                ));
                            }
                            let d = defaults.values(id)[idx];
                            if ui
                                .add_enabled(d != value, egui::Button::new("Reset").small())
                                .clicked()
                            {
                                out.push(Command::labelled(
                                    format!("Reset {name}"),
                                    Edit::Set {
                                        input: Knob::Constant { id, index: idx }.spec(ctx.scenario),
                                        value: d,
                                    },
                                ));
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

fn element_name(id: ConstantId, idx: usize) -> String {
    match id.shape() {
        ConstantShape::Scalar => id.label().to_string(),
        ConstantShape::PerSector => format!("{} · {}", id.label(), Sector::ALL[idx % 5].key()),
        ConstantShape::PerLever => format!("{} · {}", id.label(), LeverKind::ALL[idx % 7].key()),
        ConstantShape::LeverBySector => {
            format!(
                "{} · {} to {}",
                id.label(),
                LeverKind::ALL[(idx / 5) % 7].abbreviation(),
                Sector::ALL[idx % 5].key()
            )
        }
    }
}
