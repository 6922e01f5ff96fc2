//! A legend above each chart, as clickable chips: one per series with its colour and line style,
//! toggling the series on and off. Kept outside the plot so it never covers the lines.

use std::collections::BTreeSet;

use egui::{Color32, Sense, Ui, vec2};

/// One entry of a legend.
pub struct LegendItem {
    pub name: String,
    pub colour: Color32,
    pub dashed: bool,
    pub dotted: bool,
}

/// Shows the chips; clicking one hides or shows its series (`hidden` holds `chart:name` keys).
pub fn legend_ui(ui: &mut Ui, chart: &str, items: &[LegendItem], hidden: &mut BTreeSet<String>) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 12.0;
        for item in items {
            let key = format!("{chart}:{}", item.name);
            let shown = !hidden.contains(&key);
            if chip_ui(ui, item, shown).clicked() {
                if shown {
                    hidden.insert(key);
                } else {
                    hidden.remove(&key);
                }
            }
        }
    });
}

/// One chip: a line sample in the series' colour and style, then its name; dimmed when hidden.
fn chip_ui(ui: &mut Ui, item: &LegendItem, shown: bool) -> egui::Response {
    let sample = 24.0;
    let text_colour = if shown {
        ui.visuals().text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    let galley = ui.painter().layout_no_wrap(
        item.name.clone(),
        egui::TextStyle::Body.resolve(ui.style()),
        text_colour,
    );
    let size = vec2(sample + 6.0 + galley.size().x, galley.size().y.max(14.0));
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, &item.name));
    if response.hovered() {
        ui.painter().rect_filled(
            rect.expand(2.0),
            3.0,
            ui.visuals().widgets.hovered.weak_bg_fill,
        );
    }
    let y = rect.center().y;
    let colour = if shown {
        item.colour
    } else {
        item.colour.gamma_multiply(0.25)
    };
    let stroke = egui::Stroke::new(3.0, colour);
    let (left, right) = (rect.left(), rect.left() + sample);
    if item.dashed || item.dotted {
        let (seg, gap) = if item.dotted { (2.0, 3.0) } else { (7.0, 3.0) };
        let mut x = left;
        while x < right {
            let to = (x + seg).min(right);
            ui.painter()
                .line_segment([egui::pos2(x, y), egui::pos2(to, y)], stroke);
            x += seg + gap;
        }
    } else {
        ui.painter()
            .line_segment([egui::pos2(left, y), egui::pos2(right, y)], stroke);
    }
    ui.painter().galley(
        egui::pos2(right + 6.0, rect.center().y - galley.size().y / 2.0),
        galley,
        text_colour,
    );
    response.on_hover_text(if shown {
        "Click to hide this series"
    } else {
        "Click to show this series"
    })
}

/// Whether a series is hidden.
pub fn is_hidden(hidden: &BTreeSet<String>, chart: &str, name: &str) -> bool {
    hidden.contains(&format!("{chart}:{name}"))
}

/// Spreads label heights so neighbours are at least `gap` apart, keeping them inside `[lo, hi]`.
pub fn spread_labels(ys: &mut [(usize, f64)], gap: f64, lo: f64, hi: f64) {
    ys.sort_by(|a, b| a.1.total_cmp(&b.1));
    for k in 1..ys.len() {
        if ys[k].1 < ys[k - 1].1 + gap {
            ys[k].1 = ys[k - 1].1 + gap;
        }
    }
    // Shift down whatever overflowed the top, then push back up from the bottom.
    if let Some(last) = ys.last_mut()
        && last.1 > hi
    {
        last.1 = hi;
    }
    for k in (0..ys.len().saturating_sub(1)).rev() {
        if ys[k].1 > ys[k + 1].1 - gap {
            ys[k].1 = ys[k + 1].1 - gap;
        }
    }
    if let Some(first) = ys.first()
        && first.1 < lo
    {
        let lift = lo - first.1;
        for y in ys.iter_mut() {
            y.1 += lift;
        }
    }
}
