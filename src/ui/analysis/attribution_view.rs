//! The attribution view: pick an outcome, split its difference B − A among the groups of changed
//! inputs by Shapley values (in the background), and read it as a waterfall — A's value, one bar per
//! group starting where the previous one ended, B's value — with the one-sentence reading.

use egui::{Align2, RichText, Ui};
use egui_plot::{Bar, BarChart, Line, LineStyle, PlotPoint, PlotPoints, Text};

use crate::analysis::{Attribution, Outcome};

use super::super::widgets::name_widget;
use super::super::{ViewCtx, theme};
use super::choices::outcome_picker_ui;
use super::job_status::{RunAction, RunRow, run_row_ui, status_lines_ui};
use super::row_plot::row_plot;
use super::{AnalysisCommand, AnalysisTab, AnalysisUi, AnalysisView, ResultKey};

/// A finished attribution with what it was computed from.
#[derive(Clone, Debug)]
pub struct AttributionResult {
    pub outcome: Outcome,
    /// "Bloc bifurcation in 2040".
    pub label: String,
    pub attribution: Attribution,
    pub sentence: String,
    pub key: ResultKey,
}

impl AttributionResult {
    pub fn new(outcome: Outcome, label: String, attribution: Attribution, key: ResultKey) -> Self {
        let sentence = attribution.sentence(&label);
        Self {
            outcome,
            label,
            attribution,
            sentence,
            key,
        }
    }

    /// "exact Shapley values over 3 groups (8 runs)" or the sampled equivalent with its error.
    pub fn method(&self) -> String {
        let at = &self.attribution;
        let groups = at.contributions.len();
        let plural = if groups == 1 { "" } else { "s" };
        match (at.exact, at.std_error) {
            (true, _) | (false, None) => {
                format!(
                    "exact Shapley values over {groups} group{plural} ({} runs)",
                    at.runs
                )
            }
            (false, Some(se)) => format!(
                "sampled Shapley values over {groups} group{plural} ({} runs), standard error up to {se:.4}",
                at.runs
            ),
        }
    }
}

/// One bar of the waterfall: from `start` to `end`; A and B are totals drawn from the axis floor
/// (`start` is `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct WaterfallBar {
    pub label: String,
    pub start: Option<f64>,
    pub end: f64,
    pub std_error: Option<f64>,
}

/// A, each group's contribution chained from A's value (largest first), then B.
pub fn waterfall_bars(at: &Attribution) -> Vec<WaterfallBar> {
    let mut bars = vec![WaterfallBar {
        label: "A".into(),
        start: None,
        end: at.outcome_a,
        std_error: None,
    }];
    let mut level = at.outcome_a;
    for c in &at.contributions {
        bars.push(WaterfallBar {
            label: c.group.clone(),
            start: Some(level),
            end: level + c.value,
            std_error: c.std_error,
        });
        level += c.value;
    }
    bars.push(WaterfallBar {
        label: "B".into(),
        start: None,
        end: at.outcome_b,
        std_error: None,
    });
    bars
}

