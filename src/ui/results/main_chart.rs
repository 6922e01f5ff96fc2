//! The main chart: every state's tilt, or one state's alignment shares, or its dependency.

use egui::{Align2, RichText, Ui};
use egui_plot::{Corner, HoverPosition, Legend, Line, Plot, PlotPoint, PlotPoints, Text, VLine};

use super::super::state::{MainChart, UiState};
use super::super::{ViewCtx, theme};
use super::{ChartCache, link_group};

pub fn main_chart_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    cache: &ChartCache,
    height: f32,
) {
    let s = ctx.scenario;
    let (title, y_range) = match state.chart {
        MainChart::Tilt => {
            let pair = if s.powers.len() >= 2 {
                format!("{} − {}", s.powers[0].name, s.powers[1].name)
            } else {
                "first power − second power".into()
            };
            (
                format!(
                    "Tilt of every state: {pair} share (+1 all {}, −1 all {})",
                    code(s, 0),
                    code(s, 1)
                ),
                (-1.0, 1.0),
            )
        }
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
    ui.label(RichText::new(title).strong());
    let cursor = state.cursor_year.unwrap_or(cache.last_year);
    let response = Plot::new("main_chart")
        .height(height)
        .link_axis(link_group(), [true, false])
        .link_cursor(link_group(), [true, false])
        .include_y(y_range.0)
        .include_y(y_range.1)
        .include_x(cache.first_year)
        .include_x(cache.last_year + (cache.last_year - cache.first_year) * 0.06)
        .allow_scroll(false)
        .legend(Legend::default().position(Corner::LeftTop))
        .x_axis_label("year")
        .label_formatter(|pos: &HoverPosition<'_>| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{:.2}: {:+.3}",
                position.x, position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            match state.chart {
                MainChart::Tilt => {
                    for (i, pts) in cache.tilt.iter().enumerate() {
                        let st = &s.states[i];
                        let colour = theme::state_colour(i, ctx.dark);
                        plot.line(
                            Line::new(
                                format!("{} {}", st.code, st.name),
                                PlotPoints::Borrowed(pts),
                            )
                            .color(colour)
                            .style(theme::state_line_style(i))
                            .width(2.0),
                        );
                        if let Some(end) = pts.last() {
                            plot.text(
                                Text::new(
                                    format!("{} {}", st.code, st.name),
                                    PlotPoint::new(end.x, end.y),
                                    RichText::new(format!(" {}", st.code)).strong(),
                                )
                                .color(colour)
                                .anchor(Align2::LEFT_CENTER),
                            );
                        }
                    }
                }
                MainChart::Shares => {
                    let poles = s.pole_codes();
                    for (o, pts) in cache.shares.iter().enumerate() {
                        let name = s
                            .powers
                            .get(o)
                            .map_or("Autonomy".to_string(), |p| p.name.clone());
                        plot.line(
                            Line::new(
                                format!("{} ({})", name, poles[o]),
                                PlotPoints::Borrowed(pts),
                            )
                            .color(theme::pole_colour(s, o, ctx.dark))
                            .width(2.5),
                        );
                    }
                }
                MainChart::Dependency => {
                    for (p, pts) in cache.dependency.iter().enumerate() {
                        let (name, colour) = match s.powers.get(p) {
                            Some(pw) => (
                                format!("{} ({})", pw.name, pw.code),
                                theme::power_colour(s, p),
                            ),
                            None => ("Domestic / regional".to_string(), theme::domestic(ctx.dark)),
                        };
                        plot.line(
                            Line::new(name, PlotPoints::Borrowed(pts))
                                .color(colour)
                                .width(2.5),
                        );
                    }
                }
            }
            plot.vline(
                VLine::new("cursor", cursor)
                    .color(ui_cursor_colour(ctx.dark))
                    .width(1.5),
            );
            plot.pointer_coordinate()
        });
    if response.response.clicked()
        && let Some(pos) = response.inner
    {
        state.cursor_year = Some(pos.x.clamp(cache.first_year, cache.last_year));
    }
}

pub fn ui_cursor_colour(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_gray(200)
    } else {
        egui::Color32::from_gray(60)
    }
}

fn code(s: &crate::model::Scenario, p: usize) -> String {
    s.powers.get(p).map_or("–".into(), |p| p.code.clone())
}

fn state_name(s: &crate::model::Scenario, i: usize) -> String {
    s.states
        .get(i)
        .map_or("–".into(), |st| format!("{} ({})", st.name, st.code))
}
