//! The engine's fast path against its stage-by-stage reference (`engine::reference`, MODEL.md
//! written out): every output of every time point agrees on the shipped scenarios and on random
//! valid ones.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::engine::{self, BlocIndex, Run};
use asean_futures::model::Scenario;
use common::random::{GenOptions, random_scenario};
use proptest::prelude::*;

/// The largest difference between two runs of the same scenario, over every output.
fn largest_difference(a: &Run, b: &Run) -> f64 {
    assert_eq!(a.times, b.times);
    let mut worst = 0.0f64;
    let mut see = |x: f64, y: f64| worst = worst.max((x - y).abs());
    for t in 0..a.len() {
        for i in 0..a.n_states {
            for (x, y) in a.alignment(t, i).iter().zip(b.alignment(t, i)) {
                see(*x, *y);
            }
            for p in 0..a.n_powers {
                for (x, y) in a.dependency(t, i, p).iter().zip(b.dependency(t, i, p)) {
                    see(*x, *y);
                }
            }
            see(a.infrastructure(t, i), b.infrastructure(t, i));
            see(a.talent(t, i), b.talent(t, i));
            see(a.defa(t, i), b.defa(t, i));
            see(a.hedging(t, i), b.hedging(t, i));
        }
        for index in BlocIndex::ALL {
            see(a.bloc(t, index), b.bloc(t, index));
        }
    }
    worst
}

fn both(s: &Scenario) -> f64 {
    let fast = engine::run(s).unwrap();
    let reference = engine::reference::run(s).unwrap();
    largest_difference(&fast, &reference)
}

#[test]
fn the_fast_path_matches_the_reference_on_every_shipped_scenario() {
    let files = common::ron_files(&common::root().join("saved_scenarios"));
    assert!(files.len() >= 7);
    for path in files {
        let mut s = asean_futures::io::load_scenario(&path).unwrap();
        let yearly = both(&s);
        assert!(yearly < 1e-12, "{}: {yearly:e}", path.display());
        s.time.steps_per_year = 12;
        let monthly = both(&s);
        assert!(monthly < 1e-12, "{} monthly: {monthly:e}", path.display());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn the_fast_path_matches_the_reference_on_random_scenarios(seed in any::<u64>()) {
        let s = random_scenario(seed, GenOptions::default());
        let worst = both(&s);
        prop_assert!(worst < 1e-11, "seed {seed}: {worst:e}");
    }
}
