//! Attribution: how much of the difference B − A in one outcome each group of changed inputs
//! accounts for, by Shapley values over hybrid scenarios (A with some groups taken from B).
//!
//! Shapley values are the one split that adds up to the whole difference, treats groups that act
//! alike alike, and credits each group with its average effect over every order in which the
//! changes could be made — so interactions are shared out rather than credited to whichever group
//! happens to be applied last. With g groups that takes 2^g runs: exact up to
//! [`AttributionOptions::max_exact_groups`] (default 10, 1,024 runs), beyond that estimated from
//! seeded random orders (antithetic pairs: each order and its reverse), with a standard error.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::model::{Scenario, TIME_TOL};

use super::analysis_error::AnalysisError;
use super::batch::{lean_copy, run_indexed};
use super::groups::{ChangeGroup, GroupKey, change_groups, hybrid};
use super::outcome::{Outcome, evaluate};
use crate::engine::run;

/// Exact attribution never goes beyond this many groups (2^20 runs), whatever the options say.
pub const MAX_EXACT_GROUPS: usize = 20;

/// One group's share of the difference.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The group, e.g. "China levers".
    pub group: String,
    /// Its Shapley value: positive when it moves the outcome from A's value toward B's side.
    pub value: f64,
    /// Standard error of a sampled estimate; `None` when exact.
    pub std_error: Option<f64>,
}

/// The split of B − A in one outcome among the groups of changed inputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    /// The outcome in A.
    pub outcome_a: f64,
    /// The outcome in B.
    pub outcome_b: f64,
    /// `outcome_b − outcome_a`; the contributions add up to it.
    pub total: f64,
    /// Sorted by |value|, largest first (ties keep the group order).
    pub contributions: Vec<Contribution>,
    /// True for exact Shapley values, false for a sampled estimate.
    pub exact: bool,
    /// The largest standard error of a sampled contribution; `None` when exact.
    pub std_error: Option<f64>,
    /// Number of model runs it took.
    pub runs: usize,
}

/// How to attribute.
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionOptions {
    /// Exact Shapley values up to this many groups (at most [`MAX_EXACT_GROUPS`]).
    pub max_exact_groups: usize,
    /// Random orders to sample beyond that (rounded up to an even number: orders come in pairs).
    pub permutations: usize,
    /// Seed of the ChaCha8 generator that draws the orders.
    pub seed: u64,
}

impl Default for AttributionOptions {
    fn default() -> Self {
        Self {
            max_exact_groups: 10,
            permutations: 200,
            seed: 2025,
        }
    }
}

/// An attribution ready to run: the groups are known and so is the number of runs, so a caller can
/// show them (and a progress bar) before starting.
#[derive(Clone, Debug)]
pub struct AttributionPlan {
    a: Scenario,
    b: Scenario,
    groups: Vec<ChangeGroup>,
    outcome: Outcome,
    /// Sampled orders, each followed by its reverse; empty when exact.
    orders: Vec<Vec<usize>>,
    /// The coalitions (bit k = group k from B) to run, sorted.
    coalitions: Vec<u128>,
}

impl AttributionPlan {
    /// Finds the groups that differ and the runs needed.
    pub fn new(
        a: &Scenario,
        b: &Scenario,
        outcome: &Outcome,
        options: &AttributionOptions,
    ) -> Result<Self, AnalysisError> {
        if !outcome.fits_scenario(a) {
            return Err(AnalysisError::Request(
                "the outcome names a state, power or pole the scenarios do not have".into(),
            ));
        }
        if options.max_exact_groups > MAX_EXACT_GROUPS {
            return Err(AnalysisError::Request(format!(
                "exact attribution is limited to {MAX_EXACT_GROUPS} groups (2^{MAX_EXACT_GROUPS} runs)"
            )));
        }
        if !(2..=100_000).contains(&options.permutations) {
            return Err(AnalysisError::Request(format!(
                "permutations = {}: must be 2 to 100000",
                options.permutations
            )));
        }
        let groups = change_groups(a, b)?;
        let g = groups.len();
        if g > 127 {
            return Err(AnalysisError::Request(format!(
                "{g} groups of changes: at most 127 can be attributed"
            )));
        }
        let full = (1u128 << g) - 1;
        let (orders, coalitions) = if g <= options.max_exact_groups {
            (Vec::new(), (0..=full).collect())
        } else {
            let orders = sample_orders(g, options.permutations.div_ceil(2), options.seed);
            let mut masks: Vec<u128> = orders.iter().flat_map(|o| prefixes(o)).collect();
            masks.sort_unstable();
            masks.dedup();
            (orders, masks)
        };
        check_step_rule(a, b, &groups, &coalitions)?;
        Ok(Self {
            a: lean_copy(a),
            b: lean_copy(b),
            groups,
            outcome: *outcome,
            orders,
            coalitions,
        })
    }

