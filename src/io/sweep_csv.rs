//! CSV export of a two-knob sweep: one row per cell, `x,y,value,leaning` (the leaning as a pole code,
//! empty when the sweep recorded none), row by row of y.

use std::path::Path;

use crate::analysis::Sweep;
use crate::model::Scenario;

use super::csv_export::{csv_err, finish, num};
use super::error::SaveError;
use super::scenario_file::write_atomically;

/// The sweep as CSV text.
pub fn sweep_csv(scenario: &Scenario, sweep: &Sweep) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["x", "y", "value", "leaning"])
        .map_err(csv_err)?;
    let poles = scenario.pole_codes();
    for (iy, y) in sweep.y.values.iter().enumerate() {
        for (ix, x) in sweep.x.values.iter().enumerate() {
            let value = sweep.value(ix, iy).map_or(String::new(), num);
            let leaning = sweep
                .leaning_at(ix, iy)
                .and_then(|o| poles.get(o).cloned())
                .unwrap_or_default();
            w.write_record([num(*x), num(*y), value, leaning])
                .map_err(csv_err)?;
        }
    }
    finish(w)
}

/// Writes [`sweep_csv`] atomically to `path`.
pub fn write_sweep_csv(path: &Path, scenario: &Scenario, sweep: &Sweep) -> Result<(), SaveError> {
    write_atomically(path, sweep_csv(scenario, sweep)?.as_bytes(), false)
}
