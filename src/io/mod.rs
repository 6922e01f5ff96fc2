//! Scenario files and exports: RON scenario files with a schema version, migrations, validation with
//! line numbers, atomic saving with a `.bak` copy, hard limits, CSV export of runs, sweeps and the
//! analysis views, PNG files of rendered views and the Markdown briefing. No egui.

mod analysis_csv;
mod briefing;
mod csv_export;
mod error;
mod lines;
mod log_export;
mod map_data;
mod migrate;
mod png_export;
mod safe_write;
mod scenario_file;
mod sweep_csv;

pub use analysis_csv::{
    SeriesData, compare_csv, series_csv, tornado_csv, waterfall_csv, write_csv_text,
};
pub use briefing::{
    Briefing, BriefingAttribution, BriefingComparison, BriefingRobustness, KeyOutcome,
    briefing_markdown, figure_path, write_briefing,
};
pub use csv_export::{
    bands_csv, bloc_csv, run_csv, sibling_path, write_bands_csv, write_bloc_csv, write_run_csv,
};
pub use error::{LoadError, SaveError};
pub use lines::LineIndex;
pub use log_export::{round_log_markdown, write_round_log};
pub use map_data::{Country, MAP_GEOJSON, MapError, parse_map};
pub use migrate::{LoadNotice, migrate_to_current};
pub use png_export::{PixelRect, RgbaImage, png_bytes, write_figure, write_png};
pub use safe_write::write_private;
pub use scenario_file::{
    Loaded, MAX_FILE_BYTES, MAX_NESTING, Opened, ReadWatch, claim_references, file_warnings,
    load_draft, load_scenario, load_scenario_noted, open_watched, opening_problems, parse_scenario,
    parse_scenario_noted, read_watched, save_draft_copy, save_scenario, scenario_to_string,
};
pub use sweep_csv::{sweep_csv, write_sweep_csv};

/// The file name of the shipped baseline, which claims compare with.
pub const BASELINE_FILE: &str = "baseline_2025.ron";

/// The baseline scenario, compiled into the binary so "New from baseline" works anywhere.
pub const BASELINE_RON: &str = include_str!("../../saved_scenarios/baseline_2025.ron");

/// The 2015–2025 backcast the baseline is calibrated against, compiled in like the baseline so
/// Model → Calibrate… works anywhere.
pub const BACKCAST_RON: &str = include_str!("../../saved_scenarios/backcast_2015.ron");

/// The shipped backcast, parsed.
pub fn shipped_backcast() -> Result<crate::model::Scenario, LoadError> {
    parse_scenario(BACKCAST_RON)
}

/// The shipped baseline, parsed.
pub fn baseline() -> Result<crate::model::Scenario, LoadError> {
    parse_scenario(BASELINE_RON)
}
