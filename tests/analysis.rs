//! The analyses of issue 4 on the shipped scenarios and on random ones: Shapley attribution adds up,
//! a scenario compared with itself shows nothing, sweeps over inputs an outcome cannot see are flat,
//! sampled attribution is within its stated error of exact, results do not depend on the number of
//! threads, and the text forms of outcomes and knobs round-trip and explain their mistakes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use asean_futures::analysis::{
    self, AnalysisError, Attribution, AttributionOptions, AttributionPlan, CompareError, FlipEdge,
    Outcome, OutcomeKind, Sweep, SweepAxis, SweepSpec,
};
use asean_futures::engine::{self, BlocIndex};
use asean_futures::io;
use asean_futures::model::Knob;
use asean_futures::model::{
    AseanField, ConstantId, LeverEntry, LeverKind, Scenario, StateField, Targets,
};
use common::random::{GenOptions, random_scenario, random_variant};

fn load(name: &str) -> Scenario {
    io::load_scenario(&common::root().join("saved_scenarios").join(name)).unwrap()
}

fn value_of(s: &Scenario, outcome: &Outcome) -> f64 {
    analysis::evaluate(&engine::run(s).unwrap(), outcome)
}

/// The attribution's parts add up to B − A, and A and B are exactly the runs of A and B.
fn assert_adds_up(a: &Scenario, b: &Scenario, outcome: &Outcome, at: &Attribution, what: &str) {
    let (va, vb) = (value_of(a, outcome), value_of(b, outcome));
    assert!(
        (at.outcome_a - va).abs() < 1e-9,
        "{what}: A {} vs {va}",
        at.outcome_a
    );
    assert!(
        (at.outcome_b - vb).abs() < 1e-9,
        "{what}: B {} vs {vb}",
        at.outcome_b
    );
    let sum: f64 = at.contributions.iter().map(|c| c.value).sum();
    assert!(
        (sum - (vb - va)).abs() < 1e-9,
        "{what}: contributions sum to {sum}, B − A = {}",
        vb - va
    );
    let sorted = at
        .contributions
        .windows(2)
        .all(|w| w[0].value.abs() >= w[1].value.abs());
    assert!(sorted, "{what}: contributions are sorted by size");
}

fn outcomes_for(s: &Scenario) -> Vec<Outcome> {
    [
        "KHM.share.CN@2035",
        "KHM.share.Aut@2045",
        "KHM.tilt@2040",
        "VNM.dependency.US@2040",
        "THA.hedging@2035",
        "IDN.defa@2045",
        "bloc.bifurcation@2040",
        "bloc.tech_split@2045",
        "bloc.defa_integration@2035",
        "bloc.cohesion@2030",
        "bloc.autonomy@2045",
    ]
    .iter()
    .map(|t| Outcome::parse(s, t).unwrap())
    .collect()
}

#[test]
fn shapley_values_add_up_for_the_shipped_stories() {
    let files = common::ron_files(&common::root().join("saved_scenarios"));
    let scenarios: Vec<(String, Scenario)> = files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name.clone(), load(&name))
        })
        // A backcast covers other years with other inputs: it is calibrated against, not compared.
        .filter(|(_, s)| s.calibration.is_none())
        .collect();
    let baseline = load("baseline_2025.ron");
    assert!(scenarios.len() >= 5);
    for (name, story) in &scenarios {
        for outcome in outcomes_for(&baseline) {
            let at = analysis::attribute(&baseline, story, &outcome).unwrap();
            assert!(at.exact);
            assert_adds_up(&baseline, story, &outcome, &at, name);
            // The workshop story starts from the baseline's inputs; its steps are not inputs of a run.
            if !analysis::input_diff(&baseline, story).is_empty() {
                assert!(
                    !at.contributions.is_empty(),
                    "{name} differs from the baseline"
                );
            }
        }
    }
    // Story against story: more groups (levers of two powers and ASEAN policy).
    let (a, b) = (load("two_stack_bifurcation.ron"), load("strong_defa.ron"));
    for outcome in outcomes_for(&a) {
        let at = analysis::attribute(&a, &b, &outcome).unwrap();
        assert_adds_up(&a, &b, &outcome, &at, "two stack vs strong DEFA");
        assert_eq!(at.contributions.len(), 3, "{:?}", at.contributions);
    }
}

