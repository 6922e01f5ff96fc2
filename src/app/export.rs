//! Exports of the views: CSV of a view's data, PNG of a view, and the briefing (Markdown with PNGs
//! beside it). A PNG is taken from the window: for a frame or two the view is drawn alone at window
//! size, the app asks for a screenshot (`ViewportCommand::Screenshot`), crops the answer to the
//! view's rectangle scaled by pixels-per-point, and writes it on a named background thread.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::analysis::{self, OutcomeKind};
use crate::engine::{self, BandSeries};
use crate::io::{
    self, Briefing, BriefingAttribution, BriefingComparison, BriefingRobustness, KeyOutcome,
    SeriesData,
};
use crate::ui::MainChart;
use crate::ui::analysis::{AnalysisView, ExportView, ExportWhat, capture_view_ui};

use super::AseanApp;
use super::file_dialogs::DialogPurpose;
use crate::figure::{self, FigureFormat, FigureRequest, FigureView, today_iso};

use super::jobs::{Job, JobError};

/// Frames to wait for the window's picture before asking again (a request can be lost when the
/// window is hidden), and before giving up (about five seconds at 60 frames per second). Frames,
/// not seconds: the picture comes with a painted frame, whatever the clock says.
const RESEND_FRAMES: u32 = 20;
const GIVE_UP_FRAMES: u32 = 300;

/// An export taking pictures of views, one after another.
pub(super) struct Capture {
    queue: VecDeque<(ExportView, PathBuf)>,
    shot: Option<Shot>,
    images: Vec<(PathBuf, io::RgbaImage)>,
    finish: Finish,
}

/// One picture being taken.
struct Shot {
    view: ExportView,
    file: PathBuf,
    tx: Sender<Arc<egui::ColorImage>>,
    rx: Receiver<Arc<egui::ColorImage>>,
    /// Where the view was drawn in the last frame, and at which scale.
    rect: Option<(egui::Rect, f32)>,
    /// Frames drawn for this picture so far.
    frames: u32,
}

/// What happens with the pictures.
enum Finish {
    Pngs,
    Briefing { path: PathBuf, markdown: String },
}

/// The dialog for an export.
pub(super) fn export_purpose(what: ExportWhat) -> DialogPurpose {
    match what {
        ExportWhat::Png(_) => DialogPurpose::ExportPng,
        ExportWhat::Svg(_) => DialogPurpose::ExportSvg,
        ExportWhat::Csv(_) => DialogPurpose::ExportCsv,
        ExportWhat::Briefing => DialogPurpose::ExportBriefing,
    }
}

/// The file extension of an export.
pub(super) fn export_extension(what: ExportWhat) -> &'static str {
    match what {
        ExportWhat::Png(_) => "png",
        ExportWhat::Svg(_) => "svg",
        ExportWhat::Csv(_) => "csv",
        ExportWhat::Briefing => "md",
    }
}

impl AseanApp {
    /// Whether an export is taking pictures or writing files.
    pub fn is_exporting(&self) -> bool {
        self.capture.is_some() || self.analysis.writer_busy()
    }

    /// Starts an export to `path` (its extension added when missing).
    pub(super) fn start_export(&mut self, ctx: &egui::Context, what: ExportWhat, path: PathBuf) {
        let path = if path.extension().is_none() {
            path.with_extension(export_extension(what))
        } else {
            path
        };
        match what {
            ExportWhat::Csv(view) => match self.csv_text(view) {
                Ok(text) => self.write_in_background(ctx, path, text),
                Err(why) => self.notices.error("Nothing to export", why.to_string()),
            },
            ExportWhat::Svg(view) => self.export_svg(ctx, view, path),
            ExportWhat::Png(view) => {
                self.begin_capture(ctx, VecDeque::from([(view, path)]), Finish::Pngs)
            }
            ExportWhat::Briefing => {
                let views = self.briefing_views();
                let files: Vec<(ExportView, PathBuf)> = views
                    .iter()
                    .map(|v| (*v, io::figure_path(&path, v.file_tag(&self.ui))))
                    .collect();
                let markdown = self.briefing_text(&files);
                self.begin_capture(ctx, files.into(), Finish::Briefing { path, markdown });
            }
        }
    }

