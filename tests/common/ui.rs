//! Helpers for driving the real app with egui_kittest.

use std::path::Path;

use asean_futures::app::{AseanApp, NoDialogs, Prefs, Recovery};
use asean_futures::document::Document;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app on the baseline (as a new scenario), with no native dialogs and recovery copies in `data`.
pub fn app_in(data: &Path) -> AseanApp {
    let doc = Document::new(super::baseline(), None);
    AseanApp::new(
        doc,
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(Some(data.to_path_buf())),
    )
}

/// A harness showing the whole window at desktop size.
pub fn harness(app: AseanApp) -> Harness<'static, AseanApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut AseanApp| app.ui_frame(ui), app);
    h.run();
    h
}

/// Steps until `done` holds (background threads finish in real time), or panics after 10 s.
pub fn run_until(h: &mut Harness<'static, AseanApp>, what: &str, done: impl Fn(&AseanApp) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed().as_secs() < 10,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    h.run();
}

/// Clicks the node with this exact label (menu entries: the label before their shortcut) and lets
/// the UI settle.
pub fn click(h: &mut Harness<'static, AseanApp>, label: &str) {
    match h.query_by_label(label) {
        Some(node) => node.click(),
        None => h.get_by_label_contains(label).click(),
    }
    h.run();
}

/// Opens a file through File → Open… and the typed-path field (no dialog service in tests).
pub fn open_via_menu(h: &mut Harness<'static, AseanApp>, path: &Path) {
    click(h, "File");
    click(h, "Open…");
    type_path_and_confirm(h, path);
}

/// Types a path into the path field of the typed-path dialog and presses OK.
pub fn type_path_and_confirm(h: &mut Harness<'static, AseanApp>, path: &Path) {
    let field = h.get_by_label("Path");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    click(h, "OK");
}
