//! `--set KNOB=VALUE`: overrides applied onto a loaded scenario before a command runs (as PySD's
//! `run(params=…)` is used), in the knob syntax of `sweep`, then checked by the same validation as a
//! file, so a scripted what-if can never run a scenario the app would refuse to open.

use crate::model::Knob;
use crate::model::{Scenario, Severity};

use std::path::Path;

use super::{CliError, load};

/// Loads a scenario file and applies `sets` onto it.
pub(crate) fn load_with_overrides(path: &Path, sets: &[String]) -> Result<Scenario, CliError> {
    let mut scenario = load(path)?;
    apply_overrides(&mut scenario, sets)?;
    Ok(scenario)
}

/// Applies every `KNOB=VALUE` in order (a later one wins) and validates the result.
pub fn apply_overrides(scenario: &mut Scenario, sets: &[String]) -> Result<(), CliError> {
    for text in sets {
        let Some((knob_text, value_text)) = text.rsplit_once('=') else {
            return Err(CliError::Usage(format!(
                "--set {text}: expected KNOB=VALUE, e.g. --set KHM.governance=0.5"
            )));
        };
        let knob = Knob::parse(scenario, knob_text.trim())
            .map_err(|e| CliError::Usage(format!("--set {text}: {e}")))?;
        let value: f64 = value_text.trim().parse().map_err(|_| {
            CliError::Usage(format!(
                "--set {text}: {:?} is not a number (allowed: {})",
                value_text.trim(),
                knob.range(scenario).describe()
            ))
        })?;
        knob.set(scenario, value)
            .map_err(|e| CliError::Usage(format!("--set {text}: {e}")))?;
    }
    let errors: Vec<String> = scenario
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    if !errors.is_empty() {
        return Err(CliError::Usage(format!(
            "after --set the scenario is invalid: {}",
            errors.join("; ")
        )));
    }
    Ok(())
}
