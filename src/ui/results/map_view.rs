//! The map view: member states coloured by a chosen outcome at the cursor year (leaning, tilt,
//! dependency on a power, DEFA progress, hedging index), neighbours greyed for context, each state
//! labelled with its code and value and a small bar of its alignment shares, so nothing relies on
//! colour alone. Hover shows the values; click selects the state; drag pans; scroll or the buttons zoom.

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, vec2};

use crate::engine::Run;

use super::super::navigator::cursor_index;
use super::super::state::{MapColouring, MapView, Selection, UiState};
use super::super::widgets::name_widget;
use super::super::{ViewCtx, theme};
use super::map_geometry::{MapGeometry, geometry};

pub fn map_view_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState, run: &Run, height: f32) {
    let s = ctx.scenario;
    let t = cursor_index(run, state.cursor_year);
    toolbar_ui(ui, ctx, state);
    let legend_height = 46.0;
    let size = vec2(
        ui.available_width(),
        (height - legend_height - 30.0).max(160.0),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    name_widget(ui, &response, "Map of the member states");
    let geo = geometry();
    let transform = Transform::new(geo, rect, state.map_view);

    if response.dragged() {
        state.map_view.pan += response.drag_delta();
    }
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll * 0.003).exp();
        if factor != 1.0 {
            zoom_about(
                &mut state.map_view,
                rect,
                response.hover_pos().unwrap_or(rect.center()),
                factor,
            );
        }
    }

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let dark = ctx.dark;
    let selected = match state.selection {
        Selection::State(i) => s.states.get(i).map(|st| st.code.clone()),
        _ => None,
    };
    let mut anchors = Vec::new();
    for country in &geo.countries {
        let index = if country.member {
            s.state_index(&country.iso3)
        } else {
            None
        };
        let fill = match index {
            Some(i) => colour_for(ctx, state.map_colouring, run, t, i),
            None => theme::map_context_land(dark),
        };
        let mut mesh = Mesh::default();
        for v in &country.vertices {
            mesh.colored_vertex(transform.to_screen(*v), fill);
        }
        mesh.indices.extend_from_slice(&country.indices);
        painter.add(Shape::mesh(mesh));
        let outline = if selected.as_deref() == Some(country.iso3.as_str()) {
            Stroke::new(3.0, theme::selection_outline(dark))
        } else {
            Stroke::new(0.8, theme::map_outline(dark))
        };
        for ring in &country.rings {
            let points: Vec<Pos2> = ring.iter().map(|p| transform.to_screen(*p)).collect();
            painter.add(Shape::closed_line(points, outline));
        }
        if let Some(i) = index {
            anchors.push((country.iso3.clone(), transform.to_screen(country.anchor), i));
        }
    }
    let placed = place_labels(&painter, ctx, state.map_colouring, run, t, &anchors);
    for ((code, anchor, i), pos) in anchors.iter().zip(&placed) {
        if pos.distance(*anchor) > 12.0 {
            // A label moved off its state keeps a thin leader line to it.
            painter.line_segment([*anchor, *pos], Stroke::new(1.0, theme::map_outline(dark)));
            painter.circle_filled(*anchor, 2.5, theme::map_outline(dark));
        }
        label_ui(&painter, ctx, state.map_colouring, run, t, *i, code, *pos);
    }
    state.map_anchors = anchors.iter().map(|(c, p, _)| (c.clone(), *p)).collect();

    if let Some(pointer) = response.hover_pos() {
        let p = transform.to_map(pointer);
        if let Some(country) = geo.countries.iter().find(|c| c.member && c.contains(p))
            && let Some(i) = s.state_index(&country.iso3)
        {
            response.clone().on_hover_text(tooltip(ctx, run, t, i));
            if response.clicked() {
                state.selection = Selection::State(i);
                state.chart_state = i;
            }
        } else if let Some(country) = geo.countries.iter().find(|c| !c.member && c.contains(p)) {
            response
                .clone()
                .on_hover_text(format!("{} (context, not an ASEAN member)", country.name));
        }
    }
    legend_ui(ui, ctx, state.map_colouring);
}

