//! Scheduled profile changes ("events"): a field of one state takes a new value from a given year.

use serde::{Deserialize, Serialize};

use super::state::StateField;

/// The profile fields an event may change (MODEL.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventField {
    Size,
    Ecosystem,
    Competitiveness,
    Localisation,
    DataProtection,
    Governance,
    Hedging,
    DefaCommitment,
}

impl EventField {
    /// All fields in editor order.
    pub const ALL: [EventField; 8] = [
        EventField::Size,
        EventField::Ecosystem,
        EventField::Competitiveness,
        EventField::Localisation,
        EventField::DataProtection,
        EventField::Governance,
        EventField::Hedging,
        EventField::DefaCommitment,
    ];

    /// The state profile field this event changes.
    pub fn state_field(self) -> StateField {
        match self {
            EventField::Size => StateField::Size,
            EventField::Ecosystem => StateField::Ecosystem,
            EventField::Competitiveness => StateField::Competitiveness,
            EventField::Localisation => StateField::Localisation,
            EventField::DataProtection => StateField::DataProtection,
            EventField::Governance => StateField::Governance,
            EventField::Hedging => StateField::Hedging,
            EventField::DefaCommitment => StateField::DefaCommitment,
        }
    }
}

/// A scheduled change of one state's profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileEvent {
    pub year: f64,
    /// Code of the state.
    pub state: String,
    pub field: EventField,
    pub value: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
