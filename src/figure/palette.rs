//! The colours of every figure, as plain RGB so the window (through `ui::theme`) and the exported
//! SVG and PNG files draw a series in the same colour: the powers' palette, the member states'
//! palette with its line styles, the autonomy and domestic colours and the bloc indices'.

use crate::model::{Scenario, parse_hex_colour};

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies.
pub const OKABE_ITO: [Rgb; 8] = [
    [0x00, 0x72, 0xB2], // blue
    [0xD5, 0x5E, 0x00], // vermillion
    [0x00, 0x9E, 0x73], // bluish green
    [0xE6, 0x9F, 0x00], // orange
    [0x56, 0xB4, 0xE9], // sky blue
    [0xCC, 0x79, 0xA7], // reddish purple
    [0xF0, 0xE4, 0x42], // yellow
    [0x00, 0x00, 0x00], // black
];

/// Colours of the powers, in the order they are added: the three of the shipped scenarios (the
/// United States' blue, China's vermillion, the EU's green) and five more, chosen so that every
/// pair differs by at least ΔE 20 for normal vision and for each of protanopia, deuteranopia and
/// tritanopia (see `ui::colour_vision` and its tests) — the Okabe–Ito orange a fourth power once
/// got was ΔE 18 from China's vermillion for a deuteranope.
pub const POWER_PALETTE_HEX: [&str; 8] = [
    "#0072B2", "#D55E00", "#11AA88", "#9900FF", "#FF55FF", "#CC99CC", "#DD0044", "#DD9955",
];

/// Colours of the member states' lines, cycled with [`StateDash`]: none is a hue of the shipped
/// powers (Cambodia's line is not China's vermillion), and each differs from the others and from
/// those powers by at least ΔE 17 for every viewer.
pub const STATE_RGB: [Rgb; 6] = [
    [0x99, 0x22, 0xFF],
    [0x99, 0xBB, 0x66],
    [0xFF, 0x55, 0xFF],
    [0x77, 0x77, 0x44],
    [0xCC, 0x99, 0xCC],
    [0x99, 0x55, 0x88],
];

/// How a state's line is drawn: a new style after each cycle of [`STATE_RGB`], so no two of the
/// first 18 states look alike, even without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateDash {
    Solid,
    Dashed,
    Dotted,
}

/// The colour of state i's line.
pub fn state_rgb(i: usize) -> Rgb {
    STATE_RGB[i % STATE_RGB.len()]
}

/// The line style of state i.
pub fn state_dash(i: usize) -> StateDash {
    match (i / STATE_RGB.len()) % 3 {
        0 => StateDash::Solid,
        1 => StateDash::Dashed,
        _ => StateDash::Dotted,
    }
}

/// The colour of power p: its own `#RRGGBB`, or the palette's if that is malformed.
pub fn power_rgb(scenario: &Scenario, p: usize) -> Rgb {
    scenario
        .powers
        .get(p)
        .and_then(|pw| parse_hex_colour(&pw.colour))
        .or_else(|| parse_hex_colour(POWER_PALETTE_HEX[p % POWER_PALETTE_HEX.len()]))
        .unwrap_or([0x88, 0x88, 0x88])
}

/// The colour of the regional-autonomy pole: yellow on dark backgrounds, a dark gold on light ones
/// (both readable as text, see `ui::theme`'s contrast test).
pub fn autonomy_rgb(dark: bool) -> Rgb {
    if dark {
        [0xF0, 0xE4, 0x42]
    } else {
        [0x85, 0x70, 0x00]
    }
}

/// The colour of the domestic (non-foreign) share of technology: sand on dark backgrounds, a taupe
/// on light ones that is darker and greyer than the autonomy gold.
pub fn domestic_rgb(dark: bool) -> Rgb {
    if dark {
        [0xE8, 0xD8, 0x9C]
    } else {
        [0x6F, 0x5F, 0x4B]
    }
}

/// The colour of pole o (powers, then autonomy). Black power colours are lightened on dark themes.
pub fn pole_rgb(scenario: &Scenario, o: usize, dark: bool) -> Rgb {
    if o >= scenario.powers.len() {
        return autonomy_rgb(dark);
    }
    let c = power_rgb(scenario, o);
    if dark && c.iter().all(|&v| v < 40) {
        [0xEE, 0xEE, 0xEE]
    } else {
        c
    }
}

/// The colours of the five bloc indices, in `BlocIndex::ALL`'s order.
pub fn bloc_rgb(index: usize) -> Rgb {
    [
        OKABE_ITO[2],
        OKABE_ITO[5],
        OKABE_ITO[3],
        OKABE_ITO[4],
        OKABE_ITO[0],
    ][index % 5]
}

/// The map's neutral colour (a tilt of zero, a share of nothing).
pub fn map_neutral_rgb(dark: bool) -> Rgb {
    if dark {
        [0x70, 0x70, 0x70]
    } else {
        [0xEE, 0xEE, 0xEE]
    }
}

/// Linear blend of two colours, `t` in 0..1.
pub fn blend(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2])]
}

/// Diverging scale: −1 is `negative`, 0 neutral, +1 `positive`.
pub fn diverging(negative: Rgb, positive: Rgb, v: f64, dark: bool) -> Rgb {
    if v < 0.0 {
        blend(map_neutral_rgb(dark), negative, -v)
    } else {
        blend(map_neutral_rgb(dark), positive, v)
    }
}

/// `#RRGGBB` text of a colour.
pub fn hex_text(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}
