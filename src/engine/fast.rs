//! The fast path of the engine: the six stages of a step, in order, with simultaneous updates within
//! a stage, computing what `reference.rs` computes (read that one for the model).
//!
//! The loops are written over fixed-size sector rows and zipped slices so they compile without bounds
//! checks, and the exponentials of a stage are taken in one pass over a slice so they vectorise.

use crate::model::{Constants, EventField, SECTOR_COUNT, Scenario, TIME_TOL};

use super::error::SimError;
use super::lanes::{Real, exp_neg_scaled_into};
use super::lever_cache::{LeverCache, camp_leads};
use super::prepared::{L, Prepared};
use super::run::{Recorder, Run, Snapshot};
use super::wide::simulate_fastest;

const S: usize = SECTOR_COUNT;

/// Runs a scenario and returns every output at every time point.
pub fn run(scenario: &Scenario) -> Result<Run, SimError> {
    let prep = Prepared::new(scenario)?;
    let mut out = Run::with_capacity(prep.n, prep.p, prep.n_steps + 1);
    let member = MemberConstants::of(&prep.constants);
    simulate_fastest(&prep, &prep.constants, &member, None, &mut out);
    Ok(out)
}

/// The constants an ensemble member perturbs, per lane; the engine reads these instead of the
/// same fields of [`Constants`].
pub(crate) struct MemberConstants<V> {
    pub lever_influence: [V; L],
    pub susceptibility_max: V,
}

impl<V: Real> MemberConstants<V> {
    /// The unperturbed values of `c`, in every lane.
    pub fn of(c: &Constants) -> Self {
        Self {
            lever_influence: c.lever_influence.map(V::splat),
            susceptibility_max: V::splat(c.susceptibility_max),
        }
    }
}

/// Multipliers of the lever tensor per model year (ensemble members), for the cells that are ever
/// non-zero; every other cell is 0 and stays 0.
pub(crate) struct LeverNoise<'a, V> {
    /// `n_years × cells.len()`.
    pub factors: &'a [V],
    /// Flat indices into the lever tensor.
    pub cells: &'a [usize],
}