pub fn attribution_view_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    view: &AnalysisView<'_>,
    state: &mut AnalysisUi,
    cursor_year: f64,
    out: &mut Vec<AnalysisCommand>,
) {
    if view.pinned.is_none() {
        ui.add_space(12.0);
        ui.label(
            "Attribution explains the difference between a pinned scenario A and the live scenario B. \
             Pin a scenario as A first (the Pin as A button above, or the Analysis menu), then edit B.",
        );
        return;
    }
    outcome_picker_ui(
        ui,
        "Outcome",
        "Attribution",
        ctx.scenario,
        cursor_year,
        &mut state.attribution,
    );
    let outcome = state.attribution.outcome(ctx.scenario, cursor_year);
    let row = RunRow {
        label: "Run attribution",
        hover: "Split B - A among the groups of changed inputs: exact Shapley values up to 10 \
                groups, sampled with a standard error beyond",
        blocked: view.not_attributable.or(outcome
            .is_none()
            .then_some("Choose an outcome this scenario has.")),
        running: view.attribution.running,
        what: "attribution",
    };
    match ui
        .horizontal_wrapped(|ui| run_row_ui(ui, ctx.dark, &row))
        .inner
    {
        RunAction::Run => out.extend(outcome.map(AnalysisCommand::RunAttribution)),
        RunAction::Cancel => out.push(AnalysisCommand::Cancel(AnalysisTab::Attribution)),
        RunAction::None => {}
    }
    let result = view.attribution.result;
    status_lines_ui(
        ui,
        ctx.dark,
        view.attribution.error,
        (result.is_none() && row.running.is_none())
            .then_some("Choose an outcome and run the attribution."),
        result.filter(|r| r.key != view.current).map(|_| {
            "A or B changed since this attribution ran: run it again for the current scenarios."
        }),
    );
    let Some(result) = result else {
        return;
    };
    waterfall_ui(ui, ctx.dark, result, false);
}

/// Decimals that show a value of size `scale` with at least two significant digits.
fn decimals_for(scale: f64) -> usize {
    if !scale.is_finite() || scale >= 0.01 || scale == 0.0 {
        3
    } else {
        (2 + (-scale.log10()).ceil() as usize).min(6)
    }
}

