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
    harness_sized(app, egui::vec2(1600.0, 1000.0))
}

/// A harness showing the whole window at `size` (e.g. a 1280 × 720 projector).
pub fn harness_sized(app: AseanApp, size: egui::Vec2) -> Harness<'static, AseanApp> {
    let mut h = Harness::builder()
        .with_size(size)
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
    // Files are read on a background thread.
    run_until(h, "the file to be read", |app| !app.is_reading());
}

/// Answers every screenshot the app asked for in the last frame with `image` (as the window's
/// renderer would), returning how many there were. Tests have no GPU, so this feeds a synthetic
/// picture through the app's real screenshot callback.
pub fn answer_screenshots(h: &Harness<'static, AseanApp>, image: &egui::ColorImage) -> usize {
    let image = std::sync::Arc::new(image.clone());
    let mut answered = 0;
    for viewport in h.output().viewport_output.values() {
        for command in &viewport.commands {
            if let egui::ViewportCommand::Screenshot(callback) = command {
                callback.clone().complete(image.clone());
                answered += 1;
            }
        }
    }
    answered
}

/// Steps until the export finished, answering each screenshot request with `image`.
pub fn finish_export(h: &mut Harness<'static, AseanApp>, image: &egui::ColorImage) {
    let start = std::time::Instant::now();
    loop {
        h.step();
        answer_screenshots(h, image);
        if !h.state().is_exporting() && h.state().modal().is_none() {
            break;
        }
        assert!(
            h.state().modal().is_none(),
            "the export failed: {:?}",
            h.state().modal()
        );
        assert!(start.elapsed().as_secs() < 10, "timed out exporting");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
}

/// Names of this process's threads (Linux), to see background jobs start and stop.
pub fn thread_names() -> Vec<String> {
    std::fs::read_dir("/proc/self/task")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read_to_string(e.path().join("comm")).ok())
                .map(|s| s.trim().to_string())
                .collect()
        })
        .unwrap_or_default()
}
