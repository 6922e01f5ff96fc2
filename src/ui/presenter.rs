//! Presenter mode: the story bar (step title, narrative, back and next), and the live-levers column
//! (the pinned inputs as large sliders, the team label, the argument for the next change, and the
//! latest entries of the round log).

use egui::{RichText, Ui};

use crate::model::Knob;
use crate::model::LogEntry;

use super::ViewCtx;
use super::command::{Command, LogCommand};
use super::state::UiState;
use super::widgets::name_widget;

/// The story step shown at the top of the presenter view.
pub fn story_bar_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &UiState) -> Vec<Command> {
    let mut out = Vec::new();
    let s = ctx.scenario;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(state.story_pos > 0, egui::Button::new("Back"))
            .on_hover_text("PageUp")
            .clicked()
        {
            out.push(Command::StoryBack);
        }
        if ui
            .add_enabled(state.story_pos < s.story.len(), egui::Button::new("Next"))
            .on_hover_text("PageDown")
            .clicked()
        {
            out.push(Command::StoryNext);
        }
        let heading = match state.story_pos.checked_sub(1).and_then(|k| s.story.get(k)) {
            Some(step) => format!(
                "Step {} of {}: {}",
                state.story_pos,
                s.story.len(),
                step.title
            ),
            None if s.story.is_empty() => s.name.clone(),
            None => format!("{} — press PageDown to begin the story", s.name),
        };
        // The leave button keeps its place at the right edge; the title takes what is left and
        // wraps rather than pushing the button off the screen.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Leave")
                .on_hover_text("Leave presenter mode (Esc or F11)")
                .clicked()
            {
                out.push(Command::TogglePresenter);
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(heading).heading()).wrap());
            });
        });
    });
    if let Some(step) = state.story_pos.checked_sub(1).and_then(|k| s.story.get(k)) {
        ui.label(
            RichText::new(&step.narrative)
                .size(ui.style().text_styles[&egui::TextStyle::Body].size * 0.95),
        );
    }
    // The claims of the position on screen, so the room sees whether the model bears them out.
    let here: Vec<_> = ctx
        .claims
        .iter()
        .filter(|c| c.step == state.story_pos)
        .collect();
    super::claims_view::claims_ui(ui, &here, super::claims_view::ClaimDetail::Brief, ctx.dark);
    out
}

/// The live levers, the team and argument fields, and the latest log entries.
pub fn live_levers_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    log: &[LogEntry],
) -> Vec<Command> {
    let mut out = Vec::new();
    let s = ctx.scenario;
    ui.heading("Live levers");
    if s.live_levers.is_empty() {
        ui.label(RichText::new("No live levers pinned: add them in the Story panel.").weak());
    }
    for spec in &s.live_levers {
        let Ok(knob) = Knob::parse(s, spec) else {
            continue;
        };
        let Ok(value) = knob.get(s) else { continue };
        let range = knob.range(s);
        let label = knob.label(s);
        let l = ui.label(&label);
        let mut v = value;
        let r = ui
            .add(
                egui::Slider::new(&mut v, range.min..=range.max)
                    .clamping(egui::SliderClamping::Edits)
                    .max_decimals(2),
            )
            .labelled_by(l.id);
        if r.changed() && v != value {
            out.push(Command::Edit(
                crate::document::Change::drag(crate::model::Edit::Set {
                    input: knob.spec(s),
                    value: v,
                })
                .labelled(label.clone()),
            ));
        }
        ui.add_space(4.0);
    }
    ui.separator();
    let team_label = ui.label("Team");
    let r = ui
        .add(egui::TextEdit::singleline(&mut state.team).hint_text("who is moving the levers"))
        .labelled_by(team_label.id);
    name_widget(ui, &r, "Team");
    let arg_label = ui.label("Argument for the next change");
    let r = ui
        .add(egui::TextEdit::singleline(&mut state.argument).hint_text("one line: why this move"))
        .labelled_by(arg_label.id);
    name_widget(ui, &r, "Argument for the next change");
    ui.separator();
    ui.label(RichText::new(format!("Round log ({} changes)", log.len())).strong());
    for (n, e) in log.iter().enumerate().rev().take(6) {
        let who = if e.team.is_empty() {
            String::new()
        } else {
            format!("{}: ", e.team)
        };
        ui.label(
            RichText::new(format!(
                "{} {who}{}",
                e.time.get(11..16).unwrap_or(&e.time),
                e.change
            ))
            .small(),
        );
        if !e.argument.is_empty() {
            ui.label(
                RichText::new(format!("   “{}”", e.argument))
                    .small()
                    .italics(),
            );
        }
        if !e.edits.is_empty() {
            ui.horizontal(|ui| {
                let buttons = [
                    ("Replay", "Make this change again", LogCommand::Replay(n)),
                    (
                        "Take back",
                        "Apply what takes this change back, keeping later changes",
                        LogCommand::TakeBack(n),
                    ),
                    (
                        "To story",
                        "Append a story step that makes this change",
                        LogCommand::ToStory(n),
                    ),
                ];
                for (text, tip, command) in buttons {
                    let r = ui.small_button(text).on_hover_text(tip);
                    name_widget(ui, &r, format!("{text} round-log entry {}", n + 1));
                    if r.clicked() {
                        out.push(Command::Log(command));
                    }
                }
            });
        }
    }
    out
}
