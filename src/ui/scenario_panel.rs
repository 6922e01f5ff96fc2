//! Scenario metadata: name, author, description (the story and what to look for), the claims the
//! scenario makes about its results with the model's verdict on each, and the validation problems
//! of the scenario as a list.

use egui::{RichText, Ui};

use crate::model::{Edit, Severity, TextField};

use super::ViewCtx;
use super::command::Command;
use super::theme;
use super::widgets::{Named, committed_multiline_ui, committed_text_ui, section_ui};

pub fn scenario_panel_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    section_ui(
        ui,
        "Scenario",
        "What this scenario is about; saved in the file.",
    );
    egui::Grid::new("scenario_meta")
        .num_columns(2)
        .show(ui, |ui| {
            let name_label = ui.label("Name").id;
            if let Some(name) = committed_text_ui(
                ui,
                "scenario.name",
                &s.name,
                "scenario name",
                300.0,
                Named::By(name_label),
            ) {
                out.push(Command::edit(Edit::SetText {
                    field: TextField::Name,
                    text: name,
                }));
            }
            ui.end_row();
            let author_label = ui.label("Author").id;
            if let Some(author) = committed_text_ui(
                ui,
                "scenario.author",
                &s.author,
                "who wrote it",
                300.0,
                Named::By(author_label),
            ) {
                out.push(Command::edit(Edit::SetText {
                    field: TextField::Author,
                    text: author,
                }));
            }
            ui.end_row();
            ui.label("Created / modified");
            ui.label(format!(
                "{} / {}",
                or_dash(&s.created),
                or_dash(&s.modified)
            ));
            ui.end_row();
        });
    ui.label("Description");
    if let Some(text) = committed_multiline_ui(
        ui,
        "scenario.description",
        &s.description,
        "the story, and what to look for",
        8,
        Named::As("Description"),
    ) {
        out.push(Command::edit(Edit::SetText {
            field: TextField::Description,
            text,
        }));
    }
    if !ctx.claims.is_empty() {
        section_ui(
            ui,
            "What to look for",
            "The scenario's claims about its results, each measured with the model as it stands \
             now: a tick where the model shows it, a cross where it does not. Change an input and they are measured again.",
        );
        ui.label(RichText::new(super::claims_view::claims_summary(ctx.claims)).strong());
        let checks: Vec<_> = ctx.claims.iter().collect();
        super::claims_view::claims_ui(ui, &checks, super::claims_view::ClaimDetail::Full, ctx.dark);
    }
    section_ui(
        ui,
        "Where the numbers come from",
        "Every input's basis note carries a confidence grade: S source, D derived from sourced data, C calibrated, \
         J judgment (or no basis recorded). Help, Model & sources lists them all.",
    );
    let grades = crate::model::GradeCounts::of(s);
    ui.label(grades.summary());
    super::sources_window::grade_bar_ui(ui, &grades);
    if ui
        .button("List every input by grade…")
        .on_hover_text("Help, Model & sources: this scenario's inputs, with their notes")
        .clicked()
    {
        out.push(Command::ShowModelSources(
            super::sources_window::SourcesTab::Inputs,
        ));
    }
    section_ui(
        ui,
        "Checks",
        "Every problem the validator finds; errors stop the run until fixed.",
    );
    let mut problems = s.validate();
    problems.extend(crate::analysis::claim_problems(s));
    if problems.is_empty() {
        ui.label("No problems.");
    }
    for p in problems {
        let colour = match p.severity {
            Severity::Error => theme::error_colour(ctx.dark),
            Severity::Warning => theme::warning_colour(ctx.dark),
        };
        ui.label(RichText::new(p.to_string()).color(colour));
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "–" } else { s }
}
