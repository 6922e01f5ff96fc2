//! A scenario turned into flat arrays the engine can step through quickly: indices resolved, the lever
//! tensor built once per stretch of time in which the set of active entries does not change, events
//! sorted, and weights computed.

use crate::model::{
    BlocWeights, Constants, EventField, LeverKind, Limits, SECTOR_COUNT, Scenario, TIME_TOL,
    Targets,
};

use super::error::SimError;

/// Number of lever kinds.
pub(crate) const L: usize = LeverKind::ALL.len();

/// A lever tensor: one row of lever kinds per (state, power).
pub(crate) type LeverTensor = Vec<[f64; L]>;

/// Profile values that scheduled events may change during a run.
#[derive(Clone, Debug)]
pub(crate) struct Profile {
    pub size: Vec<f64>,
    pub ecosystem: Vec<f64>,
    pub competitiveness: Vec<f64>,
    pub localisation: Vec<f64>,
    pub data_protection: Vec<f64>,
    pub governance: Vec<f64>,
    pub hedging: Vec<f64>,
    pub defa_commitment: Vec<f64>,
}

impl Profile {
    pub fn field_mut(&mut self, field: EventField) -> &mut Vec<f64> {
        match field {
            EventField::Size => &mut self.size,
            EventField::Ecosystem => &mut self.ecosystem,
            EventField::Competitiveness => &mut self.competitiveness,
            EventField::Localisation => &mut self.localisation,
            EventField::DataProtection => &mut self.data_protection,
            EventField::Governance => &mut self.governance,
            EventField::Hedging => &mut self.hedging,
            EventField::DefaCommitment => &mut self.defa_commitment,
        }
    }
}

/// A scheduled event with its state resolved to an index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Event {
    pub year: f64,
    pub state: usize,
    pub field: EventField,
    pub value: f64,
}

/// Everything the stepping loop reads.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub n: usize,
    pub p: usize,
    pub k: usize,
    pub n_steps: usize,
    pub steps_per_year: usize,
    pub h: f64,
    pub times: Vec<f64>,
    pub profile: Profile,
    /// Bloc weights W.
    pub weights: Vec<f64>,
    pub infrastructure: Vec<f64>,
    pub talent: Vec<f64>,
    pub defa: Vec<f64>,
    /// N × K.
    pub alignment: Vec<f64>,
    /// N × K.
    pub anchor: Vec<f64>,
    /// One sector row per (state, power).
    pub dependency: Vec<[f64; SECTOR_COUNT]>,
    pub capability: Vec<f64>,
    pub conditionality: Vec<f64>,
    /// One sector row per power.
    pub sector_pull: Vec<[f64; SECTOR_COUNT]>,
    /// Explicit N × N peer matrix, if given.
    pub peer_matrix: Option<Vec<f64>>,
    /// Lever tensors (one row of kinds per (state, power)), one per stretch of constant activity.
    pub lever_segments: Vec<LeverTensor>,
    /// For each step, the index of its lever tensor.
    pub segment_of_step: Vec<usize>,
    /// For each lever tensor, whether any export-control cell is non-zero: only then can camp
    /// binding change ã from one step to the next.
    pub segment_has_export_controls: Vec<bool>,
    /// Sorted by year (stable).
    pub events: Vec<Event>,
    pub constants: Constants,
    pub defa_in_force_year: f64,
    pub hard_law: f64,
    pub monitoring: f64,
    pub harmonisation: f64,
}

