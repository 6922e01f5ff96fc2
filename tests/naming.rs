//! Human words: every input of every shipped scenario has a phrase an official can read (no field
//! path, no float noise), and the round log, Compare and attribution use it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::model::naming::{knob_label, knob_phrase};
use asean_futures::model::{AseanField, ConstantId, Knob, Scenario, StateField};

/// Every knob of a scenario: profile values, lever intensities, ASEAN values, powers, constants.
fn every_knob(s: &Scenario) -> Vec<Knob> {
    let mut knobs = Knob::all_sensitivity_knobs(s);
    knobs.extend(AseanField::ALL.iter().map(|f| Knob::Asean(*f)));
    for power in 0..s.powers.len() {
        knobs.push(Knob::Capability { power });
        knobs.push(Knob::Conditionality { power });
    }
    for id in ConstantId::ALL {
        knobs.extend((0..id.shape().len()).map(|index| Knob::Constant { id: *id, index }));
    }
    knobs
}

#[test]
fn every_input_of_every_shipped_scenario_has_a_readable_phrase() {
    for path in common::ron_files(&common::root().join("saved_scenarios")) {
        let s = asean_futures::io::load_scenario(&path).unwrap();
        for knob in every_knob(&s) {
            let phrase = knob_phrase(&s, &knob);
            assert!(
                !common::looks_internal(&phrase),
                "{}: {phrase}",
                path.display()
            );
            assert!(!phrase.is_empty());
        }
    }
}

#[test]
fn phrases_say_whose_value_it_is() {
    let s = common::baseline();
    let khm = s.states.iter().position(|x| x.code == "KHM").unwrap();
    let state = |field| knob_phrase(&s, &Knob::State { state: khm, field });
    assert_eq!(state(StateField::Governance), "Cambodia's governance");
    assert_eq!(state(StateField::GdpUsdBn), "Cambodia's GDP");
    let us = s.powers.iter().position(|p| p.code == "US").unwrap();
    assert_eq!(
        knob_phrase(&s, &Knob::Capability { power: us }),
        "the United States' capability"
    );
    assert_eq!(
        knob_phrase(&s, &Knob::Asean(AseanField::HardLaw)),
        "ASEAN's hard law"
    );
    assert_eq!(
        knob_label(
            &s,
            &Knob::Constant {
                id: ConstantId::LockIn,
                index: 0
            }
        ),
        "The lock-in constant (χ)"
    );
    // A lever names its power, kind, targets and years, and its number on the board.
    let (entry, lever) = s
        .levers
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e.power == "CN"
                && matches!(&e.targets, asean_futures::model::Targets::States(c) if c.len() == 3)
        })
        .expect("the baseline has a Chinese lever on three states");
    let phrase = knob_phrase(&s, &Knob::LeverIntensity { entry });
    assert!(phrase.starts_with("China's "), "{phrase}");
    assert!(phrase.contains(" and "), "{phrase}");
    assert!(
        phrase.ends_with(&format!("lever #{}", entry + 1)),
        "{phrase}"
    );
    assert!(
        phrase.contains(&format!("{}–{}", lever.start_year, lever.end_year)),
        "{phrase}"
    );
}
