//! Facilitation through the real window: presenter mode by keyboard, stepping the shipped story
//! forward and back, live-lever edits logged with the team and argument, the round log exported, the
//! map selecting a state, and timeline playback.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::app::{AseanApp, NoDialogs, Prefs, Recovery};
use asean_futures::document::Document;
use asean_futures::io;
use asean_futures::ui::{MainChart, Selection};
use common::ui::{click, harness, type_path_and_confirm};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn story_app(dir: &std::path::Path) -> Harness<'static, AseanApp> {
    let path = common::root().join("saved_scenarios/workshop_story.ron");
    let scenario = io::load_scenario(&path).unwrap();
    let app = AseanApp::new(
        Document::new(scenario, Some(path)),
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(Some(dir.to_path_buf())),
    );
    harness(app)
}

/// Clicks a round-log button, scrolling the live-levers column to it first (in presenter mode the
/// log sits below the levers, in large text).
fn log_button(h: &mut Harness<'static, AseanApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
}

fn key(h: &mut Harness<'static, AseanApp>, k: egui::Key) {
    h.key_press(k);
    h.run();
}

#[test]
fn presenter_mode_by_keyboard_steps_the_story_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    let original = h.state().document().scenario().clone();
    key(&mut h, egui::Key::F11);
    assert!(h.state().ui.presenter);
    // The editors are hidden, the live levers and the story bar are shown.
    assert!(h.query_by_label("Duplicate").is_none());
    h.get_by_label("Live levers");
    h.get_by_label_contains("press PageDown to begin");

    key(&mut h, egui::Key::PageDown);
    key(&mut h, egui::Key::PageDown);
    h.get_by_label_contains("Step 2 of 5: Digital Silk Road push in CLM");
    assert_eq!(
        h.state().ui.chart,
        MainChart::Map,
        "the step shows its view"
    );
    assert_eq!(h.state().ui.cursor_year, Some(2035.0));
    assert_eq!(
        h.state().document().scenario().levers.len(),
        original.levers.len() + 3
    );

    key(&mut h, egui::Key::PageUp);
    key(&mut h, egui::Key::PageUp);
    assert_eq!(
        h.state().document().scenario(),
        &original,
        "stepping back restores the scenario"
    );
    key(&mut h, egui::Key::Escape);
    assert!(!h.state().ui.presenter);
    h.get_by_label("Duplicate");
}

#[test]
fn arrows_step_the_year_and_space_plays() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    key(&mut h, egui::Key::F11);
    key(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().ui.cursor_year, Some(2044.0));
    key(&mut h, egui::Key::ArrowLeft);
    key(&mut h, egui::Key::ArrowRight);
    assert_eq!(h.state().ui.cursor_year, Some(2044.0));
    // Space plays from the start when the cursor is at the end; a few frames move it on.
    h.state_mut().ui.cursor_year = Some(2045.0);
    h.key_press(egui::Key::Space);
    h.step();
    assert!(h.state().ui.playing);
    let start = h.state().ui.cursor_year.unwrap();
    for _ in 0..4 {
        h.step();
    }
    assert!(
        h.state().ui.cursor_year.unwrap() > start,
        "playback moves the year"
    );
    h.key_press(egui::Key::Space);
    h.step();
    assert!(!h.state().ui.playing);
}

#[test]
fn live_lever_edits_are_logged_with_team_and_argument_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    key(&mut h, egui::Key::F11);
    let team = h.get_by_label("Team");
    team.focus();
    h.run();
    h.get_by_label("Team").type_text("Team Mekong");
    h.get_by_label("Argument for the next change").focus();
    h.run();
    h.get_by_label("Argument for the next change")
        .type_text("binding rules stop drift");
    h.run();
    h.get_by_role_and_label(Role::Slider, "ASEAN's hard law")
        .set_value_accesskit(0.9);
    h.run();
    let log = h.state().document().log().to_vec();
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].team, "Team Mekong");
    assert_eq!(log[0].argument, "binding rules stop drift");
    assert!(
        log[0].change.contains("ASEAN's hard law from 0.5 to 0.9"),
        "{}",
        log[0].change
    );
    assert_eq!(h.state().document().scenario().asean.hard_law, 0.9);
    assert!(
        h.state().ui.argument.is_empty(),
        "the argument is used once"
    );
    // Undo reverts the value but not the record of what happened.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().document().scenario().asean.hard_law, 0.5);
    assert_eq!(h.state().document().log().len(), 1);

    // The log exports to Markdown and is saved with the scenario.
    let md = dir.path().join("log.md");
    click(&mut h, "File");
    click(&mut h, "Export round log…");
    type_path_and_confirm(&mut h, &md);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("| Team Mekong |") && text.contains("binding rules stop drift"),
        "{text}"
    );
    let saved = dir.path().join("with_log.ron");
    click(&mut h, "File");
    click(&mut h, "Save as…");
    type_path_and_confirm(&mut h, &saved);
    common::ui::run_until(&mut h, "the save", |app| !app.is_saving());
    assert_eq!(io::load_scenario(&saved).unwrap().round_log.len(), 1);
}

