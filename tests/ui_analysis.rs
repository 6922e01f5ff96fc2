//! The analyses through the real window: pinning A and comparing (also with a saved file), the
//! attribution waterfall and its sentence, the tipping-point map and applying a cell, uncertainty
//! bands with their background ensemble and its cancel, and the PNG and briefing exports (fed a
//! synthetic screenshot, since tests have no GPU).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::app::{AseanApp, NoDialogs, Prefs, Recovery};
use asean_futures::document::Document;
use asean_futures::model::Scenario;
use asean_futures::ui::analysis::waterfall_bars;
use common::ui::{
    app_in, click, finish_export, harness, harness_sized, run_until, thread_names,
    type_path_and_confirm,
};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type H = Harness<'static, AseanApp>;

fn set_slider(h: &mut H, label: &str, v: f64) {
    h.get_by_role_and_label(Role::Slider, label)
        .set_value_accesskit(v);
    h.run();
}

/// Cambodia's governance up, and ASEAN hard law up: two groups of changes.
fn edit_two_groups(h: &mut H) {
    click(h, "KHM  Cambodia");
    set_slider(h, "Governance", 0.7);
    click(h, "ASEAN / DEFA");
    set_slider(h, "Hard law", 0.9);
}

/// Opens the Attribution tab, runs the default attribution and waits for it.
fn run_attribution(h: &mut H) {
    click(h, "Attribution");
    click(h, "Run attribution");
    run_until(h, "the attribution", |app| {
        app.analysis_view().attribution.result.is_some()
    });
}

fn app_with(data: &std::path::Path, scenario: Scenario) -> AseanApp {
    AseanApp::new(
        Document::new(scenario, None),
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(Some(data.to_path_buf())),
    )
}

#[test]
fn pinning_a_then_editing_lists_the_edited_input_and_the_outcome_differences() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Pin as A");
    assert!(h.state().analysis_view().pinned.is_some());
    click(&mut h, "KHM  Cambodia");
    set_slider(&mut h, "Governance", 0.7);
    click(&mut h, "Compare A/B");

    let view = h.state().analysis_view();
    assert_eq!(view.diffs.len(), 1, "{:?}", view.diffs);
    let d = &view.diffs[0];
    assert_eq!(
        (d.path.as_str(), d.a.as_str(), d.b.as_str()),
        ("states[1] (KHM).governance", "0.2", "0.7")
    );
    let khm = view
        .outcome_diffs
        .iter()
        .find(|o| o.label.starts_with("KHM tilt"))
        .unwrap();
    assert!(khm.delta().abs() > 1e-4, "{khm:?}");
    assert_eq!(
        view.outcome_diffs
            .iter()
            .filter(|o| o.leaning.is_none())
            .count(),
        5,
        "the five bloc indices"
    );
    // The panel shows them.
    h.get_by_label("Cambodia's governance");
    h.get_by_label("1 input differs, in 1 group.");
    h.get_by_label(&format!("{:+.3}", khm.delta()));

    // The trajectory charts draw A beside B.
    click(&mut h, "Trajectories");
    assert!(h.state().chart_overlay().a.is_some());
    h.get_by_label_contains("Thin dashed lines: A");

    click(&mut h, "Analysis");
    click(&mut h, "Unpin A");
    assert!(h.state().analysis_view().pinned.is_none());
    assert!(h.state().chart_overlay().a.is_none());
}

#[test]
fn any_saved_file_can_be_compared_through_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::root().join("saved_scenarios/strong_defa.ron");
    let want = asean_futures::io::load_scenario(&file).unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Compare with file…");
    type_path_and_confirm(&mut h, &file);

    let view = h.state().analysis_view();
    let pinned = view.pinned.as_ref().expect("the file is A");
    assert_eq!(pinned.scenario, &want);
    assert!(pinned.source.contains("strong_defa.ron"));
    assert_eq!(
        view.diffs,
        asean_futures::analysis::input_diff(&want, &common::baseline()).as_slice()
    );
    assert!(!view.diffs.is_empty());
    assert!(
        h.state().document().is_pristine(),
        "the open scenario is B, untouched"
    );
    h.get_by_label_contains("from strong_defa.ron");
}

