//! Small building blocks shared by the editors: a labelled field row (slider with unit and range,
//! help on hover, reset to the baseline value, basis note), text that commits on Enter or focus loss,
//! and an editable share bar.

use egui::{Color32, Response, RichText, Ui};

use crate::model::FieldMeta;

/// What happened to a field row this frame.
pub enum FieldEvent {
    /// The value changed (during a drag: every frame of it).
    Value(f64),
    /// Reset to the baseline value was clicked.
    Reset(f64),
    /// The basis note was edited and committed.
    Basis(String),
}

/// A row of a 4-column grid: label | slider | reset | basis note. `baseline` enables the reset
/// button; `basis` shows (and lets the user edit) the note of where the value comes from.
pub fn field_row_ui(
    ui: &mut Ui,
    id_key: &str,
    meta: &FieldMeta,
    value: f64,
    baseline: Option<f64>,
    basis: Option<&str>,
) -> Option<FieldEvent> {
    let mut event = None;
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(meta.label).on_hover_text(help_text(meta, basis));
            if let Some(note) = basis
                && let Some(regraded) = super::grade_mark::grade_menu_ui(ui, meta.label, note)
            {
                event = Some(FieldEvent::Basis(regraded));
            }
            label
        })
        .inner;
    let mut v = value;
    let range = meta.range.min..=meta.range.max;
    let mut slider = egui::Slider::new(&mut v, range).clamping(egui::SliderClamping::Edits);
    slider = if meta.unit == "year" {
        // A year reads "2027", not "2027.00 year".
        slider.max_decimals(2).min_decimals(0)
    } else {
        slider.max_decimals(3).min_decimals(2)
    };
    if !meta.unit.is_empty() && meta.unit != "year" {
        slider = slider.suffix(format!(" {}", meta.unit));
    }
    if meta.range.max > 100.0 {
        slider = slider.logarithmic(true).smallest_positive(0.1);
    }
    let response = ui
        .add(slider)
        .labelled_by(label.id)
        .on_hover_text(meta.help);
    if response.changed() && v != value && meta.range.contains(v) {
        event = Some(FieldEvent::Value(v));
    }
    match baseline {
        Some(b) if b != value => {
            let reset = ui.small_button("Reset").on_hover_text(format!(
                "Back to the baseline value {}",
                fmt_value(b, meta.unit)
            ));
            name_widget(ui, &reset, format!("Reset {}", meta.label));
            if reset.clicked() {
                event = Some(FieldEvent::Reset(b));
            }
        }
        _ => {
            let reset = ui
                .add_enabled(false, egui::Button::new("Reset").small())
                .on_disabled_hover_text("Equals the baseline value");
            name_widget(ui, &reset, format!("Reset {}", meta.label));
        }
    }
    ui.end_row();
    if let Some(note) = basis {
        ui.label("");
        let name = format!("{} basis", meta.label);
        if let Some(new_note) = committed_text_ui(
            ui,
            &format!("{id_key}.basis"),
            note,
            "source: …, derived: …, judgment: … or calibrated: …",
            200.0,
            Named::As(&name),
        ) {
            event = Some(FieldEvent::Basis(new_note));
        }
        ui.end_row();
    }
    event
}

fn help_text(meta: &FieldMeta, basis: Option<&str>) -> String {
    let mut text = format!(
        "{}\nKey: {} · range {}",
        meta.help,
        meta.key,
        meta.range.describe()
    );
    if let Some(b) = basis.filter(|b| !b.is_empty()) {
        text.push_str(&format!("\nBasis: {b}"));
    }
    text
}

/// `0.20`, `30.90 US$ bn` or, for a year, `2027`.
pub fn fmt_value(v: f64, unit: &str) -> String {
    match unit {
        "" => format!("{v:.2}"),
        "year" => crate::model::naming::year_label(v),
        unit => format!("{v:.2} {unit}"),
    }
}

