//! The main chart: every state's tilt, or one state's alignment shares, or its dependency.

use egui::{Align2, RichText, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text, VLine};

use super::super::state::{MainChart, UiState};
use super::super::{ViewCtx, theme};
use super::legend::{LegendItem, is_hidden, legend_ui, spread_labels};
use super::{ChartCache, link_group};

/// One line of the chart: its legend entry and its points.
struct Series<'a> {
    item: LegendItem,
    style: LineStyle,
    points: &'a [PlotPoint],
    /// The same line before the last step, drawn faint behind it.
    ghost: Option<&'a [PlotPoint]>,
    /// Short label drawn at the line's end (tilt chart).
    end_label: Option<String>,
    /// Drawn faint: the story step names other states.
    dimmed: bool,
}

pub fn main_chart_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    cache: &ChartCache,
    height: f32,
) {
    let s = ctx.scenario;
    let chart_key = match state.chart {
        MainChart::Tilt | MainChart::Map => "tilt",
        MainChart::Shares => "shares",
        MainChart::Dependency => "dependency",
    };
    let (title, y_range) = match state.chart {
        MainChart::Tilt | MainChart::Map => (
            format!(
                "Tilt of every state: {} share minus {} share (+1 all {}, −1 all {})",
                name(s, 0),
                name(s, 1),
                code(s, 0),
                code(s, 1)
            ),
            (-1.0, 1.0),
        ),
        MainChart::Shares => (
            format!("Alignment of {}", state_name(s, state.chart_state)),
            (0.0, 1.0),
        ),
        MainChart::Dependency => {
            let sector = state
                .dependency_sector
                .map_or("mean of all sectors", |sec| {
                    crate::model::Sector::ALL[sec].label()
                });
            (
                format!(
                    "Technology dependency of {} ({sector})",
                    state_name(s, state.chart_state)
                ),
                (0.0, 1.0),
            )
        }
    };
    let series = series_for(ctx, state, cache);
    let stroke = theme::stroke_scale(ui.style());
    let top = ui.cursor().top();
    ui.label(RichText::new(title).strong());
    let cursor = state.cursor_year.unwrap_or(cache.last_year);
    change_line_ui(ui, ctx.dark, change_sentence(ctx, state, cursor));
    let y_range = match state.chart {
        MainChart::Tilt | MainChart::Map if !state.full_axis => fitted_range(&series),
        _ => y_range,
    };
    let items: Vec<LegendItem> = series
        .iter()
        .map(|x| LegendItem {
            name: x.item.name.clone(),
            colour: x.item.colour,
            dashed: x.item.dashed,
            dotted: x.item.dotted,
        })
        .collect();
    // Presenting, the tilt lines carry their codes at their ends: the legend's rows go to the chart.
    if !(state.presenter && end_labelled(state.chart)) {
        legend_ui(ui, chart_key, &items, &mut state.hidden_series);
    }

    // `height` is the whole section's: the title and legend (which wraps on narrow windows) come
    // out of it, so the table below keeps its share at 1280 × 720.
    let used = ui.cursor().top() - top;
    let height = (height - used - 26.0).max(170.0);
    let span = cache.last_year - cache.first_year;
    // End labels, spread so they never overlap: a line of text apart, at any text size.
    let line = f64::from(ui.style().text_styles[&egui::TextStyle::Body].size * 1.05);
    let gap = (y_range.1 - y_range.0) * line / f64::from(height.max(1.0));
    let mut ends: Vec<(usize, f64)> = series
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.end_label.is_some() && !is_hidden(&state.hidden_series, chart_key, &x.item.name)
        })
        .filter_map(|(k, x)| x.points.last().map(|p| (k, p.y)))
        .collect();
    spread_labels(&mut ends, gap, y_range.0, y_range.1);
    let dark = ctx.dark;
    let hidden = &state.hidden_series;
    let ui_state = &*state;
    let response = Plot::new("main_chart")
        .height(height)
        .link_axis(link_group(), [true, false])
        .link_cursor(link_group(), [true, false])
        .include_y(y_range.0)
        .include_y(y_range.1)
        .include_x(cache.first_year)
        .include_x(cache.last_year + span * if ends.is_empty() { 0.0 } else { 0.07 })
        .allow_scroll(false)
        .x_axis_label("year")
        .label_formatter(|pos: &HoverPosition<'_>| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:+.3}",
                crate::model::naming::year_label(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (k, x) in series.iter().enumerate() {
                if is_hidden(hidden, chart_key, &x.item.name) {
                    continue;
                }
                cache
                    .overlay
                    .draw_main(plot, ui_state, k, &x.item.name, x.item.colour);
                let colour = if x.dimmed {
                    theme::dimmed(x.item.colour, dark)
                } else {
                    x.item.colour
                };
                if let Some(ghost) = x.ghost {
                    plot.line(
                        Line::new(
                            format!("{} before", x.item.name),
                            PlotPoints::Borrowed(ghost),
                        )
                        .color(theme::ghost(colour))
                        .style(x.style)
                        .width(1.5 * stroke)
                        .allow_hover(false),
                    );
                }
                plot.line(
                    Line::new(x.item.name.clone(), PlotPoints::Borrowed(x.points))
                        .color(colour)
                        .style(x.style)
                        .width(stroke * if x.dimmed { 1.5 } else { 2.5 }),
                );
            }
            for (k, y) in &ends {
                let x = &series[*k];
                if let (Some(label), Some(last)) = (&x.end_label, x.points.last()) {
                    // A label spread away from its line's end is tied to it by a leader.
                    if (last.y - *y).abs() > gap * 0.3 {
                        plot.line(
                            Line::new(
                                format!("{} leader", x.item.name),
                                PlotPoints::Owned(vec![
                                    *last,
                                    PlotPoint::new(last.x + span * 0.004, *y),
                                ]),
                            )
                            .color(x.item.colour.gamma_multiply(0.7))
                            .width(stroke)
                            .allow_hover(false),
                        );
                    }
                    plot.text(
                        Text::new(
                            x.item.name.clone(),
                            PlotPoint::new(last.x + span * 0.005, *y),
                            label.clone(),
                        )
                        .color(x.item.colour)
                        .anchor(Align2::LEFT_CENTER),
                    );
                }
            }
            year_cursor(plot, cursor, dark)
        });
    follow_click(&response, state, cache);
}

