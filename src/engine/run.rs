//! The outputs of one run: every state's alignment, dependency, capacities, DEFA progress and hedging
//! index, and the bloc indices, at every time point t_k (k = 0 is the initial state).

use crate::model::SECTOR_COUNT;

use super::indices::{BlocIndex, bloc_indices, hedging_index};
use super::lanes::{LANES, Lanes};

/// Every output of MODEL.md at every time point, stored flat for speed.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub n_states: usize,
    pub n_powers: usize,
    pub times: Vec<f64>,
    alignment: Vec<f64>,
    dependency: Vec<f64>,
    infrastructure: Vec<f64>,
    talent: Vec<f64>,
    defa: Vec<f64>,
    bloc: Vec<[f64; 5]>,
}

impl Run {
    pub(crate) fn with_capacity(n: usize, p: usize, points: usize) -> Self {
        let k = p + 1;
        Self {
            n_states: n,
            n_powers: p,
            times: Vec::with_capacity(points),
            alignment: Vec::with_capacity(points * n * k),
            dependency: Vec::with_capacity(points * n * p * SECTOR_COUNT),
            infrastructure: Vec::with_capacity(points * n),
            talent: Vec::with_capacity(points * n),
            defa: Vec::with_capacity(points * n),
            bloc: Vec::with_capacity(points),
        }
    }

    /// Number of poles K.
    pub fn n_poles(&self) -> usize {
        self.n_powers + 1
    }

    /// Number of time points (steps + 1).
    pub fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether the run holds no time points.
    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// Alignment shares of state i at point t (K values: powers, then autonomy).
    pub fn alignment(&self, t: usize, i: usize) -> &[f64] {
        let k = self.n_poles();
        let start = (t * self.n_states + i) * k;
        &self.alignment[start..start + k]
    }

    /// Dependency of state i on power p at point t, per sector.
    pub fn dependency(&self, t: usize, i: usize, p: usize) -> &[f64] {
        let start = ((t * self.n_states + i) * self.n_powers + p) * SECTOR_COUNT;
        &self.dependency[start..start + SECTOR_COUNT]
    }

    /// Domestic (non-foreign) share R of state i in sector s at point t.
    pub fn domestic(&self, t: usize, i: usize, s: usize) -> f64 {
        1.0 - (0..self.n_powers)
            .map(|p| self.dependency(t, i, p)[s])
            .sum::<f64>()
    }

    /// Dependency of state i on power p averaged over sectors.
    pub fn dependency_overall(&self, t: usize, i: usize, p: usize) -> f64 {
        self.dependency(t, i, p).iter().sum::<f64>() / SECTOR_COUNT as f64
    }

    /// Infrastructure I of state i at point t.
    pub fn infrastructure(&self, t: usize, i: usize) -> f64 {
        self.infrastructure[t * self.n_states + i]
    }

    /// Digital talent H of state i at point t.
    pub fn talent(&self, t: usize, i: usize) -> f64 {
        self.talent[t * self.n_states + i]
    }

    /// DEFA progress g of state i at point t.
    pub fn defa(&self, t: usize, i: usize) -> f64 {
        self.defa[t * self.n_states + i]
    }

    /// Hedging index of state i at point t (derived from the alignment when asked for).
    pub fn hedging(&self, t: usize, i: usize) -> f64 {
        hedging_index(self.alignment(t, i))
    }

    /// US–China tilt `x_1 − x_2` (first two powers); 0 with one power.
    pub fn tilt(&self, t: usize, i: usize) -> f64 {
        let x = self.alignment(t, i);
        if self.n_powers >= 2 { x[0] - x[1] } else { 0.0 }
    }

    /// A bloc index at point t.
    pub fn bloc(&self, t: usize, index: BlocIndex) -> f64 {
        self.bloc[t][index as usize]
    }

    /// The pole with the largest share for state i at point t (ties: the first).
    pub fn leaning(&self, t: usize, i: usize) -> usize {
        let x = self.alignment(t, i);
        let mut best = 0;
        for (o, v) in x.iter().enumerate() {
            if *v > x[best] {
                best = o;
            }
        }
        best
    }

    /// Index of the point nearest to `year`.
    pub fn index_of_year(&self, year: f64) -> usize {
        let mut best = 0;
        for (k, t) in self.times.iter().enumerate() {
            if (t - year).abs() < (self.times[best] - year).abs() {
                best = k;
            }
        }
        best
    }
}

/// Receives the model state at each time point (`V` is `f64`, or [`Lanes`](super::lanes::Lanes) of
/// ensemble members stepped together).
pub(crate) trait Recorder<V = f64> {
    fn record(&mut self, t: f64, state: &Snapshot<'_, V>);

    /// Called once after the last point, with the bloc weights.
    fn finish(&mut self, _weights: &[f64]) {}
}

/// The model state at one time point, borrowed from the stepping loop.
pub(crate) struct Snapshot<'a, V = f64> {
    pub weights: &'a [f64],
    pub x: &'a [V],
    pub d: &'a [V],
    pub infrastructure: &'a [V],
    pub talent: &'a [V],
    pub defa: &'a [V],
}

impl Recorder for Run {
    #[inline(always)]
    fn record(&mut self, t: f64, s: &Snapshot<'_>) {
        self.times.push(t);
        self.alignment.extend_from_slice(s.x);
        self.dependency.extend_from_slice(s.d);
        self.infrastructure.extend_from_slice(s.infrastructure);
        self.talent.extend_from_slice(s.talent);
        self.defa.extend_from_slice(s.defa);
    }

    /// The bloc indices of every point, [`LANES`] points at a time in SIMD lanes (each lane is exactly
    /// the one-point computation).
    #[inline(always)]
    fn finish(&mut self, weights: &[f64]) {
        let (n, p) = (self.n_states, self.n_powers);
        let (x_len, d_len) = (n * (p + 1), n * p * SECTOR_COUNT);
        let points = self.times.len();
        let mut x = vec![Lanes::default(); x_len];
        let mut d = vec![Lanes::default(); d_len];
        let mut g = vec![Lanes::default(); n];
        self.bloc.clear();
        self.bloc.reserve(points);
        for first in (0..points).step_by(LANES) {
            let used = LANES.min(points - first);
            for lane in 0..LANES {
                // Spare lanes repeat the last point and are dropped.
                let t = first + lane.min(used - 1);
                Lanes::fill_lane(&mut x, lane, &self.alignment[t * x_len..(t + 1) * x_len]);
                Lanes::fill_lane(&mut d, lane, &self.dependency[t * d_len..(t + 1) * d_len]);
                Lanes::fill_lane(&mut g, lane, &self.defa[t * n..(t + 1) * n]);
            }
            let bloc = bloc_indices(weights, &x, &d, n, p, &g);
            for lane in 0..used {
                self.bloc.push(bloc.map(|v| v.0[lane]));
            }
        }
    }
}
