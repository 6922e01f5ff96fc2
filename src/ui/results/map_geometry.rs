//! The map's geometry, built once per process: the shipped outlines triangulated into meshes in map
//! units (longitude scaled by cos of the region's latitude, latitude upwards), with label anchors.

use std::sync::OnceLock;

use crate::io::{Country, MAP_GEOJSON, parse_map};

/// Latitude whose cosine scales longitude, so the region keeps its shape.
const REFERENCE_LATITUDE: f64 = 5.0;

/// One country ready to draw.
pub struct MapCountry {
    pub iso3: String,
    pub name: String,
    pub member: bool,
    /// Triangle vertices in map units and their indices.
    pub vertices: Vec<egui::Pos2>,
    pub indices: Vec<u32>,
    /// Outline rings in map units.
    pub rings: Vec<Vec<egui::Pos2>>,
    /// Where the label and glyph go.
    pub anchor: egui::Pos2,
    source: Country,
}

impl MapCountry {
    /// Whether a point in map units lies inside.
    pub fn contains(&self, p: egui::Pos2) -> bool {
        self.source.contains(unproject(p))
    }
}

/// Every country of the map and the extent of the member states.
pub struct MapGeometry {
    pub countries: Vec<MapCountry>,
    /// Bounding box of the member states, in map units.
    pub members_extent: egui::Rect,
}

fn project(p: [f64; 2]) -> egui::Pos2 {
    let k = REFERENCE_LATITUDE.to_radians().cos();
    egui::pos2((p[0] * k) as f32, (-p[1]) as f32)
}

fn unproject(p: egui::Pos2) -> [f64; 2] {
    let k = REFERENCE_LATITUDE.to_radians().cos();
    [f64::from(p.x) / k, -f64::from(p.y)]
}

/// The shipped map (parsed and triangulated on first use).
pub fn geometry() -> &'static MapGeometry {
    static GEOMETRY: OnceLock<MapGeometry> = OnceLock::new();
    GEOMETRY.get_or_init(|| {
        let countries = parse_map(MAP_GEOJSON).unwrap_or_default();
        let mut extent = egui::Rect::NOTHING;
        let countries: Vec<MapCountry> = countries
            .into_iter()
            .map(|c| {
                let (vertices, indices) = c.triangulate();
                let vertices: Vec<egui::Pos2> = vertices.into_iter().map(project).collect();
                let rings: Vec<Vec<egui::Pos2>> = c
                    .polygons
                    .iter()
                    .flatten()
                    .map(|ring| ring.iter().map(|p| project(*p)).collect())
                    .collect();
                if c.member {
                    for v in &vertices {
                        extent.extend_with(*v);
                    }
                }
                // Nudges where labels of tiny or neighbouring states would collide.
                let nudge = match c.iso3.as_str() {
                    "SGP" => egui::vec2(0.0, 1.6),
                    "BRN" => egui::vec2(0.0, -1.2),
                    _ => egui::Vec2::ZERO,
                };
                MapCountry {
                    iso3: c.iso3.clone(),
                    name: c.name.clone(),
                    member: c.member,
                    anchor: project(c.anchor()) + nudge,
                    vertices,
                    indices,
                    rings,
                    source: c,
                }
            })
            .collect();
        MapGeometry {
            countries,
            members_extent: extent,
        }
    })
}