#[test]
fn clicking_a_state_on_the_map_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    click(&mut h, "Map");
    let anchors = h.state().ui.map_anchors.clone();
    assert_eq!(
        anchors.len(),
        11,
        "every member state is labelled on the map"
    );
    let (_, pos) = anchors.iter().find(|(c, _)| c == "LAO").unwrap().clone();
    // Click the state itself, just beside its label.
    let target = pos + egui::vec2(0.0, 0.0);
    h.event(egui::Event::PointerMoved(target));
    h.event(egui::Event::PointerButton {
        pos: target,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: target,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let lao = h.state().document().scenario().state_index("LAO").unwrap();
    assert_eq!(h.state().ui.selection, Selection::State(lao));
    // Every colouring has a legend that names its scale in words.
    h.get_by_label_contains("stronger colour = larger share");
}

#[test]
fn a_story_step_can_be_recorded_from_live_changes_and_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(common::ui::app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    h.get_by_role_and_label(Role::Slider, "Governance")
        .set_value_accesskit(0.7);
    h.run();
    click(&mut h, "Story");
    assert_eq!(h.state().ui.selection, Selection::Story);
    h.get_by_label("Title").focus();
    h.run();
    h.get_by_label("Title").type_text("Reform in Cambodia");
    h.run();
    click(&mut h, "Record step");
    let s = h.state().document().scenario().clone();
    assert_eq!(s.story.len(), 1);
    assert_eq!(s.story[0].title, "Reform in Cambodia");
    assert_eq!(h.state().ui.story_pos, 1);
    click(&mut h, "Step back");
    assert_eq!(h.state().document().scenario().states[1].governance, 0.2);
    click(&mut h, "Next step");
    assert_eq!(h.state().document().scenario().states[1].governance, 0.7);
}

#[test]
fn a_logged_change_can_be_taken_back_replayed_and_saved_as_a_story_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    key(&mut h, egui::Key::F11);
    h.get_by_role_and_label(Role::Slider, "ASEAN's hard law")
        .set_value_accesskit(0.9);
    h.run();
    let entry = h.state().document().log()[0].clone();
    assert_eq!(
        entry.edits,
        vec![asean_futures::model::Edit::Set {
            input: "asean.hard_law".into(),
            value: 0.9
        }],
        "the log holds the edit itself"
    );
    // Another change after it stays when the entry is taken back.
    h.state_mut().ui.team = "Beijing".into();
    log_button(&mut h, "Take back round-log entry 1");
    h.run();
    assert_eq!(h.state().document().scenario().asean.hard_law, 0.5);
    log_button(&mut h, "Replay round-log entry 1");
    h.run();
    assert_eq!(h.state().document().scenario().asean.hard_law, 0.9);
    let steps = h.state().document().scenario().story.len();
    log_button(&mut h, "To story round-log entry 1");
    h.run();
    let story = &h.state().document().scenario().story;
    assert_eq!(story.len(), steps + 1);
    assert_eq!(story[steps].changes, entry.edits);
    // Taking back, replaying and recording are logged too, and everything survives a save.
    assert!(h.state().document().log().len() >= 3);
    key(&mut h, egui::Key::Escape);
    let saved = dir.path().join("played.ron");
    click(&mut h, "File");
    click(&mut h, "Save as…");
    type_path_and_confirm(&mut h, &saved);
    common::ui::run_until(&mut h, "the save", |app| !app.is_saving());
    let reopened = io::load_scenario(&saved).unwrap();
    assert_eq!(reopened.round_log[0].edits, entry.edits);
    assert_eq!(reopened.round_log[0].undo, entry.undo);
    assert_eq!(reopened.story[steps].changes, entry.edits);
    let mut replay = story_app_scenario();
    for e in &reopened.round_log {
        asean_futures::model::Edit::Batch(e.edits.clone())
            .apply(&mut replay)
            .unwrap();
    }
    assert_eq!(replay.asean.hard_law, 0.9, "the saved log replays");
}

