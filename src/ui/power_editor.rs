//! Power settings: name, code, colour, capability, conditionality and sector pulls; adding a power
//! (e.g. Japan or India) and removing one.

use egui::{RichText, Ui};

use crate::model::{BasisOf, Edit, Knob, PowerField, Sector};

use super::ViewCtx;
use super::command::Command;
use super::theme::{self, POWER_PALETTE_HEX};
use super::widgets::{FieldEvent, Named, committed_text_ui, field_row_ui, section_ui};

/// Suggested powers for "Add power".
const SUGGESTED: [(&str, &str); 4] = [
    ("JP", "Japan"),
    ("IN", "India"),
    ("KR", "South Korea"),
    ("AU", "Australia"),
];

pub fn power_editor_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, p: usize, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    let Some(power) = s.powers.get(p) else {
        ui.label("No power selected.");
        return;
    };
    let code = power.code.clone();
    let base = ctx.baseline.powers.iter().find(|b| b.code == code);
    ui.heading(
        RichText::new(format!("{} ({})", power.name, power.code)).color(theme::power_colour(s, p)),
    );
    egui::Grid::new(("power_names", p))
        .num_columns(2)
        .show(ui, |ui| {
            let code_label = ui.label("Code").id;
            if let Some(new_code) = committed_text_ui(
                ui,
                &format!("power.{p}.code"),
                &code,
                "e.g. JP",
                90.0,
                Named::By(code_label),
            ) {
                out.push(Command::edit(Edit::RecodePower {
                    power: code.clone(),
                    code: new_code.trim().to_string(),
                }));
            }
            ui.end_row();
            let name_label = ui.label("Name").id;
            if let Some(name) = committed_text_ui(
                ui,
                &format!("power.{p}.name"),
                &power.name,
                "full name",
                220.0,
                Named::By(name_label),
            ) {
                out.push(Command::edit(Edit::RenamePower {
                    power: code.clone(),
                    name,
                }));
            }
            ui.end_row();
            let colour_label = ui
                .label("Colour")
                .on_hover_text("Used for this power in every chart, bar and table");
            let mut rgb = theme::power_colour(s, p).to_array();
            let mut colour = [rgb[0], rgb[1], rgb[2]];
            if ui
                .color_edit_button_srgb(&mut colour)
                .labelled_by(colour_label.id)
                .changed()
            {
                rgb[..3].copy_from_slice(&colour);
                let hex = format!("#{:02X}{:02X}{:02X}", colour[0], colour[1], colour[2]);
                out.push(Command::drag(Edit::SetPowerColour {
                    power: code.clone(),
                    colour: hex,
                }));
            }
            ui.end_row();
        });

    section_ui(
        ui,
        "Reach",
        "Effective lever intensity = capability × intensity × (1 − conditionality + conditionality × governance); \
         export controls × (1 + camp binding × the state's lead for this power over its strongest rival).",
    );
    egui::Grid::new(("power_fields", p))
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for field in [PowerField::Capability, PowerField::Conditionality] {
                let meta = field.meta();
                let (value, base_value) = match field {
                    PowerField::Capability => (power.capability, base.map(|b| b.capability)),
                    _ => (power.conditionality, base.map(|b| b.conditionality)),
                };
                let key = format!("power.{code}.{}", meta.key);
                let note = power.basis.get(&field).map(String::as_str).unwrap_or("");
                if let Some(ev) = field_row_ui(ui, &key, &meta, value, base_value, Some(note)) {
                    push_power_event(out, s, p, field, None, ev);
                }
            }
        });
    section_ui(
        ui,
        "Market pull by sector",
        PowerField::SectorPull.meta().help,
    );
    egui::Grid::new(("power_pull", p))
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for sector in Sector::ALL {
                let mut meta = PowerField::SectorPull.meta();
                meta.label = sector.label();
                let sec = sector.index();
                let key = format!("power.{code}.sector_pull.{sec}");
                let base_value = base.map(|b| b.sector_pull[sec]);
                if let Some(ev) =
                    field_row_ui(ui, &key, &meta, power.sector_pull[sec], base_value, None)
                {
                    push_power_event(out, s, p, PowerField::SectorPull, Some(sector), ev);
                }
            }
        });
    // The five pulls share one basis note (the field's), with its grade.
    ui.horizontal(|ui| {
        ui.label(RichText::new("Basis:").small());
        let note = power
            .basis
            .get(&PowerField::SectorPull)
            .map(String::as_str)
            .unwrap_or("");
        if let Some(note) = super::grade_mark::graded_note_ui(
            ui,
            &format!("power.{code}.sector_pull.basis"),
            PowerField::SectorPull.meta().label,
            note,
            "source: …, derived: …, judgment: … or calibrated: …",
            360.0,
        ) {
            out.push(Command::edit(Edit::SetBasis {
                of: BasisOf::Power {
                    power: code.clone(),
                    field: PowerField::SectorPull,
                },
                note,
            }));
        }
    });

    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.menu_button("Add power", |ui| {
            for (c, name) in SUGGESTED {
                if ui.button(format!("{name} ({c})")).clicked() {
                    let colour = POWER_PALETTE_HEX[s.powers.len() % POWER_PALETTE_HEX.len()];
                    out.push(Command::edit(Edit::AddPower {
                        code: c.into(),
                        name: name.into(),
                        colour: colour.into(),
                    }));
                    ui.close();
                }
            }
            if ui.button("Other…").clicked() {
                let colour = POWER_PALETTE_HEX[s.powers.len() % POWER_PALETTE_HEX.len()];
                out.push(Command::edit(Edit::AddPower {
                    code: "NEW".into(),
                    name: "New power".into(),
                    colour: colour.into(),
                }));
                ui.close();
            }
        });
        let can_remove = s.powers.len() > 1;
        if ui
            .add_enabled(can_remove, egui::Button::new("Remove this power"))
            .on_hover_text(
                "Removes its lever entries and dependency; its alignment share moves to autonomy",
            )
            .clicked()
        {
            out.push(Command::edit(Edit::RemovePower {
                power: code.clone(),
            }));
        }
    });
}

fn push_power_event(
    out: &mut Vec<Command>,
    s: &crate::model::Scenario,
    p: usize,
    field: PowerField,
    sector: Option<Sector>,
    ev: FieldEvent,
) {
    let code = s.powers[p].code.clone();
    let set = |value: f64| match (field, sector) {
        (PowerField::SectorPull, Some(sector)) => Some(Edit::SetSectorPull {
            power: code.clone(),
            sector,
            value,
        }),
        (PowerField::Capability, _) => Some(Edit::Set {
            input: Knob::Capability { power: p }.spec(s),
            value,
        }),
        (PowerField::Conditionality, _) => Some(Edit::Set {
            input: Knob::Conditionality { power: p }.spec(s),
            value,
        }),
        (PowerField::SectorPull, None) => None,
    };
    match ev {
        FieldEvent::Value(v) => {
            if let Some(edit) = set(v) {
                out.push(Command::drag(edit));
            }
        }
        FieldEvent::Reset(v) => {
            if let Some(edit) = set(v) {
                let label = format!("Reset {code} {}", field.meta().label.to_lowercase());
                out.push(Command::labelled(label, edit));
            }
        }
        FieldEvent::Basis(note) => out.push(Command::edit(Edit::SetBasis {
            of: BasisOf::Power {
                power: code.clone(),
                field,
            },
            note,
        })),
    }
}
