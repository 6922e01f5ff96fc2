//! Reading and writing scenario files: size limit, UTF-8 check, version probe, path-aware parse errors,
//! full validation with line numbers, and atomic saves that keep the previous file as `NAME.ron.bak`.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::model::{Problem, Scenario};

use super::error::{LoadError, SaveError};
use super::lines::LineIndex;
use super::migrate::{LoadNotice, migrate_to_current};

/// Largest scenario file accepted (64 MiB): four times the largest workshop file seen (a 15 MB
/// round log), so a file the app opened still saves and opens again after its log has grown.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest bracket nesting accepted; real scenarios need about 6.
pub const MAX_NESTING: usize = 32;

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// A scenario that opened, with what its reader should be told once (e.g. that it was written for an
/// older model).
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub notices: Vec<LoadNotice>,
}

/// Reads, migrates and validates a scenario file. Warnings are allowed; any error refuses the file.
pub fn load_scenario(path: &Path) -> Result<Scenario, LoadError> {
    load_scenario_noted(path).map(|loaded| loaded.scenario)
}

/// [`load_scenario`], with the notices of its migration.
pub fn load_scenario_noted(path: &Path) -> Result<Loaded, LoadError> {
    parse_scenario_noted(&read_bounded(path)?)
}

/// Reads and migrates a recovery draft without refusing it for its problems: a draft of work in
/// progress may be invalid, and is opened for repair. Returns the scenario and its errors.
pub fn load_draft(path: &Path) -> Result<(Scenario, Vec<Problem>), LoadError> {
    let text = read_bounded(path)?;
    let (scenario, _) = parse_unvalidated(&text)?;
    let problems = opening_problems(&scenario);
    Ok((scenario, problems))
}

/// The errors that keep a scenario from opening: its validation errors, or, on a scenario
/// otherwise valid, those of its story and live levers (they name knobs, which only make sense on
/// a valid scenario). Loading, saving and recovery drafts all judge a file by this.
pub fn opening_problems(scenario: &Scenario) -> Vec<Problem> {
    let errors = scenario.errors();
    if errors.is_empty() {
        crate::model::story_problems(scenario)
    } else {
        errors
    }
}

/// Every warning about a loaded file, with its line: the validator's and those of claims that
/// cannot be measured (what `check` lists).
pub fn file_warnings(path: &Path, scenario: &Scenario) -> Vec<Problem> {
    let mut warnings: Vec<Problem> = scenario
        .validate()
        .into_iter()
        .filter(|p| p.severity == crate::model::Severity::Warning)
        .chain(crate::analysis::claim_problems(scenario))
        .collect();
    if let Ok(text) = read_bounded(path) {
        let lines = LineIndex::build(text.strip_prefix('\u{feff}').unwrap_or(&text));
        for p in &mut warnings {
            p.line = lines.line_of(&p.plain_path());
        }
    }
    warnings
}

/// Reads the scenario files `scenario`'s claims compare with, from `dir` (the folder of the
/// scenario's file; `None` for a scenario never saved). The shipped baseline is found even without
/// a folder, compiled in. A file that cannot be read is kept with why, so its claims say so.
pub fn claim_references(
    scenario: &Scenario,
    dir: Option<&Path>,
) -> crate::analysis::ClaimReferences {
    crate::analysis::claim_reference_names(scenario)
        .into_iter()
        .map(|name| {
            let beside = dir.map(|d| d.join(&name)).filter(|p| p.is_file());
            let loaded = match beside {
                Some(path) => load_scenario(&path).map_err(|e| e.to_string()),
                None if name == super::BASELINE_FILE => {
                    super::baseline().map_err(|e| e.to_string())
                }
                None => Err(match dir {
                    Some(d) => format!("there is no {name} in {}", d.display()),
                    None => format!("save this scenario beside {name} to compare with it"),
                }),
            };
            (name, loaded)
        })
        .collect()
}

/// The text of a regular file of at most [`MAX_FILE_BYTES`], counted as read.
fn read_bounded(path: &Path) -> Result<String, LoadError> {
    let (cancel, bytes_read) = (AtomicBool::new(false), AtomicUsize::new(0));
    read_watched(
        path,
        &ReadWatch {
            cancel: &cancel,
            bytes_read: &bytes_read,
        },
    )
}

/// Lets another thread follow a read and stop it: `bytes_read` counts what was read so far, and
/// setting `cancel` stops the read at the next chunk with [`LoadError::Cancelled`].
pub struct ReadWatch<'a> {
    pub cancel: &'a AtomicBool,
    pub bytes_read: &'a AtomicUsize,
}

/// How much is read between looks at the cancel flag.
const READ_CHUNK: usize = 256 * 1024;