fn story_app_scenario() -> asean_futures::model::Scenario {
    io::load_scenario(&common::root().join("saved_scenarios/workshop_story.ron")).unwrap()
}

#[test]
fn presenter_mode_shows_each_steps_claims_with_the_models_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_app(dir.path());
    let s = story_app_scenario();
    let at_step = |k: usize| -> Vec<String> {
        s.claims
            .iter()
            .filter(|c| c.step.unwrap_or(0) == k)
            .map(|c| c.text.clone())
            .collect()
    };
    let (second, fourth) = (at_step(2), at_step(4));
    assert!(!second.is_empty() && !fourth.is_empty());
    key(&mut h, egui::Key::F11);
    key(&mut h, egui::Key::PageDown);
    key(&mut h, egui::Key::PageDown);
    // Step 2's claims are on screen with a tick and their number; step 4's are not yet.
    for text in &second {
        let node = h.get_by_label_contains(text);
        let a = node.accesskit_node();
        let label: String = a.label().or_else(|| a.value()).unwrap_or_default();
        assert!(label.contains(" — +0."), "the number is shown: {label}");
    }
    assert!(h.query_all_by_label("Claim holds").count() >= second.len());
    assert!(h.query_all_by_label("Claim fails").next().is_none());
    for text in &fourth {
        assert!(h.query_by_label_contains(text).is_none(), "{text}");
    }
    key(&mut h, egui::Key::PageDown);
    key(&mut h, egui::Key::PageDown);
    for text in &fourth {
        h.get_by_label_contains(text);
    }
    // A live change of a constant no step sets (DEFA uptake nearly stopped) leaves the weak DEFA
    // little to take away, and its claim turns to a cross in front of the room.
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        asean_futures::ui::Command::edit(asean_futures::model::Edit::Set {
            input: "constants.defa_uptake_rate".into(),
            value: 0.02,
        }),
    );
    h.run();
    // The run follows the live change (it once kept the run of before it).
    let fresh = asean_futures::engine::run(h.state().document().scenario()).unwrap();
    let last = fresh.len() - 1;
    assert_eq!(
        h.state().run().unwrap().alignment(last, 1),
        fresh.alignment(last, 1)
    );
    assert!(h.query_all_by_label("Claim fails").next().is_some());
}

#[test]
fn the_scenario_panel_lists_the_claims_and_measures_them_again_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::root().join("saved_scenarios/us_trade_squeeze.ron");
    let scenario = io::load_scenario(&path).unwrap();
    let n = scenario.claims.len();
    let app = AseanApp::new(
        Document::new(scenario.clone(), Some(path)),
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(Some(dir.path().to_path_buf())),
    );
    let mut h = harness(app);
    h.state_mut().ui.selection = Selection::Scenario;
    h.run();
    h.get_by_label("What to look for");
    h.get_by_label(&format!("{n} of {n} claims hold"));
    for claim in &scenario.claims {
        h.get_by_label(&claim.text);
    }
    // Each claim says what it measures and the number, e.g. against the baseline file.
    assert!(
        h.query_all_by_label_contains("against baseline_2025.ron:")
            .next()
            .is_some()
    );
    // Taking the export controls away breaks the claim about Chinese dependency.
    let controls: Vec<usize> = scenario
        .levers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == asean_futures::model::LeverKind::ExportControls)
        .map(|(i, _)| i)
        .collect();
    assert!(!controls.is_empty());
    let ctx = h.ctx.clone();
    for i in controls {
        h.state_mut().apply(
            &ctx,
            asean_futures::ui::Command::edit(asean_futures::model::Edit::Set {
                input: format!("levers[{i}].intensity"),
                value: 0.0,
            }),
        );
    }
    h.run();
    let fails = h.query_all_by_label("Claim fails").count();
    assert!(fails >= 1);
    h.get_by_label(&format!("{} of {n} claims hold", n - fails));
}
