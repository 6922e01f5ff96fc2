//! Robustness over the constants nobody can source: global (variance-based) sensitivity of one
//! outcome to every model constant at once, each drawn within its plausible range. Sobol
//! first-order and total indices by the Saltelli (2010) and Jansen (1999) estimators on an
//! Owen-scrambled Sobol sequence (the `sobol_burley` crate): N base samples make N·(d + 2) runs for
//! d constants. For an outcome about one state the same runs also say how often the state keeps
//! its leaning, and which constant that leaning hangs on most.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::engine::run;
use crate::model::{ConstantId, PlausibleSpan, Scenario, set_within};

use super::analysis_error::AnalysisError;
use super::batch::{lean_copy, run_indexed};
use super::outcome::{Outcome, evaluate};

/// Smallest and largest number of base samples (a power of two keeps the Sobol points balanced).
pub const MIN_BASE_SAMPLES: usize = 64;
pub const MAX_BASE_SAMPLES: usize = 8192;

/// What to sample.
#[derive(Clone, Debug, PartialEq)]
pub struct RobustnessOptions {
    /// N, a power of two.
    pub base_samples: usize,
    /// Seed of the scrambling.
    pub seed: u32,
}

impl Default for RobustnessOptions {
    fn default() -> Self {
        Self {
            base_samples: 1024,
            seed: 2025,
        }
    }
}

/// The indices of one constant.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstantIndex {
    pub id: ConstantId,
    pub span: PlausibleSpan,
    /// Why the range is plausible (the scenario's own basis where it sets the range).
    pub basis: String,
    /// First-order index S_i: the share of the outcome's variance this constant explains alone.
    pub first: f64,
    /// Total index S_Ti: its share including every interaction with the others.
    pub total: f64,
}

/// How often a state keeps the pole it leans to in the scenario, across plausible constants.
#[derive(Clone, Debug, PartialEq)]
pub struct LeaningRobustness {
    pub state: usize,
    /// The pole the state leans to with the scenario's own constants.
    pub pole: usize,
    /// Share of the sampled constant sets in which it leans there.
    pub share: f64,
    /// The constant the leaning depends on most, and its total index on the leaning (0/1)
    /// outcome; `None` when the leaning never changes.
    pub depends_most_on: Option<(ConstantId, f64)>,
}

/// The result of a robustness analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Robustness {
    pub outcome: Outcome,
    /// The outcome with the scenario's own constants.
    pub value: f64,
    /// Mean, and the 5th and 95th percentiles, over the sampled constant sets.
    pub mean: f64,
    pub p05: f64,
    pub p95: f64,
    pub variance: f64,
    /// Every constant, largest total index first.
    pub indices: Vec<ConstantIndex>,
    pub leaning: Option<LeaningRobustness>,
    pub runs: usize,
    pub base_samples: usize,
}

/// Runs the analysis needs for `base_samples` and `constants` factors.
pub fn robustness_runs(base_samples: usize, constants: usize) -> usize {
    base_samples * (constants + 2)
}

/// The factors varied: every constant with its plausible range (the scenario's own where it sets
/// one).
pub fn plausible_factors(s: &Scenario) -> Vec<(ConstantId, PlausibleSpan)> {
    ConstantId::ALL
        .iter()
        .map(|&id| (id, s.plausible_span(id)))
        .collect()
}

