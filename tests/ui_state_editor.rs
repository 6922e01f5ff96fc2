//! The member-state editor through the real widgets: a profile field changes the scenario and the
//! run, alignment stays on the simplex, undo and redo restore values, a drag is one undo step.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::engine::BlocIndex;
use common::ui::{app_in, click, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn changing_governance_by_its_label_changes_the_scenario_and_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    let before = h.state().run().unwrap().clone();
    h.get_by_role_and_label(Role::Slider, "Governance")
        .set_value_accesskit(0.8);
    h.run();
    let app = h.state();
    assert_eq!(app.document().scenario().states[1].governance, 0.8);
    let after = app.run().unwrap();
    // Better governance lets the conditional US reach Cambodia further: its tilt rises.
    let last = after.len() - 1;
    assert!(
        after.tilt(last, 1) > before.tilt(last, 1),
        "{} vs {}",
        after.tilt(last, 1),
        before.tilt(last, 1)
    );
    assert!(
        app.title().ends_with('•'),
        "unsaved marker in {:?}",
        app.title()
    );
}

#[test]
fn alignment_shares_stay_on_the_simplex() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    // The calibrated anchor's sliders are named apart from the alignment's.
    let anchor_before = h.state().document().scenario().states[1].anchor.clone();
    assert!(
        h.query_by_role_and_label(Role::Slider, "China anchor")
            .is_some()
    );
    h.get_by_role_and_label(Role::Slider, "China share")
        .set_value_accesskit(0.8);
    h.run();
    assert_eq!(
        h.state().document().scenario().states[1].anchor,
        anchor_before
    );
    // Moving the calibrated anchor by hand drops its "calibrated:" note.
    h.get_by_role_and_label(Role::Slider, "China anchor")
        .set_value_accesskit(0.6);
    h.run();
    let st = &h.state().document().scenario().states[1];
    assert_eq!(st.anchor.as_ref().unwrap()[1], 0.6);
    assert!(
        !st.basis
            .contains_key(&asean_futures::model::StateField::Anchor)
    );
    let x = &h.state().document().scenario().states[1].alignment;
    assert_eq!(x[1], 0.8);
    assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{x:?}");
    assert!(h.state().run().is_some());
}

#[test]
fn undo_and_redo_restore_values_by_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    h.get_by_role_and_label(Role::Slider, "Hedging capacity")
        .set_value_accesskit(0.9);
    h.run();
    assert_eq!(h.state().document().scenario().states[1].hedging, 0.9);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().document().scenario().states[1].hedging, 0.35);
    assert!(
        h.state().title().ends_with("(not saved yet)"),
        "{}",
        h.state().title()
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(h.state().document().scenario().states[1].hedging, 0.9);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(h.state().document().scenario().states[1].hedging, 0.9);
}

#[test]
fn dragging_a_slider_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    let rect = h.get_by_role_and_label(Role::Slider, "Governance").rect();
    let y = rect.center().y;
    h.event(egui::Event::PointerMoved(egui::pos2(rect.left() + 5.0, y)));
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(rect.left() + 5.0, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    let mut seen = Vec::new();
    for k in 1..=8 {
        h.event(egui::Event::PointerMoved(egui::pos2(
            rect.left() + 5.0 + k as f32 * (rect.width() - 10.0) / 8.0,
            y,
        )));
        h.step();
        seen.push(h.state().document().scenario().states[1].governance);
    }
    h.event(egui::Event::PointerButton {
        pos: egui::pos2(rect.right() - 5.0, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let distinct: std::collections::BTreeSet<u64> = seen.iter().map(|v| v.to_bits()).collect();
    assert!(
        distinct.len() >= 4,
        "the drag moved the value through several steps: {seen:?}"
    );
    assert!(h.state().document().scenario().states[1].governance > 0.9);
    // The bloc indices follow every step of the drag.
    assert!(
        h.state()
            .run()
            .unwrap()
            .bloc(20, BlocIndex::Cohesion)
            .is_finite()
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().document().scenario().states[1].governance,
        0.2,
        "one undo reverts the whole drag"
    );
    assert!(!h.state().document().can_undo());
}

#[test]
fn reset_returns_a_field_to_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    h.get_by_role_and_label(Role::Slider, "Digital talent")
        .set_value_accesskit(0.5);
    h.run();
    assert_eq!(h.state().document().scenario().states[1].talent, 0.5);
    // Only the edited row's reset button is enabled.
    assert!(
        !h.get_by_label("Reset Digital talent")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        h.get_by_label("Reset Governance")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("Reset Digital talent").click();
    h.run();
    assert_eq!(h.state().document().scenario().states[1].talent, 0.13);
}
