//! The tipping-point map: two inputs swept over a grid in the background, the outcome drawn as a
//! heat map (a texture, colour-blind-safe palette with a colour bar), the contour where the chosen
//! state's leaning flips, and the scenario's own position. Hovering reads a cell; clicking one
//! applies its two values to the scenario as one undoable edit.

use egui::{RichText, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotImage, PlotPoint, PlotPoints, Points, Text};

use crate::analysis::{Sweep, SweepSpec};
use crate::model::Knob;
use crate::model::Scenario;

use super::super::command::Command;
use super::super::theme::{self, HeatPalette};
use super::super::widgets::{contrast_text, name_widget};
use super::super::{ViewCtx, state::UiState};
use super::choices::{fmt_year, knob_picker_ui, outcome_picker_ui, state_combo_ui};
use super::job_status::{RunAction, RunRow, run_row_ui, status_lines_ui};
use super::row_plot::{chars_across, shorten, swatch, value_label, value_marks};
use super::{AnalysisCommand, AnalysisTab, AnalysisView, ResultKey, glyph_safe};

/// A finished sweep, ready to draw: the grid, its texture and contour, and what it came from.
pub struct SweepResult {
    pub spec: SweepSpec,
    pub sweep: Sweep,
    pub key: ResultKey,
    pub texture: egui::TextureHandle,
    pub palette: HeatPalette,
    /// The value at the palette's two ends.
    pub scale: (f64, f64),
    /// The flip contour as segments in knob coordinates.
    pub edges: Vec<[PlotPoint; 2]>,
    pub outcome_label: String,
    pub x_label: String,
    pub y_label: String,
    /// Name and pole codes of the state whose leaning is drawn.
    pub state_name: String,
    pub poles: Vec<String>,
    /// Where to write each leaning region's pole, and the text colour that reads on its cell.
    pub regions: Vec<(PlotPoint, String, egui::Color32)>,
    /// The scenario swept (the map stays current while only its two inputs change).
    pub base: Box<Scenario>,
}

impl std::fmt::Debug for SweepResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SweepResult")
            .field("outcome", &self.outcome_label)
            .field("x", &self.x_label)
            .field("y", &self.y_label)
            .finish()
    }
}

impl SweepResult {
    /// Prepares a sweep of `s` for drawing (builds its texture once).
    pub fn new(
        ctx: &egui::Context,
        s: &Scenario,
        spec: SweepSpec,
        sweep: Sweep,
        key: ResultKey,
    ) -> Self {
        let (lo, hi) = sweep.value_range();
        let tilt = matches!(spec.outcome.kind, crate::analysis::OutcomeKind::Tilt { .. });
        let (palette, scale) = if tilt {
            let m = lo.abs().max(hi.abs()).max(1e-6);
            (HeatPalette::Diverging, (-m, m))
        } else {
            (
                HeatPalette::Sequential,
                (lo, if hi > lo { hi } else { lo + 1e-6 }),
            )
        };
        let (nx, ny) = (sweep.nx(), sweep.ny());
        let mut pixels = Vec::with_capacity(nx * ny);
        // Texture rows run from the top, so the highest y comes first.
        for row in 0..ny {
            let iy = ny - 1 - row;
            for ix in 0..nx {
                let v = sweep.value(ix, iy).unwrap_or(f64::NAN);
                let t = (v - scale.0) / (scale.1 - scale.0);
                pixels.push(theme::heat_colour(palette, t));
            }
        }
        let texture = ctx.load_texture(
            "tipping_map",
            egui::ColorImage::new([nx, ny], pixels),
            egui::TextureOptions::NEAREST,
        );
        let edges = sweep
            .flip_edges()
            .iter()
            .filter_map(|e| e.segment(&sweep))
            .map(|[a, b]| [PlotPoint::new(a.0, a.1), PlotPoint::new(b.0, b.1)])
            .collect();
        let state_name = spec
            .state
            .and_then(|i| s.states.get(i))
            .map_or(String::new(), |st| st.name.clone());
        let poles = s.pole_codes();
        let colour_at = |ix: usize, iy: usize| {
            let v = sweep.value(ix, iy).unwrap_or(f64::NAN);
            theme::heat_colour(palette, (v - scale.0) / (scale.1 - scale.0))
        };
        let regions = region_labels(&sweep)
            .into_iter()
            .filter_map(|(o, ix, iy)| {
                let at = PlotPoint::new(*sweep.x.values.get(ix)?, *sweep.y.values.get(iy)?);
                let text = poles.get(o).cloned().unwrap_or_default();
                Some((at, text, contrast_text(colour_at(ix, iy))))
            })
            .collect();
        Self {
            outcome_label: spec.outcome.label(s),
            x_label: glyph_safe(&sweep.x.label),
            y_label: glyph_safe(&sweep.y.label),
            spec,
            sweep,
            key,
            texture,
            palette,
            scale,
            edges,
            state_name,
            poles,
            regions,
            base: Box::new(s.clone()),
        }
    }