/// [`read_bounded`], reporting its progress and stopping when asked (a read on a background thread).
pub fn read_watched(path: &Path, watch: &ReadWatch<'_>) -> Result<String, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // stat first: opening a pipe would block until something writes to it.
    let meta = fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    // The limit counts the bytes actually read: a file may grow, and its size may lie.
    let mut file = fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize + 1);
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
        if watch.cancel.load(Ordering::Relaxed) {
            return Err(LoadError::Cancelled);
        }
        let n = match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io_err(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        watch.bytes_read.store(bytes.len(), Ordering::Relaxed);
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge {
                size: meta.len().max(bytes.len() as u64),
                limit: MAX_FILE_BYTES,
            });
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let bytes = e.as_bytes();
            let (line, column) = line_col(&bytes[..e.utf8_error().valid_up_to()]);
            Err(LoadError::NotUtf8 { line, column })
        }
    }
}

/// A file as opened by the app: the scenario, or why it was refused and — when it parsed and only
/// its values are wrong — the scenario as written, to open for repair.
pub struct Opened {
    pub loaded: Result<Loaded, LoadError>,
    pub repairable: Option<Scenario>,
}

/// Reads (watched), migrates and validates a file for the app; a refused file that parsed comes
/// with its scenario for repair.
pub fn open_watched(path: &Path, watch: &ReadWatch<'_>) -> Result<Opened, LoadError> {
    let text = read_watched(path, watch)?;
    let loaded = parse_scenario_noted(&text);
    let repairable = match &loaded {
        Err(LoadError::Invalid { .. }) => parse_unvalidated(&text).ok().map(|(s, _)| s),
        _ => None,
    };
    Ok(Opened { loaded, repairable })
}

/// Parses, migrates and validates scenario text.
pub fn parse_scenario(text: &str) -> Result<Scenario, LoadError> {
    parse_scenario_noted(text).map(|loaded| loaded.scenario)
}

/// [`parse_scenario`], with the notices of its migration.
pub fn parse_scenario_noted(text: &str) -> Result<Loaded, LoadError> {
    let (scenario, notices) = parse_unvalidated(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems = opening_problems(&scenario);
    if problems.is_empty() {
        return Ok(Loaded { scenario, notices });
    }
    let lines = LineIndex::build(text);
    for p in &mut problems {
        p.line = lines.line_of(&p.plain_path());
    }
    Err(LoadError::Invalid { problems })
}

/// Parses and migrates scenario text, without validating it.
fn parse_unvalidated(text: &str) -> Result<(Scenario, Vec<LoadNotice>), LoadError> {
    // A byte-order mark (some Windows editors write one) is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    check_shape(text)?;
    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<u32>,
    }
    let version = match ron_options().from_str::<VersionProbe>(text) {
        Ok(VersionProbe { version: Some(v) }) => v,
        Ok(VersionProbe { version: None }) => {
            return Err(LoadError::Syntax {
                line: 1,
                column: 1,
                path: "version".into(),
                message: "is missing: a scenario file starts with `(version: 3, …`".into(),
            });
        }
        // The full parse reports the same problem, with its field path.
        Err(_) => parse_current(text)?.version,
    };
    migrate_to_current(version, text)
}

/// Refuses, before parsing, text no scenario file has: control characters (a NUL byte from a
/// corrupted copy) and brackets nested deeper than [`MAX_NESTING`]. Strings and `//` comments are
/// skipped for the nesting count.
fn check_shape(text: &str) -> Result<(), LoadError> {
    let (mut line, mut column) = (1usize, 0usize);
    let (mut depth, mut in_string, mut escaped, mut in_comment) = (0usize, false, false, false);
    let mut prev = '\0';
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            in_comment = false;
        }
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || c == '\u{7f}' {
            return Err(LoadError::ControlCharacter {
                line,
                column,
                code: u32::from(c),
            });
        }
        if in_comment {
            continue;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if prev == '/' => in_comment = true,
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(LoadError::TooDeep {
                        line,
                        column,
                        limit: MAX_NESTING,
                    });
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    Ok(())
}

/// Parses text of the current schema, reporting the field path and line of the first error.
pub(crate) fn parse_current(text: &str) -> Result<Scenario, LoadError> {
    let mut de = ron::Deserializer::from_str_with_options(text, &ron_options()).map_err(spanned)?;
    let result: Result<Scenario, _> = serde_path_to_error::deserialize(&mut de);
    match result {
        Ok(scenario) => {
            de.end().map_err(|e| spanned(de.span_error(e)))?;
            Ok(scenario)
        }
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let mut message = inner.to_string();
            let span = de.span_error(inner).span;
            let rest = text_from(text, span.start.line, span.start.col);
            // An error on the last line of text means the file stops mid-way.
            if rest.trim().lines().count() <= 1
                || matches!(message.as_str(), "Unexpected end of RON")
            {
                message.push_str(" (the file ends here: is it truncated?)");
            } else if message.starts_with("Expected") {
                let token: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| !matches!(c, ',' | ')' | ']' | '\n'))
                    .take(40)
                    .collect();
                message = format!("{message}, found `{}`", token.trim_end());
            }
            if let Some(allowed) = allowed_values(&path) {
                message = format!("{message}; allowed: {allowed}");
            }
            Err(LoadError::Syntax {
                line: span.start.line,
                column: span.start.col,
                path: if path == "." { String::new() } else { path },
                message,
            })
        }
    }
}

