//! The other editors through their real widgets: the leverage board, lever entries, power settings,
//! ASEAN/DEFA, time settings, constants and adding and removing states.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::engine::BlocIndex;
use asean_futures::model::LeverKind;
use common::ui::{app_in, click, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn end<T>(
    h: &egui_kittest::Harness<'static, asean_futures::app::AseanApp>,
    f: impl Fn(&asean_futures::engine::Run, usize) -> T,
) -> T {
    let run = h.state().run().unwrap();
    f(run, run.len() - 1)
}

#[test]
fn a_leverage_cell_moves_the_targets_alignment_toward_the_power() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Leverage board");
    let before = end(&h, |r, t| r.alignment(t, 1)[1]);
    h.get_by_label("CN Infrastructure finance on KHM")
        .set_value_accesskit(1.0);
    h.run();
    let s = h.state().document().scenario();
    assert_eq!(
        s.lever_cell("CN", "KHM", LeverKind::InfrastructureFinance, 2030.0),
        1.0
    );
    // Other states keep their cells.
    assert_eq!(
        s.lever_cell("CN", "LAO", LeverKind::InfrastructureFinance, 2030.0),
        0.7
    );
    let after = end(&h, |r, t| r.alignment(t, 1)[1]);
    assert!(
        after > before,
        "China's share in Cambodia should rise: {before} → {after}"
    );
    // Infrastructure finance also builds infrastructure (MODEL.md stage 1).
    assert!(
        end(&h, |r, t| r.infrastructure(t, 1))
            > h.state().document().scenario().states[1].infrastructure
    );
}

#[test]
fn lever_entries_can_be_added_edited_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Leverage board");
    let n = h.state().document().scenario().levers.len();
    click(&mut h, "Add CN lever entry");
    assert_eq!(h.state().document().scenario().levers.len(), n + 1);
    let label = format!("Lever {} intensity", n + 1);
    h.get_by_role_and_label(Role::Slider, &label)
        .set_value_accesskit(0.9);
    h.run();
    assert_eq!(h.state().document().scenario().levers[n].intensity, 0.9);
    h.get_by_label(&format!("Lever {} start year", n + 1))
        .set_value_accesskit(2030.0);
    h.run();
    assert_eq!(h.state().document().scenario().levers[n].start_year, 2030.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().document().scenario().levers.len(), n);
}

#[test]
fn a_new_lever_entry_moves_nothing_until_configured_and_targets_take_few_clicks() {
    use asean_futures::model::Targets;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Leverage board");
    let before = h.state().run().unwrap().clone();
    let n = h.state().document().scenario().levers.len();
    click(&mut h, "Add CN lever entry");
    let entry = h.state().document().scenario().levers[n].clone();
    assert_eq!(entry.intensity, 0.0, "a new entry starts inactive");
    assert_eq!(entry.targets, Targets::States(Vec::new()));
    assert_eq!(
        h.state().run().unwrap(),
        &before,
        "adding an entry changes no result"
    );
    // The new entry's target list is open at once: one click on the CLM preset targets Cambodia,
    // Laos and Myanmar.
    assert!(
        h.query_by_label("CLM").is_some(),
        "the new entry's target list opens by itself"
    );
    click(&mut h, "CLM");
    let codes = |h: &egui_kittest::Harness<'static, asean_futures::app::AseanApp>| match &h
        .state()
        .document()
        .scenario()
        .levers[n]
        .targets
    {
        Targets::States(c) => c.clone(),
        Targets::All => vec!["all".into()],
    };
    assert_eq!(codes(&h), ["KHM", "LAO", "MMR"]);
    // The list stays open: two more ticks in a row, with no reopening.
    let tick = |h: &mut egui_kittest::Harness<'static, asean_futures::app::AseanApp>,
                label: &str| {
        // The chart legend has checkboxes of the same names, on the right; the list is on the left.
        h.query_all_by_role_and_label(Role::CheckBox, label)
            .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
            .expect("the target list is open")
            .click();
        h.run();
    };
    tick(&mut h, "THA Thailand");
    tick(&mut h, "VNM Viet Nam");
    assert_eq!(codes(&h), ["KHM", "LAO", "MMR", "THA", "VNM"]);
    tick(&mut h, "LAO Lao PDR");
    assert_eq!(codes(&h), ["KHM", "MMR", "THA", "VNM"]);
    click(&mut h, "All");
    assert_eq!(codes(&h), ["all"]);
    click(&mut h, "Maritime");
    assert_eq!(codes(&h), ["BRN", "IDN", "MYS", "PHL", "SGP", "TLS"]);
}

