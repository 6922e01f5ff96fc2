//! Page layout shared by every figure: text sizes that grow with the image, the title block above
//! and the source block below, and the spreading of labels so none overlaps another.

use super::palette::Rgb;
use super::svg::{Anchor, Svg, Text, wrap};

/// The look and frame of one exported figure.
#[derive(Clone, Debug)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub dark: bool,
    /// The scenario's name, the figure's title.
    pub title: String,
    /// What the figure shows, under the title.
    pub heading: String,
    /// Where it comes from, at the foot.
    pub source: String,
}

/// The sizes and colours a page is drawn with.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Scale of every length against a 1280 × 720 figure.
    pub scale: f64,
    pub title: f64,
    pub heading: f64,
    pub body: f64,
    pub small: f64,
    pub pad: f64,
    pub background: Rgb,
    pub text: Rgb,
    pub weak: Rgb,
    pub grid: Rgb,
    pub axis: Rgb,
}

impl Look {
    pub fn of(page: &Page) -> Self {
        let scale = (page.height / 720.0).min(page.width / 1000.0).max(0.45);
        let (background, text, weak, grid, axis) = if page.dark {
            (
                [0x1B, 0x1B, 0x1B],
                [0xEE, 0xEE, 0xEE],
                [0xAA, 0xAA, 0xAA],
                [0x3A, 0x3A, 0x3A],
                [0x88, 0x88, 0x88],
            )
        } else {
            (
                [0xFF, 0xFF, 0xFF],
                [0x1A, 0x1A, 0x1A],
                [0x55, 0x55, 0x55],
                [0xE2, 0xE2, 0xE2],
                [0x77, 0x77, 0x77],
            )
        };
        Self {
            scale,
            title: 30.0 * scale,
            heading: 20.0 * scale,
            body: 17.0 * scale,
            small: 13.5 * scale,
            pad: 22.0 * scale,
            background,
            text,
            weak,
            grid,
            axis,
        }
    }

    pub fn text<'a>(&self, text: &'a str, size: f64, colour: Rgb, anchor: Anchor) -> Text<'a> {
        Text {
            text,
            size,
            colour,
            bold: false,
            anchor,
        }
    }
}

/// Draws the title, heading and source of `page`; returns the band (top, bottom) left between them
/// for the figure itself.
pub fn frame(svg: &mut Svg, page: &Page, look: &Look) -> (f64, f64) {
    let mut y = look.pad + look.title;
    let mut title = look.text(&page.title, look.title, look.text, Anchor::Start);
    title.bold = true;
    svg.text(look.pad, y, &title);
    for line in wrap(&page.heading, look.heading, page.width - 2.0 * look.pad) {
        y += look.heading * 1.35;
        svg.text(
            look.pad,
            y,
            &look.text(&line, look.heading, look.text, Anchor::Start),
        );
    }
    let lines = wrap(&page.source, look.small, page.width - 2.0 * look.pad);
    let line_height = look.small * 1.35;
    let mut foot = page.height - look.pad * 0.7 - line_height * (lines.len() as f64 - 1.0);
    let source_top = foot - look.small;
    for line in &lines {
        svg.text(
            look.pad,
            foot,
            &look.text(line, look.small, look.weak, Anchor::Start),
        );
        foot += line_height;
    }
    (y + look.heading * 0.8, source_top - look.pad * 0.6)
}

/// Positions for labels that want to sit at `desired` (in any order), at least `gap` apart and
/// inside `lo..hi` where there is room, keeping their order: each label is pushed down past the one
/// above it, then the stack is pushed back up from the bottom edge.
pub fn spread(desired: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..desired.len()).collect();
    order.sort_by(|&a, &b| desired[a].total_cmp(&desired[b]));
    let mut placed: Vec<f64> = order.iter().map(|&i| desired[i].clamp(lo, hi)).collect();
    for k in 1..placed.len() {
        placed[k] = placed[k].max(placed[k - 1] + gap);
    }
    if let Some(last) = placed.last_mut() {
        *last = last.min(hi);
    }
    for k in (0..placed.len().saturating_sub(1)).rev() {
        placed[k] = placed[k].min(placed[k + 1] - gap);
    }
    // When there is not room for all, the top edge wins and the rest keep their spacing.
    if let Some(&first) = placed.first()
        && first < lo
    {
        let shift = lo - first;
        placed.iter_mut().for_each(|y| *y += shift);
    }
    let mut out = vec![0.0; desired.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = placed[k];
    }
    out
}

/// A "nice" tick step (1, 2 or 5 × a power of ten) for about `count` ticks over `span`.
pub fn nice_step(span: f64, count: f64) -> f64 {
    let raw = (span / count.max(1.0)).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The ticks of `step` inside `lo..=hi`.
pub fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_labels_keep_their_gap_and_order_and_stay_inside() {
        let desired = [100.0, 101.0, 99.5, 300.0, 102.0, 10.0];
        let placed = spread(&desired, 20.0, 0.0, 400.0);
        let mut pairs: Vec<(f64, f64)> = desired
            .iter()
            .copied()
            .zip(placed.iter().copied())
            .collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        for w in pairs.windows(2) {
            assert!(w[1].1 - w[0].1 >= 20.0 - 1e-9, "{pairs:?}");
        }
        assert!(
            placed.iter().all(|y| (0.0..=400.0).contains(y)),
            "{placed:?}"
        );
        // A label with room keeps its place.
        assert_eq!(placed[3], 300.0);
    }

    #[test]
    fn crowded_labels_at_the_bottom_are_pushed_up() {
        let placed = spread(&[395.0, 396.0, 397.0], 20.0, 0.0, 400.0);
        let mut sorted = placed.clone();
        sorted.sort_by(f64::total_cmp);
        assert_eq!(sorted, vec![360.0, 380.0, 400.0]);
    }

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        assert_eq!(nice_step(2.0, 5.0), 0.5);
        assert_eq!(nice_step(20.0, 6.0), 5.0);
        assert_eq!(ticks(-0.42, 0.61, 0.2).len(), 6);
        let t = ticks(2025.0, 2045.0, 5.0);
        assert_eq!(t, vec![2025.0, 2030.0, 2035.0, 2040.0, 2045.0]);
    }
}
