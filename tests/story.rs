//! Story steps and schema migration: version-1, 2 and 3 files open as version 4 (1 and 2 with a notice); the shipped workshop story
//! applies step by step with the effects its narrative describes, and stepping back restores the
//! scenario exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::engine::{self, BlocIndex};
use asean_futures::io::{self, LoadError, LoadNotice};
use asean_futures::model::{Edit, SCHEMA_VERSION, StoryStep, StoryView};
use asean_futures::model::{apply_step, story_problems, undo_step};

#[test]
fn a_version_1_file_migrates_to_the_current_schema() {
    assert_eq!(SCHEMA_VERSION, 7);
    let v1 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v1.ron")).unwrap();
    assert!(
        v1.contains("version: 1,"),
        "the stored file must stay a version-1 file"
    );
    let loaded = io::parse_scenario_noted(&v1).unwrap();
    let migrated = loaded.scenario;
    assert_eq!(migrated.version, SCHEMA_VERSION);
    // The stored file is the baseline before calibration: the same sourced inputs, the default
    // constants, no anchors.
    let mut calibrated = common::baseline();
    assert_eq!(migrated.states.len(), calibrated.states.len());
    calibrated.constants = Default::default();
    calibrated.constants_basis.clear();
    // Version 6 added ASEAN basis notes; a version-1 file has none.
    calibrated.asean.basis.clear();
    calibrated.description = migrated.description.clone();
    calibrated.claims = migrated.claims.clone();
    calibrated.modified = migrated.modified.clone();
    for (c, m) in calibrated.powers.iter_mut().zip(&migrated.powers) {
        c.sector_pull = m.sector_pull;
        // Colours are labels: the shipped files moved the EU to a colour-blind-safe green.
        c.colour = m.colour.clone();
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
            .contains("version: 7,")
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
    assert_eq!(loaded.scenario.version, SCHEMA_VERSION);
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
    // The shipped files are the current version: no notice.
    let shipped = io::parse_scenario_noted(io::BASELINE_RON).unwrap();
    assert!(shipped.notices.is_empty(), "{:?}", shipped.notices);
}

#[test]
fn a_version_3_file_opens_as_the_current_version_with_its_story_and_round_log() {
    let v3 =
        std::fs::read_to_string(common::root().join("tests/data/workshop_story_v3.ron")).unwrap();
    assert!(
        v3.contains("version: 3,") && v3.contains("round_log: ["),
        "the stored file must stay a version-3 file with a round log"
    );
    let loaded = io::parse_scenario_noted(&v3).unwrap();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    let s = loaded.scenario;
    assert_eq!(s.version, SCHEMA_VERSION);
    // Its story steps are edits now, and step exactly as the shipped story does.
    let changes = |s: &asean_futures::model::Scenario| {
        s.story
            .iter()
            .map(|step| step.changes.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(changes(&s), changes(&story()));
    assert!(
        s.story[1]
            .changes
            .iter()
            .all(|c| matches!(c, Edit::Set { .. } | Edit::AddLever(_)))
    );
    assert_eq!(s.round_log.len(), 1);
    assert_eq!(s.round_log[0].team, "Beijing");
    assert!(
        s.round_log[0].edits.is_empty(),
        "version 3 logged text only"
    );
    // What only version 4 can say is refused in a version-3 file.
    let uses_v4 = v3.replacen(
        "argument: \"soft rules keep options open\")",
        "argument: \"x\", edits: [AddState])",
        1,
    );
    assert_ne!(uses_v4, v3);
    let err = io::parse_scenario(&uses_v4).unwrap_err().to_string();
    assert!(err.contains("need version 4"), "{err}");
    let same_as_v4 = uses_v4.replacen("version: 3,", "version: 4,", 1);
    assert!(io::parse_scenario(&same_as_v4).is_ok());
    // Saving writes the current version.
    assert!(io::scenario_to_string(&s).unwrap().contains("version: 7,"));
}

#[test]
fn a_version_4_file_opens_as_version_5_and_claims_need_version_5() {
    let v4 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v4.ron")).unwrap();
    assert!(
        v4.contains("version: 4,"),
        "the stored file must stay a version-4 file"
    );
    let loaded = io::parse_scenario_noted(&v4).unwrap();
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    assert_eq!(loaded.scenario.version, SCHEMA_VERSION);
    assert!(loaded.scenario.claims.is_empty());
    let claimed = v4.replacen(
        "    author:",
        "    claims: [(text: \"x\", outcome: \"KHM.tilt@2035\", expect: negative)],\n    author:",
        1,
    );
    let err = io::parse_scenario(&claimed).unwrap_err().to_string();
    assert!(err.contains("need version 5"), "{err}");
    let same_as_v5 = claimed.replacen("version: 4,", "version: 5,", 1);
    let s = io::parse_scenario(&same_as_v5).unwrap();
    assert_eq!(s.claims.len(), 1);
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
    let mut runs = vec![engine::run(&s).unwrap()];
    for step in &original.story {
        undos.push(apply_step(&mut s, step).unwrap());
        runs.push(engine::run(&s).unwrap());
    }
    let t = |year: f64| runs[0].index_of_year(year);
    let cn = |r: &engine::Run, code: &str| r.alignment(t(2035.0), s.state_index(code).unwrap())[1];
    for code in ["KHM", "LAO", "MMR"] {
        assert!(
            cn(&runs[2], code) > cn(&runs[1], code),
            "the Silk Road push pulls {code} toward China"
        );
    }
    let defa = |r: &engine::Run| r.bloc(t(2040.0), BlocIndex::DefaIntegration);
    assert!(
        defa(&runs[4]) < defa(&runs[3]),
        "a weak DEFA integrates less"
    );
    assert!(
        defa(&runs[5]) > defa(&runs[3]) + 0.1,
        "a strong DEFA integrates more"
    );
    let autonomy = |r: &engine::Run| r.bloc(t(2040.0), BlocIndex::Autonomy);
    assert!(autonomy(&runs[5]) > autonomy(&runs[4]));

    // The numbers the narratives quote.
    let share = |r: &engine::Run, code: &str, pole: usize| {
        r.alignment(t(2035.0), s.state_index(code).unwrap())[pole]
    };
    let all = s
        .states
        .iter()
        .map(|st| st.code.clone())
        .collect::<Vec<_>>();
    for code in &all {
        let gain = share(&runs[2], code, 1) - share(&runs[1], code, 1);
        if ["KHM", "LAO", "MMR"].contains(&code.as_str()) {
            assert!((0.045..=0.065).contains(&gain), "step 2, {code}: {gain}");
        } else {
            assert!(gain.abs() < 0.005, "step 2 barely moves {code}: {gain}");
        }
    }
    // "stop this money in 2035 and Cambodia still keeps over half of its extra China share three
    // years later, fading over years rather than at once"
    let mut stopped = s.clone();
    for undo in undos[2..].iter().rev() {
        undo_step(&mut stopped, undo).unwrap();
    }
    for l in &mut stopped.levers {
        if asean_futures::model::note_text(&l.note).starts_with("Story:") && l.power == "CN" {
            l.end_year = 2035.0;
        }
    }
    let stopped = engine::run(&stopped).unwrap();
    let khm = s.state_index("KHM").unwrap();
    let extra = |r: &engine::Run, year: f64| {
        r.alignment(t(year), khm)[1] - runs[1].alignment(t(year), khm)[1]
    };
    let (at_stop, later) = (extra(&stopped, 2035.0), extra(&stopped, 2038.0));
    assert!(later > 0.5 * at_stop, "{later} of {at_stop} kept in 2038");
    assert!(extra(&stopped, 2036.0) < at_stop && later < extra(&stopped, 2036.0));
    assert!(extra(&stopped, 2045.0) < 0.25 * at_stop, "it fades");
    // Step 3: US +0.01–0.03 in the targeted states, Myanmar about half of Laos, spread unchanged.
    for code in ["KHM", "LAO", "MMR", "THA", "VNM"] {
        let gain = share(&runs[3], code, 0) - share(&runs[2], code, 0);
        assert!((0.008..=0.032).contains(&gain), "step 3, {code}: {gain}");
    }
    let us_gain = |code: &str| share(&runs[3], code, 0) - share(&runs[2], code, 0);
    let ratio = us_gain("MMR") / us_gain("LAO");
    assert!(
        (0.35..=0.65).contains(&ratio),
        "Myanmar gains about half of Laos: {ratio}"
    );
    let spread = |r: &engine::Run| {
        let tilts: Vec<f64> = ["KHM", "LAO", "MMR", "THA", "VNM"]
            .iter()
            .map(|c| r.tilt(t(2035.0), s.state_index(c).unwrap()))
            .collect();
        tilts.iter().copied().fold(f64::MIN, f64::max)
            - tilts.iter().copied().fold(f64::MAX, f64::min)
    };
    assert!((spread(&runs[3]) - spread(&runs[2])).abs() < 0.01);
    // Step 4 against step 3, and step 5 against step 4.
    let bloc = |r: &engine::Run, index: BlocIndex| r.bloc(t(2040.0), index);
    let weak_defa = defa(&runs[4]) - defa(&runs[3]);
    assert!((-0.45..=-0.35).contains(&weak_defa), "{weak_defa}");
    for code in &all {
        let fall = share(&runs[4], code, 3) - share(&runs[3], code, 3);
        assert!((-0.075..=-0.035).contains(&fall), "step 4, {code}: {fall}");
        let rise = share(&runs[5], code, 3) - share(&runs[4], code, 3);
        assert!((0.075..=0.125).contains(&rise), "step 5, {code}: {rise}");
    }
    let bif = bloc(&runs[4], BlocIndex::Bifurcation) - bloc(&runs[3], BlocIndex::Bifurcation);
    assert!((0.005..=0.015).contains(&bif), "{bif}");
    let aut = autonomy(&runs[5]) - autonomy(&runs[4]);
    assert!((0.065..=0.08).contains(&aut), "{aut}");
    let bif = bloc(&runs[5], BlocIndex::Bifurcation) - bloc(&runs[4], BlocIndex::Bifurcation);
    assert!((-0.02..=-0.01).contains(&bif), "{bif}");
    assert!(bloc(&runs[5], BlocIndex::Cohesion) > bloc(&runs[4], BlocIndex::Cohesion));

    // Stepping back through every step restores the scenario exactly.
    for undo in undos.iter().rev() {
        undo_step(&mut s, undo).unwrap();
    }
    assert_eq!(s, original);
}

#[test]
fn stepping_back_keeps_edits_made_to_other_inputs() {
    let mut s = story();
    let step = s.story[3].clone();
    let undo = apply_step(&mut s, &step).unwrap();
    s.states[1].governance = 0.6;
    undo_step(&mut s, &undo).unwrap();
    assert_eq!(s.asean, story().asean);
    assert_eq!(s.states[1].governance, 0.6);
}

#[test]
fn bad_story_inputs_are_reported_with_their_path() {
    let mut s = story();
    s.story.push(StoryStep {
        title: "broken".into(),
        narrative: String::new(),
        changes: vec![Edit::Set {
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