/// The sentence, the method and the waterfall chart; also what a PNG export captures.
pub fn waterfall_ui(ui: &mut Ui, dark: bool, result: &AttributionResult, fill: bool) {
    ui.label(RichText::new(format!("Why B differs from A: {}", result.label)).heading());
    ui.label(
        RichText::new(&result.sentence)
            .size(ui.style().text_styles[&egui::TextStyle::Body].size * 1.15),
    );
    ui.label(RichText::new(result.method()).weak());
    let bars = waterfall_bars(&result.attribution);
    let n = bars.len();
    let at = &result.attribution;
    let scale = at
        .contributions
        .iter()
        .map(|c| c.value.abs())
        .fold(at.total.abs(), f64::max);
    let d = decimals_for(scale);
    let floor = {
        let lo = bars
            .iter()
            .flat_map(|b| [b.start.unwrap_or(b.end), b.end])
            .fold(f64::INFINITY, f64::min);
        let hi = bars
            .iter()
            .flat_map(|b| [b.start.unwrap_or(b.end), b.end])
            .fold(f64::NEG_INFINITY, f64::max);
        let span = (hi - lo).max(1e-3);
        // A and B stand on a floor just below the lowest level, so small contributions stay
        // visible; the axis shows the real values.
        lo - 0.6 * span
    };
    // Row y = n − 1 − k, so A is on top and B at the bottom.
    let labels: Vec<String> = bars.iter().rev().map(|b| b.label.clone()).collect();
    let y_of = |k: usize| (n - 1 - k) as f64;
    let chart_bars: Vec<Bar> = bars
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let (base, fill, outline) = match b.start {
                None => (floor, theme::waterfall_total(dark), None),
                Some(s) if b.end >= s => (s, theme::waterfall_up(dark), None),
                Some(s) => (
                    s,
                    theme::waterfall_down_fill(dark),
                    Some(theme::waterfall_down(dark)),
                ),
            };
            let se = b.std_error.map_or(String::new(), |e| format!(" ± {e:.4}"));
            let name = match b.start {
                None => format!("{}: {:.4}", b.label, b.end),
                Some(s) => format!(
                    "{}: {:+.4}{se} ({:.4} to {:.4})",
                    b.label,
                    b.end - s,
                    s,
                    b.end
                ),
            };
            let bar = Bar::new(y_of(k), b.end - base)
                .base_offset(base)
                .width(0.62)
                .fill(fill)
                .name(name);
            match outline {
                Some(c) => bar.stroke(egui::Stroke::new(2.0, c)),
                None => bar,
            }
        })
        .collect();
    let span = bars.iter().map(|b| b.end).fold(f64::NEG_INFINITY, f64::max) - floor;
    let connectors: Vec<[PlotPoint; 2]> = (0..n.saturating_sub(1))
        .map(|k| {
            let x = bars[k].end;
            [
                PlotPoint::new(x, y_of(k) - 0.31),
                PlotPoint::new(x, y_of(k + 1) + 0.31),
            ]
        })
        .collect();
    let texts: Vec<(PlotPoint, String)> = bars
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let right = b.end.max(b.start.unwrap_or(floor));
            let text = match b.start {
                None => format!("{:.d$}", b.end, d = d.max(3)),
                Some(s) => format!("{:+.d$}", b.end - s),
            };
            (PlotPoint::new(right + span * 0.01, y_of(k)), text)
        })
        .collect();
    // A zigzag across each total bar near its cut end: the break mark of a broken axis.
    let cut = floor.abs() > 1e-12;
    let breaks: Vec<Vec<[f64; 2]>> = bars
        .iter()
        .enumerate()
        .filter(|(_, b)| cut && b.start.is_none())
        .map(|(k, _)| {
            let (x, dx, y) = (floor + span * 0.05, span * 0.012, y_of(k));
            vec![
                [x - dx, y - 0.33],
                [x + dx, y - 0.11],
                [x - dx, y + 0.11],
                [x + dx, y + 0.33],
            ]
        })
        .collect();
    let break_colour = ui.visuals().extreme_bg_color;
    let text_colour = ui.visuals().text_color();
    let connector_colour = ui.visuals().weak_text_color();
    let text_size = ui.style().text_styles[&egui::TextStyle::Body].size;
    // On screen, rows of about 70 points: three bars should not stretch over the whole area. An
    // exported picture (`fill`) takes its whole frame.
    let height = if fill {
        ui.available_height() - 8.0
    } else {
        (ui.available_height() - 8.0).min(70.0 * n as f32 + 70.0)
    }
    .max(160.0);
    let response = row_plot(
        "attribution_waterfall",
        labels,
        ui.available_width(),
        height,
    )
    .include_x(floor)
    .include_x(floor + span * 1.22)
    .x_axis_label(result.label.clone())
    .show(ui, |plot| {
        plot.bar_chart(
            BarChart::new("waterfall", chart_bars)
                .horizontal()
                .element_formatter(Box::new(|bar, _| bar.name.clone())),
        );
        for (k, seg) in connectors.iter().enumerate() {
            plot.line(
                Line::new(format!("step {k}"), PlotPoints::Owned(seg.to_vec()))
                    .color(connector_colour)
                    .style(LineStyle::Dashed { length: 4.0 })
                    .width(1.0)
                    .allow_hover(false),
            );
        }
        for (k, points) in breaks.into_iter().enumerate() {
            plot.line(
                Line::new(format!("axis break {k}"), PlotPoints::from(points))
                    .color(break_colour)
                    .width(4.0)
                    .allow_hover(false),
            );
        }
        for (k, (pos, text)) in texts.into_iter().enumerate() {
            plot.text(
                Text::new(
                    format!("value {k}"),
                    pos,
                    RichText::new(text)
                        .strong()
                        .size(text_size)
                        .color(text_colour),
                )
                .anchor(Align2::LEFT_CENTER),
            );
        }
    });
    name_widget(ui, &response.response, "Attribution waterfall");
    if floor.abs() > 1e-12 {
        // The A and B bars stand on a cut floor so small changes stay visible; say so, as a
        // printed chart with a broken axis must.
        ui.label(
            RichText::new(format!(
                "Axis cut: the A and B bars start at {:.d$}, not at 0, so that the changes between them can be seen.",
                floor,
                d = d.max(3)
            ))
            .color(theme::warning_colour(dark)),
        );
    }
}
