//! One run of MODEL.md: the six stages of a step, in order, with simultaneous updates within a stage.
//!
//! The loops are written over fixed-size sector rows and zipped slices so they compile without bounds
//! checks, and the exponentials of a stage are taken in one pass over a slice so they vectorise.

use crate::model::{Constants, EventField, SECTOR_COUNT, Scenario, TIME_TOL};

use super::error::SimError;
use super::fast_exp::exp_neg_scaled_into;
use super::lever_cache::LeverCache;
use super::prepared::{L, Prepared};
use super::run::{Recorder, Run, Snapshot};

const S: usize = SECTOR_COUNT;

/// Runs a scenario and returns every output at every time point.
pub fn run(scenario: &Scenario) -> Result<Run, SimError> {
    let prep = Prepared::new(scenario)?;
    let mut out = Run::with_capacity(prep.n, prep.p, prep.n_steps + 1);
    simulate(&prep, &prep.constants, None, &mut out);
    Ok(out)
}

/// Multipliers of the lever tensor per model year (ensemble members), for the cells that are ever
/// non-zero; every other cell is 0 and stays 0.
pub(crate) struct LeverNoise<'a> {
    /// `n_years × cells.len()`.
    pub factors: &'a [f64],
    /// Flat indices into the lever tensor.
    pub cells: &'a [usize],
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
    let mut d: Vec<[f64; S]> = prep.dependency.clone();
    let mut lev_buf = vec![[0.0; L]; n * p];
    let mut ell = vec![0.0; n * p];
    let mut peer_avg = vec![0.0; k];
    let mut delta = vec![[0.0; S]; n];
    let mut decay_factor = vec![[0.0; S]; n];
    let mut defa_up = vec![0.0; n];
    let mut defa_rate = vec![0.0; n];
    let mut defa_factor = vec![0.0; n];
    let mut cache = LeverCache::new(n, p);

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
            d: d.as_flattened(),
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
        while let Some(e) = prep
            .events
            .get(next_event)
            .filter(|e| e.year - TIME_TOL <= t)
        {
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
            let lev: &[[f64; L]] = match noise {
                None => prep.lever_at(step),
                Some(noise) => {
                    let base = prep.lever_at(step);
                    lev_buf.copy_from_slice(base);
                    let width = noise.cells.len();
                    let factors = &noise.factors[year * width..(year + 1) * width];
                    let (flat, base) = (lev_buf.as_flattened_mut(), base.as_flattened());
                    for (&cell, f) in noise.cells.iter().zip(factors) {
                        if let (Some(out), Some(v)) = (flat.get_mut(cell), base.get(cell)) {
                            *out = (v * f).min(1.0);
                        }
                    }
                    &lev_buf
                }
            };
            cache.refresh(prep, c, &profile, lev);
            cached_for = Some(key);
        }

        // 1. Capacity: exact exponential catch-up to 1.
        for (v, f) in infra.iter_mut().zip(&cache.infra_factor) {
            *v = 1.0 - (1.0 - *v) * f;
        }
        for (v, f) in talent.iter_mut().zip(&cache.talent_factor) {
            *v = 1.0 - (1.0 - *v) * f;
        }

        // 2–3. Dependency: the exact solution of dD_p/dt = β_p R − δ D_p over one step, per sector.
        for ((delta_i, h_i), g_i) in delta.iter_mut().zip(&talent).zip(&g) {
            for s in 0..S {
                delta_i[s] =
                    c.decay[s] * (1.0 + c.talent_substitution * h_i) + c.defa_substitution[s] * g_i;
            }
        }
        exp_neg_scaled_into(decay_factor.as_flattened_mut(), delta.as_flattened(), h);
        let states = d
            .chunks_exact_mut(p)
            .zip(cache.beta.chunks_exact(p))
            .zip(delta.iter().zip(&decay_factor))
            .zip(cache.bsum.iter().zip(&cache.inflow_decay));
        for (((cells, betas), (delta_i, e_delta)), (bsum, inflow)) in states {
            let mut used = [0.0f64; S];
            for row in cells.iter() {
                for s in 0..S {
                    used[s] += row[s];
                }
            }
            let mut coef = [0.0f64; S];
            for s in 0..S {
                // With no inflow β = 0, so a zero coefficient leaves D_p ← e^{−δh} D_p exactly.
                if bsum[s] != 0.0 {
                    let gamma = delta_i[s] + bsum[s];
                    let r_star = delta_i[s] / gamma;
                    let r0 = 1.0 - used[s];
                    coef[s] = (1.0 - e_delta[s]) / gamma
                        + (r0 - r_star) * e_delta[s] * inflow[s] / bsum[s];
                }
            }
            for (row, beta) in cells.iter_mut().zip(betas) {
                for s in 0..S {
                    row[s] = e_delta[s] * row[s] + beta[s] * coef[s];
                }
            }
        }

        // 4. Pull on alignment (new D, g of t_k).
        for ((l, cells), levers) in ell.iter_mut().zip(&d).zip(&cache.lever_pull) {
            let mut lock = 0.0;
            for (sw, v) in c.sector_weight.iter().zip(cells) {
                lock += sw * v;
            }
            *l = levers + c.lock_in * lock;
        }
        let hard_law_pull = if inforce {
            c.autonomy_hard_law * prep.hard_law
        } else {
            0.0
        };
        let peer_total: f64 = peer_col.iter().sum();
        if peer_rows.is_none() {
            // Every row of the size-based matrix is the same, so the peer average is shared.
            peer_avg.iter_mut().for_each(|v| *v = 0.0);
            for (a, xj) in peer_col.iter().zip(x.chunks_exact(k)) {
                for (avg, v) in peer_avg.iter_mut().zip(xj) {
                    *avg += a * v;
                }
            }
        }
        let rows = x_new
            .chunks_exact_mut(k)
            .zip(x.chunks_exact(k))
            .zip(prep.anchor.chunks_exact(k))
            .zip(ell.chunks_exact(p))
            .zip(g.iter().zip(&profile.hedging))
            .enumerate();
        for (i, ((((x_next, x_i), anchor), ell_i), (g_i, hedging))) in rows {
            let alpha = c.autonomy_base + hard_law_pull + c.autonomy_defa * g_i;
            let peer_sum = match peer_rows {
                None => peer_total,
                Some(a) => {
                    let row = &a[i * n..(i + 1) * n];
                    for (o, v) in peer_avg.iter_mut().enumerate() {
                        *v = row
                            .iter()
                            .zip(x.chunks_exact(k))
                            .map(|(a, xj)| a * xj[o])
                            .sum();
                    }
                    row.iter().sum()
                }
            };
            let ell_sum: f64 = ell_i.iter().sum();
            let z = peer_sum + ell_sum + alpha;

            // 5. Relaxed Friedkin–Johnsen update toward y_i, every x_j taken at t_k.
            let lambda = c.susceptibility_max * (1.0 - c.hedging_shield * hedging);
            let pole_pulls = ell_i.iter().chain(std::iter::once(&alpha));
            for ((((next, now), u), peers), pole_pull) in x_next
                .iter_mut()
                .zip(x_i)
                .zip(anchor)
                .zip(&peer_avg)
                .zip(pole_pulls)
            {
                let target = (1.0 - lambda) * u + lambda * ((peers + pole_pull) / z);
                *next = (1.0 - relax) * now + relax * target;
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
        let pf = &profile;
        let states = defa_up
            .iter_mut()
            .zip(&mut defa_rate)
            .zip(infra.iter().zip(&talent))
            .zip(x.chunks_exact(k))
            .enumerate();
        for (i, (((up, rate), (infra_i, talent_i)), x_i)) in states {
            let readiness = pf.defa_commitment[i]
                * (0.5 + 0.25 * (infra_i + talent_i))
                * (1.0 - prep.harmonisation * pf.localisation[i])
                * (0.75 + 0.25 * pf.data_protection[i]);
            *up = c.defa_uptake_rate * readiness * push;
            let erosion =
                c.defa_erosion * (1.0 - prep.hard_law) * (1.0 - prep.monitoring) * (1.0 - x_i[p]);
            *rate = *up + erosion;
        }
        exp_neg_scaled_into(&mut defa_factor, &defa_rate, h);
        let rates = defa_rate.iter().zip(&defa_factor).zip(&defa_up);
        for (g_i, ((rate, factor), up)) in g.iter_mut().zip(rates) {
            if *rate != 0.0 {
                let target = up / rate;
                *g_i = target + (*g_i - target) * factor;
            }
        }

        let point = Snapshot {
            weights: w,
            x: &x,
            d: d.as_flattened(),
            infrastructure: &infra,
            talent: &talent,
            defa: &g,
        };
        rec.record(prep.times[step + 1], &point);
    }
}