    fn begin_capture(
        &mut self,
        ctx: &egui::Context,
        queue: VecDeque<(ExportView, PathBuf)>,
        finish: Finish,
    ) {
        if self.capture.is_some() {
            self.notices.say("An export is still running");
            return;
        }
        self.capture = Some(Capture {
            queue,
            shot: None,
            images: Vec::new(),
            finish,
        });
        ctx.request_repaint();
    }

    /// While an export takes pictures, draws the view alone and asks for the window's picture;
    /// returns whether it drew the frame (the rest of the window then waits a frame or two).
    pub(super) fn capture_frame(&mut self, ui: &mut egui::Ui) -> bool {
        let ctx = ui.ctx().clone();
        let Some(cap) = &mut self.capture else {
            return false;
        };
        if let Some(shot) = &cap.shot {
            if let Ok(image) = shot.rx.try_recv() {
                if let Some(cropped) = shot.rect.and_then(|(r, ppp)| crop(&image, r, ppp)) {
                    cap.images.push((shot.file.clone(), cropped));
                }
                cap.shot = None;
            } else if shot.frames > GIVE_UP_FRAMES {
                self.capture = None;
                self.notices.error(
                    "The picture was not exported",
                    "The window did not return a picture of the view in time. PNG export \
                              needs a renderer that can take screenshots (the default wgpu one).",
                );
                return false;
            }
        }
        if cap.shot.is_none() {
            match cap.queue.pop_front() {
                Some((view, file)) => {
                    let (tx, rx) = channel();
                    cap.shot = Some(Shot {
                        view,
                        file,
                        tx,
                        rx,
                        rect: None,
                        frames: 0,
                    });
                }
                None => {
                    if let Some(done) = self.capture.take() {
                        self.finish_capture(&ctx, done);
                    }
                    return false;
                }
            }
        }
        let Some(shot) = self.capture.as_mut().and_then(|c| c.shot.as_mut()) else {
            return false;
        };
        let vctx = super::view_ctx(
            &self.doc,
            &self.current,
            &self.baseline,
            ctx.global_style().visuals.dark_mode,
        );
        if let Some(run) = vctx.run {
            self.charts.refresh(&vctx, run, &self.ui, self.current.id());
        }
        let view: AnalysisView<'_> = self.analysis.view(self.doc.generation(), true);
        let file_name = self
            .doc
            .path()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        let source = figure::figure_source(self.doc.scenario(), file_name.as_deref());
        let frame = egui::Frame::central_panel(&ctx.global_style()).inner_margin(24.0);
        let response = egui::CentralPanel::default().frame(frame).show(ui, |ui| {
            capture_view_ui(
                ui,
                shot.view,
                &vctx,
                &mut self.ui,
                &self.charts,
                &view,
                &source,
            );
        });
        let rect = response.response.rect.intersect(ctx.content_rect());
        shot.rect = Some((rect, ctx.pixels_per_point()));
        // The integration answers with the next frame it paints; the layout stays the same until
        // the picture arrives, so the rectangle of the latest frame is the one to crop.
        if shot.frames % RESEND_FRAMES == 0 {
            let tx = shot.tx.clone();
            let repaint = ctx.clone();
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(
                egui::ScreenshotCallback::new(move |image| {
                    let _ = tx.send(image);
                    repaint.request_repaint();
                }),
            ));
        }
        shot.frames += 1;
        // The picture is of the next frame, whose hover comes from the pointer state this one
        // leaves: forget the pointer so no crosshair or tooltip lands in the exported picture.
        ctx.input_mut(|i| i.pointer = Default::default());
        ctx.request_repaint_after(std::time::Duration::from_millis(16));
        true
    }

    fn finish_capture(&mut self, ctx: &egui::Context, cap: Capture) {
        let images = cap.images;
        let job = match cap.finish {
            Finish::Pngs => Job::spawn("export-png", images.len(), ctx, move |_, progress| {
                let mut written = Vec::new();
                for (file, image) in &images {
                    io::write_png(file, image)?;
                    progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    written.push(file.display().to_string());
                }
                Ok(format!("Exported {}", written.join(", ")))
            }),
            Finish::Briefing { path, markdown } => {
                Job::spawn("export-briefing", 1, ctx, move |_, _| {
                    io::write_briefing(&path, &markdown, &images)?;
                    Ok(format!(
                        "Exported the briefing {} with {} figure(s)",
                        path.display(),
                        images.len()
                    ))
                })
            }
        };
        self.analysis.start_writer(job);
    }

    /// Draws the view as a vector figure (the `figure` module's, as `asean-futures export` draws
    /// it) for the chosen state and year, and writes it on a background thread.
    fn export_svg(&mut self, ctx: &egui::Context, view: ExportView, path: PathBuf) {
        let Some(run) = self.current.run().cloned() else {
            self.notices
                .error("Nothing to export", NothingToExport::NoRun.to_string());
            return;
        };
        let state = self.ui.chart_state.min(run.n_states.saturating_sub(1));
        let figure_view = match (view, self.ui.chart) {
            (ExportView::BlocChart, _) => FigureView::Bloc,
            (_, MainChart::Tilt) => FigureView::Tilt,
            (_, MainChart::Map) => FigureView::Map,
            (_, MainChart::Shares) => FigureView::Shares(state),
            (_, MainChart::Dependency) => FigureView::Dependency(state),
        };
        let request = FigureRequest {
            view: figure_view,
            format: FigureFormat::Svg,
            width: 1600,
            height: 900,
            dark: false,
            year: Some(self.cursor_year()),
            file_name: self
                .doc
                .path()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
        };
        let scenario = self.doc.scenario().clone();
        let job = Job::spawn("export-svg", 1, ctx, move |_, _| {
            let bytes =
                figure::figure_bytes(&scenario, &run, &request).map_err(JobError::Figure)?;
            io::write_figure(&path, &bytes)?;
            Ok(format!("Exported {}", path.display()))
        });
        self.analysis.start_writer(job);
    }

    fn write_in_background(&mut self, ctx: &egui::Context, path: PathBuf, text: String) {
        let job = Job::spawn("export-csv", 1, ctx, move |_, _| {
            io::write_csv_text(&path, &text)?;
            Ok(format!("Exported {}", path.display()))
        });
        self.analysis.start_writer(job);
    }

    /// Collects a finished export's message or error (called once per frame).
    pub(super) fn poll_export(&mut self) {
        match self.analysis.poll_writer() {
            Some(Ok(message)) => self.notices.say(message),
            Some(Err(e)) => self.notices.error(
                "The export was not written",
                format!("{e}\n\nNo file was left half-written."),
            ),
            None => {}
        }
    }

    /// The data of a view as CSV text.
    fn csv_text(&mut self, view: ExportView) -> Result<String, NothingToExport> {
        let no_run = || NothingToExport::NoRun;
        let err = NothingToExport::Text;
        match view {
            ExportView::MainChart | ExportView::BlocChart => {
                let run = self.current.run().ok_or_else(no_run)?;
                let vctx = super::view_ctx(&self.doc, &self.current, &self.baseline, true);
                self.charts.refresh(&vctx, run, &self.ui, self.current.id());
                io::series_csv(&self.chart_series(view == ExportView::BlocChart)).map_err(err)
            }
            ExportView::CompareTable => {
                let v = self.analysis_view();
                if v.pinned.is_none() {
                    return Err(NothingToExport::NotPinned);
                }
                io::compare_csv(v.diffs, v.outcome_diffs, self.cursor_year()).map_err(err)
            }
            ExportView::Waterfall => {
                let v = self.analysis_view();
                let r = v
                    .attribution
                    .result
                    .ok_or(NothingToExport::NotRun("attribution"))?;
                io::waterfall_csv(&r.attribution, &r.label).map_err(err)
            }
            ExportView::Tornado => {
                let v = self.analysis_view();
                let r = v
                    .tornado
                    .result
                    .ok_or(NothingToExport::NotRun("sensitivity analysis"))?;
                io::tornado_csv(self.doc.scenario(), &r.tornado).map_err(err)
            }
            ExportView::TippingMap => {
                let v = self.analysis_view();
                let r = v.sweep.result.ok_or(NothingToExport::NotRun("sweep"))?;
                io::sweep_csv(self.doc.scenario(), &r.sweep).map_err(err)
            }
        }
    }

    /// The series of the main or bloc chart as plain numbers (B, A, band).
    fn chart_series(&self, bloc: bool) -> Vec<SeriesData> {
        let s = self.doc.scenario();
        let c = &self.charts;
        let overlay = &c.overlay;
        let points = |pts: &[egui_plot::PlotPoint]| pts.iter().map(|p| (p.x, p.y)).collect();
        let band_of = |b: Option<&crate::ui::analysis::Band>| {
            b.map(|b| (0..b.xs.len()).filter_map(|t| b.at(t)).collect())
        };
        if bloc {
            return engine::BlocIndex::ALL
                .iter()
                .enumerate()
                .map(|(k, idx)| SeriesData {
                    name: idx.key().to_string(),
                    b: c.bloc.get(k).map_or_else(Vec::new, |p| points(p)),
                    a: overlay
                        .a
                        .as_ref()
                        .and_then(|a| a.bloc.get(k))
                        .map(|p| points(p)),
                    band: band_of(overlay.bloc_bands.get(k).and_then(Option::as_ref)),
                })
                .collect();
        }
        let i = self.ui.chart_state.min(s.states.len().saturating_sub(1));
        let code = s.states.get(i).map_or("?", |st| st.code.as_str());
        let (series, names): (&Vec<Vec<egui_plot::PlotPoint>>, Vec<String>) = match self.ui.chart {
            MainChart::Tilt | MainChart::Map => (
                &c.tilt,
                s.states
                    .iter()
                    .map(|st| format!("{} tilt", st.code))
                    .collect(),
            ),
            MainChart::Shares => (
                &c.shares,
                s.pole_codes()
                    .iter()
                    .map(|p| format!("{code} share {p}"))
                    .collect(),
            ),
            MainChart::Dependency => (
                &c.dependency,
                s.powers
                    .iter()
                    .map(|p| format!("{code} dependency {}", p.code))
                    .chain(std::iter::once(format!("{code} domestic")))
                    .collect(),
            ),
        };
        let a_series = overlay.a.as_ref().map(|a| match self.ui.chart {
            MainChart::Tilt | MainChart::Map => &a.tilt,
            MainChart::Shares => &a.shares,
            MainChart::Dependency => &a.dependency,
        });
        let bands_ok = overlay.has_main_bands(&self.ui);
        series
            .iter()
            .enumerate()
            .map(|(k, pts)| SeriesData {
                name: names
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| format!("series {k}")),
                b: points(pts),
                a: a_series.and_then(|a| a.get(k)).map(|p| points(p)),
                band: if bands_ok {
                    band_of(overlay.main_bands.get(k).and_then(Option::as_ref))
                } else {
                    None
                },
            })
            .collect()
    }

    fn cursor_year(&self) -> f64 {
        self.ui
            .cursor_year
            .or_else(|| self.current.run().and_then(|r| r.times.last().copied()))
            .unwrap_or(self.doc.scenario().time.end_year)
    }

    /// The figures of a briefing: the charts, and each analysis that has a current result.
    fn briefing_views(&self) -> Vec<ExportView> {
        let v = self.analysis_view();
        let mut views = Vec::new();
        if self.current.run().is_some() {
            views.push(ExportView::MainChart);
            views.push(ExportView::BlocChart);
        }
        if v.attribution.result.is_some_and(|r| r.key == v.current) {
            views.push(ExportView::Waterfall);
        }
        if v.tornado
            .result
            .is_some_and(|r| r.key.generation == v.current.generation)
        {
            views.push(ExportView::Tornado);
        }
        if v.sweep
            .result
            .is_some_and(|r| r.key.generation == v.current.generation)
        {
            views.push(ExportView::TippingMap);
        }
        views
    }

    /// The briefing's Markdown, naming the figures by their file names beside it.
    fn briefing_text(&self, files: &[(ExportView, PathBuf)]) -> String {
        let s = self.doc.scenario();
        let v = self.analysis_view();
        let year = self.cursor_year();
        let generation = self.doc.generation();
        let ensemble = self
            .ui
            .analysis
            .show_bands
            .then(|| self.analysis.ensemble_for(generation))
            .flatten();
        let band_at = |kind: OutcomeKind| -> Option<(f64, f64)> {
            let e = ensemble?;
            let series = match kind {
                OutcomeKind::Bloc(b) => BandSeries::Bloc(b),
                OutcomeKind::Tilt { state } => BandSeries::Tilt { state },
                _ => return None,
            };
            let t = e
                .times
                .iter()
                .position(|x| (x - year).abs() < 1e-9)
                .or_else(|| self.current.run().map(|r| r.index_of_year(year)))?;
            let (lo, _, hi) = e.band(series, t);
            Some((lo, hi))
        };
        let own;
        let rows = if v.pinned.is_some() {
            v.outcome_diffs
        } else {
            own = self
                .current
                .run()
                .map(|r| analysis::outcome_differences(s, s, r, r, year))
                .unwrap_or_default();
            &own
        };
        let outcomes: Vec<KeyOutcome> = rows
            .iter()
            .map(|d| KeyOutcome {
                label: d.label.clone(),
                b: d.b,
                a: v.pinned.as_ref().map(|_| d.a),
                band: band_at(d.kind),
                leaning: d.leaning.as_ref().map(|(a, b)| {
                    if v.pinned.is_some() && a != b {
                        format!("{a} to {b}")
                    } else {
                        b.clone()
                    }
                }),
            })
            .collect();
        let attribution = v
            .attribution
            .result
            .filter(|r| r.key == v.current)
            .map(|r| BriefingAttribution {
                outcome_label: &r.label,
                sentence: &r.sentence,
                method: r.method(),
                contributions: r
                    .attribution
                    .contributions
                    .iter()
                    .map(|c| (c.group.clone(), c.value))
                    .collect(),
                a: r.attribution.outcome_a,
                b: r.attribution.outcome_b,
            });
        let figures: Vec<(String, String)> = files
            .iter()
            .map(|(view, file)| {
                (
                    view.label(&self.ui).to_string(),
                    file.file_name()
                        .map_or(String::new(), |f| f.to_string_lossy().into_owned()),
                )
            })
            .collect();
        let date = today_iso();
        let comparison = v.pinned.as_ref().map(|p| BriefingComparison {
            a_name: &p.scenario.name,
            a_source: p.source,
            diffs: v.diffs,
        });
        io::briefing_markdown(&Briefing {
            title: &s.name,
            description: &s.description,
            file: self.doc.path(),
            date: &date,
            comparison,
            year,
            outcomes: &outcomes,
            ensemble_members: ensemble.map(|e| e.members),
            attribution,
            figures: &figures,
            claims: self.current.claims(),
            robustness: v.robustness.result.filter(|r| r.key == v.current).map(|r| {
                BriefingRobustness {
                    outcome_label: &r.label,
                    robustness: &r.robustness,
                    statement: r.statement.as_deref(),
                }
            }),
            grades: crate::model::GradeCounts::of(s),
        })
    }
}

