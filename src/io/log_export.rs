//! The round log of a workshop as Markdown: a heading with the scenario, then one row per change.

use std::path::Path;

use crate::model::{LogEntry, Scenario};

use super::error::SaveError;
use super::scenario_file::write_atomically;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The log as a Markdown document.
pub fn round_log_markdown(scenario: &Scenario, log: &[LogEntry]) -> String {
    let mut out = format!("# Round log: {}\n\n", cell(&scenario.name));
    if !scenario.description.is_empty() {
        out.push_str(&format!(
            "{}\n\n",
            scenario.description.lines().next().unwrap_or("")
        ));
    }
    if log.is_empty() {
        out.push_str("No changes were logged.\n");
        return out;
    }
    out.push_str("| time | team | change | argument |\n|---|---|---|---|\n");
    for e in log {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(&e.time),
            cell(&e.team),
            cell(&e.change),
            cell(&e.argument)
        ));
    }
    out
}

/// Writes [`round_log_markdown`] atomically to `path`.
pub fn write_round_log(
    path: &Path,
    scenario: &Scenario,
    log: &[LogEntry],
) -> Result<(), SaveError> {
    write_atomically(path, round_log_markdown(scenario, log).as_bytes(), false)
}
