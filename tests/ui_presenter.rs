//! Presenter mode as a room sees it, at 1280 × 720 and 1920 × 1080: every step of the workshop
//! story keeps its controls on the screen and apart, shows what it changed (computed from the two
//! runs), and no text on screen is a field path or float noise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::analysis::{tilt_change_sentence, tilt_changes};
use asean_futures::app::{AseanApp, NoDialogs, Prefs, Recovery};
use asean_futures::document::Document;
use asean_futures::{engine, io, model};
use common::ui::harness_sized;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type H = Harness<'static, AseanApp>;

fn story_window(data: &std::path::Path, size: egui::Vec2) -> H {
    let path = common::root().join("saved_scenarios/workshop_story.ron");
    let doc = Document::new(io::load_scenario(&path).unwrap(), Some(path));
    let app = AseanApp::new(
        doc,
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(Some(data.to_path_buf())),
    );
    let mut h = harness_sized(app, size);
    h.key_press(egui::Key::F11);
    h.run();
    h
}

fn check_screen(h: &H, size: egui::Vec2, step: usize) {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    // The story bar's controls: on the screen, whole, and apart from each other.
    let bar: Vec<(String, egui::Rect)> = ["Back", "Next", "Leave"]
        .iter()
        .map(|l| (l.to_string(), h.get_by_label(l).rect()))
        .collect();
    for (label, rect) in &bar {
        assert!(
            screen.contains_rect(*rect),
            "step {step} at {size:?}: {label} at {rect:?} is clipped"
        );
    }
    for (i, (a, ra)) in bar.iter().enumerate() {
        for (b, rb) in &bar[i + 1..] {
            assert!(
                !ra.intersects(*rb),
                "step {step} at {size:?}: {a} and {b} overlap"
            );
        }
    }
    // Every text on screen is in words.
    for node in h.root().children_recursive() {
        let text: String = node.accesskit_node().label().unwrap_or_default();
        let value: String = node
            .accesskit_node()
            .value()
            .map(|v| v.to_string())
            .unwrap_or_default();
        for t in [text, value] {
            assert!(
                !common::looks_internal(&t),
                "step {step} at {size:?} shows {t:?}"
            );
        }
    }
}

#[test]
fn every_step_fits_a_projector_and_says_what_it_changed() {
    for size in [egui::vec2(1280.0, 720.0), egui::vec2(1920.0, 1080.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = story_window(dir.path(), size);
        let steps = h.state().document().scenario().story.len();
        assert!(steps >= 3);
        check_screen(&h, size, 0);
        for step in 1..=steps {
            let before = h.state().document().scenario().clone();
            h.key_press(egui::Key::PageDown);
            h.run();
            assert_eq!(h.state().ui.story_pos, step);
            check_screen(&h, size, step);
            let spec = &h.state().document().scenario().story[step - 1];
            // The step's change, as the chart says it, is the one the two runs give.
            let (run_before, run_after) = (
                engine::run(&before).unwrap(),
                engine::run(h.state().document().scenario()).unwrap(),
            );
            let year = h.state().ui.cursor_year.unwrap();
            if spec.view == model::StoryView::Bloc {
                let sentence =
                    asean_futures::analysis::bloc_change_sentence(&run_before, &run_after, year)
                        .unwrap();
                h.get_by_label(&format!("Since the last change: {sentence}"));
                continue;
            }
            let changes = tilt_changes(&run_before, &run_after, year).unwrap();
            let sentence = tilt_change_sentence(h.state().document().scenario(), &changes, year, 3);
            if spec.changes.is_empty() {
                continue;
            }
            h.get_by_label(&format!("Since the last change: {sentence}"));
        }
    }
}

#[test]
fn a_step_highlights_the_states_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_window(dir.path(), egui::vec2(1280.0, 720.0));
    h.key_press(egui::Key::PageDown);
    h.key_press(egui::Key::PageDown);
    h.run();
    // Step 2 pushes Chinese levers in Cambodia, Laos and Myanmar.
    assert_eq!(h.state().ui.highlight, ["KHM", "LAO", "MMR"]);
    h.key_press(egui::Key::PageUp);
    h.key_press(egui::Key::PageUp);
    h.run();
    assert!(h.state().ui.highlight.is_empty());
}

#[test]
fn map_labels_stand_in_side_columns_inside_the_map_and_apart() {
    use asean_futures::ui::results::map_view::side_columns;
    let rect = egui::Rect::from_min_size(egui::pos2(0.0, 300.0), egui::vec2(880.0, 360.0));
    // Eleven anchors crowded in the middle of the map, as South-East Asia is.
    let anchors: Vec<egui::Pos2> = (0..11)
        .map(|k| egui::pos2(300.0 + 30.0 * (k % 5) as f32, 320.0 + 30.0 * k as f32))
        .collect();
    let sizes = vec![egui::vec2(180.0, 32.0); 11];
    let placed = side_columns(rect, &anchors, &sizes);
    let boxes: Vec<egui::Rect> = placed
        .iter()
        .zip(&sizes)
        .map(|(p, s)| egui::Rect::from_center_size(*p, *s))
        .collect();
    for (i, b) in boxes.iter().enumerate() {
        assert!(rect.contains_rect(*b), "label {i} at {b:?} leaves the map");
        // In a side column, never over the crowded middle where the states are.
        assert!(
            b.right() < 300.0 || b.left() > 420.0,
            "label {i} covers the states"
        );
        for (j, c) in boxes.iter().enumerate().skip(i + 1) {
            assert!(!b.intersects(*c), "labels {i} and {j} overlap");
        }
    }
}

#[test]
fn moving_from_a_large_screen_to_a_projector_keeps_the_hero_view_wide() {
    // The live-levers column is sized on a 4K screen, then the window goes to a 1280 × 720
    // projector: the column must not keep its 4K width and squeeze the map.
    let dir = tempfile::tempdir().unwrap();
    let mut h = story_window(dir.path(), egui::vec2(3840.0, 2160.0));
    h.key_press(egui::Key::PageDown);
    h.run();
    let wide = h.get_by_label("Live levers").rect();
    assert!(wide.left() > 3840.0 * 0.6, "{wide:?}");
    h.set_size(egui::vec2(1280.0, 720.0));
    h.run();
    h.run();
    let live = h.get_by_label("Live levers").rect();
    assert!(
        live.left() >= 1280.0 * 0.64,
        "the live column starts at {} of 1280 px",
        live.left()
    );
    check_screen(&h, egui::vec2(1280.0, 720.0), 1);
}