    /// The groups of changes, in group order (states, powers, levers, ASEAN, events, constants…).
    pub fn group_labels(&self) -> Vec<&str> {
        self.groups.iter().map(|g| g.label.as_str()).collect()
    }

    /// Number of model runs [`AttributionPlan::run`] will make (the total for a progress bar).
    pub fn runs(&self) -> usize {
        self.coalitions.len()
    }

    /// Whether the result will be exact.
    pub fn is_exact(&self) -> bool {
        self.orders.is_empty()
    }

    /// Runs every hybrid in parallel (deterministic for any thread count) and splits the difference.
    pub fn run(
        &self,
        cancel: &AtomicBool,
        progress: &AtomicUsize,
    ) -> Result<Attribution, AnalysisError> {
        let values = run_indexed(self.coalitions.len(), cancel, progress, |k| {
            let h = hybrid(&self.a, &self.b, &self.groups, self.coalitions[k]);
            Ok(evaluate(&run(&h)?, &self.outcome))
        })?;
        let value_of = |mask: u128| -> f64 {
            // Every coalition asked for was run, so the search always finds it.
            self.coalitions
                .binary_search(&mask)
                .map_or(f64::NAN, |k| values[k])
        };
        let g = self.groups.len();
        let full = if g == 0 { 0 } else { (1u128 << g) - 1 };
        let (outcome_a, outcome_b) = (value_of(0), value_of(full));
        let (estimates, errors) = if self.is_exact() {
            (exact_shapley(g, &values), vec![None; g])
        } else {
            sampled_shapley(g, &self.orders, value_of)
        };
        let mut contributions: Vec<Contribution> = self
            .groups
            .iter()
            .zip(estimates.iter().zip(&errors))
            .map(|(group, (value, se))| Contribution {
                group: group.label.clone(),
                value: *value,
                std_error: *se,
            })
            .collect();
        contributions.sort_by(|x, y| y.value.abs().total_cmp(&x.value.abs()));
        let std_error = errors.iter().flatten().copied().reduce(f64::max);
        Ok(Attribution {
            outcome_a,
            outcome_b,
            total: outcome_b - outcome_a,
            contributions,
            exact: self.is_exact(),
            std_error,
            runs: self.runs(),
        })
    }
}

/// Attribution with the default options, no cancel and no progress.
pub fn attribute(
    a: &Scenario,
    b: &Scenario,
    outcome: &Outcome,
) -> Result<Attribution, AnalysisError> {
    let never = AtomicBool::new(false);
    let progress = AtomicUsize::new(0);
    attribute_with(
        a,
        b,
        outcome,
        &AttributionOptions::default(),
        &never,
        &progress,
    )
}

/// Attribution with options; stops with [`AnalysisError::Cancelled`] when `cancel` is set and counts
/// finished runs in `progress` (of [`AttributionPlan::runs`]).
pub fn attribute_with(
    a: &Scenario,
    b: &Scenario,
    outcome: &Outcome,
    options: &AttributionOptions,
    cancel: &AtomicBool,
    progress: &AtomicUsize,
) -> Result<Attribution, AnalysisError> {
    AttributionPlan::new(a, b, outcome, options)?.run(cancel, progress)
}

/// The one validity rule that spans two groups: MODEL.md's h ≤ τ ties the time settings to the
/// constants, so A's steps with B's `adjustment_years` (or the reverse) may not be a scenario. Every
/// other rule concerns inputs inside one group, which are valid in A and in B. Checked for every
/// coalition before any run, in coalition order, so the error is the same whatever the threads do.
fn check_step_rule(
    a: &Scenario,
    b: &Scenario,
    groups: &[ChangeGroup],
    coalitions: &[u128],
) -> Result<(), AnalysisError> {
    let bit = |key: GroupKey| {
        groups
            .iter()
            .position(|g| g.key == key)
            .map_or(0, |k| 1u128 << k)
    };
    let (time_bit, constants_bit) = (bit(GroupKey::Time), bit(GroupKey::Constants));
    for &mask in coalitions {
        let time = if mask & time_bit != 0 {
            &b.time
        } else {
            &a.time
        };
        let constants = if mask & constants_bit != 0 {
            &b.constants
        } else {
            &a.constants
        };
        if time.step() <= constants.adjustment_years + TIME_TOL {
            continue;
        }
        let from_b: Vec<&str> = (0..groups.len())
            .filter(|k| mask & (1u128 << k) != 0)
            .map(|k| groups[k].label.as_str())
            .collect();
        let which = if from_b.is_empty() {
            "A".to_string()
        } else if from_b.len() == groups.len() {
            "B".to_string()
        } else {
            format!("A with B's {}", from_b.join(", "))
        };
        return Err(AnalysisError::Hybrid(format!(
            "{which} has a time step of {} years, longer than adjustment_years = {}, so it is not a \
             valid scenario (MODEL.md: h ≤ τ) and the difference cannot be split",
            time.step(),
            constants.adjustment_years
        )));
    }
    Ok(())
}