/// Sobol indices of `outcome` over every constant within its plausible range.
pub fn robustness(
    s: &Scenario,
    outcome: &Outcome,
    options: &RobustnessOptions,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
) -> Result<Robustness, AnalysisError> {
    let n = options.base_samples;
    if !(MIN_BASE_SAMPLES..=MAX_BASE_SAMPLES).contains(&n) || !n.is_power_of_two() {
        return Err(AnalysisError::Request(format!(
            "base samples = {n}: must be a power of two from {MIN_BASE_SAMPLES} to {MAX_BASE_SAMPLES}"
        )));
    }
    if !outcome.fits_scenario(s) {
        return Err(AnalysisError::Request(
            "the outcome names a state, power or pole the scenario does not have".into(),
        ));
    }
    let factors = plausible_factors(s);
    let d = factors.len();
    let template = lean_copy(s);
    let own = run(&template)?;
    let value = evaluate(&own, outcome);
    let state = outcome.kind.state();
    let t = own.index_of_year(outcome.year);
    let own_pole = state.map(|i| own.leaning(t, i));

    // Run r: block 0 is A, block 1 is B, block 2 + i is A with column i taken from B.
    let point = |row: usize, column: usize| -> f64 {
        let dim = u32::try_from(column).unwrap_or(u32::MAX);
        let index = u32::try_from(row).unwrap_or(u32::MAX);
        f64::from(sobol_burley::sample(index, dim, options.seed))
    };
    let results = run_indexed(robustness_runs(n, d), cancel, progress, |r| {
        let (block, row) = (r / n, r % n);
        let mut variant = template.clone();
        for (i, &(id, span)) in factors.iter().enumerate() {
            let from_b = block == 1 || block == 2 + i;
            let u = point(row, if from_b { d + i } else { i });
            set_within(&mut variant.constants, &template.constants, id, span, u);
        }
        let r = run(&variant)?;
        let leans = state.map(|i| r.leaning(r.index_of_year(outcome.year), i));
        Ok((evaluate(&r, outcome), leans))
    })?;
    let values: Vec<f64> = results.iter().map(|(v, _)| *v).collect();
    let indices = sobol_indices(&values, n, d);
    let mut out_indices: Vec<ConstantIndex> = factors
        .iter()
        .zip(&indices)
        .map(|(&(id, span), &(first, total))| ConstantIndex {
            id,
            span,
            basis: s.plausible(id).basis,
            first,
            total,
        })
        .collect();
    out_indices.sort_by(|a, b| b.total.total_cmp(&a.total));

    let leaning = match (state, own_pole) {
        (Some(i), Some(pole)) => {
            let hits: Vec<f64> = results
                .iter()
                .map(|(_, l)| if *l == Some(pole) { 1.0 } else { 0.0 })
                .collect();
            let sampled = &hits[..2 * n];
            let share = sampled.iter().sum::<f64>() / sampled.len() as f64;
            let lean_indices = sobol_indices(&hits, n, d);
            let depends_most_on = factors
                .iter()
                .zip(&lean_indices)
                .map(|(&(id, _), &(_, total))| (id, total))
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .filter(|(_, total)| *total > 0.0);
            Some(LeaningRobustness {
                state: i,
                pole,
                share,
                depends_most_on,
            })
        }
        _ => None,
    };
    let sampled = &values[..2 * n];
    let mean = sampled.iter().sum::<f64>() / sampled.len() as f64;
    let variance = sampled.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / sampled.len() as f64;
    let mut sorted = sampled.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    Ok(Robustness {
        outcome: *outcome,
        value,
        mean,
        p05: at(0.05),
        p95: at(0.95),
        variance,
        indices: out_indices,
        leaning,
        runs: values.len(),
        base_samples: n,
    })
}

/// First-order (Saltelli 2010) and total (Jansen 1999) indices from the runs of blocks A, B and
/// AB_i (each `n` long, in that order), for `d` factors. With no variance every index is 0.
pub fn sobol_indices(values: &[f64], n: usize, d: usize) -> Vec<(f64, f64)> {
    let a = &values[..n];
    let b = &values[n..2 * n];
    let both = &values[..2 * n];
    let mean = both.iter().sum::<f64>() / both.len() as f64;
    let variance = both.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / both.len() as f64;
    (0..d)
        .map(|i| {
            let ab = &values[(2 + i) * n..(3 + i) * n];
            if variance <= f64::EPSILON * mean.abs().max(1.0) {
                return (0.0, 0.0);
            }
            let first = (0..n).map(|j| b[j] * (ab[j] - a[j])).sum::<f64>() / n as f64 / variance;
            let total =
                (0..n).map(|j| (a[j] - ab[j]).powi(2)).sum::<f64>() / (2 * n) as f64 / variance;
            (first, total)
        })
        .collect()
}

