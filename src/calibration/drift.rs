//! Why a calibrated scenario moves: its 2025→end drift (mean TV of the alignments from the start)
//! split by Shapley values among the channels that can move a scenario at rest — DEFA coming into
//! force, capacity growth (infrastructure and talent), lock-in (dependency pulling alignment), and
//! scheduled events. Each channel is switched off the only way the model allows: DEFA never in force,
//! capacity rates 0, lock-in 0 with the anchors put back at rest, events removed.

use crate::engine::{SimError, run};
use crate::model::Scenario;

use super::rest_point::{rest_point_anchors, set_anchors};
use super::stylised::drift;

/// The channels, in report order.
pub const DRIFT_CHANNELS: [&str; 4] = ["DEFA", "capacity growth", "lock-in", "events"];

/// The drift and its Shapley split (the parts add up to `total` minus the drift with every
/// channel off, `residual`).
#[derive(Clone, Debug, PartialEq)]
pub struct DriftExplanation {
    /// Mean TV per state between the start and the end of the horizon.
    pub total: f64,
    /// One value per [`DRIFT_CHANNELS`] entry.
    pub parts: [f64; 4],
    /// The drift with every channel off (what the simplex residuals and peers leave).
    pub residual: f64,
}

/// Splits `scenario`'s drift among the channels (16 runs).
pub fn explain_drift(scenario: &Scenario) -> Result<DriftExplanation, SimError> {
    let n = DRIFT_CHANNELS.len();
    let mut value = vec![0.0; 1 << n];
    for (mask, v) in value.iter_mut().enumerate() {
        // Bit c set: channel c is on.
        let mut s = scenario.clone();
        if mask & 1 == 0 {
            s.asean.defa_in_force_year = s.time.end_year + 1.0;
        }
        if mask & 2 == 0 {
            s.constants.infrastructure_rate = 0.0;
            s.constants.talent_rate = 0.0;
        }
        if mask & 4 == 0 {
            s.constants.lock_in = 0.0;
            let rest = rest_point_anchors(&s)?;
            set_anchors(&mut s, &rest);
        }
        if mask & 8 == 0 {
            s.events.clear();
        }
        let r = run(&s)?;
        *v = drift(&r, r.len() - 1).0;
    }
    let factorial = |k: usize| (1..=k).product::<usize>() as f64;
    let mut parts = [0.0; 4];
    for (c, part) in parts.iter_mut().enumerate() {
        for (mask, v) in value.iter().enumerate() {
            if mask & (1 << c) != 0 {
                continue;
            }
            let size = mask.count_ones() as usize;
            let weight = factorial(size) * factorial(n - size - 1) / factorial(n);
            *part += weight * (value[mask | (1 << c)] - v);
        }
    }
    Ok(DriftExplanation {
        total: value[(1 << n) - 1],
        parts,
        residual: value[0],
    })
}
