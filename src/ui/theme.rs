//! Every colour and text size of the app, in one place: the colour-blind-safe palette (Okabe–Ito),
//! the neutral autonomy and domestic colours, line styles that tell states apart without colour, and
//! the dark, light and high-contrast themes at a chosen zoom.

use egui::{Color32, FontFamily, FontId, TextStyle, Visuals};
use egui_plot::LineStyle;
use serde::{Deserialize, Serialize};

use crate::model::Scenario;

pub use crate::figure::palette::POWER_PALETTE_HEX;
use crate::figure::palette::{self, Rgb};

const fn rgb(c: Rgb) -> Color32 {
    Color32::from_rgb(c[0], c[1], c[2])
}

/// Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
pub const OKABE_ITO: [Color32; 8] = {
    let p = palette::OKABE_ITO;
    [
        rgb(p[0]),
        rgb(p[1]),
        rgb(p[2]),
        rgb(p[3]),
        rgb(p[4]),
        rgb(p[5]),
        rgb(p[6]),
        rgb(p[7]),
    ]
};

/// Colours of the member states' lines (see [`palette::STATE_RGB`]), cycled with
/// [`state_line_style`].
pub const STATE_PALETTE: [Color32; 6] = {
    let p = palette::STATE_RGB;
    [
        rgb(p[0]),
        rgb(p[1]),
        rgb(p[2]),
        rgb(p[3]),
        rgb(p[4]),
        rgb(p[5]),
    ]
};

/// Which look the app has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Dark,
    Light,
    /// Black on white with heavier strokes, for projectors.
    HighContrast,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [
        ThemeChoice::Dark,
        ThemeChoice::Light,
        ThemeChoice::HighContrast,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::Dark => "Dark",
            ThemeChoice::Light => "Light",
            ThemeChoice::HighContrast => "High contrast (projector)",
        }
    }

    fn is_dark(self) -> bool {
        self == ThemeChoice::Dark
    }
}

/// Applies a theme and a text scale to the whole app.
pub fn apply(ctx: &egui::Context, theme: ThemeChoice, text_scale: f32) {
    let mut visuals = if theme.is_dark() {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    if theme == ThemeChoice::HighContrast {
        visuals.override_text_color = Some(Color32::BLACK);
        visuals.widgets.noninteractive.fg_stroke.width = 1.5;
        visuals.widgets.inactive.fg_stroke.width = 1.5;
        visuals.panel_fill = Color32::WHITE;
        visuals.window_fill = Color32::WHITE;
        visuals.extreme_bg_color = Color32::WHITE;
    }
    let egui_theme = if theme.is_dark() {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    ctx.set_theme(egui_theme);
    ctx.set_visuals_of(egui_theme, visuals);
    let base = 15.0 * text_scale;
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(base * 0.8, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(base, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(base, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(base * 1.35, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(base * 0.95, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.slider_width = 150.0 * text_scale.min(1.3);
        style.spacing.interact_size.y = 20.0 * text_scale.min(1.5);
    });
}

/// Colour of the autonomy (regional) pole: a gold that no power uses and that stays apart from the
/// powers' blue, vermillion and green under the common colour-vision deficiencies. On light
/// backgrounds a dark gold, so "Aut" labels read as text (contrast at least 4.5 : 1).
pub fn autonomy(dark: bool) -> Color32 {
    rgb(palette::autonomy_rgb(dark))
}

/// Colour of the domestic (non-foreign) share of technology: sand on dark backgrounds, a taupe on
/// light ones that is darker and greyer than the autonomy gold.
pub fn domestic(dark: bool) -> Color32 {
    rgb(palette::domestic_rgb(dark))
}

/// The colour of power p: its own `#RRGGBB`, or the palette's if that is malformed.
pub fn power_colour(scenario: &Scenario, p: usize) -> Color32 {
    rgb(palette::power_rgb(scenario, p))
}

/// The colour of pole o (powers, then autonomy). Black power colours are lightened on dark themes.
pub fn pole_colour(scenario: &Scenario, o: usize, dark: bool) -> Color32 {
    rgb(palette::pole_rgb(scenario, o, dark))
}

/// Colour of state i's line: a cycle through [`STATE_PALETTE`], paired with [`state_line_style`]
/// so no two of the first 18 states look alike, even without colour.
pub fn state_colour(i: usize, _dark: bool) -> Color32 {
    rgb(palette::state_rgb(i))
}

/// Line style of state i (solid, dashed, dotted: a new style after each cycle of the palette).
pub fn state_line_style(i: usize) -> LineStyle {
    match palette::state_dash(i) {
        palette::StateDash::Solid => LineStyle::Solid,
        palette::StateDash::Dashed => LineStyle::Dashed { length: 10.0 },
        palette::StateDash::Dotted => LineStyle::Dotted { spacing: 6.0 },
    }
}

/// How much thicker chart strokes are drawn than at the default text size: lines grow with the
/// text (presenter mode, a large zoom), so a line stays as visible from the back of a room as its
/// label.
pub fn stroke_scale(style: &egui::Style) -> f32 {
    let body = style
        .text_styles
        .get(&TextStyle::Body)
        .map_or(15.0, |f| f.size);
    (body / 15.0).max(1.0)
}

/// Colours of the five bloc indices.
pub fn bloc_colour(index: usize) -> Color32 {
    rgb(palette::bloc_rgb(index))
}

/// Colour for warnings and errors in text.
pub fn error_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0x8A, 0x65)
    } else {
        Color32::from_rgb(0xB0, 0x30, 0x00)
    }
}

/// Colour for a warning.
pub fn warning_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xF0, 0xC0, 0x40)
    } else {
        Color32::from_rgb(0x8A, 0x60, 0x00)
    }
}