/// The part of a screenshot inside `rect` (points), scaled by pixels-per-point.
fn crop(image: &egui::ColorImage, rect: egui::Rect, ppp: f32) -> Option<io::RgbaImage> {
    let [width, height] = image.size;
    let pixels: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let full = io::RgbaImage {
        width,
        height,
        pixels,
    };
    let px = |v: f32| (v * ppp).round().max(0.0) as usize;
    full.crop(io::PixelRect {
        x: px(rect.min.x),
        y: px(rect.min.y),
        width: px(rect.width()),
        height: px(rect.height()),
    })
}

/// Why a view has no data to export yet.
#[derive(Debug, thiserror::Error)]
enum NothingToExport {
    #[error("The scenario has problems, so there is no run to export.")]
    NoRun,
    #[error("Pin a scenario as A first.")]
    NotPinned,
    #[error("Run the {0} first.")]
    NotRun(&'static str),
    #[error(transparent)]
    Text(io::SaveError),
}

/// The part of an export's file name that says what it shows ("tilt", "map", "briefing").
pub(super) fn export_tag(what: ExportWhat, ui: &crate::ui::UiState) -> &'static str {
    match what {
        ExportWhat::Png(v) | ExportWhat::Svg(v) | ExportWhat::Csv(v) => v.file_tag(ui),
        ExportWhat::Briefing => "briefing",
    }
}
