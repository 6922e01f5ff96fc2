//! Robustness over the constants: every constant has a plausible range inside its valid range,
//! a scenario may set its own, the Sobol analysis gives the same answer whatever the threads, a
//! constant pinned to one value explains nothing, and the command line prints the statement.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize};

use asean_futures::analysis::{self, Outcome, RobustnessOptions};
use asean_futures::io;
use asean_futures::model::{ConstantId, PlausibleOverride};

fn quick() -> RobustnessOptions {
    RobustnessOptions {
        base_samples: 64,
        seed: 11,
    }
}

fn analyse(s: &asean_futures::model::Scenario, spec: &str) -> analysis::Robustness {
    let outcome = Outcome::parse(s, spec).unwrap();
    analysis::robustness(
        s,
        &outcome,
        &quick(),
        &AtomicBool::new(false),
        &AtomicUsize::new(0),
    )
    .unwrap()
}

#[test]
fn the_analysis_covers_every_constant_and_does_not_depend_on_the_threads() {
    let s = common::baseline();
    let r = analyse(&s, "KHM.share.CN@2045");
    assert_eq!(r.indices.len(), ConstantId::ALL.len());
    assert_eq!(r.runs, analysis::robustness_runs(64, ConstantId::ALL.len()));
    assert!(
        r.indices.windows(2).all(|w| w[0].total >= w[1].total),
        "sorted"
    );
    assert!(
        r.indices[0].total > 0.05,
        "something matters: {:?}",
        r.indices[0]
    );
    for c in &r.indices {
        assert!(
            (-0.3..=1.3).contains(&c.first) && (-0.01..=1.5).contains(&c.total),
            "{c:?}"
        );
    }
    assert!(r.p05 <= r.mean && r.mean <= r.p95);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| analyse(&s, "KHM.share.CN@2045"));
    assert_eq!(one, r, "the same on one thread");
    // The leaning statement names the state, its pole, the share and the constant it hangs on.
    let statement = analysis::leaning_statement(&s, &r).unwrap();
    let l = r.leaning.as_ref().unwrap();
    assert_eq!(l.pole, 1, "Cambodia leans to China in the baseline");
    assert!(
        statement.starts_with("Cambodia leans to China in 2045 in "),
        "{statement}"
    );
    assert!(
        statement.contains(&format!("{:.0} %", l.share * 100.0)),
        "{statement}"
    );
}

#[test]
fn constants_pinned_to_one_value_explain_nothing() {
    let mut s = common::baseline();
    // Every constant pinned to its own value: no variance, every index 0, the leaning certain.
    for &id in ConstantId::ALL {
        let (low, high) = if asean_futures::model::varied_by_factor(id) {
            (1.0, 1.0)
        } else {
            let v = s.constants.values(id)[0];
            (v, v)
        };
        s.constants_plausible.insert(
            id.key().into(),
            PlausibleOverride {
                low,
                high,
                basis: "pinned for the test".into(),
            },
        );
    }
    assert!(s.errors().is_empty(), "{:?}", s.errors());
    let base = asean_futures::engine::run(&s).unwrap();
    let r = analyse(&s, "KHM.share.CN@2045");
    assert!(r.variance < 1e-20, "{}", r.variance);
    assert!(r.indices.iter().all(|c| c.first == 0.0 && c.total == 0.0));
    let t = base.index_of_year(2045.0);
    assert!((r.value - base.alignment(t, 1)[1]).abs() < 1e-12);
    let l = r.leaning.unwrap();
    assert_eq!(l.share, 1.0);
    assert_eq!(l.depends_most_on, None);
    // Freeing one constant again: all the variance is its own.
    s.constants_plausible.remove("lock_in");
    let r = analyse(&s, "KHM.share.CN@2045");
    assert_eq!(r.indices[0].id, ConstantId::LockIn);
    assert!(r.indices[0].total > 0.9, "{:?}", r.indices[0]);
    assert!(r.indices[1..].iter().all(|c| c.total == 0.0));
}

#[test]
fn a_scenarios_own_plausible_ranges_are_validated_with_their_line() {
    let text =
        std::fs::read_to_string(common::root().join("saved_scenarios/baseline_2025.ron")).unwrap();
    let with = |entry: &str| {
        text.replacen(
            "    constants_basis: {",
            &format!("    constants_plausible: {{{entry}}},\n    constants_basis: {{"),
            1,
        )
    };
    assert!(io::parse_scenario(&with(r#""lock_in": (low: 0.5, high: 2.0, basis: "x")"#)).is_ok());
    for (entry, says) in [
        (r#""lockin": (low: 0.5, high: 2.0)"#, "not a model constant"),
        (r#""lock_in": (low: 2.0, high: 0.5)"#, "low at most high"),
        (r#""lock_in": (low: 0.5, high: 20.0)"#, "valid range"),
        (r#""decay": (low: 0.0, high: 2.0)"#, "factor"),
    ] {
        let err = io::parse_scenario(&with(entry)).unwrap_err().to_string();
        assert!(
            err.contains("constants_plausible") && err.contains(says),
            "{entry}: {err}"
        );
        assert!(err.contains("line "), "{entry}: {err}");
    }
}

#[test]
fn the_command_line_prints_the_indices_and_the_statement() {
    let out = common::bin()
        .args([
            "robustness",
            "--outcome",
            "KHM.share.CN@2045",
            "--samples",
            "64",
        ])
        .arg(common::root().join("saved_scenarios/baseline_2025.ron"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Cambodia leans to China in 2045 in "),
        "{text}"
    );
    assert!(text.contains("Lock-in (lock_in)"), "{text}");
    assert!(
        text.contains(&format!("{} runs", 64 * (ConstantId::ALL.len() + 2))),
        "{text}"
    );
    let out = common::bin()
        .args([
            "robustness",
            "--outcome",
            "KHM.share.CN@2045",
            "--samples",
            "100",
        ])
        .arg(common::root().join("saved_scenarios/baseline_2025.ron"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "not a power of two is a usage error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("power of two"));
}

#[test]
fn the_briefing_states_how_robust_the_outcome_is_and_where_the_numbers_come_from() {
    let s = common::baseline();
    let r = analyse(&s, "KHM.share.CN@2045");
    let statement = analysis::leaning_statement(&s, &r).unwrap();
    let grades = asean_futures::model::GradeCounts::of(&s);
    let md = io::briefing_markdown(&io::Briefing {
        title: &s.name,
        description: &s.description,
        file: None,
        date: "2026-12-02",
        comparison: None,
        year: 2045.0,
        outcomes: &[],
        ensemble_members: None,
        attribution: None,
        figures: &[],
        claims: &[],
        robustness: Some(io::BriefingRobustness {
            outcome_label: "Cambodia's China share in 2045",
            robustness: &r,
            statement: Some(&statement),
        }),
        grades,
    });
    assert!(
        md.contains("## How robust: Cambodia's China share in 2045"),
        "{md}"
    );
    assert!(md.contains(&statement), "{md}");
    // The table names the constant the outcome depends on most, with its total index.
    let top = &r.indices[0];
    assert!(
        md.contains(&format!(
            "| {} ({}) | {} | {:.2} |",
            top.id.label(),
            top.id.symbol(),
            top.span.label(),
            top.total
        )),
        "{md}"
    );
    assert!(md.contains("## Where the numbers come from"), "{md}");
    assert!(md.contains(&grades.summary()), "{md}");
}
