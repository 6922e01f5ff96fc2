//! Random valid scenarios for property tests, built deterministically from a seed.

use asean_futures::model::{
    AseanPolicy, BlocWeights, Constants, EnsembleSettings, EventField, LeverEntry, LeverKind,
    MemberState, Power, ProfileEvent, SCHEMA_VERSION, Scenario, StateField, Targets, TimeSettings,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn shares(rng: &mut ChaCha8Rng, k: usize) -> Vec<f64> {
    let raw: Vec<f64> = (0..k).map(|_| rng.random_range(0.01..1.0)).collect();
    let total: f64 = raw.iter().sum();
    let mut v: Vec<f64> = raw.iter().map(|x| x / total).collect();
    // Make the sum exactly 1 up to rounding of the last element.
    let rest: f64 = v[..k - 1].iter().sum();
    v[k - 1] = (1.0 - rest).max(0.0);
    v
}

fn unit(rng: &mut ChaCha8Rng) -> f64 {
    // Include the exact ends now and then.
    match rng.random_range(0..10) {
        0 => 0.0,
        1 => 1.0,
        _ => rng.random_range(0.0..=1.0),
    }
}

/// Options for [`random_scenario`].
#[derive(Clone, Copy)]
pub struct GenOptions {
    pub max_states: usize,
    pub max_powers: usize,
    pub exact_mode: bool,
    pub with_events: bool,
}

impl Default for GenOptions {
    fn default() -> Self {
        Self {
            max_states: 6,
            max_powers: 4,
            exact_mode: false,
            with_events: true,
        }
    }
}

/// A random scenario that passes validation.
pub fn random_scenario(seed: u64, opts: GenOptions) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = rng.random_range(1..=opts.max_states);
    let p = rng.random_range(1..=opts.max_powers);
    let k = p + 1;
    let spy = [1u32, 2, 4, 12][rng.random_range(0..4)];
    let start =
        2020.0 + f64::from(rng.random_range(0..10u32)) + [0.0, 0.5, 0.25][rng.random_range(0..3)];
    let steps = rng.random_range(1..=(40 / spy as usize).max(1) * spy as usize);
    let end = start + steps as f64 / f64::from(spy);
    let palette = ["#0072B2", "#D55E00", "#009E73", "#E69F00"];
    let powers: Vec<Power> = (0..p)
        .map(|q| Power {
            code: format!("P{q}"),
            name: format!("Power {q} \"quoted\" — ü"),
            colour: palette[q % 4].to_string(),
            capability: unit(&mut rng),
            conditionality: unit(&mut rng),
            sector_pull: std::array::from_fn(|_| unit(&mut rng) * 0.5),
            basis: Default::default(),
        })
        .collect();
    let states: Vec<MemberState> = (0..n)
        .map(|i| {
            let dep_shares = shares(&mut rng, p + 1);
            let dependency = (0..p)
                .map(|q| std::array::from_fn(|_| dep_shares[q] * rng.random_range(0.0..=1.0)))
                .collect();
            let mut basis = std::collections::BTreeMap::new();
            if rng.random_bool(0.5) {
                basis.insert(
                    StateField::Governance,
                    "assumption: line one\nline two, with \\ and \"quotes\"".to_string(),
                );
            }
            MemberState {
                code: format!("S{i}"),
                name: format!("State {i}"),
                gdp_usd_bn: rng.random_range(0.5..2000.0),
                size: unit(&mut rng),
                infrastructure: unit(&mut rng),
                talent: unit(&mut rng),
                ecosystem: unit(&mut rng),
                competitiveness: unit(&mut rng),
                localisation: unit(&mut rng),
                data_protection: unit(&mut rng),
                governance: unit(&mut rng),
                hedging: unit(&mut rng),
                defa_commitment: unit(&mut rng),
                defa_progress: unit(&mut rng) * 0.5,
                alignment: shares(&mut rng, k),
                anchor: if rng.random_bool(0.3) {
                    Some(shares(&mut rng, k))
                } else {
                    None
                },
                dependency,
                basis,
            }
        })
        .collect();
    let n_levers = rng.random_range(0..8);
    let levers = (0..n_levers)
        .map(|_| {
            let targets = if rng.random_bool(0.3) {
                Targets::All
            } else {
                let count = rng.random_range(1..=n);
                Targets::States(
                    (0..count)
                        .map(|_| format!("S{}", rng.random_range(0..n)))
                        .collect(),
                )
            };
            let s0 = start + rng.random_range(-2.0..(end - start));
            LeverEntry {
                power: format!("P{}", rng.random_range(0..p)),
                kind: LeverKind::ALL[rng.random_range(0..7)],
                intensity: unit(&mut rng),
                targets,
                start_year: s0,
                end_year: s0 + rng.random_range(0.1..30.0),
                note: String::new(),
            }
        })
        .collect();
    let events = if opts.with_events {
        (0..rng.random_range(0..4))
            .map(|_| ProfileEvent {
                year: start + rng.random_range(-1.0..(end - start + 1.0)),
                state: format!("S{}", rng.random_range(0..n)),
                field: EventField::ALL[rng.random_range(0..8)],
                value: unit(&mut rng),
                note: String::new(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut constants = Constants::default();
    for v in constants.decay.iter_mut() {
        *v = rng.random_range(0.02..0.6);
    }
    constants.lock_in = rng.random_range(0.0..2.0);
    constants.peer_weight = rng.random_range(0.0..1.5);
    constants.susceptibility_max = unit(&mut rng);
    constants.adjustment_years = rng.random_range(1.0..3.0);
    if opts.exact_mode {
        constants.autonomy_defa = 0.0;
        constants.defa_substitution = [0.0; 5];
    }
    let peer_weights = if rng.random_bool(0.2) {
        Some(
            (0..n)
                .map(|_| (0..n).map(|_| rng.random_range(0.0..0.5)).collect())
                .collect(),
        )
    } else {
        None
    };
    Scenario {
        version: SCHEMA_VERSION,
        name: format!("random {seed}"),
        description: "generated: multi-line\ntext with [brackets] and (parens)".into(),
        author: String::new(),
        created: String::new(),
        modified: String::new(),
        time: TimeSettings {
            start_year: start,
            end_year: end,
            steps_per_year: spy,
        },
        bloc_weights: if rng.random_bool(0.5) {
            BlocWeights::Gdp
        } else {
            BlocWeights::Equal
        },
        powers,
        states,
        levers,
        asean: AseanPolicy {
            defa_in_force_year: start + rng.random_range(-2.0..10.0),
            hard_law: unit(&mut rng),
            monitoring: unit(&mut rng),
            harmonisation: unit(&mut rng),
            basis: Default::default(),
        },
        peer_weights,
        events,
        constants,
        constants_basis: Default::default(),
        constants_plausible: Default::default(),
        ensemble: EnsembleSettings {
            members: 8,
            seed,
            ..EnsembleSettings::default()
        },
        story: Vec::new(),
        live_levers: Vec::new(),
        claims: Vec::new(),
        round_log: Vec::new(),
        teams: Vec::new(),
        rounds: Vec::new(),
        played: Vec::new(),
        calibration: None,
    }
}

/// A random variant of `s` with the same states and powers (codes and order), so the two can be
/// compared and attributed: a random subset of profiles, power settings, lever entries (changed,
/// removed or added), ASEAN policy, events, constants, the end year and the bloc weights changes.
pub fn random_variant(s: &Scenario, seed: u64) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut b = s.clone();
    let (n, p) = (s.states.len(), s.powers.len());
    for st in &mut b.states {
        if rng.random_bool(0.4) {
            // Skip GDP (index 0): its range is not the unit interval.
            let field = StateField::SCALARS[rng.random_range(1..StateField::SCALARS.len())];
            let value = unit(&mut rng)
                * if field == StateField::DefaProgress {
                    0.5
                } else {
                    1.0
                };
            *st.scalar_mut(field).unwrap() = value;
        }
        if rng.random_bool(0.15) {
            st.alignment = shares(&mut rng, p + 1);
        }
    }
    for power in &mut b.powers {
        if rng.random_bool(0.25) {
            power.capability = unit(&mut rng);
        }
        if rng.random_bool(0.15) {
            power.conditionality = unit(&mut rng);
        }
    }
    for lever in &mut b.levers {
        if rng.random_bool(0.3) {
            lever.intensity = unit(&mut rng);
        }
    }
    if !b.levers.is_empty() && rng.random_bool(0.3) {
        let e = rng.random_range(0..b.levers.len());
        b.levers.remove(e);
    }
    let (start, end) = (s.time.start_year, s.time.end_year);
    if rng.random_bool(0.4) {
        b.levers.push(LeverEntry {
            power: format!("P{}", rng.random_range(0..p)),
            kind: LeverKind::ALL[rng.random_range(0..7)],
            intensity: unit(&mut rng),
            targets: if rng.random_bool(0.5) {
                Targets::All
            } else {
                Targets::States(vec![format!("S{}", rng.random_range(0..n))])
            },
            start_year: start + rng.random_range(-1.0..(end - start)),
            end_year: end + rng.random_range(0.0..5.0),
            note: "added".into(),
        });
    }
    if rng.random_bool(0.3) {
        b.asean.hard_law = unit(&mut rng);
        b.asean.defa_in_force_year = start + rng.random_range(-2.0..10.0);
    }
    if rng.random_bool(0.3) {
        b.events.push(ProfileEvent {
            year: start + rng.random_range(0.0..(end - start)),
            state: format!("S{}", rng.random_range(0..n)),
            field: EventField::ALL[rng.random_range(0..8)],
            value: unit(&mut rng),
            note: String::new(),
        });
    }
    if rng.random_bool(0.3) {
        b.constants.lock_in = rng.random_range(0.0..2.0);
        b.constants.decay[rng.random_range(0..5)] = rng.random_range(0.02..0.6);
    }
    if rng.random_bool(0.2) {
        let steps = rng.random_range(1..=4u32);
        b.time.end_year = end + f64::from(steps) / f64::from(s.time.steps_per_year);
    }
    if rng.random_bool(0.2) {
        b.bloc_weights = match b.bloc_weights {
            BlocWeights::Gdp => BlocWeights::Equal,
            BlocWeights::Equal => BlocWeights::Gdp,
        };
    }
    b
}