#[test]
fn attribution_splits_b_minus_a_and_reads_it_in_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Pin as A");
    edit_two_groups(&mut h);
    run_attribution(&mut h);

    let view = h.state().analysis_view();
    let r = view.attribution.result.unwrap();
    let at = &r.attribution;
    assert_eq!(at.contributions.len(), 2, "{:?}", at.contributions);
    assert!(at.exact);
    assert!(at.total.abs() > 1e-6, "the edits move bifurcation");
    let bars = waterfall_bars(at);
    assert_eq!(bars.first().map(|b| b.end), Some(at.outcome_a));
    let steps: f64 = bars.iter().filter_map(|b| b.start.map(|s| b.end - s)).sum();
    assert!((steps - (at.outcome_b - at.outcome_a)).abs() < 1e-12);
    let last_group = &bars[bars.len() - 2];
    assert!((last_group.end - at.outcome_b).abs() < 1e-12);
    assert_eq!(bars.last().map(|b| b.end), Some(at.outcome_b));
    // The outcome defaults to bloc bifurcation at the cursor year (the end).
    assert_eq!(r.label, "Bloc bifurcation in 2045");
    h.get_by_label(&r.sentence);
    assert!(
        r.sentence.contains("bloc bifurcation in 2045"),
        "{}",
        r.sentence
    );
    h.get_by_label_contains("exact Shapley values over 2 groups");
    h.get_by_label("Attribution waterfall");
}

#[test]
fn a_small_sweep_draws_the_map_and_a_click_applies_its_cell_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    let before = h.state().document().scenario().clone();
    click(&mut h, "Tipping points");
    set_slider(&mut h, "Grid points per axis", 5.0);
    click(&mut h, "Run sweep");
    run_until(&mut h, "the sweep", |app| {
        app.analysis_view().sweep.result.is_some()
    });
    let (x, y, xs, ys) = {
        let view = h.state().analysis_view();
        let r = view.sweep.result.unwrap();
        assert_eq!((r.sweep.nx(), r.sweep.ny()), (5, 5));
        assert_eq!(r.sweep.leaning.len(), 25, "Cambodia's leaning per cell");
        (
            r.spec.x,
            r.spec.y,
            r.sweep.x.values.clone(),
            r.sweep.y.values.clone(),
        )
    };
    assert!(
        !h.state().document().can_undo(),
        "running a sweep edits nothing"
    );

    // The middle of the map is cell (2, 2).
    h.get_by_label("Tipping-point map").click();
    h.run();
    let s = h.state().document().scenario();
    assert_eq!(x.get(s).unwrap(), xs[2]);
    assert_eq!(y.get(s).unwrap(), ys[2]);
    assert!(
        h.state()
            .document()
            .undo_label()
            .is_some_and(|l| l.starts_with("Tipping map:")),
        "{:?}",
        h.state().document().undo_label()
    );
    // Only the two swept inputs changed, so the map still describes the scenario.
    h.get_by_label("Tipping-point map");
    assert!(
        h.query_by_label_contains("The scenario changed since")
            .is_none(),
        "the map stays current"
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().document().scenario(),
        &before,
        "one undo restores both inputs"
    );
}

#[test]
fn bands_appear_when_the_ensemble_finishes_and_follow_edits_after_a_pause() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    assert!(h.state().chart_overlay().main_bands.is_empty());
    click(&mut h, "Bands");
    run_until(&mut h, "the ensemble", |app| {
        app.analysis_view().bands_members.is_some()
    });
    assert_eq!(h.state().analysis_view().bands_members, Some(200));
    let overlay = h.state().chart_overlay();
    assert!(overlay.has_main_bands(&h.state().ui));
    assert_eq!(overlay.main_bands.len(), 11, "one band per state's tilt");
    assert_eq!(overlay.bloc_bands.iter().flatten().count(), 5);
    let band = overlay.main_bands[1].clone().unwrap();
    let (lo, mid, hi) = band.at(band.xs.len() - 1).unwrap();
    assert!(lo < hi && lo <= mid && mid <= hi, "{lo} {mid} {hi}");
    h.get_by_label("p10 to p90 of 200");

    // An edit makes the bands stale at once; a new ensemble follows.
    click(&mut h, "KHM  Cambodia");
    set_slider(&mut h, "Governance", 0.7);
    // The old bands are never shown for the new scenario: either none yet, or (on a fast machine
    // the debounced ensemble may already have finished inside the frames run above) new ones.
    let stale = h
        .state()
        .chart_overlay()
        .main_bands
        .get(1)
        .cloned()
        .flatten();
    assert!(
        h.state().analysis_view().bands_members.is_none() || stale.as_ref() != Some(&band),
        "old bands shown after an edit"
    );
    run_until(&mut h, "the new ensemble", |app| {
        app.analysis_view().bands_members.is_some()
    });
    let new_band = h.state().chart_overlay().main_bands[1].clone().unwrap();
    assert_ne!(new_band, band, "Cambodia's band follows the edit");
}

