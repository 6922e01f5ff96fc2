//! Every change a person can make is an `Edit` value: each kind is constructed, applied, taken back
//! by its inverse (exactly), written to RON and read back; refused edits leave the scenario as it
//! was; and the document records no step for a refused or empty edit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::document::{Change, Document};
use asean_futures::model::{
    Applied, BasisOf, Edit, EditError, EventField, LeverEntry, LeverKind, PowerField, ProfileEvent,
    Scenario, Sector, StateField, StoryStep, StoryView, Targets, TextField, TimeSettings,
};

/// Which variant an edit is. No wildcard: a new variant does not compile until the catalogue
/// below covers it.
fn variant(e: &Edit) -> &'static str {
    match e {
        Edit::Set { .. } => "Set",
        Edit::SetShare { .. } => "SetShare",
        Edit::SetShares { .. } => "SetShares",
        Edit::SeparateAnchor { .. } => "SeparateAnchor",
        Edit::SetAnchor { .. } => "SetAnchor",
        Edit::SetDependency { .. } => "SetDependency",
        Edit::SetSectorPull { .. } => "SetSectorPull",
        Edit::SetBasis { .. } => "SetBasis",
        Edit::SetText { .. } => "SetText",
        Edit::RenameState { .. } => "RenameState",
        Edit::RecodeState { .. } => "RecodeState",
        Edit::AddState => "AddState",
        Edit::DuplicateState { .. } => "DuplicateState",
        Edit::RemoveState { .. } => "RemoveState",
        Edit::MoveState { .. } => "MoveState",
        Edit::AddPower { .. } => "AddPower",
        Edit::RemovePower { .. } => "RemovePower",
        Edit::RenamePower { .. } => "RenamePower",
        Edit::RecodePower { .. } => "RecodePower",
        Edit::SetPowerColour { .. } => "SetPowerColour",
        Edit::MovePower { .. } => "MovePower",
        Edit::SetLeverCell { .. } => "SetLeverCell",
        Edit::AddLever(_) => "AddLever",
        Edit::InsertLever { .. } => "InsertLever",
        Edit::WithdrawLever(_) => "WithdrawLever",
        Edit::RemoveLever { .. } => "RemoveLever",
        Edit::SetLevers(_) => "SetLevers",
        Edit::SetLever { .. } => "SetLever",
        Edit::SetLeverKind { .. } => "SetLeverKind",
        Edit::SetLeverWindow { .. } => "SetLeverWindow",
        Edit::SetLeverTargets { .. } => "SetLeverTargets",
        Edit::ToggleLeverTarget { .. } => "ToggleLeverTarget",
        Edit::SetLeverNote { .. } => "SetLeverNote",
        Edit::AddEvent(_) => "AddEvent",
        Edit::InsertEvent { .. } => "InsertEvent",
        Edit::RemoveEvent { .. } => "RemoveEvent",
        Edit::SetEvent { .. } => "SetEvent",
        Edit::ResetConstants => "ResetConstants",
        Edit::SetConstants { .. } => "SetConstants",
        Edit::MoveStart { .. } => "MoveStart",
        Edit::SetEndYear { .. } => "SetEndYear",
        Edit::SetTime(_) => "SetTime",
        Edit::SetEnsemble(_) => "SetEnsemble",
        Edit::AddLiveLever { .. } => "AddLiveLever",
        Edit::InsertLiveLever { .. } => "InsertLiveLever",
        Edit::RemoveLiveLever { .. } => "RemoveLiveLever",
        Edit::AddStoryStep(_) => "AddStoryStep",
        Edit::InsertStoryStep { .. } => "InsertStoryStep",
        Edit::RemoveStoryStep { .. } => "RemoveStoryStep",
        Edit::Batch(_) => "Batch",
        Edit::Replace(_) => "Replace",
    }
}

const VARIANTS: usize = 51;

