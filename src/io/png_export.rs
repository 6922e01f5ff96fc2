//! PNG export of rendered views: an RGBA screenshot is cropped to the view's pixel rectangle and
//! written as PNG atomically (a temporary file renamed over the target), so a failed export never
//! leaves half an image. The pixels come from the window; this module only knows bytes.

use std::path::Path;

use super::error::SaveError;
use super::scenario_file::write_atomically;

/// An image of unpremultiplied RGBA bytes, row by row from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: usize,
    pub height: usize,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

/// A rectangle of pixels: left, top, width, height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelRect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

impl RgbaImage {
    /// The part of the image inside `rect` (clipped to the image); `None` when nothing is left or
    /// the pixel buffer does not match the size.
    pub fn crop(&self, rect: PixelRect) -> Option<RgbaImage> {
        if self.pixels.len() != self.width * self.height * 4 {
            return None;
        }
        let x0 = rect.x.min(self.width);
        let y0 = rect.y.min(self.height);
        let x1 = rect.x.saturating_add(rect.width).min(self.width);
        let y1 = rect.y.saturating_add(rect.height).min(self.height);
        if x1 <= x0 || y1 <= y0 {
            return None;
        }
        let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
        for y in y0..y1 {
            let row = y * self.width * 4;
            pixels.extend_from_slice(&self.pixels[row + x0 * 4..row + x1 * 4]);
        }
        Some(RgbaImage {
            width: x1 - x0,
            height: y1 - y0,
            pixels,
        })
    }
}

/// The image encoded as an 8-bit RGBA PNG, marked sRGB (what the screen showed).
pub fn png_bytes(image: &RgbaImage) -> Result<Vec<u8>, SaveError> {
    let err = |e: &dyn std::fmt::Display| SaveError::Png(e.to_string());
    if image.pixels.len() != image.width * image.height * 4 || image.width == 0 {
        return Err(SaveError::Png(format!(
            "{} bytes do not make a {} × {} RGBA image",
            image.pixels.len(),
            image.width,
            image.height
        )));
    }
    let width = u32::try_from(image.width).map_err(|e| err(&e))?;
    let height = u32::try_from(image.height).map_err(|e| err(&e))?;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
        let mut writer = encoder.write_header().map_err(|e| err(&e))?;
        writer
            .write_image_data(&image.pixels)
            .map_err(|e| err(&e))?;
        writer.finish().map_err(|e| err(&e))?;
    }
    Ok(out)
}

/// Encodes the image and writes it atomically to `path`.
pub fn write_png(path: &Path, image: &RgbaImage) -> Result<(), SaveError> {
    write_atomically(path, &png_bytes(image)?, false)
}

/// Writes a figure file already encoded (PNG bytes or SVG text), atomically.
pub fn write_figure(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically(path, bytes, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: usize, height: usize) -> RgbaImage {
        let pixels = (0..width * height)
            .flat_map(|i| [i as u8, (i / width) as u8, 7, 255])
            .collect();
        RgbaImage {
            width,
            height,
            pixels,
        }
    }

    #[test]
    fn crop_keeps_the_pixels_inside_and_clips_at_the_edges() {
        let img = image(4, 3);
        let c = img
            .crop(PixelRect {
                x: 1,
                y: 1,
                width: 10,
                height: 10,
            })
            .unwrap();
        assert_eq!((c.width, c.height), (3, 2));
        assert_eq!(&c.pixels[..4], &[5, 1, 7, 255]);
        assert!(
            img.crop(PixelRect {
                x: 4,
                y: 0,
                width: 2,
                height: 2
            })
            .is_none()
        );
    }

    #[test]
    fn png_bytes_start_with_the_signature_and_refuse_a_short_buffer() {
        let bytes = png_bytes(&image(3, 2)).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let mut bad = image(3, 2);
        bad.pixels.pop();
        assert!(png_bytes(&bad).is_err());
    }
}