impl Prepared {
    /// Resolves a scenario, refusing only shapes the engine cannot step through.
    pub fn new(s: &Scenario) -> Result<Self, SimError> {
        let n = s.states.len();
        let p = s.powers.len();
        let k = p + 1;
        if n == 0 || n > Limits::MAX_STATES {
            return Err(SimError::Invalid(format!(
                "{n} states (1 to {} allowed)",
                Limits::MAX_STATES
            )));
        }
        if p == 0 || p > Limits::MAX_POWERS {
            return Err(SimError::Invalid(format!(
                "{p} powers (1 to {} allowed)",
                Limits::MAX_POWERS
            )));
        }
        let spy = s.time.steps_per_year;
        if !crate::model::VALID_STEPS_PER_YEAR.contains(&spy) {
            return Err(SimError::Invalid(format!("steps_per_year = {spy}")));
        }
        let n_steps = s.time.n_steps();
        if n_steps == 0 || n_steps > Limits::MAX_STEPS {
            return Err(SimError::Invalid(format!(
                "{n_steps} steps (1 to {} allowed)",
                Limits::MAX_STEPS
            )));
        }
        let h = s.time.step();
        let times: Vec<f64> = (0..=n_steps).map(|k| s.time.time_at(k)).collect();

        let mut alignment = Vec::with_capacity(n * k);
        let mut anchor = Vec::with_capacity(n * k);
        let mut dependency = Vec::with_capacity(n * p);
        for st in &s.states {
            if st.alignment.len() != k || st.effective_anchor().len() != k {
                return Err(SimError::Invalid(format!(
                    "{}: alignment and anchor need {k} shares",
                    st.code
                )));
            }
            if st.dependency.len() != p {
                return Err(SimError::Invalid(format!(
                    "{}: dependency needs {p} rows",
                    st.code
                )));
            }
            alignment.extend_from_slice(&st.alignment);
            anchor.extend_from_slice(st.effective_anchor());
            dependency.extend_from_slice(&st.dependency);
        }
        let col =
            |f: fn(&crate::model::MemberState) -> f64| s.states.iter().map(f).collect::<Vec<f64>>();
        let profile = Profile {
            size: col(|x| x.size),
            ecosystem: col(|x| x.ecosystem),
            competitiveness: col(|x| x.competitiveness),
            localisation: col(|x| x.localisation),
            data_protection: col(|x| x.data_protection),
            governance: col(|x| x.governance),
            hedging: col(|x| x.hedging),
            defa_commitment: col(|x| x.defa_commitment),
        };
        let weights = match s.bloc_weights {
            BlocWeights::Equal => vec![1.0 / n as f64; n],
            BlocWeights::Gdp => {
                let total: f64 = s.states.iter().map(|x| x.gdp_usd_bn).sum();
                if !(total > 0.0 && total.is_finite()) {
                    return Err(SimError::Invalid(
                        "GDP must be positive for GDP bloc weights".into(),
                    ));
                }
                s.states.iter().map(|x| x.gdp_usd_bn / total).collect()
            }
        };
        let peer_matrix = match &s.peer_weights {
            None => None,
            Some(rows) => {
                if rows.len() != n || rows.iter().any(|r| r.len() != n) {
                    return Err(SimError::Invalid(format!("peer_weights must be {n} × {n}")));
                }
                Some(rows.iter().flatten().copied().collect())
            }
        };

        let (lever_segments, segment_of_step) = lever_tensors(s, n, p, &times[..n_steps])?;
        let ec = LeverKind::ExportControls.index();
        let segment_has_export_controls = lever_segments
            .iter()
            .map(|tensor| tensor.iter().any(|row| row[ec] != 0.0))
            .collect();

        let mut events = Vec::with_capacity(s.events.len());
        for e in &s.events {
            let state = s.state_index(&e.state).ok_or_else(|| {
                SimError::Invalid(format!("event names unknown state {:?}", e.state))
            })?;
            events.push(Event {
                year: e.year,
                state,
                field: e.field,
                value: e.value,
            });
        }
        // Stable: equal years keep listing order, so a later entry wins.
        events.sort_by(|a, b| a.year.total_cmp(&b.year));

        Ok(Self {
            n,
            p,
            k,
            n_steps,
            steps_per_year: spy as usize,
            h,
            times,
            profile,
            weights,
            infrastructure: col(|x| x.infrastructure),
            talent: col(|x| x.talent),
            defa: col(|x| x.defa_progress),
            alignment,
            anchor,
            dependency,
            capability: s.powers.iter().map(|x| x.capability).collect(),
            conditionality: s.powers.iter().map(|x| x.conditionality).collect(),
            sector_pull: s.powers.iter().map(|x| x.sector_pull).collect(),
            peer_matrix,
            lever_segments,
            segment_of_step,
            segment_has_export_controls,
            events,
            constants: s.constants.clone(),
            defa_in_force_year: s.asean.defa_in_force_year,
            hard_law: s.asean.hard_law,
            monitoring: s.asean.monitoring,
            harmonisation: s.asean.harmonisation,
        })
    }

    /// Lever tensor Lev at the start of step k, one row of kinds per (state, power).
    pub fn lever_at(&self, k: usize) -> &[[f64; L]] {
        &self.lever_segments[self.segment_of_step[k]]
    }

    /// Whether DEFA is in force at the start of step k.
    pub fn in_force(&self, k: usize) -> bool {
        self.times[k] >= self.defa_in_force_year - TIME_TOL
    }
}

/// Builds the lever tensor for every stretch of steps with the same set of active entries.
fn lever_tensors(
    s: &Scenario,
    n: usize,
    p: usize,
    step_times: &[f64],
) -> Result<(Vec<LeverTensor>, Vec<usize>), SimError> {
    // Resolve entries once: power index, kind, deduplicated target indices.
    let mut resolved = Vec::with_capacity(s.levers.len());
    for e in &s.levers {
        let pi = s
            .power_index(&e.power)
            .ok_or_else(|| SimError::Invalid(format!("lever names unknown power {:?}", e.power)))?;
        let mut targets: Vec<usize> = match &e.targets {
            Targets::All => (0..n).collect(),
            Targets::States(codes) => codes
                .iter()
                .map(|c| {
                    s.state_index(c).ok_or_else(|| {
                        SimError::Invalid(format!("lever names unknown state {c:?}"))
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        targets.sort_unstable();
        targets.dedup();
        resolved.push((pi, e.kind.index(), targets, e));
    }

    let mut segments: Vec<LeverTensor> = Vec::new();
    let mut segment_of_step = Vec::with_capacity(step_times.len());
    // Two reused buffers: which entries are active now, and in the last segment.
    let mut active = vec![false; resolved.len()];
    let mut last_active = vec![false; resolved.len()];
    for &t in step_times {
        for (on, (_, _, _, e)) in active.iter_mut().zip(&resolved) {
            *on = e.active_at(t);
        }
        if segments.is_empty() || active != last_active {
            let mut tensor = vec![[0.0; L]; n * p];
            for ((pi, li, targets, e), on) in resolved.iter().zip(&active) {
                if *on {
                    for &i in targets {
                        tensor[i * p + pi][*li] += e.intensity;
                    }
                }
            }
            for v in tensor.as_flattened_mut() {
                *v = v.min(1.0);
            }
            segments.push(tensor);
            std::mem::swap(&mut active, &mut last_active);
        }
        segment_of_step.push(segments.len() - 1);
    }
    Ok((segments, segment_of_step))
}