fn event() -> ProfileEvent {
    ProfileEvent {
        year: 2031.0,
        state: "KHM".into(),
        field: EventField::Governance,
        value: 0.35,
        note: "a new law".into(),
    }
}

/// The baseline with one event, a live lever and a story step, so removals have something to
/// remove.
fn scenario() -> Scenario {
    let mut s = common::baseline();
    s.events.push(event());
    s.live_levers.push("asean.hard_law".into());
    s.story.push(StoryStep {
        title: "a step".into(),
        narrative: String::new(),
        changes: vec![Edit::Set {
            input: "KHM.governance".into(),
            value: 0.4,
        }],
        view: StoryView::Tilt,
        year: None,
    });
    s
}

/// One edit of every kind, each valid on [`scenario`] and changing it.
fn catalogue(s: &Scenario) -> Vec<Edit> {
    let lever = s.levers[0].clone();
    let mut moved = lever.clone();
    moved.intensity = 0.15;
    let mut constants = s.constants.clone();
    constants.lock_in = 1.0;
    let mut ensemble = s.ensemble.clone();
    ensemble.members = 50;
    let mut replaced = s.clone();
    replaced.name = "replaced".into();
    let khm = &s.states[1];
    let mut shares = khm.alignment.clone();
    shares.swap(0, 1);
    vec![
        Edit::Set {
            input: "KHM.governance".into(),
            value: 0.45,
        },
        Edit::Set {
            input: "constants.lock_in".into(),
            value: 1.5,
        },
        Edit::SetShare {
            state: "KHM".into(),
            pole: 1,
            anchor: false,
            value: 0.7,
        },
        Edit::SetShare {
            state: "KHM".into(),
            pole: 3,
            anchor: true,
            value: 0.3,
        },
        Edit::SetShares {
            state: "KHM".into(),
            anchor: false,
            shares,
        },
        Edit::SeparateAnchor {
            state: "KHM".into(),
            separate: false,
        },
        Edit::SetAnchor {
            state: "KHM".into(),
            anchor: None,
        },
        Edit::SetDependency {
            state: "KHM".into(),
            power: "CN".into(),
            sector: Sector::Cloud,
            value: 0.2,
        },
        Edit::SetSectorPull {
            power: "US".into(),
            sector: Sector::Payments,
            value: 0.4,
        },
        Edit::SetBasis {
            of: BasisOf::State {
                state: "KHM".into(),
                field: StateField::Talent,
            },
            note: "assumption: a workshop judgment".into(),
        },
        Edit::SetBasis {
            of: BasisOf::Power {
                power: "EU".into(),
                field: PowerField::Capability,
            },
            note: String::new(),
        },
        Edit::SetBasis {
            of: BasisOf::Constant {
                constant: "lock_in".into(),
            },
            note: "assumption: half the fitted value".into(),
        },
        Edit::SetText {
            field: TextField::Description,
            text: "a new description".into(),
        },
        Edit::RenameState {
            state: "KHM".into(),
            name: "Kampuchea".into(),
        },
        Edit::RecodeState {
            state: "KHM".into(),
            code: "CAM".into(),
        },
        Edit::AddState,
        Edit::DuplicateState {
            state: "VNM".into(),
        },
        Edit::RemoveState {
            state: "KHM".into(),
        },
        Edit::MoveState {
            state: "KHM".into(),
            to: 5,
        },
        Edit::AddPower {
            code: "JP".into(),
            name: "Japan".into(),
            colour: "#CC79A7".into(),
        },
        Edit::RemovePower { power: "EU".into() },
        Edit::RenamePower {
            power: "EU".into(),
            name: "Europe".into(),
        },
        Edit::RecodePower {
            power: "CN".into(),
            code: "PRC".into(),
        },
        Edit::SetPowerColour {
            power: "US".into(),
            colour: "#000000".into(),
        },
        Edit::MovePower {
            power: "EU".into(),
            to: 0,
        },
        Edit::SetLeverCell {
            power: "CN".into(),
            state: "KHM".into(),
            kind: LeverKind::StandardsSetting,
            value: 0.9,
        },
        Edit::AddLever(moved.clone()),
        Edit::InsertLever {
            at: 1,
            entry: moved.clone(),
        },
        Edit::WithdrawLever(lever.clone()),
        Edit::RemoveLever { index: 2 },
        Edit::SetLevers(vec![moved.clone()]),
        Edit::SetLever {
            index: 0,
            entry: moved,
        },
        Edit::SetLeverKind {
            index: 0,
            kind: LeverKind::CloudInvestment,
        },
        Edit::SetLeverWindow {
            index: 0,
            start_year: 2028.0,
            end_year: 2036.0,
        },
        Edit::SetLeverTargets {
            index: 0,
            targets: Targets::States(vec!["VNM".into(), "KHM".into()]),
        },
        Edit::ToggleLeverTarget {
            index: 0,
            state: "LAO".into(),
            on: !lever.targets.includes("LAO"),
        },
        Edit::SetLeverNote {
            index: 0,
            note: "a note".into(),
        },
        Edit::AddEvent(ProfileEvent {
            year: 2033.0,
            ..event()
        }),
        Edit::InsertEvent {
            at: 0,
            event: ProfileEvent {
                value: 0.1,
                ..event()
            },
        },
        Edit::RemoveEvent { index: 0 },
        Edit::SetEvent {
            index: 0,
            event: ProfileEvent {
                year: 2040.0,
                ..event()
            },
        },
        Edit::ResetConstants,
        Edit::SetConstants {
            constants: Box::new(constants),
            basis: Default::default(),
        },
        Edit::MoveStart { year: 2026.0 },
        Edit::SetEndYear { year: 2040.0 },
        Edit::SetTime(TimeSettings {
            steps_per_year: 4,
            ..s.time.clone()
        }),
        Edit::SetEnsemble(ensemble),
        Edit::AddLiveLever {
            input: "KHM.governance".into(),
        },
        Edit::InsertLiveLever {
            at: 0,
            input: "asean.monitoring".into(),
        },
        Edit::RemoveLiveLever { index: 0 },
        Edit::AddStoryStep(StoryStep {
            title: "another".into(),
            narrative: "why".into(),
            changes: vec![Edit::AddState],
            view: StoryView::Map,
            year: Some(2030.0),
        }),
        Edit::InsertStoryStep {
            at: 0,
            step: StoryStep {
                title: "first".into(),
                narrative: String::new(),
                changes: Vec::new(),
                view: StoryView::Bloc,
                year: None,
            },
        },
        Edit::RemoveStoryStep { index: 0 },
        Edit::Batch(vec![
            Edit::Set {
                input: "asean.hard_law".into(),
                value: 0.9,
            },
            Edit::RemoveState {
                state: "LAO".into(),
            },
        ]),
        Edit::Replace(Box::new(replaced)),
    ]
}

