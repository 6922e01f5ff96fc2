//! How colours look to the three common colour-vision deficiencies, to check that a palette stays
//! distinct for every viewer: the full-severity simulation matrices of Machado, Oliveira and
//! Fernandes (2009) applied in linear sRGB, and the CIE 1976 colour difference in CIELAB.

/// A viewer's colour vision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    Normal,
    /// No long-wavelength (red) cones.
    Protanopia,
    /// No medium-wavelength (green) cones, the most common deficiency.
    Deuteranopia,
    /// No short-wavelength (blue) cones.
    Tritanopia,
}

impl Vision {
    pub const ALL: [Vision; 4] = [
        Vision::Normal,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
    ];

    fn matrix(self) -> [[f64; 3]; 3] {
        match self {
            Vision::Normal => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
            Vision::Protanopia => [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ],
            Vision::Deuteranopia => [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ],
            Vision::Tritanopia => [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ],
        }
    }
}

fn to_linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// The colour as this viewer sees it, in linear sRGB.
fn seen_linear(rgb: [u8; 3], vision: Vision) -> [f64; 3] {
    let l = rgb.map(to_linear);
    let m = vision.matrix();
    [0, 1, 2].map(|i| (m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]).clamp(0.0, 1.0))
}

/// CIELAB (D65) of a linear sRGB colour.
fn lab(lin: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = lin;
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// How different two colours look to this viewer (CIE ΔE*ab; about 2.3 is just noticeable, and
/// lines on a chart need well over 10).
pub fn difference(a: [u8; 3], b: [u8; 3], vision: Vision) -> f64 {
    let (p, q) = (lab(seen_linear(a, vision)), lab(seen_linear(b, vision)));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// The smallest difference between any two colours of `a` and `b` (or within `a` when `b` is
/// `None`) for any viewer, with the pair and the viewer.
pub fn closest_pair(a: &[[u8; 3]], b: Option<&[[u8; 3]]>) -> Option<(f64, usize, usize, Vision)> {
    let mut worst: Option<(f64, usize, usize, Vision)> = None;
    for vision in Vision::ALL {
        for (i, x) in a.iter().enumerate() {
            let others: Vec<(usize, [u8; 3])> = match b {
                Some(b) => b.iter().copied().enumerate().collect(),
                None => a.iter().copied().enumerate().skip(i + 1).collect(),
            };
            for (j, y) in others {
                let d = difference(*x, y, vision);
                if worst.is_none_or(|w| d < w.0) {
                    worst = Some((d, i, j, vision));
                }
            }
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulation_merges_what_each_deficiency_merges() {
        let red = [0xD0, 0x30, 0x30];
        let green = [0x30, 0x90, 0x30];
        // Red and green, far apart for normal vision, come close without red or green cones.
        let normal = difference(red, green, Vision::Normal);
        assert!(difference(red, green, Vision::Deuteranopia) < 0.6 * normal);
        assert!(difference(red, green, Vision::Protanopia) < 0.6 * normal);
        // Grey stays grey for everyone.
        let grey = [0x80, 0x80, 0x80];
        for v in Vision::ALL {
            assert!(difference(grey, grey, v) < 1e-9);
            assert!(difference(grey, [0x81, 0x81, 0x81], v) < 1.0);
        }
    }
}
