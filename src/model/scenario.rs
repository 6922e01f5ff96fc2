//! The whole scenario: descriptive metadata, time and ensemble settings, states, powers, levers, ASEAN
//! policy, events and constants.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::asean::AseanPolicy;
use super::claim::Claim;
use super::constants::ConstantId;
use super::constants::Constants;
use super::event::ProfileEvent;
use super::lever::LeverEntry;
use super::plausible::{Plausible, PlausibleOverride, PlausibleSpan, varied_by_factor};
use super::power::Power;
use super::state::MemberState;
use super::story::{LogEntry, StoryStep};
use super::team::{PlayedRound, RoundPlan, Team};

/// The scenario file schema version this build writes.
pub const SCHEMA_VERSION: u32 = 7;

/// Allowed steps per year.
pub const VALID_STEPS_PER_YEAR: [u32; 4] = [1, 2, 4, 12];

/// Hard limits that keep a scenario computable in interactive time.
#[derive(Clone, Copy, Debug)]
pub struct Limits;

impl Limits {
    pub const MAX_STATES: usize = 64;
    pub const MAX_POWERS: usize = 8;
    pub const MAX_LEVERS: usize = 2_000;
    pub const MAX_EVENTS: usize = 2_000;
    /// Steps of one run (e.g. 1,000 years yearly or 100 years monthly).
    pub const MAX_STEPS: usize = 12_000;
    pub const MAX_ENSEMBLE_MEMBERS: u32 = 10_000;
    pub const MAX_TEXT_LEN: usize = 100_000;
    pub const MAX_CLAIMS: usize = 200;
    /// Changes one claim may make before it is measured.
    pub const MAX_CLAIM_CHANGES: usize = 100;
}

/// Start, end and resolution of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSettings {
    pub start_year: f64,
    pub end_year: f64,
    /// 1, 2, 4 or 12.
    pub steps_per_year: u32,
}

impl Default for TimeSettings {
    fn default() -> Self {
        Self {
            start_year: 2025.0,
            end_year: 2045.0,
            steps_per_year: 1,
        }
    }
}

impl TimeSettings {
    /// Step length h in years.
    pub fn step(&self) -> f64 {
        1.0 / f64::from(self.steps_per_year)
    }

    /// Number of steps, `round((end − start) · steps_per_year)`.
    pub fn n_steps(&self) -> usize {
        let n = ((self.end_year - self.start_year) * f64::from(self.steps_per_year)).round();
        if n.is_finite() && n > 0.0 {
            n as usize
        } else {
            0
        }
    }

    /// Time of point k, computed directly (never by repeated addition).
    pub fn time_at(&self, k: usize) -> f64 {
        self.start_year + k as f64 * self.step()
    }

    /// Index of the time point nearest to `year`, clamped to the run.
    pub fn index_of(&self, year: f64) -> usize {
        let k = ((year - self.start_year) * f64::from(self.steps_per_year)).round();
        if k.is_finite() && k > 0.0 {
            (k as usize).min(self.n_steps())
        } else {
            0
        }
    }
}

/// How states are weighted in the bloc indices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlocWeights {
    /// GDP shares (default).
    #[default]
    Gdp,
    /// 1/N each.
    Equal,
}

/// Settings of the uncertainty ensemble (MODEL.md, "Ensemble").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EnsembleSettings {
    /// Number of members, including the unperturbed member 0.
    pub members: u32,
    pub seed: u64,
    /// σ_L: spread of lever intensities.
    pub lever_sigma: f64,
    /// φ: year-to-year persistence of lever perturbations.
    pub lever_persistence: f64,
    /// σ_P: spread of `lever_influence` and `susceptibility_max`.
    pub parameter_sigma: f64,
}

impl Default for EnsembleSettings {
    fn default() -> Self {
        Self {
            members: 200,
            seed: 2025,
            lever_sigma: 0.25,
            lever_persistence: 0.6,
            parameter_sigma: 0.15,
        }
    }
}

/// A complete scenario, as stored in a `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Schema version the file was written in; after loading always [`SCHEMA_VERSION`].
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// What the scenario says about its results, each checked against the engine (schema 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub author: String,
    /// ISO date, e.g. `2025-11-28`.
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub modified: String,
    #[serde(default)]
    pub time: TimeSettings,
    #[serde(default)]
    pub bloc_weights: BlocWeights,
    pub powers: Vec<Power>,
    pub states: Vec<MemberState>,
    #[serde(default)]
    pub levers: Vec<LeverEntry>,
    #[serde(default)]
    pub asean: AseanPolicy,
    /// Explicit N × N peer weights a_ij; `None` means the size-based default.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::bounded::peer_matrix"
    )]
    pub peer_weights: Option<Vec<Vec<f64>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<ProfileEvent>,
    #[serde(default)]
    pub constants: Constants,
    /// Where a constant's value comes from, by its name in `constants` (e.g. `adjustment_years`);
    /// calibration writes `calibrated: …` here.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constants_basis: BTreeMap<String, String>,
    /// The scenario's own plausible ranges, by constant name, where it departs from the shipped
    /// table (values for a scalar constant, a factor for one with several values; schema 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constants_plausible: BTreeMap<String, PlausibleOverride>,
    #[serde(default)]
    pub ensemble: EnsembleSettings,
    /// Workshop walk-through (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story: Vec<StoryStep>,
    /// Inputs shown as live levers in presenter mode, named as `KHM.governance` (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub live_levers: Vec<String>,
    /// Changes made in presenter mode (schema 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub round_log: Vec<LogEntry>,
    /// The teams of a workshop game, each with the inputs it may move (schema 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// The game's arc: one entry per round, with its brief and the forecast it asks for (schema 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<RoundPlan>,
    /// The rounds played so far, with moves, arguments, forecasts and results (schema 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub played: Vec<PlayedRound>,
    /// Set in a backcast: the scenario whose starting state this one should unfold into, which
    /// `calibrate` fits against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<CalibrationTarget>,
}

/// What a backcast is calibrated against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationTarget {
    /// The scenario file (relative to this one) whose start is the backcast's end: its starting
    /// alignments and dependencies are the targets.
    pub target: String,
}

impl Scenario {
    /// Number of poles K = powers + autonomy.
    pub fn pole_count(&self) -> usize {
        self.powers.len() + 1
    }

    /// Index of the state with this code.
    pub fn state_index(&self, code: &str) -> Option<usize> {
        self.states.iter().position(|s| s.code == code)
    }

    /// Index of the power with this code.
    pub fn power_index(&self, code: &str) -> Option<usize> {
        self.powers.iter().position(|p| p.code == code)
    }

    /// The plausible range robustness samples a constant within: the scenario's own, else the
    /// shipped one.
    pub fn plausible(&self, id: ConstantId) -> Plausible {
        match self.constants_plausible.get(id.key()) {
            Some(own) => Plausible {
                span: if varied_by_factor(id) {
                    PlausibleSpan::Factor(own.low, own.high)
                } else {
                    PlausibleSpan::Values(own.low, own.high)
                },
                basis: own.basis.clone(),
            },
            None => id.plausible(),
        }
    }

    /// [`Scenario::plausible`]'s span.
    pub fn plausible_span(&self, id: ConstantId) -> PlausibleSpan {
        self.plausible(id).span
    }

    /// Labels of the poles: power codes, then "Aut".
    pub fn pole_codes(&self) -> Vec<String> {
        self.powers
            .iter()
            .map(|p| p.code.clone())
            .chain(std::iter::once("Aut".to_string()))
            .collect()
    }
}
