//! The results area with its analysis toolbar: the view tabs, the uncertainty-band switch with the
//! ensemble's progress, pin/unpin of A, and the export menu; then the trajectory charts (as they
//! always were, with bands and A drawn in) or the chosen analysis view.

use egui::{RichText, Ui};

use super::super::command::Command;
use super::super::results::{ChartCache, results_ui};
use super::super::state::UiState;
use super::super::widgets::name_widget;
use super::super::{ViewCtx, theme};
use super::attribution_view::attribution_view_ui;
use super::bands::ChartOverlay;
use super::compare_panel::compare_panel_ui;
use super::job_status::progress_ui;
use super::robustness_view::robustness_view_ui;
use super::sweep_view::sweep_view_ui;
use super::tornado_view::tornado_view_ui;
use super::{AnalysisCommand, AnalysisTab, AnalysisView, ExportView, ExportWhat};

/// Shows the results area; returns the commands of its analysis controls and views.
pub fn analysis_area_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    charts: &mut ChartCache,
    run_id: u64,
    view: &AnalysisView<'_>,
) -> Vec<Command> {
    let mut out: Vec<AnalysisCommand> = Vec::new();
    let mut edits: Vec<Command> = Vec::new();
    // Presenting a story, the results are the hero view: no analysis toolbar above them.
    if !(state.presenter && state.analysis.tab == AnalysisTab::Trajectories) {
        toolbar_ui(ui, ctx, state, view, &mut out);
        ui.separator();
    }
    let cursor_year = state
        .cursor_year
        .or_else(|| ctx.run.and_then(|r| r.times.last().copied()))
        .unwrap_or(ctx.scenario.time.end_year);
    match state.analysis.tab {
        AnalysisTab::Trajectories => {
            notes_ui(ui, ctx, state, view);
            results_ui(ui, ctx, state, charts, run_id);
        }
        AnalysisTab::Compare => compare_panel_ui(ui, ctx, view, cursor_year, &mut out),
        AnalysisTab::Attribution => {
            attribution_view_ui(ui, ctx, view, &mut state.analysis, cursor_year, &mut out)
        }
        AnalysisTab::Sensitivity => {
            sensitivity_method_ui(ui, &mut state.analysis.tab);
            tornado_view_ui(ui, ctx, view, &mut state.analysis, cursor_year, &mut out)
        }
        AnalysisTab::TippingPoints => {
            sweep_view_ui(ui, ctx, view, state, cursor_year, &mut out, &mut edits)
        }
        AnalysisTab::Robustness => {
            sensitivity_method_ui(ui, &mut state.analysis.tab);
            robustness_view_ui(ui, ctx, view, &mut state.analysis, cursor_year, &mut out)
        }
    }
    out.into_iter()
        .map(Command::Analysis)
        .chain(edits)
        .collect()
}

fn toolbar_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    state: &mut UiState,
    view: &AnalysisView<'_>,
    out: &mut Vec<AnalysisCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        // Whole buttons move to the next line; none is broken inside its text.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        // Robustness is the Sensitivity tab's second method (the row must fit a projector's
        // 1280 px on one line), chosen inside the tab.
        for tab in AnalysisTab::ALL {
            if tab == AnalysisTab::Robustness {
                continue;
            }
            let current = state.analysis.tab;
            let selected = current == tab
                || (tab == AnalysisTab::Sensitivity && current == AnalysisTab::Robustness);
            if ui
                .selectable_label(selected, tab.label())
                .on_hover_text(tab.help())
                .clicked()
                && !selected
            {
                state.analysis.tab = tab;
            }
        }
        ui.separator();
        ui.checkbox(&mut state.analysis.show_bands, "Bands")
            .on_hover_text(format!(
                "Show the ensemble's 10th to 90th percentile band and median behind every trajectory \
                 ({} members, set under Time & ensemble)",
                ctx.scenario.ensemble.members
            ));
        if state.analysis.show_bands {
            if let Some(p) = view.bands_running {
                if progress_ui(ui, "ensemble", p, 160.0) {
                    out.push(AnalysisCommand::CancelEnsemble);
                }
            } else if view.bands_cancelled {
                ui.label(RichText::new("stopped").weak());
                if ui.button("Run ensemble").clicked() {
                    out.push(AnalysisCommand::RestartEnsemble);
                }
            } else if let Some(e) = view.bands_error {
                ui.label(RichText::new(e).color(theme::error_colour(ctx.dark)));
            } else if let Some(m) = view.bands_members {
                ui.label(RichText::new(format!("p10 to p90 of {m}")).weak());
            }
        }
        ui.separator();
        match &view.pinned {
            Some(p) => {
                ui.add(
                    egui::Label::new(RichText::new(format!("A: {}", p.scenario.name)).strong())
                        .extend(),
                )
                .on_hover_text(format!("Pinned {}", p.source));
                if ui
                    .button("Unpin")
                    .on_hover_text("Stop comparing with A")
                    .clicked()
                {
                    out.push(AnalysisCommand::Unpin);
                }
            }
            None => {
                if ui
                    .button("Pin as A")
                    .on_hover_text(
                        "Keep the scenario as it is now as A; further edits make B, drawn against it",
                    )
                    .clicked()
                {
                    out.push(AnalysisCommand::PinCurrent);
                }
            }
        }
        if ui
            .button("Compare with file…")
            .on_hover_text("Load a saved scenario as A")
            .clicked()
        {
            out.push(AnalysisCommand::CompareWithFile);
        }
        ui.separator();
        let menu = ui.add_enabled_ui(!view.exporting, |ui| {
            ui.menu_button("Export", |ui| export_menu_ui(ui, state, view, out))
        });
        name_widget(ui, &menu.inner.response, "Export");
    });
}

