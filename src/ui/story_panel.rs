//! The story editor column: the scenario's steps with their narrative and changes, stepping forward
//! and back, and the live levers shown in presenter mode (add from every input, remove).

use egui::{RichText, Ui};

use crate::model::Knob;
use crate::model::{Edit, Targets};

use super::ViewCtx;
use super::command::Command;
use super::state::UiState;
use super::widgets::section_ui;

pub fn story_panel_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState, out: &mut Vec<Command>) {
    let s = ctx.scenario;
    section_ui(
        ui,
        "Story",
        "Steps a facilitator walks through: each applies its changes, shows a view and moves the year. \
         PageDown / PageUp step in presenter mode (F11).",
    );
    ui.horizontal(|ui| {
        if ui
            .add_enabled(state.story_pos > 0, egui::Button::new("Step back"))
            .clicked()
        {
            out.push(Command::StoryBack);
        }
        if ui
            .add_enabled(
                state.story_pos < s.story.len(),
                egui::Button::new("Next step"),
            )
            .clicked()
        {
            out.push(Command::StoryNext);
        }
        ui.label(format!(
            "{} of {} steps applied",
            state.story_pos,
            s.story.len()
        ));
    });
    if s.story.is_empty() {
        ui.label(RichText::new("This scenario has no story. Open saved_scenarios/workshop_story.ron for an example.").weak());
    }
    for (n, step) in s.story.iter().enumerate() {
        let applied = n < state.story_pos;
        let title = format!(
            "{}. {}{}",
            n + 1,
            step.title,
            if applied { " (applied)" } else { "" }
        );
        egui::CollapsingHeader::new(RichText::new(title).strong())
            .id_salt(("story_step", n))
            .default_open(n + 1 == state.story_pos.max(1))
            .show(ui, |ui| {
                ui.label(&step.narrative);
                for change in &step.changes {
                    ui.label(RichText::new(format!("• {}", describe(ctx, change))).small());
                }
                if let Some(year) = step.year {
                    ui.label(
                        RichText::new(format!("Shows {:?} at {year}", step.view))
                            .small()
                            .weak(),
                    );
                }
            });
    }

    ui.add_space(6.0);
    ui.label(RichText::new("Record a step").strong());
    ui.label(
        RichText::new(
            "Make the changes the next step should apply (levers, profiles, ASEAN policy), then record them: \
             the step stores them, with the current view and year.",
        )
        .small()
        .weak(),
    );
    ui.horizontal(|ui| {
        let id = ui.make_persistent_id("story_record_title");
        let mut title: String = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
        let label = ui.label("Title");
        ui.add(
            egui::TextEdit::singleline(&mut title)
                .hint_text("e.g. A second Silk Road wave")
                .desired_width(240.0),
        )
        .labelled_by(label.id);
        let ready = !title.trim().is_empty();
        let record = ui
            .add_enabled(ready, egui::Button::new("Record step"))
            .on_hover_text("Add a story step with the changes made since the last step");
        if record.clicked() {
            out.push(Command::StoryRecord(title.trim().to_string()));
            title.clear();
        }
        ui.data_mut(|d| d.insert_temp(id, title));
    });

    section_ui(
        ui,
        "Live levers",
        "The inputs presenter mode shows as sliders, so a room can move them live.",
    );
    for (k, spec) in s.live_levers.iter().enumerate() {
        // Remove first, then the name, which wraps: a lever's phrase can be long.
        ui.horizontal(|ui| {
            if ui
                .small_button("Remove")
                .on_hover_text("Stop showing this lever in presenter mode")
                .clicked()
            {
                out.push(Command::edit(Edit::RemoveLiveLever { index: k }));
            }
            let label = Knob::parse(s, spec)
                .map(|knob| knob.label(s))
                .unwrap_or_else(|e| format!("{spec} ({e})"));
            ui.add(egui::Label::new(label).wrap());
        });
    }
    let mut options: Vec<Knob> = (0..crate::model::AseanField::ALL.len())
        .map(|f| Knob::Asean(crate::model::AseanField::ALL[f]))
        .collect();
    options.extend(Knob::all_sensitivity_knobs(s));
    ui.menu_button("Add live lever", |ui| {
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for knob in options {
                    let spec = knob.spec(s);
                    if s.live_levers.contains(&spec) {
                        continue;
                    }
                    if ui.button(knob.label(s)).clicked() {
                        out.push(Command::edit(Edit::AddLiveLever { input: spec }));
                        ui.close();
                    }
                }
            });
    });
}

fn describe(ctx: &ViewCtx<'_>, change: &Edit) -> String {
    let s = ctx.scenario;
    match change {
        Edit::Set { input, value } => {
            let label = Knob::parse(s, input)
                .map(|k| k.label(s))
                .unwrap_or_else(|_| input.clone());
            format!("{label} set to {value}")
        }
        Edit::AddLever(e) => {
            let targets = match &e.targets {
                Targets::All => "all states".to_string(),
                Targets::States(c) => c.join(", "),
            };
            format!(
                "{} {} {:.2} on {targets}, {}–{}",
                e.power,
                e.kind.label().to_lowercase(),
                e.intensity,
                e.start_year,
                e.end_year
            )
        }
        other => other.describe(s),
    }
}
