//! One run of MODEL.md: the six stages of a step, in order, with simultaneous updates within a stage.

use crate::model::{Constants, EventField, LeverKind, SECTOR_COUNT, Scenario, TIME_TOL};

use super::error::SimError;
use super::prepared::{L, Prepared, Profile};
use super::run::{Recorder, Run, Snapshot};

const IF: usize = LeverKind::InfrastructureFinance as usize;
const EC: usize = LeverKind::ExportControls as usize;
const CB: usize = LeverKind::CapacityBuilding as usize;
const S: usize = SECTOR_COUNT;

/// Runs a scenario and returns every output at every time point.
pub fn run(scenario: &Scenario) -> Result<Run, SimError> {
    let prep = Prepared::new(scenario)?;
    let mut out = Run::with_capacity(prep.n, prep.p, prep.n_steps + 1);
    simulate(&prep, &prep.constants, None, &mut out);
    Ok(out)
}

/// Multipliers of the lever tensor per model year (ensemble members); `year_of_step[k]` picks the row.
pub(crate) struct LeverNoise<'a> {
    /// `n_years × (N × P × L)`.
    pub factors: &'a [f64],
    pub cells: usize,
}

/// Quantities that only change when the lever tensor, the profile (events) or the ensemble noise
/// change: recomputed then, and reused by every step in between. Computed by exactly the expressions
/// of MODEL.md, so caching changes no bit of the result.
struct LeverCache {
    /// Effective intensities ã (N × P × L).
    eff: Vec<f64>,
    /// `exp(−r_I (1 − ε_E)(1 + k_IF Σ ã_IF) h)` per state.
    infra_factor: Vec<f64>,
    /// `exp(−r_H (1 + k_CB Σ ã_CB) h)` per state.
    talent_factor: Vec<f64>,
    /// β (N × P × S).
    beta: Vec<f64>,
    /// Σ_p β (N × S).
    bsum: Vec<f64>,
    /// `−expm1(−Bsum h)` (N × S).
    inflow_decay: Vec<f64>,
    /// Σ_l ω_l ã (N × P).
    lever_pull: Vec<f64>,
}

impl LeverCache {
    fn new(n: usize, p: usize) -> Self {
        Self {
            eff: vec![0.0; n * p * L],
            infra_factor: vec![0.0; n],
            talent_factor: vec![0.0; n],
            beta: vec![0.0; n * p * S],
            bsum: vec![0.0; n * S],
            inflow_decay: vec![0.0; n * S],
            lever_pull: vec![0.0; n * p],
        }
    }

    fn refresh(
        &mut self,
        prep: &Prepared,
        c: &Constants,
        profile: &Profile,
        lev: &[f64],
        phi: &[(usize, usize, f64)],
    ) {
        let (n, p, h) = (prep.n, prep.p, prep.h);
        // ã_ipl = cap_p · Lev_ipl · (1 − π_p + π_p γ_i).
        for i in 0..n {
            let gov = profile.governance[i];
            for q in 0..p {
                let reach = prep.capability[q]
                    * (1.0 - prep.conditionality[q] + prep.conditionality[q] * gov);
                let base = (i * p + q) * L;
                for l in 0..L {
                    self.eff[base + l] = reach * lev[base + l];
                }
            }
        }
        let eff = &self.eff;
        for i in 0..n {
            let (mut sum_if, mut sum_cb) = (0.0, 0.0);
            for q in 0..p {
                sum_if += eff[(i * p + q) * L + IF];
                sum_cb += eff[(i * p + q) * L + CB];
            }
            let rate_i = c.infrastructure_rate
                * (1.0 - c.energy_constraint)
                * (1.0 + c.infrastructure_finance_boost * sum_if);
            self.infra_factor[i] = (-rate_i * h).exp();
            let rate_h = c.talent_rate * (1.0 + c.capacity_building_boost * sum_cb);
            self.talent_factor[i] = (-rate_h * h).exp();

            let vul = 1.0
                - c.vulnerability_scale * (profile.ecosystem[i] + profile.competitiveness[i]) / 2.0;
            let mut pull = [[0.0f64; S]; 8];
            for q in 0..p {
                pull[q].copy_from_slice(&prep.sector_pull[q * S..(q + 1) * S]);
                let row = (i * p + q) * L;
                // Φ is sparse; skipped terms are exact zeros, so the sum is unchanged.
                for &(l, s, f) in phi {
                    pull[q][s] += f * eff[row + l];
                }
            }
            for s in 0..S {
                let shield = if s == 1 {
                    1.0 - c.localisation_shield * profile.localisation[i]
                } else {
                    1.0
                };
                let mut bsum = 0.0;
                for q in 0..p {
                    let mut others_ec = 0.0;
                    for r in 0..p {
                        if r != q {
                            others_ec += eff[(i * p + r) * L + EC];
                        }
                    }
                    let cut = (1.0 - c.export_control_cut[s] * others_ec).max(0.0);
                    let beta = vul * pull[q][s] * cut * shield;
                    self.beta[(i * p + q) * S + s] = beta;
                    bsum += beta;
                }
                self.bsum[i * S + s] = bsum;
                self.inflow_decay[i * S + s] = -(-bsum * h).exp_m1();
            }
            for q in 0..p {
                let row = (i * p + q) * L;
                let mut levers = 0.0;
                for l in 0..L {
                    levers += c.lever_influence[l] * eff[row + l];
                }
                self.lever_pull[i * p + q] = levers;
            }
        }
    }
}

