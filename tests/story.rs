//! Story steps and schema migration: version-1 and version-2 files open as version 3 with a notice; the shipped workshop story
//! applies step by step with the effects its narrative describes, and stepping back restores the
//! scenario exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::io::{self, LoadError, LoadNotice};
use asean_futures::model::{SCHEMA_VERSION, StoryChange, StoryStep, StoryView};
use asean_futures::sim::{self, BlocIndex, apply_step, story_problems, undo_step};

#[test]
fn a_version_1_file_migrates_to_the_current_schema() {
    assert_eq!(SCHEMA_VERSION, 3);
    let v1 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v1.ron")).unwrap();
    assert!(
        v1.contains("version: 1,"),
        "the stored file must stay a version-1 file"
    );
    let loaded = io::parse_scenario_noted(&v1).unwrap();
    let migrated = loaded.scenario;
    assert_eq!(migrated.version, 3);
    // The stored file is the baseline before calibration: the same sourced inputs, the default
    // constants, no anchors.
    let mut calibrated = common::baseline();
    assert_eq!(migrated.states.len(), calibrated.states.len());
    calibrated.constants = Default::default();
    calibrated.constants_basis.clear();
    calibrated.description = migrated.description.clone();
    calibrated.modified = migrated.modified.clone();
    for (c, m) in calibrated.powers.iter_mut().zip(&migrated.powers) {
        c.sector_pull = m.sector_pull;
        c.basis = m.basis.clone();
    }
    for (c, m) in calibrated.states.iter_mut().zip(&migrated.states) {
        c.anchor = None;
        c.basis = m.basis.clone();
    }
    assert_eq!(migrated, calibrated);
    // It was written for model v1: the reader is told so, with the camp binding it now runs with.
    assert_eq!(
        loaded.notices,
        vec![LoadNotice::WrittenForModelV1 {
            version: 1,
            camp_binding: 5.0
        }]
    );
    // Version 2 fields in a version-1 file are refused.
    let bad = v1.replacen(
        "    constants: (),",
        "    live_levers: [\"asean.hard_law\"],\n    constants: (),",
        1,
    );
    assert!(
        matches!(io::parse_scenario(&bad), Err(LoadError::Syntax { .. })),
        "{:?}",
        io::parse_scenario(&bad).err()
    );
    // Saving writes the current version.
    assert!(
        io::scenario_to_string(&migrated)
            .unwrap()
            .contains("version: 3,")
    );
}

#[test]
fn a_version_2_file_opens_with_a_notice_about_camp_binding() {
    let v2 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v2.ron")).unwrap();
    assert!(
        v2.contains("version: 2,") && !v2.contains("camp_binding"),
        "the stored file must stay a version-2 file written before camp binding"
    );
    let loaded = io::parse_scenario_noted(&v2).unwrap();
    assert_eq!(loaded.scenario.version, 3);
    let notice = &loaded.notices[..];
    assert_eq!(
        notice,
        [LoadNotice::WrittenForModelV1 {
            version: 2,
            camp_binding: 5.0
        }]
    );
    assert!(notice[0].to_string().contains("camp binding ν = 5"));
    // A version-2 file that sets camp binding keeps its value, and the notice names it.
    let set = v2.replacen(
        "    constants: (),",
        "    constants: (camp_binding: 0.0),",
        1,
    );
    assert_ne!(
        set, v2,
        "the stored file must have an empty constants block"
    );
    let loaded = io::parse_scenario_noted(&set).unwrap();
    assert_eq!(loaded.scenario.constants.camp_binding, 0.0);
    assert!(loaded.notices[0].to_string().contains("ν = 0"));
    // The shipped files are version 3: no notice.
    let shipped = io::parse_scenario_noted(io::BASELINE_RON).unwrap();
    assert!(shipped.notices.is_empty(), "{:?}", shipped.notices);
}

fn story() -> asean_futures::model::Scenario {
    io::load_scenario(&common::root().join("saved_scenarios/workshop_story.ron")).unwrap()
}

#[test]
fn the_workshop_story_shows_what_its_steps_say() {
    let original = story();
    assert_eq!(original.story.len(), 5);
    let mut s = original.clone();
    let mut undos = Vec::new();
    let mut runs = vec![sim::run(&s).unwrap()];
    for step in &original.story {
        undos.push(apply_step(&mut s, step).unwrap());
        runs.push(sim::run(&s).unwrap());
    }
    let t = |year: f64| runs[0].index_of_year(year);
    let cn = |r: &sim::Run, code: &str| r.alignment(t(2035.0), s.state_index(code).unwrap())[1];
    for code in ["KHM", "LAO", "MMR"] {
        assert!(
            cn(&runs[2], code) > cn(&runs[1], code),
            "the Silk Road push pulls {code} toward China"
        );
    }
    let defa = |r: &sim::Run| r.bloc(t(2040.0), BlocIndex::DefaIntegration);
    assert!(
        defa(&runs[4]) < defa(&runs[3]),
        "a weak DEFA integrates less"
    );
    assert!(
        defa(&runs[5]) > defa(&runs[3]) + 0.1,
        "a strong DEFA integrates more"
    );
    let autonomy = |r: &sim::Run| r.bloc(t(2040.0), BlocIndex::Autonomy);
    assert!(autonomy(&runs[5]) > autonomy(&runs[4]));

    // Stepping back through every step restores the scenario exactly.
    for undo in undos.iter().rev() {
        undo_step(&mut s, undo);
    }
    assert_eq!(s, original);
}

#[test]
fn stepping_back_keeps_edits_made_to_other_inputs() {
    let mut s = story();
    let step = s.story[3].clone();
    let undo = apply_step(&mut s, &step).unwrap();
    s.states[1].governance = 0.6;
    undo_step(&mut s, &undo);
    assert_eq!(s.asean, story().asean);
    assert_eq!(s.states[1].governance, 0.6);
}

#[test]
fn bad_story_inputs_are_reported_with_their_path() {
    let mut s = story();
    s.story.push(StoryStep {
        title: "broken".into(),
        narrative: String::new(),
        changes: vec![StoryChange::Set {
            input: "XYZ.governance".into(),
            value: 0.5,
        }],
        view: StoryView::Tilt,
        year: None,
    });
    s.live_levers.push("asean.nonsense".into());
    let problems = story_problems(&s);
    assert!(
        problems
            .iter()
            .any(|p| p.path == "story[5]" && p.message.contains("XYZ")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.path == "live_levers[5]"),
        "{problems:?}"
    );
    // A step that fails leaves the scenario untouched.
    let before = s.clone();
    let step = s.story[5].clone();
    assert!(apply_step(&mut s, &step).is_err());
    assert_eq!(s, before);
    // And the loader refuses such a file with the path.
    let text = io::scenario_to_string(&s).unwrap();
    let err = io::parse_scenario(&text).unwrap_err().to_string();
    assert!(err.contains("story[5]"), "{err}");
}
