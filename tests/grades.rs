//! Confidence grades: every shipped note states its grade as the rule reads it, schema 6's migration
//! writes the grade into old notes without changing what they are read as, ASEAN settings take basis
//! notes, and the per-scenario counts follow an edit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::io;
use asean_futures::model::{
    Applied, AseanField, BasisOf, ConstantId, Edit, Grade, GradeCounts, StateField, graded_inputs,
    graded_note,
};

fn shipped() -> Vec<(String, asean_futures::model::Scenario)> {
    let dir = common::root().join("saved_scenarios");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, io::load_scenario(&path).unwrap()));
        }
    }
    assert!(out.len() >= 7, "{} shipped scenarios", out.len());
    out
}

#[test]
fn every_shipped_note_states_its_grade_as_the_rule_reads_it() {
    for (name, s) in shipped() {
        for input in graded_inputs(&s) {
            if input.note.is_empty() {
                continue;
            }
            assert_eq!(
                graded_note(&input.note),
                input.note,
                "{name}: {} does not state its grade first",
                input.place
            );
        }
        for field in AseanField::ALL {
            assert!(
                !field.basis_in(&s.asean).is_empty(),
                "{name}: ASEAN {} has no basis",
                field.meta().key
            );
        }
    }
}

#[test]
fn a_version_5_file_opens_with_every_note_graded_as_before() {
    let v5 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v5.ron")).unwrap();
    assert!(v5.contains("version: 5,"), "the stored file must stay v5");
    let old = v5.replacen("version: 5,", "version: 6,", 1);
    // Read as version 6 without the migration, the notes keep their v5 wording; the rule grades them.
    let unmigrated = io::parse_scenario(&old).unwrap();
    let migrated = io::parse_scenario(&v5).unwrap();
    assert_eq!(migrated.version, asean_futures::model::SCHEMA_VERSION);
    let before = graded_inputs(&unmigrated);
    let after = graded_inputs(&migrated);
    assert_eq!(before.len(), after.len());
    let mut rewritten = 0;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.place, a.place);
        assert_eq!(b.grade, a.grade, "{}: {:?} → {:?}", b.place, b.note, a.note);
        if !a.note.is_empty() {
            assert!(a.note.starts_with(a.grade.word()), "{:?}", a.note);
        }
        if a.note != b.note {
            rewritten += 1;
        }
    }
    assert!(rewritten > 100, "{rewritten} notes rewritten");
    // "assumption:" reads as judgment and is written as such.
    let khm = &migrated.states[1];
    assert!(
        khm.basis_of(StateField::DefaCommitment)
            .starts_with("judgment: ")
    );
    // What only version 6 can say is refused in a version-5 file.
    let with_asean_basis = v5.replacen(
        "harmonisation: 0.5)",
        "harmonisation: 0.5, basis: {hard_law: \"judgment: x\"})",
        1,
    );
    assert_ne!(with_asean_basis, v5);
    let err = io::parse_scenario(&with_asean_basis)
        .unwrap_err()
        .to_string();
    assert!(err.contains("need version 6"), "{err}");
}

#[test]
fn the_counts_cover_every_input_and_follow_an_edit() {
    let mut s = common::baseline();
    let inputs = graded_inputs(&s);
    let anchors = s.states.iter().filter(|st| st.anchor.is_some()).count();
    let expected = s.states.len() * (StateField::SCALARS.len() + 2)
        + anchors
        + s.powers.len() * 3
        + AseanField::ALL.len()
        + ConstantId::ALL.len()
        + s.levers.len();
    assert_eq!(inputs.len(), expected);
    let counts = GradeCounts::of(&s);
    assert_eq!(counts.total(), expected);
    let by_rule = |g: Grade| inputs.iter().filter(|i| i.grade == g).count();
    for g in Grade::ALL {
        assert_eq!(counts.count(g), by_rule(g), "{g:?}");
    }
    // The baseline has inputs of every grade, so the summary names four shares.
    assert!(Grade::ALL.iter().all(|&g| counts.count(g) > 0));
    let summary = counts.summary();
    assert!(
        summary.starts_with(&format!(
            "{} % of the {expected} inputs are judgments",
            counts.percent(Grade::Judgment)
        )),
        "{summary}"
    );
    // Giving Brunei's governance a source moves one input from judgment to source, and back on undo.
    let edit = Edit::SetBasis {
        of: BasisOf::State {
            state: "BRN".into(),
            field: StateField::Governance,
        },
        note: "source: V-Dem 2024 liberal democracy index, rescaled".into(),
    };
    assert_eq!(
        Grade::of_note(s.states[0].basis_of(StateField::Governance)),
        Grade::Judgment
    );
    let inverse = changed(edit.apply(&mut s).unwrap());
    let after = GradeCounts::of(&s);
    assert_eq!(
        after.count(Grade::Judgment),
        counts.count(Grade::Judgment) - 1
    );
    assert_eq!(after.count(Grade::Source), counts.count(Grade::Source) + 1);
    inverse.apply(&mut s).unwrap();
    assert_eq!(GradeCounts::of(&s), counts);
}

#[test]
fn an_asean_setting_takes_a_basis_note_that_saves_and_undoes() {
    let mut s = common::baseline();
    let edit = Edit::SetBasis {
        of: BasisOf::Asean {
            field: AseanField::HardLaw,
        },
        note: "source: DEFA text, chapter on dispute settlement".into(),
    };
    let inverse = changed(edit.apply(&mut s).unwrap());
    assert_eq!(
        Grade::of_note(AseanField::HardLaw.basis_in(&s.asean)),
        Grade::Source
    );
    let text = io::scenario_to_string(&s).unwrap();
    let back = io::parse_scenario(&text).unwrap();
    assert_eq!(back.asean.basis, s.asean.basis);
    inverse.apply(&mut s).unwrap();
    assert_eq!(s.asean, common::baseline().asean);
}

fn changed(applied: Applied) -> Edit {
    match applied {
        Applied::Changed { inverse } => inverse,
        Applied::Unchanged => panic!("the edit changed nothing"),
    }
}