/// The text from a 1-based line and column on.
fn text_from(text: &str, line: usize, col: usize) -> &str {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let within: usize = l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return &text[offset + within..];
        }
        offset += l.len();
    }
    ""
}

/// What a numeric field accepts, from the model's metadata, by the last name in its path.
fn allowed_values(path: &str) -> Option<String> {
    use crate::model::{AseanField, ConstantId, PowerField, StateField};
    let leaf = path.rsplit('.').next()?;
    let leaf = leaf.split('[').next()?;
    let describe = |r: crate::model::Range| format!("a number {}", r.describe());
    if let Some(f) = StateField::SCALARS.iter().find(|f| f.key() == leaf) {
        return Some(describe(f.meta().range));
    }
    if let Some(f) = [
        PowerField::Capability,
        PowerField::Conditionality,
        PowerField::SectorPull,
    ]
    .iter()
    .find(|f| f.meta().key == leaf)
    {
        return Some(describe(f.meta().range));
    }
    if let Some(f) = AseanField::ALL.iter().find(|f| f.meta().key == leaf) {
        return Some(describe(f.meta().range));
    }
    if path.starts_with("constants.")
        && let Some(id) = ConstantId::ALL.iter().find(|id| id.key() == leaf)
    {
        return Some(describe(id.range()));
    }
    match leaf {
        "alignment" | "anchor" => {
            Some("a list of shares, one per power and the autonomy pole, summing to 1".into())
        }
        "dependency" => {
            Some("one row (hardware, cloud, software, payments, standards) per power".into())
        }
        "targets" => Some("All, or States([\"KHM\", …])".into()),
        "kind" => Some(
            crate::model::LeverKind::ALL
                .iter()
                .map(|k| k.key())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        "bloc_weights" => Some("gdp or equal".into()),
        "steps_per_year" => Some("1, 2, 4 or 12".into()),
        _ => None,
    }
}

fn spanned(e: ron::error::SpannedError) -> LoadError {
    let ron::error::SpannedError { code, span } = e;
    LoadError::Syntax {
        line: span.start.line,
        column: span.start.col,
        path: String::new(),
        message: code.to_string(),
    }
}

fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + prefix.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column)
}

/// The scenario as the RON text the app writes (number-only lists kept on one line).
pub fn scenario_to_string(scenario: &Scenario) -> Result<String, SaveError> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .compact_arrays(false);
    let text = ron_options()
        .to_string_pretty(scenario, config)
        .map_err(|e| SaveError::Serialize(e.to_string()))?;
    Ok(collapse_number_lists(&text))
}

/// Puts lists that hold only numbers on one line, outside string literals.
fn collapse_number_lists(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let c = bytes[i];
        if in_string {
            if c == b'\\' && i + 1 < bytes.len() {
                out.push_str(&text[i..i + 2]);
                i += 2;
                continue;
            }
            if c == b'"' {
                in_string = false;
            }
        } else if c == b'"' {
            in_string = true;
        } else if c == b'['
            && let Some(end) = text[i + 1..].find(']')
        {
            let inner = &text[i + 1..i + 1 + end];
            let numeric = !inner.trim().is_empty()
                && inner
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || " \n\r\t,.-+eE".contains(ch));
            if numeric {
                let items: Vec<&str> = inner
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                out.push('[');
                out.push_str(&items.join(", "));
                out.push(']');
                i += end + 2;
                continue;
            }
        }
        // Advance by one UTF-8 character.
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    out
}

/// Saves safely (see `safe_write`): the previous file is kept as `NAME.ron.bak`, and on any failure
/// the existing file and its backup are byte-identical and no temporary file is left. A scenario
/// that could not be opened again — with errors, or larger than [`MAX_FILE_BYTES`] as written — is
/// refused before anything is written.
pub fn save_scenario(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    let problems = opening_problems(scenario);
    if !problems.is_empty() {
        return Err(SaveError::Invalid { problems });
    }
    let text = scenario_to_string(scenario)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    write_atomically(path, text.as_bytes(), true)
}

/// Saves a draft copy of work that cannot be saved as a scenario yet (it has errors): written as
/// safely as a scenario, size-checked the same way, and opened again through "Open for repair".
pub fn save_draft_copy(path: &Path, scenario: &Scenario) -> Result<(), SaveError> {
    let text = scenario_to_string(scenario)?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge {
            size: text.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    write_atomically(path, text.as_bytes(), true)
}

pub(crate) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
) -> Result<(), SaveError> {
    super::safe_write::write_safely(path, bytes, keep_backup)
}
