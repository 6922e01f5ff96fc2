//! The engine reproduces every MODEL.md conformance case within the case's tolerance: the copies in
//! `tests/conformance/`, the steering folder `../shared/conformance/` when present, and every case in
//! `$MODEL_CONFORMANCE_DIR` when that variable is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use asean_futures::engine::{self, BlocIndex};
use common::case::Case;

fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read conformance folder {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Largest absolute difference over every checkpoint of a case, and the first mismatches.
type Engine = fn(&asean_futures::model::Scenario) -> Result<engine::Run, engine::SimError>;

/// The two paths of the engine: the fast one the app uses and the stage-by-stage reference.
const PATHS: [(&str, Engine); 2] = [("fast", engine::run), ("reference", engine::reference::run)];

fn check_case(case: &Case) -> (usize, f64, Vec<String>) {
    check_case_with(case, engine::run)
}

fn check_case_with(case: &Case, run_engine: Engine) -> (usize, f64, Vec<String>) {
    let scenario = case.scenario();
    let problems = scenario.errors();
    assert!(
        problems.is_empty(),
        "case {:?} does not validate: {problems:?}",
        case.name
    );
    let run = run_engine(&scenario).unwrap_or_else(|e| panic!("case {:?}: {e}", case.name));
    let tol = case.expected.tolerance;
    let mut max_err = 0.0f64;
    let mut failures = Vec::new();
    let spy = f64::from(scenario.time.steps_per_year);
    for cp in &case.expected.checkpoints {
        let t = ((cp.year - scenario.time.start_year) * spy).round() as usize;
        assert!(
            t < run.len(),
            "case {:?}: checkpoint {} is beyond the run",
            case.name,
            cp.year
        );
        let mut compare = |what: String, got: f64, want: f64| {
            let err = (got - want).abs();
            if !err.is_finite() || err > tol {
                if failures.len() < 12 {
                    failures.push(format!(
                        "{} @{}: {what} = {got}, expected {want} (error {err:e})",
                        case.name, cp.year
                    ));
                }
                max_err = f64::INFINITY.min(if err.is_finite() {
                    max_err.max(err)
                } else {
                    f64::INFINITY
                });
            } else {
                max_err = max_err.max(err);
            }
        };
        for (i, row) in cp.alignment.iter().enumerate() {
            for (o, want) in row.iter().enumerate() {
                compare(
                    format!("alignment[{i}][{o}]"),
                    run.alignment(t, i)[o],
                    *want,
                );
            }
        }
        for (i, rows) in cp.dependency.iter().enumerate() {
            for (p, row) in rows.iter().enumerate() {
                for (s, want) in row.iter().enumerate() {
                    compare(
                        format!("dependency[{i}][{p}][{s}]"),
                        run.dependency(t, i, p)[s],
                        *want,
                    );
                }
            }
        }
        for i in 0..scenario.states.len() {
            compare(
                format!("infrastructure[{i}]"),
                run.infrastructure(t, i),
                cp.infrastructure[i],
            );
            compare(format!("talent[{i}]"), run.talent(t, i), cp.talent[i]);
            compare(format!("defa[{i}]"), run.defa(t, i), cp.defa[i]);
            compare(format!("hedging[{i}]"), run.hedging(t, i), cp.hedging[i]);
        }
        compare(
            "cohesion".into(),
            run.bloc(t, BlocIndex::Cohesion),
            cp.cohesion,
        );
        compare(
            "bifurcation".into(),
            run.bloc(t, BlocIndex::Bifurcation),
            cp.bifurcation,
        );
        compare(
            "tech_split".into(),
            run.bloc(t, BlocIndex::TechSplit),
            cp.tech_split,
        );
        compare(
            "autonomy".into(),
            run.bloc(t, BlocIndex::Autonomy),
            cp.autonomy,
        );
        compare(
            "defa_integration".into(),
            run.bloc(t, BlocIndex::DefaIntegration),
            cp.defa_integration,
        );
    }
    (case.expected.checkpoints.len(), max_err, failures)
}

#[test]
fn engine_matches_every_conformance_case() {
    let mut dirs = vec![common::root().join("tests/conformance")];
    let shared = common::root().join("../shared/conformance");
    if shared.is_dir() {
        dirs.push(shared);
    }
    if let Some(extra) = std::env::var_os("MODEL_CONFORMANCE_DIR") {
        let extra = PathBuf::from(extra);
        assert!(
            extra.is_dir(),
            "MODEL_CONFORMANCE_DIR={} is not a folder",
            extra.display()
        );
        let found = case_files(&extra);
        assert!(
            !found.is_empty(),
            "MODEL_CONFORMANCE_DIR={} holds no *.json case",
            extra.display()
        );
        dirs.push(extra);
    }

    // The same case may sit in several folders; run each distinct file content once.
    let mut seen = HashSet::new();
    let (mut cases, mut checkpoints, mut max_err) = (0usize, 0usize, 0.0f64);
    let mut failures = Vec::new();
    for dir in &dirs {
        for path in case_files(dir) {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if !seen.insert(bytes) {
                continue;
            }
            let case = Case::load(&path).unwrap_or_else(|e| panic!("{e}"));
            for (name, path) in PATHS {
                let (n, err, fails) = check_case_with(&case, path);
                if name == "fast" {
                    cases += 1;
                    checkpoints += n;
                }
                max_err = max_err.max(err);
                failures.extend(fails.into_iter().map(|f| format!("{name} path: {f}")));
            }
        }
    }
    println!(
        "conformance: {cases} cases, {checkpoints} checkpoints, max error {max_err:e} (fast and reference paths)"
    );
    assert!(
        cases >= 7,
        "expected at least the seven shipped cases, found {cases}"
    );
    assert!(
        failures.is_empty(),
        "conformance failures:\n{}",
        failures.join("\n")
    );
}

/// MODEL.md v1.1: "ν = 0 reproduces v1 exactly". A v1 case (stored before the cases were
/// regenerated) has no `camp_binding`; with ν = 0 it still matches, and with the default ν it does
/// not, since its export controls bind in a camp.
#[test]
fn camp_binding_zero_reproduces_model_v1() {
    let path = common::root().join("tests/data/v1_01_two_states_yearly.json");
    let mut case = Case::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        case.constants.camp_binding, 5.0,
        "a v1 case takes the v1.1 default"
    );
    let (_, _, failures) = check_case(&case);
    assert!(
        !failures.is_empty(),
        "the stored v1 case must exercise camp binding"
    );
    case.constants.camp_binding = 0.0;
    let (n, max_err, failures) = check_case(&case);
    assert!(n > 0 && failures.is_empty(), "{failures:?}");
    assert!(max_err < 1e-12, "{max_err:e}");
}
