//! UI-only state: what is selected, which chart is shown, the cursor year. Never saved in scenarios.

use serde::{Deserialize, Serialize};

/// The item shown in the editor column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Selection {
    Scenario,
    State(usize),
    Power(usize),
    Leverage,
    Asean,
    TimeEnsemble,
    Constants,
    Story,
}

/// The main chart of the results area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MainChart {
    /// Every state's tilt between the first two powers.
    Tilt,
    /// One state's shares over all poles.
    Shares,
    /// One state's dependency by power and the domestic share.
    Dependency,
    /// The map of the member states.
    Map,
}

/// What the map colours the member states by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapColouring {
    /// The dominant pole's colour, stronger the larger its share.
    #[default]
    Leaning,
    /// First power minus second power share, on a diverging scale.
    Tilt,
    /// Dependency on power p (mean over sectors).
    Dependency(usize),
    /// DEFA implementation.
    Defa,
    /// Hedging index.
    Hedging,
}

/// UI state of the main window.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    pub selection: Selection,
    /// Year of the cursor shared by every view; `None` means the end of the run.
    pub cursor_year: Option<f64>,
    pub chart: MainChart,
    /// State shown by the shares and dependency charts.
    pub chart_state: usize,
    /// Sector of the dependency chart; `None` = averaged over sectors.
    pub dependency_sector: Option<usize>,
    /// Power shown on the leverage board.
    pub leverage_power: usize,
    pub show_navigator: bool,
    pub show_editor: bool,
    pub show_bloc: bool,
    pub show_table: bool,
    /// Series hidden from the charts, as `chart:name`.
    pub hidden_series: std::collections::BTreeSet<String>,
    /// The analysis views' tab and choices.
    pub analysis: super::analysis::AnalysisUi,
    pub map_colouring: MapColouring,
    /// Timeline playback.
    #[serde(skip)]
    pub playing: bool,
    /// Years per second while playing.
    pub play_speed: f64,
    /// Presenter mode: results, live levers and the story only, large and high-contrast.
    #[serde(skip)]
    pub presenter: bool,
    /// Team label recorded with each change in presenter mode.
    pub team: String,
    /// One-line argument recorded with the next change in presenter mode.
    #[serde(skip)]
    pub argument: String,
    /// Map pan (in map units) and zoom.
    #[serde(skip)]
    pub map_view: MapView,
    /// Where each member state's label was drawn on the map last frame (for clicks and tests).
    #[serde(skip)]
    pub map_anchors: Vec<(String, egui::Pos2)>,
    /// How many story steps are applied (kept by the app).
    #[serde(skip)]
    pub story_pos: usize,
    /// The tilt chart's axis spans −1 … 1 instead of fitting the data shown.
    pub full_axis: bool,
    /// Codes of the states the current story step names: the charts dim the others.
    #[serde(skip)]
    pub highlight: Vec<String>,
    /// The lever entry whose target list opens when it is next drawn (one just added), so a new
    /// move is configured without hunting for it.
    #[serde(skip)]
    pub open_targets_of: Option<usize>,
    /// In presenter mode, the hero view is the bloc indices (a step shows them).
    #[serde(skip)]
    pub hero_bloc: bool,
    /// Help → Model & sources.
    #[serde(default)]
    pub sources: super::sources_window::SourcesPage,
}

/// Pan and zoom of the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub zoom: f32,
    pub pan: egui::Vec2,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            pan: egui::Vec2::ZERO,
        }
    }
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            selection: Selection::State(1),
            cursor_year: None,
            chart: MainChart::Tilt,
            chart_state: 1,
            dependency_sector: None,
            leverage_power: 1,
            show_navigator: true,
            show_editor: true,
            show_bloc: true,
            show_table: true,
            hidden_series: Default::default(),
            map_colouring: MapColouring::Leaning,
            playing: false,
            play_speed: 2.0,
            presenter: false,
            team: String::new(),
            argument: String::new(),
            map_view: MapView::default(),
            full_axis: false,
            highlight: Vec::new(),
            open_targets_of: None,
            hero_bloc: false,
            sources: Default::default(),
            map_anchors: Vec::new(),
            story_pos: 0,
            analysis: Default::default(),
        }
    }
}

impl UiState {
    /// Keeps indices valid after states or powers were removed.
    pub fn clamp_to(&mut self, n_states: usize, n_powers: usize) {
        let last_state = n_states.saturating_sub(1);
        self.chart_state = self.chart_state.min(last_state);
        self.leverage_power = self.leverage_power.min(n_powers.saturating_sub(1));
        match self.selection {
            Selection::State(i) if i >= n_states => self.selection = Selection::State(last_state),
            Selection::Power(p) if p >= n_powers => {
                self.selection = Selection::Power(n_powers.saturating_sub(1))
            }
            _ => {}
        }
    }
}
