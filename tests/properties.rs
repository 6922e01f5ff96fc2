//! The properties MODEL.md asks the engine's own tests to check, on random valid scenarios.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::engine::{self, BandSeries, BlocIndex, Run};
use asean_futures::model::{LeverKind, Scenario, Targets};
use common::random::{GenOptions, random_scenario};
use proptest::prelude::*;

fn check_ranges(s: &Scenario, run: &Run) -> Result<(), TestCaseError> {
    let (n, p) = (s.states.len(), s.powers.len());
    for t in 0..run.len() {
        for i in 0..n {
            let x = run.alignment(t, i);
            let sum: f64 = x.iter().sum();
            prop_assert!(
                (sum - 1.0).abs() < 1e-12,
                "alignment of {i} at {t} sums to {sum}"
            );
            prop_assert!(
                x.iter().all(|v| (-1e-15..=1.0 + 1e-15).contains(v)),
                "alignment out of range: {x:?}"
            );
            for sec in 0..5 {
                let mut used = 0.0;
                for q in 0..p {
                    let d = run.dependency(t, i, q)[sec];
                    prop_assert!(d >= 0.0, "negative dependency {d}");
                    used += d;
                }
                prop_assert!(used <= 1.0 + 1e-12, "dependency sums to {used}");
            }
            for v in [
                run.infrastructure(t, i),
                run.talent(t, i),
                run.defa(t, i),
                run.hedging(t, i),
            ] {
                prop_assert!(
                    (-1e-12..=1.0 + 1e-12).contains(&v),
                    "state output out of range: {v}"
                );
            }
        }
        for b in BlocIndex::ALL {
            let v = run.bloc(t, b);
            prop_assert!((-1e-12..=1.0 + 1e-12).contains(&v), "{b:?} = {v}");
        }
    }
    Ok(())
}

