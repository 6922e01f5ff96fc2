//! SVG to PNG: the figure's own SVG rasterised by resvg with the app's embedded font, so a PNG and
//! an SVG of the same figure are the same drawing, and a headless machine needs no system fonts.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::io::{RgbaImage, png_bytes};

use super::FigureError;

/// The font database holding the app's font (the one the window draws with), built once.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
            let family = db
                .faces()
                .next()
                .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
                .unwrap_or_else(|| "Ubuntu".into());
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family);
            Arc::new(db)
        })
        .clone()
}

/// The SVG rasterised to a `width` × `height` PNG.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, FigureError> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "sans-serif".into(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &options).map_err(|e| FigureError::Render(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| FigureError::Render(format!("{width} × {height} is not an image size")))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // Every figure paints an opaque background, so premultiplied and straight alpha agree; any
    // translucent pixel left is un-premultiplied here to be safe.
    let mut pixels = pixmap.take();
    for px in pixels.chunks_exact_mut(4) {
        let a = px[3];
        if a != 0 && a != 255 {
            for c in &mut px[..3] {
                *c = ((u16::from(*c) * 255 + u16::from(a) / 2) / u16::from(a)).min(255) as u8;
            }
        }
    }
    png_bytes(&RgbaImage {
        width: width as usize,
        height: height as usize,
        pixels,
    })
    .map_err(|e| FigureError::Render(e.to_string()))
}
