//! A full calibration — rest-point sector pulls and anchors plus the Nelder–Mead fit of the free
//! constants against the shipped 2015 backcast — started from the default constants, as a new user's
//! `asean-futures calibrate saved_scenarios/backcast_2015.ron` would. Target on 2 cores: ≤ 10 s.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // benches fail by panicking

use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use asean_futures::calibration;
use asean_futures::io;
use asean_futures::model::Constants;
use criterion::{Criterion, criterion_group, criterion_main};

fn full_calibration(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_scenarios");
    let mut present = io::load_scenario(&dir.join("baseline_2025.ron")).unwrap();
    let backcast = io::load_scenario(&dir.join("backcast_2015.ron")).unwrap();
    present.constants = Constants::default();
    for state in &mut present.states {
        state.anchor = None;
    }
    let never = AtomicBool::new(false);
    let mut group = c.benchmark_group("calibration");
    group.sample_size(10);
    group.bench_function("full_from_defaults", |b| {
        b.iter(|| {
            calibration::calibrate(black_box(&present), &backcast, &AtomicUsize::new(0), &never)
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, full_calibration);
criterion_main!(benches);
