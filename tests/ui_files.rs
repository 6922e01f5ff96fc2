//! Files through the real window: the unsaved-changes prompt, a failed load that keeps the open
//! scenario, opening every shipped scenario, saving and reopening, quitting, and recovery copies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::io;
use asean_futures::ui::Modal;
use common::ui::{app_in, click, harness, open_via_menu, run_until, type_path_and_confirm};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

fn edit_governance(h: &mut egui_kittest::Harness<'static, asean_futures::app::AseanApp>, v: f64) {
    click(h, "KHM  Cambodia");
    h.get_by_role_and_label(Role::Slider, "Governance")
        .set_value_accesskit(v);
    h.run();
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    edit_governance(&mut h, 0.7);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    h.get_by_label_contains("has changes that are not saved");
    click(&mut h, "Cancel");
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().document().scenario().states[1].governance, 0.7);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    click(&mut h, "Discard");
    assert_eq!(
        h.state().document().scenario().states[1].governance,
        0.2,
        "a fresh baseline"
    );
    assert!(h.state().document().is_pristine());
}

#[test]
fn a_file_that_fails_to_load_lists_its_problems_and_keeps_the_open_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = io::BASELINE_RON
        .replacen("localisation: 1.0,", "localisation: 1.7,", 1)
        .replacen("hedging: 0.36,", "hedging: 2.0,", 1);
    std::fs::write(&bad, text).unwrap();
    let mut h = harness(app_in(dir.path()));
    edit_governance(&mut h, 0.7);
    let before = h.state().document().scenario().clone();
    // Opening asks about the unsaved change first.
    click(&mut h, "File");
    click(&mut h, "Open…");
    click(&mut h, "Discard");
    type_path_and_confirm(&mut h, &bad);
    match h.state().modal() {
        Some(Modal::LoadFailed { problems, .. }) => {
            assert_eq!(problems.len(), 2, "{problems:?}");
            assert!(
                problems
                    .iter()
                    .any(|p| p.contains("states[9] (VNM).localisation = 1.7")),
                "{problems:?}"
            );
        }
        other => panic!("expected the load error, got {other:?}"),
    }
    h.get_by_label_contains("localisation = 1.7");
    click(&mut h, "OK");
    assert_eq!(
        h.state().document().scenario(),
        &before,
        "the open scenario is untouched"
    );
}

#[test]
fn every_shipped_scenario_opens_through_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    for path in common::ron_files(&common::root().join("saved_scenarios")) {
        open_via_menu(&mut h, &path);
        let want = io::load_scenario(&path).unwrap();
        assert!(
            h.state().modal().is_none(),
            "{}: {:?}",
            path.display(),
            h.state().modal()
        );
        assert_eq!(h.state().document().scenario(), &want, "{}", path.display());
        assert!(
            h.state().document().is_pristine(),
            "showing {} must not edit it",
            path.display()
        );
        assert_eq!(
            h.state().run(),
            Some(&asean_futures::engine::run(&want).unwrap()),
            "{}: the run must be the opened scenario's",
            path.display()
        );
        assert!(
            h.state().title().contains(&want.name),
            "{}",
            h.state().title()
        );
    }
}

#[test]
fn a_file_written_for_model_v1_opens_with_a_notice_once() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.ron");
    std::fs::copy(common::root().join("tests/data/baseline_2025_v2.ron"), &old).unwrap();
    let mut h = harness(app_in(dir.path()));
    open_via_menu(&mut h, &old);
    match h.state().modal() {
        Some(Modal::Notice { lines, .. }) => {
            assert!(
                lines.iter().any(|l| l.contains("camp binding ν = 5")),
                "{lines:?}"
            )
        }
        other => panic!("expected the model-version notice, got {other:?}"),
    }
    h.get_by_label_contains("written for model v1");
    click(&mut h, "OK");
    assert!(h.state().modal().is_none());
    // It opened: the document is the file's, as version 3, and it runs with the default ν.
    let doc = h.state().document().scenario().clone();
    assert_eq!(doc.version, asean_futures::model::SCHEMA_VERSION);
    assert_eq!(doc.constants.camp_binding, 5.0);
    // Compared with as A, it says so too: A's results are those of model v1.1.
    click(&mut h, "Compare with file…");
    type_path_and_confirm(&mut h, &old);
    assert!(
        matches!(h.state().modal(), Some(Modal::Notice { .. })),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "OK");
    assert!(h.state().analysis_view().pinned.is_some());
    // Saved again, the file is version 3 and reopens without the notice.
    let again = dir.path().join("again.ron");
    io::save_scenario(&again, &doc).unwrap();
    open_via_menu(&mut h, &again);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
}