#[test]
fn every_kind_of_edit_applies_undoes_exactly_and_round_trips_through_ron() {
    let original = scenario();
    let edits = catalogue(&original);
    let mut seen: Vec<&str> = edits.iter().map(variant).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), VARIANTS, "the catalogue covers every variant");
    for edit in &edits {
        let mut s = original.clone();
        let inverse = match edit.apply(&mut s) {
            Ok(Applied::Changed { inverse }) => inverse,
            other => panic!("{edit:?}: {other:?}"),
        };
        assert_ne!(s, original, "{edit:?} changed nothing");
        assert!(s.errors().is_empty(), "{edit:?}: {:?}", s.errors());
        let undone = {
            let mut u = s.clone();
            inverse
                .apply(&mut u)
                .unwrap_or_else(|e| panic!("{edit:?}: {e}"));
            u
        };
        assert_eq!(
            undone, original,
            "the inverse of {edit:?} restores it exactly"
        );
        let text = ron::to_string(edit).unwrap();
        let back: Edit = ron::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(&back, edit);
        assert!(!edit.describe(&original).is_empty());
    }
}

#[test]
fn a_story_step_keeps_working_when_unrelated_edits_come_between_it_and_stepping_back() {
    let base = scenario();
    let step = Edit::Batch(vec![
        Edit::Set {
            input: "KHM.governance".into(),
            value: 0.6,
        },
        Edit::AddLever(LeverEntry {
            intensity: 0.5,
            ..base.levers[0].clone()
        }),
    ]);
    let mut s = base.clone();
    let undo = step.apply(&mut s).unwrap().inverse().unwrap();
    // A lever before the added one is removed, a different input is changed.
    Edit::RemoveLever { index: 0 }.apply(&mut s).unwrap();
    Edit::Set {
        input: "KHM.talent".into(),
        value: 0.9,
    }
    .apply(&mut s)
    .unwrap();
    undo.apply(&mut s).unwrap();
    assert_eq!(s.states[1].governance, base.states[1].governance);
    assert_eq!(s.states[1].talent, 0.9, "the unrelated edit stays");
    assert_eq!(s.levers.len(), base.levers.len() - 1);
    assert_eq!(&s.levers[..], &base.levers[1..]);
}