/// The scenario with its powers listed in reverse order (every power-indexed input permuted).
fn reverse_powers(s: &Scenario) -> Scenario {
    let mut r = s.clone();
    r.powers.reverse();
    for st in &mut r.states {
        let p = st.dependency.len();
        st.alignment[..p].reverse();
        if let Some(a) = &mut st.anchor {
            a[..p].reverse();
        }
        st.dependency.reverse();
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn outputs_stay_in_range_and_on_the_simplex(seed in any::<u64>()) {
        let s = random_scenario(seed, GenOptions::default());
        prop_assert!(s.errors().is_empty(), "{:?}", s.errors());
        let run = engine::run(&s).unwrap();
        check_ranges(&s, &run)?;
    }

    #[test]
    fn runs_are_bit_identical(seed in any::<u64>()) {
        let s = random_scenario(seed, GenOptions::default());
        let a = engine::run(&s).unwrap();
        let b = engine::run(&s.clone()).unwrap();
        prop_assert!(a == b);
    }

    #[test]
    fn relabelling_powers_permutes_outputs(seed in any::<u64>()) {
        let s = random_scenario(seed, GenOptions::default());
        let r = reverse_powers(&s);
        let (a, b) = (engine::run(&s).unwrap(), engine::run(&r).unwrap());
        let p = s.powers.len();
        for t in 0..a.len() {
            for i in 0..s.states.len() {
                for q in 0..p {
                    let qr = p - 1 - q;
                    prop_assert!((a.alignment(t, i)[q] - b.alignment(t, i)[qr]).abs() < 1e-12);
                    for sec in 0..5 {
                        prop_assert!((a.dependency(t, i, q)[sec] - b.dependency(t, i, qr)[sec]).abs() < 1e-12);
                    }
                }
                prop_assert!((a.alignment(t, i)[p] - b.alignment(t, i)[p]).abs() < 1e-12);
                prop_assert!((a.defa(t, i) - b.defa(t, i)).abs() < 1e-12);
                prop_assert!((a.hedging(t, i) - b.hedging(t, i)).abs() < 1e-12);
            }
            for idx in [BlocIndex::Cohesion, BlocIndex::Autonomy, BlocIndex::DefaIntegration] {
                prop_assert!((a.bloc(t, idx) - b.bloc(t, idx)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn raising_a_lever_never_lowers_its_powers_share_in_exact_mode(seed in any::<u64>(), pick in any::<usize>(), bump in 0.05f64..1.0) {
        let opts = GenOptions { exact_mode: true, ..GenOptions::default() };
        let s = random_scenario(seed, opts);
        let candidates: Vec<usize> = (0..s.levers.len()).filter(|&e| s.levers[e].kind != LeverKind::CapacityBuilding).collect();
        prop_assume!(!candidates.is_empty());
        let e = candidates[pick % candidates.len()];
        let mut raised = s.clone();
        raised.levers[e].intensity = (raised.levers[e].intensity + bump).min(1.0);
        let q = s.power_index(&s.levers[e].power).unwrap();
        let (a, b) = (engine::run(&s).unwrap(), engine::run(&raised).unwrap());
        for t in 0..a.len() {
            for i in 0..s.states.len() {
                let (before, after) = (a.alignment(t, i)[q], b.alignment(t, i)[q]);
                prop_assert!(after >= before - 1e-12, "{:?} raised: state {i} at {t}: {before} → {after}", s.levers[e].kind);
            }
        }
    }

    #[test]
    fn zero_sigma_ensemble_reproduces_the_plain_run(seed in any::<u64>()) {
        let mut s = random_scenario(seed, GenOptions { max_states: 4, ..GenOptions::default() });
        s.ensemble.lever_sigma = 0.0;
        s.ensemble.parameter_sigma = 0.0;
        s.ensemble.members = 5;
        let plain = engine::run(&s).unwrap();
        for m in 0..5 {
            prop_assert!(engine::member_run(&s, m).unwrap() == plain, "member {m} differs");
        }
        let ens = engine::run_ensemble(&s).unwrap();
        for t in 0..plain.len() {
            for i in 0..s.states.len() {
                let (lo, mid, hi) = ens.band(BandSeries::Alignment { state: i, pole: 0 }, t);
                let want = plain.alignment(t, i)[0];
                // Bands are stored in single precision.
                prop_assert!((lo - want).abs() < 1e-6 && (mid - want).abs() < 1e-6 && (hi - want).abs() < 1e-6);
            }
            let (_, mid, _) = ens.band(BandSeries::Bloc(BlocIndex::Cohesion), t);
            prop_assert!((mid - plain.bloc(t, BlocIndex::Cohesion)).abs() < 1e-6);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The ensemble steps its members four at a time, one per SIMD lane; each member's stored values
    /// must be exactly (to the stored single precision) those of the same member run alone.
    #[test]
    fn members_stepped_together_equal_members_run_alone(seed in any::<u64>()) {
        let mut s = random_scenario(seed, GenOptions { max_states: 5, ..GenOptions::default() });
        s.ensemble.members = 7; // not a multiple of four: the last group has a spare lane
        let ens = engine::run_ensemble(&s).unwrap();
        let f32_of = |v: f64| f64::from(v as f32);
        for m in 0..7 {
            let alone = engine::member_run(&s, m).unwrap();
            for t in 0..alone.len() {
                for i in 0..s.states.len() {
                    for pole in 0..alone.n_poles() {
                        let stored = ens.member_value(m, BandSeries::Alignment { state: i, pole }, t);
                        prop_assert_eq!(stored, Some(f32_of(alone.alignment(t, i)[pole])));
                    }
                    for power in 0..s.powers.len() {
                        let stored = ens.member_value(m, BandSeries::Dependency { state: i, power }, t);
                        prop_assert_eq!(stored, Some(f32_of(alone.dependency_overall(t, i, power))));
                    }
                    let stored = ens.member_value(m, BandSeries::Defa { state: i }, t);
                    prop_assert_eq!(stored, Some(f32_of(alone.defa(t, i))));
                }
                for index in BlocIndex::ALL {
                    let stored = ens.member_value(m, BandSeries::Bloc(index), t);
                    prop_assert_eq!(stored, Some(f32_of(alone.bloc(t, index))), "{:?} of member {} at {}", index, m, t);
                }
            }
        }
        prop_assert_eq!(ens.member_value(7, BandSeries::Defa { state: 0 }, 0), None);
    }
}

#[test]
fn a_lever_outside_the_run_changes_nothing() {
    let s = common::baseline();
    let mut later = s.clone();
    later.levers.push(asean_futures::model::LeverEntry {
        power: "CN".into(),
        kind: LeverKind::InfrastructureFinance,
        intensity: 1.0,
        targets: Targets::All,
        start_year: 2050.0,
        end_year: 2060.0,
        note: String::new(),
    });
    assert_eq!(engine::run(&s).unwrap(), engine::run(&later).unwrap());
}

#[test]
fn ensemble_does_not_depend_on_thread_count() {
    let mut s = common::baseline();
    s.ensemble.members = 64;
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| engine::run_ensemble(&s).unwrap());
    let three = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap()
        .install(|| engine::run_ensemble(&s).unwrap());
    assert_eq!(one, three);
    // And the perturbations are real: the band has width.
    let last = one.times.len() - 1;
    let (lo, _, hi) = one.band(BandSeries::Tilt { state: 1 }, last);
    assert!(
        hi - lo > 0.01,
        "band {lo}..{hi} is too narrow for σ_L = 0.25"
    );
}

#[test]
fn bands_are_the_percentiles_of_the_members_values() {
    let mut s = common::baseline();
    s.ensemble.members = 37;
    let ens = engine::run_ensemble(&s).unwrap();
    let percentile = |sorted: &[f64], q: f64| {
        let pos = q * (sorted.len() - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = (lo + 1).min(sorted.len() - 1);
        sorted[lo] + (pos - lo as f64) * (sorted[hi] - sorted[lo])
    };
    let series = [
        BandSeries::Tilt { state: 1 },
        BandSeries::Tilt { state: 10 },
        BandSeries::Alignment { state: 3, pole: 3 },
        BandSeries::Domestic { state: 5 },
        BandSeries::Hedging { state: 0 },
        BandSeries::Bloc(BlocIndex::Cohesion),
    ];
    let last = ens.points() - 1;
    for (k, bands) in ens.band_series_many(&series).iter().enumerate() {
        for t in [1, last / 2, last] {
            let mut values: Vec<f64> = (0..37)
                .map(|m| ens.member_value(m, series[k], t).unwrap())
                .collect();
            values.sort_by(f64::total_cmp);
            let want = [0.1, 0.5, 0.9].map(|q| percentile(&values, q));
            let (lo, mid, hi) = bands[t];
            for (got, want) in [lo, mid, hi].into_iter().zip(want) {
                assert!(
                    (got - want).abs() < 1e-12,
                    "{:?} at {t}: {got} vs {want}",
                    series[k]
                );
            }
            assert!(
                values[0] < values[36],
                "{:?} at {t} has no spread",
                series[k]
            );
        }
    }
}

#[test]
fn different_seeds_give_different_bands() {
    let mut s = common::baseline();
    s.ensemble.members = 32;
    let a = engine::run_ensemble(&s).unwrap();
    s.ensemble.seed += 1;
    let b = engine::run_ensemble(&s).unwrap();
    assert_ne!(a, b);
}

#[test]
fn an_ensemble_too_large_for_memory_is_refused_with_a_clear_error() {
    let mut s = asean_futures::io::baseline().unwrap();
    s.time.steps_per_year = 12;
    s.ensemble.members = 10_000;
    assert!(s.errors().is_empty(), "the scenario itself is valid");
    let err = engine::run_ensemble(&s).unwrap_err().to_string();
    assert!(
        err.contains("10000 members") && err.contains("fewer members"),
        "{err}"
    );
    // A tenth of the members fits.
    s.ensemble.members = 1_000;
    assert!(engine::run_ensemble(&s).is_ok());
}
