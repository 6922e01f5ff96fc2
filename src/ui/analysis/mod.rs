//! The analysis views of the results area: uncertainty bands and the pinned comparison scenario A
//! drawn into the trajectory charts, the compare panel (input diff and outcome differences), the
//! attribution waterfall, the sensitivity tornado and the tipping-point map, with their exports.
//!
//! The app owns the analyses (pinned A, background jobs, results) and lends them to these views as
//! an [`AnalysisView`]; the views keep only their choices in [`AnalysisUi`] and ask for work with
//! [`AnalysisCommand`]s, like every other panel.

mod area;
mod attribution_view;
mod bands;
mod choices;
mod compare_panel;
mod export;
mod job_status;
mod menu;
mod robustness_view;
mod row_plot;
mod sweep_view;
mod tornado_view;

pub use area::analysis_area_ui;
pub use attribution_view::{AttributionResult, WaterfallBar, waterfall_bars};
pub use bands::{Band, ChartOverlay, OverlayKey};
pub use choices::{KnobChoice, OutcomeChoice, Quantity, SweepChoice, SweepNotReady};
pub use export::{ExportView, ExportWhat, capture_view_ui};
pub use menu::analysis_menu_ui;
pub use robustness_view::RobustnessResult;
pub use sweep_view::{SweepResult, cell_at};
pub use tornado_view::TornadoResult;

use serde::{Deserialize, Serialize};

use crate::analysis::{InputDifference, Outcome, OutcomeDifference, SweepSpec};
use crate::engine::Run;
use crate::model::Scenario;

/// The views of the results area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnalysisTab {
    /// The trajectory charts and the table (the results area as it always was).
    #[default]
    Trajectories,
    Compare,
    Attribution,
    Sensitivity,
    TippingPoints,
    Robustness,
}

impl AnalysisTab {
    pub const ALL: [AnalysisTab; 6] = [
        AnalysisTab::Trajectories,
        AnalysisTab::Compare,
        AnalysisTab::Attribution,
        AnalysisTab::Sensitivity,
        AnalysisTab::TippingPoints,
        AnalysisTab::Robustness,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AnalysisTab::Trajectories => "Trajectories",
            AnalysisTab::Compare => "Compare A/B",
            AnalysisTab::Attribution => "Attribution",
            AnalysisTab::Sensitivity => "Sensitivity",
            AnalysisTab::TippingPoints => "Tipping points",
            AnalysisTab::Robustness => "Robustness (all constants at once)",
        }
    }

    fn help(self) -> &'static str {
        match self {
            AnalysisTab::Trajectories => "The charts over time and the table at the cursor year",
            AnalysisTab::Compare => {
                "Every input that differs between the pinned scenario A and the live scenario B, and how the outcomes differ"
            }
            AnalysisTab::Attribution => {
                "Which groups of changed inputs explain the difference B - A in one outcome (Shapley values)"
            }
            AnalysisTab::Sensitivity => {
                "Which inputs move one outcome most when swung over their plausible range (tornado)"
            }
            AnalysisTab::TippingPoints => {
                "Sweep two inputs over a grid and see where a state's leaning flips"
            }
            AnalysisTab::Robustness => {
                "How far one outcome, and its state's leaning, hangs on the model constants, each drawn within its plausible range (Sobol indices)"
            }
        }
    }
}

/// The analysis choices of the window (kept between sessions with the rest of the UI state).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisUi {
    pub tab: AnalysisTab,
    /// Draw the ensemble's p10–p90 band and median behind every trajectory.
    pub show_bands: bool,
    pub attribution: OutcomeChoice,
    pub tornado: OutcomeChoice,
    /// Bars shown in the tornado.
    pub tornado_top: usize,
    /// The tornado swings the model constants over their plausible ranges too.
    pub tornado_constants: bool,
    pub sweep: SweepChoice,
    pub robustness: OutcomeChoice,
    /// Base samples of the robustness analysis (a power of two).
    pub robustness_samples: usize,
}

