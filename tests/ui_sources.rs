//! Confidence grades and Help → Model & sources through the real widgets: a field's grade mark
//! rewrites its note's grade as one undo step, an ASEAN setting's note is edited like a state's,
//! and the page lists the constants and this scenario's inputs with the counts the model computes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::model::{AseanField, ConstantId, Grade, GradeCounts, StateField};
use asean_futures::ui::Selection;
use common::ui::{app_in, click, harness, harness_sized};
use egui_kittest::kittest::Queryable;

#[test]
fn a_grade_mark_changes_the_grade_of_a_fields_note_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "BRN  Brunei Darussalam");
    let note = |h: &egui_kittest::Harness<'static, asean_futures::app::AseanApp>| {
        h.state().document().scenario().states[0]
            .basis_of(StateField::Governance)
            .to_string()
    };
    let before = note(&h);
    assert_eq!(Grade::of_note(&before), Grade::Judgment);
    click(&mut h, "Governance grade: judgment");
    click(&mut h, Grade::Source.meaning());
    let after = note(&h);
    assert_eq!(Grade::of_note(&after), Grade::Source, "{after:?}");
    // The words of the note stay; only its grade changed.
    assert_eq!(
        asean_futures::model::note_text(&after),
        asean_futures::model::note_text(&before)
    );
    assert!(h.query_by_label("Governance grade: source").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(note(&h), before);
}

#[test]
fn an_asean_setting_shows_and_edits_its_basis() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    h.state_mut().ui.selection = Selection::Asean;
    h.run();
    let field = h.get_by_label("Hard law basis");
    assert!(
        field
            .value()
            .is_some_and(|v| v.starts_with("judgment: middling")),
        "{:?}",
        field.value()
    );
    assert!(h.query_by_label("Hard law grade: judgment").is_some());
    field.focus();
    h.run();
    h.get_by_label("Hard law basis")
        .type_text(" pending the signed text");
    h.key_press(egui::Key::Enter);
    h.run();
    let s = h.state().document().scenario();
    assert!(
        AseanField::HardLaw
            .basis_in(&s.asean)
            .ends_with("pending the signed text"),
        "{:?}",
        s.asean.basis
    );
}

#[test]
fn f1_opens_model_and_sources_with_the_constants_and_the_inputs_by_grade() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app_in(dir.path()), egui::vec2(1280.0, 720.0));
    assert!(h.query_by_label("Model & sources").is_none());
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.query_by_label("Model & sources").is_some());
    assert!(h.query_by_label_contains("Friedkin–Johnsen").is_some());
    click(&mut h, "Constants");
    for &id in ConstantId::ALL {
        let title = format!("{} ({})", id.label(), id.symbol());
        assert!(h.query_by_label(&title).is_some(), "{title} is listed");
    }
    click(&mut h, "This scenario's inputs");
    let summary = GradeCounts::of(h.state().document().scenario()).summary();
    assert!(h.query_by_label(&summary).is_some(), "{summary}");
    // Filtering by a grade lists only those inputs.
    let governance = "Brunei Darussalam · Governance grade: judgment";
    assert!(h.query_by_label(governance).is_some());
    let sources = GradeCounts::of(h.state().document().scenario()).count(Grade::Source);
    click(&mut h, &format!("source ({sources})"));
    assert!(h.query_by_label(governance).is_none());
    assert!(
        h.query_by_label("Brunei Darussalam · GDP grade: source")
            .is_some()
    );
}

#[test]
fn a_powers_market_pull_shows_its_calibrated_grade_and_takes_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    h.state_mut().ui.selection = Selection::Power(1);
    h.run();
    click(&mut h, "Market pull grade: calibrated");
    click(&mut h, Grade::Judgment.meaning());
    let note = h.state().document().scenario().powers[1].basis
        [&asean_futures::model::PowerField::SectorPull]
        .clone();
    assert!(note.starts_with("judgment: least-squares"), "{note}");
}