/// Exact Shapley values from the values of all 2^g coalitions (index = mask):
/// φ_k = Σ_{S ∌ k} |S|! (g − |S| − 1)! / g! · (v(S ∪ k) − v(S)).
pub(crate) fn exact_shapley(g: usize, values: &[f64]) -> Vec<f64> {
    // weight[s] = s! (g − s − 1)! / g! = 1 / (g · C(g − 1, s)).
    let mut weight = vec![0.0; g.max(1)];
    let mut binom = 1.0f64;
    for (s, w) in weight.iter_mut().enumerate().take(g) {
        *w = 1.0 / (g as f64 * binom);
        binom = binom * (g - 1 - s) as f64 / (s + 1) as f64;
    }
    (0..g)
        .map(|k| {
            let bit = 1usize << k;
            let mut phi = 0.0;
            for mask in 0..values.len() {
                if mask & bit == 0 {
                    let s = mask.count_ones() as usize;
                    phi += weight[s] * (values[mask | bit] - values[mask]);
                }
            }
            phi
        })
        .collect()
}

/// `pairs` random orders of the g groups, each followed by its reverse.
fn sample_orders(g: usize, pairs: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut orders = Vec::with_capacity(2 * pairs);
    for _ in 0..pairs {
        let mut order: Vec<usize> = (0..g).collect();
        order.shuffle(&mut rng);
        let reversed: Vec<usize> = order.iter().rev().copied().collect();
        orders.push(order);
        orders.push(reversed);
    }
    orders
}

/// The coalitions met along an order: ∅, {o_0}, {o_0, o_1}, … all.
fn prefixes(order: &[usize]) -> Vec<u128> {
    let mut mask = 0u128;
    let mut out = vec![0u128];
    for &k in order {
        mask |= 1u128 << k;
        out.push(mask);
    }
    out
}

/// Mean marginal contribution over sampled orders, with its standard error. The sample unit is an
/// antithetic pair (the mean of an order and its reverse), so the error counts pairs.
fn sampled_shapley(
    g: usize,
    orders: &[Vec<usize>],
    value_of: impl Fn(u128) -> f64,
) -> (Vec<f64>, Vec<Option<f64>>) {
    let pairs = orders.len() / 2;
    let mut samples = vec![vec![0.0; pairs]; g];
    for (o, order) in orders.iter().enumerate() {
        let mut mask = 0u128;
        let mut before = value_of(0);
        for &k in order {
            mask |= 1u128 << k;
            let after = value_of(mask);
            samples[k][o / 2] += 0.5 * (after - before);
            before = after;
        }
    }
    let mut means = Vec::with_capacity(g);
    let mut errors = Vec::with_capacity(g);
    for s in &samples {
        let n = s.len() as f64;
        let mean = s.iter().sum::<f64>() / n;
        means.push(mean);
        errors.push((pairs >= 2).then(|| {
            let var = s.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
            (var / n).sqrt()
        }));
    }
    (means, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_shapley_of_an_additive_game_is_each_players_worth() {
        // v(S) = Σ_{k ∈ S} (k + 1): each group adds its own worth whatever came before.
        let g = 4;
        let values: Vec<f64> = (0..1usize << g)
            .map(|m| {
                (0..g)
                    .filter(|k| m & (1 << k) != 0)
                    .map(|k| (k + 1) as f64)
                    .sum()
            })
            .collect();
        let phi = exact_shapley(g, &values);
        for (k, v) in phi.iter().enumerate() {
            assert!((v - (k + 1) as f64).abs() < 1e-12, "{phi:?}");
        }
    }

    #[test]
    fn exact_shapley_shares_an_interaction_equally() {
        // v = 1 only when both groups are present.
        let phi = exact_shapley(2, &[0.0, 0.0, 0.0, 1.0]);
        assert_eq!(phi, vec![0.5, 0.5]);
    }
}
