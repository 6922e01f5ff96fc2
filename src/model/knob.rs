//! Knobs: names of one scalar input of a scenario (a state's profile value, a lever entry's intensity,
//! an ASEAN policy value, a power's capability or conditionality, one value of a constant), so the
//! sensitivity and sweep analyses can read, set and range over inputs generically. Ranges come from
//! the field metadata in `model`, the same the editor and validator use.

use super::{
    AseanField, ConstantId, ConstantShape, PowerField, Range, SECTOR_COUNT, Scenario, StateField,
};

/// One scalar input of a scenario. Indices refer to the scenario's lists.
///
/// A state knob sets the starting value; scheduled events on the same field still apply from their
/// year, as in any run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knob {
    /// A scalar profile field of a state (never `alignment`, `anchor` or `dependency`).
    State { state: usize, field: StateField },
    /// The intensity of lever entry `entry`.
    LeverIntensity { entry: usize },
    /// An ASEAN policy value.
    Asean(AseanField),
    /// A power's capability.
    Capability { power: usize },
    /// A power's conditionality.
    Conditionality { power: usize },
    /// Value `index` of a constant (0 for a scalar; row-major for `lever_sector`).
    Constant { id: ConstantId, index: usize },
}

/// Why a knob cannot be read or set on a scenario.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum KnobError {
    /// The knob names a state, power, lever entry or constant element the scenario does not have.
    #[error("{0}")]
    Missing(String),
    /// The knob names a profile field that is not a single number.
    #[error("{0} is not a single number, so it cannot be a knob")]
    NotScalar(&'static str),
    /// The value lies outside the input's valid range.
    #[error("{what} = {value}: must be {allowed}")]
    OutOfRange {
        what: String,
        value: f64,
        allowed: String,
    },
}

impl Knob {
    /// The current value in a scenario.
    pub fn get(&self, s: &Scenario) -> Result<f64, KnobError> {
        Ok(match *self {
            Knob::State { state, field } => {
                let st = s.states.get(state).ok_or_else(|| missing_state(s, state))?;
                st.scalar(field).ok_or(KnobError::NotScalar(field.key()))?
            }
            Knob::LeverIntensity { entry } => {
                s.levers
                    .get(entry)
                    .ok_or_else(|| missing_lever(s, entry))?
                    .intensity
            }
            Knob::Asean(field) => field.get(&s.asean),
            Knob::Capability { power } => {
                s.powers
                    .get(power)
                    .ok_or_else(|| missing_power(s, power))?
                    .capability
            }
            Knob::Conditionality { power } => {
                s.powers
                    .get(power)
                    .ok_or_else(|| missing_power(s, power))?
                    .conditionality
            }
            Knob::Constant { id, index } => *s
                .constants
                .values(id)
                .get(index)
                .ok_or_else(|| missing_element(id, index))?,
        })
    }

    /// Sets the value, refusing values outside [`Knob::range`].
    pub fn set(&self, s: &mut Scenario, value: f64) -> Result<(), KnobError> {
        let range = self.range(s);
        if !range.contains(value) {
            return Err(KnobError::OutOfRange {
                what: self.spec(s),
                value,
                allowed: range.describe(),
            });
        }
        *self.slot(s)? = value;
        Ok(())
    }

