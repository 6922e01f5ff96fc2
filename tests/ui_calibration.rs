//! Model → Calibrate… through the real widgets: run, read the report, apply as one undo step, undo;
//! and Cancel leaves the scenario untouched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::model::Constants;
use common::ui::{app_in, click, harness_sized, run_until};
use egui_kittest::kittest::Queryable;

fn with_default_constants() -> egui_kittest::Harness<'static, asean_futures::app::AseanApp> {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app_in(dir.path()), egui::vec2(1280.0, 720.0));
    click(&mut h, "Constants *");
    click(&mut h, "Reset all to defaults");
    assert_eq!(
        h.state().document().scenario().constants,
        Constants::default()
    );
    h
}

#[test]
fn calibrating_writes_the_fit_as_one_undo_step() {
    let mut h = with_default_constants();
    click(&mut h, "Model");
    click(&mut h, "Calibrate…");
    click(&mut h, "Run calibration");
    run_until(&mut h, "the calibration", |app| !app.calibration_running());
    // The report is shown before anything changes.
    assert!(h.query_by_label_contains("Constants that moved").is_some());
    assert_eq!(
        h.state().document().scenario().constants,
        Constants::default()
    );
    click(&mut h, "Apply to the scenario");
    let s = h.state().document().scenario();
    assert_ne!(s.constants, Constants::default());
    assert!(s.constants_basis["adjustment_years"].starts_with("calibrated:"));
    assert!(s.states.iter().all(|st| st.anchor.is_some()));
    assert!(h.query_by_label_contains("Applied").is_some());
    // One undo takes all of it back.
    click(&mut h, "Close");
    assert!(
        h.query_by_label("Run calibration").is_none(),
        "the window closed"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let s = h.state().document().scenario();
    assert_eq!(s.constants, Constants::default());
    assert!(s.constants_basis.is_empty());
}

#[test]
fn cancel_stops_the_calibration_and_changes_nothing() {
    let mut h = with_default_constants();
    click(&mut h, "Model");
    click(&mut h, "Calibrate…");
    h.get_by_label("Run calibration").click();
    h.step();
    h.step();
    // A fit takes hundreds of model runs; two frames are far shorter.
    assert!(h.state().calibration_running());
    assert!(
        h.query_by_label_contains("runs of the model").is_some(),
        "progress is shown"
    );
    click(&mut h, "Cancel");
    assert!(!h.state().calibration_running());
    assert!(h.query_by_label_contains("cancelled").is_some());
    run_until(&mut h, "the calibration to stop", |app| {
        !app.calibration_running()
    });
    assert_eq!(
        h.state().document().scenario().constants,
        Constants::default()
    );
    // A typed backcast that does not exist is named in the error, and nothing changes.
    let field = h.get_by_label("Backcast file:");
    field.click();
    h.run();
    h.get_by_label("Backcast file:")
        .type_text("/nonexistent/backcast.ron");
    h.run();
    click(&mut h, "Run calibration");
    run_until(&mut h, "the refusal", |app| !app.calibration_running());
    assert!(
        h.query_by_label_contains("/nonexistent/backcast.ron")
            .is_some()
    );
    assert_eq!(
        h.state().document().scenario().constants,
        Constants::default()
    );
}