    /// Whether the map still describes `s`: nothing but its two inputs changed since the sweep.
    pub fn describes(&self, s: &Scenario) -> bool {
        let mut probe = s.clone();
        let (x, y) = (self.spec.x, self.spec.y);
        match (x.get(&self.base), y.get(&self.base)) {
            (Ok(xv), Ok(yv)) => {
                x.set(&mut probe, xv).is_ok()
                    && y.set(&mut probe, yv).is_ok()
                    && probe == *self.base
            }
            _ => false,
        }
    }

    fn pole(&self, o: usize) -> &str {
        self.poles.get(o).map_or("?", String::as_str)
    }
}

/// For each pole the state leans to somewhere on the map: the cell of that leaning nearest to the
/// centre of all its cells (so the label sits inside its region even when the region is bent).
fn region_labels(sweep: &Sweep) -> Vec<(usize, usize, usize)> {
    let nx = sweep.nx();
    let mut poles: Vec<usize> = sweep.leaning.clone();
    poles.sort_unstable();
    poles.dedup();
    poles
        .into_iter()
        .filter_map(|o| {
            let cells: Vec<(usize, usize)> = sweep
                .leaning
                .iter()
                .enumerate()
                .filter(|(_, l)| **l == o)
                .map(|(c, _)| (c % nx, c / nx))
                .collect();
            let n = cells.len() as f64;
            let cx = cells.iter().map(|c| c.0 as f64).sum::<f64>() / n;
            let cy = cells.iter().map(|c| c.1 as f64).sum::<f64>() / n;
            let dist = |c: &&(usize, usize)| (c.0 as f64 - cx).powi(2) + (c.1 as f64 - cy).powi(2);
            let best = cells.iter().min_by(|a, b| dist(a).total_cmp(&dist(b)))?;
            Some((o, best.0, best.1))
        })
        .collect()
}

/// The cell whose centre is nearest to (x, y), if (x, y) lies on the map.
pub fn cell_at(sweep: &Sweep, x: f64, y: f64) -> Option<(usize, usize)> {
    let nearest = |values: &[f64], v: f64| -> Option<usize> {
        let (first, last) = (*values.first()?, *values.last()?);
        let half = if values.len() > 1 {
            0.5 * (last - first) / (values.len() - 1) as f64
        } else {
            0.5
        };
        if v < first - half || v > last + half {
            return None;
        }
        values
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
            .map(|(i, _)| i)
    };
    Some((nearest(&sweep.x.values, x)?, nearest(&sweep.y.values, y)?))
}

/// One undoable edit that sets both inputs of a cell (neither is set if either is refused).
pub fn apply_cell_command(
    s: &Scenario,
    x: Knob,
    xv: f64,
    y: Knob,
    yv: f64,
    label: String,
) -> Command {
    Command::labelled(
        label,
        crate::model::Edit::Batch(vec![
            crate::model::Edit::Set {
                input: x.spec(s),
                value: xv,
            },
            crate::model::Edit::Set {
                input: y.spec(s),
                value: yv,
            },
        ]),
    )
}

