//! The calibration targets, proved on the shipped files: the baseline starts at rest and moves only
//! for reasons the model can name, the backcast unfolds into it, rivalry splits the bloc, DEFA done
//! well builds autonomy, and a lever takes years to work. Plus the calibration itself: its rest
//! points, its refusal of mismatched pairs, Cancel, and the `calibrate` command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use common::bin;

use std::sync::atomic::{AtomicBool, AtomicUsize};

use asean_futures::calibration::{
    self, CalibrationError, drift, measure_stylised_facts, rest_point_anchors, set_anchors,
    starting_gaps, total_variation,
};
use asean_futures::engine::{self, BlocIndex, Run};
use asean_futures::io;
use asean_futures::model::{LeverKind, Scenario, StateField};

fn shipped(name: &str) -> Scenario {
    io::load_scenario(&common::root().join("saved_scenarios").join(name)).unwrap()
}

fn end(r: &Run, index: BlocIndex) -> f64 {
    r.bloc(r.len() - 1, index)
}

#[test]
fn the_baseline_starts_at_rest_and_barely_moves_without_defa() {
    let base = shipped("baseline_2025.ron");
    let r = engine::run(&base).unwrap();
    let (mean, max) = drift(&r, r.index_of_year(2026.0));
    assert!(
        mean <= 0.01 && max <= 0.02,
        "first-year drift {mean} / {max}"
    );
    let mut without = base.clone();
    without.asean.defa_in_force_year = 2100.0;
    let w = engine::run(&without).unwrap();
    let (mean, _) = drift(&w, w.len() - 1);
    assert!(mean <= 0.03, "2025→2045 drift without DEFA {mean}");
    // With DEFA as scheduled the bloc moves toward autonomy, as the README and description say.
    let (with_defa, _) = drift(&r, r.len() - 1);
    assert!(
        with_defa > 3.0 * mean,
        "DEFA is what moves the baseline: {with_defa}"
    );
    assert!(end(&r, BlocIndex::Autonomy) > r.bloc(0, BlocIndex::Autonomy) + 0.05);
    // The description: "its share rises by about 0.1 by 2045", "tilt −0.45…−0.55 in 2025, about
    // −0.38…−0.43 in 2045", "the other eight lean to autonomy".
    let last = r.len() - 1;
    let aut = base.pole_count() - 1;
    let rises: Vec<f64> = (0..base.states.len())
        .map(|i| r.alignment(last, i)[aut] - r.alignment(0, i)[aut])
        .collect();
    let mean_rise = rises.iter().sum::<f64>() / rises.len() as f64;
    assert!(
        (0.08..=0.12).contains(&mean_rise),
        "autonomy share +{mean_rise}"
    );
    assert!(rises.iter().all(|&d| d > 0.05), "{rises:?}");
    for (i, state) in base.states.iter().enumerate() {
        if ["KHM", "LAO", "MMR"].contains(&state.code.as_str()) {
            assert_eq!(
                r.leaning(last, i),
                1,
                "{} still leans to China in 2045",
                state.code
            );
            assert!((-0.555..=-0.445).contains(&r.tilt(0, i)), "{}", state.code);
            assert!(
                (-0.435..=-0.375).contains(&r.tilt(last, i)),
                "{}",
                state.code
            );
        } else {
            assert_eq!(r.leaning(last, i), aut, "{} leans to autonomy", state.code);
        }
    }
}

#[test]
fn the_baselines_drift_is_defas_as_its_description_says_in_words() {
    let base = shipped("baseline_2025.ron");
    let d = calibration::explain_drift(&base).unwrap();
    // Shapley efficiency: the parts add up to the drift less what is left with every channel off.
    let sum: f64 = d.parts.iter().sum();
    assert!((sum + d.residual - d.total).abs() < 1e-12);
    let [defa, capacity, lock_in, events] = d.parts;
    assert!((0.105..=0.12).contains(&d.total), "about 0.11: {}", d.total);
    assert!((0.1..=0.115).contains(&defa), "DEFA 0.11: {defa}");
    assert!(
        (0.002..=0.006).contains(&capacity),
        "capacity 0.004: {capacity}"
    );
    assert!(
        (-0.008..=-0.004).contains(&lock_in),
        "lock-in -0.006: {lock_in}"
    );
    assert_eq!(events, 0.0, "the baseline schedules no events");
    // The description says so in words; the numbers are the claims' and this test's.
    assert!(
        base.description
            .contains("DEFA accounts for almost all of it")
    );
}

