//! The headless commands: `run` prints a readable summary of a scenario's run (and writes CSV), `check`
//! validates files and lists every problem, `compare` diffs two scenarios and attributes an outcome's
//! difference (in `cli/compare.rs`), `sweep` maps an outcome over two inputs (in `cli/sweep.rs`),
//! `calibrate` fits a scenario against a backcast (in `cli/calibrate.rs`), `export` writes a figure
//! as PNG or SVG (in `cli/export.rs`), `robustness` measures how an outcome depends on the
//! constants within their plausible ranges (in `cli/robustness.rs`).
//! Argument parsing lives in `main.rs`; this module does the work and maps failures to documented
//! exit codes.

mod calibrate;
mod compare;
mod export;
mod overrides;
mod robustness;
mod room;
mod sweep;

pub use calibrate::{CalibrateOptions, calibrate_command};
pub use compare::compare_command;
pub use export::{ExportOptions, export_command};
pub use overrides::apply_overrides;
use overrides::load_with_overrides;
pub use robustness::{RobustnessCliOptions, robustness_command};
pub use room::{ROOM_COMMANDS, RoomCliOptions, room_command};
pub use sweep::{SweepOptions, sweep_command};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::analysis::AnalysisError;
use crate::engine::{self, BandSeries, BlocIndex, EnsembleRun, Run, SimError};
use crate::io::{self, LoadError, SaveError};
use crate::model::Scenario;
use crate::model::SpecError;

/// Exit codes of the command line, as documented in `--help`.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A scenario is invalid or could not be run.
    pub const INVALID: u8 = 1;
    /// Wrong arguments (clap's own code).
    pub const USAGE: u8 = 2;
    /// A file could not be read or written.
    pub const IO: u8 = 3;
}

/// A failure of a headless command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{path}: {source}")]
    Load {
        path: PathBuf,
        #[source]
        source: LoadError,
    },
    #[error("{0}")]
    Save(#[from] SaveError),
    #[error("{0}")]
    Sim(#[from] SimError),
    #[error("{0}")]
    Usage(String),
    /// An `--outcome`, `--x` or `--y` text that does not name an outcome or input.
    #[error("{0}")]
    Spec(#[from] SpecError),
    #[error("{0}")]
    Analysis(#[from] AnalysisError),
    /// A figure that could not be drawn from a valid request.
    #[error("{0}")]
    Figure(crate::figure::FigureError),
}

impl CliError {
    /// The exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Load {
                source: LoadError::Io { .. } | LoadError::NotAFile { .. },
                ..
            }
            | CliError::Save(_) => exit::IO,
            CliError::Usage(_)
            | CliError::Spec(_)
            | CliError::Analysis(AnalysisError::Request(_) | AnalysisError::Knob(_)) => exit::USAGE,
            _ => exit::INVALID,
        }
    }
}

/// Options of `run`.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// `KNOB=VALUE` overrides applied before the run.
    pub sets: Vec<String>,
    pub csv: Option<PathBuf>,
    pub ensemble: Option<u32>,
    pub seed: Option<u64>,
    /// Replace outputs even over an input or a file of another kind.
    pub force: bool,
}

/// What an output file of a command holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Writes {
    /// A table.
    Csv,
    /// A scenario file.
    Scenario,
}

/// Refuses, unless `force`, an output path that is one of the command's inputs or an existing file
/// of another kind than the command writes: one mistyped `--csv` must never turn a scenario into a
/// table.
pub(crate) fn refuse_overwriting(
    out: &Path,
    inputs: &[&Path],
    writes: Writes,
    force: bool,
) -> Result<(), CliError> {
    if force {
        return Ok(());
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let refuse = |why: String| {
        Err(CliError::Usage(format!(
            "{} {why}; write to another file, or add --force to replace it",
            out.display()
        )))
    };
    if inputs.iter().any(|input| same(out, input)) {
        return refuse("is an input of this command".into());
    }
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(()); // a new file
    };
    if !meta.is_file() {
        return refuse("is not a regular file".into());
    }
    let holds_scenario = looks_like_scenario(out);
    match writes {
        Writes::Csv if holds_scenario => refuse("holds a scenario, not a table".into()),
        Writes::Scenario if !holds_scenario && meta.len() > 0 => {
            refuse("is not a scenario file".into())
        }
        _ => Ok(()),
    }
}

/// Whether a file starts like a scenario file: `(` and a `version:` field near the top.
fn looks_like_scenario(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('(') && text.contains("version")
}

