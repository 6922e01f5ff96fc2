//! What the trajectory charts draw besides the live run: the ensemble's p10–p90 band (a translucent
//! area in the series' colour) with its median, and the pinned scenario A (thinner, dashed, same
//! colour). Prepared once per run generation and chart choice by the app, borrowed every frame.

use egui::Color32;
use egui_plot::{FilledArea, Line, LineStyle, PlotPoint, PlotPoints, PlotUi};

use crate::engine::{BandSeries, BlocIndex, EnsembleRun};
use crate::model::Sector;

use super::super::results::ChartCache;
use super::super::state::{MainChart, UiState};
use super::super::theme;

/// One series' band: years, p10 and p90, and the median as plot points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Band {
    pub xs: Vec<f64>,
    pub lo: Vec<f64>,
    pub hi: Vec<f64>,
    pub median: Vec<PlotPoint>,
}

impl Band {
    fn from_series(times: &[f64], series: &[(f64, f64, f64)]) -> Self {
        Self {
            xs: times.to_vec(),
            lo: series.iter().map(|b| b.0).collect(),
            hi: series.iter().map(|b| b.2).collect(),
            median: times
                .iter()
                .zip(series)
                .map(|(x, b)| PlotPoint::new(*x, b.1))
                .collect(),
        }
    }

    /// p10, p50 and p90 at point t.
    pub fn at(&self, t: usize) -> Option<(f64, f64, f64)> {
        Some((*self.lo.get(t)?, self.median.get(t)?.y, *self.hi.get(t)?))
    }
}

/// Which main chart, state and sector a set of main-chart bands belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverlayKey {
    pub chart: MainChart,
    pub state: usize,
    pub sector: Option<usize>,
}

impl OverlayKey {
    pub fn of(state: &UiState) -> Self {
        Self {
            chart: state.chart,
            state: state.chart_state,
            sector: state.dependency_sector,
        }
    }
}

/// Extras of the trajectory charts, kept in the [`ChartCache`].
#[derive(Default)]
pub struct ChartOverlay {
    /// A's series, prepared like B's (only when A has B's states and powers).
    pub a: Option<Box<ChartCache>>,
    /// Bands of the main chart's series (same order as the cache's series), for `main_key`.
    pub main_bands: Vec<Option<Band>>,
    pub main_key: Option<OverlayKey>,
    /// Bands of the five bloc indices.
    pub bloc_bands: Vec<Option<Band>>,
    /// Ensemble generation and chart the bands were computed for.
    band_key: Option<(u64, OverlayKey)>,
}

impl ChartOverlay {
    /// Recomputes the bands when the ensemble or the chart choice changed; only the series of the
    /// chart shown are computed (a percentile per point over every member).
    /// The document generation whose ensemble the drawn bands show, if any are drawn.
    pub fn bands_generation(&self) -> Option<u64> {
        self.band_key.map(|(g, _)| g)
    }

    pub fn refresh_bands(
        &mut self,
        ensemble: Option<(u64, &EnsembleRun)>,
        state: &UiState,
        n_states: usize,
        n_powers: usize,
    ) {
        let Some((id, ens)) = ensemble else {
            self.main_bands.clear();
            self.bloc_bands.clear();
            self.main_key = None;
            self.band_key = None;
            return;
        };
        let key = OverlayKey::of(state);
        if self.band_key == Some((id, key)) {
            return;
        }
        self.band_key = Some((id, key));
        self.main_key = Some(key);
        let i = key.state.min(n_states.saturating_sub(1));
        // The series of the main chart (None: a slot with no band), then the bloc indices.
        let main: Vec<Option<BandSeries>> = match key.chart {
            MainChart::Tilt | MainChart::Map => (0..n_states)
                .map(|state| Some(BandSeries::Tilt { state }))
                .collect(),
            MainChart::Shares => (0..=n_powers)
                .map(|pole| Some(BandSeries::Alignment { state: i, pole }))
                .collect(),
            // The ensemble keeps dependency as the mean over sectors; one sector has no band.
            MainChart::Dependency if key.sector.is_some() => vec![None; n_powers + 1],
            MainChart::Dependency => (0..n_powers)
                .map(|power| Some(BandSeries::Dependency { state: i, power }))
                .chain(std::iter::once(Some(BandSeries::Domestic { state: i })))
                .collect(),
        };
        let wanted: Vec<BandSeries> = main
            .iter()
            .flatten()
            .copied()
            .chain(BlocIndex::ALL.iter().map(|b| BandSeries::Bloc(*b)))
            .collect();
        // All series in one pass over the ensemble's store.
        let mut computed = ens
            .band_series_many(&wanted)
            .into_iter()
            .map(|values| Band::from_series(&ens.times, &values));
        self.main_bands = main
            .iter()
            .map(|slot| slot.and_then(|_| computed.next()))
            .collect();
        self.bloc_bands = computed.map(Some).collect();
    }