#[test]
fn showing_every_panel_edits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    for item in [
        "Scenario",
        "KHM  Cambodia",
        "SGP  Singapore",
        "US  United States",
        "Leverage board",
        "ASEAN / DEFA",
        "Time & ensemble",
        "Story",
        "Constants *",
    ] {
        click(&mut h, item);
    }
    for chart in ["Alignment shares", "Dependency", "Map"] {
        click(&mut h, chart);
    }
    assert!(
        !h.state().document().can_undo(),
        "a panel changed the scenario: {:?}",
        h.state().document().undo_label()
    );
}

#[test]
fn save_as_writes_the_file_and_reopening_gives_the_same_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine.ron");
    let mut h = harness(app_in(dir.path()));
    edit_governance(&mut h, 0.65);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        matches!(h.state().modal(), Some(Modal::TypePath { .. })),
        "a new scenario asks where to save"
    );
    type_path_and_confirm(&mut h, &target);
    run_until(&mut h, "the save", |app| !app.is_saving());
    assert!(h.state().document().is_pristine());
    assert!(
        h.state().title().contains("(mine.ron)") && !h.state().title().ends_with('•'),
        "{}",
        h.state().title()
    );
    let saved = io::load_scenario(&target).unwrap();
    assert_eq!(saved.states[1].governance, 0.65);
    assert!(!saved.modified.is_empty());
    assert_eq!(
        h.state().prefs().recent.first().and_then(|p| p.file_name()),
        target.file_name()
    );

    // Another edit, Ctrl+S saves in place and keeps a backup.
    edit_governance(&mut h, 0.4);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    run_until(&mut h, "the second save", |app| !app.is_saving());
    assert_eq!(
        io::load_scenario(&target).unwrap().states[1].governance,
        0.4
    );
    assert!(dir.path().join("mine.ron.bak").exists());
}

#[test]
fn quitting_with_unsaved_changes_asks_and_saving_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("quit.ron");
    let mut h = harness(app_in(dir.path()));
    edit_governance(&mut h, 0.55);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    h.run();
    assert!(matches!(
        h.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    assert!(!h.state().close_allowed());
    click(&mut h, "Save");
    type_path_and_confirm(&mut h, &target);
    run_until(&mut h, "save then quit", |app| app.close_allowed());
    assert_eq!(
        io::load_scenario(&target).unwrap().states[1].governance,
        0.55
    );
}

#[test]
fn a_failed_save_keeps_the_work_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("locked.ron");
    std::fs::write(&target, "my earlier file").unwrap();
    // The backup's name is taken by a folder, so the save cannot complete.
    std::fs::create_dir(dir.path().join("locked.ron.bak")).unwrap();
    let mut h = harness(app_in(dir.path()));
    edit_governance(&mut h, 0.45);
    // A typed path naming an existing file asks first; Cancel writes nothing.
    click(&mut h, "File");
    click(&mut h, "Save as…");
    type_path_and_confirm(&mut h, &target);
    assert!(
        matches!(
            h.state().modal(),
            Some(Modal::ConfirmReplace {
                keeps_backup: true,
                ..
            })
        ),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "Cancel");
    assert!(!h.state().is_saving() && h.state().modal().is_none());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my earlier file");
    click(&mut h, "File");
    click(&mut h, "Save as…");
    type_path_and_confirm(&mut h, &target);
    click(&mut h, "Replace");
    run_until(&mut h, "the failed save", |app| !app.is_saving());
    assert!(
        matches!(h.state().modal(), Some(Modal::Error { .. })),
        "{:?}",
        h.state().modal()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my earlier file");
    assert!(
        !h.state().document().is_pristine(),
        "the work is still unsaved"
    );
    assert_eq!(h.state().document().scenario().states[1].governance, 0.45);
}

/// The recovery copies in a data folder.
fn drafts(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("recovery-") && name.ends_with(".ron")
        })
        .collect();
    found.sort();
    found
}