/// The export entries for the view shown, then the briefing.
fn export_menu_ui(
    ui: &mut Ui,
    state: &UiState,
    view: &AnalysisView<'_>,
    out: &mut Vec<AnalysisCommand>,
) {
    let views: &[ExportView] = match state.analysis.tab {
        AnalysisTab::Trajectories => &[ExportView::MainChart, ExportView::BlocChart],
        AnalysisTab::Compare => &[ExportView::CompareTable],
        AnalysisTab::Attribution => &[ExportView::Waterfall],
        AnalysisTab::Sensitivity => &[ExportView::Tornado],
        AnalysisTab::TippingPoints => &[ExportView::TippingMap],
        AnalysisTab::Robustness => &[],
    };
    for v in views {
        let ok = v.available(view);
        let name = v.label(state);
        if *v != ExportView::CompareTable
            && ui
                .add_enabled(ok, egui::Button::new(format!("{name} as PNG…")))
                .on_hover_text("The view alone at the window's size, as an image for slides")
                .clicked()
        {
            out.push(AnalysisCommand::Export(ExportWhat::Png(*v)));
        }
        if v.has_svg()
            && ui
                .add_enabled(ok, egui::Button::new(format!("{name} as SVG…")))
                .on_hover_text(
                    "A vector figure for print: the same chart on white, with title, scenario, \
                     years, date and source line",
                )
                .clicked()
        {
            out.push(AnalysisCommand::Export(ExportWhat::Svg(*v)));
        }
        if ui
            .add_enabled(ok, egui::Button::new(format!("{name} data as CSV…")))
            .clicked()
        {
            out.push(AnalysisCommand::Export(ExportWhat::Csv(*v)));
        }
    }
    ui.separator();
    if ui.button("Briefing (Markdown and PNGs)…").clicked() {
        out.push(AnalysisCommand::Export(ExportWhat::Briefing));
    }
}

/// Above the trajectory charts: how A and B are drawn, and why a band is missing.
fn notes_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &UiState, view: &AnalysisView<'_>) {
    if let Some(p) = &view.pinned {
        let text = match p.no_overlay {
            Some(why) => why.to_string(),
            None => format!(
                "Solid lines: B ({}). Thin dashed lines: A ({}, {}).",
                ctx.scenario.name, p.scenario.name, p.source
            ),
        };
        ui.label(RichText::new(text).weak());
    }
    if state.analysis.show_bands
        && view.bands_members.is_some()
        && let Some(why) = ChartOverlay::missing_band_reason(state)
    {
        ui.label(RichText::new(why).color(theme::warning_colour(ctx.dark)));
    }
}

/// The two methods of the Sensitivity tab: one input at a time (the tornado), or every constant at
/// once within its plausible range (robustness).
fn sensitivity_method_ui(ui: &mut Ui, tab: &mut AnalysisTab) {
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(tab, AnalysisTab::Sensitivity, "One input at a time")
            .on_hover_text(AnalysisTab::Sensitivity.help());
        ui.selectable_value(tab, AnalysisTab::Robustness, "All constants at once")
            .on_hover_text(AnalysisTab::Robustness.help());
    });
}
