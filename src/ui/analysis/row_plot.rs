//! A plot whose rows are named: horizontal bars at y = 0, 1, 2 … with each row's name on the y
//! axis. The waterfall and the tornado are both read this way, so long input names stay legible
//! instead of colliding under vertical bars.

use egui_plot::{GridMark, Plot};

/// Longest row name shown on the axis (the full name is in the bar's hover text).
const MAX_LABEL: usize = 44;

/// A fixed (no pan, no zoom) plot with `labels[k]` written beside row y = k, `width` points wide.
/// The names take at most about 40 % of the width, so a narrow area still shows its bars.
pub fn row_plot(id: &str, labels: Vec<String>, width: f32, height: f32) -> Plot<'static> {
    let rows = labels.len();
    let max_label = ((0.4 * width / 7.5) as usize).clamp(12, MAX_LABEL);
    let widest = labels
        .iter()
        .map(|l| l.chars().count().min(max_label))
        .max()
        .unwrap_or(4);
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .include_y(-0.6)
        .include_y(rows as f64 - 0.4)
        // About 7.5 px per character of the default body font.
        .y_axis_min_width(widest as f32 * 7.5)
        .x_grid_spacer(|input| value_marks(input.bounds))
        .x_axis_formatter(|mark, _| value_label(mark))
        .y_grid_spacer(move |input| {
            let (lo, hi) = input.bounds;
            (0..rows)
                .map(|k| k as f64)
                .filter(|y| *y >= lo && *y <= hi)
                .map(|value| GridMark {
                    value,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |mark, _| {
            let k = mark.value.round();
            if (mark.value - k).abs() > 1e-6 || k < 0.0 {
                return String::new();
            }
            labels
                .get(k as usize)
                .map_or(String::new(), |l| shorten(l, max_label))
        })
}

/// Value-axis marks every 1, 2 or 5 × 10^k, about six across, all labelled alike (the default
/// spacer labels only its coarsest marks, which can leave a short axis with a single number).
pub fn value_marks((lo, hi): (f64, f64)) -> Vec<GridMark> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return Vec::new();
    }
    let raw = span / 6.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// About how many characters of body text fit in `points` (axis labels longer than their axis
/// are clipped by the plot).
pub fn chars_across(points: f32) -> usize {
    ((points - 40.0) / 7.5).max(12.0) as usize
}

/// A mark's value with the decimals its step needs (0.05 steps read 0.45, not 0.5).
pub fn value_label(mark: GridMark) -> String {
    let decimals = (-mark.step_size.log10()).ceil().clamp(0.0, 6.0) as usize;
    format!("{:.decimals$}", mark.value)
}

/// `text` cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// A small colour sample for a legend, optionally with a darker outline.
pub fn swatch(ui: &mut egui::Ui, colour: egui::Color32, outline: Option<egui::Color32>) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
    if let Some(o) = outline {
        ui.painter().rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(1.5, o),
            egui::StrokeKind::Inside,
        );
    }
}
