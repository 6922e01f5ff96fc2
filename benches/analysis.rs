//! Analysis benchmarks on the shipped baseline (yearly): a 25 × 25 sweep of two inputs, exact
//! Shapley attribution over 10 groups of changes (1,024 runs), both ≤ 1 s on a 2-core machine; and
//! Sobol robustness over every constant with 1,024 base samples (about 32,000 runs), ≤ 3 s.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benches fail by panicking

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use asean_futures::analysis::{self, AttributionOptions, AttributionPlan, Outcome, SweepSpec};
use asean_futures::io;
use asean_futures::model::Knob;
use asean_futures::model::{LeverEntry, LeverKind, Scenario, Targets};
use criterion::{Criterion, criterion_group, criterion_main};

fn baseline() -> Scenario {
    match io::baseline() {
        Ok(s) => s,
        Err(e) => panic!("the shipped baseline must load: {e}"),
    }
}

fn sweep(c: &mut Criterion) {
    let s = baseline();
    let outcome = Outcome::parse(&s, "KHM.share.CN@2035").unwrap();
    let spec = SweepSpec::new(
        Knob::parse(&s, "KHM.governance").unwrap(),
        Knob::parse(&s, "levers[0].intensity").unwrap(),
        outcome,
    );
    assert_eq!(spec.runs(), 625);
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let mut group = c.benchmark_group("sweep");
    group.sample_size(20);
    group.bench_function("25x25_yearly_baseline", |b| {
        b.iter(|| analysis::sweep(black_box(&s), &spec, &never, &progress).unwrap())
    });
    group.finish();
}

/// The baseline with ten groups changed: six state profiles, China's and the US's levers, ASEAN
/// policy and the constants.
fn ten_groups(a: &Scenario) -> Scenario {
    let mut b = a.clone();
    for st in b.states.iter_mut().take(6) {
        st.governance = (st.governance + 0.2).min(1.0);
    }
    b.levers.push(LeverEntry {
        power: "CN".into(),
        kind: LeverKind::CloudInvestment,
        intensity: 0.5,
        targets: Targets::All,
        start_year: 2026.0,
        end_year: 2045.0,
        note: String::new(),
    });
    b.levers[4].intensity = 1.0;
    b.asean.hard_law = 0.9;
    b.constants.lock_in = 1.5;
    b
}

fn attribution(c: &mut Criterion) {
    let a = baseline();
    let b = ten_groups(&a);
    let outcome = Outcome::parse(&a, "bloc.bifurcation@2040").unwrap();
    let plan = AttributionPlan::new(&a, &b, &outcome, &AttributionOptions::default()).unwrap();
    assert_eq!(plan.group_labels().len(), 10);
    assert!(plan.is_exact());
    let mut group = c.benchmark_group("attribution");
    group.sample_size(20);
    group.bench_function("exact_10_groups", |bench| {
        bench.iter(|| analysis::attribute(black_box(&a), black_box(&b), &outcome).unwrap())
    });
    group.finish();
}

fn robustness(c: &mut Criterion) {
    let s = baseline();
    let outcome = Outcome::parse(&s, "KHM.share.CN@2045").unwrap();
    let options = analysis::RobustnessOptions::default();
    assert_eq!(options.base_samples, 1024);
    let factors = analysis::plausible_factors(&s).len();
    assert!(factors >= 30, "every constant: {factors}");
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let mut group = c.benchmark_group("robustness");
    group.sample_size(10);
    group.bench_function("sobol_all_constants_1024", |b| {
        b.iter(|| {
            analysis::robustness(black_box(&s), &outcome, &options, &never, &progress).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, sweep, attribution, robustness);
criterion_main!(benches);
