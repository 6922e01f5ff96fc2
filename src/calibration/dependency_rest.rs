//! Rest-point sector pulls: each power's baseline market pull m_ps chosen so that the starting
//! dependencies are, as nearly as one pull per power and sector allows, the rest point of the
//! dependency stage (MODEL.md steps 2–3) under the starting inputs. Without it the technology stocks
//! drift toward a rest point no source put there, and carry the alignments with them through lock-in.
//!
//! At the rest point `β_ips R_is = δ_is D_ips`, so the exact inflow is `β*_ips = δ_is D_ips / R_is`.
//! β is linear in the pull, `β_ips = c_ips (m_ps + e_ips)` (c: exposure and rivals' export-control
//! cut; e: the levers' sector terms), so m_ps is the least-squares fit over the states of
//! `c_ips m = β*_ips − c_ips e_ips`, kept in [0, 1]. c and c·e are read from the engine by two probes
//! (every pull 0, every pull 1).

use crate::engine::{SimError, StartingRates, starting_rates};
use crate::model::{SECTOR_COUNT, Scenario};

const S: usize = SECTOR_COUNT;

/// The fitted pulls and how far each state's starting dependency stays from its rest point.
#[derive(Clone, Debug, PartialEq)]
pub struct SectorPullFit {
    /// m_ps, one sector row per power (in the scenario's order).
    pub sector_pull: Vec<[f64; S]>,
    /// Per state (in order): mean |D*_ips − D_ips| over powers and sectors under the fitted pulls.
    pub residual: Vec<f64>,
}

/// The rest-point sector pulls of `scenario` under its own constants and levers.
pub fn rest_point_sector_pull(scenario: &Scenario) -> Result<SectorPullFit, SimError> {
    let with_pull = |value: f64| -> Result<StartingRates, SimError> {
        let mut probe = scenario.clone();
        for power in &mut probe.powers {
            power.sector_pull = [value; S];
        }
        starting_rates(&probe)
    };
    let (zero, unit) = (with_pull(0.0)?, with_pull(1.0)?);
    let (n, p) = (scenario.states.len(), scenario.powers.len());
    let mut sector_pull = Vec::with_capacity(p);
    for q in 0..p {
        let mut row = scenario.powers[q].sector_pull;
        for (s, pull) in row.iter_mut().enumerate() {
            let (mut num, mut den) = (0.0, 0.0);
            for (i, state) in scenario.states.iter().enumerate() {
                let unused = 1.0 - state.dependency.iter().map(|d| d[s]).sum::<f64>();
                if unused <= 1e-9 {
                    continue; // a saturated market has no finite rest inflow
                }
                let exact = zero.decay[i][s] * state.dependency[q][s] / unused;
                let levers = zero.inflow_of(i, q)[s];
                let exposure = unit.inflow_of(i, q)[s] - levers;
                num += exposure * (exact - levers);
                den += exposure * exposure;
            }
            if den > 0.0 {
                *pull = (num / den).clamp(0.0, 1.0);
            }
        }
        sector_pull.push(row);
    }
    let mut fitted = scenario.clone();
    for (power, row) in fitted.powers.iter_mut().zip(&sector_pull) {
        power.sector_pull = *row;
    }
    let rates = starting_rates(&fitted)?;
    let residual = (0..n)
        .map(|i| {
            let state = &scenario.states[i];
            let mut total = 0.0;
            for s in 0..S {
                let bsum: f64 = (0..p).map(|q| rates.inflow_of(i, q)[s]).sum();
                let gamma = rates.decay[i][s] + bsum;
                for q in 0..p {
                    let rest = rates.inflow_of(i, q)[s] / gamma;
                    total += (rest - state.dependency[q][s]).abs();
                }
            }
            total / (p * S) as f64
        })
        .collect();
    Ok(SectorPullFit {
        sector_pull,
        residual,
    })
}

/// Writes the pulls into the scenario's powers (matched by position; the fit keeps the order).
pub fn set_sector_pull(scenario: &mut Scenario, fit: &SectorPullFit) {
    for (power, row) in scenario.powers.iter_mut().zip(&fit.sector_pull) {
        power.sector_pull = *row;
    }
}