#[test]
fn refused_edits_name_what_is_allowed_and_change_nothing() {
    let original = scenario();
    let cases: Vec<(Edit, &str)> = vec![
        (
            Edit::SetLeverWindow {
                index: 0,
                start_year: 2025.0,
                end_year: 2000.0,
            },
            "end_year",
        ),
        (
            Edit::RecodePower {
                power: "CN".into(),
                code: "KHM".into(),
            },
            "already used",
        ),
        (
            Edit::Set {
                input: "KHM.governance".into(),
                value: f64::NAN,
            },
            "finite",
        ),
        (
            Edit::Set {
                input: "KHM.governance".into(),
                value: 1.5,
            },
            "must be",
        ),
        (
            Edit::Set {
                input: "KHM.colour".into(),
                value: 0.5,
            },
            "no state field",
        ),
        (
            Edit::SetLeverTargets {
                index: 0,
                targets: Targets::States(Vec::new()),
            },
            "at least one state",
        ),
        (
            Edit::SetLeverTargets {
                index: 0,
                targets: Targets::States(vec!["XYZ".into()]),
            },
            "no state \"XYZ\"",
        ),
        (Edit::RemoveLever { index: 99 }, "no lever entry 99"),
        (
            Edit::SetPowerColour {
                power: "US".into(),
                colour: "blue".into(),
            },
            "#RRGGBB",
        ),
        (
            Edit::SetShares {
                state: "KHM".into(),
                anchor: false,
                shares: vec![0.5, 0.5],
            },
            "poles",
        ),
        (
            Edit::SetShares {
                state: "KHM".into(),
                anchor: false,
                shares: vec![0.5, 0.5, 0.5, 0.5],
            },
            "sum",
        ),
        (
            Edit::AddLiveLever {
                input: "levers[99].intensity".into(),
            },
            "levers[99]",
        ),
        (
            Edit::Batch(vec![
                Edit::Set {
                    input: "asean.hard_law".into(),
                    value: 0.9,
                },
                Edit::RemoveState {
                    state: "NOPE".into(),
                },
            ]),
            "NOPE",
        ),
    ];
    for (edit, says) in cases {
        let mut s = original.clone();
        let err = match edit.apply(&mut s) {
            Err(e) => e,
            Ok(a) => panic!("{edit:?} was accepted: {a:?}"),
        };
        assert!(err.to_string().contains(says), "{edit:?}: {err}");
        assert_eq!(s, original, "{edit:?} left a change behind");
    }
    let mut one_power = original.clone();
    one_power.powers.truncate(1);
    for st in &mut one_power.states {
        st.alignment = vec![0.5, 0.5];
        st.anchor = None;
        st.dependency.truncate(1);
    }
    one_power
        .levers
        .retain(|e| e.power == one_power.powers[0].code);
    let code = one_power.powers[0].code.clone();
    assert!(matches!(
        Edit::RemovePower { power: code }.apply(&mut one_power),
        Err(EditError::LastOne(_))
    ));
}

