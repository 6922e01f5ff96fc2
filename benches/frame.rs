//! Frame-time benchmark of the real UI, headless: the whole window at 1600 × 1000 on the baseline
//! with every view open (navigator, state editor, tilt chart, bloc chart, table), measured as CPU time
//! per frame (egui pass + tessellation). Then the same while a slider is dragged: every frame applies
//! one step of a drag on Cambodia's governance, so the engine re-runs inside the measured frame.
//! Then that drag with the uncertainty bands on, paced at 60 Hz, counting how often the drawn bands
//! moved: they follow the drag when the ensemble keeps up.
//! Targets: mean ≤ 2 ms with p99 ≤ 5 ms idle, mean ≤ 5 ms while dragging (release build).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a benchmark fails by panicking

use std::time::{Duration, Instant};

use asean_futures::app::{AseanApp, NoDialogs, Prefs, Recovery};
use asean_futures::document::Document;
use asean_futures::ui::Command;

const FRAMES: usize = 600;

fn frame(ctx: &egui::Context, app: &mut AseanApp, time: f64) -> Duration {
    frame_with(ctx, app, time, Vec::new())
}

/// A frame with input events (a held pointer button, for a drag).
fn frame_with(
    ctx: &egui::Context,
    app: &mut AseanApp,
    time: f64,
    events: Vec<egui::Event>,
) -> Duration {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        time: Some(time),
        events,
        ..Default::default()
    };
    let start = Instant::now();
    let mut output = ctx.run_ui(input, |ui| app.ui_frame(ui));
    let primitives = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    std::hint::black_box(primitives);
    // Textures are never uploaded here; clearing the delta keeps egui's debug checks quiet.
    output.textures_delta.clear();
    start.elapsed()
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    let p50 = ms(times[times.len() / 2]);
    let p99 = ms(times[(times.len() * 99) / 100]);
    println!(
        "{name:<28} mean {mean:.3} ms   p50 {p50:.3} ms   p99 {p99:.3} ms   ({} frames)",
        times.len()
    );
}

fn main() {
    let baseline = asean_futures::io::baseline().expect("baseline");
    let ctx = egui::Context::default();
    let mut app = AseanApp::new(
        Document::new(baseline, None),
        Prefs::default(),
        Box::new(NoDialogs),
        Recovery::new(None),
    );
    let mut t = 0.0;
    for _ in 0..60 {
        t += 1.0 / 60.0;
        frame(&ctx, &mut app, t);
    }
    let idle: Vec<Duration> = (0..FRAMES)
        .map(|_| {
            t += 1.0 / 60.0;
            frame(&ctx, &mut app, t)
        })
        .collect();
    report("idle, every view open", idle);

    let dragging: Vec<Duration> = (0..FRAMES)
        .map(|k| {
            t += 1.0 / 60.0;
            let v = 0.2 + 0.6 * (k as f64 / FRAMES as f64);
            let start = Instant::now();
            app.apply(
                &ctx,
                Command::drag(asean_futures::model::Edit::Set {
                    input: "KHM.governance".into(),
                    value: v,
                }),
            );
            let applied = start.elapsed();
            frame(&ctx, &mut app, t) + applied
        })
        .collect();
    report("dragging a slider (+ re-run)", dragging);

    // The same drag with the uncertainty bands on, frames paced at 60 Hz as on a screen: the
    // ensemble runs on its own thread, and the bands follow the drag when it keeps up.
    app.ui.analysis.show_bands = true;
    let settle = Instant::now();
    while app.chart_overlay().bands_generation().is_none() && settle.elapsed().as_secs() < 10 {
        t += 1.0 / 60.0;
        frame(&ctx, &mut app, t);
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut refreshes = 0;
    let mut last = app.chart_overlay().bands_generation();
    // The pointer is held down (on the status bar, where it moves nothing) for the whole drag.
    let held = egui::pos2(4.0, 996.0);
    let button = |pressed| egui::Event::PointerButton {
        pos: held,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    frame_with(
        &ctx,
        &mut app,
        t,
        vec![egui::Event::PointerMoved(held), button(true)],
    );
    let paced: Vec<Duration> = (0..FRAMES / 2)
        .map(|k| {
            let tick = Instant::now();
            t += 1.0 / 60.0;
            let v = 0.2 + 0.6 * (k as f64 / (FRAMES / 2) as f64);
            let start = Instant::now();
            app.apply(
                &ctx,
                Command::drag(asean_futures::model::Edit::Set {
                    input: "KHM.governance".into(),
                    value: v,
                }),
            );
            let applied = start.elapsed();
            let took = frame(&ctx, &mut app, t) + applied;
            let now = app.chart_overlay().bands_generation();
            if now != last {
                refreshes += 1;
                last = now;
            }
            std::thread::sleep(Duration::from_secs_f64(1.0 / 60.0).saturating_sub(tick.elapsed()));
            took
        })
        .collect();
    frame_with(&ctx, &mut app, t + 1.0 / 60.0, vec![button(false)]);
    report("dragging with bands on", paced);
    println!(
        "{:<28} the bands moved {refreshes} times in {} frames ({:.0} per second of drag)",
        "",
        FRAMES / 2,
        refreshes as f64 / ((FRAMES / 2) as f64 / 60.0)
    );
}
