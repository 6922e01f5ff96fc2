//! Typed errors of file loading and saving; each names the file, the line and the field where known.

use std::path::PathBuf;

use crate::model::Problem;

/// Why a scenario could not be loaded. The open scenario and the file on disk are never touched.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the file is {size} bytes: scenario files may be at most {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
    /// A folder, a device or a pipe: reading one could hang the window or fill memory.
    #[error(
        "{path} is not a regular file (a folder, device or pipe): only scenario files can be opened"
    )]
    NotAFile { path: PathBuf },
    #[error("the file is empty: a scenario starts with `(version: 3, …`")]
    Empty,
    #[error("line {line}, column {column}: the file is not UTF-8 text")]
    NotUtf8 { line: usize, column: usize },
    /// A control character (a NUL byte, say) where a text file has none: a corrupted file.
    #[error(
        "line {line}, column {column}: a control character (U+{code:04X}) that a scenario file never holds: the file is corrupted or not a scenario"
    )]
    ControlCharacter {
        line: usize,
        column: usize,
        code: u32,
    },
    /// Brackets nested deeper than any scenario needs.
    #[error(
        "line {line}, column {column}: brackets nested deeper than {limit} levels; a scenario needs at most 5 (the file is corrupted or not a scenario)"
    )]
    TooDeep {
        line: usize,
        column: usize,
        limit: usize,
    },
    #[error("line {line}, column {column}{}: {message}", field_suffix(path))]
    Syntax {
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
    #[error(
        "the file is version {found}, but this app reads versions 1 to {supported}: it was written by a newer ASEAN Digital Futures"
    )]
    FutureVersion { found: u32, supported: u32 },
    #[error("the file says version {found}: versions start at 1")]
    BadVersion { found: u32 },
    #[error("{} problem(s):\n{}", problems.len(), list(problems))]
    Invalid { problems: Vec<Problem> },
    /// The read was stopped by the person before the end.
    #[error("stopped before the whole file was read")]
    Cancelled,
}

fn field_suffix(path: &str) -> String {
    // The parser names no field before the first one is read.
    if path.is_empty() || path == "?" {
        String::new()
    } else {
        format!(", field {path}")
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl LoadError {
    /// Every problem as one line each (for dialogs and the command line).
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Invalid { problems } => problems.iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }
}

/// Why a save failed. The existing file is left byte-identical.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write the scenario as RON: {0}")]
    Serialize(String),
    #[error("cannot write CSV: {0}")]
    Csv(String),
    #[error("cannot write PNG: {0}")]
    Png(String),
    /// The scenario has errors, so the file could not be opened again.
    #[error("{}", describe_unsaveable(.problems))]
    Invalid { problems: Vec<Problem> },
    /// The file would be larger than the app opens.
    #[error(
        "the file would be {} MB, above the {} MB a scenario file may have, so it could not be opened again: export the round log and start a new one, or remove story steps",
        mb(*.size),
        mb(*.limit)
    )]
    TooLarge { size: u64, limit: u64 },
}

fn describe_unsaveable(problems: &[Problem]) -> String {
    let first = problems
        .first()
        .map_or_else(String::new, ToString::to_string);
    format!(
        "the scenario has {} problem(s) that would stop the file opening again (first: {first}); fix them first — the status bar lists them",
        problems.len()
    )
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}