/// The line a report starts with when overrides were applied, so a printed result names them.
pub(crate) fn overrides_line(sets: &[String]) -> String {
    if sets.is_empty() {
        String::new()
    } else {
        format!("With --set {}\n", sets.join(", --set "))
    }
}

/// Loads and validates a scenario file, naming the file in the error. Notes about the file (e.g.
/// that it was written for an older model) go to standard error, so a script reading standard
/// output is not disturbed.
fn load(path: &Path) -> Result<Scenario, CliError> {
    let loaded = io::load_scenario_noted(path).map_err(|source| CliError::Load {
        path: path.to_path_buf(),
        source,
    })?;
    for notice in &loaded.notices {
        eprintln!("note: {}: {notice}", path.display());
    }
    Ok(loaded.scenario)
}

/// `run FILE`: runs the scenario and returns the summary to print.
pub fn run_command(path: &Path, opts: &RunOptions) -> Result<String, CliError> {
    let mut scenario = load_with_overrides(path, &opts.sets)?;
    if let Some(seed) = opts.seed {
        scenario.ensemble.seed = seed;
    }
    let started = Instant::now();
    let run = engine::run(&scenario)?;
    let elapsed = started.elapsed();
    let ensemble = match opts.ensemble {
        Some(members) => {
            if members == 0 || members > crate::model::Limits::MAX_ENSEMBLE_MEMBERS {
                return Err(CliError::Usage(format!(
                    "--ensemble {members}: must be 1 to {}",
                    crate::model::Limits::MAX_ENSEMBLE_MEMBERS
                )));
            }
            scenario.ensemble.members = members;
            Some((Instant::now(), engine::run_ensemble(&scenario)?))
        }
        None => None,
    };
    let mut out = overrides_line(&opts.sets);
    out.push_str(&summary(&scenario, &run, elapsed.as_secs_f64()));
    if let Some((started, ens)) = &ensemble {
        out.push_str(&ensemble_summary(
            &scenario,
            ens,
            started.elapsed().as_secs_f64(),
        ));
    }
    if let Some(csv) = &opts.csv {
        let bloc = io::sibling_path(csv, "bloc");
        let bands = io::sibling_path(csv, "bands");
        for out in [csv, &bloc, &bands] {
            refuse_overwriting(out, &[path], Writes::Csv, opts.force)?;
        }
        io::write_run_csv(csv, &scenario, &run)?;
        io::write_bloc_csv(&bloc, &run)?;
        let _ = writeln!(
            out,
            "\nWrote {} (long form) and {} (bloc indices)",
            csv.display(),
            bloc.display()
        );
        if let Some((_, ens)) = &ensemble {
            io::write_bands_csv(&bands, &scenario, ens)?;
            let _ = writeln!(out, "Wrote {} (ensemble p10/p50/p90)", bands.display());
        }
    }
    Ok(out)
}

fn resolution(spy: u32) -> &'static str {
    match spy {
        1 => "yearly",
        2 => "half-yearly",
        4 => "quarterly",
        12 => "monthly",
        _ => "custom",
    }
}

