//! Helpers shared by the integration tests: loading MODEL.md conformance cases into scenarios.
#![allow(dead_code)]

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