#[test]
fn cancelling_the_ensemble_stops_its_thread_and_it_stays_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::baseline();
    // Monthly steps and many members (within the memory limit): long enough to cancel while it runs.
    s.time.steps_per_year = 12;
    s.ensemble.members = 4_000;
    let mut h = harness(app_with(dir.path(), s));
    click(&mut h, "Bands");
    assert!(h.state().analysis_view().bands_running.is_some());
    // A new thread names itself once it runs: wait for that rather than race it.
    let start = std::time::Instant::now();
    while !thread_names().iter().any(|n| n == "ensemble") {
        assert!(start.elapsed().as_secs() < 5, "no ensemble thread started");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    click(&mut h, "Cancel ensemble");
    let view = h.state().analysis_view();
    assert!(view.bands_running.is_none());
    assert!(view.bands_cancelled);
    assert!(view.bands_members.is_none());
    let start = std::time::Instant::now();
    while thread_names().iter().any(|n| n == "ensemble") {
        assert!(
            start.elapsed().as_secs() < 5,
            "the ensemble thread kept running"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // It does not restart by itself, even after the debounce.
    std::thread::sleep(std::time::Duration::from_millis(400));
    for _ in 0..30 {
        h.step();
    }
    h.run();
    assert!(h.state().analysis_view().bands_running.is_none());
    h.get_by_label("Run ensemble");
}

/// A 1700 × 1100 picture, larger than the 1600 × 1000 window, with each pixel telling its place.
fn synthetic_screenshot() -> egui::ColorImage {
    let (w, h) = (1700, 1100);
    let pixels = (0..w * h)
        .map(|i| egui::Color32::from_rgb((i % w % 256) as u8, (i / w % 256) as u8, 77))
        .collect();
    egui::ColorImage::new([w, h], pixels)
}

fn read_png(path: &std::path::Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    (info.width, info.height, buf[..info.buffer_size()].to_vec())
}

#[test]
fn a_chart_exports_as_a_png_cropped_to_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("tilt.png");
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Export");
    click(&mut h, "Tilt chart as PNG…");
    type_path_and_confirm(&mut h, &target);
    // The picture is drawn for a printed note: light, titled with the scenario, with its source.
    assert!(h.state().is_exporting());
    assert!(!h.ctx.global_style().visuals.dark_mode, "exports are light");
    h.get_by_label("Baseline 2025");
    let source = h
        .query_by_label_contains("ASEAN Digital Futures, model v1.1 · scenario “Baseline 2025”")
        .expect("the source line is in the picture");
    assert!(source.rect().bottom() <= 1000.0);
    finish_export(&mut h, &synthetic_screenshot());
    assert!(
        h.ctx.global_style().visuals.dark_mode,
        "the window is dark again"
    );
    let (w, hgt, pixels) = read_png(&target);
    // The view is drawn alone over (nearly) the whole 1600 × 1000 window, and the picture is cut
    // to it: the synthetic picture's pixels say where they were, so the first one is the corner
    // of the cut and the last one must be its opposite corner.
    let (x0, y0) = (usize::from(pixels[0]), usize::from(pixels[1]));
    assert_eq!(pixels[2], 77);
    assert!(x0 < 20 && y0 < 20, "cut at ({x0}, {y0})");
    let (w, hgt) = (w as usize, hgt as usize);
    assert!(
        x0 + w <= 1600 && y0 + hgt <= 1000,
        "{w} × {hgt} inside the window"
    );
    assert!(w >= 1560 && hgt >= 960, "presentation size: {w} × {hgt}");
    let last = ((hgt - 1) * w + w - 1) * 4;
    assert_eq!(
        &pixels[last..last + 4],
        &[
            ((x0 + w - 1) % 256) as u8,
            ((y0 + hgt - 1) % 256) as u8,
            77,
            255
        ]
    );
    h.get_by_label(&format!("Exported {}", target.display()));
}

#[test]
fn the_briefing_holds_description_diff_outcomes_and_sentence_with_pngs_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.md");
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Pin as A");
    edit_two_groups(&mut h);
    run_attribution(&mut h);
    let sentence = h
        .state()
        .analysis_view()
        .attribution
        .result
        .unwrap()
        .sentence
        .clone();
    click(&mut h, "Analysis");
    click(&mut h, "Export briefing…");
    type_path_and_confirm(&mut h, &target);
    finish_export(&mut h, &synthetic_screenshot());

    let md = std::fs::read_to_string(&target).unwrap();
    let description = common::baseline().description;
    assert!(!description.trim().is_empty());
    assert!(md.contains(description.trim()), "{md}");
    assert!(md.contains("| Cambodia's governance | 0.2 | 0.7 |"), "{md}");
    assert!(md.contains("| ASEAN's hard law |"), "{md}");
    // Written for its reader: A and B told apart, no path on the author's machine.
    assert!(md.contains("as it was (pinned at"), "{md}");
    assert!(md.contains("B is the scenario as it is now"), "{md}");
    assert!(!md.contains(&dir.path().display().to_string()), "{md}");
    assert!(md.contains(&sentence), "{md}");
    assert!(md.contains("## Key outcomes in 2045"), "{md}");
    assert!(md.contains("| KHM tilt (US–CN) |"), "{md}");
    for figure in ["brief_tilt.png", "brief_bloc.png", "brief_attribution.png"] {
        assert!(md.contains(&format!("]({figure})")), "{figure} in {md}");
        let (w, hgt, _) = read_png(&dir.path().join(figure));
        assert!(
            (1560..=1600).contains(&w) && (960..=1000).contains(&hgt),
            "{figure}: {w} × {hgt}"
        );
    }
}

