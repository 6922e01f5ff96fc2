//! The headless command line, run as a user would run it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_asean-futures"))
}

#[test]
fn run_prints_a_summary_and_writes_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("out.csv");
    let out = bin()
        .args(["run", "saved_scenarios/baseline_2025.ron", "--csv"])
        .arg(&csv)
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Baseline 2025 — 11 states, 3 powers, 2025–2045 yearly (21 points)"),
        "{text}"
    );
    assert!(text.contains("KHM Cambodia"), "{text}");
    assert!(text.contains("Cohesion"), "{text}");
    let long = std::fs::read_to_string(&csv).unwrap();
    assert!(long.starts_with("year,state,variable,pole_or_power,sector,value\n"));
    let bloc = std::fs::read_to_string(dir.path().join("out.bloc.csv")).unwrap();
    assert_eq!(bloc.lines().count(), 22);
}

#[test]
fn run_with_an_ensemble_prints_ranges_and_writes_bands() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("e.csv");
    let out = bin()
        .args([
            "run",
            "saved_scenarios/strong_defa.ron",
            "--ensemble",
            "50",
            "--seed",
            "7",
            "--csv",
        ])
        .arg(&csv)
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ensemble: 50 members (seed 7)"), "{text}");
    let bands = std::fs::read_to_string(dir.path().join("e.bands.csv")).unwrap();
    assert!(bands.starts_with("year,series,state,pole_or_power,p10,p50,p90\n"));
}

#[test]
fn check_lists_every_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = asean_futures::io::BASELINE_RON
        .replacen("localisation: 1.0,", "localisation: 1.7,", 1)
        .replacen("governance: 0.2,", "governance: 2.0,", 1);
    std::fs::write(&bad, text).unwrap();
    let out = bin()
        .arg("check")
        .arg(&bad)
        .arg(common::root().join("saved_scenarios/baseline_2025.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("states[9] (VNM).localisation = 1.7"),
        "{text}"
    );
    assert!(text.contains("states[1] (KHM).governance = 2"), "{text}");
    assert!(
        text.contains("ok   "),
        "the valid file is reported too: {text}"
    );
}

#[test]
fn exit_codes_are_as_documented() {
    let help = bin().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("Exit codes"), "{help}");
    let missing = bin().args(["run", "/no/such.ron"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(3));
    let usage = bin().args(["run"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let ok = bin()
        .args(["check"])
        .arg(common::root().join("saved_scenarios/us_trade_squeeze.ron"))
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
}