/// One outcome of each kind for a random scenario, read mid-run.
fn random_outcome(s: &Scenario, pick: u64) -> Outcome {
    let year = 0.5 * (s.time.start_year + s.time.end_year);
    let i = (pick as usize / 7) % s.states.len();
    let p = s.powers.len();
    let kind = match pick % 7 {
        0 => OutcomeKind::Share {
            state: i,
            pole: pick as usize % (p + 1),
        },
        1 if p >= 2 => OutcomeKind::Tilt { state: i },
        2 => OutcomeKind::Dependency {
            state: i,
            power: pick as usize % p,
        },
        3 => OutcomeKind::Hedging { state: i },
        4 => OutcomeKind::Defa { state: i },
        5 => OutcomeKind::Bloc(BlocIndex::Bifurcation),
        _ => OutcomeKind::Bloc(BlocIndex::ALL[pick as usize % 5]),
    };
    Outcome::new(kind, year)
}

#[test]
fn shapley_values_add_up_for_random_pairs() {
    // Each pair exactly, and again by sampling (exact only up to one group), so both ways of
    // computing are checked on the same pairs.
    let exact_options = AttributionOptions::default();
    let sampled_options = AttributionOptions {
        max_exact_groups: 1,
        permutations: 16,
        ..AttributionOptions::default()
    };
    let never = AtomicBool::new(false);
    let mut sampled = 0;
    for seed in 0..40u64 {
        let opts = GenOptions {
            max_states: 5,
            ..GenOptions::default()
        };
        let a = random_scenario(seed, opts);
        let b = random_variant(&a, seed);
        assert!(b.errors().is_empty(), "seed {seed}: {:?}", b.errors());
        let outcome = random_outcome(&a, seed.wrapping_mul(2_654_435_761));
        for options in [&exact_options, &sampled_options] {
            let progress = AtomicUsize::new(0);
            let plan = AttributionPlan::new(&a, &b, &outcome, options).unwrap();
            let at = plan.run(&never, &progress).unwrap();
            assert_eq!(progress.load(Ordering::Relaxed), plan.runs());
            assert_eq!(at.contributions.len(), plan.group_labels().len());
            assert_adds_up(&a, &b, &outcome, &at, &format!("seed {seed}"));
            sampled += usize::from(!at.exact);
        }
    }
    assert!(
        sampled > 20,
        "most pairs have two or more groups: {sampled}"
    );
}

#[test]
fn a_scenario_compared_with_itself_shows_nothing() {
    let mut list = vec![load("baseline_2025.ron"), load("two_stack_bifurcation.ron")];
    list.extend((0..10).map(|seed| random_scenario(seed, GenOptions::default())));
    for s in &list {
        assert!(analysis::input_diff(s, s).is_empty(), "{}", s.name);
        // Labels and notes are not inputs: renaming and re-describing changes nothing.
        let mut relabelled = s.clone();
        relabelled.name = "another name".into();
        relabelled.description = "another story".into();
        for st in &mut relabelled.states {
            st.name.push_str(" (renamed)");
            st.basis.clear();
        }
        for l in &mut relabelled.levers {
            l.note = "changed note".into();
        }
        assert!(
            analysis::input_diff(s, &relabelled).is_empty(),
            "{}",
            s.name
        );
        let outcome = Outcome::new(OutcomeKind::Bloc(BlocIndex::Cohesion), s.time.end_year);
        let at = analysis::attribute(s, &relabelled, &outcome).unwrap();
        assert_eq!(at.total, 0.0);
        assert!(at.contributions.is_empty());
        assert!(at.sentence("Cohesion").contains("is the same in A and B"));
    }
}