/// Every control a person can use in the results area, with its right edge.
fn controls_past(h: &H, right: f32) -> Vec<String> {
    h.root()
        .children_recursive()
        .filter(|n| egui::accessibility::is_input(n.accesskit_node().role()))
        .filter(|n| n.rect().right() > right + 0.5)
        .map(|n| {
            format!(
                "{:?} {:?} at {:?}",
                n.accesskit_node().role(),
                n.accesskit_node().label(),
                n.rect()
            )
        })
        .collect()
}

#[test]
fn at_1280_by_720_no_control_of_any_view_reaches_past_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_sized(app_in(dir.path()), egui::vec2(1280.0, 720.0));
    click(&mut h, "Pin as A");
    edit_two_groups(&mut h);
    click(&mut h, "Bands");
    run_until(&mut h, "the ensemble", |app| {
        app.analysis_view().bands_members.is_some()
    });
    run_attribution(&mut h);
    click(&mut h, "Sensitivity");
    click(&mut h, "Run sensitivity");
    run_until(&mut h, "the tornado", |app| {
        app.analysis_view().tornado.result.is_some()
    });
    click(&mut h, "Tipping points");
    set_slider(&mut h, "Grid points per axis", 5.0);
    click(&mut h, "Run sweep");
    run_until(&mut h, "the sweep", |app| {
        app.analysis_view().sweep.result.is_some()
    });
    click(&mut h, "Sensitivity");
    click(&mut h, "All constants at once");
    click(&mut h, "Samples");
    click(&mut h, "64 (quick look)");
    click(&mut h, "Run robustness");
    run_until(&mut h, "the robustness analysis", |app| {
        app.analysis_view().robustness.result.is_some()
    });
    let past = controls_past(&h, 1280.0);
    assert!(past.is_empty(), "robustness: {past:#?}");
    for tab in [
        "Trajectories",
        "Compare A/B",
        "Attribution",
        "Sensitivity",
        "Tipping points",
    ] {
        click(&mut h, tab);
        let past = controls_past(&h, 1280.0);
        assert!(past.is_empty(), "{tab}: {past:#?}");
    }
}

