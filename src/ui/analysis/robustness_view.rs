//! The robustness view: how far one outcome, and the leaning of its state, depends on the model
//! constants nobody can source — every constant drawn at once within its plausible range (computed
//! in the background, with progress and Cancel), the robustness statement in words, and a table of
//! each constant's first-order and total Sobol index, the largest on top.

use egui::{RichText, Ui};

use crate::analysis::{Outcome, Robustness, robustness_runs};

use super::super::{ViewCtx, theme};
use super::choices::outcome_picker_ui;
use super::job_status::{RunAction, RunRow, run_row_ui, status_lines_ui};
use super::{AnalysisCommand, AnalysisTab, AnalysisUi, AnalysisView, ResultKey};

/// Constants shown in the chart (the rest have smaller total indices).
const SHOWN: usize = 15;

/// The base-sample choices: quick to careful.
const SAMPLE_CHOICES: [(usize, &str); 4] = [
    (64, "64 (quick look)"),
    (256, "256"),
    (1024, "1,024 (default)"),
    (4096, "4,096 (careful)"),
];

/// A finished robustness analysis with what it was computed from.
#[derive(Clone, Debug)]
pub struct RobustnessResult {
    pub outcome: Outcome,
    pub label: String,
    pub robustness: Robustness,
    /// The plain-words statement for a state's leaning, when the outcome is about a state.
    pub statement: Option<String>,
    pub key: ResultKey,
}

pub fn robustness_view_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    view: &AnalysisView<'_>,
    state: &mut AnalysisUi,
    cursor_year: f64,
    out: &mut Vec<AnalysisCommand>,
) {
    outcome_picker_ui(
        ui,
        "Outcome",
        "Robustness",
        ctx.scenario,
        cursor_year,
        &mut state.robustness,
    );
    let outcome = state.robustness.outcome(ctx.scenario, cursor_year);
    let samples = state.robustness_samples;
    let runs = robustness_runs(samples, crate::model::ConstantId::ALL.len());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Samples");
        let current = SAMPLE_CHOICES
            .iter()
            .find(|(n, _)| *n == samples)
            .map_or_else(|| samples.to_string(), |(_, l)| (*l).to_string());
        egui::ComboBox::from_id_salt("robustness_samples")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (n, text) in SAMPLE_CHOICES {
                    ui.selectable_value(&mut state.robustness_samples, n, text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Base samples N: the analysis makes N × (constants + 2) runs");
        let hover = format!(
            "Draw every model constant at once within its plausible range ({runs} runs) and \
             measure how much of the outcome's spread each explains (Sobol indices)"
        );
        let row = RunRow {
            label: "Run robustness",
            hover: &hover,
            blocked: outcome
                .is_none()
                .then_some("Choose an outcome this scenario has."),
            running: view.robustness.running,
            what: "robustness analysis",
        };
        match run_row_ui(ui, ctx.dark, &row) {
            RunAction::Run => {
                out.extend(outcome.map(|o| AnalysisCommand::RunRobustness(o, samples)));
            }
            RunAction::Cancel => out.push(AnalysisCommand::Cancel(AnalysisTab::Robustness)),
            RunAction::None => {}
        }
    });
    let result = view.robustness.result;
    status_lines_ui(
        ui,
        ctx.dark,
        view.robustness.error,
        (result.is_none() && view.robustness.running.is_none()).then_some(
            "Choose an outcome and run the robustness analysis: it shows how far the answer \
             hangs on the constants nobody can source.",
        ),
        result
            .filter(|r| r.key.generation != view.current.generation)
            .map(|_| "The scenario changed since this ran: run it again to update."),
    );
    let Some(result) = result else {
        return;
    };
    robustness_chart_ui(ui, result);
}

/// The statement, the spread and the table of indices.
pub fn robustness_chart_ui(ui: &mut Ui, result: &RobustnessResult) {
    let r = &result.robustness;
    ui.label(RichText::new(format!("What {} hangs on", result.label)).heading());
    if let Some(statement) = &result.statement {
        ui.label(RichText::new(statement).strong());
    }
    ui.label(format!(
        "With the scenario's constants {:.3}; over plausible constants mean {:.3}, 90 % of sets \
         between {:.3} and {:.3} ({} runs).",
        r.value, r.mean, r.p05, r.p95, r.runs
    ));
    // A table rather than a chart: names, ranges and both indices read exactly from the back of
    // the room, and the bar shows the total index at a glance.
    egui::ScrollArea::vertical()
        .id_salt("robustness_table")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("robustness_indices")
                .num_columns(5)
                .striped(true)
                .show(ui, |ui| {
                    ui.label(RichText::new("Constant").strong());
                    ui.label(RichText::new("Plausible").strong());
                    ui.label(RichText::new("First").strong()).on_hover_text(
                        "First-order index: the share of the spread it explains alone",
                    );
                    ui.label(RichText::new("Total").strong()).on_hover_text(
                        "Total index: its share with every interaction with the other constants",
                    );
                    ui.label("");
                    ui.end_row();
                    for c in r.indices.iter().take(SHOWN) {
                        ui.label(c.id.label()).on_hover_text(format!(
                            "{} ({}): {}",
                            c.id.key(),
                            c.id.symbol(),
                            c.basis
                        ));
                        ui.label(c.span.label());
                        ui.label(format!("{:.2}", c.first));
                        ui.label(format!("{:.2}", c.total));
                        ui.add(
                            egui::ProgressBar::new(c.total.clamp(0.0, 1.0) as f32)
                                .desired_width(120.0)
                                .fill(theme::tornado_high()),
                        );
                        ui.end_row();
                    }
                });
        });
    let rest = r.indices.len().saturating_sub(SHOWN);
    if rest > 0 {
        ui.label(
            RichText::new(format!(
                "{rest} more constants explain less (see the command line's `robustness`)."
            ))
            .small()
            .weak(),
        );
    }
}