#[test]
fn hard_law_and_monitoring_raise_defa_integration() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "ASEAN / DEFA");
    let before = end(&h, |r, t| r.bloc(t, BlocIndex::DefaIntegration));
    h.get_by_role_and_label(Role::Slider, "Hard law")
        .set_value_accesskit(0.9);
    h.run();
    h.get_by_role_and_label(Role::Slider, "Monitoring")
        .set_value_accesskit(0.9);
    h.run();
    let after = end(&h, |r, t| r.bloc(t, BlocIndex::DefaIntegration));
    assert!(after > before + 0.05, "{before} → {after}");
}

#[test]
fn power_settings_and_adding_a_power() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "US  United States");
    h.get_by_role_and_label(Role::Slider, "Capability")
        .set_value_accesskit(0.4);
    h.run();
    assert_eq!(h.state().document().scenario().powers[0].capability, 0.4);
    click(&mut h, "Add power");
    click(&mut h, "Japan (JP)");
    let s = h.state().document().scenario();
    assert_eq!(s.powers.len(), 4);
    assert_eq!(s.powers[3].code, "JP");
    assert!(s.states.iter().all(|st| st.alignment.len() == 5));
    assert_eq!(
        h.state().run().unwrap().n_powers,
        4,
        "the run follows the new power"
    );
}

#[test]
fn constants_are_editable_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Constants *");
    let before = end(&h, |r, t| r.tilt(t, 1));
    // The baseline's lock-in is calibrated and says so; a hand edit drops the note.
    let calibrated = h.state().document().scenario().constants.lock_in;
    assert!(h.state().document().scenario().constants_basis["lock_in"].starts_with("calibrated:"));
    // Its grade shows beside its note, which the panel lets the user edit.
    assert!(h.query_by_label("Lock-in grade: calibrated").is_some());
    assert!(
        h.get_by_label("Lock-in basis")
            .value()
            .is_some_and(|v| v.starts_with("calibrated:"))
    );
    h.get_by_role_and_label(Role::Slider, "Lock-in")
        .set_value_accesskit(1.0);
    h.run();
    assert_ne!(calibrated, 1.0);
    assert_eq!(h.state().document().scenario().constants.lock_in, 1.0);
    assert!(
        !h.state()
            .document()
            .scenario()
            .constants_basis
            .contains_key("lock_in")
    );
    assert_ne!(end(&h, |r, t| r.tilt(t, 1)), before);
    click(&mut h, "Reset all to defaults");
    assert_eq!(
        h.state().document().scenario().constants,
        asean_futures::model::Constants::default()
    );
    assert!(h.state().document().scenario().constants_basis.is_empty());
}

#[test]
fn time_settings_change_the_horizon() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Time & ensemble");
    h.get_by_label("End year").set_value_accesskit(2035.0);
    h.run();
    assert_eq!(h.state().document().scenario().time.end_year, 2035.0);
    assert_eq!(h.state().run().unwrap().len(), 11);
}

#[test]
fn states_can_be_added_and_removed_and_undo_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "TLS  Timor-Leste");
    click(&mut h, "Remove");
    assert_eq!(h.state().document().scenario().states.len(), 10);
    assert_eq!(h.state().run().unwrap().n_states, 10);
    click(&mut h, "Add state");
    assert_eq!(h.state().document().scenario().states.len(), 11);
    assert_eq!(h.state().document().scenario().states[10].code, "NEW");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().document().scenario().states[10].code, "TLS");
}

#[test]
fn renaming_a_state_code_follows_into_lever_targets() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    let field = h.get_by_label("Code");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Code").type_text("CAM");
    h.key_press(egui::Key::Enter);
    h.run();
    let s = h.state().document().scenario();
    assert_eq!(s.states[1].code, "CAM");
    assert!(s.levers.iter().any(|e| matches!(&e.targets, asean_futures::model::Targets::States(c) if c.iter().any(|c| c == "CAM"))));
    assert!(s.is_valid());
}

#[test]
fn pausing_playback_rests_on_a_year_of_the_run_and_every_label_says_a_whole_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_step_dt(0.037)
        .build_ui_state(
            |ui, app: &mut asean_futures::app::AseanApp| app.ui_frame(ui),
            app_in(dir.path()),
        );
    h.run();
    h.get_by_label("Play").click();
    for _ in 0..9 {
        h.step();
    }
    let playing = h.state().ui.cursor_year.unwrap();
    assert!(
        (playing - playing.round()).abs() > 1e-6,
        "the test must pause between two years: {playing}"
    );
    h.get_by_label("Pause").click();
    h.step();
    h.run();
    let year = h.state().ui.cursor_year.unwrap();
    let times = &h.state().run().unwrap().times;
    assert!(times.contains(&year), "{year} is not a time of the run");
    h.get_by_label(&format!("At {}", year.round()));
}
