//! Story steps and schema migration: a version-1 file opens as version 2; the shipped workshop story
//! applies step by step with the effects its narrative describes, and stepping back restores the
//! scenario exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::io::{self, LoadError};
use asean_futures::model::{SCHEMA_VERSION, StoryChange, StoryStep, StoryView};
use asean_futures::sim::{self, BlocIndex, apply_step, story_problems, undo_step};

#[test]
fn a_version_1_file_migrates_to_the_current_schema() {
    assert_eq!(SCHEMA_VERSION, 2);
    let v1 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v1.ron")).unwrap();
    assert!(
        v1.contains("version: 1,"),
        "the stored file must stay a version-1 file"
    );
    let migrated = io::parse_scenario(&v1).unwrap();
    assert_eq!(migrated.version, 2);
    assert_eq!(migrated, common::baseline());
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
            .contains("version: 2,")
    );
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