#[test]
fn chart_data_exports_as_csv_with_b_a_and_the_band() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("tilt.csv");
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Pin as A");
    click(&mut h, "KHM  Cambodia");
    set_slider(&mut h, "Governance", 0.7);
    click(&mut h, "Trajectories");
    click(&mut h, "Bands");
    run_until(&mut h, "the ensemble", |app| {
        app.analysis_view().bands_members.is_some()
    });
    click(&mut h, "Export");
    click(&mut h, "Tilt chart data as CSV…");
    type_path_and_confirm(&mut h, &target);
    run_until(&mut h, "the CSV", |app| !app.is_exporting());

    let text = std::fs::read_to_string(&target).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,series,b,a,p10,p50,p90"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 11 * 21, "11 states × 21 years");
    let khm_end = rows
        .iter()
        .find(|r| r[0] == "2045" && r[1] == "KHM tilt")
        .unwrap();
    let run = h.state().run().unwrap();
    let b: f64 = khm_end[2].parse().unwrap();
    assert_eq!(b, run.tilt(run.len() - 1, 1));
    let a: f64 = khm_end[3].parse().unwrap();
    assert_ne!(a, b, "A is the pinned scenario before the edit");
    let (p10, p90): (f64, f64) = (khm_end[4].parse().unwrap(), khm_end[6].parse().unwrap());
    assert!(p10 < p90);
}

#[test]
fn at_1280_by_720_the_per_state_table_shows_its_first_rows_above_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let h = harness_sized(app_in(dir.path()), egui::vec2(1280.0, 720.0));
    // The charts' titles and legends count against their share of the height, so the table keeps
    // room for rows (and scrolls for the rest) instead of being pushed below the window.
    for row in ["BRN Brunei Darussalam", "KHM Cambodia"] {
        let link = h
            .get_all_by_label(row)
            .find(|n| n.accesskit_node().role() == Role::Link)
            .unwrap_or_else(|| panic!("no table link {row}"));
        let rect = link.rect();
        assert!(rect.bottom() < 690.0, "{row} at {rect:?}");
    }
}

#[test]
fn bands_follow_a_slider_drag_while_the_pointer_is_down() {
    let dir = tempfile::tempdir().unwrap();
    // Frames 1 ms apart in the app's clock: however long the background ensemble takes on a busy
    // test machine, the whole drag stays far inside the 300 ms debounce, so only bands that follow
    // the drag live can move.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_step_dt(0.001)
        .with_max_steps(400)
        .build_ui_state(|ui, app: &mut AseanApp| app.ui_frame(ui), {
            // A small ensemble, so it stays fast on a loaded test machine.
            let mut s = common::baseline();
            s.ensemble.members = 20;
            app_with(dir.path(), s)
        });
    h.run();
    click(&mut h, "Bands");
    run_until(&mut h, "the ensemble", |app| {
        app.analysis_view().bands_members.is_some()
    });
    click(&mut h, "KHM  Cambodia");
    let before = h.state().chart_overlay().main_bands[1].clone().unwrap();
    let governance = h.state().document().scenario().states[1].governance;
    let rect = h.get_by_role_and_label(Role::Slider, "Governance").rect();
    let at = |f: f32| egui::pos2(rect.left() + rect.width() * f, rect.center().y);
    h.hover_at(at(0.2));
    h.step();
    h.drag_at(at(0.2));
    h.step();
    let mut moved = 0;
    for k in 1..=6 {
        let shown = h.state().chart_overlay().bands_generation();
        h.hover_at(at(0.2 + 0.1 * k as f32));
        // The pointer stays down while the ensemble runs in real time (at most 200 frames,
        // 0.2 s of the app's clock).
        for _ in 0..200 {
            std::thread::sleep(std::time::Duration::from_millis(5));
            h.step();
            if h.state().chart_overlay().bands_generation() != shown {
                moved += 1;
                break;
            }
        }
        let band = h
            .state()
            .chart_overlay()
            .main_bands
            .get(1)
            .cloned()
            .flatten();
        assert!(
            band.is_some(),
            "the bands vanished during the drag (step {k})"
        );
    }
    let during = h.state().chart_overlay().main_bands[1].clone().unwrap();
    h.drop_at(at(0.8));
    h.run();
    assert_ne!(
        h.state().document().scenario().states[1].governance,
        governance,
        "the drag moved the slider"
    );
    assert_ne!(during, before, "Cambodia's band moved with the drag");
    assert!(
        moved >= 5,
        "the bands moved in {moved} of 6 steps of a drag; they must follow it"
    );
    let doc = h.state().document();
    assert!(doc.can_undo());
    assert!(
        doc.undo_label().is_some_and(|l| l.contains("governance")),
        "{:?}",
        doc.undo_label()
    );
}