#[test]
fn the_input_diff_names_every_changed_input_and_its_group() {
    let a = load("baseline_2025.ron");
    let mut b = a.clone();
    b.states[1].governance = 0.5;
    b.states[1].alignment = vec![0.2, 0.45, 0.05, 0.3];
    b.levers[3].intensity = 0.9;
    b.levers.remove(8);
    b.levers.push(LeverEntry {
        power: "CN".into(),
        kind: LeverKind::CloudInvestment,
        intensity: 0.4,
        targets: Targets::States(vec!["VNM".into()]),
        start_year: 2027.0,
        end_year: 2040.0,
        note: String::new(),
    });
    b.powers[2].capability = 0.5;
    b.asean.hard_law = 0.8;
    b.constants.decay[1] = 0.3;
    b.ensemble.seed = 7;
    let diff = analysis::input_diff(&a, &b);
    let find = |path: &str| {
        diff.iter()
            .find(|d| d.path == path)
            .unwrap_or_else(|| panic!("{path} missing from {diff:#?}"))
    };
    let d = find("states[1] (KHM).governance");
    assert_eq!(
        (d.a.as_str(), d.b.as_str(), d.group.as_str()),
        ("0.2", "0.5", "Cambodia profile")
    );
    assert_eq!(find("states[1] (KHM).alignment[0] (US)").b, "0.2");
    assert_eq!(find("levers[3].intensity").group, "China levers");
    assert_eq!(find("levers[8]").b, "(absent)");
    assert_eq!(find("levers[8]").group, "European Union levers");
    let added = find("levers[9]");
    assert_eq!(added.a, "(absent)");
    assert_eq!(added.b, "intensity 0.4");
    assert!(
        added
            .what
            .starts_with("China's cloud investment in Viet Nam ("),
        "{}",
        added.what
    );
    assert_eq!(d.what, "Cambodia's governance");
    assert_eq!(
        find("powers[2] (EU).capability").group,
        "European Union settings"
    );
    assert_eq!(find("asean.hard_law").group, "ASEAN / DEFA policy");
    assert_eq!(find("constants.decay[1]").group, "Constants");
    assert_eq!(find("ensemble.seed").group, "Ensemble settings");
    assert_eq!(diff.len(), 10, "{diff:#?}");

    // Attribution splits among the groups that can change a run (not the ensemble settings).
    let outcome = Outcome::parse(&a, "KHM.share.CN@2035").unwrap();
    let plan = AttributionPlan::new(&a, &b, &outcome, &AttributionOptions::default()).unwrap();
    assert_eq!(
        plan.group_labels(),
        vec![
            "Cambodia profile",
            "European Union settings",
            "China levers",
            "European Union levers",
            "ASEAN / DEFA policy",
            "Constants"
        ]
    );
    assert_eq!(plan.runs(), 64);
}

