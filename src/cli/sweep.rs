//! `sweep FILE --x KNOB --y KNOB`: a two-knob grid of runs, summarised as the outcome's range and
//! where the chosen state's leaning flips, with the cells written to CSV (`x,y,value,leaning`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::time::Instant;

use crate::analysis::{self, Outcome, Sweep, SweepSpec};
use crate::engine;
use crate::io;
use crate::model::Knob;
use crate::model::Scenario;

use super::{CliError, Writes, load_with_overrides, overrides_line, refuse_overwriting};

/// Options of `sweep`, as typed on the command line.
#[derive(Clone, Debug, Default)]
pub struct SweepOptions {
    /// `KNOB=VALUE` overrides applied before the sweep.
    pub sets: Vec<String>,
    pub x: String,
    pub y: String,
    /// `LO..HI`; default the knob's valid range.
    pub x_range: Option<String>,
    pub y_range: Option<String>,
    pub n: usize,
    /// Default `bloc.bifurcation` at the end year.
    pub outcome: Option<String>,
    /// Default: the outcome's state, else the x knob's, else the y knob's.
    pub state: Option<String>,
    pub csv: Option<PathBuf>,
    /// Replace the CSV even over an input or a file of another kind.
    pub force: bool,
}

/// `sweep FILE`: runs the grid and returns the summary to print.
pub fn sweep_command(path: &Path, opts: &SweepOptions) -> Result<String, CliError> {
    let s = load_with_overrides(path, &opts.sets)?;
    let x = Knob::parse(&s, &opts.x)?;
    let y = Knob::parse(&s, &opts.y)?;
    let outcome = Outcome::parse(&s, opts.outcome.as_deref().unwrap_or("bloc.bifurcation"))?;
    let state = match &opts.state {
        Some(code) => Some(s.state_index(code).ok_or_else(|| {
            CliError::Usage(format!(
                "--state {code}: no such state (known: {})",
                s.states
                    .iter()
                    .map(|x| x.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?),
        None => outcome.kind.state().or(knob_state(x)).or(knob_state(y)),
    };
    let spec = SweepSpec {
        x,
        y,
        x_range: opts
            .x_range
            .as_deref()
            .map(|r| parse_range("--x-range", r))
            .transpose()?,
        y_range: opts
            .y_range
            .as_deref()
            .map(|r| parse_range("--y-range", r))
            .transpose()?,
        nx: opts.n,
        ny: opts.n,
        outcome,
        state,
    };
    let started = Instant::now();
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    let result = analysis::sweep(&s, &spec, &never, &progress)?;
    let seconds = started.elapsed().as_secs_f64();
    let base = analysis::evaluate(&engine::run(&s)?, &outcome);

    let mut out = overrides_line(&opts.sets);
    out.push_str(&summary(&s, &result, base, seconds));
    if let Some(csv) = &opts.csv {
        refuse_overwriting(csv, &[path], Writes::Csv, opts.force)?;
        io::write_sweep_csv(csv, &s, &result)?;
        let _ = writeln!(
            out,
            "\nWrote {} (x,y,value,leaning; {} rows)",
            csv.display(),
            result.values.len()
        );
    }
    Ok(out)
}

fn knob_state(k: Knob) -> Option<usize> {
    match k {
        Knob::State { state, .. } => Some(state),
        _ => None,
    }
}

/// `LO..HI` → `(LO, HI)`.
fn parse_range(flag: &str, text: &str) -> Result<(f64, f64), CliError> {
    let bad = || CliError::Usage(format!("{flag} {text:?}: write LO..HI, e.g. 0.2..0.8"));
    let (lo, hi) = text.split_once("..").ok_or_else(bad)?;
    let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
    let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
    Ok((lo, hi))
}

fn summary(s: &Scenario, sw: &Sweep, base: f64, seconds: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Sweep of {}: {} × {} = {} runs in {:.0} ms",
        s.name,
        sw.nx(),
        sw.ny(),
        sw.values.len(),
        seconds * 1e3
    );
    for (axis, a) in [("x", &sw.x), ("y", &sw.y)] {
        let (lo, hi) = (a.values[0], a.values[a.values.len() - 1]);
        let now = a
            .knob
            .get(s)
            .map_or(String::new(), |v| format!(", now {v}"));
        let _ = writeln!(
            out,
            "  {axis}: {} ({}) from {lo} to {hi}{now}",
            a.label,
            a.knob.spec(s)
        );
    }
    let _ = writeln!(
        out,
        "\nOutcome: {} ({})",
        sw.outcome.label(s),
        sw.outcome.spec(s)
    );
    let (lo, hi) = sw.value_range();
    let at = |v: f64| {
        let k = sw.values.iter().position(|x| *x == v).unwrap_or(0);
        let (ix, iy) = (k % sw.nx(), k / sw.nx());
        format!("x = {:.3}, y = {:.3}", sw.x.values[ix], sw.y.values[iy])
    };
    let _ = writeln!(
        out,
        "  from {lo:.4} ({}) to {hi:.4} ({}); {base:.4} with the scenario's own values",
        at(lo),
        at(hi)
    );
    out.push_str(&leaning_summary(s, sw));
    out
}

/// Cells per pole, and for each pair of poles the extent of the boundary between them.
fn leaning_summary(s: &Scenario, sw: &Sweep) -> String {
    let mut out = String::new();
    let Some(state) = sw.state.and_then(|i| s.states.get(i)) else {
        let _ = writeln!(
            out,
            "\nNo state chosen (--state CODE), so no leaning is recorded."
        );
        return out;
    };
    let poles = s.pole_codes();
    let pole = |o: usize| poles.get(o).map_or("?", String::as_str);
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for o in &sw.leaning {
        *counts.entry(*o).or_default() += 1;
    }
    let counts: Vec<String> = counts
        .iter()
        .map(|(o, n)| format!("{} in {n} cell{}", pole(*o), if *n == 1 { "" } else { "s" }))
        .collect();
    let _ = writeln!(
        out,
        "\nLeaning of {} in {}: {}",
        state.name,
        sw.outcome.year,
        counts.join(", ")
    );
    let edges = sw.flip_edges();
    if edges.is_empty() {
        let _ = writeln!(out, "  it never flips over this grid");
        return out;
    }
    // One line per pair of poles: how many cell edges and over what part of the grid.
    let mut pairs: BTreeMap<(usize, usize), Vec<Segment>> = BTreeMap::new();
    for e in &edges {
        let key = (e.from.min(e.to), e.from.max(e.to));
        if let Some(segment) = e.segment(sw) {
            pairs.entry(key).or_default().push(segment);
        }
    }
    for ((p, q), segments) in pairs {
        let (x0, x1) = extent(segments.iter().flat_map(|s| [s[0].0, s[1].0]));
        let (y0, y1) = extent(segments.iter().flat_map(|s| [s[0].1, s[1].1]));
        let _ = writeln!(
            out,
            "  flips between {} and {} along {} cell edge{}: x {x0:.3} … {x1:.3}, y {y0:.3} … {y1:.3}",
            pole(p),
            pole(q),
            segments.len(),
            if segments.len() == 1 { "" } else { "s" }
        );
    }
    out
}

/// A boundary piece between two cells: its two end points (x, y).
type Segment = [(f64, f64); 2];

/// Smallest and largest of some numbers.
fn extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}
