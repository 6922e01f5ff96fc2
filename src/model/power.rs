//! A great power (an anchor actor of the model) and its inputs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::field::{FieldMeta, Range};
use super::sector::SECTOR_COUNT;

/// A power's fields, used as basis-note keys and by the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerField {
    Capability,
    Conditionality,
    SectorPull,
}

impl PowerField {
    /// Label, unit, range and help for this field.
    pub fn meta(self) -> FieldMeta {
        match self {
            PowerField::Capability => FieldMeta {
                key: "capability",
                label: "Capability",
                unit: "",
                range: Range::UNIT,
                help: "How much weight the power's levers carry: effective intensity = capability × lever intensity.",
            },
            PowerField::Conditionality => FieldMeta {
                key: "conditionality",
                label: "Conditionality",
                unit: "",
                range: Range::UNIT,
                help: "How far the power's reach depends on the target's governance (0: none, as for China's Digital Silk Road).",
            },
            PowerField::SectorPull => FieldMeta {
                key: "sector_pull",
                label: "Market pull",
                unit: "per year",
                range: Range::UNIT,
                help: "Baseline market pull of the power's technology in each sector, before any lever.",
            },
        }
    }
}

/// A great power.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Power {
    pub code: String,
    pub name: String,
    /// `#RRGGBB`; one colour per power everywhere in the app.
    pub colour: String,
    pub capability: f64,
    pub conditionality: f64,
    pub sector_pull: [f64; SECTOR_COUNT],
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub basis: BTreeMap<PowerField, String>,
}

/// Parses `#RRGGBB` into its three channels.
pub fn parse_hex_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}
