//! The map as SVG: member states filled by their tilt in the chosen year (the window's diverging
//! scale between the first two powers), neighbours in grey, and every member's name and value in a
//! column at the side with a leader to its outline — labels never cover the states they describe.

use crate::engine::Run;
use crate::io::{Country, MAP_GEOJSON, parse_map};
use crate::model::Scenario;
use crate::model::naming::year_label;

use super::layout::{Look, Page, frame, spread};
use super::palette::{self, Rgb};
use super::svg::{Anchor, Stroke, Svg, text_width};

/// Latitude whose cosine scales longitude, as the window's map does.
const REFERENCE_LATITUDE: f64 = 5.0;

fn project(p: [f64; 2]) -> (f64, f64) {
    (p[0] * REFERENCE_LATITUDE.to_radians().cos(), -p[1])
}

/// The heading of the map for `year`.
pub fn map_heading(s: &Scenario, year: f64) -> String {
    let name = |p: usize| s.powers.get(p).map_or("–".to_string(), |x| x.name.clone());
    format!(
        "Tilt in {}: {} share minus {} share (+1 all {}, −1 all {})",
        year_label(year),
        name(0),
        name(1),
        name(0),
        name(1)
    )
}

/// The map at point `t` of the run, drawn on `page`.
pub fn map_svg(s: &Scenario, run: &Run, t: usize, page: &Page) -> String {
    let look = Look::of(page);
    let mut svg = Svg::new(page.width, page.height, look.background, &page.title);
    let (top, bottom) = frame(&mut svg, page, &look);
    let countries = parse_map(MAP_GEOJSON).unwrap_or_default();
    let negative = palette::power_rgb(s, 1.min(s.powers.len().saturating_sub(1)));
    let positive = palette::power_rgb(s, 0);
    let state_of = |c: &Country| s.states.iter().position(|st| st.code == c.iso3);

    // Labels first: their width decides how much room the map gets.
    let members: Vec<(usize, &Country)> = countries
        .iter()
        .filter_map(|c| state_of(c).map(|i| (i, c)))
        .collect();
    let labels: Vec<String> = members
        .iter()
        .map(|(i, _)| {
            let v = run.tilt(t, *i);
            let name = s.states.get(*i).map_or("–", |st| st.name.as_str());
            format!("{name} {}", format!("{v:+.2}").replace('-', "−"))
        })
        .collect();
    let column = labels
        .iter()
        .map(|l| text_width(l, look.body))
        .fold(0.0, f64::max)
        + 16.0 * look.scale;
    let legend_height = look.body * 2.6;
    let map_left = look.pad + column + 24.0 * look.scale;
    let map_right = page.width - look.pad - column - 24.0 * look.scale;
    let map_top = top;
    let map_bottom = bottom - legend_height;

    // Fit the member states (and a margin) into the map's box.
    let mut extent = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (_, c) in &members {
        for ring in c.polygons.iter().flatten() {
            for p in ring {
                let (x, y) = project(*p);
                extent = (
                    extent.0.min(x),
                    extent.1.min(y),
                    extent.2.max(x),
                    extent.3.max(y),
                );
            }
        }
    }
    if members.is_empty() {
        extent = (90.0, -25.0, 130.0, 10.0);
    }
    let (ew, eh) = ((extent.2 - extent.0) * 1.06, (extent.3 - extent.1) * 1.06);
    let scale = ((map_right - map_left) / ew).min((map_bottom - map_top) / eh);
    let centre = ((extent.0 + extent.2) / 2.0, (extent.1 + extent.3) / 2.0);
    let screen_centre = ((map_left + map_right) / 2.0, (map_top + map_bottom) / 2.0);
    let to_screen = |p: [f64; 2]| {
        let (x, y) = project(p);
        (
            screen_centre.0 + (x - centre.0) * scale,
            screen_centre.1 + (y - centre.1) * scale,
        )
    };
    let water = if page.dark {
        [0x22, 0x2A, 0x33]
    } else {
        [0xF2, 0xF6, 0xFA]
    };
    let context_fill = if page.dark {
        [0x2C, 0x2C, 0x2C]
    } else {
        [0xF7, 0xF7, 0xF4]
    };
    svg.rect(
        map_left,
        map_top,
        map_right - map_left,
        map_bottom - map_top,
        Some(water),
        None,
    );
    svg.begin_clip(
        map_left,
        map_top,
        map_right - map_left,
        map_bottom - map_top,
    );
    for c in &countries {
        let fill: Rgb = match state_of(c) {
            Some(i) => palette::diverging(negative, positive, run.tilt(t, i), page.dark),
            None => context_fill,
        };
        let outline = Stroke::solid(look.axis, 0.8 * look.scale);
        for polygon in &c.polygons {
            let rings: Vec<Vec<(f64, f64)>> = polygon
                .iter()
                .map(|ring| ring.iter().map(|p| to_screen(*p)).collect())
                .collect();
            svg.path(&rings, fill, Some(outline));
        }
    }
    svg.end_group();
    svg.rect(
        map_left,
        map_top,
        map_right - map_left,
        map_bottom - map_top,
        None,
        Some(Stroke::solid(look.axis, 1.0 * look.scale)),
    );

    // Side columns: the western half of the states on the left, the eastern half on the right,
    // each in its north-to-south order as near its anchor's height as the column allows.
    let anchors: Vec<(f64, f64)> = members.iter().map(|(_, c)| to_screen(c.anchor())).collect();
    let mut by_x: Vec<usize> = (0..members.len()).collect();
    by_x.sort_by(|&a, &b| anchors[a].0.total_cmp(&anchors[b].0));
    let west: Vec<usize> = by_x[..members.len().div_ceil(2)].to_vec();
    for left in [true, false] {
        let side: Vec<usize> = (0..members.len())
            .filter(|k| west.contains(k) == left)
            .collect();
        let desired: Vec<f64> = side.iter().map(|&k| anchors[k].1).collect();
        let placed = spread(
            &desired,
            look.body * 1.5,
            map_top + look.body,
            map_bottom - look.body * 0.4,
        );
        for (&k, &y) in side.iter().zip(&placed) {
            let (i, _) = members[k];
            let colour = palette::diverging(negative, positive, run.tilt(t, i), page.dark);
            // Both columns read left to right: swatch, then name; the leader meets the column's
            // inner edge.
            let column_left = if left {
                look.pad
            } else {
                page.width - look.pad - column
            };
            let edge_x = if left { look.pad + column } else { column_left };
            svg.line(
                edge_x,
                y - look.body * 0.32,
                anchors[k].0,
                anchors[k].1,
                Stroke::solid(look.weak, 1.2 * look.scale),
            );
            svg.rect(
                column_left,
                y - look.body * 0.8,
                10.0 * look.scale,
                look.body * 0.95,
                Some(colour),
                Some(Stroke::solid(look.axis, 0.8 * look.scale)),
            );
            let text_x = column_left + 16.0 * look.scale;
            svg.text(
                text_x,
                y,
                &look.text(&labels[k], look.body, look.text, Anchor::Start),
            );
        }
    }

    // The colour scale under the map.
    let bar_w = (map_right - map_left) * 0.5;
    let bar_x = (map_left + map_right) / 2.0 - bar_w / 2.0;
    let bar_y = map_bottom + look.body * 0.5;
    let bar_h = look.body * 0.7;
    let steps = 40;
    for k in 0..steps {
        let v = -1.0 + 2.0 * (k as f64 + 0.5) / steps as f64;
        let colour = palette::diverging(negative, positive, v, page.dark);
        svg.rect(
            bar_x + bar_w * k as f64 / steps as f64,
            bar_y,
            bar_w / steps as f64 + 0.5,
            bar_h,
            Some(colour),
            None,
        );
    }
    let code = |p: usize| s.powers.get(p).map_or("–".to_string(), |x| x.code.clone());
    let scale_y = bar_y + bar_h * 0.8;
    svg.text(
        bar_x - 8.0 * look.scale,
        scale_y,
        &look.text(
            &format!("−1 all {}", code(1)),
            look.small,
            look.weak,
            Anchor::End,
        ),
    );
    svg.text(
        bar_x + bar_w + 8.0 * look.scale,
        scale_y,
        &look.text(
            &format!("+1 all {}", code(0)),
            look.small,
            look.weak,
            Anchor::Start,
        ),
    );
    svg.finish()
}
