//! A member state's profile: every input of MODEL.md for one state, with a basis note per field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::field::{FieldMeta, Range};
use super::sector::SECTOR_COUNT;

/// A profile field of a member state; used as the key of basis notes and by the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateField {
    GdpUsdBn,
    Size,
    Infrastructure,
    Talent,
    Ecosystem,
    Competitiveness,
    Localisation,
    DataProtection,
    Governance,
    Hedging,
    DefaCommitment,
    DefaProgress,
    Alignment,
    Anchor,
    Dependency,
}

impl StateField {
    /// The scalar fields, in the order the editor shows them.
    pub const SCALARS: [StateField; 12] = [
        StateField::GdpUsdBn,
        StateField::Size,
        StateField::Infrastructure,
        StateField::Talent,
        StateField::Ecosystem,
        StateField::Competitiveness,
        StateField::Localisation,
        StateField::DataProtection,
        StateField::Governance,
        StateField::Hedging,
        StateField::DefaCommitment,
        StateField::DefaProgress,
    ];

    /// Label, unit, range and help for this field.
    pub fn meta(self) -> FieldMeta {
        let unit = Range::UNIT;
        let (key, label, u, range, help) = match self {
            StateField::GdpUsdBn => (
                "gdp_usd_bn",
                "GDP",
                "US$ bn",
                Range {
                    min: 0.0,
                    max: 1.0e6,
                    min_exclusive: true,
                },
                "Gross domestic product; sets the state's weight in the bloc indices when bloc weights are GDP shares.",
            ),
            StateField::Size => (
                "size",
                "Economic size",
                "",
                unit,
                "Log-scaled GDP rank (0 smallest, 1 largest); larger states weigh more in every peer's average.",
            ),
            StateField::Infrastructure => (
                "infrastructure",
                "Infrastructure",
                "",
                unit,
                "Digital infrastructure I (ICT Development Index rescaled); grows toward 1, faster with infrastructure finance, and raises DEFA readiness.",
            ),
            StateField::Talent => (
                "talent",
                "Digital talent",
                "",
                unit,
                "Digital skills H; grows with capacity building, speeds the replacement of foreign technology and raises DEFA readiness.",
            ),
            StateField::Ecosystem => (
                "ecosystem",
                "Digital ecosystem",
                "",
                unit,
                "Depth of the local digital economy; a deeper ecosystem lowers vulnerability to foreign technology inflows.",
            ),
            StateField::Competitiveness => (
                "competitiveness",
                "Telecom competitiveness",
                "",
                unit,
                "How competitive the telecom market is; competition lowers vulnerability to one supplier's pull.",
            ),
            StateField::Localisation => (
                "localisation",
                "Data localisation",
                "",
                unit,
                "0 free data flows … 1 broad onshore mandate; shields the cloud sector from foreign inflow but slows DEFA when rules are harmonised.",
            ),
            StateField::DataProtection => (
                "data_protection",
                "Data-protection law",
                "",
                unit,
                "1 comprehensive law in force, 0 none; raises DEFA readiness.",
            ),
            StateField::Governance => (
                "governance",
                "Governance",
                "",
                unit,
                "Quality of governance γ; conditional powers (US, EU) lose reach where it erodes.",
            ),
            StateField::Hedging => (
                "hedging",
                "Hedging capacity",
                "",
                unit,
                "Capacity to balance the powers η; makes the state more attached to its own anchor position.",
            ),
            StateField::DefaCommitment => (
                "defa_commitment",
                "DEFA commitment",
                "",
                unit,
                "Political commitment κ to DEFA; scales how fast the state implements it.",
            ),
            StateField::DefaProgress => (
                "defa_progress",
                "DEFA progress (start)",
                "",
                unit,
                "DEFA implementation g at the start year (usually 0).",
            ),
            StateField::Alignment => (
                "alignment",
                "Alignment",
                "shares",
                unit,
                "Starting shares of alignment with each power and the autonomy pole; they sum to 1.",
            ),
            StateField::Anchor => (
                "anchor",
                "Anchor",
                "shares",
                unit,
                "The position the state stays attached to (its prejudice); defaults to the starting alignment.",
            ),
            StateField::Dependency => (
                "dependency",
                "Technology dependency",
                "shares",
                unit,
                "Share of each sector supplied by each power; the rest is domestic or regional.",
            ),
        };
        FieldMeta {
            key,
            label,
            unit: u,
            range,
            help,
        }
    }

    /// The field's name in files and MODEL.md.
    pub fn key(self) -> &'static str {
        self.meta().key
    }
}

/// One member state's inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberState {
    pub code: String,
    pub name: String,
    pub gdp_usd_bn: f64,
    pub size: f64,
    pub infrastructure: f64,
    pub talent: f64,
    pub ecosystem: f64,
    pub competitiveness: f64,
    pub localisation: f64,
    pub data_protection: f64,
    pub governance: f64,
    pub hedging: f64,
    pub defa_commitment: f64,
    #[serde(default)]
    pub defa_progress: f64,
    /// Shares over the poles (powers in order, then autonomy); sums to 1.
    pub alignment: Vec<f64>,
    /// Friedkin–Johnsen anchor; `None` means "the starting alignment".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Vec<f64>>,
    /// One row per power, five sector shares each; column sums at most 1.
    pub dependency: Vec<[f64; SECTOR_COUNT]>,
    /// Where each value comes from: a source line, or "assumption".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub basis: BTreeMap<StateField, String>,
}

impl MemberState {
    /// The value of a scalar field (`None` for the vector fields).
    pub fn scalar(&self, field: StateField) -> Option<f64> {
        Some(match field {
            StateField::GdpUsdBn => self.gdp_usd_bn,
            StateField::Size => self.size,
            StateField::Infrastructure => self.infrastructure,
            StateField::Talent => self.talent,
            StateField::Ecosystem => self.ecosystem,
            StateField::Competitiveness => self.competitiveness,
            StateField::Localisation => self.localisation,
            StateField::DataProtection => self.data_protection,
            StateField::Governance => self.governance,
            StateField::Hedging => self.hedging,
            StateField::DefaCommitment => self.defa_commitment,
            StateField::DefaProgress => self.defa_progress,
            StateField::Alignment | StateField::Anchor | StateField::Dependency => return None,
        })
    }

    /// Mutable access to a scalar field (`None` for the vector fields).
    pub fn scalar_mut(&mut self, field: StateField) -> Option<&mut f64> {
        Some(match field {
            StateField::GdpUsdBn => &mut self.gdp_usd_bn,
            StateField::Size => &mut self.size,
            StateField::Infrastructure => &mut self.infrastructure,
            StateField::Talent => &mut self.talent,
            StateField::Ecosystem => &mut self.ecosystem,
            StateField::Competitiveness => &mut self.competitiveness,
            StateField::Localisation => &mut self.localisation,
            StateField::DataProtection => &mut self.data_protection,
            StateField::Governance => &mut self.governance,
            StateField::Hedging => &mut self.hedging,
            StateField::DefaCommitment => &mut self.defa_commitment,
            StateField::DefaProgress => &mut self.defa_progress,
            StateField::Alignment | StateField::Anchor | StateField::Dependency => return None,
        })
    }

    /// The anchor the model uses: the explicit one, or the starting alignment.
    pub fn effective_anchor(&self) -> &[f64] {
        self.anchor.as_deref().unwrap_or(&self.alignment)
    }

    /// The basis note of a field, or "" when none is recorded.
    pub fn basis_of(&self, field: StateField) -> &str {
        self.basis.get(&field).map(String::as_str).unwrap_or("")
    }
}
