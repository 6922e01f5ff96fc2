//! What can be exported — each chart as PNG and its data as CSV, the compare table as CSV, and the
//! briefing — and the view drawn alone at window size while its picture is taken, so an exported
//! chart has presentation resolution whatever the panels' sizes.

use egui::Ui;

use super::super::results::ChartCache;
use super::super::results::{bloc_chart, main_chart, map_view};
use super::super::state::{MainChart, UiState};
use super::super::{ViewCtx, theme};
use super::AnalysisView;
use super::attribution_view::waterfall_ui;
use super::sweep_view::tipping_map_ui;
use super::tornado_view::tornado_chart_ui;

/// A view that can be exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportView {
    /// The main trajectory chart as shown (tilt, shares or dependency).
    MainChart,
    BlocChart,
    /// The inputs that differ and the outcome differences (CSV only).
    CompareTable,
    Waterfall,
    Tornado,
    TippingMap,
}

/// An export the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportWhat {
    Png(ExportView),
    /// A vector figure drawn by `figure` (the trajectory and bloc charts and the map).
    Svg(ExportView),
    Csv(ExportView),
    Briefing,
}

impl ExportView {
    /// For file names: `scenario_tilt.png`.
    pub fn file_tag(self, state: &UiState) -> &'static str {
        match self {
            ExportView::MainChart => match state.chart {
                MainChart::Tilt => "tilt",
                MainChart::Map => "map",
                MainChart::Shares => "alignment",
                MainChart::Dependency => "dependency",
            },
            ExportView::BlocChart => "bloc",
            ExportView::CompareTable => "compare",
            ExportView::Waterfall => "attribution",
            ExportView::Tornado => "sensitivity",
            ExportView::TippingMap => "tipping_map",
        }
    }

    /// For menus and captions.
    pub fn label(self, state: &UiState) -> &'static str {
        match self {
            ExportView::MainChart => match state.chart {
                MainChart::Tilt => "Tilt chart",
                MainChart::Map => "Map",
                MainChart::Shares => "Alignment chart",
                MainChart::Dependency => "Dependency chart",
            },
            ExportView::BlocChart => "Bloc indices chart",
            ExportView::CompareTable => "Compare table",
            ExportView::Waterfall => "Attribution waterfall",
            ExportView::Tornado => "Sensitivity tornado",
            ExportView::TippingMap => "Tipping-point map",
        }
    }

    /// Whether the view can be drawn as a vector figure.
    pub fn has_svg(self) -> bool {
        matches!(self, ExportView::MainChart | ExportView::BlocChart)
    }

    /// Whether there is something to export (a result for the analysis views).
    pub fn available(self, view: &AnalysisView<'_>) -> bool {
        match self {
            ExportView::MainChart | ExportView::BlocChart => true,
            ExportView::CompareTable => view.pinned.is_some(),
            ExportView::Waterfall => view.attribution.result.is_some(),
            ExportView::Tornado => view.tornado.result.is_some(),
            ExportView::TippingMap => view.sweep.result.is_some(),
        }
    }
}

/// Draws `export` alone, filling `ui`, for its picture to be taken: under the scenario's name as
/// its title and above `source`, the line that says where the figure comes from, so the picture
/// can go into a note as it is.
pub fn capture_view_ui(
    ui: &mut Ui,
    export: ExportView,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    charts: &ChartCache,
    view: &AnalysisView<'_>,
    source: &str,
) {
    theme::presentation_style(ui.style_mut());
    ui.label(egui::RichText::new(&ctx.scenario.name).heading().strong());
    let footer = ui.style().text_styles[&egui::TextStyle::Small].size * 2.6 + 8.0;
    // The trajectory charts take the height of their plot and put a title and legend rows above.
    let height = (ui.available_height() - 30.0 - footer).max(200.0);
    capture_body_ui(ui, export, ctx, state, charts, view, height);
    ui.add_space(6.0);
    ui.label(egui::RichText::new(source).small().weak());
}

fn capture_body_ui(
    ui: &mut Ui,
    export: ExportView,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    charts: &ChartCache,
    view: &AnalysisView<'_>,
    height: f32,
) {
    match export {
        ExportView::MainChart => {
            if let Some(run) = ctx.run {
                if state.chart == MainChart::Map {
                    map_view::map_view_ui(ui, ctx, state, run, height);
                } else {
                    main_chart::main_chart_ui(ui, ctx, state, charts, height);
                }
            }
        }
        ExportView::BlocChart if ctx.run.is_some() => {
            bloc_chart::bloc_chart_ui(ui, ctx, state, charts, height);
        }
        ExportView::Waterfall => {
            if let Some(r) = view.attribution.result {
                waterfall_ui(ui, ctx.dark, r, true);
            }
        }
        ExportView::Tornado => {
            if let Some(r) = view.tornado.result {
                tornado_chart_ui(ui, r, state.analysis.tornado_top);
            }
        }
        ExportView::TippingMap => {
            if let Some(r) = view.sweep.result {
                let current = (
                    r.spec.x.get(ctx.scenario).ok(),
                    r.spec.y.get(ctx.scenario).ok(),
                );
                let current = current.0.zip(current.1);
                let _ = tipping_map_ui(ui, ctx.dark, r, current, false);
            }
        }
        _ => {}
    }
}
