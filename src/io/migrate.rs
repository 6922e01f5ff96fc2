//! Schema migrations: every file this app ever wrote still opens. Each step upgrades one version; the
//! loader reads the version first, then parses with the matching type and walks the steps up to
//! [`SCHEMA_VERSION`]. Version 2 added story steps, live levers and the round log; a stored
//! version-1 file in `tests/data/` checks the step.

use crate::model::{SCHEMA_VERSION, Scenario};

use super::error::LoadError;
use super::scenario_file::parse_current;

/// Parses a file of schema `version` and upgrades it to the current schema.
pub fn migrate_to_current(version: u32, text: &str) -> Result<Scenario, LoadError> {
    match version {
        0 => Err(LoadError::BadVersion { found: 0 }),
        1 => v1_to_v2(text),
        SCHEMA_VERSION => parse_current(text),
        v if v > SCHEMA_VERSION => Err(LoadError::FutureVersion {
            found: v,
            supported: SCHEMA_VERSION,
        }),
        v => Err(LoadError::BadVersion { found: v }),
    }
}

/// Version 1 → 2: version 2 only added optional fields (story, live levers, round log), so a
/// version-1 file parses as version 2 with those empty; a version-1 file must not use them.
fn v1_to_v2(text: &str) -> Result<Scenario, LoadError> {
    let mut scenario = parse_current(text)?;
    if !scenario.story.is_empty()
        || !scenario.live_levers.is_empty()
        || !scenario.round_log.is_empty()
    {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            path: "version".into(),
            message: "= 1, but the file uses story, live_levers or round_log, which need version 2"
                .into(),
        });
    }
    scenario.version = 2;
    Ok(scenario)
}