/// A window that edits Cambodia's governance, is copied at once, and is dropped without quitting:
/// a crash, as far as the next start can tell.
fn crash_with_unsaved_governance(dir: &std::path::Path, v: f64) {
    let mut app = app_in(dir);
    app.set_recovery_interval(0.0);
    let mut h = harness(app);
    edit_governance(&mut h, v);
    h.run();
    assert!(h.state().has_recovery_copy());
}

/// A window with recovery copies written at once.
fn eager_window(
    dir: &std::path::Path,
) -> egui_kittest::Harness<'static, asean_futures::app::AseanApp> {
    let mut app = app_in(dir);
    app.set_recovery_interval(0.0);
    harness(app)
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash_and_kept_until_saved() {
    let dir = tempfile::tempdir().unwrap();
    crash_with_unsaved_governance(dir.path(), 0.33);
    let copies = drafts(dir.path());
    assert_eq!(copies.len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copies[0]).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "a draft is readable only by its user");
    }
    let mut h = harness(app_in(dir.path()));
    assert!(matches!(
        h.state().modal(),
        Some(Modal::Recovery { problems: 0, .. })
    ));
    click(&mut h, "Restore");
    assert_eq!(h.state().document().scenario().states[1].governance, 0.33);
    assert!(
        !h.state().document().is_pristine(),
        "restored work still needs saving"
    );
    assert!(
        h.state().has_recovery_copy(),
        "the copy stays until the work is saved"
    );
    assert_eq!(drafts(dir.path()).len(), 1, "adopted, not duplicated");
    // Saving the work is what removes the copy.
    let target = dir.path().join("saved.ron");
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    type_path_and_confirm(&mut h, &target);
    run_until(&mut h, "the save", |app| !app.is_saving());
    assert!(!h.state().has_recovery_copy());
    assert!(drafts(dir.path()).is_empty());
}

#[test]
fn escape_on_the_recovery_prompt_keeps_the_copy_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    crash_with_unsaved_governance(dir.path(), 0.41);
    {
        let mut h = harness(app_in(dir.path()));
        assert!(matches!(h.state().modal(), Some(Modal::Recovery { .. })));
        h.key_press(egui::Key::Escape);
        h.run();
        assert!(h.state().modal().is_none());
        assert_eq!(drafts(dir.path()).len(), 1, "Escape means decide later");
    }
    let mut h = harness(app_in(dir.path()));
    assert!(matches!(h.state().modal(), Some(Modal::Recovery { .. })));
    click(&mut h, "Discard");
    assert!(drafts(dir.path()).is_empty(), "Discard deletes it");
}

#[test]
fn each_window_has_its_own_recovery_slot() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = eager_window(dir.path());
    edit_governance(&mut a, 0.31);
    assert!(a.state().has_recovery_copy());
    // A second window on the same data folder: the first is still open, so nothing is offered.
    let mut b = eager_window(dir.path());
    assert!(b.state().modal().is_none(), "{:?}", b.state().modal());
    edit_governance(&mut b, 0.52);
    assert_eq!(drafts(dir.path()).len(), 2);
    // The second window discards its work (New, Discard): the first window's copy stays.
    b.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    b.run();
    click(&mut b, "Discard");
    assert!(!b.state().has_recovery_copy());
    assert!(a.state().has_recovery_copy());
    assert_eq!(drafts(dir.path()).len(), 1);
}

