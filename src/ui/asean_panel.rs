//! ASEAN / DEFA policy: entry into force, hard law, monitoring and harmonisation.

use egui::Ui;

use crate::model::{AseanField, BasisOf, Edit, Knob};

use super::ViewCtx;
use super::command::Command;
use super::widgets::{FieldEvent, field_row_ui, section_ui};

pub fn asean_panel_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, out: &mut Vec<Command>) {
    section_ui(
        ui,
        "ASEAN / DEFA",
        "DEFA was substantially concluded in October 2025; ratification and implementing mechanisms decide whether it \
         matters. Hard law and monitoring push implementation and resist the erosion that vague mechanisms invite.",
    );
    egui::Grid::new("asean_fields")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for field in AseanField::ALL {
                let meta = field.meta();
                let value = field.get(&ctx.scenario.asean);
                let base = field.get(&ctx.baseline.asean);
                let key = format!("asean.{}", meta.key);
                let input = Knob::Asean(field).spec(ctx.scenario);
                let basis = Some(field.basis_in(&ctx.scenario.asean));
                match field_row_ui(ui, &key, &meta, value, Some(base), basis) {
                    Some(FieldEvent::Value(value)) => {
                        out.push(Command::drag(Edit::Set { input, value }));
                    }
                    Some(FieldEvent::Reset(value)) => {
                        out.push(Command::labelled(
                            format!("Reset {}", meta.label),
                            Edit::Set { input, value },
                        ));
                    }
                    Some(FieldEvent::Basis(note)) => out.push(Command::edit(Edit::SetBasis {
                        of: BasisOf::Asean { field },
                        note,
                    })),
                    None => {}
                }
            }
        });
}
