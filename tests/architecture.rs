//! The import rules of ARCHITECTURE.md, enforced: each top-level module of `src/` imports only the
//! modules its row of the table allows (test code inside a file is not counted), and only `ui`,
//! `app` and `main.rs` touch egui, eframe or rfd.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Module → the modules it may import (ARCHITECTURE.md, "Who may import whom").
const RULES: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("engine", &["model"]),
    ("analysis", &["model", "engine"]),
    ("calibration", &["model", "engine", "analysis"]),
    ("io", &["model", "engine", "analysis"]),
    ("figure", &["model", "engine", "io"]),
    ("document", &["model"]),
    ("room", &["model", "engine", "analysis"]),
    (
        "cli",
        &[
            "model",
            "engine",
            "analysis",
            "calibration",
            "io",
            "figure",
            "room",
        ],
    ),
    (
        "ui",
        &["model", "engine", "analysis", "io", "figure", "document"],
    ),
    (
        "app",
        &[
            "model",
            "engine",
            "analysis",
            "calibration",
            "io",
            "figure",
            "document",
            "ui",
        ],
    ),
    ("main", &["app", "cli"]),
];

const UI_CRATES: [&str; 3] = ["egui", "eframe", "rfd"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/cli.rs` and `src/cli/…` are `cli`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without comments and without its `#[cfg(test)]` part.
fn production_code(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate's top-level modules a line names: `crate::x::…`, `crate::x;` and each of
/// `crate::{x, y::…}`.
fn crate_modules(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in line.match_indices("crate::") {
        let rest = &line[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            out.push(
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            );
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

#[test]
fn every_module_imports_only_what_architecture_md_allows() {
    let src = common::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let known: BTreeSet<&str> = RULES.iter().map(|(m, _)| *m).collect();
    let mut broken = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" {
            continue;
        }
        assert!(
            known.contains(module.as_str()),
            "{module} (from {}) is not in ARCHITECTURE.md's table",
            file.display()
        );
        let allowed = RULES.iter().find(|(m, _)| *m == module).unwrap().1;
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        for (n, line) in code.lines().enumerate() {
            for other in crate_modules(line) {
                if other != module && !allowed.contains(&other.as_str()) {
                    broken.push(format!(
                        "{}:{}: {module} imports {other}: {line}",
                        file.display(),
                        n + 1
                    ));
                }
            }
            let ui_allowed = matches!(module.as_str(), "ui" | "app" | "main");
            for ui_crate in UI_CRATES {
                let used = line.contains(&format!("{ui_crate}::"))
                    || line.contains(&format!("use {ui_crate}"));
                if used && !ui_allowed {
                    broken.push(format!(
                        "{}:{}: {module} uses {ui_crate}: {line}",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "import rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_rules_are_the_ones_architecture_md_states() {
    let doc = std::fs::read_to_string(common::root().join("ARCHITECTURE.md")).unwrap();
    for (module, allowed) in RULES {
        let row = doc
            .lines()
            .find(|l| l.starts_with(&format!("| `{module}`")))
            .unwrap_or_else(|| panic!("ARCHITECTURE.md has no row for `{module}`"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let listed: BTreeSet<String> = cells
            .get(2)
            .unwrap_or(&"")
            .split(',')
            .map(|c| c.trim().trim_matches('`').to_string())
            .filter(|c| !c.is_empty() && c != "nothing")
            .collect();
        let want: BTreeSet<String> = allowed.iter().map(|s| s.to_string()).collect();
        assert_eq!(listed, want, "row of `{module}` in ARCHITECTURE.md");
    }
}