/// Land of neighbouring (non-member) countries on the map.
pub fn map_context_land(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(0x3A)
    } else {
        Color32::from_gray(0xD8)
    }
}

/// Outline of countries on the map.
pub fn map_outline(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(0x10)
    } else {
        Color32::from_gray(0x60)
    }
}

/// The neutral end of the map's scales (a value of "nothing").
pub fn map_neutral(dark: bool) -> Color32 {
    rgb(palette::map_neutral_rgb(dark))
}

/// Linear blend of two colours, `t` in 0..1.
pub fn blend(a: Color32, b: Color32, t: f64) -> Color32 {
    let t = t.clamp(0.0, 1.0) as f32;
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// Sequential scale from the neutral colour to `colour`, `t` in 0..1.
pub fn sequential(colour: Color32, t: f64, dark: bool) -> Color32 {
    blend(map_neutral(dark), colour, t)
}

/// Diverging scale: −1 is `negative`, 0 neutral, +1 `positive`.
pub fn diverging(negative: Color32, positive: Color32, v: f64, dark: bool) -> Color32 {
    if v < 0.0 {
        blend(map_neutral(dark), negative, -v)
    } else {
        blend(map_neutral(dark), positive, v)
    }
}

/// Colour of the DEFA-progress scale.
pub fn defa_colour() -> Color32 {
    OKABE_ITO[2]
}

/// Colour of the hedging-index scale.
pub fn hedging_colour() -> Color32 {
    OKABE_ITO[5]
}

/// Colour of the selected state's outline on the map.
pub fn selection_outline(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}

/// How much larger text is in an exported picture than on screen: slides are read from afar.
pub const EXPORT_TEXT_SCALE: f32 = 1.35;

/// The style of a view drawn for export: the same look with larger text.
pub fn presentation_style(style: &mut egui::Style) {
    for font in style.text_styles.values_mut() {
        font.size *= EXPORT_TEXT_SCALE;
    }
}

/// Fill of an ensemble band: the series' colour, translucent so lines and other bands show through.
pub fn band_fill(series: Color32) -> Color32 {
    series.gamma_multiply(0.2)
}

/// The ensemble median: the series' colour, a little lighter than the line of the run itself.
pub fn band_median(series: Color32) -> Color32 {
    series.gamma_multiply(0.8)
}

/// A line of the pinned scenario A: the series' colour (it is drawn thinner and dashed).
pub fn pinned_line(series: Color32) -> Color32 {
    series.gamma_multiply(0.9)
}

/// A line before the last step: the same colour, faint, so the room sees where it was.
pub fn ghost(series: Color32) -> Color32 {
    series.gamma_multiply(0.38)
}

/// A line the current story step does not name: pushed back so the named ones stand out.
pub fn dimmed(series: Color32, dark: bool) -> Color32 {
    let grey = if dark { 0x55 } else { 0xBB };
    Color32::from_rgb(
        ((u16::from(series.r()) + 3 * grey) / 4) as u8,
        ((u16::from(series.g()) + 3 * grey) / 4) as u8,
        ((u16::from(series.b()) + 3 * grey) / 4) as u8,
    )
}

/// The "since the last change" sentence: an accent no series uses.
pub fn change_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0xD7, 0x5E)
    } else {
        Color32::from_rgb(0x7A, 0x4E, 0x00)
    }
}

