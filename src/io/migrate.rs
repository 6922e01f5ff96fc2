//! Schema migrations: every file this app ever wrote still opens. Each step upgrades one version; the
//! loader reads the version first, then parses with the matching type and walks the steps up to
//! [`SCHEMA_VERSION`]. Version 2 added story steps, live levers and the round log; version 3 marks
//! files written for MODEL.md v1.1 (camp binding); version 4 made every change an `Edit` (a story
//! step may hold any edit, a round-log entry holds its edits and their inverses); version 5 added
//! claims, the sentences about results that check themselves; version 6 states every basis note's
//! confidence grade as its first word and gave ASEAN settings basis notes; version 7 added the
//! teams and rounds of a workshop game. Stored files of versions 1 to 5 in
//! `tests/data/` check the steps.

use crate::model::{SCHEMA_VERSION, Scenario};

use super::error::LoadError;
use super::scenario_file::parse_current;

/// Something a person should be told once about a file that opened: it opened, but it may not give
/// the results its author saw.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LoadNotice {
    /// Written before MODEL.md v1.1, which added camp binding ν. A file that does not set
    /// `camp_binding` takes the default, so its results differ from those of the app that wrote it.
    #[error(
        "This file was written for model v1 (schema version {version}). It now runs with model v1.1, \
         camp binding ν = {camp_binding}, so its results differ from those it was written with; set \
         constants.camp_binding to 0 for v1 results."
    )]
    WrittenForModelV1 { version: u32, camp_binding: f64 },
}

/// The first schema version written for MODEL.md v1.1; older files were written for model v1.
const FIRST_MODEL_V1_1_VERSION: u32 = 3;

/// Parses a file of schema `version` and upgrades it to the current schema, with what a reader
/// should be told about the upgrade.
pub fn migrate_to_current(
    version: u32,
    text: &str,
) -> Result<(Scenario, Vec<LoadNotice>), LoadError> {
    let scenario = match version {
        0 => return Err(LoadError::BadVersion { found: 0 }),
        1 => v6_to_v7(v5_to_v6(v4_to_v5(v3_to_v4(v2_to_v3(v1_to_v2(text)?))?)?)?)?,
        2 => v6_to_v7(v5_to_v6(v4_to_v5(v3_to_v4(v2_to_v3(parse_current(
            text,
        )?))?)?)?)?,
        3 => v6_to_v7(v5_to_v6(v4_to_v5(v3_to_v4(parse_current(text)?)?)?)?)?,
        4 => v6_to_v7(v5_to_v6(v4_to_v5(parse_current(text)?)?)?)?,
        5 => v6_to_v7(v5_to_v6(parse_current(text)?)?)?,
        6 => v6_to_v7(parse_current(text)?)?,
        SCHEMA_VERSION => parse_current(text)?,
        v if v > SCHEMA_VERSION => {
            return Err(LoadError::FutureVersion {
                found: v,
                supported: SCHEMA_VERSION,
            });
        }
        v => return Err(LoadError::BadVersion { found: v }),
    };
    let notices = if version < FIRST_MODEL_V1_1_VERSION {
        vec![LoadNotice::WrittenForModelV1 {
            version,
            camp_binding: scenario.constants.camp_binding,
        }]
    } else {
        Vec::new()
    };
    Ok((scenario, notices))
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

/// Version 2 → 3: the layout is unchanged; version 3 only says the file was written for MODEL.md
/// v1.1. A version-2 file without `camp_binding` takes the default, which the notice says.
fn v2_to_v3(mut scenario: Scenario) -> Scenario {
    scenario.version = FIRST_MODEL_V1_1_VERSION;
    scenario
}

/// Version 3 → 4: a version-3 story step holds only `Set` and `AddLever` changes, which are the
/// `Edit`s of the same name, and a round-log entry has no edits; so a version-3 file parses as
/// version 4 unchanged, and must not use what only version 4 can say.
fn v3_to_v4(mut scenario: Scenario) -> Result<Scenario, LoadError> {
    use crate::model::Edit;
    let story_uses_v4 = scenario.story.iter().any(|step| {
        step.changes
            .iter()
            .any(|c| !matches!(c, Edit::Set { .. } | Edit::AddLever(_)))
    });
    let log_uses_v4 = scenario
        .round_log
        .iter()
        .any(|e| !e.edits.is_empty() || !e.undo.is_empty());
    if story_uses_v4 || log_uses_v4 {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            path: "version".into(),
            message: format!(
                "= {}, but the file uses {}, which need version 4",
                scenario.version,
                if story_uses_v4 {
                    "story changes other than Set and AddLever"
                } else {
                    "round-log edits"
                }
            ),
        });
    }
    scenario.version = 4;
    Ok(scenario)
}

/// Version 4 → 5: version 5 only added claims, so a version-4 file parses as version 5 with none;
/// a version-4 file must not have them.
fn v4_to_v5(mut scenario: Scenario) -> Result<Scenario, LoadError> {
    if !scenario.claims.is_empty() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            path: "version".into(),
            message: format!(
                "= {}, but the file has claims, which need version 5",
                scenario.version
            ),
        });
    }
    scenario.version = 5;
    Ok(scenario)
}

/// Version 5 → 6: every basis note (of states, powers, constants, lever entries and events) gets
/// its confidence grade written in front by the rule of [`crate::model::Grade::of_note`], so the
/// file says what each note was read as and a person can correct it; a version-5 file must not
/// have ASEAN basis notes, which version 6 added.
fn v5_to_v6(mut scenario: Scenario) -> Result<Scenario, LoadError> {
    use crate::model::graded_note;
    if !scenario.asean.basis.is_empty() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            path: "version".into(),
            message: format!(
                "= {}, but the file has ASEAN basis notes, which need version 6",
                scenario.version
            ),
        });
    }
    let grade_all = |notes: &mut dyn Iterator<Item = &mut String>| {
        for note in notes {
            *note = graded_note(note);
        }
    };
    for state in &mut scenario.states {
        grade_all(&mut state.basis.values_mut());
    }
    for power in &mut scenario.powers {
        grade_all(&mut power.basis.values_mut());
    }
    grade_all(&mut scenario.constants_basis.values_mut());
    grade_all(&mut scenario.levers.iter_mut().map(|l| &mut l.note));
    grade_all(&mut scenario.events.iter_mut().map(|e| &mut e.note));
    for step in &mut scenario.story {
        for edit in &mut step.changes {
            if let crate::model::Edit::AddLever(entry) = edit {
                entry.note = graded_note(&entry.note);
            }
        }
    }
    scenario.version = 6;
    Ok(scenario)
}

/// Version 6 → 7: version 7 only added teams and rounds, so a version-6 file parses as version 7
/// with none; a version-6 file must not have them.
fn v6_to_v7(mut scenario: Scenario) -> Result<Scenario, LoadError> {
    if !scenario.teams.is_empty() || !scenario.rounds.is_empty() || !scenario.played.is_empty() {
        return Err(LoadError::Syntax {
            line: 1,
            column: 1,
            path: "version".into(),
            message: format!(
                "= {}, but the file has teams or rounds, which need version 7",
                scenario.version
            ),
        });
    }
    scenario.version = 7;
    Ok(scenario)
}
