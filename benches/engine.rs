//! Engine benchmarks on the shipped baseline: one run (yearly and monthly) and a 1,000-member ensemble
//! (yearly and monthly) including the bands a fan chart shows (every state's tilt and the five bloc
//! indices). Targets on a 2-core machine: ≤ 30 µs, ≤ 300 µs, ≤ 20 ms and ≤ 200 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

use std::hint::black_box;

use asean_futures::engine::{self, BandSeries, BlocIndex};
use asean_futures::io;
use asean_futures::model::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};

fn baseline(steps_per_year: u32) -> Scenario {
    let mut s = match io::baseline() {
        Ok(s) => s,
        Err(e) => panic!("the shipped baseline must load: {e}"),
    };
    s.time.steps_per_year = steps_per_year;
    s
}

fn runs(c: &mut Criterion) {
    let yearly = baseline(1);
    let monthly = baseline(12);
    c.bench_function("run/yearly", |b| b.iter(|| engine::run(black_box(&yearly))));
    c.bench_function("run/monthly", |b| {
        b.iter(|| engine::run(black_box(&monthly)))
    });
}

fn ensembles(c: &mut Criterion) {
    let mut group = c.benchmark_group("ensemble_1000");
    group.sample_size(20);
    for (name, spy) in [("yearly", 1), ("monthly", 12)] {
        let mut s = baseline(spy);
        s.ensemble.members = 1000;
        group.bench_function(name, |b| {
            b.iter(|| {
                let ens = engine::run_ensemble(black_box(&s)).expect("ensemble");
                let tilts = (0..s.states.len()).map(|i| BandSeries::Tilt { state: i });
                let blocs = BlocIndex::ALL.iter().map(|b| BandSeries::Bloc(*b));
                let series: Vec<BandSeries> = tilts.chain(blocs).collect();
                let bands = ens.band_series_many(&series);
                bands.iter().map(Vec::len).sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, runs, ensembles);
criterion_main!(benches);