#[test]
fn the_map_exports_as_an_svg_of_the_edited_scenario_at_the_cursor_year() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.svg");
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "KHM  Cambodia");
    set_slider(&mut h, "Governance", 0.7);
    click(&mut h, "Map");
    click(&mut h, "Export");
    click(&mut h, "Map as SVG…");
    type_path_and_confirm(&mut h, &target);
    run_until(&mut h, "the SVG", |app| !app.is_exporting());
    let svg = std::fs::read_to_string(&target).unwrap();
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).unwrap();
    // The figure is the open, edited scenario: Cambodia's label gives its tilt in this run.
    let scenario = h.state().document().scenario().clone();
    let run = asean_futures::engine::run(&scenario).unwrap();
    let khm = scenario
        .states
        .iter()
        .position(|s| s.code == "KHM")
        .unwrap();
    let t = run.times.len() - 1;
    let label = format!("Cambodia {:+.2}", run.tilt(t, khm)).replace('-', "−");
    assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    assert!(svg.contains("Tilt in 2045"));
    assert!(svg.contains("fill=\"#FFFFFF\""), "light, for print");
    h.get_by_label(&format!("Exported {}", target.display()));
}

#[test]
fn robustness_runs_in_the_background_and_says_how_robust_the_leaning_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Sensitivity");
    click(&mut h, "All constants at once");
    click(&mut h, "Samples");
    click(&mut h, "64 (quick look)");
    click(&mut h, "Run robustness");
    // It runs off the UI thread, with a Cancel button while it does.
    assert!(
        h.state().analysis_view().robustness.running.is_some()
            || h.state().analysis_view().robustness.result.is_some()
    );
    run_until(&mut h, "the robustness analysis", |app| {
        app.analysis_view().robustness.result.is_some()
    });
    let (statement, outcome) = {
        let view = h.state().analysis_view();
        let r = view.robustness.result.unwrap();
        (r.statement.clone().unwrap(), r.outcome)
    };
    // The statement shown is the analysis' own, measured the same way outside the app.
    let s = common::baseline();
    let again = asean_futures::analysis::robustness(
        &s,
        &outcome,
        &asean_futures::analysis::RobustnessOptions {
            base_samples: 64,
            ..Default::default()
        },
        &std::sync::atomic::AtomicBool::new(false),
        &std::sync::atomic::AtomicUsize::new(0),
    )
    .unwrap();
    assert_eq!(
        asean_futures::analysis::leaning_statement(&s, &again).as_deref(),
        Some(statement.as_str())
    );
    assert!(
        statement.starts_with("Cambodia leans to China"),
        "{statement}"
    );
    h.get_by_label(&statement);
    // The table names the constant it hangs on most, with its total index.
    let top = &h
        .state()
        .analysis_view()
        .robustness
        .result
        .unwrap()
        .robustness
        .indices[0];
    let (name, total) = (top.id.label(), format!("{:.2}", top.total));
    h.get_by_label(name);
    assert!(
        h.query_all_by_label_contains(&total).next().is_some(),
        "{total}"
    );
}

#[test]
fn the_tornado_swings_the_constants_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app_in(dir.path()));
    click(&mut h, "Sensitivity");
    click(&mut h, "Model constants too");
    click(&mut h, "Run sensitivity");
    run_until(&mut h, "the tornado", |app| {
        app.analysis_view().tornado.result.is_some()
    });
    let view = h.state().analysis_view();
    let bars = &view.tornado.result.unwrap().tornado.bars;
    let constants = bars
        .iter()
        .filter(|b| matches!(b.swung, asean_futures::analysis::Swung::Constant(_)))
        .count();
    assert_eq!(constants, asean_futures::model::ConstantId::ALL.len());
}