/// Steps the model from t_0 to t_{n_steps}, handing every point to `rec`.
pub(crate) fn simulate<R: Recorder>(
    prep: &Prepared,
    c: &Constants,
    noise: Option<&LeverNoise<'_>>,
    rec: &mut R,
) {
    let (n, p, k, h) = (prep.n, prep.p, prep.k, prep.h);
    let mut profile = prep.profile.clone();
    let mut infra = prep.infrastructure.clone();
    let mut talent = prep.talent.clone();
    let mut g = prep.defa.clone();
    let mut x = prep.alignment.clone();
    let mut x_new = vec![0.0; n * k];
    let mut d = prep.dependency.clone();
    let mut lev_buf = vec![0.0; n * p * L];
    let mut ell = vec![0.0; n * p];
    let mut peer_avg = vec![0.0; k];
    let mut cache = LeverCache::new(n, p);
    let phi: Vec<(usize, usize, f64)> = (0..L)
        .flat_map(|l| (0..S).map(move |s| (l, s)))
        .filter_map(|(l, s)| (c.lever_sector[l][s] != 0.0).then_some((l, s, c.lever_sector[l][s])))
        .collect();

    // Size-based peer weights are the same in every row: a_ij = μ (f + z_j) / Σ_m (f + z_m).
    let mut peer_col = vec![0.0; n];
    let size_peers = |col: &mut [f64], size: &[f64]| {
        let total: f64 = size.iter().map(|z| c.peer_size_floor + z).sum();
        for (a, z) in col.iter_mut().zip(size) {
            *a = c.peer_weight * (c.peer_size_floor + z) / total;
        }
    };
    let peer_rows = prep.peer_matrix.as_deref();
    if peer_rows.is_none() {
        size_peers(&mut peer_col, &profile.size);
    }

    let w = &prep.weights;
    rec.record(
        prep.times[0],
        &Snapshot {
            weights: w,
            x: &x,
            d: &d,
            infrastructure: &infra,
            talent: &talent,
            defa: &g,
        },
    );

    let tau = c.adjustment_years;
    let relax = h / tau;
    let mut next_event = 0;
    let mut cached_for: Option<(usize, usize)> = None;
    for step in 0..prep.n_steps {
        let t = prep.times[step];
        // Scheduled profile changes dated up to t_k take effect from this step on.
        let mut profile_changed = false;
        let mut size_changed = false;
        while next_event < prep.events.len() && prep.events[next_event].year - TIME_TOL <= t {
            let e = prep.events[next_event];
            profile.field_mut(e.field)[e.state] = e.value;
            size_changed |= e.field == EventField::Size;
            profile_changed = true;
            next_event += 1;
        }
        if size_changed && peer_rows.is_none() {
            size_peers(&mut peer_col, &profile.size);
        }
        let inforce = prep.in_force(step);

        // The lever tensor changes with its segment, and with the noise year in an ensemble member.
        let year = step / prep.steps_per_year;
        let key = (
            prep.segment_of_step[step],
            if noise.is_some() { year } else { 0 },
        );
        if profile_changed || cached_for != Some(key) {
            let lev: &[f64] = match noise {
                None => prep.lever_at(step),
                Some(noise) => {
                    let factors = &noise.factors[year * noise.cells..(year + 1) * noise.cells];
                    for ((out, base), f) in lev_buf.iter_mut().zip(prep.lever_at(step)).zip(factors)
                    {
                        *out = (base * f).min(1.0);
                    }
                    &lev_buf
                }
            };
            cache.refresh(prep, c, &profile, lev, &phi);
            cached_for = Some(key);
        }

        // 1. Capacity: exact exponential catch-up to 1.
        for i in 0..n {
            infra[i] = 1.0 - (1.0 - infra[i]) * cache.infra_factor[i];
            talent[i] = 1.0 - (1.0 - talent[i]) * cache.talent_factor[i];
        }

        // 2–3. Dependency: the exact solution of dD_p/dt = β_p R − δ D_p over one step, per sector.
        for i in 0..n {
            let cells = &mut d[i * p * S..(i + 1) * p * S];
            let mut used = [0.0f64; S];
            for row in cells.chunks_exact(S) {
                for s in 0..S {
                    used[s] += row[s];
                }
            }
            let mut decay = [0.0f64; S];
            let mut coef = [0.0f64; S];
            for s in 0..S {
                let delta = c.decay[s] * (1.0 + c.talent_substitution * talent[i])
                    + c.defa_substitution[s] * g[i];
                decay[s] = (-delta * h).exp();
                let bsum = cache.bsum[i * S + s];
                // With no inflow β = 0, so a zero coefficient leaves D_p ← e^{−δh} D_p exactly.
                if bsum != 0.0 {
                    let gamma = delta + bsum;
                    let r_star = delta / gamma;
                    let r0 = 1.0 - used[s];
                    coef[s] = (1.0 - decay[s]) / gamma
                        + (r0 - r_star) * decay[s] * cache.inflow_decay[i * S + s] / bsum;
                }
            }
            let betas = &cache.beta[i * p * S..(i + 1) * p * S];
            for (row, beta) in cells.chunks_exact_mut(S).zip(betas.chunks_exact(S)) {
                for s in 0..S {
                    row[s] = decay[s] * row[s] + beta[s] * coef[s];
                }
            }
        }

        // 4. Pull on alignment (new D, g of t_k).
        let hard_law_pull = if inforce {
            c.autonomy_hard_law * prep.hard_law
        } else {
            0.0
        };
        if peer_rows.is_none() {
            // Every row of the size-based matrix is the same, so the peer average is shared.
            peer_avg.iter_mut().for_each(|v| *v = 0.0);
            for j in 0..n {
                for o in 0..k {
                    peer_avg[o] += peer_col[j] * x[j * k + o];
                }
            }
        }
        let peer_total: f64 = peer_col.iter().sum();
        for i in 0..n {
            let mut ell_sum = 0.0;
            for q in 0..p {
                let cells = &d[(i * p + q) * S..(i * p + q + 1) * S];
                let mut lock = 0.0;
                for s in 0..S {
                    lock += c.sector_weight[s] * cells[s];
                }
                ell[i * p + q] = cache.lever_pull[i * p + q] + c.lock_in * lock;
                ell_sum += ell[i * p + q];
            }
            let alpha = c.autonomy_base + hard_law_pull + c.autonomy_defa * g[i];
            let (peer_sum, peers): (f64, &[f64]) = match peer_rows {
                None => (peer_total, &peer_avg),
                Some(a) => {
                    let row = &a[i * n..(i + 1) * n];
                    for (o, v) in peer_avg.iter_mut().enumerate() {
                        *v = (0..n).map(|j| row[j] * x[j * k + o]).sum();
                    }
                    (row.iter().sum(), &peer_avg)
                }
            };
            let z = peer_sum + ell_sum + alpha;

            // 5. Relaxed Friedkin–Johnsen update toward y_i, every x_j taken at t_k.
            let lambda = c.susceptibility_max * (1.0 - c.hedging_shield * profile.hedging[i]);
            for o in 0..k {
                let pole_pull = if o < p { ell[i * p + o] } else { alpha };
                let target =
                    (1.0 - lambda) * prep.anchor[i * k + o] + lambda * ((peers[o] + pole_pull) / z);
                x_new[i * k + o] = (1.0 - relax) * x[i * k + o] + relax * target;
            }
        }
        std::mem::swap(&mut x, &mut x_new);

        // 6. DEFA implementation (new I, H and x).
        let push = if inforce {
            c.defa_base_push
                + c.defa_hard_law_push * prep.hard_law
                + c.defa_monitoring_push * prep.monitoring
        } else {
            c.defa_pre_push
        };
        for i in 0..n {
            let readiness = profile.defa_commitment[i]
                * (0.5 + 0.25 * (infra[i] + talent[i]))
                * (1.0 - prep.harmonisation * profile.localisation[i])
                * (0.75 + 0.25 * profile.data_protection[i]);
            let up = c.defa_uptake_rate * readiness * push;
            let erosion = c.defa_erosion
                * (1.0 - prep.hard_law)
                * (1.0 - prep.monitoring)
                * (1.0 - x[i * k + p]);
            let rate = up + erosion;
            if rate != 0.0 {
                let target = up / rate;
                g[i] = target + (g[i] - target) * (-rate * h).exp();
            }
        }

        let point = Snapshot {
            weights: w,
            x: &x,
            d: &d,
            infrastructure: &infra,
            talent: &talent,
            defa: &g,
        };
        rec.record(prep.times[step + 1], &point);
    }
}
