//! The compare panel: the pinned scenario A against the live scenario B — every input that differs
//! (field path, A, B, under its group) and the outcome differences B − A at the cursor year (bloc
//! indices and each state's tilt, with leanings that flip marked).

use egui::{RichText, Ui};

use crate::analysis::group_differences;

use super::super::{ViewCtx, theme};
use super::choices::fmt_year;
use super::{AnalysisCommand, AnalysisView, glyph_safe};

/// Differences smaller than this are shown as none (outcomes are shares and indices).
const NEGLIGIBLE: f64 = 5e-4;

pub fn compare_panel_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    view: &AnalysisView<'_>,
    year: f64,
    out: &mut Vec<AnalysisCommand>,
) {
    let Some(pinned) = &view.pinned else {
        ui.add_space(12.0);
        ui.heading("Compare two scenarios");
        ui.label(
            "Pin the scenario as it is now as A, then edit: the charts draw A dashed and the live \
             scenario B solid, and this panel lists every input that differs and how the outcomes \
             move. Or compare with any saved scenario file.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Pin as A").clicked() {
                out.push(AnalysisCommand::PinCurrent);
            }
            if ui.button("Compare with file…").clicked() {
                out.push(AnalysisCommand::CompareWithFile);
            }
        });
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("A").strong());
        ui.label(format!("{} ({})", pinned.scenario.name, pinned.source));
        ui.separator();
        ui.label(RichText::new("B").strong());
        ui.label(format!("{} (live)", ctx.scenario.name));
    });
    let groups = group_differences(view.diffs);
    ui.label(
        RichText::new(if view.diffs.is_empty() {
            "No model input differs between A and B.".to_string()
        } else {
            format!(
                "{} input{} differ{}, in {} group{}.",
                view.diffs.len(),
                if view.diffs.len() == 1 { "" } else { "s" },
                if view.diffs.len() == 1 { "s" } else { "" },
                groups.len(),
                if groups.len() == 1 { "" } else { "s" }
            )
        })
        .strong(),
    );
    ui.separator();
    let wide = ui.available_width() >= 880.0;
    if wide {
        ui.columns(2, |cols| {
            outcomes_ui(&mut cols[0], ctx, view, year);
            inputs_ui(&mut cols[1], view);
        });
    } else {
        let half = (ui.available_height() * 0.5).max(160.0);
        ui.allocate_ui(egui::vec2(ui.available_width(), half), |ui| {
            outcomes_ui(ui, ctx, view, year);
        });
        ui.separator();
        inputs_ui(ui, view);
    }
}

fn outcomes_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, view: &AnalysisView<'_>, year: f64) {
    ui.label(RichText::new(format!("Outcomes in {} (B - A)", fmt_year(year))).heading());
    if view.outcome_diffs.is_empty() {
        ui.label("The runs have no points to compare.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("compare_outcomes_scroll")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("compare_outcomes")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in ["Outcome", "A", "B", "B - A", "Leaning"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for d in view.outcome_diffs {
                        ui.label(d.label.as_str());
                        ui.label(format!("{:.3}", d.a));
                        ui.label(format!("{:.3}", d.b));
                        let delta = d.delta();
                        let text = if delta.abs() < NEGLIGIBLE {
                            RichText::new("0").weak()
                        } else {
                            RichText::new(format!("{delta:+.3}")).strong()
                        };
                        ui.label(text);
                        match &d.leaning {
                            Some((a, b)) if a != b => {
                                ui.label(
                                    RichText::new(format!("{a} to {b}"))
                                        .strong()
                                        .color(theme::highlight_text(ctx.dark)),
                                )
                                .on_hover_text("The state leans to a different pole in B");
                            }
                            Some((_, b)) => {
                                ui.label(b.as_str());
                            }
                            None => {
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

fn inputs_ui(ui: &mut Ui, view: &AnalysisView<'_>) {
    ui.label(RichText::new("Inputs that differ").heading());
    if view.diffs.is_empty() {
        ui.label("None: A and B run the same model.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("compare_inputs_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The input's phrase wraps within most of the width, so A and B stay on screen.
            let what_width = (ui.available_width() * 0.62).max(160.0);
            egui::Grid::new("compare_inputs")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for h in ["Input", "A", "B"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    for (group, members) in group_differences(view.diffs) {
                        ui.label(RichText::new(group).strong().underline());
                        ui.end_row();
                        for d in members {
                            ui.scope(|ui| {
                                ui.set_max_width(what_width);
                                ui.add(
                                    egui::Label::new(glyph_safe(
                                        &crate::model::naming::capitalised(&d.what),
                                    ))
                                    .wrap(),
                                )
                                .on_hover_text(RichText::new(glyph_safe(&d.path)).monospace());
                            });
                            ui.label(glyph_safe(&d.a));
                            ui.label(glyph_safe(&d.b));
                            ui.end_row();
                        }
                    }
                });
        });
}
