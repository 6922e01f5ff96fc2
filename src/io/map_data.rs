//! The map outlines shipped in `assets/`: GeoJSON country polygons (longitude, latitude) parsed into
//! plain data, and triangulated once so a view can fill concave outlines.

use serde_json::Value;

/// The embedded GeoJSON (Natural Earth 1:50m via world-atlas; see `assets/README.md`).
pub const MAP_GEOJSON: &str = include_str!("../../assets/asean-region-50m.geojson");

/// One country of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub iso3: String,
    pub name: String,
    /// Whether it is an ASEAN member state (others are context).
    pub member: bool,
    /// Polygons; each is an outer ring followed by its holes; rings are (lon, lat) points.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

impl Country {
    /// Triangles of the filled outline, as (lon, lat) vertices and index triples.
    pub fn triangulate(&self) -> (Vec<[f64; 2]>, Vec<u32>) {
        let mut vertices = Vec::new();
        let mut indices = Vec::new();
        for polygon in &self.polygons {
            let mut flat = Vec::new();
            let mut holes = Vec::new();
            for (r, ring) in polygon.iter().enumerate() {
                if r > 0 {
                    holes.push(flat.len() / 2);
                }
                for p in ring {
                    flat.extend_from_slice(p);
                }
            }
            let base = vertices.len() as u32;
            if let Ok(tris) = earcutr::earcut(&flat, &holes, 2) {
                indices.extend(tris.iter().map(|&i| base + i as u32));
                vertices.extend(flat.chunks_exact(2).map(|c| [c[0], c[1]]));
            }
        }
        (vertices, indices)
    }

    /// A point to place the label: inside the largest outer ring, as far from its edges as a
    /// 24 × 24 grid of candidates finds (S-shaped countries put their centroid outside).
    pub fn anchor(&self) -> [f64; 2] {
        let mut best_ring: Option<&Vec<[f64; 2]>> = None;
        let mut best_area = 0.0;
        for polygon in &self.polygons {
            let Some(ring) = polygon.first() else {
                continue;
            };
            let area = ring_centroid(ring).0.abs();
            if area > best_area || best_ring.is_none() {
                best_area = area;
                best_ring = Some(ring);
            }
        }
        let Some(ring) = best_ring else {
            return [0.0, 0.0];
        };
        let (_, centre) = ring_centroid(ring);
        if ring.len() < 3 {
            return centre;
        }
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in ring {
            for d in 0..2 {
                lo[d] = lo[d].min(p[d]);
                hi[d] = hi[d].max(p[d]);
            }
        }
        let mut best = (f64::NEG_INFINITY, centre);
        for gx in 0..24 {
            for gy in 0..24 {
                let p = [
                    lo[0] + (hi[0] - lo[0]) * (gx as f64 + 0.5) / 24.0,
                    lo[1] + (hi[1] - lo[1]) * (gy as f64 + 0.5) / 24.0,
                ];
                if !ring_contains(ring, p) {
                    continue;
                }
                let clearance = ring
                    .windows(2)
                    .map(|w| segment_distance(p, w[0], w[1]))
                    .fold(f64::INFINITY, f64::min);
                if clearance > best.0 {
                    best = (clearance, p);
                }
            }
        }
        best.1
    }

    /// Whether (lon, lat) lies inside the country (even-odd rule over every ring).
    pub fn contains(&self, p: [f64; 2]) -> bool {
        self.polygons
            .iter()
            .any(|polygon| polygon.iter().filter(|ring| ring_contains(ring, p)).count() % 2 == 1)
    }
}

fn ring_centroid(ring: &[[f64; 2]]) -> (f64, [f64; 2]) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0][0] * w[1][1] - w[1][0] * w[0][1];
        a += cross;
        cx += (w[0][0] + w[1][0]) * cross;
        cy += (w[0][1] + w[1][1]) * cross;
    }
    if a.abs() < 1e-12 {
        let n = ring.len().max(1) as f64;
        let sx: f64 = ring.iter().map(|p| p[0]).sum();
        let sy: f64 = ring.iter().map(|p| p[1]).sum();
        return (0.0, [sx / n, sy / n]);
    }
    (a / 2.0, [cx / (3.0 * a), cy / (3.0 * a)])
}

fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    (x * x + y * y).sqrt()
}

fn ring_contains(ring: &[[f64; 2]], p: [f64; 2]) -> bool {
    let mut inside = false;
    let n = ring.len();
    for i in 0..n {
        let (a, b) = (ring[i], ring[(i + n - 1) % n]);
        if (a[1] > p[1]) != (b[1] > p[1])
            && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            inside = !inside;
        }
    }
    inside
}

/// Why map data could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("map data is not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("map data: {0}")]
    Shape(String),
}

/// Parses GeoJSON features with `iso3`, `name`, `member` properties and (Multi)Polygon geometry.
pub fn parse_map(geojson: &str) -> Result<Vec<Country>, MapError> {
    let root: Value = serde_json::from_str(geojson)?;
    let features = root["features"]
        .as_array()
        .ok_or_else(|| MapError::Shape("no features array".into()))?;
    let mut countries = Vec::with_capacity(features.len());
    for (k, f) in features.iter().enumerate() {
        let props = &f["properties"];
        let iso3 = props["iso3"]
            .as_str()
            .ok_or_else(|| MapError::Shape(format!("feature {k} has no iso3")))?;
        let name = props["name"].as_str().unwrap_or(iso3);
        let member = props["member"].as_bool().unwrap_or(false);
        let geometry = &f["geometry"];
        let coords = &geometry["coordinates"];
        let polygons: Vec<&Value> = match geometry["type"].as_str() {
            Some("Polygon") => vec![coords],
            Some("MultiPolygon") => coords
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            other => {
                return Err(MapError::Shape(format!(
                    "{iso3}: geometry {other:?} is not a polygon"
                )));
            }
        };
        let polygons = polygons
            .into_iter()
            .map(|poly| {
                poly.as_array()
                    .map(|rings| {
                        rings
                            .iter()
                            .map(|ring| {
                                ring.as_array()
                                    .map(|pts| {
                                        pts.iter()
                                            .filter_map(|p| {
                                                Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?])
                                            })
                                            .collect()
                                    })
                                    .unwrap_or_default()
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        countries.push(Country {
            iso3: iso3.to_string(),
            name: name.to_string(),
            member,
            polygons,
        });
    }
    Ok(countries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_map_covers_every_member_state_and_triangulates() {
        let countries = match parse_map(MAP_GEOJSON) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        };
        let members: Vec<&str> = countries
            .iter()
            .filter(|c| c.member)
            .map(|c| c.iso3.as_str())
            .collect();
        for code in [
            "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS",
        ] {
            assert!(members.contains(&code), "{code} is missing from the map");
        }
        assert_eq!(members.len(), 11);
        for c in &countries {
            let (v, i) = c.triangulate();
            assert!(
                !v.is_empty() && i.len() % 3 == 0 && !i.is_empty(),
                "{} has no triangles",
                c.iso3
            );
            if c.member {
                assert!(
                    c.contains(c.anchor()),
                    "{} anchor {:?} outside",
                    c.iso3,
                    c.anchor()
                );
            }
        }
        let khm = countries
            .iter()
            .find(|c| c.iso3 == "KHM")
            .map(|c| c.anchor())
            .unwrap_or([0.0, 0.0]);
        assert!(
            (102.0..108.0).contains(&khm[0]) && (10.0..15.0).contains(&khm[1]),
            "{khm:?}"
        );
    }
}