#[test]
fn a_sustained_lever_takes_years_not_a_step() {
    let facts = measure_stylised_facts(&shipped("baseline_2025.ron")).unwrap();
    let years = facts
        .half_response_years
        .expect("the lever moves its target");
    assert!((1.5..=6.0).contains(&years), "half-response {years} years");
}

#[test]
fn the_backcast_unfolds_into_the_baseline() {
    let base = shipped("baseline_2025.ron");
    let back = shipped("backcast_2015.ron");
    assert_eq!(back.time.start_year, 2015.0);
    assert_eq!(back.time.end_year, base.time.start_year);
    let r = engine::run(&back).unwrap();
    let last = r.len() - 1;
    let (mut tv_sum, mut tv_max, mut dep_sum, mut cells) = (0.0, 0.0_f64, 0.0, 0);
    for state in &base.states {
        let j = back.state_index(&state.code).unwrap();
        let tv = total_variation(r.alignment(last, j), &state.alignment);
        tv_sum += tv;
        tv_max = tv_max.max(tv);
        for (p, row) in state.dependency.iter().enumerate() {
            for (a, b) in r.dependency(last, j, p).iter().zip(row) {
                dep_sum += (a - b).abs();
                cells += 1;
            }
        }
    }
    let n = base.states.len() as f64;
    assert!(
        tv_sum / n <= 0.06 && tv_max <= 0.12,
        "alignment TV {} / {tv_max}",
        tv_sum / n
    );
    assert!(
        dep_sum / cells as f64 <= 0.06,
        "dependency MAE {}",
        dep_sum / cells as f64
    );
    for code in ["KHM", "LAO", "MMR"] {
        let j = back.state_index(code).unwrap();
        assert_eq!(r.leaning(last, j), 1, "{code} ends China-leaning");
        assert!(
            r.alignment(last, j)[1] > r.alignment(0, j)[1] + 0.05,
            "{code} moved to China"
        );
    }
    let sgp = back.state_index("SGP").unwrap();
    for t in 0..r.len() {
        assert!(
            r.hedging(t, sgp) >= 0.9,
            "Singapore hedges at {}",
            r.times[t]
        );
    }
    // Every lever and event of the record says where it comes from.
    assert!(back.levers.iter().all(|l| !l.note.is_empty()));
    assert!(back.events.iter().all(|e| !e.note.is_empty()));
}

#[test]
fn rivalry_splits_the_bloc_and_strong_defa_still_builds_autonomy() {
    let base = shipped("baseline_2025.ron");
    let r = engine::run(&base).unwrap();
    let mut controls = base.clone();
    let mut found = false;
    for l in &mut controls.levers {
        if l.power == "US" && l.kind == LeverKind::ExportControls {
            assert_eq!(l.intensity, 0.3);
            l.intensity = 1.0;
            found = true;
        }
    }
    assert!(found);
    let c = engine::run(&controls).unwrap();
    let bif = end(&c, BlocIndex::Bifurcation) - end(&r, BlocIndex::Bifurcation);
    let split = end(&c, BlocIndex::TechSplit) - end(&r, BlocIndex::TechSplit);
    assert!(
        bif >= 0.01 && split >= 0.01,
        "export controls: {bif} / {split}"
    );

    let mut doubled = base.clone();
    for l in &mut doubled.levers {
        if l.power == "US" || l.power == "CN" {
            l.intensity = (2.0 * l.intensity).min(1.0);
        }
    }
    let d = engine::run(&doubled).unwrap();
    let bif = end(&d, BlocIndex::Bifurcation) - end(&r, BlocIndex::Bifurcation);
    assert!(bif >= 0.015, "doubled rivalry: {bif}");

    let mut strong = base.clone();
    strong.asean.hard_law = 0.9;
    strong.asean.monitoring = 0.9;
    strong.asean.harmonisation = 0.9;
    strong.asean.defa_in_force_year = 2026.0;
    let s = engine::run(&strong).unwrap();
    let autonomy = end(&s, BlocIndex::Autonomy) - end(&r, BlocIndex::Autonomy);
    assert!(autonomy >= 0.02, "strong DEFA: {autonomy}");
}

#[test]
fn every_story_carries_the_baselines_calibration() {
    let base = shipped("baseline_2025.ron");
    assert!(base.constants_basis["adjustment_years"].starts_with("calibrated:"));
    for state in &base.states {
        assert!(state.anchor.is_some(), "{}", state.code);
        assert!(
            state
                .basis_of(StateField::Anchor)
                .starts_with("calibrated:")
        );
    }
    for name in [
        "backcast_2015.ron",
        "digital_silk_road_surge.ron",
        "strong_defa.ron",
        "two_stack_bifurcation.ron",
        "us_trade_squeeze.ron",
        "workshop_story.ron",
    ] {
        let s = shipped(name);
        assert_eq!(s.constants, base.constants, "{name}");
        for power in &s.powers {
            let b = &base.powers[base.power_index(&power.code).unwrap()];
            assert_eq!(power.sector_pull, b.sector_pull, "{name} {}", power.code);
        }
        for state in &s.states {
            let b = &base.states[base.state_index(&state.code).unwrap()];
            assert_eq!(state.anchor, b.anchor, "{name} {}", state.code);
        }
    }
}

