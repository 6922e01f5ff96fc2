//! Calibration of a scenario against the record: rest-point anchors for its starting year, and the
//! constants no source fixes fitted so that a backcast from an earlier year unfolds into the
//! scenario's starting positions. Pure functions of scenarios; no egui, no files, no clock.

mod dependency_rest;
mod drift;
mod fit;
mod fitted;
mod report;
mod rest_point;
mod simplex;
mod stylised;

pub use dependency_rest::{SectorPullFit, rest_point_sector_pull, set_sector_pull};
pub use drift::{DRIFT_CHANNELS, DriftExplanation, explain_drift};
pub use fit::{Calibration, CalibrationError, EVALUATION_BUDGET, Loss, StateFit, calibrate};
pub use fitted::FittedConstant;
pub use report::{CALIBRATED_NOTE, apply_calibration, is_calibrated_note, report};
pub use rest_point::{RestPoint, rest_point_anchors, set_anchors, starting_gaps, total_variation};
pub use simplex::project_to_simplex;
pub use stylised::{
    DOUBLED_RIVALRY_FLOOR, DRIFT_WITHOUT_DEFA_CEILING, EXPORT_CONTROLS_SPLIT_FLOOR,
    FIRST_YEAR_DRIFT_CEILING, HALF_RESPONSE_YEARS, STRONG_DEFA_FLOOR, StylisedFacts, drift,
    export_controls_everywhere, measure as measure_stylised_facts,
};
