//! The dependency rates of a scenario's first step (MODEL.md step 2): the inflow β_ips and the decay
//! δ_is under the starting inputs, and the hedging the first step uses; computed by the engine's own
//! lever cache and event order, so that calibration sees exactly what the first step uses.

use crate::model::{SECTOR_COUNT, Scenario, TIME_TOL};

use super::error::SimError;
use super::lever_cache::{LeverCache, camp_leads};
use super::prepared::Prepared;

const S: usize = SECTOR_COUNT;

/// β and δ of the first step.
#[derive(Clone, Debug, PartialEq)]
pub struct StartingRates {
    pub n_powers: usize,
    /// β_ips, one sector row per (state, power), states outer.
    pub inflow: Vec<[f64; S]>,
    /// δ_is, one sector row per state, with the talent after the first step's capacity stage.
    pub decay: Vec<[f64; S]>,
    /// η_i, each state's hedging in the first step (after the events dated at or before the start),
    /// from which step 5 takes its susceptibility λ_i.
    pub hedging: Vec<f64>,
}

impl StartingRates {
    /// β of state i and power p, by sector.
    pub fn inflow_of(&self, i: usize, p: usize) -> &[f64; S] {
        &self.inflow[i * self.n_powers + p]
    }
}

/// The rates the first step of `scenario` uses, after the events dated at or before its start.
pub fn starting_rates(scenario: &Scenario) -> Result<StartingRates, SimError> {
    let prep = Prepared::new(scenario)?;
    let c = &prep.constants;
    let (n, p) = (prep.n, prep.p);
    let mut profile = prep.profile.clone();
    for e in prep
        .events
        .iter()
        .filter(|e| e.year - TIME_TOL <= prep.times[0])
    {
        profile.field_mut(e.field)[e.state] = e.value;
    }
    let mut cache = LeverCache::<f64>::new(n, p);
    cache.refresh(&prep, c, &c.lever_influence, &profile, prep.lever_at(0));
    let segment = prep.segment_of_step[0];
    if c.camp_binding > 0.0 && p > 1 && prep.segment_has_export_controls[segment] {
        let mut lead = vec![0.0; n * p];
        camp_leads(&prep.alignment, p, &mut lead);
        cache.bind(&prep, c, &c.lever_influence, Some(&lead), true);
    } else {
        cache.bind(&prep, c, &c.lever_influence, None, true);
    }
    let decay = (0..n)
        .map(|i| {
            let talent = 1.0 - (1.0 - prep.talent[i]) * cache.talent_factor[i];
            std::array::from_fn(|s| {
                (talent * c.talent_substitution + 1.0) * c.decay[s]
                    + prep.defa[i] * c.defa_substitution[s]
            })
        })
        .collect();
    Ok(StartingRates {
        n_powers: p,
        inflow: cache.beta.clone(),
        decay,
        hedging: profile.hedging,
    })
}