/// Steps the model from t_0 to t_{n_steps}, handing every point to `rec`. Always inlined, so that the
/// AVX2 version of [`super::wide`] compiles all of it with AVX2.
#[inline(always)]
pub(crate) fn simulate<V: Real, R: Recorder<V>>(
    prep: &Prepared,
    c: &Constants,
    member: &MemberConstants<V>,
    noise: Option<&LeverNoise<'_, V>>,
    rec: &mut R,
) {
    let (n, p, k, h) = (prep.n, prep.p, prep.k, prep.h);
    let mut profile = prep.profile.clone();
    let widen = |v: &[f64]| -> Vec<V> { v.iter().map(|&v| V::splat(v)).collect() };
    let zero = V::default();
    let one = V::splat(1.0);
    let mut infra = widen(&prep.infrastructure);
    let mut talent = widen(&prep.talent);
    let mut g = widen(&prep.defa);
    let mut x = widen(&prep.alignment);
    let mut x_new = vec![zero; n * k];
    let mut d: Vec<[V; S]> = prep.dependency.iter().map(|r| r.map(V::splat)).collect();
    let mut lev_buf = vec![[zero; L]; n * p];
    let mut ell = vec![zero; n * p];
    let mut peer_avg = vec![zero; k];
    let mut delta = vec![[zero; S]; n];
    let mut decay_factor = vec![[zero; S]; n];
    let mut defa_up = vec![zero; n];
    let mut defa_rate = vec![zero; n];
    let mut defa_factor = vec![zero; n];
    let mut cache = LeverCache::new(n, p);
    let mut lead = vec![zero; n * p];

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
        let segment = prep.segment_of_step[step];
        let key = (segment, if noise.is_some() { year } else { 0 });
        // Camp binding makes active export controls depend on x of t_k, so what they reach is
        // recomputed every step.
        let binds = c.camp_binding > 0.0 && p > 1 && prep.segment_has_export_controls[segment];
        let refreshed = profile_changed || cached_for != Some(key);
        if refreshed {
            let base = prep.lever_at(step);
            let lev: &[[V; L]] = match noise {
                None => V::widen_rows(base, &mut lev_buf),
                Some(noise) => {
                    // Only the noise cells are ever non-zero, so only they are written; the rest
                    // of the buffer keeps the zeros it started with.
                    let width = noise.cells.len();
                    let factors = &noise.factors[year * width..(year + 1) * width];
                    let (flat, base) = (lev_buf.as_flattened_mut(), base.as_flattened());
                    for (&cell, f) in noise.cells.iter().zip(factors) {
                        if let (Some(out), Some(&v)) = (flat.get_mut(cell), base.get(cell)) {
                            *out = (*f * v).lane_min(one);
                        }
                    }
                    &lev_buf
                }
            };
            cache.refresh(prep, c, &member.lever_influence, &profile, lev);
            cached_for = Some(key);
        }
        if binds {
            camp_leads(&x, p, &mut lead);
            cache.bind(prep, c, &member.lever_influence, Some(&lead), refreshed);
        } else if refreshed {
            cache.bind(prep, c, &member.lever_influence, None, true);
        }

        // 1. Capacity: exact exponential catch-up to 1.
        for (v, f) in infra.iter_mut().zip(&cache.infra_factor) {
            *v = one - (one - *v) * *f;
        }
        for (v, f) in talent.iter_mut().zip(&cache.talent_factor) {
            *v = one - (one - *v) * *f;
        }

        // 2–3. Dependency: the exact solution of dD_p/dt = β_p R − δ D_p over one step, per sector.
        for ((delta_i, h_i), g_i) in delta.iter_mut().zip(&talent).zip(&g) {
            for s in 0..S {
                delta_i[s] = (*h_i * c.talent_substitution + 1.0) * c.decay[s]
                    + *g_i * c.defa_substitution[s];
            }
        }
        exp_neg_scaled_into(decay_factor.as_flattened_mut(), delta.as_flattened(), h);
        let states = d
            .chunks_exact_mut(p)
            .zip(cache.beta.chunks_exact(p))
            .zip(delta.iter().zip(&decay_factor))
            .zip(cache.bsum.iter().zip(&cache.inflow));
        for (((cells, betas), (delta_i, e_delta)), (bsum, inflow)) in states {
            let mut used = [zero; S];
            for row in cells.iter() {
                for s in 0..S {
                    used[s] += row[s];
                }
            }
            let mut coef = [zero; S];
            for s in 0..S {
                // (1 − e^{−δh})/Γ + (R0 − δ/Γ)·e^{−δh}·(−expm1(−Bsum h))/Bsum, over one division:
                // ((1 − e^{−δh})·Bsum + (R0 Γ − δ)·e^{−δh}·inflow) / (Γ·Bsum).
                let gamma = delta_i[s] + bsum[s];
                let r0 = one - used[s];
                let lag = (r0 * gamma - delta_i[s]) * e_delta[s] * inflow[s];
                let inflow_coef = ((one - e_delta[s]) * bsum[s] + lag) / (gamma * bsum[s]);
                // With no inflow β = 0, so a zero coefficient leaves D_p ← e^{−δh} D_p exactly.
                coef[s] = V::select_nonzero(bsum[s], inflow_coef, zero);
            }
            for (row, beta) in cells.iter_mut().zip(betas) {
                for s in 0..S {
                    row[s] = e_delta[s] * row[s] + beta[s] * coef[s];
                }
            }
        }

        // 4. Pull on alignment (new D, g of t_k).
        for ((l, cells), levers) in ell.iter_mut().zip(&d).zip(&cache.lever_pull) {
            let mut lock = zero;
            for (sw, v) in c.sector_weight.iter().zip(cells) {
                lock += *v * *sw;
            }
            *l = *levers + lock * c.lock_in;
        }
        let hard_law_pull = if inforce {
            c.autonomy_hard_law * prep.hard_law
        } else {
            0.0
        };
        let peer_total: f64 = peer_col.iter().sum();
        if peer_rows.is_none() {
            // Every row of the size-based matrix is the same, so the peer average is shared.
            peer_avg.iter_mut().for_each(|v| *v = zero);
            for (a, xj) in peer_col.iter().zip(x.chunks_exact(k)) {
                for (avg, v) in peer_avg.iter_mut().zip(xj) {
                    *avg += *v * *a;
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
            let alpha = *g_i * c.autonomy_defa + (c.autonomy_base + hard_law_pull);
            let peer_sum = match peer_rows {
                None => peer_total,
                Some(a) => {
                    let row = &a[i * n..(i + 1) * n];
                    for (o, v) in peer_avg.iter_mut().enumerate() {
                        // Summed from -0.0 like `Iterator::sum`, so an all-zero row stays -0.0.
                        let mut total = V::splat(-0.0);
                        for (a, xj) in row.iter().zip(x.chunks_exact(k)) {
                            total += xj[o] * *a;
                        }
                        *v = total;
                    }
                    row.iter().sum()
                }
            };
            let mut ell_sum = V::splat(-0.0);
            for l in ell_i {
                ell_sum += *l;
            }
            let z = ell_sum + peer_sum + alpha;

            // 5. Relaxed Friedkin–Johnsen update toward y_i, every x_j taken at t_k.
            let lambda = member.susceptibility_max * (1.0 - c.hedging_shield * hedging);
            let pole_pulls = ell_i.iter().chain(std::iter::once(&alpha));
            for ((((next, now), u), peers), pole_pull) in x_next
                .iter_mut()
                .zip(x_i)
                .zip(anchor)
                .zip(&peer_avg)
                .zip(pole_pulls)
            {
                let target = (one - lambda) * *u + lambda * ((*peers + *pole_pull) / z);
                *next = *now * (1.0 - relax) + target * relax;
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
            let readiness = ((*infra_i + *talent_i) * 0.25 + 0.5)
                * pf.defa_commitment[i]
                * (1.0 - prep.harmonisation * pf.localisation[i])
                * (0.75 + 0.25 * pf.data_protection[i]);
            *up = readiness * c.defa_uptake_rate * push;
            let erosion_scale = c.defa_erosion * (1.0 - prep.hard_law) * (1.0 - prep.monitoring);
            *rate = *up + (one - x_i[p]) * erosion_scale;
        }
        exp_neg_scaled_into(&mut defa_factor, &defa_rate, h);
        let rates = defa_rate.iter().zip(&defa_factor).zip(&defa_up);
        for (g_i, ((rate, factor), up)) in g.iter_mut().zip(rates) {
            let target = *up / *rate;
            let moved = target + (*g_i - target) * *factor;
            // Where nothing pulls or erodes (rate 0), g stays as it is.
            *g_i = V::select_nonzero(*rate, moved, *g_i);
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
    rec.finish(w);
}