pub fn sweep_view_ui(
    ui: &mut Ui,
    ctx: &ViewCtx<'_>,
    view: &AnalysisView<'_>,
    state: &mut UiState,
    cursor_year: f64,
    out: &mut Vec<AnalysisCommand>,
    edits: &mut Vec<Command>,
) {
    let s = ctx.scenario;
    let choice = &mut state.analysis.sweep;
    // One wrapping row per choice: a grid's cells cannot reflow on a narrow results area.
    knob_picker_ui(ui, "Along x", "Sweep x", s, &mut choice.x);
    knob_picker_ui(ui, "Along y", "Sweep y", s, &mut choice.y);
    outcome_picker_ui(
        ui,
        "Colour by",
        "Sweep",
        s,
        cursor_year,
        &mut choice.outcome,
    );
    ui.horizontal_wrapped(|ui| {
        ui.label("Contour where the leaning flips of");
        state_combo_ui(ui, "sweep_state", "Leaning state", s, &mut choice.state);
    });
    let spec = choice.spec(s, cursor_year).map_err(|e| e.to_string());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Grid points per axis");
        ui.add(egui::Slider::new(&mut choice.grid, 5..=60).clamping(egui::SliderClamping::Edits))
            .labelled_by(label.id);
        let hover = format!(
            "{} runs, over each input's whole valid range",
            choice.grid * choice.grid
        );
        let row = RunRow {
            label: "Run sweep",
            hover: &hover,
            blocked: spec.as_ref().err().map(String::as_str),
            running: view.sweep.running,
            what: "sweep",
        };
        match run_row_ui(ui, ctx.dark, &row) {
            RunAction::Run => {
                if let Ok(spec) = &spec {
                    out.push(AnalysisCommand::RunSweep(Box::new(spec.clone())));
                }
            }
            RunAction::Cancel => out.push(AnalysisCommand::Cancel(AnalysisTab::TippingPoints)),
            RunAction::None => {}
        }
    });
    let result = view.sweep.result;
    status_lines_ui(
        ui,
        ctx.dark,
        view.sweep.error,
        (result.is_none() && view.sweep.running.is_none())
            .then_some("Choose two inputs and run the sweep."),
        result
            .filter(|r| r.key.generation != view.current.generation)
            .map(|_| {
                "The scenario changed since this map was computed; clicking a cell still sets both \
                 inputs."
            }),
    );
    let Some(result) = result else {
        return;
    };
    let current = (result.spec.x.get(s).ok(), result.spec.y.get(s).ok());
    let current = match current {
        (Some(x), Some(y)) => Some((x, y)),
        _ => None,
    };
    if let Some((ix, iy)) = tipping_map_ui(ui, ctx.dark, result, current, true) {
        let (x, y) = (&result.sweep.x, &result.sweep.y);
        if let (Some(xv), Some(yv)) = (x.values.get(ix), y.values.get(iy)) {
            let label = format!(
                "Tipping map: {} = {xv:.3}, {} = {yv:.3}",
                x.knob.spec(s),
                y.knob.spec(s)
            );
            edits.push(apply_cell_command(s, x.knob, *xv, y.knob, *yv, label));
        }
    }
}

/// The heat map with its colour bar and legend; returns the cell clicked. Also what a PNG export
/// captures.
pub fn tipping_map_ui(
    ui: &mut Ui,
    dark: bool,
    result: &SweepResult,
    current: Option<(f64, f64)>,
    interactive: bool,
) -> Option<(usize, usize)> {
    let sw = &result.sweep;
    ui.label(
        RichText::new(format!(
            "{} over {} × {} values",
            result.outcome_label,
            sw.nx(),
            sw.ny()
        ))
        .heading(),
    );
    legend_ui(ui, dark, result, interactive);
    let (xs, ys) = (&sw.x.values, &sw.y.values);
    let (x0, x1) = (*xs.first()?, *xs.last()?);
    let (y0, y1) = (*ys.first()?, *ys.last()?);
    let dx = (x1 - x0) / (xs.len().max(2) - 1) as f64;
    let dy = (y1 - y0) / (ys.len().max(2) - 1) as f64;
    let (left, right) = (x0 - dx / 2.0, x1 + dx / 2.0);
    let (bottom, top) = (y0 - dy / 2.0, y1 + dy / 2.0);
    let image = PlotImage::new(
        "outcome",
        result.texture.id(),
        PlotPoint::new((left + right) / 2.0, (bottom + top) / 2.0),
        [(right - left) as f32, (top - bottom) as f32],
    );
    let size = ui.style().text_styles[&egui::TextStyle::Heading].size;
    let response = Plot::new("tipping_map")
        .height((ui.available_height() - 8.0).max(200.0))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(false)
        .x_grid_spacer(|input| value_marks(input.bounds))
        .y_grid_spacer(|input| value_marks(input.bounds))
        .x_axis_formatter(|mark, _| value_label(mark))
        .y_axis_formatter(|mark, _| value_label(mark))
        .include_x(left)
        .include_x(right)
        .include_y(bottom)
        .include_y(top)
        .set_margin_fraction(egui::vec2(0.0, 0.0))
        .x_axis_label(shorten(&result.x_label, chars_across(ui.available_width())))
        .y_axis_label(shorten(
            &result.y_label,
            chars_across(ui.available_height()),
        ))
        .show_x(false)
        .show_y(false)
        .show(ui, |plot| {
            plot.image(image);
            for (k, [a, b]) in result.edges.iter().enumerate() {
                plot.line(
                    Line::new(format!("halo {k}"), PlotPoints::Owned(vec![*a, *b]))
                        .color(theme::contour_halo())
                        .width(4.5)
                        .allow_hover(false),
                );
            }
            for (k, [a, b]) in result.edges.iter().enumerate() {
                plot.line(
                    Line::new(format!("flip {k}"), PlotPoints::Owned(vec![*a, *b]))
                        .color(theme::contour_line())
                        .width(2.0)
                        .allow_hover(false),
                );
            }
            for (k, (at, text, colour)) in result.regions.iter().enumerate() {
                plot.text(Text::new(
                    format!("region {k}"),
                    *at,
                    // The colour goes on the text itself: `strong` would otherwise set it.
                    RichText::new(text.as_str())
                        .strong()
                        .size(size)
                        .color(*colour),
                ));
            }
            if let Some((x, y)) = current {
                plot.points(
                    Points::new(
                        "this scenario",
                        PlotPoints::Owned(vec![PlotPoint::new(x, y)]),
                    )
                    .shape(MarkerShape::Diamond)
                    .radius(7.0)
                    .filled(true)
                    .color(theme::current_marker(dark)),
                );
            }
            plot.pointer_coordinate()
        });
    name_widget(ui, &response.response, "Tipping-point map");
    let cell = response.inner.and_then(|p| cell_at(sw, p.x, p.y));
    if let Some((ix, iy)) = cell
        && response.response.hovered()
    {
        let text = cell_text(result, ix, iy);
        response.response.clone().on_hover_text_at_pointer(text);
    }
    if response.response.clicked() {
        cell
    } else {
        None
    }
}