#[test]
fn unsaved_work_is_copied_on_a_timer_without_any_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_in(dir.path());
    app.set_recovery_interval(30.0);
    let mut h = harness(app);
    edit_governance(&mut h, 0.36);
    assert!(!h.state().has_recovery_copy(), "not due yet");
    // The app asks to be woken when the copy is due, so an idle window still writes it.
    let delay = h
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.repaint_delay)
        .unwrap();
    assert!(
        delay <= std::time::Duration::from_secs(30),
        "no wake-up for the recovery copy: {delay:?}"
    );
}

#[test]
fn a_draft_with_problems_is_offered_and_opens_for_repair() {
    let dir = tempfile::tempdir().unwrap();
    let mut draft = common::baseline();
    draft.states[1].governance = 1.5;
    draft.name = "Half-finished".into();
    std::fs::write(
        dir.path().join("recovery-1-0.ron"),
        io::scenario_to_string(&draft).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("recovery-1-0.txt"), "0\n\n").unwrap();
    let mut h = harness(app_in(dir.path()));
    assert!(
        matches!(h.state().modal(), Some(Modal::Recovery { problems: 1, .. })),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "Restore");
    let s = h.state().document().scenario();
    assert_eq!(s.name, "Half-finished");
    assert_eq!(s.states[1].governance, 1.5);
    assert!(!s.is_valid(), "opened for repair, problems and all");
}

#[test]
fn csv_export_writes_both_tables() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("run.csv");
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "File");
    click(&mut h, "Export CSV…");
    type_path_and_confirm(&mut h, &target);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("year,state,variable,pole_or_power,sector,value"));
    assert!(dir.path().join("run.bloc.csv").exists());
}

#[test]
fn saving_over_a_file_changed_on_disk_since_it_was_opened_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ron");
    io::save_scenario(&path, &common::baseline()).unwrap();
    let window = || {
        let doc = asean_futures::document::Document::new(
            io::load_scenario(&path).unwrap(),
            Some(path.clone()),
        );
        harness(asean_futures::app::AseanApp::new(
            doc,
            asean_futures::app::Prefs::default(),
            Box::new(asean_futures::app::NoDialogs),
            asean_futures::app::Recovery::new(Some(dir.path().to_path_buf())),
        ))
    };
    let save = |h: &mut egui_kittest::Harness<'static, asean_futures::app::AseanApp>| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
        h.run();
    };
    let mut a = window();
    let mut b = window();
    edit_governance(&mut b, 0.6);
    save(&mut b);
    run_until(&mut b, "B's save", |app| !app.is_saving());
    assert_eq!(io::load_scenario(&path).unwrap().states[1].governance, 0.6);
    // A, opened before B saved, is asked before it replaces B's work.
    edit_governance(&mut a, 0.25);
    save(&mut a);
    assert!(
        matches!(a.state().modal(), Some(Modal::ChangedOnDisk { .. })),
        "{:?}",
        a.state().modal()
    );
    click(&mut a, "Cancel");
    assert!(!a.state().is_saving());
    assert_eq!(io::load_scenario(&path).unwrap().states[1].governance, 0.6);
    assert!(
        !a.state().document().is_pristine(),
        "A's work is still open"
    );
    save(&mut a);
    assert!(matches!(
        a.state().modal(),
        Some(Modal::ChangedOnDisk { .. })
    ));
    click(&mut a, "Save over it");
    run_until(&mut a, "A's save", |app| !app.is_saving());
    assert_eq!(io::load_scenario(&path).unwrap().states[1].governance, 0.25);
    let bak = dir.path().join("shared.ron.bak");
    assert_eq!(
        io::load_scenario(&bak).unwrap().states[1].governance,
        0.6,
        "B's version is the backup"
    );
    // Having saved, A's next save goes through without asking.
    edit_governance(&mut a, 0.27);
    save(&mut a);
    assert!(a.state().modal().is_none());
    run_until(&mut a, "A's second save", |app| !app.is_saving());
}

