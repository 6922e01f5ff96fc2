//! CSV export of the analysis views' data: chart series (B, the pinned A and the ensemble band per
//! year), the attribution waterfall and the tornado. Sweeps have their own file (`sweep_csv`).
//! Headers use MODEL.md's names; every write is atomic.

use std::path::Path;

use crate::analysis::{Attribution, InputDifference, OutcomeDifference, Tornado};
use crate::model::Scenario;

use super::csv_export::{csv_err, finish, num};
use super::error::SaveError;
use super::scenario_file::write_atomically;

/// One series of a chart as plain numbers.
pub struct SeriesData {
    /// E.g. "KHM Cambodia" or "Bifurcation".
    pub name: String,
    /// `(year, value)` of the live scenario B.
    pub b: Vec<(f64, f64)>,
    /// `(year, value)` of the pinned scenario A, if any (matched to B's years).
    pub a: Option<Vec<(f64, f64)>>,
    /// `(p10, p50, p90)` at each of B's years, if the ensemble ran.
    pub band: Option<Vec<(f64, f64, f64)>>,
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), num)
}

/// The series in long form: `year,series,b,a,p10,p50,p90` (empty where there is no A or band).
pub fn series_csv(series: &[SeriesData]) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["year", "series", "b", "a", "p10", "p50", "p90"])
        .map_err(csv_err)?;
    for s in series {
        for (t, &(year, b)) in s.b.iter().enumerate() {
            let a = s.a.as_ref().and_then(|pts| {
                pts.iter()
                    .find(|(x, _)| (x - year).abs() < 1e-9)
                    .map(|(_, y)| *y)
            });
            let band = s.band.as_ref().and_then(|b| b.get(t).copied());
            w.write_record([
                num(year),
                s.name.clone(),
                num(b),
                opt(a),
                opt(band.map(|x| x.0)),
                opt(band.map(|x| x.1)),
                opt(band.map(|x| x.2)),
            ])
            .map_err(csv_err)?;
        }
    }
    finish(w)
}

/// The waterfall: `step,label,start,change,end,std_error` — A, one row per group (largest first),
/// then B; each group starts where the one before ended.
pub fn waterfall_csv(at: &Attribution, outcome_label: &str) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["step", "label", "start", "change", "end", "std_error"])
        .map_err(csv_err)?;
    w.write_record([
        "A".to_string(),
        outcome_label.to_string(),
        String::new(),
        String::new(),
        num(at.outcome_a),
        String::new(),
    ])
    .map_err(csv_err)?;
    let mut level = at.outcome_a;
    for c in &at.contributions {
        w.write_record([
            "group".to_string(),
            c.group.clone(),
            num(level),
            num(c.value),
            num(level + c.value),
            opt(c.std_error),
        ])
        .map_err(csv_err)?;
        level += c.value;
    }
    w.write_record([
        "B".to_string(),
        outcome_label.to_string(),
        String::new(),
        String::new(),
        num(at.outcome_b),
        String::new(),
    ])
    .map_err(csv_err)?;
    finish(w)
}

/// The tornado: `rank,knob,label,low,high,outcome_low,outcome_high,swing,base`.
pub fn tornado_csv(scenario: &Scenario, t: &Tornado) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "rank",
        "knob",
        "label",
        "low",
        "high",
        "outcome_low",
        "outcome_high",
        "swing",
        "base",
    ])
    .map_err(csv_err)?;
    for (k, bar) in t.bars.iter().enumerate() {
        w.write_record([
            (k + 1).to_string(),
            bar.swung.spec(scenario),
            bar.label.clone(),
            num(bar.low),
            num(bar.high),
            num(bar.outcome_low),
            num(bar.outcome_high),
            num(bar.swing()),
            num(t.base),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// The comparison: `kind,group,name,a,b,b_minus_a` — one row per input that differs (`input`,
/// under its group) and one per outcome at `year` (`outcome`).
pub fn compare_csv(
    diffs: &[InputDifference],
    outcomes: &[OutcomeDifference],
    year: f64,
) -> Result<String, SaveError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["kind", "group", "name", "a", "b", "b_minus_a"])
        .map_err(csv_err)?;
    for d in diffs {
        w.write_record(["input", &d.group, &d.path, &d.a, &d.b, ""])
            .map_err(csv_err)?;
    }
    let group = format!("outcomes in {year}");
    for o in outcomes {
        w.write_record([
            "outcome".to_string(),
            group.clone(),
            o.label.clone(),
            num(o.a),
            num(o.b),
            num(o.delta()),
        ])
        .map_err(csv_err)?;
    }
    finish(w)
}

/// Writes CSV text made by this module (or `sweep_csv`) atomically.
pub fn write_csv_text(path: &Path, text: &str) -> Result<(), SaveError> {
    write_atomically(path, text.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Contribution;

    #[test]
    fn series_rows_match_a_by_year_and_leave_gaps_empty() {
        let text = series_csv(&[SeriesData {
            name: "KHM".into(),
            b: vec![(2025.0, 0.1), (2026.0, 0.2)],
            a: Some(vec![(2026.0, 0.5)]),
            band: None,
        }])
        .unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "year,series,b,a,p10,p50,p90");
        assert_eq!(lines[1], "2025,KHM,0.1,,,,");
        assert_eq!(lines[2], "2026,KHM,0.2,0.5,,,");
    }

    #[test]
    fn waterfall_steps_chain_from_a_to_b() {
        let at = Attribution {
            outcome_a: 0.4,
            outcome_b: 0.5,
            total: 0.1,
            contributions: vec![
                Contribution {
                    group: "China levers".into(),
                    value: 0.125,
                    std_error: None,
                },
                Contribution {
                    group: "US levers".into(),
                    value: -0.025,
                    std_error: None,
                },
            ],
            exact: true,
            std_error: None,
            runs: 4,
        };
        let text = waterfall_csv(&at, "X").unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "group,China levers,0.4,0.125,0.525,");
        assert_eq!(lines[3], "group,US levers,0.525,-0.025,0.5,");
        assert_eq!(lines[4], "B,X,,,0.5,");
    }
}
