//! The terms of a step that change only when the lever tensor, the profile (events), an ensemble
//! member's lever noise or — under camp binding — the states' leads change: effective intensities,
//! capacity factors, dependency inflow rates and the lever part of the pull on alignment. The engine
//! recomputes them then and reuses them for every step in between, which changes no bit of the
//! result.

use crate::model::{Constants, LeverKind, SECTOR_COUNT};

use super::lanes::{Real, exp_neg_scaled};
use super::prepared::{L, Prepared, Profile};

const IF: usize = LeverKind::InfrastructureFinance as usize;
const EC: usize = LeverKind::ExportControls as usize;
const CB: usize = LeverKind::CapacityBuilding as usize;
const S: usize = SECTOR_COUNT;
/// The cloud sector, the one the localisation shield applies to.
const CLOUD: usize = 1;

pub(crate) struct LeverCache<V> {
    /// Effective intensities ã, one row of lever kinds per (state, power).
    eff: Vec<[V; L]>,
    /// `exp(−r_I (1 − ε_E)(1 + k_IF Σ ã_IF) h)` per state.
    pub infra_factor: Vec<V>,
    /// `exp(−r_H (1 + k_CB Σ ã_CB) h)` per state.
    pub talent_factor: Vec<V>,
    /// β per (state, power), by sector.
    pub beta: Vec<[V; S]>,
    /// Σ_p β per state, by sector.
    pub bsum: Vec<[V; S]>,
    /// `−expm1(−Bsum h)` per state, by sector: the share of the unused market that flows in over a
    /// step. With it a step of the dependency update needs one division per sector.
    pub inflow: Vec<[V; S]>,
    /// Σ_l ω_l ã per (state, power).
    pub lever_pull: Vec<V>,
}

impl<V: Real> LeverCache<V> {
    pub fn new(n: usize, p: usize) -> Self {
        Self {
            eff: vec![[V::default(); L]; n * p],
            infra_factor: vec![V::default(); n],
            talent_factor: vec![V::default(); n],
            beta: vec![[V::default(); S]; n * p],
            bsum: vec![[V::default(); S]; n],
            inflow: vec![[V::default(); S]; n],
            lever_pull: vec![V::default(); n * p],
        }
    }

