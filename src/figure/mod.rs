//! Brief-ready figures as files, with no window: the tilt, alignment, dependency and bloc charts
//! and the map, drawn as SVG (vector, for print) and rasterised to PNG from that same SVG. Used by
//! the app's "Export SVG" and by the headless `export` command, so a scripted figure and one saved
//! from the window are the same drawing. Knows nothing of egui.

pub mod layout;
pub mod line_chart;
pub mod map;
pub mod palette;
pub mod raster;
pub mod source;
pub mod svg;

pub use source::{figure_source, now_utc, today_iso};

use crate::engine::Run;
use crate::model::Scenario;
use crate::model::naming::year_label;

use layout::Page;

/// Which figure to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureView {
    /// The tilt of every state.
    Tilt,
    /// State i's shares of every pole.
    Shares(usize),
    /// State i's technology dependency.
    Dependency(usize),
    /// The bloc indices.
    Bloc,
    /// The map coloured by tilt.
    Map,
}

/// The file format of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureFormat {
    Png,
    Svg,
}

impl FigureFormat {
    pub fn extension(self) -> &'static str {
        match self {
            FigureFormat::Png => "png",
            FigureFormat::Svg => "svg",
        }
    }
}

/// Everything that decides a figure besides the scenario and its run.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRequest {
    pub view: FigureView,
    pub format: FigureFormat,
    pub width: u32,
    pub height: u32,
    pub dark: bool,
    /// The year the labels (and the map) show; the run's end when `None`.
    pub year: Option<f64>,
    /// The scenario's file name (never a path) for the source line.
    pub file_name: Option<String>,
}

/// Allowed figure sizes, in pixels.
pub const MIN_SIZE: (u32, u32) = (320, 240);
pub const MAX_SIZE: (u32, u32) = (7680, 4320);

/// Why a figure could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FigureError {
    #[error(
        "--view {0:?} is not a figure; allowed: tilt, shares:CODE, dependency:CODE, bloc, map \
         (CODE a member state's code, e.g. shares:KHM)"
    )]
    UnknownView(String),
    #[error("--view {view}: no member state has the code {code:?}; the scenario has {allowed}")]
    UnknownState {
        view: String,
        code: String,
        allowed: String,
    },
    #[error("--format {0:?}: allowed are png and svg")]
    UnknownFormat(String),
    #[error("--theme {0:?}: allowed are light and dark")]
    UnknownTheme(String),
    #[error(
        "--size {0:?}: expected WIDTHxHEIGHT in pixels, from {min_w}x{min_h} to {max_w}x{max_h}, \
         e.g. 1280x720",
        min_w = MIN_SIZE.0, min_h = MIN_SIZE.1, max_w = MAX_SIZE.0, max_h = MAX_SIZE.1
    )]
    BadSize(String),
    #[error("--year {given}: the run covers {start} to {end}")]
    YearOutsideRun {
        given: String,
        start: String,
        end: String,
    },
    #[error("the tilt needs two powers; the scenario has {0}")]
    TooFewPowers(usize),
    #[error("the figure could not be drawn: {0}")]
    Render(String),
}