    fn slot<'a>(&self, s: &'a mut Scenario) -> Result<&'a mut f64, KnobError> {
        let n_states = s.states.len();
        let n_levers = s.levers.len();
        let n_powers = s.powers.len();
        let missing = |what: &str, i: usize, n: usize| {
            KnobError::Missing(format!("the scenario has no {what} {i} (it has {n})"))
        };
        match *self {
            Knob::State { state, field } => s
                .states
                .get_mut(state)
                .ok_or_else(|| missing("state", state, n_states))?
                .scalar_mut(field)
                .ok_or(KnobError::NotScalar(field.key())),
            Knob::LeverIntensity { entry } => Ok(&mut s
                .levers
                .get_mut(entry)
                .ok_or_else(|| missing("lever entry", entry, n_levers))?
                .intensity),
            Knob::Asean(field) => Ok(field.get_mut(&mut s.asean)),
            Knob::Capability { power } => Ok(&mut s
                .powers
                .get_mut(power)
                .ok_or_else(|| missing("power", power, n_powers))?
                .capability),
            Knob::Conditionality { power } => Ok(&mut s
                .powers
                .get_mut(power)
                .ok_or_else(|| missing("power", power, n_powers))?
                .conditionality),
            Knob::Constant { id, index } => s
                .constants
                .values_mut(id)
                .get_mut(index)
                .ok_or_else(|| missing_element(id, index)),
        }
    }

    /// The valid range of the input, from the model's field metadata. `adjustment_years` starts at
    /// the scenario's step length, because MODEL.md requires h ≤ τ.
    pub fn range(&self, s: &Scenario) -> Range {
        match *self {
            Knob::State { field, .. } => field.meta().range,
            Knob::LeverIntensity { .. } => Range::UNIT,
            Knob::Asean(field) => field.meta().range,
            Knob::Capability { .. } => PowerField::Capability.meta().range,
            Knob::Conditionality { .. } => PowerField::Conditionality.meta().range,
            Knob::Constant {
                id: ConstantId::AdjustmentYears,
                ..
            } => {
                let r = ConstantId::AdjustmentYears.range();
                Range::closed(s.time.step().max(r.min), r.max)
            }
            Knob::Constant { id, .. } => id.range(),
        }
    }

    /// The default interval of a sweep: the whole valid range, except that an open lower end
    /// (`(0, 5]`) starts 1 % of the width above it, since values next to it are degenerate.
    pub fn sweep_bounds(&self, s: &Scenario) -> (f64, f64) {
        let r = self.range(s);
        let lo = if r.min_exclusive {
            r.min + 0.01 * (r.max - r.min)
        } else {
            r.min
        };
        (lo, r.max)
    }

    /// The plausible swing of the sensitivity analysis, clipped to the valid range:
    /// - a lever entry's intensity: its whole range 0 … 1 (whether the lever is used at all);
    /// - an input on a 0 … 1 scale (profile values, ASEAN shares, capability, conditionality, unit
    ///   constants): the current value ± 0.2, a large but believable change in a decade;
    /// - the DEFA entry-into-force year: ± 3 years;
    /// - anything else (GDP, constants with wide ranges): the current value × 0.5 … × 1.5, since
    ///   those ranges are validity bounds, not plausible values.
    pub fn swing(&self, s: &Scenario) -> Result<(f64, f64), KnobError> {
        let v = self.get(s)?;
        let r = self.range(s);
        let lo_valid = if r.min_exclusive {
            r.min.next_up()
        } else {
            r.min
        };
        let (lo, hi) = match self {
            Knob::LeverIntensity { .. } => (0.0, 1.0),
            Knob::Asean(AseanField::DefaInForceYear) => (v - 3.0, v + 3.0),
            _ if r.min >= 0.0 && r.max <= 1.0 => (v - 0.2, v + 0.2),
            _ => (v * 0.5, v * 1.5),
        };
        Ok((lo.clamp(lo_valid, r.max), hi.clamp(lo_valid, r.max)))
    }

    /// A label for people, e.g. "Cambodia's governance" or "The decay constant for cloud & data
    /// centres (δ_s)" (see [`super::naming`]).
    pub fn label(&self, s: &Scenario) -> String {
        super::naming::knob_label(s, self)
    }

    /// The text form, which [`Knob::parse`] reads back to the same knob.
    pub fn spec(&self, s: &Scenario) -> String {
        match *self {
            Knob::State { state, field } => match s.states.get(state) {
                Some(st) => format!("{}.{}", st.code, field.key()),
                None => format!("states[{state}].{}", field.key()),
            },
            Knob::LeverIntensity { entry } => format!("levers[{entry}].intensity"),
            Knob::Asean(field) => format!("asean.{}", field.meta().key),
            Knob::Capability { power } => format!("{}.capability", power_code(s, power)),
            Knob::Conditionality { power } => format!("{}.conditionality", power_code(s, power)),
            Knob::Constant { id, index } => match id.shape() {
                ConstantShape::Scalar => format!("constants.{}", id.key()),
                ConstantShape::LeverBySector => format!(
                    "constants.{}[{}][{}]",
                    id.key(),
                    index / SECTOR_COUNT,
                    index % SECTOR_COUNT
                ),
                _ => format!("constants.{}[{index}]", id.key()),
            },
        }
    }

    /// Every knob the tornado swings: each lever entry's intensity (in listing order), then each
    /// state's scalar profile values except GDP (which only weights the bloc indices).
    pub fn all_sensitivity_knobs(s: &Scenario) -> Vec<Knob> {
        let levers = (0..s.levers.len()).map(|entry| Knob::LeverIntensity { entry });
        let states = (0..s.states.len()).flat_map(|state| {
            StateField::SCALARS
                .into_iter()
                .filter(|f| *f != StateField::GdpUsdBn)
                .map(move |field| Knob::State { state, field })
        });
        levers.chain(states).collect()
    }
}

fn power_code(s: &Scenario, p: usize) -> String {
    s.powers
        .get(p)
        .map_or_else(|| format!("powers[{p}]"), |x| x.code.clone())
}

fn missing_state(s: &Scenario, i: usize) -> KnobError {
    KnobError::Missing(format!(
        "the scenario has no state {i} (it has {})",
        s.states.len()
    ))
}

fn missing_power(s: &Scenario, p: usize) -> KnobError {
    KnobError::Missing(format!(
        "the scenario has no power {p} (it has {})",
        s.powers.len()
    ))
}

fn missing_lever(s: &Scenario, e: usize) -> KnobError {
    KnobError::Missing(format!(
        "the scenario has no lever entry {e} (it has {})",
        s.levers.len()
    ))
}

fn missing_element(id: ConstantId, index: usize) -> KnobError {
    KnobError::Missing(format!(
        "constants.{} has {} values, so there is no value {index}",
        id.key(),
        id.shape().len()
    ))
}