    /// Whether bands are ready for the chart as the UI state now shows it.
    pub fn has_main_bands(&self, state: &UiState) -> bool {
        self.main_key == Some(OverlayKey::of(state)) && self.main_bands.iter().any(Option::is_some)
    }

    /// Why the main chart shows no band although bands are on, if that is the reason.
    pub fn missing_band_reason(state: &UiState) -> Option<String> {
        match (state.chart, state.dependency_sector) {
            (MainChart::Dependency, Some(sec)) => Some(format!(
                "The ensemble keeps dependency as the mean of the sectors: choose \"All sectors\" to see bands ({} has none).",
                Sector::ALL.get(sec).map_or("this sector", |s| s.label())
            )),
            _ => None,
        }
    }

    /// Draws, under main-chart series `k`, its band and median, then A's line.
    pub fn draw_main<'a>(
        &'a self,
        plot: &mut PlotUi<'a>,
        state: &UiState,
        k: usize,
        name: &str,
        colour: Color32,
    ) {
        if self.main_key == Some(OverlayKey::of(state))
            && let Some(Some(band)) = self.main_bands.get(k)
        {
            draw_band(plot, band, name, colour);
        }
        if let Some(a) = &self.a {
            let series = match state.chart {
                MainChart::Tilt | MainChart::Map => a.tilt.get(k),
                MainChart::Shares => a.shares.get(k),
                MainChart::Dependency => a.dependency.get(k),
            };
            if let Some(points) = series {
                draw_a(plot, points, name, colour);
            }
        }
    }

    /// Draws, under bloc index `b`, its band and median, then A's line.
    pub fn draw_bloc<'a>(&'a self, plot: &mut PlotUi<'a>, b: usize, name: &str, colour: Color32) {
        if let Some(Some(band)) = self.bloc_bands.get(b) {
            draw_band(plot, band, name, colour);
        }
        if let Some(points) = self.a.as_ref().and_then(|a| a.bloc.get(b)) {
            draw_a(plot, points, name, colour);
        }
    }
}

fn draw_band<'a>(plot: &mut PlotUi<'a>, band: &'a Band, name: &str, colour: Color32) {
    if band.xs.len() < 2 || band.lo.len() != band.xs.len() || band.hi.len() != band.xs.len() {
        return;
    }
    plot.add(
        FilledArea::new(format!("{name} p10-p90"), &band.xs, &band.lo, &band.hi)
            .fill_color(theme::band_fill(colour))
            .allow_hover(false),
    );
    plot.line(
        Line::new(format!("{name} median"), PlotPoints::Borrowed(&band.median))
            .color(theme::band_median(colour))
            .style(LineStyle::Dotted { spacing: 5.0 })
            .width(1.2)
            .allow_hover(false),
    );
}

fn draw_a<'a>(plot: &mut PlotUi<'a>, points: &'a [PlotPoint], name: &str, colour: Color32) {
    plot.line(
        Line::new(format!("{name} (A)"), PlotPoints::Borrowed(points))
            .color(theme::pinned_line(colour))
            .style(LineStyle::Dashed { length: 5.0 })
            .width(1.6),
    );
}
