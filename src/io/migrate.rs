//! Schema migrations: every file this app ever wrote still opens. Each step upgrades one version; the
//! loader reads the version first, then parses with the matching type and walks the steps up to
//! [`SCHEMA_VERSION`]. Version 1 is the first, so there are no steps yet; version 2 adds its function
//! here (`v1_to_v2`) and a stored version-1 file to the tests.

use crate::model::{SCHEMA_VERSION, Scenario};

use super::error::LoadError;
use super::scenario_file::parse_current;

/// Parses a file of schema `version` and upgrades it to the current schema.
pub fn migrate_to_current(version: u32, text: &str) -> Result<Scenario, LoadError> {
    match version {
        0 => Err(LoadError::BadVersion { found: 0 }),
        SCHEMA_VERSION => parse_current(text),
        v if v > SCHEMA_VERSION => Err(LoadError::FutureVersion {
            found: v,
            supported: SCHEMA_VERSION,
        }),
        v => Err(LoadError::BadVersion { found: v }),
    }
}
