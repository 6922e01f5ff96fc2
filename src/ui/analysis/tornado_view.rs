//! The sensitivity view: a tornado chart ranking the lever entries and state profile values by how
//! far they move one outcome when each is swung alone over its plausible range (computed in the
//! background), the largest swing on top.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, VLine};

use crate::analysis::{Outcome, Tornado};

use super::super::widgets::name_widget;
use super::super::{ViewCtx, theme};
use super::choices::outcome_picker_ui;
use super::job_status::{RunAction, RunRow, run_row_ui, status_lines_ui};
use super::row_plot::{row_plot, swatch};
use super::{AnalysisCommand, AnalysisTab, AnalysisUi, AnalysisView, ResultKey, glyph_safe};

/// A finished tornado with what it was computed from.
#[derive(Clone, Debug)]
pub struct TornadoResult {
    pub outcome: Outcome,
    pub label: String,
    pub tornado: Tornado,
    pub key: ResultKey,
}

pub fn tornado_view_ui(
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
        "Sensitivity",
        ctx.scenario,
        cursor_year,
        &mut state.tornado,
    );
    let outcome = state.tornado.outcome(ctx.scenario, cursor_year);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Bars shown");
        ui.add(
            egui::Slider::new(&mut state.tornado_top, 5..=40).clamping(egui::SliderClamping::Edits),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut state.tornado_constants, "Model constants too")
            .on_hover_text(
                "Also swing each model constant over its plausible range (a constant with several \
                 values by a common factor), to compare what the inputs and the assumptions move",
            );
        let row = RunRow {
            label: "Run sensitivity",
            hover: "Swing each lever entry's intensity over 0 to 1 and each state profile value by \
                    0.2 either way, one at a time, and rank them by how far the outcome moves",
            blocked: outcome
                .is_none()
                .then_some("Choose an outcome this scenario has."),
            running: view.tornado.running,
            what: "sensitivity analysis",
        };
        match run_row_ui(ui, ctx.dark, &row) {
            RunAction::Run => {
                out.extend(outcome.map(|o| AnalysisCommand::RunTornado(o, state.tornado_constants)))
            }
            RunAction::Cancel => out.push(AnalysisCommand::Cancel(AnalysisTab::Sensitivity)),
            RunAction::None => {}
        }
    });
    let result = view.tornado.result;
    status_lines_ui(
        ui,
        ctx.dark,
        view.tornado.error,
        (result.is_none() && view.tornado.running.is_none())
            .then_some("Choose an outcome and run the sensitivity analysis."),
        result
            .filter(|r| r.key.generation != view.current.generation)
            .map(|_| "The scenario changed since this ran: run it again to update."),
    );
    let Some(result) = result else {
        return;
    };
    tornado_chart_ui(ui, result, state.tornado_top);
}

/// A bar's hover text: its name holds the input, its swing and the outcome at both ends.
fn bar_text(bar: &Bar, _: &BarChart) -> String {
    bar.name.clone()
}

/// The title, legend and chart; also what a PNG export captures.
pub fn tornado_chart_ui(ui: &mut Ui, result: &TornadoResult, top: usize) {
    let t = &result.tornado;
    let label = match result.label.strip_prefix("Bloc ") {
        Some(rest) => format!("bloc {rest}"),
        None => result.label.clone(),
    };
    ui.label(RichText::new(format!("What moves {label} most")).heading());
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Base value {:.3}.", t.base));
        swatch(ui, theme::tornado_low(), None);
        ui.label("input at the low end of its swing");
        swatch(ui, theme::tornado_high(), None);
        ui.label("at the high end");
    });
    let shown: Vec<_> = t.bars.iter().take(top.max(1)).collect();
    if shown.is_empty() {
        ui.label("The scenario has no lever entries, profile values or constants to swing.");
        return;
    }
    let n = shown.len();
    // Row y = n − 1 − k: the largest swing on top.
    let labels: Vec<String> = shown.iter().rev().map(|b| glyph_safe(&b.label)).collect();
    let mut low = Vec::with_capacity(n);
    let mut high = Vec::with_capacity(n);
    for (k, b) in shown.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        let text = format!(
            "{}\n{}: outcome {:.3} to {:.3} (swing {:.3})",
            glyph_safe(&b.label),
            b.ends_text(),
            b.outcome_low,
            b.outcome_high,
            b.swing()
        );
        low.push(
            Bar::new(y, b.outcome_low - t.base)
                .base_offset(t.base)
                .width(0.7)
                .fill(theme::tornado_low())
                .name(text.clone()),
        );
        high.push(
            Bar::new(y, b.outcome_high - t.base)
                .base_offset(t.base)
                .width(0.7)
                .fill(theme::tornado_high())
                .name(text),
        );
    }
    let base_colour = ui.visuals().text_color();
    let response = row_plot(
        "tornado_chart",
        labels,
        ui.available_width(),
        (ui.available_height() - 8.0).max(160.0),
    )
    .x_axis_label(result.label.clone())
    .show(ui, |plot| {
        plot.bar_chart(
            BarChart::new("input at the low end", low)
                .horizontal()
                .element_formatter(Box::new(bar_text)),
        );
        plot.bar_chart(
            BarChart::new("input at the high end", high)
                .horizontal()
                .element_formatter(Box::new(bar_text)),
        );
        plot.vline(VLine::new("base", t.base).color(base_colour).width(1.5));
    });
    name_widget(ui, &response.response, "Sensitivity tornado");
}