/// How a text field gets its accessible name: from a visible label, or a name of its own.
#[derive(Clone, Copy)]
pub enum Named<'a> {
    By(egui::Id),
    As(&'a str),
}

fn apply_name(ui: &Ui, response: &Response, name: Named<'_>) {
    match name {
        Named::By(id) => {
            let _ = response.clone().labelled_by(id);
        }
        Named::As(text) => name_widget(ui, response, text),
    }
}

/// A single-line text field that reports its text only when committed (Enter or focus loss), so one
/// edit is one undo step. The draft lives in egui's memory under `id_key`.
pub fn committed_text_ui(
    ui: &mut Ui,
    id_key: &str,
    current: &str,
    hint: &str,
    width: f32,
    name: Named<'_>,
) -> Option<String> {
    committed_ui(ui, id_key, current, hint, TextShape::Line(width), name)
}

/// A multi-line variant of [`committed_text_ui`].
pub fn committed_multiline_ui(
    ui: &mut Ui,
    id_key: &str,
    current: &str,
    hint: &str,
    rows: usize,
    name: Named<'_>,
) -> Option<String> {
    committed_ui(ui, id_key, current, hint, TextShape::Lines(rows), name)
}

#[derive(Clone, Copy)]
enum TextShape {
    Line(f32),
    Lines(usize),
}

fn committed_ui(
    ui: &mut Ui,
    id_key: &str,
    current: &str,
    hint: &str,
    shape: TextShape,
    name: Named<'_>,
) -> Option<String> {
    let id = ui.make_persistent_id(id_key);
    let mut draft: String = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_string());
    let widget = match shape {
        TextShape::Line(width) => egui::TextEdit::singleline(&mut draft)
            .hint_text(hint)
            .desired_width(width),
        TextShape::Lines(rows) => egui::TextEdit::multiline(&mut draft)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    };
    let response = ui.add(widget);
    apply_name(ui, &response, name);
    let commit = response.lost_focus() && draft != current;
    if response.has_focus() || response.changed() {
        ui.data_mut(|d| d.insert_temp(id, draft.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    commit.then_some(draft)
}

/// A horizontal bar split into coloured segments with their labels; returns the response.
pub fn share_bar_ui(ui: &mut Ui, shares: &[(String, f64, Color32)], height: f32) -> Response {
    let width = ui.available_width().clamp(120.0, 480.0);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let mut x = rect.left();
    for (label, share, colour) in shares {
        let w = (*share as f32).max(0.0) * rect.width();
        let seg =
            egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
        painter.rect_filled(seg, 0.0, *colour);
        if w > 34.0 {
            let text_colour = contrast_text(*colour);
            painter.text(
                seg.center(),
                egui::Align2::CENTER_CENTER,
                format!("{label} {share:.2}"),
                egui::FontId::proportional(height * 0.55),
                text_colour,
            );
        }
        x += w;
    }
    painter.rect_stroke(
        rect,
        0.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let tip: Vec<String> = shares
        .iter()
        .map(|(l, s, _)| format!("{l}: {s:.3}"))
        .collect();
    response.on_hover_text(tip.join("\n"))
}

/// Black or white, whichever reads better on `bg`.
pub fn contrast_text(bg: Color32) -> Color32 {
    let luma = 0.299 * f32::from(bg.r()) + 0.587 * f32::from(bg.g()) + 0.114 * f32::from(bg.b());
    if luma > 140.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// A section heading with a short explanation under it.
pub fn section_ui(ui: &mut Ui, title: &str, explanation: &str) {
    ui.add_space(6.0);
    ui.heading(title);
    if !explanation.is_empty() {
        ui.label(RichText::new(explanation).small().weak());
    }
    ui.add_space(2.0);
}

/// Gives a widget an accessible name (for screen readers and tests) where no visible label fits.
pub fn name_widget(ui: &Ui, response: &Response, name: impl Into<String>) {
    let name = name.into();
    ui.ctx()
        .accesskit_node_builder(response.id, |b| b.set_label(name));
}
