//! ASEAN-level policy: when DEFA enters into force and how binding and monitored it is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::field::{FieldMeta, Range};

/// ASEAN policy inputs of MODEL.md.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AseanPolicy {
    /// Year DEFA enters into force (T_eif).
    pub defa_in_force_year: f64,
    /// Binding obligations and dispute settlement (Hl).
    pub hard_law: f64,
    /// Monitoring and oversight (M).
    pub monitoring: f64,
    /// Harmonisation of data-flow rules (F).
    pub harmonisation: f64,
    /// Where each setting comes from (its grade first, as for a state's fields).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub basis: BTreeMap<AseanField, String>,
}

impl Default for AseanPolicy {
    fn default() -> Self {
        Self {
            defa_in_force_year: 2027.0,
            hard_law: 0.5,
            monitoring: 0.5,
            harmonisation: 0.5,
            basis: BTreeMap::new(),
        }
    }
}

/// The ASEAN policy fields, for the editor and validator, and the keys of their basis notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AseanField {
    DefaInForceYear,
    HardLaw,
    Monitoring,
    Harmonisation,
}

impl AseanField {
    /// All fields in editor order.
    pub const ALL: [AseanField; 4] = [
        AseanField::DefaInForceYear,
        AseanField::HardLaw,
        AseanField::Monitoring,
        AseanField::Harmonisation,
    ];

    /// Label, unit, range and help.
    pub fn meta(self) -> FieldMeta {
        match self {
            AseanField::DefaInForceYear => FieldMeta {
                key: "defa_in_force_year",
                label: "DEFA in force from",
                unit: "year",
                range: Range::closed(1900.0, 2200.0),
                help: "Year DEFA enters into force; before it only a weak pre-agreement push drives implementation.",
            },
            AseanField::HardLaw => FieldMeta {
                key: "hard_law",
                label: "Hard law",
                unit: "",
                range: Range::UNIT,
                help: "Binding obligations and dispute settlement: push implementation, resist erosion and strengthen the autonomy pole once in force.",
            },
            AseanField::Monitoring => FieldMeta {
                key: "monitoring",
                label: "Monitoring",
                unit: "",
                range: Range::UNIT,
                help: "Oversight by economic ministers and senior officials: pushes implementation and resists unilateral drift.",
            },
            AseanField::Harmonisation => FieldMeta {
                key: "harmonisation",
                label: "Harmonisation",
                unit: "",
                range: Range::UNIT,
                help: "Harmonisation of data-flow rules: the more harmonised, the more data localisation slows a state's DEFA implementation.",
            },
        }
    }

    /// Current value in a policy.
    pub fn get(self, policy: &AseanPolicy) -> f64 {
        match self {
            AseanField::DefaInForceYear => policy.defa_in_force_year,
            AseanField::HardLaw => policy.hard_law,
            AseanField::Monitoring => policy.monitoring,
            AseanField::Harmonisation => policy.harmonisation,
        }
    }

    /// The basis note of a setting, or "" when none is recorded.
    pub fn basis_in(self, policy: &AseanPolicy) -> &str {
        policy.basis.get(&self).map(String::as_str).unwrap_or("")
    }

    /// Mutable access in a policy.
    pub fn get_mut(self, policy: &mut AseanPolicy) -> &mut f64 {
        match self {
            AseanField::DefaInForceYear => &mut policy.defa_in_force_year,
            AseanField::HardLaw => &mut policy.hard_law,
            AseanField::Monitoring => &mut policy.monitoring,
            AseanField::Harmonisation => &mut policy.harmonisation,
        }
    }
}