impl FigureView {
    /// `tilt`, `shares:KHM`, `dependency:KHM`, `bloc` or `map` (case-insensitive).
    pub fn parse(text: &str, scenario: &Scenario) -> Result<Self, FigureError> {
        let lower = text.trim().to_ascii_lowercase();
        let state = |code: &str| {
            scenario
                .states
                .iter()
                .position(|s| s.code.eq_ignore_ascii_case(code.trim()))
                .ok_or_else(|| FigureError::UnknownState {
                    view: text.to_string(),
                    code: code.trim().to_string(),
                    allowed: scenario
                        .states
                        .iter()
                        .map(|s| s.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
        };
        match lower.split_once(':') {
            None => match lower.as_str() {
                "tilt" => Ok(FigureView::Tilt),
                "bloc" => Ok(FigureView::Bloc),
                "map" => Ok(FigureView::Map),
                _ => Err(FigureError::UnknownView(text.to_string())),
            },
            Some(("shares", code)) => Ok(FigureView::Shares(state(code)?)),
            Some(("dependency", code)) => Ok(FigureView::Dependency(state(code)?)),
            Some(_) => Err(FigureError::UnknownView(text.to_string())),
        }
    }

    /// For file names: `tilt`, `shares_KHM`.
    pub fn file_tag(self, scenario: &Scenario) -> String {
        let code = |i: usize| scenario.states.get(i).map_or("?", |s| s.code.as_str());
        match self {
            FigureView::Tilt => "tilt".into(),
            FigureView::Shares(i) => format!("alignment_{}", code(i)),
            FigureView::Dependency(i) => format!("dependency_{}", code(i)),
            FigureView::Bloc => "bloc".into(),
            FigureView::Map => "map".into(),
        }
    }
}

impl FigureFormat {
    pub fn parse(text: &str) -> Result<Self, FigureError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "png" => Ok(FigureFormat::Png),
            "svg" => Ok(FigureFormat::Svg),
            _ => Err(FigureError::UnknownFormat(text.to_string())),
        }
    }
}

/// `light` (false) or `dark` (true).
pub fn parse_theme(text: &str) -> Result<bool, FigureError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "light" => Ok(false),
        "dark" => Ok(true),
        _ => Err(FigureError::UnknownTheme(text.to_string())),
    }
}

/// `1280x720` (or `1280×720`) inside [`MIN_SIZE`]…[`MAX_SIZE`].
pub fn parse_size(text: &str) -> Result<(u32, u32), FigureError> {
    let bad = || FigureError::BadSize(text.to_string());
    let (w, h) = text.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(MIN_SIZE.0..=MAX_SIZE.0).contains(&w) || !(MIN_SIZE.1..=MAX_SIZE.1).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

/// The year the figure shows, checked against the run.
pub fn check_year(run: &Run, year: Option<f64>) -> Result<f64, FigureError> {
    let (Some(&first), Some(&last)) = (run.times.first(), run.times.last()) else {
        return Err(FigureError::Render("the run has no years".into()));
    };
    let Some(year) = year else {
        return Ok(last);
    };
    if !year.is_finite() || year < first - 1e-9 || year > last + 1e-9 {
        return Err(FigureError::YearOutsideRun {
            given: format!("{year}"),
            start: year_label(first),
            end: year_label(last),
        });
    }
    Ok(run.times[run.index_of_year(year)])
}

/// The figure as SVG text.
pub fn figure_svg(
    scenario: &Scenario,
    run: &Run,
    request: &FigureRequest,
) -> Result<String, FigureError> {
    let year = check_year(run, request.year)?;
    let needs_tilt = matches!(request.view, FigureView::Tilt | FigureView::Map);
    if needs_tilt && run.n_powers < 2 {
        return Err(FigureError::TooFewPowers(run.n_powers));
    }
    let mut page = Page {
        width: f64::from(request.width),
        height: f64::from(request.height),
        dark: request.dark,
        title: scenario.name.clone(),
        heading: String::new(),
        source: figure_source(scenario, request.file_name.as_deref()),
    };
    let chart = match request.view {
        FigureView::Map => {
            page.heading = map::map_heading(scenario, year);
            return Ok(map::map_svg(scenario, run, run.index_of_year(year), &page));
        }
        FigureView::Tilt => line_chart::tilt_chart(scenario, run, year),
        FigureView::Shares(i) => line_chart::shares_chart(scenario, run, i, year),
        FigureView::Dependency(i) => line_chart::dependency_chart(scenario, run, i, year),
        FigureView::Bloc => line_chart::bloc_chart(run, year),
    };
    page.heading = chart.heading.clone();
    if let Some(&last) = run.times.last()
        && (year - last).abs() > 1e-9
    {
        page.heading = format!("{} · values in {}", page.heading, year_label(year));
    }
    Ok(line_chart::line_chart_svg(&chart, &page))
}

/// The figure as the bytes of its file (SVG text or PNG).
pub fn figure_bytes(
    scenario: &Scenario,
    run: &Run,
    request: &FigureRequest,
) -> Result<Vec<u8>, FigureError> {
    let svg = figure_svg(scenario, run, request)?;
    match request.format {
        FigureFormat::Svg => Ok(svg.into_bytes()),
        FigureFormat::Png => raster::svg_to_png(&svg, request.width, request.height),
    }
}