fn series_for<'a>(ctx: &ViewCtx<'_>, state: &UiState, cache: &'a ChartCache) -> Vec<Series<'a>> {
    let s = ctx.scenario;
    match state.chart {
        MainChart::Tilt | MainChart::Map => cache
            .tilt
            .iter()
            .enumerate()
            .filter_map(|(i, pts)| {
                let st = s.states.get(i)?;
                let style = theme::state_line_style(i);
                Some(Series {
                    item: LegendItem {
                        name: format!("{} {}", st.code, st.name),
                        colour: theme::state_colour(i, ctx.dark),
                        dashed: matches!(style, LineStyle::Dashed { .. }),
                        dotted: matches!(style, LineStyle::Dotted { .. }),
                    },
                    style,
                    points: pts,
                    ghost: cache.ghost_tilt.get(i).map(Vec::as_slice),
                    end_label: Some(st.code.clone()),
                    dimmed: !state.highlight.is_empty() && !state.highlight.contains(&st.code),
                })
            })
            .collect(),
        MainChart::Shares => {
            let poles = s.pole_codes();
            cache
                .shares
                .iter()
                .enumerate()
                .map(|(o, pts)| {
                    let pole = s
                        .powers
                        .get(o)
                        .map_or("Autonomy".to_string(), |p| p.name.clone());
                    Series {
                        item: LegendItem {
                            name: format!("{pole} ({})", poles.get(o).map_or("", String::as_str)),
                            colour: theme::pole_colour(s, o, ctx.dark),
                            dashed: o >= s.powers.len(),
                            dotted: false,
                        },
                        style: if o >= s.powers.len() {
                            LineStyle::Dashed { length: 10.0 }
                        } else {
                            LineStyle::Solid
                        },
                        points: pts,
                        ghost: cache.ghost_shares.get(o).map(Vec::as_slice),
                        end_label: None,
                        dimmed: false,
                    }
                })
                .collect()
        }
        MainChart::Dependency => cache
            .dependency
            .iter()
            .enumerate()
            .map(|(p, pts)| {
                let (name, colour, domestic) = match s.powers.get(p) {
                    Some(pw) => (
                        format!("{} ({})", pw.name, pw.code),
                        theme::power_colour(s, p),
                        false,
                    ),
                    None => (
                        "Domestic / regional".to_string(),
                        theme::domestic(ctx.dark),
                        true,
                    ),
                };
                Series {
                    item: LegendItem {
                        name,
                        colour,
                        dashed: domestic,
                        dotted: false,
                    },
                    style: if domestic {
                        LineStyle::Dashed { length: 10.0 }
                    } else {
                        LineStyle::Solid
                    },
                    points: pts,
                    ghost: None,
                    end_label: None,
                    dimmed: false,
                }
            })
            .collect(),
    }
}