fn toolbar_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, state: &mut UiState) {
    let s = ctx.scenario;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Colour by");
        let current = colouring_label(ctx, state.map_colouring);
        let combo = egui::ComboBox::from_id_salt("map_colouring")
            .selected_text(current)
            .show_ui(ui, |ui| {
                let mut options = vec![MapColouring::Leaning, MapColouring::Tilt];
                options.extend((0..s.powers.len()).map(MapColouring::Dependency));
                options.extend([MapColouring::Defa, MapColouring::Hedging]);
                for option in options {
                    ui.selectable_value(
                        &mut state.map_colouring,
                        option,
                        colouring_label(ctx, option),
                    );
                }
            });
        let _ = combo.response.labelled_by(label.id);
        ui.separator();
        let rect_center = ui.max_rect().center();
        if ui.button("Zoom in").clicked() {
            zoom_about(&mut state.map_view, ui.max_rect(), rect_center, 1.25);
        }
        if ui.button("Zoom out").clicked() {
            zoom_about(&mut state.map_view, ui.max_rect(), rect_center, 0.8);
        }
        if ui.button("Reset view").clicked() {
            state.map_view = MapView::default();
        }
        ui.label(
            RichText::new("Drag to pan, scroll to zoom, click a state to edit it")
                .small()
                .weak(),
        );
    });
}

fn colouring_label(ctx: &ViewCtx<'_>, c: MapColouring) -> String {
    let s = ctx.scenario;
    match c {
        MapColouring::Leaning => "Leaning (strongest pole)".into(),
        MapColouring::Tilt => {
            let code = |p: usize| s.powers.get(p).map_or("–".to_string(), |x| x.code.clone());
            format!("{}–{} tilt", code(0), code(1))
        }
        MapColouring::Dependency(p) => {
            format!(
                "Dependency on {}",
                s.powers.get(p).map_or("–".to_string(), |x| x.name.clone())
            )
        }
        MapColouring::Defa => "DEFA progress".into(),
        MapColouring::Hedging => "Hedging index".into(),
    }
}

fn zoom_about(view: &mut MapView, rect: Rect, about: Pos2, factor: f32) {
    let new_zoom = (view.zoom * factor).clamp(0.5, 12.0);
    let applied = new_zoom / view.zoom;
    // Keep the point under the pointer fixed.
    let from_centre = about - rect.center() - view.pan;
    view.pan -= from_centre * (applied - 1.0);
    view.zoom = new_zoom;
}

/// Map units to screen and back for the current view.
struct Transform {
    centre_map: Pos2,
    centre_screen: Pos2,
    scale: f32,
}

impl Transform {
    fn new(geo: &MapGeometry, rect: Rect, view: MapView) -> Self {
        let extent = geo.members_extent.expand2(geo.members_extent.size() * 0.07);
        let fit = (rect.width() / extent.width().max(1e-3))
            .min(rect.height() / extent.height().max(1e-3));
        Self {
            centre_map: extent.center(),
            centre_screen: rect.center() + view.pan,
            scale: fit * view.zoom,
        }
    }

    fn to_screen(&self, p: Pos2) -> Pos2 {
        self.centre_screen + (p - self.centre_map) * self.scale
    }

    fn to_map(&self, p: Pos2) -> Pos2 {
        self.centre_map + (p - self.centre_screen) / self.scale
    }
}

/// The value the map shows for state i at point t, and its text.
fn value_text(ctx: &ViewCtx<'_>, c: MapColouring, run: &Run, t: usize, i: usize) -> String {
    let poles = ctx.scenario.pole_codes();
    match c {
        MapColouring::Leaning => {
            let o = run.leaning(t, i);
            format!("{} {:.2}", poles[o], run.alignment(t, i)[o])
        }
        MapColouring::Tilt => format!("{:+.2}", run.tilt(t, i)),
        MapColouring::Dependency(p) => format!(
            "{:.2}",
            run.dependency_overall(t, i, p.min(run.n_powers - 1))
        ),
        MapColouring::Defa => format!("{:.2}", run.defa(t, i)),
        MapColouring::Hedging => format!("{:.2}", run.hedging(t, i)),
    }
}

