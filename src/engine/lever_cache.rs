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
    /// Effective intensities ã before camp binding, one row of lever kinds per (state, power).
    eff: Vec<[V; L]>,
    /// `exp(−r_I (1 − ε_E)(1 + k_IF Σ ã_IF) h)` per state.
    pub infra_factor: Vec<V>,
    /// `exp(−r_H (1 + k_CB Σ ã_CB) h)` per state.
    pub talent_factor: Vec<V>,
    /// `m_ps + Σ_l Φ_ls ã_ipl` per (state, power), by sector, with ã before camp binding.
    sector_pull: Vec<[V; S]>,
    /// `Σ_l ω_l ã_ipl` per (state, power), with ã before camp binding.
    unbound_lever_pull: Vec<V>,
    /// `vul_i · shield_is` per state, by sector.
    exposure: Vec<[f64; S]>,
    /// Export-control intensity `ã_ip,EC` after camp binding, per (state, power).
    export_controls: Vec<V>,
    /// β per (state, power), by sector.
    pub beta: Vec<[V; S]>,
    /// Σ_p β per state, by sector.
    pub bsum: Vec<[V; S]>,
    /// `−expm1(−Bsum h)` per state, by sector: the share of the unused market that flows in over a
    /// step. With it a step of the dependency update needs one division per sector.
    pub inflow: Vec<[V; S]>,
    /// Σ_l ω_l ã per (state, power), after camp binding.
    pub lever_pull: Vec<V>,
}

impl<V: Real> LeverCache<V> {
    pub fn new(n: usize, p: usize) -> Self {
        Self {
            eff: vec![[V::default(); L]; n * p],
            infra_factor: vec![V::default(); n],
            talent_factor: vec![V::default(); n],
            sector_pull: vec![[V::default(); S]; n * p],
            unbound_lever_pull: vec![V::default(); n * p],
            exposure: vec![[0.0; S]; n],
            export_controls: vec![V::default(); n * p],
            beta: vec![[V::default(); S]; n * p],
            bsum: vec![[V::default(); S]; n],
            inflow: vec![[V::default(); S]; n],
            lever_pull: vec![V::default(); n * p],
        }
    }

    /// Recomputes the terms that depend on the lever tensor `lev` (one row per (state, power)), the
    /// lever influences ω (perturbed per ensemble member; `c.lever_influence` is not read) and the
    /// profile. [`Self::bind`] must follow before the rates are read.
    #[inline(always)]
    pub fn refresh(
        &mut self,
        prep: &Prepared,
        c: &Constants,
        omega: &[V; L],
        profile: &Profile,
        lev: &[[V; L]],
    ) {
        let (p, h) = (prep.p, prep.h);
        // ã_ipl = cap_p · Lev_ipl · (1 − π_p + π_p γ_i), before camp binding.
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

        let states = self
            .eff
            .chunks_exact(p)
            .zip(self.sector_pull.chunks_exact_mut(p))
            .zip(self.unbound_lever_pull.chunks_exact_mut(p))
            .zip(self.infra_factor.iter_mut().zip(&mut self.talent_factor))
            .zip(&mut self.exposure)
            .enumerate();
        let infra_base = c.infrastructure_rate * (1.0 - c.energy_constraint);
        for (i, ((((eff_i, sector_pull_i), levers_i), (infra_rate, talent_rate)), exposure)) in
            states
        {
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
            *exposure = [vul; S];
            exposure[CLOUD] *= 1.0 - c.localisation_shield * profile.localisation[i];
            for (q, ((e, pull), levers)) in
                eff_i.iter().zip(sector_pull_i).zip(levers_i).enumerate()
            {
                // m_ps + Σ_l Φ_ls ã_ipl; Φ's zero entries add exact zeros, in the order of MODEL.md.
                *pull = prep.sector_pull[q].map(V::splat);
                for (row, a) in c.lever_sector.iter().zip(e) {
                    for (v, f) in pull.iter_mut().zip(row) {
                        *v += *a * *f;
                    }
                }
                *levers = V::default();
                for (w, a) in omega.iter().zip(e) {
                    *levers += *w * *a;
                }
            }
        }
        exp_neg_scaled(&mut self.infra_factor, h);
        exp_neg_scaled(&mut self.talent_factor, h);
    }

