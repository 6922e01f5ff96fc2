//! CSV export of runs: the long form (one row per year × state × variable × pole/power × sector), the
//! bloc indices, and ensemble bands. Headers use MODEL.md's names.

use std::path::Path;

use crate::engine::{BandSeries, BlocIndex, EnsembleRun, Run};
use crate::model::{Scenario, Sector};

use super::error::SaveError;
use super::scenario_file::write_atomically;

/// A CSV writer's error as a save error (shared by every CSV export of `io`).
pub(super) fn csv_err(e: impl std::fmt::Display) -> SaveError {
    SaveError::Csv(e.to_string())
}

/// The text a CSV writer built in memory.
pub(super) fn finish(w: csv::Writer<Vec<u8>>) -> Result<String, SaveError> {
    let bytes = w.into_inner().map_err(csv_err)?;
    String::from_utf8(bytes).map_err(csv_err)
}

/// A number as CSV writes it: the shortest text that reads back to the same value.
pub(super) fn num(v: f64) -> String {
    format!("{v}")
}

/// The run in long form: `year,state,variable,pole_or_power,sector,value`.
pub fn run_csv(scenario: &Scenario, run: &Run) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "year",
        "state",
        "variable",
        "pole_or_power",
        "sector",
        "value",
    ])
    .map_err(csv_err)?;
    let poles = scenario.pole_codes();
    for t in 0..run.len() {
        let year = num(run.times[t]);
        for (i, state) in scenario.states.iter().enumerate() {
            let code = state.code.as_str();
            let mut row = |variable: &str, pole: &str, sector: &str, value: f64| {
                w.write_record([year.as_str(), code, variable, pole, sector, &num(value)])
                    .map_err(csv_err)
            };
            for (o, pole) in poles.iter().enumerate() {
                row("alignment", pole, "", run.alignment(t, i)[o])?;
            }
            for (p, power) in scenario.powers.iter().enumerate() {
                for s in Sector::ALL {
                    row(
                        "dependency",
                        &power.code,
                        s.key(),
                        run.dependency(t, i, p)[s.index()],
                    )?;
                }
            }
            for s in Sector::ALL {
                row("domestic", "", s.key(), run.domestic(t, i, s.index()))?;
            }
            row("infrastructure", "", "", run.infrastructure(t, i))?;
            row("talent", "", "", run.talent(t, i))?;
            row("defa_progress", "", "", run.defa(t, i))?;
            row("hedging_index", "", "", run.hedging(t, i))?;
        }
    }
    finish(w)
}

/// The bloc indices: `year,cohesion,bifurcation,tech_split,autonomy,defa_integration`.
pub fn bloc_csv(run: &Run) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["year".to_string()];
    header.extend(BlocIndex::ALL.iter().map(|b| b.key().to_string()));
    w.write_record(&header).map_err(csv_err)?;
    for t in 0..run.len() {
        let mut rec = vec![num(run.times[t])];
        rec.extend(BlocIndex::ALL.iter().map(|b| num(run.bloc(t, *b))));
        w.write_record(&rec).map_err(csv_err)?;
    }
    finish(w)
}

/// Ensemble bands: `year,series,state,pole_or_power,p10,p50,p90` (state empty for bloc indices).
pub fn bands_csv(scenario: &Scenario, ens: &EnsembleRun) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "year",
        "series",
        "state",
        "pole_or_power",
        "p10",
        "p50",
        "p90",
    ])
    .map_err(csv_err)?;
    let poles = scenario.pole_codes();
    for (t, year) in ens.times.iter().enumerate() {
        let year = num(*year);
        let mut row = |series: &str, state: &str, pole: &str, s: BandSeries| {
            let (a, b, c) = ens.band(s, t);
            w.write_record([
                year.as_str(),
                series,
                state,
                pole,
                &num(a),
                &num(b),
                &num(c),
            ])
            .map_err(csv_err)
        };
        for (i, st) in scenario.states.iter().enumerate() {
            for (o, pole) in poles.iter().enumerate() {
                row(
                    "alignment",
                    &st.code,
                    pole,
                    BandSeries::Alignment { state: i, pole: o },
                )?;
            }
            row("tilt", &st.code, "", BandSeries::Tilt { state: i })?;
            for (p, power) in scenario.powers.iter().enumerate() {
                row(
                    "dependency",
                    &st.code,
                    &power.code,
                    BandSeries::Dependency { state: i, power: p },
                )?;
            }
            row("domestic", &st.code, "", BandSeries::Domestic { state: i })?;
            row("defa_progress", &st.code, "", BandSeries::Defa { state: i })?;
            row(
                "hedging_index",
                &st.code,
                "",
                BandSeries::Hedging { state: i },
            )?;
        }
        for b in BlocIndex::ALL {
            row(b.key(), "", "", BandSeries::Bloc(b))?;
        }
    }
    finish(w)
}

/// The file beside `path` for a companion table: `out.csv` → `out.bloc.csv`.
pub fn sibling_path(path: &Path, tag: &str) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "run".into());
    path.with_file_name(format!("{stem}.{tag}.csv"))
}

/// Writes [`run_csv`] atomically to `path`.
pub fn write_run_csv(path: &Path, scenario: &Scenario, run: &Run) -> Result<(), SaveError> {
    write_atomically(path, run_csv(scenario, run)?.as_bytes(), false)
}

/// Writes [`bloc_csv`] atomically to `path`.
pub fn write_bloc_csv(path: &Path, run: &Run) -> Result<(), SaveError> {
    write_atomically(path, bloc_csv(run)?.as_bytes(), false)
}

/// Writes [`bands_csv`] atomically to `path`.
pub fn write_bands_csv(
    path: &Path,
    scenario: &Scenario,
    ens: &EnsembleRun,
) -> Result<(), SaveError> {
    write_atomically(path, bands_csv(scenario, ens)?.as_bytes(), false)
}