/// The plain-words statement of a leaning's robustness: "Cambodia leans to China in 2045 in 78 % of
/// plausible constant sets; it depends most on lever influence (ω, total index 0.41 for the
/// leaning)."
pub fn leaning_statement(s: &Scenario, r: &Robustness) -> Option<String> {
    let l = r.leaning.as_ref()?;
    let state = s.states.get(l.state)?;
    let pole = match s.powers.get(l.pole) {
        Some(p) => p.name.clone(),
        None => "autonomy".into(),
    };
    let year = crate::model::naming::year_label(r.outcome.year);
    let share = (l.share * 100.0).round();
    let mut text = format!(
        "{} leans to {pole} in {year} in {share:.0} % of plausible constant sets",
        state.name
    );
    match l.depends_most_on {
        Some((id, total)) => text.push_str(&format!(
            "; it depends most on {} ({}, total index {total:.2} for the leaning).",
            id.label().to_lowercase(),
            id.symbol()
        )),
        None => text.push_str(", whatever the constants."),
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs of f over blocks A, B, AB_i built from the same scrambled Sobol points as the analysis.
    fn blocks(f: impl Fn(&[f64]) -> f64, n: usize, d: usize) -> Vec<f64> {
        let point = |row: usize, column: usize| {
            f64::from(sobol_burley::sample(row as u32, column as u32, 7))
        };
        let mut out = Vec::new();
        for block in 0..d + 2 {
            for row in 0..n {
                let x: Vec<f64> = (0..d)
                    .map(|i| {
                        let from_b = block == 1 || block == 2 + i;
                        point(row, if from_b { d + i } else { i })
                    })
                    .collect();
                out.push(f(&x));
            }
        }
        out
    }

    #[test]
    fn an_additive_function_gets_the_indices_of_its_coefficients() {
        // f = Σ a_i x_i on independent uniforms: S_i = S_Ti = a_i² / Σ a_j².
        let a = [4.0, 2.0, 1.0, 0.0];
        let n = 4096;
        let values = blocks(|x| x.iter().zip(&a).map(|(x, a)| x * a).sum(), n, a.len());
        let indices = sobol_indices(&values, n, a.len());
        let sum: f64 = a.iter().map(|a| a * a).sum();
        for (i, &(first, total)) in indices.iter().enumerate() {
            let exact = a[i] * a[i] / sum;
            assert!(
                (first - exact).abs() < 0.02,
                "S_{i} = {first}, exact {exact}"
            );
            assert!(
                (total - exact).abs() < 0.02,
                "S_T{i} = {total}, exact {exact}"
            );
        }
    }

    #[test]
    fn an_interaction_shows_in_the_total_index_only() {
        // f = x0 · x1 (centred): no first-order effect of either alone, all of it in interaction.
        let n = 4096;
        let values = blocks(|x| (x[0] - 0.5) * (x[1] - 0.5), n, 3);
        let indices = sobol_indices(&values, n, 3);
        for i in 0..2 {
            assert!(indices[i].0.abs() < 0.05, "first {i}: {:?}", indices[i]);
            assert!(
                (indices[i].1 - 1.0).abs() < 0.05,
                "total {i}: {:?}",
                indices[i]
            );
        }
        assert!(indices[2].1.abs() < 1e-12, "x2 does not enter");
    }

    #[test]
    fn without_variance_every_index_is_zero() {
        let values = vec![0.3; 64 * 5];
        assert!(
            sobol_indices(&values, 64, 3)
                .iter()
                .all(|&(f, t)| f == 0.0 && t == 0.0)
        );
    }
}
