//! The plain-text calibration report and the basis notes calibration writes into a scenario.

use std::fmt::Write;

use crate::model::{PowerField, Scenario, StateField};

use super::drift::DRIFT_CHANNELS;
use super::fit::{Calibration, Loss};
use super::fitted::FittedConstant;
use super::stylised::{
    DOUBLED_RIVALRY_FLOOR, DRIFT_WITHOUT_DEFA_CEILING, EXPORT_CONTROLS_SPLIT_FLOOR,
    FIRST_YEAR_DRIFT_CEILING, HALF_RESPONSE_YEARS, STRONG_DEFA_FLOOR, StylisedFacts,
};

pub use crate::model::{CALIBRATED_NOTE, is_calibrated_note};

/// Writes the calibration into `scenario` (the present or the backcast): the fitted constants,
/// the rest-point sector pulls and anchors (matched by code), each with a `calibrated: …` note.
/// The notes avoid arrows: the app's font has no glyph for them.
///
/// Values are written to four decimals, so a file stays readable; that moves any result by far less
/// than the residuals the report lists.
pub fn apply_calibration(scenario: &mut Scenario, cal: &Calibration, against: &str) {
    scenario.constants = cal.constants.clone();
    for f in FittedConstant::ALL {
        match f {
            FittedConstant::LeverInfluenceScale => {
                scenario.constants.lever_influence = cal.constants.lever_influence.map(round4);
            }
            _ => f.set(
                &mut scenario.constants,
                &cal.constants,
                round4(f.start(&cal.constants)),
            ),
        }
    }
    let (from, to) = cal.backcast_years;
    for (f, before, after) in &cal.moved {
        let (lo, hi, basis) = f.plausible();
        let value = match f {
            FittedConstant::LeverInfluenceScale => {
                format!("{after:.3} times the lever influences it started from")
            }
            _ => format!("{after:.3}"),
        };
        scenario.constants_basis.insert(
            f.key().to_string(),
            format!(
                "{CALIBRATED_NOTE} {value} (was {before:.3}), fitted within the plausible range {lo}–{hi} against {against} ({from} to {to}), loss {:.4} to {:.4}; range basis: {basis}",
                cal.loss_before.total(),
                cal.loss_after.total()
            ),
        );
    }
    for (q, power) in scenario.powers.iter_mut().enumerate() {
        if let Some(row) = cal.sector_pull.sector_pull.get(q) {
            power.sector_pull = row.map(round4);
            power.basis.insert(
                PowerField::SectorPull,
                format!(
                    "{CALIBRATED_NOTE} least-squares rest point of the {to} dependencies under the {to} inputs (mean residual {:.3} per state)",
                    mean(&cal.sector_pull.residual)
                ),
            );
        }
    }
    for point in &cal.anchors {
        if let Some(state) = scenario.states.iter_mut().find(|s| s.code == point.code) {
            state.anchor = Some(rounded_shares(&point.anchor));
            state.basis.insert(
                StateField::Anchor,
                format!(
                    "{CALIBRATED_NOTE} rest point of the {to} alignment under the {to} inputs (residual {:.3}{})",
                    point.residual,
                    if point.residual > 1e-6 { ", the simplex forces it" } else { "" }
                ),
            );
        }
    }
}

/// Reads one part of a loss.
type LossPart = fn(&Loss) -> f64;