#[test]
fn the_shipped_calibration_is_what_calibrate_finds() {
    let base = shipped("baseline_2025.ron");
    let back = shipped("backcast_2015.ron");
    let cal = calibration::calibrate(&base, &back, &AtomicUsize::new(0), &AtomicBool::new(false))
        .unwrap();
    // Started from the shipped constants, the fit finds nothing materially better.
    let (before, after) = (cal.loss_before.total(), cal.loss_after.total());
    assert!(after <= before + 1e-12);
    assert!(
        before - after < 0.005,
        "shipped loss {before}, refit {after}"
    );
    assert!(cal.facts_after.shortfall() < 0.01);
    assert!(cal.evaluations > 10);
}

#[test]
fn rest_point_anchors_leave_only_the_residual_the_simplex_forces() {
    let mut s = shipped("baseline_2025.ron");
    for state in &mut s.states {
        state.anchor = None;
    }
    let rest = rest_point_anchors(&s).unwrap();
    set_anchors(&mut s, &rest);
    let gaps = starting_gaps(&s).unwrap();
    for (point, gap) in rest.iter().zip(&gaps) {
        assert!((point.residual - gap).abs() < 1e-9, "{}", point.code);
        assert!((point.anchor.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(point.anchor.iter().all(|&v| v >= 0.0));
    }
    assert!(
        rest.iter().any(|p| p.residual < 1e-12),
        "an interior rest point is exact"
    );
}

#[test]
fn calibration_refuses_a_backcast_that_does_not_end_at_the_start_and_stops_on_cancel() {
    let base = shipped("baseline_2025.ron");
    let mut back = shipped("backcast_2015.ron");
    back.time.end_year = 2024.0;
    let e = calibration::calibrate(&base, &back, &AtomicUsize::new(0), &AtomicBool::new(false));
    assert!(matches!(e, Err(CalibrationError::Mismatch(m)) if m.contains("2024")));
    let back = shipped("backcast_2015.ron");
    let e = calibration::calibrate(&base, &back, &AtomicUsize::new(0), &AtomicBool::new(true));
    assert!(matches!(e, Err(CalibrationError::Cancelled)));
    // Cancel pressed while the fit runs.
    let (progress, cancel) = (AtomicUsize::new(0), AtomicBool::new(false));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while progress.load(std::sync::atomic::Ordering::Relaxed) < 5 {
                std::thread::yield_now();
            }
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        let e = calibration::calibrate(&base, &back, &progress, &cancel);
        assert!(matches!(e, Err(CalibrationError::Cancelled)));
    });
    assert!(progress.load(std::sync::atomic::Ordering::Relaxed) < calibration::EVALUATION_BUDGET);
}

#[test]
fn the_calibrate_command_prints_the_report_and_writes_calibrated_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root().join("saved_scenarios");
    // Copies, so the command resolves the backcast's target beside it.
    for name in ["baseline_2025.ron", "backcast_2015.ron"] {
        std::fs::copy(root.join(name), dir.path().join(name)).unwrap();
    }
    let backcast = dir.path().join("backcast_2015.ron");
    let (out, other) = (dir.path().join("bc.ron"), dir.path().join("base.ron"));
    let output = bin()
        .arg("calibrate")
        .arg(&backcast)
        .arg("--out")
        .arg(&out)
        .arg("--other-out")
        .arg(&other)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    for needle in [
        "adjustment_years",
        "camp_binding",
        "Per state",
        "KHM",
        "total",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    let written = io::load_scenario(&other).unwrap();
    assert!(written.constants_basis["camp_binding"].contains("backcast_2015.ron"));
    assert!(io::load_scenario(&out).unwrap().calibration.is_some());

    // It never writes over an input, and a plain scenario needs a backcast named.
    let before = std::fs::read(&backcast).unwrap();
    let refused = bin()
        .arg("calibrate")
        .arg(&backcast)
        .arg("--out")
        .arg(&backcast)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("input"));
    assert_eq!(std::fs::read(&backcast).unwrap(), before);
    let plain = bin()
        .arg("calibrate")
        .arg(dir.path().join("baseline_2025.ron"))
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("--backcast"));
}
