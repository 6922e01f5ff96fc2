//! The five technology sectors of MODEL.md, in their fixed order.

use serde::{Deserialize, Serialize};

/// Number of sectors; dependency and sector-pull arrays have this length.
pub const SECTOR_COUNT: usize = 5;

/// A technology sector. The order is part of the file format and of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Hardware,
    Cloud,
    Software,
    Payments,
    Standards,
}

impl Sector {
    /// All sectors in model order.
    pub const ALL: [Sector; SECTOR_COUNT] = [
        Sector::Hardware,
        Sector::Cloud,
        Sector::Software,
        Sector::Payments,
        Sector::Standards,
    ];

    /// The name used in files and CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Sector::Hardware => "hardware",
            Sector::Cloud => "cloud",
            Sector::Software => "software",
            Sector::Payments => "payments",
            Sector::Standards => "standards",
        }
    }

    /// A short label for tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            Sector::Hardware => "Hardware & networks",
            Sector::Cloud => "Cloud & data centres",
            Sector::Software => "Software & platforms",
            Sector::Payments => "Payments & finance",
            Sector::Standards => "Standards & regulation",
        }
    }

    /// Position in model order.
    pub fn index(self) -> usize {
        self as usize
    }
}