/// A valid scenario of about 10 MB (a long round log), written to `path`.
fn write_large_scenario(path: &std::path::Path) -> asean_futures::model::Scenario {
    let mut s = common::baseline();
    s.name = "Large".into();
    s.round_log = common::long_round_log(5_200, 900);
    io::save_scenario(path, &s).unwrap();
    s
}

/// Types `path` into the path field and presses OK, letting exactly one frame run: the read has
/// started and has not been waited for.
fn confirm_path_without_waiting(
    h: &mut egui_kittest::Harness<'static, asean_futures::app::AseanApp>,
    path: &std::path::Path,
) {
    h.get_by_label("Path").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("OK").click();
    h.step();
    h.step();
}

#[test]
fn a_large_file_is_read_in_the_background_with_progress_and_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("large.ron");
    let want = write_large_scenario(&big);
    assert!(std::fs::metadata(&big).unwrap().len() > 9_000_000);
    let mut h = harness(app_in(dir.path()));
    let before = h.state().document().scenario().clone();

    // Cancel: the window kept drawing while the file was read, and the open scenario stays.
    click(&mut h, "File");
    click(&mut h, "Open…");
    confirm_path_without_waiting(&mut h, &big);
    assert!(h.state().is_reading(), "the read runs off the UI thread");
    assert!(
        matches!(
            h.state().modal(),
            Some(Modal::Reading {
                comparing: false,
                ..
            })
        ),
        "{:?}",
        h.state().modal()
    );
    h.get_by_label_contains("Opening large.ron");
    click(&mut h, "Cancel");
    assert!(!h.state().is_reading());
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(h.state().document().scenario(), &before);
    assert!(h.state().document().path().is_none());
    assert!(
        common::ui::thread_names()
            .iter()
            .all(|n| n != "read-scenario")
            || {
                // The thread stops at its next chunk, or finishes a parse nobody reads.
                std::thread::sleep(std::time::Duration::from_secs(5));
                common::ui::thread_names()
                    .iter()
                    .all(|n| n != "read-scenario")
            }
    );

    // Let it finish: the file opens, round log and all.
    open_via_menu(&mut h, &big);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(h.state().document().scenario().name, want.name);
    assert_eq!(h.state().document().log().len(), 5_200);
    assert_eq!(h.state().document().path(), Some(big.as_path()));
}

#[test]
fn edits_made_while_a_file_is_read_are_never_replaced_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("large.ron");
    write_large_scenario(&big);
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "File");
    click(&mut h, "Open…");
    confirm_path_without_waiting(&mut h, &big);
    assert!(h.state().is_reading());
    // An edit that reaches the document meanwhile (the dialog blocks the panels, not the app).
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        asean_futures::ui::Command::edit(asean_futures::model::Edit::SetText {
            field: asean_futures::model::TextField::Name,
            text: "Edited meanwhile".into(),
        }),
    );
    run_until(&mut h, "the read", |app| !app.is_reading());
    assert_eq!(h.state().document().scenario().name, "Edited meanwhile");
    assert!(h.state().document().path().is_none());
    match h.state().modal() {
        Some(Modal::Error { message, .. }) => {
            assert!(message.contains("was edited while"), "{message}")
        }
        other => panic!("expected the not-opened error, got {other:?}"),
    }
}