    /// Recomputes every cached term from the lever tensor `lev` (one row per (state, power)), the
    /// lever influences ω (perturbed per ensemble member; `c.lever_influence` is not read) and, under
    /// camp binding, each (state, power)'s lead over its rivals at t_k (`None` when ν does not apply).
    #[inline(always)]
    pub fn refresh(
        &mut self,
        prep: &Prepared,
        c: &Constants,
        omega: &[V; L],
        profile: &Profile,
        lev: &[[V; L]],
        lead: Option<&[V]>,
    ) {
        let (p, h) = (prep.p, prep.h);
        // ã_ipl = cap_p · Lev_ipl · (1 − π_p + π_p γ_i) · (1 + ν lead_ip [l = EC]).
        for ((eff_i, lev_i), gov) in self
            .eff
            .chunks_exact_mut(p)
            .zip(lev.chunks_exact(p))
            .zip(&profile.governance)
        {
            for (((eff, lev), cap), cond) in eff_i
                .iter_mut()
                .zip(lev_i)
                .zip(&prep.capability)
                .zip(&prep.conditionality)
            {
                let reach = cap * (1.0 - cond + cond * gov);
                for (e, l) in eff.iter_mut().zip(lev) {
                    *e = *l * reach;
                }
            }
        }
        if let Some(lead) = lead {
            for (eff, lead) in self.eff.iter_mut().zip(lead) {
                eff[EC] = eff[EC] * (*lead * c.camp_binding + 1.0);
            }
        }

        let states = self
            .eff
            .chunks_exact(p)
            .zip(self.beta.chunks_exact_mut(p))
            .zip(self.lever_pull.chunks_exact_mut(p))
            .zip(self.infra_factor.iter_mut().zip(&mut self.talent_factor))
            .zip(&mut self.bsum)
            .enumerate();
        let infra_base = c.infrastructure_rate * (1.0 - c.energy_constraint);
        for (i, ((((eff_i, beta_i), pull_i), (infra_rate, talent_rate)), bsum)) in states {
            let (mut sum_if, mut sum_cb) = (V::default(), V::default());
            for e in eff_i {
                sum_if += e[IF];
                sum_cb += e[CB];
            }
            // Rates now, factors in one vectorised pass below.
            *infra_rate = (sum_if * c.infrastructure_finance_boost + 1.0) * infra_base;
            *talent_rate = (sum_cb * c.capacity_building_boost + 1.0) * c.talent_rate;

            let vul = 1.0
                - c.vulnerability_scale * (profile.ecosystem[i] + profile.competitiveness[i]) / 2.0;
            let mut shield = [1.0; S];
            shield[CLOUD] = 1.0 - c.localisation_shield * profile.localisation[i];
            *bsum = [V::default(); S];
            for (q, ((e, beta), pull_q)) in eff_i.iter().zip(beta_i).zip(pull_i).enumerate() {
                // A power's own export controls never cut its own inflow.
                let mut others_ec = V::default();
                for (r, other) in eff_i.iter().enumerate() {
                    if r != q {
                        others_ec += other[EC];
                    }
                }
                // m_ps + Σ_l Φ_ls ã_ipl; Φ's zero entries add exact zeros, in the order of MODEL.md.
                let mut pull = prep.sector_pull[q].map(V::splat);
                for (row, a) in c.lever_sector.iter().zip(e) {
                    for (v, f) in pull.iter_mut().zip(row) {
                        *v += *a * *f;
                    }
                }
                for s in 0..S {
                    let cut = (V::splat(1.0) - others_ec * c.export_control_cut[s])
                        .lane_max(V::default());
                    beta[s] = pull[s] * vul * cut * shield[s];
                    bsum[s] += beta[s];
                }
                let mut levers = V::default();
                for (w, a) in omega.iter().zip(e) {
                    levers += *w * *a;
                }
                *pull_q = levers;
            }
        }
        exp_neg_scaled(&mut self.infra_factor, h);
        exp_neg_scaled(&mut self.talent_factor, h);
        for (out, bsum) in self
            .inflow
            .as_flattened_mut()
            .iter_mut()
            .zip(self.bsum.as_flattened())
        {
            *out = -(-*bsum * h).fast_exp_m1();
        }
    }
}

/// `lead_ip = max(0, x_ip − max_{q≠p} x_iq)` over the powers only (the autonomy share is ignored),
/// one value per (state, power), from the alignments `x` (N × K, K = P + 1). With one power every
/// lead is 0.
#[inline(always)]
pub(crate) fn camp_leads<V: Real>(x: &[V], p: usize, lead: &mut [V]) {
    let k = p + 1;
    for (x_i, lead_i) in x.chunks_exact(k).zip(lead.chunks_exact_mut(p)) {
        let powers = &x_i[..p];
        for (q, out) in lead_i.iter_mut().enumerate() {
            let mut rival: Option<V> = None;
            for (r, v) in powers.iter().enumerate() {
                if r != q {
                    rival = Some(rival.map_or(*v, |m| m.lane_max(*v)));
                }
            }
            *out = match rival {
                Some(rival) => (powers[q] - rival).lane_max(V::default()),
                None => V::default(),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::camp_leads;

    #[test]
    fn a_lead_is_the_margin_over_the_strongest_rival_power() {
        // Two states, three powers and the autonomy pole.
        let x = [0.5, 0.2, 0.1, 0.2, 0.1, 0.3, 0.2, 0.4];
        let mut lead = [f64::NAN; 6];
        camp_leads(&x, 3, &mut lead);
        // State 1 leans to power 0 by 0.3; state 2's largest share is autonomy, yet it leans to
        // power 1 by 0.1 among the powers.
        let want = [0.3, 0.0, 0.0, 0.0, 0.1, 0.0];
        for (got, want) in lead.iter().zip(want) {
            assert!((got - want).abs() < 1e-15, "{lead:?}");
        }
    }

    #[test]
    fn with_one_power_there_is_no_lead() {
        let mut lead = [f64::NAN; 2];
        camp_leads(&[0.9, 0.1, 0.2, 0.8], 1, &mut lead);
        assert_eq!(lead, [0.0, 0.0]);
    }
}