impl Default for AnalysisUi {
    fn default() -> Self {
        Self {
            tab: AnalysisTab::Trajectories,
            show_bands: false,
            attribution: OutcomeChoice::default(),
            tornado: OutcomeChoice::default(),
            tornado_top: 15,
            tornado_constants: false,
            sweep: SweepChoice::default(),
            // Cambodia's China share: the leaning the room asks about most.
            robustness: OutcomeChoice {
                quantity: Quantity::Share(1),
                state: 1,
                year: None,
            },
            robustness_samples: crate::analysis::RobustnessOptions::default().base_samples,
        }
    }
}

/// What the analysis views ask the app to do.
#[derive(Debug)]
pub enum AnalysisCommand {
    /// Keep the current scenario and its run as A.
    PinCurrent,
    /// Load a saved scenario as A (asks for the file).
    CompareWithFile,
    Unpin,
    /// Stop the running ensemble (it starts again when the scenario changes or on request).
    CancelEnsemble,
    RestartEnsemble,
    RunAttribution(Outcome),
    /// Run the tornado; `true` swings the model constants too.
    RunTornado(Outcome, bool),
    RunSweep(Box<SweepSpec>),
    /// The outcome and the number of base samples.
    RunRobustness(Outcome, usize),
    /// Stop the running attribution, tornado, sweep or robustness analysis.
    Cancel(AnalysisTab),
    /// Export a view or the briefing (asks for the file).
    Export(ExportWhat),
}

/// Identifies what a result was computed from: the pinned A and the document's generation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResultKey {
    /// 0 when nothing was pinned.
    pub pin: u64,
    pub generation: u64,
}

/// Progress of a running background job.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JobProgress {
    pub done: usize,
    pub total: usize,
}

impl JobProgress {
    pub fn fraction(&self) -> f32 {
        (self.done as f32 / self.total.max(1) as f32).clamp(0.0, 1.0)
    }
}

/// The pinned comparison scenario A.
pub struct PinnedView<'a> {
    pub scenario: &'a Scenario,
    pub run: &'a Run,
    /// "pinned at 14:02" or the file it was loaded from.
    pub source: &'a str,
    /// Why A is not drawn into the charts (different states or powers), if it is not.
    pub no_overlay: Option<&'a str>,
}

/// One analysis (attribution, tornado or sweep) as the views see it.
pub struct JobView<'a, T> {
    pub result: Option<&'a T>,
    pub running: Option<JobProgress>,
    pub error: Option<&'a str>,
}

/// Everything the analysis views read from the app.
pub struct AnalysisView<'a> {
    pub pinned: Option<PinnedView<'a>>,
    /// The key results must carry to be current.
    pub current: ResultKey,
    /// Inputs that differ between A and B (when pinned).
    pub diffs: &'a [InputDifference],
    /// Outcome differences at the cursor year (when pinned).
    pub outcome_diffs: &'a [OutcomeDifference],
    /// Why attribution cannot split A and B, if it cannot.
    pub not_attributable: Option<&'a str>,
    pub bands_running: Option<JobProgress>,
    /// Ensemble members behind the bands shown, if shown.
    pub bands_members: Option<usize>,
    pub bands_error: Option<&'a str>,
    /// Whether the user stopped the ensemble for this version of the scenario.
    pub bands_cancelled: bool,
    pub attribution: JobView<'a, AttributionResult>,
    pub tornado: JobView<'a, TornadoResult>,
    pub sweep: JobView<'a, SweepResult>,
    pub robustness: JobView<'a, RobustnessResult>,
    /// An export is capturing or writing.
    pub exporting: bool,
}

/// Text for the default fonts, which lack the arrow: lever targets read "on KHM" as on the board.
pub fn glyph_safe(text: &str) -> String {
    text.replace(" → ", " on ").replace('→', "to")
}