fn colour_for(ctx: &ViewCtx<'_>, c: MapColouring, run: &Run, t: usize, i: usize) -> Color32 {
    let s = ctx.scenario;
    let dark = ctx.dark;
    match c {
        MapColouring::Leaning => {
            let o = run.leaning(t, i);
            let k = run.n_poles() as f64;
            let share = run.alignment(t, i)[o];
            // A share of 1/K is no leaning at all; a share of 1 is full colour.
            let strength = ((share - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0);
            theme::sequential(
                theme::pole_colour(s, o, dark),
                0.25 + 0.75 * strength.sqrt(),
                dark,
            )
        }
        MapColouring::Tilt => theme::diverging(
            theme::power_colour(s, 1.min(s.powers.len() - 1)),
            theme::power_colour(s, 0),
            run.tilt(t, i),
            dark,
        ),
        MapColouring::Dependency(p) => {
            let p = p.min(run.n_powers - 1);
            theme::sequential(
                theme::power_colour(s, p),
                run.dependency_overall(t, i, p) * 1.6,
                dark,
            )
        }
        MapColouring::Defa => theme::sequential(theme::defa_colour(), run.defa(t, i), dark),
        MapColouring::Hedging => {
            theme::sequential(theme::hedging_colour(), run.hedging(t, i), dark)
        }
    }
}

fn label_size(painter: &egui::Painter, text: String) -> egui::Vec2 {
    let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), Color32::WHITE);
    vec2(galley.size().x.max(36.0) + 8.0, galley.size().y + 12.0)
}

