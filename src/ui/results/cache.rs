//! Chart series prepared once per run (and per chosen state or sector), so drawing borrows them.

use egui_plot::PlotPoint;

use crate::engine::{BlocIndex, Run};
use crate::model::Sector;

use super::super::ViewCtx;
use super::super::state::UiState;

/// Series of the results charts for one run.
#[derive(Default)]
pub struct ChartCache {
    key: Option<(u64, usize, Option<usize>, usize, usize)>,
    pub tilt: Vec<Vec<PlotPoint>>,
    /// The tilt before the last step (empty when there is no earlier run to show).
    pub ghost_tilt: Vec<Vec<PlotPoint>>,
    pub shares: Vec<Vec<PlotPoint>>,
    /// The chosen state's shares before the last step.
    pub ghost_shares: Vec<Vec<PlotPoint>>,
    pub dependency: Vec<Vec<PlotPoint>>,
    pub bloc: Vec<Vec<PlotPoint>>,
    /// The bloc indices before the last step.
    pub ghost_bloc: Vec<Vec<PlotPoint>>,
    pub first_year: f64,
    pub last_year: f64,
    /// Ensemble bands and the pinned scenario A, drawn with the series (filled by the app).
    pub overlay: crate::ui::analysis::ChartOverlay,
}

impl ChartCache {
    /// Rebuilds the series when the run or the chosen state or sector changed.
    pub fn refresh(&mut self, ctx: &ViewCtx<'_>, run: &Run, state: &UiState, run_id: u64) {
        let i = state.chart_state.min(run.n_states.saturating_sub(1));
        let key = (
            run_id,
            i,
            state.dependency_sector,
            run.n_states,
            run.n_powers,
        );
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let times = &run.times;
        let series = |f: &dyn Fn(usize) -> f64| -> Vec<PlotPoint> {
            times
                .iter()
                .enumerate()
                .map(|(t, x)| PlotPoint::new(*x, f(t)))
                .collect()
        };
        self.first_year = times[0];
        self.last_year = times[times.len() - 1];
        self.tilt = (0..run.n_states)
            .map(|st| series(&|t| run.tilt(t, st)))
            .collect();
        self.shares = (0..run.n_poles())
            .map(|o| series(&|t| run.alignment(t, i)[o]))
            .collect();
        // The previous run has the same states, powers and years (see `ViewCtx::previous`).
        (self.ghost_tilt, self.ghost_shares) = match ctx.previous {
            Some(before) => (
                (0..before.n_states)
                    .map(|st| series(&|t| before.tilt(t, st)))
                    .collect(),
                (0..before.n_poles())
                    .map(|o| series(&|t| before.alignment(t, i)[o]))
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        let sector = state.dependency_sector;
        let dep = |t: usize, p: usize| match sector {
            Some(sec) => run.dependency(t, i, p)[sec],
            None => run.dependency_overall(t, i, p),
        };
        let domestic = |t: usize| match sector {
            Some(sec) => run.domestic(t, i, sec),
            None => {
                Sector::ALL
                    .iter()
                    .map(|sec| run.domestic(t, i, sec.index()))
                    .sum::<f64>()
                    / 5.0
            }
        };
        self.dependency = (0..run.n_powers).map(|p| series(&|t| dep(t, p))).collect();
        self.dependency.push(series(&domestic));
        self.bloc = BlocIndex::ALL
            .iter()
            .map(|b| series(&|t| run.bloc(t, *b)))
            .collect();
        self.ghost_bloc = match ctx.previous {
            Some(before) => BlocIndex::ALL
                .iter()
                .map(|b| series(&|t| before.bloc(t, *b)))
                .collect(),
            None => Vec::new(),
        };
    }
}
