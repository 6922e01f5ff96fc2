//! Helpers shared by the integration tests: loading MODEL.md conformance cases into scenarios.
#![allow(dead_code)]

pub mod browser;
pub mod case;
pub mod random;
pub mod ui;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `asean-futures` binary, to run as a user would.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_asean-futures"))
}

/// The baseline scenario shipped with the app.
pub fn baseline() -> asean_futures::model::Scenario {
    let path = root().join("saved_scenarios/baseline_2025.ron");
    asean_futures::io::load_scenario(&path).unwrap_or_else(|e| panic!("baseline must load: {e}"))
}

/// Every `*.ron` in a folder, sorted.
pub fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ron"));
    files.sort();
    files
}

/// A long workshop round log: `entries` entries whose change and argument are `text_len`
/// characters each (5,200 × 900 makes a scenario file of about 10 MB).
pub fn long_round_log(entries: usize, text_len: usize) -> Vec<asean_futures::model::LogEntry> {
    let entry = asean_futures::model::LogEntry {
        time: "2026-12-01 09:30:00".into(),
        team: "Washington".into(),
        change: "x".repeat(text_len),
        argument: "y".repeat(text_len),
        edits: Vec::new(),
        undo: Vec::new(),
    };
    vec![entry; entries]
}

/// Text that would tell an official they are reading a program's internals: a field path
/// (`states[1]`, `states.`, snake_case names such as `lever_influence`; a symbol's subscript such as `δ_s` is
/// not one) or float noise (more than four decimals).
pub fn looks_internal(text: &str) -> bool {
    let snake = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| {
            w.split_once('_')
                .is_some_and(|(head, tail)| head.chars().count() >= 3 && tail.chars().count() >= 2)
        });
    let float_noise = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|n| n.split_once('.').is_some_and(|(_, f)| f.len() > 4));
    text.contains('[') || text.contains("states.") || snake || float_noise
}
