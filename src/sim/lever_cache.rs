//! The terms of a step that change only when the lever tensor, the profile (events) or an ensemble
//! member's lever noise change: effective intensities, capacity factors, dependency inflow rates and
//! the lever part of the pull on alignment. The engine recomputes them then and reuses them for every
//! step in between, which changes no bit of the result.

use crate::model::{Constants, LeverKind, SECTOR_COUNT};

use super::fast_exp::{exp_m1, exp_neg_scaled};
use super::prepared::{L, Prepared, Profile};

const IF: usize = LeverKind::InfrastructureFinance as usize;
const EC: usize = LeverKind::ExportControls as usize;
const CB: usize = LeverKind::CapacityBuilding as usize;
const S: usize = SECTOR_COUNT;
/// The cloud sector, the one the localisation shield applies to.
const CLOUD: usize = 1;

pub(crate) struct LeverCache {
    /// Effective intensities ã, one row of lever kinds per (state, power).
    eff: Vec<[f64; L]>,
    /// `exp(−r_I (1 − ε_E)(1 + k_IF Σ ã_IF) h)` per state.
    pub infra_factor: Vec<f64>,
    /// `exp(−r_H (1 + k_CB Σ ã_CB) h)` per state.
    pub talent_factor: Vec<f64>,
    /// β per (state, power), by sector.
    pub beta: Vec<[f64; S]>,
    /// Σ_p β per state, by sector.
    pub bsum: Vec<[f64; S]>,
    /// `−expm1(−Bsum h)` per state, by sector.
    pub inflow_decay: Vec<[f64; S]>,
    /// Σ_l ω_l ã per (state, power).
    pub lever_pull: Vec<f64>,
}

impl LeverCache {
    pub fn new(n: usize, p: usize) -> Self {
        Self {
            eff: vec![[0.0; L]; n * p],
            infra_factor: vec![0.0; n],
            talent_factor: vec![0.0; n],
            beta: vec![[0.0; S]; n * p],
            bsum: vec![[0.0; S]; n],
            inflow_decay: vec![[0.0; S]; n],
            lever_pull: vec![0.0; n * p],
        }
    }

    /// Recomputes every cached term from the lever tensor `lev` (one row per (state, power)).
    pub fn refresh(&mut self, prep: &Prepared, c: &Constants, profile: &Profile, lev: &[[f64; L]]) {
        let (p, h) = (prep.p, prep.h);
        // ã_ipl = cap_p · Lev_ipl · (1 − π_p + π_p γ_i).
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
                    *e = reach * l;
                }
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
        for (i, ((((eff_i, beta_i), pull_i), (infra_rate, talent_rate)), bsum)) in states {
            let (mut sum_if, mut sum_cb) = (0.0, 0.0);
            for e in eff_i {
                sum_if += e[IF];
                sum_cb += e[CB];
            }
            // Rates now, factors in one vectorised pass below.
            *infra_rate = c.infrastructure_rate
                * (1.0 - c.energy_constraint)
                * (1.0 + c.infrastructure_finance_boost * sum_if);
            *talent_rate = c.talent_rate * (1.0 + c.capacity_building_boost * sum_cb);

            let vul = 1.0
                - c.vulnerability_scale * (profile.ecosystem[i] + profile.competitiveness[i]) / 2.0;
            let mut shield = [1.0; S];
            shield[CLOUD] = 1.0 - c.localisation_shield * profile.localisation[i];
            *bsum = [0.0; S];
            for (q, ((e, beta), pull_q)) in eff_i.iter().zip(beta_i).zip(pull_i).enumerate() {
                // A power's own export controls never cut its own inflow.
                let mut others_ec = 0.0;
                for (r, other) in eff_i.iter().enumerate() {
                    if r != q {
                        others_ec += other[EC];
                    }
                }
                // m_ps + Σ_l Φ_ls ã_ipl; Φ's zero entries add exact zeros, in the order of MODEL.md.
                let mut pull = prep.sector_pull[q];
                for (row, a) in c.lever_sector.iter().zip(e) {
                    for (v, f) in pull.iter_mut().zip(row) {
                        *v += f * a;
                    }
                }
                for s in 0..S {
                    let cut = (1.0 - c.export_control_cut[s] * others_ec).max(0.0);
                    beta[s] = vul * pull[s] * cut * shield[s];
                    bsum[s] += beta[s];
                }
                let mut levers = 0.0;
                for (w, a) in c.lever_influence.iter().zip(e) {
                    levers += w * a;
                }
                *pull_q = levers;
            }
        }
        exp_neg_scaled(&mut self.infra_factor, h);
        exp_neg_scaled(&mut self.talent_factor, h);
        for (out, bsum) in self
            .inflow_decay
            .as_flattened_mut()
            .iter_mut()
            .zip(self.bsum.as_flattened())
        {
            *out = -exp_m1(-bsum * h);
        }
    }
}