/// The report a person reads after `calibrate`: what moved, the loss, and every residual.
pub fn report(cal: &Calibration, present: &str, backcast: &str) -> String {
    let mut out = String::new();
    let (from, to) = cal.backcast_years;
    let _ = writeln!(
        out,
        "Calibration of {present} against the backcast {backcast} ({from}→{to})"
    );
    let _ = writeln!(
        out,
        "{} evaluations of the model (Nelder–Mead); \"before\" is the starting constants, moved into\ntheir plausible ranges where they lay outside\n",
        cal.evaluations
    );
    let _ = writeln!(out, "Loss                         before     after");
    let rows: [(&str, LossPart); 6] = [
        ("backcast alignment (TV)", |l| l.alignment),
        ("backcast dependency (MAE)", |l| l.dependency),
        ("rest-point residual", |l| l.rest_point),
        ("backcast start gap", |l| l.backcast_start),
        ("stylised facts shortfall", |l| l.stylised),
        ("total", |l| l.total()),
    ];
    for (name, part) in rows {
        let _ = writeln!(
            out,
            "  {name:<27}{:>8.4}  {:>8.4}",
            part(&cal.loss_before),
            part(&cal.loss_after)
        );
    }
    let _ = writeln!(out, "\nConstants that moved (plausible range)");
    for (f, before, after) in &cal.moved {
        let (lo, hi, _) = f.plausible();
        let bound = if (after - lo).abs() < 1e-6 || (after - hi).abs() < 1e-6 {
            "  at a bound of its range"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<20}{before:>8.3} → {after:>7.3}   ({lo}–{hi}){bound}",
            label(*f)
        );
    }
    let _ = writeln!(
        out,
        "\nStylised facts (CONTEXT.md)           before     after   wanted"
    );
    facts_rows(&mut out, &cal.facts_before, &cal.facts_after);
    let d = &cal.drift;
    let _ = writeln!(
        out,
        "\nWhy the calibrated scenario moves: mean drift {:.3} over its horizon (Shapley split)",
        d.total
    );
    for (name, part) in DRIFT_CHANNELS.iter().zip(d.parts) {
        let _ = writeln!(out, "  {name:<20}{part:>+8.3}");
    }
    let _ = writeln!(out, "  {:<20}{:>8.3}", "every channel off", d.residual);
    let _ = writeln!(
        out,
        "\nPer state      backcast TV  dependency  rest point  start gap  dependency rest"
    );
    for s in &cal.states {
        let _ = writeln!(
            out,
            "  {:<12}{:>10.3}{:>12.3}{:>12.3}{:>11.3}{:>16.3}",
            s.code,
            s.alignment,
            s.dependency,
            s.rest_point,
            s.backcast_start,
            s.dependency_rest_point
        );
    }
    let forced: Vec<&str> = cal
        .anchors
        .iter()
        .filter(|a| a.residual > 1e-6)
        .map(|a| a.code.as_str())
        .collect();
    if !forced.is_empty() {
        let _ = writeln!(
            out,
            "\nThe simplex forces a rest-point residual on {}: their exact rest-point anchor would need a negative share, so they start slightly off rest.",
            forced.join(", ")
        );
    }
    out
}

fn facts_rows(out: &mut String, before: &StylisedFacts, after: &StylisedFacts) {
    let rows: [(&str, f64, f64, String); 6] = [
        (
            "export controls → bifurcation",
            before.export_controls_bifurcation,
            after.export_controls_bifurcation,
            format!("≥ {EXPORT_CONTROLS_SPLIT_FLOOR}"),
        ),
        (
            "export controls → tech split",
            before.export_controls_tech_split,
            after.export_controls_tech_split,
            format!("≥ {EXPORT_CONTROLS_SPLIT_FLOOR}"),
        ),
        (
            "doubled rivalry → bifurcation",
            before.doubled_rivalry_bifurcation,
            after.doubled_rivalry_bifurcation,
            format!("≥ {DOUBLED_RIVALRY_FLOOR}"),
        ),
        (
            "strong DEFA → autonomy",
            before.strong_defa_autonomy,
            after.strong_defa_autonomy,
            format!("≥ {STRONG_DEFA_FLOOR}"),
        ),
        (
            "first-year drift (mean)",
            before.first_year_drift.0,
            after.first_year_drift.0,
            format!("≤ {}", FIRST_YEAR_DRIFT_CEILING.0),
        ),
        (
            "drift without DEFA",
            before.drift_without_defa,
            after.drift_without_defa,
            format!("≤ {DRIFT_WITHOUT_DEFA_CEILING}"),
        ),
    ];
    for (name, b, a, wanted) in rows {
        let _ = writeln!(out, "  {name:<34}{b:>+9.4} {a:>+9.4}   {wanted}");
    }
    let years = |v: Option<f64>| v.map_or("never".to_string(), |t| format!("{t:.2} yr"));
    let (lo, hi) = HALF_RESPONSE_YEARS;
    let _ = writeln!(
        out,
        "  {:<34}{:>9} {:>9}   {lo}–{hi} yr",
        "half-response to a lever",
        years(before.half_response_years),
        years(after.half_response_years)
    );
}

fn label(f: FittedConstant) -> &'static str {
    match f {
        FittedConstant::AdjustmentYears => "adjustment_years τ",
        FittedConstant::SusceptibilityMax => "susceptibility_max",
        FittedConstant::HedgingShield => "hedging_shield ψ",
        FittedConstant::LeverInfluenceScale => "lever_influence ×",
        FittedConstant::LockIn => "lock_in χ",
        FittedConstant::CampBinding => "camp_binding ν",
    }
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

/// Shares rounded to four decimals that still sum to 1: the largest absorbs the rounding.
fn rounded_shares(shares: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = shares.iter().map(|&v| round4(v)).collect();
    let sum: f64 = out.iter().sum();
    if let Some(largest) = (0..out.len()).max_by(|&a, &b| out[a].total_cmp(&out[b])) {
        out[largest] = round4(out[largest] + 1.0 - sum);
    }
    out
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}
