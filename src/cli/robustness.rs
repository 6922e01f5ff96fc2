//! `robustness FILE --outcome SPEC`: how far one outcome, and the leaning of its state, depends on
//! the model constants nobody can source, each drawn within its plausible range — Sobol first-order
//! and total indices, largest first, with the plain-words robustness statement.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::time::Instant;

use crate::analysis::{self, Outcome, RobustnessOptions};

use super::{CliError, load_with_overrides, overrides_line};

/// Options of `robustness`, as typed on the command line.
#[derive(Clone, Debug, Default)]
pub struct RobustnessCliOptions {
    /// `KNOB=VALUE` overrides applied first.
    pub sets: Vec<String>,
    pub outcome: String,
    /// Base samples N (a power of two); default 1,024.
    pub samples: Option<usize>,
    pub seed: Option<u32>,
}

/// `robustness FILE`: the indices and the statement, as text to print.
pub fn robustness_command(path: &Path, opts: &RobustnessCliOptions) -> Result<String, CliError> {
    let s = load_with_overrides(path, &opts.sets)?;
    let outcome = Outcome::parse(&s, &opts.outcome)?;
    let defaults = RobustnessOptions::default();
    let options = RobustnessOptions {
        base_samples: opts.samples.unwrap_or(defaults.base_samples),
        seed: opts.seed.unwrap_or(defaults.seed),
    };
    let started = Instant::now();
    let r = analysis::robustness(
        &s,
        &outcome,
        &options,
        &AtomicBool::new(false),
        &AtomicUsize::new(0),
    )?;
    let seconds = started.elapsed().as_secs_f64();
    let mut out = overrides_line(&opts.sets);
    let _ = writeln!(
        out,
        "Robustness of {} over {} model constants, each within its plausible range",
        outcome.label(&s),
        r.indices.len()
    );
    let _ = writeln!(
        out,
        "{} base samples, {} runs in {seconds:.1} s (Sobol indices: Saltelli first order, Jansen total, on a scrambled Sobol sequence)",
        r.base_samples, r.runs
    );
    let _ = writeln!(
        out,
        "With the scenario's constants: {:.3}; over plausible constants: mean {:.3}, 90 % of sets {:.3} to {:.3}",
        r.value, r.mean, r.p05, r.p95
    );
    if let Some(statement) = analysis::leaning_statement(&s, &r) {
        let _ = writeln!(out, "{statement}");
    }
    let _ = writeln!(
        out,
        "\n{:<44} {:>14} {:>7} {:>7}",
        "Constant", "plausible", "first", "total"
    );
    for c in &r.indices {
        let _ = writeln!(
            out,
            "{:<44} {:>14} {:>7.3} {:>7.3}",
            format!("{} ({})", c.id.label(), c.id.key()),
            c.span.label(),
            c.first,
            c.total
        );
    }
    let _ = writeln!(
        out,
        "\nFirst: the share of the outcome's variance a constant explains alone; total: with all its interactions. Indices near 0 may come out slightly negative by sampling error."
    );
    Ok(out)
}