/// Waterfall bars: a group that raises the outcome, one that lowers it, and the A and B totals.
/// None is a power's hue (a green bar would read as "the EU"): they differ in lightness and in
/// shape — a lowering bar is drawn as an outline ([`waterfall_down_fill`]) — so they survive any
/// colour-vision deficiency and greyscale print.
pub fn waterfall_up(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xC9, 0xD3, 0xDD)
    } else {
        Color32::from_rgb(0x2F, 0x3B, 0x48)
    }
}

pub fn waterfall_down(dark: bool) -> Color32 {
    waterfall_up(dark)
}

/// The fill of a lowering bar: faint, so its outline carries it.
pub fn waterfall_down_fill(dark: bool) -> Color32 {
    waterfall_up(dark).gamma_multiply(0.18)
}

pub fn waterfall_total(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(0x80)
    } else {
        Color32::from_gray(0x9A)
    }
}

/// Tornado bars: the outcome with the input at the low end and at the high end of its swing.
pub fn tornado_low() -> Color32 {
    OKABE_ITO[4]
}

pub fn tornado_high() -> Color32 {
    OKABE_ITO[3]
}

/// Viridis (van der Walt & Smith, 2015): perceptually uniform and colour-blind safe; for outcomes
/// on one scale (shares, dependency, indices).
const VIRIDIS: [[u8; 3]; 9] = [
    [0x44, 0x01, 0x54],
    [0x48, 0x28, 0x78],
    [0x3E, 0x4A, 0x89],
    [0x31, 0x68, 0x8E],
    [0x26, 0x82, 0x8E],
    [0x1F, 0x9E, 0x89],
    [0x35, 0xB7, 0x79],
    [0x6D, 0xCD, 0x59],
    [0xFD, 0xE7, 0x25],
];

/// ColorBrewer RdBu (colour-blind safe): for a tilt, red toward the second power (−1), white at 0,
/// blue toward the first (+1).
const RED_BLUE: [[u8; 3]; 5] = [
    [0xB2, 0x18, 0x2B],
    [0xEF, 0x8A, 0x62],
    [0xF7, 0xF7, 0xF7],
    [0x67, 0xA9, 0xCF],
    [0x21, 0x66, 0xAC],
];

/// The heat map's palettes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeatPalette {
    /// Low to high on one scale.
    Sequential,
    /// Centred on zero (a tilt between two poles).
    Diverging,
}

/// The colour of `t` in 0 … 1 on a palette (0 is the palette's start).
pub fn heat_colour(palette: HeatPalette, t: f64) -> Color32 {
    let stops: &[[u8; 3]] = match palette {
        HeatPalette::Sequential => &VIRIDIS,
        HeatPalette::Diverging => &RED_BLUE,
    };
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (stops.len() - 1) as f64;
    let k = (pos.floor() as usize).min(stops.len() - 2);
    let f = pos - k as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * f).round() as u8;
    let (a, b) = (stops[k], stops[k + 1]);
    Color32::from_rgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]))
}

/// The leaning-flip contour on the heat map: a light line over a dark halo, visible on any cell.
pub fn contour_line() -> Color32 {
    Color32::WHITE
}

pub fn contour_halo() -> Color32 {
    Color32::from_black_alpha(200)
}

/// The marker of the scenario's own values on the heat map.
pub fn current_marker(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xFF, 0x4F, 0xD8)
    } else {
        Color32::from_rgb(0xC0, 0x00, 0x90)
    }
}

/// A row of the diff or outcome table that changed sign or leaning: worth the reader's eye.
pub fn highlight_text(dark: bool) -> Color32 {
    warning_colour(dark)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let luminance = |c: Color32| {
            let channel = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.040_45 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn autonomy_and_domestic_read_as_text_on_both_themes() {
        let light = Visuals::light();
        let dark = Visuals::dark();
        for (is_dark, visuals) in [(false, &light), (true, &dark)] {
            for bg in [visuals.panel_fill, visuals.extreme_bg_color] {
                for colour in [autonomy(is_dark), domestic(is_dark)] {
                    let ratio = contrast(colour, bg);
                    assert!(ratio >= 4.5, "{colour:?} on {bg:?}: {ratio:.2}");
                }
            }
        }
    }

    #[test]
    fn every_state_line_stands_out_from_a_light_chart() {
        let bg = Visuals::light().extreme_bg_color;
        for i in 0..7 {
            let ratio = contrast(state_colour(i, false), bg);
            // Okabe–Ito orange and sky blue are the palette's lightest kept colours (about 2 : 1);
            // line styles and direct labels carry them. Nothing may be fainter.
            assert!(ratio >= 2.0, "state {i}: {ratio:.2}");
        }
    }
}
