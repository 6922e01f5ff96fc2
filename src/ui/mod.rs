//! The egui panels and views. Panels read the scenario and the latest run through a [`ViewCtx`], keep
//! their own [`UiState`] (selection, chart choices, cursor year), and change the document only by
//! returning [`Command`]s, which the app applies once per frame. Colours live in [`theme`].

pub mod analysis;
mod asean_panel;
pub mod calibrate_window;
pub mod claims_view;
pub mod colour_vision;
mod command;
mod constants_panel;
pub mod dialogs;
mod grade_mark;
mod leverage_board;
pub mod menu_bar;
mod navigator;
mod power_editor;
pub mod presenter;
pub mod results;
mod scenario_panel;
mod settings_panel;
pub mod sources_window;
mod state;
mod state_editor;
pub mod status_bar;
mod story_panel;
pub mod theme;
pub mod timeline;
pub(crate) mod widgets;

pub use command::{Command, FileAction, LogCommand, OverwriteChoice, RecoveryChoice};
pub use dialogs::{Modal, PromptChoice};
pub use menu_bar::menu_bar_ui;
pub use navigator::navigator_ui;
pub use state::{MainChart, MapColouring, Selection, UiState};
pub use status_bar::status_bar_ui;

use crate::engine::Run;
use crate::model::Scenario;

/// What every panel reads: the scenario, its latest run, the baseline (for "reset"), and the look.
pub struct ViewCtx<'a> {
    pub scenario: &'a Scenario,
    /// `None` while the scenario is invalid and nothing has run yet.
    pub run: Option<&'a Run>,
    /// The run before the last step (same states, powers and years), drawn as a ghost so a change
    /// shows without pinning.
    pub previous: Option<&'a Run>,
    pub baseline: &'a Scenario,
    /// The scenario's claims, measured (empty when it makes none).
    pub claims: &'a [crate::analysis::ClaimCheck],
    pub dark: bool,
}

/// Shows the editor of the selected item.
pub fn editor_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, state: &mut UiState) -> Vec<Command> {
    let mut out = Vec::new();
    // A field row is label | slider | Reset: on a narrow panel (a 1280-wide projector) the slider
    // gives up width so the Reset button stays inside the panel.
    // Label with its grade tile, value box, Reset and spacing take about 21 text heights.
    let row_room = ui.available_width() - 21.5 * ui.text_style_height(&egui::TextStyle::Body);
    let slider = ui.spacing().slider_width;
    ui.spacing_mut().slider_width = row_room.clamp(slider * 0.5, slider);
    egui::ScrollArea::vertical()
        .id_salt("editor_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match state.selection {
            Selection::Scenario => scenario_panel::scenario_panel_ui(ui, ctx, &mut out),
            Selection::State(i) => state_editor::state_editor_ui(ui, ctx, state, i, &mut out),
            Selection::Power(p) => power_editor::power_editor_ui(ui, ctx, p, &mut out),
            Selection::Leverage => leverage_board::leverage_board_ui(ui, ctx, state, &mut out),
            Selection::Asean => asean_panel::asean_panel_ui(ui, ctx, &mut out),
            Selection::TimeEnsemble => settings_panel::settings_panel_ui(ui, ctx, &mut out),
            Selection::Constants => constants_panel::constants_panel_ui(ui, ctx, &mut out),
            Selection::Story => story_panel::story_panel_ui(ui, ctx, state, &mut out),
        });
    out
}