    /// Applies camp binding to the export controls and recomputes what they reach: the dependency
    /// inflow rates β (the cut of rivals' inflow, and Φ's export-control row) and the lever pull
    /// (ω's export-control term). `lead` holds each (state, power)'s lead over its rivals at t_k;
    /// `None` where ν does not apply, which leaves ã as [`Self::refresh`] computed it.
    ///
    /// `since_refresh`: whether [`Self::refresh`] ran since the last call. If not, only the sectors
    /// export controls reach (`ε_s ≠ 0` or `Φ_EC,s ≠ 0`) are recomputed: in every other sector β
    /// does not depend on ã_EC, so recomputing it would give the same bits.
    #[inline(always)]
    pub fn bind(
        &mut self,
        prep: &Prepared,
        c: &Constants,
        omega: &[V; L],
        lead: Option<&[V]>,
        since_refresh: bool,
    ) {
        let (p, h) = (prep.p, prep.h);
        let reached: [bool; S] = std::array::from_fn(|s| {
            since_refresh || c.export_control_cut[s] != 0.0 || c.lever_sector[EC][s] != 0.0
        });
        // ã_ip,EC · (1 + ν lead_ip); what binding adds is carried into the sums below.
        for (i, (out, eff)) in self.export_controls.iter_mut().zip(&self.eff).enumerate() {
            *out = match lead {
                Some(lead) => eff[EC] * (lead[i] * c.camp_binding + 1.0),
                None => eff[EC],
            };
        }
        let states = self
            .eff
            .chunks_exact(p)
            .zip(self.export_controls.chunks_exact(p))
            .zip(self.sector_pull.chunks_exact(p))
            .zip(self.unbound_lever_pull.chunks_exact(p))
            .zip(
                self.beta
                    .chunks_exact_mut(p)
                    .zip(self.lever_pull.chunks_exact_mut(p)),
            )
            .zip(self.bsum.iter_mut().zip(&self.exposure));
        for (((((eff_i, ec_i), pull_i), levers_i), (beta_i, lever_pull_i)), (bsum, exposure)) in
            states
        {
            for s in 0..S {
                if reached[s] {
                    bsum[s] = V::default();
                }
            }
            for (q, (((eff, ec), pull), (beta, (levers, lever_pull)))) in eff_i
                .iter()
                .zip(ec_i)
                .zip(pull_i)
                .zip(
                    beta_i
                        .iter_mut()
                        .zip(levers_i.iter().zip(lever_pull_i.iter_mut())),
                )
                .enumerate()
            {
                let bound = *ec - eff[EC];
                // A power's own export controls never cut its own inflow.
                let mut others_ec = V::default();
                for (r, other) in ec_i.iter().enumerate() {
                    if r != q {
                        others_ec += *other;
                    }
                }
                for s in (0..S).filter(|&s| reached[s]) {
                    let cut = (V::splat(1.0) - others_ec * c.export_control_cut[s])
                        .lane_max(V::default());
                    let pull = pull[s] + bound * c.lever_sector[EC][s];
                    beta[s] = pull * cut * exposure[s];
                    bsum[s] += beta[s];
                }
                *lever_pull = *levers + bound * omega[EC];
            }
        }
        for (out, bsum) in self.inflow.iter_mut().zip(&self.bsum) {
            for s in (0..S).filter(|&s| reached[s]) {
                out[s] = -(-bsum[s] * h).fast_exp_m1();
            }
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{LeverCache, camp_leads};
    use crate::engine::prepared::Prepared;

    #[test]
    fn binding_only_the_reached_sectors_equals_binding_every_sector() {
        // Φ's export-control row reaches payments too, so three sectors are recomputed per step.
        let mut scenario = crate::io::baseline().unwrap();
        scenario.constants.lever_sector[2][3] = 0.4;
        let prep = Prepared::new(&scenario).unwrap();
        let c = &prep.constants;
        let (n, p) = (prep.n, prep.p);
        let omega = &c.lever_influence;
        let fresh = || {
            let mut cache = LeverCache::<f64>::new(n, p);
            cache.refresh(&prep, c, omega, &prep.profile, prep.lever_at(0));
            cache
        };
        let (mut partial, mut full) = (fresh(), fresh());
        let leads = |shift: f64| -> Vec<f64> {
            let lead = |v: usize| ((v % 7) as f64 * 0.05 + shift).min(1.0);
            (0..n * p).map(lead).collect()
        };
        partial.bind(&prep, c, omega, Some(&leads(0.0)), true);
        partial.bind(&prep, c, omega, Some(&leads(0.2)), false);
        full.bind(&prep, c, omega, Some(&leads(0.2)), true);
        let bits = |cache: &LeverCache<f64>| -> Vec<u64> {
            let rows = [&cache.beta, &cache.bsum, &cache.inflow];
            rows.into_iter()
                .flat_map(|r| r.as_flattened().iter().map(|v| v.to_bits()))
                .chain(cache.lever_pull.iter().map(|v| v.to_bits()))
                .collect()
        };
        assert_eq!(bits(&partial), bits(&full));
        // And binding changed something, or the comparison proves nothing.
        let mut unbound = fresh();
        unbound.bind(&prep, c, omega, None, true);
        assert_ne!(bits(&unbound), bits(&full));
    }

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
