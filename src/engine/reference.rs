//! The reference path of the engine: MODEL.md v1.1 written out stage by stage, with its indices
//! (i, j states; p, q powers; o poles; s sectors; l lever kinds; k steps) and its symbols, and no
//! optimisation at all. Read this to see what the model computes; [`super::run`] computes the same
//! numbers faster, and the tests hold the two together (and both to the conformance cases).

use crate::model::{
    BlocWeights, Constants, LEVER_KIND_COUNT, LeverKind, MemberState, SECTOR_COUNT, Scenario,
    Sector, TIME_TOL,
};

use super::error::SimError;
use super::run::{Recorder, Run, Snapshot};

const L: usize = LEVER_KIND_COUNT;
const S: usize = SECTOR_COUNT;

/// Runs `scenario` by the letter of MODEL.md. Slower than [`super::run`]; same results.
pub fn run(scenario: &Scenario) -> Result<Run, SimError> {
    let c: &Constants = &scenario.constants;
    let (n, p_count) = (scenario.states.len(), scenario.powers.len());
    if n == 0 || p_count == 0 {
        return Err(SimError::Invalid("a run needs a state and a power".into()));
    }
    let k_poles = p_count + 1;
    let aut = p_count;
    let h = scenario.time.step();
    let n_steps = scenario.time.n_steps();
    let t = |k: usize| scenario.time.time_at(k);

    // Bloc weights W_i.
    let w: Vec<f64> = match scenario.bloc_weights {
        BlocWeights::Equal => vec![1.0 / n as f64; n],
        BlocWeights::Gdp => {
            let total: f64 = scenario.states.iter().map(|st| st.gdp_usd_bn).sum();
            scenario
                .states
                .iter()
                .map(|st| st.gdp_usd_bn / total)
                .collect()
        }
    };

    // The profile, changed by events as they fall due; the state variables.
    let mut profile: Vec<MemberState> = scenario.states.clone();
    let mut x: Vec<Vec<f64>> = profile.iter().map(|st| st.alignment.clone()).collect();
    let u: Vec<Vec<f64>> = profile
        .iter()
        .map(|st| st.anchor.clone().unwrap_or_else(|| st.alignment.clone()))
        .collect();
    let mut d: Vec<Vec<[f64; S]>> = profile.iter().map(|st| st.dependency.clone()).collect();
    let mut infra: Vec<f64> = profile.iter().map(|st| st.infrastructure).collect();
    let mut talent: Vec<f64> = profile.iter().map(|st| st.talent).collect();
    let mut g: Vec<f64> = profile.iter().map(|st| st.defa_progress).collect();

    // Events, by year, stable (equal years keep listing order).
    let mut events: Vec<(usize, &crate::model::ProfileEvent)> = Vec::new();
    for e in &scenario.events {
        let i = scenario
            .state_index(&e.state)
            .ok_or_else(|| SimError::Invalid(format!("event names unknown state {:?}", e.state)))?;
        events.push((i, e));
    }
    events.sort_by(|a, b| a.1.year.total_cmp(&b.1.year));
    let mut next_event = 0;

    let mut out = Run::with_capacity(n, p_count, n_steps + 1);
    let record = |out: &mut Run,
                  k: usize,
                  x: &[Vec<f64>],
                  d: &[Vec<[f64; S]>],
                  i_: &[f64],
                  h_: &[f64],
                  g_: &[f64]| {
        let flat_x: Vec<f64> = x.iter().flatten().copied().collect();
        let flat_d: Vec<f64> = d.iter().flatten().flatten().copied().collect();
        out.record(
            t(k),
            &Snapshot {
                weights: &w,
                x: &flat_x,
                d: &flat_d,
                infrastructure: i_,
                talent: h_,
                defa: g_,
            },
        );
    };
    record(&mut out, 0, &x, &d, &infra, &talent, &g);

    let policy = &scenario.asean;
    let ec = LeverKind::ExportControls.index();
    let if_ = LeverKind::InfrastructureFinance.index();
    let cb = LeverKind::CapacityBuilding.index();
    let cloud = Sector::Cloud.index();

    for k in 0..n_steps {
        let t_k = t(k);
        // Events due by t_k.
        while next_event < events.len() && events[next_event].1.year - TIME_TOL <= t_k {
            let (i, e) = events[next_event];
            if let Some(slot) = profile[i].scalar_mut(e.field.state_field()) {
                *slot = e.value;
            }
            next_event += 1;
        }
        let inforce = if t_k >= policy.defa_in_force_year - TIME_TOL {
            1.0
        } else {
            0.0
        };

        // Lev_ipl(t_k), lead_ip, and the effective intensity ã_ipl.
        let mut a_tilde = vec![vec![[0.0; L]; p_count]; n];
        for i in 0..n {
            for (p, power) in scenario.powers.iter().enumerate() {
                let lead = if p_count == 1 {
                    0.0
                } else {
                    let rival = (0..p_count)
                        .filter(|&q| q != p)
                        .map(|q| x[i][q])
                        .fold(f64::NEG_INFINITY, f64::max);
                    (x[i][p] - rival).max(0.0)
                };
                let gamma = profile[i].governance;
                let reach =
                    power.capability * (1.0 - power.conditionality + power.conditionality * gamma);
                for kind in LeverKind::ALL {
                    let l = kind.index();
                    let lev = scenario.lever_cell(&power.code, &profile[i].code, kind, t_k);
                    let binding = if l == ec {
                        1.0 + c.camp_binding * lead
                    } else {
                        1.0
                    };
                    a_tilde[i][p][l] = reach * lev * binding;
                }
            }
        }

        // 1. Capacity.
        for i in 0..n {
            let sum_if: f64 = (0..p_count).map(|p| a_tilde[i][p][if_]).sum();
            let sum_cb: f64 = (0..p_count).map(|p| a_tilde[i][p][cb]).sum();
            infra[i] = 1.0
                - (1.0 - infra[i])
                    * (-c.infrastructure_rate
                        * (1.0 - c.energy_constraint)
                        * (1.0 + c.infrastructure_finance_boost * sum_if)
                        * h)
                        .exp();
            talent[i] = 1.0
                - (1.0 - talent[i])
                    * (-c.talent_rate * (1.0 + c.capacity_building_boost * sum_cb) * h).exp();
        }

        // 2. Dependency rates β_ips and δ_is (new H, g of t_k); 3. the exact dependency update.
        for i in 0..n {
            let st = &profile[i];
            let vul = 1.0 - c.vulnerability_scale * (st.ecosystem + st.competitiveness) / 2.0;
            for s in 0..S {
                let shield = if s == cloud {
                    1.0 - c.localisation_shield * st.localisation
                } else {
                    1.0
                };
                let beta: Vec<f64> = (0..p_count)
                    .map(|p| {
                        let lever_pull: f64 = (0..L)
                            .map(|l| c.lever_sector[l][s] * a_tilde[i][p][l])
                            .sum();
                        let rivals_ec: f64 = (0..p_count)
                            .filter(|&q| q != p)
                            .map(|q| a_tilde[i][q][ec])
                            .sum();
                        vul * (scenario.powers[p].sector_pull[s] + lever_pull)
                            * (1.0 - c.export_control_cut[s] * rivals_ec).max(0.0)
                            * shield
                    })
                    .collect();
                let delta = c.decay[s] * (1.0 + c.talent_substitution * talent[i])
                    + c.defa_substitution[s] * g[i];
                let r0 = 1.0 - (0..p_count).map(|p| d[i][p][s]).sum::<f64>();
                let b_sum: f64 = beta.iter().sum();
                let e_delta = (-delta * h).exp();
                for p in 0..p_count {
                    d[i][p][s] = if b_sum == 0.0 {
                        e_delta * d[i][p][s]
                    } else {
                        let gamma = delta + b_sum;
                        let r_star = delta / gamma;
                        // (e^{−δh} − e^{−Γh}) / Bsum, exact for a tiny Bsum.
                        let gap = e_delta * (-(-b_sum * h).exp_m1()) / b_sum;
                        e_delta * d[i][p][s]
                            + beta[p] * ((1.0 - e_delta) / gamma + (r0 - r_star) * gap)
                    };
                }
            }
        }

        // Peer weights a_ij (size-based, from the current z, unless given explicitly).
        let a = peer_weights(scenario, &profile, c);

        // 4. Pull on alignment (new D, g of t_k); 5. alignment, every x_j from t_k.
        let mut x_new = x.clone();
        for i in 0..n {
            let ell: Vec<f64> = (0..p_count)
                .map(|p| {
                    let levers: f64 = (0..L)
                        .map(|l| c.lever_influence[l] * a_tilde[i][p][l])
                        .sum();
                    let lock_in: f64 = (0..S).map(|s| c.sector_weight[s] * d[i][p][s]).sum();
                    levers + c.lock_in * lock_in
                })
                .collect();
            let alpha = c.autonomy_base
                + c.autonomy_hard_law * policy.hard_law * inforce
                + c.autonomy_defa * g[i];
            let z = a[i].iter().sum::<f64>() + ell.iter().sum::<f64>() + alpha;
            let lambda = c.susceptibility_max * (1.0 - c.hedging_shield * profile[i].hedging);
            for o in 0..k_poles {
                let peers: f64 = (0..n).map(|j| a[i][j] / z * x[j][o]).sum();
                let powers = if o < p_count { ell[o] / z } else { 0.0 };
                let autonomy = if o == aut { alpha / z } else { 0.0 };
                let y = (1.0 - lambda) * u[i][o] + lambda * (peers + powers + autonomy);
                x_new[i][o] =
                    (1.0 - h / c.adjustment_years) * x[i][o] + (h / c.adjustment_years) * y;
            }
        }
        x = x_new;

        // 6. DEFA implementation (new I, H and x).
        for i in 0..n {
            let st = &profile[i];
            let rd = st.defa_commitment
                * (0.5 + 0.25 * (infra[i] + talent[i]))
                * (1.0 - policy.harmonisation * st.localisation)
                * (0.75 + 0.25 * st.data_protection);
            let push = if inforce > 0.0 {
                c.defa_base_push
                    + c.defa_hard_law_push * policy.hard_law
                    + c.defa_monitoring_push * policy.monitoring
            } else {
                c.defa_pre_push
            };
            let up = c.defa_uptake_rate * rd * push;
            let er = c.defa_erosion
                * (1.0 - policy.hard_law)
                * (1.0 - policy.monitoring)
                * (1.0 - x[i][aut]);
            if up + er > 0.0 {
                let g_star = up / (up + er);
                g[i] = g_star + (g[i] - g_star) * (-(up + er) * h).exp();
            }
        }

        record(&mut out, k + 1, &x, &d, &infra, &talent, &g);
    }
    out.finish(&w);
    Ok(out)
}

/// `a_ij = μ (f + z_j) / Σ_m (f + z_m)`, or the scenario's explicit matrix as given.
fn peer_weights(scenario: &Scenario, profile: &[MemberState], c: &Constants) -> Vec<Vec<f64>> {
    if let Some(m) = &scenario.peer_weights {
        return m.clone();
    }
    let total: f64 = profile.iter().map(|st| c.peer_size_floor + st.size).sum();
    let row: Vec<f64> = profile
        .iter()
        .map(|st| c.peer_weight * (c.peer_size_floor + st.size) / total)
        .collect();
    vec![row; profile.len()]
}