#[test]
fn a_file_with_wrong_values_opens_for_repair_and_saves_once_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    let text = io::BASELINE_RON.replacen("hedging: 0.36,", "hedging: 2.0,", 1);
    std::fs::write(&bad, &text).unwrap();
    let mut h = harness(app_in(dir.path()));
    open_via_menu(&mut h, &bad);
    assert!(
        matches!(
            h.state().modal(),
            Some(Modal::LoadFailed {
                repairable: true,
                ..
            })
        ),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "Open for repair");
    assert!(h.state().modal().is_none());
    let doc = h.state().document();
    assert_eq!(doc.path(), Some(bad.as_path()));
    assert!(
        doc.is_pristine(),
        "the document is the file as it is on disk"
    );
    let state = doc
        .scenario()
        .states
        .iter()
        .position(|s| s.hedging == 2.0)
        .expect("the wrong value is open as written");
    assert!(
        h.state().run().is_none(),
        "a scenario with errors does not run"
    );

    // Saving it as it is is refused, with the problems and the draft-copy choice.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    match h.state().modal() {
        Some(Modal::CannotSave { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("hedging")),
                "{problems:?}"
            )
        }
        other => panic!("expected the cannot-save dialog, got {other:?}"),
    }
    assert!(!h.state().is_saving());
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text);

    // A draft copy over the scenario's own file is refused; to another file it is written.
    click(&mut h, "Save a draft copy…");
    type_path_and_confirm(&mut h, &bad);
    click(&mut h, "Replace");
    assert!(
        matches!(h.state().modal(), Some(Modal::Error { message, .. }) if message.contains("another file")),
        "{:?}",
        h.state().modal()
    );
    click(&mut h, "OK");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), text);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    click(&mut h, "Save a draft copy…");
    assert!(
        matches!(h.state().modal(), Some(Modal::TypePath { draft, .. }) if draft.ends_with("bad.draft.ron")),
        "a draft copy is suggested beside the file: {:?}",
        h.state().modal()
    );
    let draft = dir.path().join("bad.draft.ron");
    type_path_and_confirm(&mut h, &draft);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    let (copy, problems) = io::load_draft(&draft).unwrap();
    assert_eq!(copy.states[state].hedging, 2.0);
    assert!(!problems.is_empty());

    // Fixed, it runs and saves to its own file.
    let ctx = h.ctx.clone();
    let code = h.state().document().scenario().states[state].code.clone();
    h.state_mut().apply(
        &ctx,
        asean_futures::ui::Command::edit(asean_futures::model::Edit::Set {
            input: format!("{code}.hedging"),
            value: 0.4,
        }),
    );
    h.run();
    assert!(h.state().run().is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    run_until(&mut h, "the save", |app| !app.is_saving());
    assert_eq!(io::load_scenario(&bad).unwrap().states[state].hedging, 0.4);
}

#[test]
fn without_a_file_dialog_the_folder_s_scenarios_open_with_one_click_and_save_as_suggests_a_new_name()
 {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b_second.ron", "a_first.ron"] {
        let mut s = common::baseline();
        s.name = name.into();
        io::save_scenario(&dir.path().join(name), &s).unwrap();
    }
    std::fs::write(dir.path().join("notes.txt"), "not a scenario").unwrap();
    let opened = dir.path().join("a_first.ron");
    let doc = asean_futures::document::Document::new(
        io::load_scenario(&opened).unwrap(),
        Some(opened.clone()),
    );
    let mut h = harness(asean_futures::app::AseanApp::new(
        doc,
        asean_futures::app::Prefs::default(),
        Box::new(asean_futures::app::NoDialogs),
        asean_futures::app::Recovery::new(Some(dir.path().to_path_buf())),
    ));
    click(&mut h, "File");
    click(&mut h, "Open…");
    match h.state().modal() {
        Some(Modal::TypePath { choices, draft, .. }) => {
            let names: Vec<String> = choices
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            assert_eq!(names, ["a_first.ron", "b_second.ron"]);
            assert!(std::path::Path::new(draft).is_absolute(), "{draft}");
        }
        other => panic!("expected the path field, got {other:?}"),
    }
    click(&mut h, "b_second.ron");
    run_until(&mut h, "the read", |app| !app.is_reading());
    assert_eq!(h.state().document().scenario().name, "b_second.ron");

    // Save As never suggests the open file itself.
    click(&mut h, "File");
    click(&mut h, "Save as…");
    match h.state().modal() {
        Some(Modal::TypePath { draft, .. }) => {
            assert!(draft.ends_with("b_second_2.ron"), "{draft}");
            assert!(!std::path::Path::new(draft).exists());
        }
        other => panic!("expected the path field, got {other:?}"),
    }
}
