//! A small SVG writer: the elements the figures need (lines, polylines, polygons, rectangles and
//! text), every text and attribute escaped, so a scenario's name or a state's name can never
//! inject markup into an exported file.

use std::fmt::Write as _;

use super::palette::{Rgb, hex_text};

/// The font stack of every text: the app's own font first (embedded when the PNG is rasterised),
/// then common fallbacks for whoever opens the SVG.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', Arial, sans-serif";

/// Where a text is anchored horizontally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// How a line is stroked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Rgb,
    pub width: f64,
    /// Dash and gap lengths; empty for a solid line.
    pub dash: [f64; 2],
    pub opacity: f64,
}

impl Stroke {
    pub fn solid(colour: Rgb, width: f64) -> Self {
        Self {
            colour,
            width,
            dash: [0.0, 0.0],
            opacity: 1.0,
        }
    }

    pub fn dashed(colour: Rgb, width: f64, dash: f64, gap: f64) -> Self {
        Self {
            dash: [dash, gap],
            ..Self::solid(colour, width)
        }
    }

    fn attributes(&self) -> String {
        let mut a = format!(
            r#"stroke="{}" stroke-width="{:.2}" fill="none""#,
            hex_text(self.colour),
            self.width
        );
        if self.dash[0] > 0.0 {
            let _ = write!(
                a,
                r#" stroke-dasharray="{:.1} {:.1}""#,
                self.dash[0], self.dash[1]
            );
        }
        if self.opacity < 1.0 {
            let _ = write!(a, r#" stroke-opacity="{:.2}""#, self.opacity);
        }
        a
    }
}

/// Text with its size, colour, weight and anchor.
#[derive(Clone, Debug)]
pub struct Text<'a> {
    pub text: &'a str,
    pub size: f64,
    pub colour: Rgb,
    pub bold: bool,
    pub anchor: Anchor,
}

/// Text escaped for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being written.
pub struct Svg {
    body: String,
    width: f64,
    height: f64,
    clips: usize,
}

impl Svg {
    /// A document of `width` × `height` pixels filled with `background`.
    pub fn new(width: f64, height: f64, background: Rgb, title: &str) -> Self {
        let mut svg = Self {
            body: String::new(),
            width,
            height,
            clips: 0,
        };
        let _ = writeln!(svg.body, "<title>{}</title>", escape(title));
        svg.rect(0.0, 0.0, width, height, Some(background), None);
        svg
    }

    pub fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: Stroke) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{x0:.2}" y1="{y0:.2}" x2="{x1:.2}" y2="{y1:.2}" {}/>"#,
            stroke.attributes()
        );
    }

    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: Stroke) {
        if points.len() < 2 {
            return;
        }
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" stroke-linejoin="round" stroke-linecap="round" {}/>"#,
            point_list(points),
            stroke.attributes()
        );
    }

    /// A filled shape of one or more rings (holes by the even-odd rule), optionally outlined.
    pub fn path(&mut self, rings: &[Vec<(f64, f64)>], fill: Rgb, outline: Option<Stroke>) {
        let mut d = String::new();
        for ring in rings.iter().filter(|r| r.len() >= 3) {
            for (k, (x, y)) in ring.iter().enumerate() {
                let _ = write!(d, "{}{x:.2},{y:.2} ", if k == 0 { "M" } else { "L" });
            }
            d.push_str("Z ");
        }
        if d.is_empty() {
            return;
        }
        let stroke = outline.map_or(String::new(), |s| {
            s.attributes().replace(r#" fill="none""#, "")
        });
        let _ = writeln!(
            self.body,
            r#"<path d="{}" fill="{}" fill-rule="evenodd" {stroke}/>"#,
            d.trim_end(),
            hex_text(fill)
        );
    }

    pub fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) {
        let fill = fill.map_or("none".to_string(), hex_text);
        let stroke = stroke.map_or(String::new(), |s| {
            s.attributes().replace(r#" fill="none""#, "")
        });
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}" {stroke}/>"#
        );
    }

    /// Text whose baseline starts at (x, y).
    pub fn text(&mut self, x: f64, y: f64, text: &Text<'_>) {
        let anchor = match text.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let weight = if text.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.2}" y="{y:.2}" font-size="{:.1}" fill="{}" text-anchor="{anchor}"{weight}>{}</text>"#,
            text.size,
            hex_text(text.colour),
            escape(text.text)
        );
    }

    /// Text rotated a quarter turn anticlockwise about (x, y), for a vertical axis title.
    pub fn vertical_text(&mut self, x: f64, y: f64, text: &Text<'_>) {
        let _ = writeln!(self.body, r#"<g transform="rotate(-90 {x:.2} {y:.2})">"#);
        self.text(x, y, text);
        self.body.push_str("</g>\n");
    }

    /// Starts a group whose drawing is clipped to a rectangle (ended by [`Svg::end_group`]).
    pub fn begin_clip(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.clips += 1;
        let id = self.clips;
        let _ = writeln!(
            self.body,
            r#"<clipPath id="clip{id}"><rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}"/></clipPath>"#
        );
        let _ = writeln!(self.body, r#"<g clip-path="url(#clip{id})">"#);
    }

    pub fn end_group(&mut self) {
        self.body.push_str("</g>\n");
    }

    /// The finished document.
    pub fn finish(self) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{font}\">\n{body}</svg>\n",
            w = self.width,
            h = self.height,
            font = FONT_FAMILY,
            body = self.body
        )
    }
}

fn point_list(points: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(points.len() * 16);
    for (x, y) in points {
        let _ = write!(s, "{x:.2},{y:.2} ");
    }
    s.trim_end().to_string()
}

/// Roughly how wide `text` is at `size` px in the figures' font (Ubuntu's average advance is about
/// 0.53 em; digits and capitals are wider), for layout that must not overlap.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.30,
            'm' | 'w' | 'M' | 'W' => 0.85,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => 0.64,
            _ => 0.54,
        })
        .sum::<f64>()
        * size
}

/// `text` broken into lines no wider than `width` at `size` px, at spaces.
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        let mut svg = Svg::new(100.0, 50.0, [255, 255, 255], "<script>alert(1)</script>");
        svg.text(
            1.0,
            1.0,
            &Text {
                text: "A & B \"quoted\" <b>",
                size: 10.0,
                colour: [0, 0, 0],
                bold: false,
                anchor: Anchor::Start,
            },
        );
        let out = svg.finish();
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(
            out.contains("A &amp; B &quot;quoted&quot; &lt;b&gt;"),
            "{out}"
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_each_line_fits() {
        let text = "ASEAN Digital Futures, model v1.1 · scenario “Baseline” · run 2025–2045";
        let lines = wrap(text, 14.0, 200.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(text_width(l, 14.0) <= 200.0 || !l.contains(' '), "{l}");
        }
    }
}
