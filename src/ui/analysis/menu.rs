//! The Analysis menu: pin or load the comparison scenario A, the uncertainty bands, the analysis
//! views, and the briefing export.

use egui::Ui;

use super::super::command::Command;
use super::super::state::UiState;
use super::{AnalysisCommand, AnalysisTab, ExportWhat};

/// The menu's entries (inside `ui.menu_button("Analysis", …)`).
pub fn analysis_menu_ui(ui: &mut Ui, pinned: bool, state: &mut UiState, out: &mut Vec<Command>) {
    let mut push = |c: AnalysisCommand| out.push(Command::Analysis(c));
    if ui
        .button("Pin as A")
        .on_hover_text("Keep the scenario as it is now, with its run, as the comparison A")
        .clicked()
    {
        push(AnalysisCommand::PinCurrent);
        state.analysis.tab = AnalysisTab::Compare;
    }
    if ui
        .button("Compare with file…")
        .on_hover_text("Load a saved scenario as the comparison A; the open scenario stays B")
        .clicked()
    {
        push(AnalysisCommand::CompareWithFile);
        state.analysis.tab = AnalysisTab::Compare;
    }
    if ui
        .add_enabled(pinned, egui::Button::new("Unpin A"))
        .clicked()
    {
        push(AnalysisCommand::Unpin);
    }
    ui.separator();
    ui.checkbox(
        &mut state.analysis.show_bands,
        "Uncertainty bands (p10 to p90)",
    );
    ui.separator();
    for tab in AnalysisTab::ALL {
        if ui
            .radio(state.analysis.tab == tab, tab.label())
            .on_hover_text(tab.help())
            .clicked()
        {
            state.analysis.tab = tab;
        }
    }
    ui.separator();
    if ui
        .button("Export briefing…")
        .on_hover_text(
            "A Markdown file with the description, the differences from A, the key outcomes, the \
             attribution sentence and the charts as PNG files beside it",
        )
        .clicked()
    {
        push(AnalysisCommand::Export(ExportWhat::Briefing));
    }
}
