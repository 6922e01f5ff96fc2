//! The headless command line, run as a user would run it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use common::bin;

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
    // check: an unreadable path is exit 3 as documented, not 1; so is a device.
    let unreadable = bin().args(["check", "/no/such.ron"]).output().unwrap();
    assert_eq!(unreadable.status.code(), Some(3));
    let device = bin().args(["check", "/dev/zero"]).output().unwrap();
    assert_eq!(device.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&device.stdout).contains("not a regular file"));
    let usage = bin().args(["run"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let ok = bin()
        .args(["check"])
        .arg(common::root().join("saved_scenarios/us_trade_squeeze.ron"))
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

#[test]
fn compare_lists_differences_outcomes_and_the_attribution() {
    let out = bin()
        .args([
            "compare",
            "saved_scenarios/baseline_2025.ron",
            "saved_scenarios/strong_defa.ron",
            "--outcome",
            "bloc.defa_integration@2040",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("A: Baseline 2025"), "{text}");
    assert!(text.contains("4 inputs differ, in 1 group:"), "{text}");
    assert!(text.contains("  ASEAN / DEFA policy\n"), "{text}");
    let hard_law = text
        .lines()
        .find(|l| l.trim_start().starts_with("asean.hard_law"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        hard_law.split_whitespace().collect::<Vec<_>>(),
        ["asean.hard_law", "0.5", "0.9"]
    );
    assert!(text.contains("Outcomes in 2045"), "{text}");
    assert!(text.contains("KHM tilt (US–CN)"), "{text}");
    assert!(
        text.contains(
            "Attribution of Bloc DEFA integration in 2040 (exact Shapley values; 1 group, 2 runs)"
        ),
        "{text}"
    );
    assert!(
        text.contains("The gap in bloc DEFA integration in 2040 ("),
        "{text}"
    );
    assert!(
        text.contains(") comes from ASEAN / DEFA policy alone."),
        "{text}"
    );
}

#[test]
fn compare_with_itself_finds_nothing() {
    let out = bin()
        .args([
            "compare",
            "saved_scenarios/us_trade_squeeze.ron",
            "saved_scenarios/us_trade_squeeze.ron",
            "--outcome",
            "KHM.share.US",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("No input differs."), "{text}");
    assert!(
        text.contains("Cambodia's United States share in 2045 is the same in A and B"),
        "{text}"
    );
}

#[test]
fn compare_explains_bad_outcomes_and_incompatible_scenarios() {
    let bad = bin()
        .args([
            "compare",
            "saved_scenarios/baseline_2025.ron",
            "saved_scenarios/strong_defa.ron",
            "--outcome",
            "KHM.share.JP@2035",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(
        err.contains("cannot read \"KHM.share.JP@2035\": no pole \"JP\""),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let fewer = dir.path().join("fewer.ron");
    let mut s = common::baseline();
    s.states.pop();
    for lever in &mut s.levers {
        if let asean_futures::model::Targets::States(codes) = &mut lever.targets {
            codes.retain(|c| c != "TLS");
        }
    }
    asean_futures::io::save_scenario(&fewer, &s).unwrap();
    let out = bin()
        .args(["compare", "saved_scenarios/baseline_2025.ron"])
        .arg(&fewer)
        .args(["--outcome", "bloc.cohesion"])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("same states in the same order"), "{err}");
    // Without --outcome the diff is still shown.
    let out = bin()
        .args(["compare", "saved_scenarios/baseline_2025.ron"])
        .arg(&fewer)
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("states[10] (TLS)"), "{text}");
}

#[test]
fn sweep_summarises_and_writes_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("sweep.csv");
    let out = bin()
        .args([
            "sweep",
            "saved_scenarios/baseline_2025.ron",
            "--x",
            "levers[0].intensity",
            "--y",
            "KHM.hedging",
            "--n",
            "6",
            "--outcome",
            "KHM.share.CN@2040",
            "--csv",
        ])
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
        text.starts_with("Sweep of Baseline 2025: 6 × 6 = 36 runs"),
        "{text}"
    );
    assert!(
        text.contains("y: Cambodia's hedging capacity (KHM.hedging) from 0 to 1, now 0.35"),
        "{text}"
    );
    assert!(
        text.contains("Outcome: Cambodia's China share in 2040 (KHM.share.CN@2040)"),
        "{text}"
    );
    assert!(text.contains("Leaning of Cambodia in 2040: "), "{text}");
    let rows = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = rows.lines().collect();
    assert_eq!(lines[0], "x,y,value,leaning");
    assert_eq!(lines.len(), 37);
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 4, "{line}");
        let value: f64 = cells[2].parse().unwrap();
        assert!((0.0..=1.0).contains(&value), "{line}");
        assert!(["US", "CN", "EU", "Aut"].contains(&cells[3]), "{line}");
    }
}

#[test]
fn sweep_refuses_bad_knobs_and_ranges_as_usage_errors() {
    for args in [
        ["--x", "KHM.govrnance", "--y", "US.capability"],
        ["--x", "KHM.governance", "--y", "KHM.governance"],
        ["--x", "KHM.governance", "--y", "levers[42].intensity"],
    ] {
        let out = bin()
            .args(["sweep", "saved_scenarios/baseline_2025.ron"])
            .args(args)
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    let out = bin()
        .args([
            "sweep",
            "saved_scenarios/baseline_2025.ron",
            "--x",
            "KHM.governance",
            "--y",
            "US.capability",
            "--x-range",
            "0.2..1.4",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("KHM.governance = 1.4: must be within 0..=1"),
        "{err}"
    );
    let help = bin().args(["sweep", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("levers[N].intensity"), "{help}");
    assert!(help.contains("KHM.share.CN@2035"), "{help}");
}

#[test]
fn set_overrides_an_input_like_the_file_would_and_refuses_what_the_file_would() {
    let base = common::root().join("saved_scenarios/baseline_2025.ron");
    let csv_of = |args: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("run.csv");
        let status = bin()
            .arg("run")
            .arg(&base)
            .args(args)
            .arg("--csv")
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read_to_string(&out).unwrap()
    };
    // The override gives exactly the run of a file that says the same.
    let overridden = csv_of(&["--set", "KHM.governance=0.9"]);
    let mut s = common::baseline();
    let khm = s.state_index("KHM").unwrap();
    s.states[khm].governance = 0.9;
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("edited.ron");
    asean_futures::io::save_scenario(&edited, &s).unwrap();
    let out = dir.path().join("edited.csv");
    assert!(
        bin()
            .arg("run")
            .arg(&edited)
            .arg("--csv")
            .arg(&out)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(overridden, std::fs::read_to_string(&out).unwrap());
    assert_ne!(overridden, csv_of(&[]));
    // A later --set wins; the report names the overrides.
    let o = bin()
        .arg("run")
        .arg(&base)
        .args(["--set", "KHM.governance=0.1", "--set", "KHM.governance=0.9"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("With --set KHM.governance=0.1"));
    // Bad overrides: exit 2 with the argument, the field and what is allowed.
    for (arg, needle) in [
        ("KHM.governance=1.7", "within 0..=1"),
        ("KHM.gov=1", "no state field \"gov\""),
        ("KHM.governance", "expected KNOB=VALUE"),
        ("KHM.governance=abc", "not a number"),
        ("constants.adjustment_years=0", "adjustment_years"),
    ] {
        let o = bin()
            .arg("run")
            .arg(&base)
            .args(["--set", arg])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{arg}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(arg) && err.contains(needle), "{arg}: {err}");
    }
    // compare applies --set to B, sweep and calibrate to their file.
    let o = bin()
        .arg("compare")
        .arg(&base)
        .arg(&base)
        .args(["--set", "levers[5].intensity=1"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("levers[5].intensity") && text.contains("1 input differs"),
        "{text}"
    );
    let o = bin()
        .arg("sweep")
        .arg(&base)
        .args(["--x", "KHM.governance", "--y", "KHM.hedging", "--n", "2"])
        .args(["--set", "constants.camp_binding=11"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_output_never_overwrites_the_input_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.ron");
    std::fs::copy(
        common::root().join("saved_scenarios/baseline_2025.ron"),
        &file,
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["run", "s.ron", "--csv", "s.ron"],
        vec!["run", "s.ron", "--csv", "./s.ron"],
        vec![
            "sweep",
            "s.ron",
            "--x",
            "KHM.governance",
            "--y",
            "KHM.hedging",
            "--n",
            "2",
            "--csv",
            "s.ron",
        ],
    ] {
        let o = bin().current_dir(dir.path()).args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("is an input"));
        assert_eq!(std::fs::read(&file).unwrap(), before, "{args:?}");
    }
}

#[test]
fn an_output_never_replaces_a_file_of_another_kind_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("s.ron");
    let other = dir.path().join("other.ron");
    let table = dir.path().join("table.csv");
    for f in [&input, &other] {
        std::fs::copy(common::root().join("saved_scenarios/baseline_2025.ron"), f).unwrap();
    }
    std::fs::write(&table, "year,state,value\n2025,KHM,0.5\n").unwrap();
    let scenario_before = std::fs::read(&other).unwrap();
    // A table over another scenario (not the input): refused, naming --force.
    let o = bin()
        .current_dir(dir.path())
        .args(["run", "s.ron", "--csv", "other.ron"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("holds a scenario") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&other).unwrap(), scenario_before);
    // A calibrated scenario over a table: refused too.
    let o = bin()
        .current_dir(dir.path())
        .args(["calibrate", "s.ron", "--out", "table.csv", "--backcast"])
        .arg(common::root().join("saved_scenarios/backcast_2015.ron"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a scenario file"));
    assert!(
        std::fs::read_to_string(&table)
            .unwrap()
            .starts_with("year,")
    );
    // With --force the person's choice stands.
    let o = bin()
        .current_dir(dir.path())
        .args(["run", "s.ron", "--csv", "other.ron", "--force"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!std::fs::read_to_string(&other).unwrap().starts_with('('));
    // An earlier table is replaced without fuss: it is what the command writes.
    let o = bin()
        .current_dir(dir.path())
        .args(["run", "s.ron", "--csv", "table.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}
