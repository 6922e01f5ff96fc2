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
    let year = run.times[t];
    let top = ui.cursor().top();
    super::main_chart::change_line_ui(
        ui,
        ctx.dark,
        super::main_chart::change_sentence(ctx, state, year),
    );
    let used = ui.cursor().top() - top;
    let height = height - used;
    // The legend line below the map grows with the text size.
    let legend_height = ui.style().text_styles[&egui::TextStyle::Body].size * 2.2 + 14.0;
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
    // Labels grow with the text size (and with presenter mode), and stand in two columns at the
    // map's sides with leader lines, so no label covers the states a step asks the room to watch.
    let font = FontId::proportional(ui.style().text_styles[&egui::TextStyle::Body].size * 0.95);
    let texts: Vec<String> = anchors
        .iter()
        .map(|(code, _, i)| label_text(ctx, state.map_colouring, run, t, *i, code))
        .collect();
    let sizes: Vec<egui::Vec2> = texts
        .iter()
        .map(|text| label_size(&painter, text.clone(), &font))
        .collect();
    let points: Vec<Pos2> = anchors.iter().map(|a| a.1).collect();
    let placed = side_columns(rect, &points, &sizes);
    for (k, (_, anchor, i)) in anchors.iter().enumerate() {
        let pos = placed[k];
        let edge = if pos.x < anchor.x {
            pos.x + sizes[k].x / 2.0
        } else {
            pos.x - sizes[k].x / 2.0
        };
        painter.line_segment(
            [*anchor, Pos2::new(edge, pos.y)],
            Stroke::new(1.2, theme::map_outline(dark)),
        );
        painter.circle_filled(*anchor, 3.0, theme::map_outline(dark));
        label_ui(&painter, ctx, run, t, *i, &texts[k], pos, &font);
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
    let o = run.leaning(t, i);
    let v = shown_value(c, run, t, i, o).unwrap_or(f64::NAN);
    match c {
        MapColouring::Leaning => {
            let poles = ctx.scenario.pole_codes();
            format!("{} {v:.2}", poles.get(o).map_or("", String::as_str))
        }
        MapColouring::Tilt => format!("{v:+.2}"),
        _ => format!("{v:.2}"),
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

fn label_size(painter: &egui::Painter, text: String, font: &FontId) -> egui::Vec2 {
    let galley = painter.layout_no_wrap(text, font.clone(), Color32::WHITE);
    vec2(galley.size().x.max(36.0) + 8.0, galley.size().y + 12.0)
}

/// "KHM CN 0.47 +0.06": the code, the value shown, and how far it moved since the last step.
fn label_text(
    ctx: &ViewCtx<'_>,
    c: MapColouring,
    run: &Run,
    t: usize,
    i: usize,
    code: &str,
) -> String {
    let value = value_text(ctx, c, run, t, i);
    let delta = ctx
        .previous
        .and_then(|before| {
            let now = shown_value(c, run, t, i, run.leaning(t, i))?;
            let then = shown_value(c, before, t, i, run.leaning(t, i))?;
            Some(now - then)
        })
        .filter(|d| d.abs() >= crate::analysis::NOTICEABLE);
    match delta {
        Some(d) => format!("{code} {value} {d:+.2}"),
        None => format!("{code} {value}"),
    }
}

/// The number behind the map's colour for state i at point t; for leanings, the share of pole `o`
/// (the pole it leans to now, so a change reads as that share moving).
fn shown_value(c: MapColouring, run: &Run, t: usize, i: usize, o: usize) -> Option<f64> {
    if t >= run.len() || i >= run.n_states {
        return None;
    }
    Some(match c {
        MapColouring::Leaning => *run.alignment(t, i).get(o)?,
        MapColouring::Tilt => run.tilt(t, i),
        MapColouring::Dependency(p) => run.dependency_overall(t, i, p.min(run.n_powers - 1)),
        MapColouring::Defa => run.defa(t, i),
        MapColouring::Hedging => run.hedging(t, i),
    })
}

/// Label centres in two columns at the sides of `rect`: the western half of the states (by their
/// anchors) gets the left column, the eastern half the right, so neither overfills; each column
/// keeps its states' north-to-south order, as near their anchors' heights as the column allows
/// without two labels touching.
pub fn side_columns(rect: Rect, anchors: &[Pos2], sizes: &[egui::Vec2]) -> Vec<Pos2> {
    let mut placed = vec![Pos2::ZERO; anchors.len()];
    let margin = 6.0;
    let mut by_x: Vec<usize> = (0..anchors.len()).collect();
    by_x.sort_by(|&a, &b| anchors[a].x.total_cmp(&anchors[b].x));
    let west: Vec<usize> = by_x[..anchors.len().div_ceil(2)].to_vec();
    for left in [true, false] {
        let mut members: Vec<usize> = (0..anchors.len())
            .filter(|k| west.contains(k) == left)
            .collect();
        members.sort_by(|&a, &b| anchors[a].y.total_cmp(&anchors[b].y));
        // Top-down: each label at its anchor's height, or just below the one above.
        let mut ys: Vec<f32> = Vec::with_capacity(members.len());
        let mut floor = rect.top() + margin;
        for &k in &members {
            let h = sizes[k].y;
            let y = (anchors[k].y).max(floor + h / 2.0);
            ys.push(y);
            floor = y + h / 2.0 + 3.0;
        }
        // Bottom-up: pull back inside the rect, keeping the gaps.
        let mut ceiling = rect.bottom() - margin;
        for (n, &k) in members.iter().enumerate().rev() {
            let h = sizes[k].y;
            ys[n] = ys[n].min(ceiling - h / 2.0);
            ceiling = ys[n] - h / 2.0 - 3.0;
        }
        for (n, &k) in members.iter().enumerate() {
            let w = sizes[k].x;
            let x = if left {
                rect.left() + margin + w / 2.0
            } else {
                rect.right() - margin - w / 2.0
            };
            placed[k] = Pos2::new(x, ys[n]);
        }
    }
    placed
}

#[allow(clippy::too_many_arguments)]
fn label_ui(
    painter: &egui::Painter,
    ctx: &ViewCtx<'_>,
    run: &Run,
    t: usize,
    i: usize,
    text: &str,
    pos: Pos2,
    font: &FontId,
) {
    let dark = ctx.dark;
    let galley = painter.layout_no_wrap(
        text.to_string(),
        font.clone(),
        if dark { Color32::WHITE } else { Color32::BLACK },
    );
    let bar_width = galley.size().x.max(36.0);
    let box_rect = Rect::from_center_size(pos, vec2(bar_width + 8.0, galley.size().y + 12.0));
    let bg = if dark {
        Color32::from_black_alpha(200)
    } else {
        Color32::from_white_alpha(225)
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
