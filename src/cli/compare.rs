//! `compare A.ron B.ron [--outcome SPEC]`: the input diff, the outcome differences at the end year
//! (bloc indices and each state's tilt), and with `--outcome` the Shapley attribution of that
//! outcome's difference with its one-sentence reading.

use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::{self, Attribution, InputDifference, Outcome};
use crate::engine::{self, Run};
use crate::model::Scenario;

use super::{CliError, load, load_with_overrides, overrides_line};

/// `compare A B`: returns the report to print.
pub fn compare_command(
    a_path: &Path,
    b_path: &Path,
    outcome: Option<&str>,
    sets_b: &[String],
) -> Result<String, CliError> {
    let a = load(a_path)?;
    let b = load_with_overrides(b_path, sets_b)?;
    // Read the outcome and check that attribution is possible before any work, so a mistake in
    // the request is reported at once.
    let outcome = outcome.map(|text| Outcome::parse(&a, text)).transpose()?;
    if outcome.is_some() {
        analysis::check_attributable(&a, &b).map_err(analysis::AnalysisError::from)?;
    }
    let (run_a, run_b) = (engine::run(&a)?, engine::run(&b)?);

    let mut out = overrides_line(sets_b);
    let _ = writeln!(out, "A: {} ({})", a.name, a_path.display());
    let _ = writeln!(out, "B: {} ({})", b.name, b_path.display());
    out.push_str(&diff_table(&analysis::input_diff(&a, &b)));
    out.push_str(&outcome_table(&a, &b, &run_a, &run_b));
    if let Some(outcome) = outcome {
        let attribution = analysis::attribute(&a, &b, &outcome)?;
        out.push_str(&attribution_table(&attribution, &outcome.label(&a)));
    }
    Ok(out)
}

/// The input differences under one heading per group, in order of first appearance.
fn diff_table(diffs: &[InputDifference]) -> String {
    let mut out = String::new();
    if diffs.is_empty() {
        let _ = writeln!(out, "\nNo input differs.");
        return out;
    }
    let groups = analysis::group_differences(diffs);
    let _ = writeln!(
        out,
        "\n{} input{} differ{}, in {} group{}:",
        diffs.len(),
        plural(diffs.len()),
        if diffs.len() == 1 { "s" } else { "" },
        groups.len(),
        plural(groups.len())
    );
    let path_w = diffs
        .iter()
        .map(|d| d.path.chars().count())
        .max()
        .unwrap_or(4)
        .min(56);
    let a_w = diffs
        .iter()
        .map(|d| d.a.chars().count())
        .max()
        .unwrap_or(1)
        .clamp(1, 24);
    let _ = writeln!(out, "    {:<path_w$}  {:<a_w$}  B", "path", "A");
    for (group, members) in groups {
        let _ = writeln!(out, "  {group}");
        for d in members {
            let _ = writeln!(out, "    {:<path_w$}  {:<a_w$}  {}", d.path, d.a, d.b);
        }
    }
    out
}

/// Bloc indices and each state's tilt at the last year both runs reach.
fn outcome_table(a: &Scenario, b: &Scenario, run_a: &Run, run_b: &Run) -> String {
    let mut out = String::new();
    let year = a.time.end_year.min(b.time.end_year);
    let title = format!("Outcomes in {year}");
    let _ = writeln!(out, "\n{title:<30}{:>9}{:>10}{:>10}", "A", "B", "B − A");
    for d in analysis::outcome_differences(a, b, run_a, run_b, year) {
        let _ = writeln!(
            out,
            "  {:<28} {:>8.3}  {:>8.3}  {:>+8.3}",
            d.label,
            d.a,
            d.b,
            d.delta()
        );
    }
    out
}

/// The waterfall as text: A, each group's contribution, B, and the sentence.
fn attribution_table(at: &Attribution, label: &str) -> String {
    let mut out = String::new();
    let method = if at.exact {
        "exact Shapley values".to_string()
    } else {
        format!(
            "Shapley values estimated from sampled orders, standard error up to {:.4}",
            at.std_error.unwrap_or(f64::NAN)
        )
    };
    let _ = writeln!(
        out,
        "\nAttribution of {label} ({method}; {} group{}, {} runs)",
        at.contributions.len(),
        plural(at.contributions.len()),
        at.runs
    );
    let w = at
        .contributions
        .iter()
        .map(|c| c.group.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    let _ = writeln!(out, "  {:<w$}  {:>+9.4}", "A", at.outcome_a);
    for c in &at.contributions {
        let se = c.std_error.map_or(String::new(), |e| format!("  ± {e:.4}"));
        let _ = writeln!(out, "  {:<w$}  {:>+9.4}{se}", c.group, c.value);
    }
    let _ = writeln!(out, "  {:<w$}  {:>+9.4}", "B", at.outcome_b);
    let _ = writeln!(out, "  {:<w$}  {:>+9.4}", "B − A", at.total);
    let _ = writeln!(out, "\n{}", at.sentence(label));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