#[test]
fn a_refused_rename_records_no_step_and_leaves_the_document_clean() {
    let mut doc = Document::new(scenario(), Some("x.ron".into()));
    let generation = doc.generation();
    let refused = doc.apply(Change::new(Edit::RecodePower {
        power: "CN".into(),
        code: "US".into(),
    }));
    assert!(
        matches!(refused, Err(EditError::CodeTaken(_))),
        "{refused:?}"
    );
    assert!(!doc.can_undo());
    assert!(!doc.is_dirty());
    assert_eq!(doc.generation(), generation, "the engine does not re-run");
}

#[test]
fn undo_and_redo_walk_a_long_history_of_every_kind_of_edit() {
    let original = scenario();
    let mut doc = Document::new(original.clone(), None);
    let mut states = vec![original.clone()];
    for edit in catalogue(&original) {
        if matches!(edit, Edit::Replace(_)) {
            continue;
        }
        // Edits named against the original may no longer apply after earlier ones; those that do
        // must undo to the state before them.
        if let Ok(Some(_)) = doc.apply(Change::new(edit)) {
            states.push(doc.scenario().clone());
        }
    }
    assert!(
        states.len() > 30,
        "most edits apply in sequence: {}",
        states.len()
    );
    for want in states.iter().rev().skip(1) {
        assert!(doc.undo());
        assert_eq!(doc.scenario(), want);
    }
    assert_eq!(doc.scenario(), &original);
    for want in states.iter().skip(1) {
        assert!(doc.redo());
        assert_eq!(doc.scenario(), want);
    }
}

#[test]
fn every_kind_of_edit_survives_a_file_as_a_story_step_and_as_a_round_log_entry() {
    let original = scenario();
    for edit in catalogue(&original) {
        let mut want = original.clone();
        let inverse = edit.apply(&mut want).unwrap().inverse().unwrap();
        // As a story step, saved and opened again, then stepped.
        let mut carrier = original.clone();
        carrier.story = vec![StoryStep {
            title: variant(&edit).into(),
            narrative: String::new(),
            changes: vec![edit.clone()],
            view: StoryView::Tilt,
            year: None,
        }];
        carrier.round_log = vec![asean_futures::model::LogEntry {
            time: "2026-12-02 10:00:00".into(),
            team: "Facilitator".into(),
            change: edit.describe(&original),
            argument: String::new(),
            edits: vec![edit.clone()],
            undo: vec![inverse],
        }];
        let text = asean_futures::io::scenario_to_string(&carrier).unwrap();
        let opened = asean_futures::io::parse_scenario(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", variant(&edit)));
        assert_eq!(opened.story, carrier.story, "{}", variant(&edit));
        let mut stepped = opened.clone();
        asean_futures::model::apply_step(&mut stepped, &opened.story[0])
            .unwrap_or_else(|e| panic!("{e}"));
        stepped.story = want.story.clone();
        stepped.round_log = want.round_log.clone();
        assert_eq!(stepped, want, "{} as a story step", variant(&edit));
        // As a round-log entry: replayed, then taken back.
        let entry = &opened.round_log[0];
        let mut replayed = original.clone();
        Edit::Batch(entry.edits.clone())
            .apply(&mut replayed)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(replayed, want, "{} replayed from the log", variant(&edit));
        Edit::Batch(entry.undo.clone())
            .apply(&mut replayed)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            replayed,
            original,
            "{} taken back from the log",
            variant(&edit)
        );
    }
}
