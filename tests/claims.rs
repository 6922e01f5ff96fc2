//! Claims as data: every shipped scenario states what to look for as claims, each of which the
//! engine bears out with room to spare; prose carries no numbers of its own; a claim that stops
//! holding fails `check --claims` and this suite; bad claims are refused with their field and line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::analysis::{Verdict, check_claims};
use asean_futures::io;
use asean_futures::model::{Claim, ComparedTo, Expect, Scenario};

/// How far inside its expectation every shipped claim must be: a claim the model only just shows
/// is one a change of constants can overturn.
const MARGIN: f64 = 0.02;

fn shipped() -> Vec<(String, Scenario)> {
    common::ron_files(&common::root().join("saved_scenarios"))
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, io::load_scenario(&p).unwrap())
        })
        .collect()
}

fn checks_of(s: &Scenario) -> Vec<asean_futures::analysis::ClaimCheck> {
    let dir = common::root().join("saved_scenarios");
    check_claims(s, &io::claim_references(s, Some(&dir)))
}

#[test]
fn every_shipped_claim_holds_with_a_margin() {
    let mut failures = Vec::new();
    for (name, s) in shipped() {
        assert!(!s.claims.is_empty(), "{name} states no claims");
        for c in checks_of(&s) {
            if c.verdict != Verdict::Holds || c.margin < MARGIN {
                failures.push(format!(
                    "{name}: “{}” — {} (margin {:.3})",
                    c.text,
                    c.result_text(),
                    c.margin
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A number such as 0.05 or +0.1 written into prose is a claim nobody checks: numbers about results
/// belong in claims. Years and counts are allowed.
fn result_numbers(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, w) in chars.windows(3).enumerate() {
        let before = if i == 0 { ' ' } else { chars[i - 1] };
        if w[0] == '0' && w[1] == '.' && w[2].is_ascii_digit() && !before.is_ascii_digit() {
            found.push(
                chars[i.saturating_sub(12)..(i + 8).min(chars.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    found
}

#[test]
fn shipped_descriptions_and_narratives_leave_numbers_to_claims() {
    assert_eq!(result_numbers("rises by 0.05 in 2035").len(), 1);
    assert_eq!(result_numbers("a tilt of -0.4 or +.3").len(), 1);
    assert!(result_numbers("in 2035, 11 states, version 1.1").is_empty());
    for (name, s) in shipped() {
        let mut texts = vec![("description".to_string(), s.description.clone())];
        for (k, step) in s.story.iter().enumerate() {
            texts.push((format!("story step {}", k + 1), step.narrative.clone()));
        }
        for (what, text) in texts {
            let found = result_numbers(&text);
            assert!(found.is_empty(), "{name} {what} states numbers: {found:?}");
        }
    }
}

#[test]
fn a_claim_that_stops_holding_fails_with_its_number() {
    let (_, mut s) = shipped()
        .into_iter()
        .find(|(n, _)| n == "digital_silk_road_surge.ron")
        .unwrap();
    s.claims = vec![Claim {
        text: "Every state's China share is at least 0.5 above the baseline".into(),
        outcome: "*.share.CN@2035".into(),
        compared_to: ComparedTo::File("baseline_2025.ron".into()),
        expect: Expect::AtLeast(0.5),
        step: None,
        with: Vec::new(),
    }];
    let checks = checks_of(&s);
    let c = &checks[0];
    assert_eq!(c.verdict, Verdict::Fails);
    // The number shown is the smallest gain, and the state it belongs to is named.
    let base = common::baseline();
    let (run, base_run) = (
        asean_futures::engine::run(&s).unwrap(),
        asean_futures::engine::run(&base).unwrap(),
    );
    let t = run.index_of_year(2035.0);
    let (gain, state) = (0..s.states.len())
        .map(|i| (run.alignment(t, i)[1] - base_run.alignment(t, i)[1], i))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap();
    assert!(
        (c.measured - gain).abs() < 1e-12,
        "{} vs {gain}",
        c.measured
    );
    assert_eq!(
        c.nearest_state.as_deref(),
        Some(s.states[state].name.as_str())
    );
    assert!((c.margin - (gain - 0.5)).abs() < 1e-12);
    assert!(
        c.result_text().contains("expected ≥ +0.500"),
        "{}",
        c.result_text()
    );
}

#[test]
fn claims_compare_with_a_story_step_a_year_or_the_claims_own_changes() {
    let mut s = common::baseline();
    let run = asean_futures::engine::run(&s).unwrap();
    let khm = s.state_index("KHM").unwrap();
    let t = run.index_of_year(2045.0);
    let change = run.tilt(t, khm) - run.tilt(0, khm);
    let claim = |compared_to, with| Claim {
        text: "x".into(),
        outcome: "KHM.tilt@2045".into(),
        compared_to,
        expect: Expect::Positive,
        step: None,
        with,
    };
    let governance = asean_futures::model::Edit::Set {
        input: "KHM.governance".into(),
        value: 0.6,
    };
    s.claims = vec![
        claim(ComparedTo::Year(2025.0), Vec::new()),
        claim(ComparedTo::WithoutChanges, vec![governance.clone()]),
        claim(ComparedTo::Nothing, Vec::new()),
    ];
    let checks = checks_of(&s);
    assert!((checks[0].measured - change).abs() < 1e-12);
    let mut governed = s.clone();
    governance.apply(&mut governed).unwrap();
    let governed_run = asean_futures::engine::run(&governed).unwrap();
    let effect = governed_run.tilt(t, khm) - run.tilt(t, khm);
    assert!((checks[1].measured - effect).abs() < 1e-12);
    assert!(
        checks[1].measures.contains("with"),
        "{}",
        checks[1].measures
    );
    assert!((checks[2].measured - run.tilt(t, khm)).abs() < 1e-12);
    assert_eq!(checks[2].verdict, Verdict::Fails, "Cambodia tilts to China");
}

#[test]
fn a_missing_comparison_file_leaves_the_claim_unmeasured() {
    let mut s = common::baseline();
    s.claims = vec![Claim {
        text: "x".into(),
        outcome: "bloc.cohesion".into(),
        compared_to: ComparedTo::File("no_such_file.ron".into()),
        expect: Expect::Positive,
        step: None,
        with: Vec::new(),
    }];
    let checks = checks_of(&s);
    match &checks[0].verdict {
        Verdict::Unmeasured(why) => assert!(why.contains("no_such_file.ron"), "{why}"),
        v => panic!("{v:?}"),
    }
    // Without a folder, only the compiled-in baseline can be found.
    let refs = io::claim_references(&s, None);
    assert!(refs["no_such_file.ron"].is_err());
    s.claims[0].compared_to = ComparedTo::File("baseline_2025.ron".into());
    assert!(io::claim_references(&s, None)["baseline_2025.ron"].is_ok());
}

fn baseline_with_claims(claims: &str) -> String {
    let text =
        std::fs::read_to_string(common::root().join("saved_scenarios/baseline_2025.ron")).unwrap();
    let start = text.find("    claims: [").unwrap();
    let end = start + text[start..].find("\n    ],\n").unwrap() + "\n    ],\n".len();
    format!(
        "{}    claims: [{claims}],\n{}",
        &text[..start],
        &text[end..]
    )
}

#[test]
fn bad_claims_are_refused_naming_the_field_and_line() {
    let cases = [
        (
            r#"(text: "x", outcome: "KHM.tilt", compared_to: file("../secret.ron"), expect: positive)"#,
            "claims[0].compared_to",
        ),
        (
            r#"(text: "x", outcome: "KHM.tilt", expect: between(0.3, 0.1))"#,
            "claims[0].expect",
        ),
        (
            r#"(text: " ", outcome: "KHM.tilt", expect: positive)"#,
            "claims[0].text",
        ),
        (
            r#"(text: "x", outcome: "KHM.tilt", expect: roughly(0.1))"#,
            "claims[0].expect",
        ),
        (
            r#"(text: "x", outcome: "KHM.tilt", compared_to: without_changes, expect: positive)"#,
            "claims[0].compared_to",
        ),
    ];
    for (claim, field) in cases {
        let err = io::parse_scenario(&baseline_with_claims(claim))
            .unwrap_err()
            .to_string();
        assert!(err.contains(field), "{claim}: {err}");
        assert!(err.contains("line "), "{claim}: names the line: {err}");
    }
}

/// What an edit can cause (a claim naming a state since removed, a year the run no longer covers)
/// must never block that edit or a save: such a claim is listed as a warning, with its line, and
/// shown as not measured.
#[test]
fn claims_that_no_longer_fit_the_scenario_are_warnings_and_unmeasured() {
    let cases = [
        (
            r#"(text: "x", outcome: "KHM.shares.CN@2035", expect: positive)"#,
            "claims[0].outcome",
        ),
        (
            r#"(text: "x", outcome: "XXX.tilt", expect: positive)"#,
            "claims[0].outcome",
        ),
        (
            r#"(text: "x", outcome: "KHM.tilt", compared_to: step(3), expect: positive)"#,
            "claims[0].compared_to",
        ),
        (
            r#"(text: "x", outcome: "KHM.tilt", compared_to: year(2100.0), expect: positive)"#,
            "claims[0].compared_to",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (claim, field) in cases {
        let text = baseline_with_claims(claim);
        let s = io::parse_scenario(&text).unwrap();
        assert!(
            matches!(checks_of(&s)[0].verdict, Verdict::Unmeasured(_)),
            "{claim}"
        );
        let file = dir.path().join("misfit.ron");
        std::fs::write(&file, &text).unwrap();
        let out = common::bin().arg("check").arg(&file).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{report}");
        assert!(
            report.contains(field) && report.contains("(line "),
            "{claim}: {report}"
        );
        let out = common::bin()
            .args(["check", "--claims"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{claim}: an unmeasured claim fails the check"
        );
    }
    // Removing the state a claim names is an edit like any other, and the result still saves.
    let mut s = io::parse_scenario(&baseline_with_claims(
        r#"(text: "x", outcome: "TLS.tilt", expect: positive)"#,
    ))
    .unwrap();
    asean_futures::model::Edit::RemoveState {
        state: "TLS".into(),
    }
    .apply(&mut s)
    .unwrap();
    io::save_scenario(&dir.path().join("removed.ron"), &s).unwrap();
}

#[test]
fn check_claims_on_the_command_line_reports_each_and_fails_on_one_that_does_not_hold() {
    let dir = common::root().join("saved_scenarios");
    let out = common::bin()
        .args(["check", "--claims"])
        .arg(dir.join("two_stack_bifurcation.ron"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let s = io::load_scenario(&dir.join("two_stack_bifurcation.ron")).unwrap();
    assert!(
        text.contains(&format!("claims: {0} of {0} hold", s.claims.len())),
        "{text}"
    );
    for claim in &s.claims {
        assert!(text.contains(&format!("✓ {}", claim.text)), "{text}");
    }

    // The same file with one claim overstated, beside the baseline it compares with.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        dir.join("baseline_2025.ron"),
        tmp.path().join("baseline_2025.ron"),
    )
    .unwrap();
    let mut overstated = s.clone();
    overstated.claims[0].expect = Expect::AtLeast(0.9);
    let file = tmp.path().join("overstated.ron");
    io::save_scenario(&file, &overstated).unwrap();
    let out = common::bin()
        .args(["check", "--claims"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("✗ {}", s.claims[0].text)), "{text}");
    assert!(text.contains("expected ≥ +0.900"), "{text}");
    // Without --claims the file is valid.
    let out = common::bin().arg("check").arg(&file).output().unwrap();
    assert!(out.status.success());
}