/// The readable summary of a run.
pub fn summary(scenario: &Scenario, run: &Run, seconds: f64) -> String {
    let mut out = String::new();
    let last = run.len() - 1;
    let (y0, y1) = (run.times[0], run.times[last]);
    let poles = scenario.pole_codes();
    let _ = writeln!(
        out,
        "{} — {} states, {} powers, {y0}–{y1} {} ({} points), ran in {:.2} ms",
        scenario.name,
        scenario.states.len(),
        scenario.powers.len(),
        resolution(scenario.time.steps_per_year),
        run.len(),
        seconds * 1e3
    );
    let tilt_label = if scenario.powers.len() >= 2 {
        format!("{}–{} tilt", poles[0], poles[1])
    } else {
        "tilt".to_string()
    };
    let _ = writeln!(
        out,
        "\nLeaning is the pole with the largest alignment share; tilt is the first power's share minus the second's;"
    );
    let _ = writeln!(
        out,
        "hedging index 0 = all-in with one pole, 1 = spread evenly over all poles.\n"
    );
    let _ = writeln!(
        out,
        "{:<26} {:>13} {:>13}   {:>16}   {:>13}   {:>5}",
        "State",
        format!("leaning {y0}"),
        format!("leaning {y1}"),
        tilt_label,
        "hedging",
        "DEFA"
    );
    for (i, st) in scenario.states.iter().enumerate() {
        let lean = |t: usize| {
            let o = run.leaning(t, i);
            format!("{} {:.2}", poles[o], run.alignment(t, i)[o])
        };
        let _ = writeln!(
            out,
            "{:<26} {:>13} {:>13}   {:>+6.2} → {:>+6.2}   {:.2} → {:.2}   {:>5.2}",
            format!("{} {}", st.code, truncate(&st.name, 21)),
            lean(0),
            lean(last),
            run.tilt(0, i),
            run.tilt(last, i),
            run.hedging(0, i),
            run.hedging(last, i),
            run.defa(last, i)
        );
    }
    let weights = match scenario.bloc_weights {
        crate::model::BlocWeights::Gdp => "GDP-weighted",
        crate::model::BlocWeights::Equal => "equal weights",
    };
    let _ = writeln!(
        out,
        "\nBloc indices ({weights}){:>w$} {y0:>8} {y1:>8}   change",
        "",
        w = 17 - weights.len()
    );
    for b in BlocIndex::ALL {
        let (a, z) = (run.bloc(0, b), run.bloc(last, b));
        let _ = writeln!(
            out,
            "  {:<30} {a:>8.3} {z:>8.3}   {:>+6.3}",
            b.label(),
            z - a
        );
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

fn ensemble_summary(scenario: &Scenario, ens: &EnsembleRun, seconds: f64) -> String {
    let mut out = String::new();
    let last = ens.times.len() - 1;
    let y1 = ens.times[last];
    let _ = writeln!(
        out,
        "\nEnsemble: {} members (seed {}), ran in {:.1} ms — median and 10–90 % range in {y1}",
        ens.members,
        scenario.ensemble.seed,
        seconds * 1e3
    );
    for b in BlocIndex::ALL {
        let (lo, mid, hi) = ens.band(BandSeries::Bloc(b), last);
        let _ = writeln!(out, "  {:<30} {mid:>8.3}   [{lo:.3} – {hi:.3}]", b.label());
    }
    if scenario.powers.len() >= 2 {
        for (i, st) in scenario.states.iter().enumerate() {
            let (lo, mid, hi) = ens.band(BandSeries::Tilt { state: i }, last);
            let _ = writeln!(
                out,
                "  {:<30} {mid:>+8.3}   [{lo:+.3} – {hi:+.3}]",
                format!("{} tilt", st.code)
            );
        }
    }
    out
}

/// Measures the scenario's claims into `text`; whether all of them hold.
fn claims_report(path: &Path, scenario: &Scenario, text: &mut String) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let references = io::claim_references(scenario, Some(dir));
    let checks = crate::analysis::check_claims(scenario, &references);
    let failed = checks.iter().filter(|c| !c.holds()).count();
    let _ = writeln!(
        text,
        "       claims: {} of {} hold{}",
        checks.len() - failed,
        checks.len(),
        if failed > 0 { " — FAIL" } else { "" }
    );
    for c in &checks {
        let _ = writeln!(text, "       {} {}", c.mark(), c.text);
        let _ = writeln!(text, "           {}: {}", c.measures, c.result_text());
    }
    failed == 0
}

/// The outcome of `check` for one file.
pub struct CheckReport {
    pub text: String,
    pub valid: bool,
    /// The file could not be read at all (exit code 3 rather than 1).
    pub unreadable: bool,
}

/// `check FILE`: every problem of one file; with `claims`, also every claim the scenario makes,
/// measured (a claim that fails or cannot be measured makes the file fail).
pub fn check_file(path: &Path, claims: bool) -> CheckReport {
    match io::load_scenario_noted(path) {
        Ok(io::Loaded { scenario, notices }) => {
            let warnings = io::file_warnings(path, &scenario);
            let mut text = format!(
                "ok   {}: {} ({} warnings)\n",
                path.display(),
                scenario.name,
                warnings.len()
            );
            for w in warnings {
                let _ = writeln!(text, "       {w}");
            }
            for n in notices {
                let _ = writeln!(text, "       note: {n}");
            }
            let valid = !claims || claims_report(path, &scenario, &mut text);
            CheckReport {
                text,
                valid,
                unreadable: false,
            }
        }
        Err(e) => {
            let mut text = format!("FAIL {}\n", path.display());
            for line in e.lines() {
                for (n, part) in line.lines().enumerate() {
                    let _ = writeln!(text, "{}{part}", if n == 0 { "     - " } else { "       " });
                }
            }
            CheckReport {
                text,
                valid: false,
                unreadable: matches!(e, LoadError::Io { .. } | LoadError::NotAFile { .. }),
            }
        }
    }
}