#[test]
fn attribution_refuses_scenarios_with_different_states_or_powers() {
    let a = load("baseline_2025.ron");
    let mut b = a.clone();
    b.states.pop();
    let outcome = Outcome::parse(&a, "bloc.cohesion@2040").unwrap();
    let err = analysis::attribute(&a, &b, &outcome).unwrap_err();
    assert!(
        matches!(
            err,
            AnalysisError::Compare(CompareError::Incompatible { what: "states", .. })
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("same states in the same order"),
        "{err}"
    );
    // The diff still works and names the missing state.
    let diff = analysis::input_diff(&a, &b);
    assert!(
        diff.iter()
            .any(|d| d.path == "states[10] (TLS)" && d.b == "(absent)"),
        "{diff:#?}"
    );

    let mut c = a.clone();
    c.powers.swap(0, 1);
    let err = analysis::attribute(&a, &c, &outcome).unwrap_err();
    assert!(err.to_string().contains("same powers"), "{err}");
}

#[test]
fn a_hybrid_that_breaks_the_step_rule_is_explained() {
    // A monthly with τ = 0.5 is valid, and so is B yearly with τ = 1; A's constants with B's
    // time are not (h = 1 > τ = 0.5), so the difference cannot be split.
    let mut a = load("baseline_2025.ron");
    a.time.steps_per_year = 12;
    a.constants.adjustment_years = 0.5;
    let mut b = a.clone();
    b.time.steps_per_year = 1;
    b.constants.adjustment_years = 1.0;
    assert!(a.errors().is_empty() && b.errors().is_empty());
    let outcome = Outcome::parse(&a, "bloc.cohesion@2040").unwrap();
    let err = analysis::attribute(&a, &b, &outcome).unwrap_err();
    assert!(matches!(err, AnalysisError::Hybrid(_)), "{err:?}");
    assert!(err.to_string().contains("h ≤ τ"), "{err}");
}

/// The baseline with a Chinese infrastructure-finance entry for Cambodia that starts in 2036.
fn with_late_lever() -> (Scenario, usize) {
    let mut s = load("baseline_2025.ron");
    s.levers.push(LeverEntry {
        power: "CN".into(),
        kind: LeverKind::InfrastructureFinance,
        intensity: 0.3,
        targets: Targets::States(vec!["KHM".into()]),
        start_year: 2036.0,
        end_year: 2045.0,
        note: String::new(),
    });
    let e = s.levers.len() - 1;
    (s, e)
}

#[test]
fn a_sweep_over_an_input_the_outcome_cannot_see_is_flat() {
    // A run is causal: the outcome in 2035 cannot depend on a lever whose window opens in 2036.
    let (s, late) = with_late_lever();
    let outcome = Outcome::parse(&s, "KHM.share.CN@2035").unwrap();
    let mut spec = SweepSpec::new(
        Knob::LeverIntensity { entry: late },
        Knob::parse(&s, "KHM.governance").unwrap(),
        outcome,
    );
    spec.nx = 6;
    spec.ny = 5;
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let sw = analysis::sweep(&s, &spec, &never, &progress).unwrap();
    assert_eq!(progress.load(Ordering::Relaxed), 30);
    for iy in 0..sw.ny() {
        let row: Vec<f64> = (0..sw.nx()).map(|ix| sw.value(ix, iy).unwrap()).collect();
        assert!(
            row.iter().all(|v| *v == row[0]),
            "row {iy} is not flat: {row:?}"
        );
    }
    // …while governance (which conditions US and EU reach) does move it, so the test has teeth.
    let column: Vec<f64> = (0..sw.ny()).map(|iy| sw.value(0, iy).unwrap()).collect();
    assert!(column.windows(2).any(|w| w[0] != w[1]), "{column:?}");
    // After the window opens the same lever does move the outcome.
    let later = Outcome::parse(&s, "KHM.share.CN@2044").unwrap();
    spec.outcome = later;
    let sw = analysis::sweep(&s, &spec, &never, &progress).unwrap();
    assert!(sw.value(0, 0).unwrap() < sw.value(5, 0).unwrap());
}

#[test]
fn sweep_axes_cover_the_ranges_and_reject_bad_requests() {
    let s = load("baseline_2025.ron");
    let outcome = Outcome::parse(&s, "bloc.bifurcation@2040").unwrap();
    let x = Knob::parse(&s, "asean.hard_law").unwrap();
    let y = Knob::parse(&s, "constants.decay[cloud]").unwrap();
    let mut spec = SweepSpec::new(x, y, outcome);
    spec.nx = 3;
    spec.ny = 4;
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let sw = analysis::sweep(&s, &spec, &never, &progress).unwrap();
    assert_eq!(sw.x.values, vec![0.0, 0.5, 1.0]);
    assert_eq!(sw.y.values.len(), 4);
    assert!(sw.y.values[0] > 0.0, "decay's range is open at 0");
    assert_eq!(*sw.y.values.last().unwrap(), 5.0);
    assert!(
        sw.leaning.is_empty(),
        "a bloc outcome records no leaning by default"
    );

    let same = SweepSpec::new(x, x, outcome);
    let err = analysis::sweep(&s, &same, &never, &progress).unwrap_err();
    assert!(matches!(err, AnalysisError::Request(_)), "{err:?}");
    let mut bad = SweepSpec::new(x, y, outcome);
    bad.x_range = Some((0.5, 1.5));
    let err = analysis::sweep(&s, &bad, &never, &progress).unwrap_err();
    assert!(
        err.to_string()
            .contains("asean.hard_law = 1.5: must be within 0..=1"),
        "{err}"
    );
    bad.x_range = None;
    bad.nx = 1;
    assert!(analysis::sweep(&s, &bad, &never, &progress).is_err());
}

#[test]
fn flip_edges_follow_the_leaning_boundary() {
    // Leaning 0 left of x = 1.5 and 1 right of it, on a 4 × 3 grid.
    let axis = |values: Vec<f64>| SweepAxis {
        knob: Knob::Asean(AseanField::HardLaw),
        label: String::new(),
        values,
    };
    let sw = Sweep {
        x: axis(vec![0.0, 1.0, 2.0, 3.0]),
        y: axis(vec![0.0, 1.0, 2.0]),
        outcome: Outcome::new(OutcomeKind::Bloc(BlocIndex::Cohesion), 2030.0),
        state: Some(0),
        values: vec![0.0; 12],
        leaning: (0..12).map(|c| usize::from(c % 4 >= 2)).collect(),
    };
    let edges = sw.flip_edges();
    assert_eq!(edges.len(), 3);
    for (iy, e) in edges.iter().enumerate() {
        assert_eq!(
            *e,
            FlipEdge {
                cell: (1, iy),
                neighbour: (2, iy),
                from: 0,
                to: 1
            }
        );
    }
    assert_eq!(edges[0].segment(&sw), Some([(1.5, 0.0), (1.5, 0.5)]));
    assert_eq!(edges[1].segment(&sw), Some([(1.5, 0.5), (1.5, 1.5)]));
    assert_eq!(edges[2].segment(&sw), Some([(1.5, 1.5), (1.5, 2.0)]));
    // A boundary between rows: leaning 2 on the top row.
    let mut top = sw.clone();
    top.leaning[8..].iter_mut().for_each(|o| *o = 2);
    let row_edges: Vec<FlipEdge> = top.flip_edges().into_iter().filter(|e| e.to == 2).collect();
    assert_eq!(row_edges.len(), 4);
    assert_eq!(row_edges[0].segment(&top), Some([(0.0, 1.5), (0.5, 1.5)]));
    // An edge from a bigger grid does not fit this one.
    let stray = FlipEdge {
        cell: (7, 0),
        neighbour: (8, 0),
        from: 0,
        to: 1,
    };
    assert_eq!(stray.segment(&sw), None);
}

#[test]
fn sampled_shapley_is_within_its_stated_error_of_exact() {
    // Eleven state groups: one more than exact attribution takes by default, few enough to check.
    let a = load("baseline_2025.ron");
    let mut b = a.clone();
    for (i, st) in b.states.iter_mut().enumerate() {
        st.governance = (st.governance + 0.3).min(1.0);
        st.hedging = if i % 2 == 0 { 0.9 } else { 0.1 };
    }
    let outcome = Outcome::parse(&a, "bloc.bifurcation@2040").unwrap();
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let sampled = analysis::attribute_with(
        &a,
        &b,
        &outcome,
        &AttributionOptions::default(),
        &never,
        &progress,
    )
    .unwrap();
    let exact_options = AttributionOptions {
        max_exact_groups: 11,
        ..AttributionOptions::default()
    };
    let exact =
        analysis::attribute_with(&a, &b, &outcome, &exact_options, &never, &progress).unwrap();
    assert!(!sampled.exact && exact.exact);
    assert_eq!(sampled.contributions.len(), 11);
    assert_eq!(exact.runs, 2048);
    assert!(sampled.std_error.unwrap() > 0.0);
    assert!(sampled.sentence("X").contains("sampled orders"));
    assert_adds_up(&a, &b, &outcome, &sampled, "sampled");
    assert_adds_up(&a, &b, &outcome, &exact, "exact");
    for c in &sampled.contributions {
        let e = exact
            .contributions
            .iter()
            .find(|x| x.group == c.group)
            .unwrap();
        let se = c.std_error.unwrap();
        // Three standard errors: a fixed seed makes this deterministic, not a coin toss.
        assert!(
            (c.value - e.value).abs() <= 3.0 * se + 1e-12,
            "{}: sampled {} ± {se}, exact {}",
            c.group,
            c.value,
            e.value
        );
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let (s, _) = with_late_lever();
    let b = load("two_stack_bifurcation.ron");
    let outcome = Outcome::parse(&s, "KHM.tilt@2040").unwrap();
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let mut spec = SweepSpec::new(
        Knob::LeverIntensity { entry: 0 },
        Knob::parse(&s, "KHM.hedging").unwrap(),
        outcome,
    );
    spec.nx = 7;
    spec.ny = 6;
    let knobs: Vec<analysis::Swung> = analysis::sensitivity_swings(&s, true)
        .into_iter()
        .rev()
        .take(30)
        .collect();
    let work = || {
        (
            analysis::attribute(&load("baseline_2025.ron"), &b, &outcome).unwrap(),
            analysis::sweep(&s, &spec, &never, &progress).unwrap(),
            analysis::tornado(&s, &outcome, &knobs, &never, &progress).unwrap(),
        )
    };
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(work);
    let three = pool(3).install(work);
    assert!(one == three);
}

#[test]
fn cancelled_analyses_stop_with_cancelled() {
    let s = load("baseline_2025.ron");
    let b = load("strong_defa.ron");
    let outcome = Outcome::parse(&s, "bloc.cohesion@2040").unwrap();
    let cancel = AtomicBool::new(true);
    let progress = AtomicUsize::new(0);
    let spec = SweepSpec::new(
        Knob::parse(&s, "asean.hard_law").unwrap(),
        Knob::parse(&s, "asean.monitoring").unwrap(),
        outcome,
    );
    let err = analysis::sweep(&s, &spec, &cancel, &progress).unwrap_err();
    assert_eq!(err, AnalysisError::Cancelled);
    let err = analysis::attribute_with(
        &s,
        &b,
        &outcome,
        &AttributionOptions::default(),
        &cancel,
        &progress,
    )
    .unwrap_err();
    assert_eq!(err, AnalysisError::Cancelled);
    let err = analysis::tornado(
        &s,
        &outcome,
        &analysis::sensitivity_swings(&s, false),
        &cancel,
        &progress,
    )
    .unwrap_err();
    assert_eq!(err, AnalysisError::Cancelled);
    assert_eq!(progress.load(Ordering::Relaxed), 0);
}

#[test]
fn the_tornado_ranks_swings_and_sees_nothing_of_a_late_lever() {
    let (s, late) = with_late_lever();
    let outcome = Outcome::parse(&s, "KHM.share.CN@2035").unwrap();
    let t = analysis::tornado_all(&s, &outcome).unwrap();
    let knobs = Knob::all_sensitivity_knobs(&s);
    assert_eq!(t.bars.len(), knobs.len());
    assert_eq!(knobs.len(), s.levers.len() + 11 * s.states.len());
    assert_eq!(t.base, value_of(&s, &outcome));
    assert!(t.bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    assert!(t.bars[0].swing() > 0.0);
    let bar = t
        .bars
        .iter()
        .find(|b| b.swung == analysis::Swung::Input(Knob::LeverIntensity { entry: late }))
        .unwrap();
    assert_eq!((bar.low, bar.high), (0.0, 1.0));
    assert_eq!(bar.swing(), 0.0);
    // Profile values swing ± 0.2 around their value, within 0 … 1.
    let gov = t
        .bars
        .iter()
        .find(|b| b.swung == analysis::Swung::Input(Knob::parse(&s, "KHM.governance").unwrap()))
        .unwrap();
    assert_eq!((gov.low, gov.high), (0.0, 0.4));
    assert_eq!(gov.label, "Cambodia's governance");
}

#[test]
fn the_tornado_may_swing_the_constants_over_their_plausible_ranges() {
    let s = load("baseline_2025.ron");
    let outcome = Outcome::parse(&s, "KHM.share.CN@2045").unwrap();
    let swings = analysis::sensitivity_swings(&s, true);
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let t = analysis::tornado(&s, &outcome, &swings, &never, &progress).unwrap();
    let constants: Vec<_> = t
        .bars
        .iter()
        .filter(|b| matches!(b.swung, analysis::Swung::Constant(_)))
        .collect();
    assert_eq!(constants.len(), ConstantId::ALL.len());
    assert_eq!(
        t.bars.len(),
        Knob::all_sensitivity_knobs(&s).len() + ConstantId::ALL.len()
    );
    // A scalar constant swings over its plausible values; each end is the run with it set there.
    let lock_in = constants
        .iter()
        .find(|b| b.swung == analysis::Swung::Constant(ConstantId::LockIn))
        .unwrap();
    let (lo, hi) = s.plausible_span(ConstantId::LockIn).bounds();
    assert_eq!((lock_in.low, lock_in.high), (lo, hi));
    let mut at_low = s.clone();
    at_low.constants.lock_in = lo;
    assert_eq!(lock_in.outcome_low, value_of(&at_low, &outcome));
    assert!(lock_in.label.starts_with("Lock-in"), "{}", lock_in.label);
    // A vector constant swings by a factor on all its values.
    let omega = constants
        .iter()
        .find(|b| b.swung == analysis::Swung::Constant(ConstantId::LeverInfluence))
        .unwrap();
    let (flo, _) = s.plausible_span(ConstantId::LeverInfluence).bounds();
    let mut scaled = s.clone();
    for v in scaled.constants.values_mut(ConstantId::LeverInfluence) {
        *v = ConstantId::LeverInfluence.range().clamp(*v * flo);
    }
    assert!((omega.outcome_low - value_of(&scaled, &outcome)).abs() < 1e-12);
}

#[test]
fn outcome_texts_round_trip_and_explain_mistakes() {
    let s = load("baseline_2025.ron");
    let n = s.states.len();
    let mut kinds: Vec<OutcomeKind> = BlocIndex::ALL
        .iter()
        .map(|b| OutcomeKind::Bloc(*b))
        .collect();
    for state in 0..n {
        kinds.extend((0..4).map(|pole| OutcomeKind::Share { state, pole }));
        kinds.extend((0..3).map(|power| OutcomeKind::Dependency { state, power }));
        kinds.push(OutcomeKind::Tilt { state });
        kinds.push(OutcomeKind::Hedging { state });
        kinds.push(OutcomeKind::Defa { state });
    }
    for kind in kinds {
        for year in [2025.0, 2032.5, 2045.0] {
            let o = Outcome::new(kind, year);
            let text = o.spec(&s);
            assert_eq!(Outcome::parse(&s, &text).unwrap(), o, "{text}");
        }
    }
    let o = Outcome::parse(&s, "KHM.share.CN").unwrap();
    assert_eq!(o.year, 2045.0, "the end year is the default");
    assert_eq!(o.label(&s), "Cambodia's China share in 2045");
    for (text, says) in [
        ("XYZ.share.CN@2035", "no state \"XYZ\" (known: BRN, KHM"),
        (
            "KHM.share.JP@2035",
            "no pole \"JP\" (known: US, CN, EU, Aut)",
        ),
        ("KHM.share@2035", "write KHM.share.POLE"),
        ("KHM.dependency.Aut@2035", "no power \"Aut\""),
        (
            "KHM.tilt@2060",
            "the year 2060 is outside the run (2025–2045)",
        ),
        ("KHM.tilt@soon", "the year \"soon\" is not a finite number"),
        ("KHM.power@2035", "after the state code write share.POLE"),
        (
            "bloc.split@2040",
            "no bloc index \"split\" (known: cohesion, bifurcation",
        ),
        ("", "expected STATE.share.POLE"),
    ] {
        let err = Outcome::parse(&s, text).unwrap_err().to_string();
        assert!(err.contains(says), "{text:?} gave {err:?}");
        assert!(err.starts_with(&format!("cannot read {text:?}")), "{err}");
    }
}

#[test]
fn knob_texts_round_trip_and_explain_mistakes() {
    let s = load("baseline_2025.ron");
    let mut knobs = Knob::all_sensitivity_knobs(&s);
    knobs.extend((0..s.states.len()).map(|state| Knob::State {
        state,
        field: StateField::GdpUsdBn,
    }));
    knobs.extend(AseanField::ALL.map(Knob::Asean));
    for power in 0..s.powers.len() {
        knobs.push(Knob::Capability { power });
        knobs.push(Knob::Conditionality { power });
    }
    for &id in ConstantId::ALL {
        knobs.extend((0..id.shape().len()).map(|index| Knob::Constant { id, index }));
    }
    for k in &knobs {
        let text = k.spec(&s);
        assert_eq!(Knob::parse(&s, &text).unwrap(), *k, "{text}");
        // Every knob can be read, and set to both ends of its sweep range.
        let mut t = s.clone();
        let (lo, hi) = k.sweep_bounds(&s);
        k.set(&mut t, lo).unwrap();
        k.set(&mut t, hi).unwrap();
        assert_eq!(k.get(&t).unwrap(), hi);
        assert!(t.errors().is_empty(), "{text}: {:?}", t.errors());
    }
    let parse = |t: &str| Knob::parse(&s, t).unwrap();
    assert_eq!(parse("states[1] (KHM).governance"), parse("KHM.governance"));
    assert_eq!(parse("constants.decay[cloud]"), parse("constants.decay[1]"));
    assert_eq!(
        parse("constants.lever_sector[infrastructure_finance][hardware]"),
        Knob::Constant {
            id: ConstantId::LeverSector,
            index: 0
        }
    );
    assert_eq!(parse("CN.capability"), Knob::Capability { power: 1 });
    // Lever entries are numbered as on the leverage board, from #1.
    assert!(
        parse("levers[3].intensity").label(&s).ends_with("lever #4"),
        "{}",
        parse("levers[3].intensity").label(&s)
    );
    for (text, says) in [
        ("XYZ.governance", "no state or power \"XYZ\""),
        (
            "KHM.govrnance",
            "no state field \"govrnance\" (known: gdp_usd_bn, size",
        ),
        ("KHM.alignment", "alignment is a list of shares"),
        ("US.sector_pull", "capability and conditionality"),
        ("levers[99].intensity", "levers[99]: the scenario has 10"),
        (
            "levers[2].start_year",
            "only a lever entry's intensity is a knob",
        ),
        ("asean.hardlaw", "no ASEAN field \"hardlaw\""),
        ("constants.decay", "takes one index"),
        ("constants.lock_in[2]", "is a single number"),
        ("constants.lockin", "no constant \"lockin\""),
        ("constants.decay[7]", "takes one index"),
        ("governance", "expected STATE.FIELD"),
    ] {
        let err = Knob::parse(&s, text).unwrap_err().to_string();
        assert!(err.contains(says), "{text:?} gave {err:?}");
    }
    // Values outside the valid range are refused; adjustment_years stays at least one step long.
    let mut t = s.clone();
    let err = parse("KHM.governance").set(&mut t, 1.2).unwrap_err();
    assert_eq!(
        err.to_string(),
        "KHM.governance = 1.2: must be within 0..=1"
    );
    // Camp binding (MODEL.md v1.1) is a knob like every constant, within 0..=10.
    let nu = parse("constants.camp_binding");
    assert_eq!((nu.range(&t).min, nu.range(&t).max), (0.0, 10.0));
    nu.set(&mut t, 0.0).unwrap();
    assert_eq!(t.constants.camp_binding, 0.0);
    assert!(nu.set(&mut t, 10.5).is_err());
    t.time.steps_per_year = 4;
    assert_eq!(parse("constants.adjustment_years").range(&t).min, 0.25);
    assert!(
        parse("constants.adjustment_years")
            .set(&mut t, 0.2)
            .is_err()
    );
}