/// Label centres near their anchors, pushed apart until no two label boxes overlap.
fn place_labels(
    painter: &egui::Painter,
    ctx: &ViewCtx<'_>,
    c: MapColouring,
    run: &Run,
    t: usize,
    anchors: &[(String, Pos2, usize)],
) -> Vec<Pos2> {
    let sizes: Vec<egui::Vec2> = anchors
        .iter()
        .map(|(code, _, i)| {
            label_size(
                painter,
                format!("{code} {}", value_text(ctx, c, run, t, *i)),
            )
        })
        .collect();
    let mut pos: Vec<Pos2> = anchors.iter().map(|a| a.1).collect();
    for _ in 0..60 {
        let mut moved = false;
        for a in 0..pos.len() {
            for b in (a + 1)..pos.len() {
                let ra = Rect::from_center_size(pos[a], sizes[a] + vec2(4.0, 2.0));
                let rb = Rect::from_center_size(pos[b], sizes[b] + vec2(4.0, 2.0));
                let overlap = ra.intersect(rb);
                if overlap.is_positive() {
                    // Separate along the axis of least overlap, half each way.
                    let push = if overlap.height() < overlap.width() {
                        vec2(0.0, overlap.height() / 2.0 + 0.5)
                            * if pos[a].y <= pos[b].y { 1.0 } else { -1.0 }
                    } else {
                        vec2(overlap.width() / 2.0 + 0.5, 0.0)
                            * if pos[a].x <= pos[b].x { 1.0 } else { -1.0 }
                    };
                    pos[a] -= push;
                    pos[b] += push;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
    pos
}

#[allow(clippy::too_many_arguments)]
fn label_ui(
    painter: &egui::Painter,
    ctx: &ViewCtx<'_>,
    c: MapColouring,
    run: &Run,
    t: usize,
    i: usize,
    code: &str,
    pos: Pos2,
) {
    let dark = ctx.dark;
    let text = format!("{code} {}", value_text(ctx, c, run, t, i));
    let font = FontId::proportional(13.0);
    let galley = painter.layout_no_wrap(
        text,
        font,
        if dark { Color32::WHITE } else { Color32::BLACK },
    );
    let bar_width = galley.size().x.max(36.0);
    let box_rect = Rect::from_center_size(pos, vec2(bar_width + 8.0, galley.size().y + 12.0));
    let bg = if dark {
        Color32::from_black_alpha(170)
    } else {
        Color32::from_white_alpha(210)
    };
    painter.rect_filled(box_rect, 3.0, bg);
    painter.galley(
        Pos2::new(box_rect.left() + 4.0, box_rect.top() + 1.0),
        galley,
        Color32::WHITE,
    );
    // The glyph: alignment shares as a stacked bar under the label.
    let mut x = box_rect.left() + 4.0;
    let y = box_rect.bottom() - 7.0;
    for (o, share) in run.alignment(t, i).iter().enumerate() {
        let w = (*share as f32) * bar_width;
        painter.rect_filled(
            Rect::from_min_size(Pos2::new(x, y), vec2(w, 5.0)),
            0.0,
            theme::pole_colour(ctx.scenario, o, dark),
        );
        x += w;
    }
}

fn tooltip(ctx: &ViewCtx<'_>, run: &Run, t: usize, i: usize) -> String {
    let s = ctx.scenario;
    let poles = s.pole_codes();
    let shares: Vec<String> = run
        .alignment(t, i)
        .iter()
        .zip(&poles)
        .map(|(v, p)| format!("{p} {v:.2}"))
        .collect();
    let deps: Vec<String> = s
        .powers
        .iter()
        .enumerate()
        .map(|(p, pw)| format!("{} {:.2}", pw.code, run.dependency_overall(t, i, p)))
        .collect();
    format!(
        "{} ({}) in {:.0}\nAlignment: {}\nTilt {:+.2} · hedging {:.2} · DEFA {:.2}\nDependency: {}\nClick to edit this state",
        s.states[i].name,
        s.states[i].code,
        run.times[t],
        shares.join(", "),
        run.tilt(t, i),
        run.hedging(t, i),
        run.defa(t, i),
        deps.join(", ")
    )
}

fn legend_ui(ui: &mut Ui, ctx: &ViewCtx<'_>, c: MapColouring) {
    let s = ctx.scenario;
    let dark = ctx.dark;
    ui.horizontal_wrapped(|ui| match c {
        MapColouring::Leaning => {
            ui.label("Colour: the pole with the largest share; stronger colour = larger share.");
            for (o, pole) in s.pole_codes().iter().enumerate() {
                let (r, _) = ui.allocate_exact_size(vec2(16.0, 12.0), Sense::hover());
                ui.painter()
                    .rect_filled(r, 2.0, theme::pole_colour(s, o, dark));
                ui.label(pole);
            }
        }
        _ => {
            let (lo, hi, label) = match c {
                MapColouring::Tilt => (-1.0, 1.0, "tilt"),
                MapColouring::Dependency(_) => (0.0, 0.625, "dependency (mean of sectors)"),
                _ => (0.0, 1.0, "value"),
            };
            ui.label(format!(
                "Colour scale of the {label}, labels show the value:"
            ));
            let (rect, _) = ui.allocate_exact_size(vec2(220.0, 14.0), Sense::hover());
            let steps = 44;
            for k in 0..steps {
                let v = lo + (hi - lo) * (k as f64 + 0.5) / f64::from(steps);
                let colour = match c {
                    MapColouring::Tilt => theme::diverging(
                        theme::power_colour(s, 1.min(s.powers.len() - 1)),
                        theme::power_colour(s, 0),
                        v,
                        dark,
                    ),
                    MapColouring::Dependency(p) => theme::sequential(
                        theme::power_colour(s, p.min(s.powers.len() - 1)),
                        v * 1.6,
                        dark,
                    ),
                    MapColouring::Defa => theme::sequential(theme::defa_colour(), v, dark),
                    _ => theme::sequential(theme::hedging_colour(), v, dark),
                };
                let x0 = rect.left() + rect.width() * k as f32 / steps as f32;
                let seg = Rect::from_min_size(
                    Pos2::new(x0, rect.top()),
                    vec2(rect.width() / steps as f32 + 0.5, rect.height()),
                );
                ui.painter().rect_filled(seg, 0.0, colour);
            }
            let text_colour = ui.visuals().text_color();
            ui.painter().text(
                rect.left_bottom() + vec2(0.0, 2.0),
                Align2::LEFT_TOP,
                format!("{lo:+.1}"),
                FontId::proportional(11.0),
                text_colour,
            );
            ui.painter().text(
                rect.right_bottom() + vec2(0.0, 2.0),
                Align2::RIGHT_TOP,
                format!("{hi:+.1}"),
                FontId::proportional(11.0),
                text_colour,
            );
        }
    });
}