/// What a cell holds: both inputs, the outcome and the leaning.
fn cell_text(result: &SweepResult, ix: usize, iy: usize) -> String {
    let sw = &result.sweep;
    let mut text = format!(
        "{} = {:.3}\n{} = {:.3}\n{} = {:.3}",
        result.x_label,
        sw.x.values.get(ix).copied().unwrap_or(f64::NAN),
        result.y_label,
        sw.y.values.get(iy).copied().unwrap_or(f64::NAN),
        result.outcome_label,
        sw.value(ix, iy).unwrap_or(f64::NAN)
    );
    if let Some(o) = sw.leaning_at(ix, iy) {
        text.push_str(&format!(
            "\n{} leans to {}",
            result.state_name,
            result.pole(o)
        ));
    }
    text.push_str("\nClick to apply these two values");
    text
}

/// The colour bar (palette with its end values) and the contour's meaning.
fn legend_ui(ui: &mut Ui, dark: bool, result: &SweepResult, interactive: bool) {
    ui.horizontal_wrapped(|ui| {
        let (lo, hi) = result.scale;
        ui.label(format!("{lo:.3}"));
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(220.0, 16.0), egui::Sense::hover());
        let steps = 64;
        for k in 0..steps {
            let t0 = k as f32 / steps as f32;
            let t1 = (k + 1) as f32 / steps as f32;
            let r = egui::Rect::from_min_max(
                egui::pos2(rect.left() + rect.width() * t0, rect.top()),
                egui::pos2(rect.left() + rect.width() * t1 + 0.5, rect.bottom()),
            );
            ui.painter()
                .rect_filled(r, 0.0, theme::heat_colour(result.palette, f64::from(t0)));
        }
        response.on_hover_text(format!("Colour scale of {}", result.outcome_label));
        ui.label(format!("{hi:.3}"));
        if result.palette == HeatPalette::Diverging && result.poles.len() >= 2 {
            ui.label(
                RichText::new(format!(
                    "(blue: toward {}, red: toward {})",
                    result.poles[0], result.poles[1]
                ))
                .weak(),
            );
        }
    });
    ui.horizontal_wrapped(|ui| {
        swatch(ui, theme::contour_line(), Some(theme::contour_halo()));
        let mut poles: Vec<&str> = Vec::new();
        for o in &result.sweep.leaning {
            let p = result.pole(*o);
            if !poles.contains(&p) {
                poles.push(p);
            }
        }
        if result.edges.is_empty() {
            ui.label(format!(
                "{} leans to {} everywhere on this map",
                result.state_name,
                poles.first().copied().unwrap_or("?")
            ));
        } else {
            ui.label(format!(
                "where {}'s leaning flips ({})",
                result.state_name,
                poles.join(" / ")
            ));
        }
        swatch(ui, theme::current_marker(dark), None);
        ui.label("this scenario");
    });
    let (lo, hi) = result.sweep.value_range();
    if (hi - lo).abs() < 1e-6 {
        ui.label(
            RichText::new(format!(
                "The outcome does not move over this grid ({lo:.3} everywhere): it does not depend on these inputs here."
            ))
            .color(theme::warning_colour(dark)),
        );
    }
    let year = fmt_year(result.spec.outcome.year);
    let hint = if interactive {
        " Hover a cell to read it; click to apply its two values."
    } else {
        ""
    };
    ui.label(RichText::new(format!("Leaning read in {year}.{hint}")).weak());
}
