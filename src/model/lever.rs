//! Lever entries: a power applying one kind of lever, at some intensity, to some states, over a window.

use serde::{Deserialize, Serialize};

/// The seven lever kinds of MODEL.md, in model order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeverKind {
    InfrastructureFinance,
    TradePressure,
    ExportControls,
    RegulatoryExport,
    CloudInvestment,
    CapacityBuilding,
    StandardsSetting,
}

/// Number of lever kinds.
pub const LEVER_KIND_COUNT: usize = 7;

impl LeverKind {
    /// All kinds in model order.
    pub const ALL: [LeverKind; LEVER_KIND_COUNT] = [
        LeverKind::InfrastructureFinance,
        LeverKind::TradePressure,
        LeverKind::ExportControls,
        LeverKind::RegulatoryExport,
        LeverKind::CloudInvestment,
        LeverKind::CapacityBuilding,
        LeverKind::StandardsSetting,
    ];

    /// Position in model order.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name in files.
    pub fn key(self) -> &'static str {
        match self {
            LeverKind::InfrastructureFinance => "infrastructure_finance",
            LeverKind::TradePressure => "trade_pressure",
            LeverKind::ExportControls => "export_controls",
            LeverKind::RegulatoryExport => "regulatory_export",
            LeverKind::CloudInvestment => "cloud_investment",
            LeverKind::CapacityBuilding => "capacity_building",
            LeverKind::StandardsSetting => "standards_setting",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            LeverKind::InfrastructureFinance => "Infrastructure finance",
            LeverKind::TradePressure => "Trade pressure",
            LeverKind::ExportControls => "Export controls",
            LeverKind::RegulatoryExport => "Regulatory export",
            LeverKind::CloudInvestment => "Cloud investment",
            LeverKind::CapacityBuilding => "Capacity building",
            LeverKind::StandardsSetting => "Standards setting",
        }
    }

    /// Two-letter abbreviation of MODEL.md (IF, TP, …) for grids.
    pub fn abbreviation(self) -> &'static str {
        match self {
            LeverKind::InfrastructureFinance => "IF",
            LeverKind::TradePressure => "TP",
            LeverKind::ExportControls => "EC",
            LeverKind::RegulatoryExport => "RX",
            LeverKind::CloudInvestment => "DC",
            LeverKind::CapacityBuilding => "CB",
            LeverKind::StandardsSetting => "SS",
        }
    }

    /// What the lever does in the model, in one line.
    pub fn help(self) -> &'static str {
        match self {
            LeverKind::InfrastructureFinance => {
                "Digital Silk Road-style finance: speeds infrastructure growth and pulls hardware dependency and alignment."
            }
            LeverKind::TradePressure => {
                "Tariff deals with digital conditions: pulls alignment and cloud and standards dependency."
            }
            LeverKind::ExportControls => {
                "Cuts the hardware and cloud inflow of every other power into the target."
            }
            LeverKind::RegulatoryExport => {
                "Exporting a regulatory model: pulls standards dependency and alignment."
            }
            LeverKind::CloudInvestment => {
                "Cloud regions and data centres: pulls cloud dependency and alignment."
            }
            LeverKind::CapacityBuilding => {
                "Skills programmes: speeds talent growth (which erodes dependency) and pulls software ties."
            }
            LeverKind::StandardsSetting => {
                "Standards diplomacy: pulls hardware and standards dependency."
            }
        }
    }
}

/// Which states a lever entry targets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Targets {
    /// Every member state.
    All,
    /// These state codes (a code listed twice counts once).
    States(Vec<String>),
}

impl Targets {
    /// Whether the state with this code is targeted.
    pub fn includes(&self, code: &str) -> bool {
        match self {
            Targets::All => true,
            Targets::States(codes) => codes.iter().any(|c| c == code),
        }
    }
}

/// One lever entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverEntry {
    /// Code of the power applying the lever.
    pub power: String,
    pub kind: LeverKind,
    /// In [0, 1]; entries of the same power and kind add up, clamped at 1.
    pub intensity: f64,
    pub targets: Targets,
    /// Active while `start_year ≤ t < end_year`.
    pub start_year: f64,
    pub end_year: f64,
    /// Why this entry is here (source or assumption).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl LeverEntry {
    /// Whether the entry acts at time `t` (MODEL.md's window rule with its tolerance).
    pub fn active_at(&self, t: f64) -> bool {
        self.start_year - super::TIME_TOL <= t && t < self.end_year - super::TIME_TOL
    }
}