fn end_labelled(chart: MainChart) -> bool {
    matches!(chart, MainChart::Tilt | MainChart::Map)
}

/// The tilt axis fitted to the lines shown (and their ghosts), with a margin and 0 always in view;
/// the full −1 … 1 is a toggle away.
fn fitted_range(series: &[Series<'_>]) -> (f64, f64) {
    let (lo, hi) = series
        .iter()
        .flat_map(|x| x.points.iter().chain(x.ghost.unwrap_or_default()))
        .fold((0.0_f64, 0.0_f64), |(lo, hi), p| (lo.min(p.y), hi.max(p.y)));
    let margin = ((hi - lo) * 0.08).max(0.02);
    ((lo - margin).max(-1.0), (hi + margin).min(1.0))
}

/// What the last step changed, without pinning anything: the room reads it above the chart, the
/// map or the bloc indices.
pub fn change_line_ui(ui: &mut Ui, dark: bool, sentence: Option<String>) {
    if let Some(sentence) = sentence {
        ui.label(
            RichText::new(format!("Since the last change: {sentence}"))
                .color(theme::change_colour(dark)),
        );
    }
}

/// "By 2035, Cambodia (0.08) moved toward China …" when there is a previous step to compare with.
pub fn change_sentence(ctx: &ViewCtx<'_>, state: &UiState, year: f64) -> Option<String> {
    if !matches!(state.chart, MainChart::Tilt | MainChart::Map) {
        return None;
    }
    let (before, after) = (ctx.previous?, ctx.run?);
    let changes = crate::analysis::tilt_changes(before, after, year)?;
    Some(crate::analysis::tilt_change_sentence(
        ctx.scenario,
        &changes,
        year,
        3,
    ))
}

/// Draws the year cursor and reports where the pointer is, for [`follow_click`].
pub fn year_cursor(plot: &mut egui_plot::PlotUi<'_>, year: f64, dark: bool) -> Option<PlotPoint> {
    plot.vline(
        VLine::new("cursor", year)
            .color(cursor_colour(dark))
            .width(1.5),
    );
    plot.pointer_coordinate()
}

/// A click on a chart moves the year cursor there.
pub fn follow_click(
    response: &egui_plot::PlotResponse<Option<PlotPoint>>,
    state: &mut UiState,
    cache: &ChartCache,
) {
    if response.response.clicked()
        && let Some(pos) = response.inner
    {
        state.cursor_year = Some(pos.x.clamp(cache.first_year, cache.last_year));
    }
}

/// Colour of the year cursor.
pub fn cursor_colour(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_gray(200)
    } else {
        egui::Color32::from_gray(60)
    }
}

fn code(s: &crate::model::Scenario, p: usize) -> String {
    s.powers.get(p).map_or("–".into(), |p| p.code.clone())
}

fn name(s: &crate::model::Scenario, p: usize) -> String {
    s.powers.get(p).map_or("–".into(), |p| p.name.clone())
}

fn state_name(s: &crate::model::Scenario, i: usize) -> String {
    s.states
        .get(i)
        .map_or("–".into(), |st| format!("{} ({})", st.name, st.code))
}
