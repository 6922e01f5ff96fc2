//! The bloc indices over time: cohesion, bifurcation, tech split, autonomy and DEFA integration.

use egui::{RichText, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, Plot, PlotPoints};

use crate::engine::BlocIndex;

use super::super::state::UiState;
use super::super::{ViewCtx, theme};
use super::legend::{LegendItem, is_hidden, legend_ui};
use super::main_chart::{follow_click, year_cursor};
use super::{ChartCache, link_group};

pub fn bloc_chart_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    cache: &ChartCache,
    height: f32,
) {
    let stroke = theme::stroke_scale(ui.style());
    let top = ui.cursor().top();
    ui.label(RichText::new("Bloc indices (0–1)").strong())
        .on_hover_text(
            BlocIndex::ALL
                .iter()
                .map(|b| format!("{}: {}", b.label(), b.help()))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    let items: Vec<LegendItem> = BlocIndex::ALL
        .iter()
        .enumerate()
        .map(|(b, idx)| LegendItem {
            name: idx.label().to_string(),
            colour: theme::bloc_colour(b),
            dashed: b % 2 == 1,
            dotted: false,
        })
        .collect();
    legend_ui(ui, "bloc", &items, &mut state.hidden_series);
    let cursor = state.cursor_year.unwrap_or(cache.last_year);
    let sentence = ctx
        .previous
        .zip(ctx.run)
        .and_then(|(before, after)| crate::analysis::bloc_change_sentence(before, after, cursor));
    super::main_chart::change_line_ui(ui, ctx.dark, sentence);
    // The section's height includes its title and legend.
    let plot_height = (height - (ui.cursor().top() - top) - 26.0).max(80.0);
    let hidden = &state.hidden_series;
    let dark = ctx.dark;
    let response = Plot::new("bloc_chart")
        .height(plot_height)
        .link_axis(link_group(), [true, false])
        .link_cursor(link_group(), [true, false])
        .include_y(0.0)
        .include_y(1.0)
        .allow_scroll(false)
        .label_formatter(|pos: &HoverPosition<'_>| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.3}",
                crate::model::naming::year_label(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (b, pts) in cache.bloc.iter().enumerate() {
                let name = BlocIndex::ALL[b].label();
                if is_hidden(hidden, "bloc", name) {
                    continue;
                }
                cache
                    .overlay
                    .draw_bloc(plot, b, name, theme::bloc_colour(b));
                let style = if b % 2 == 1 {
                    LineStyle::Dashed { length: 10.0 }
                } else {
                    LineStyle::Solid
                };
                if let Some(ghost) = cache.ghost_bloc.get(b) {
                    plot.line(
                        Line::new(format!("{name} before"), PlotPoints::Borrowed(ghost))
                            .color(theme::ghost(theme::bloc_colour(b)))
                            .style(style)
                            .width(1.5 * stroke)
                            .allow_hover(false),
                    );
                }
                plot.line(
                    Line::new(name, PlotPoints::Borrowed(pts))
                        .color(theme::bloc_colour(b))
                        .style(style)
                        .width(2.5 * stroke),
                );
            }
            year_cursor(plot, cursor, dark)
        });
    follow_click(&response, state, cache);
}
