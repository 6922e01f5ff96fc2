//! A conformance case of `../shared/conformance/` (layout in its README), translated into the app's
//! own scenario type.

use std::path::Path;

use asean_futures::model::{
    AseanPolicy, BlocWeights, Constants, EnsembleSettings, LeverEntry, LeverKind, MemberState,
    Power, ProfileEvent, SCHEMA_VERSION, Scenario, Targets, TimeSettings,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub time: TimeSettings,
    pub powers: Vec<CasePower>,
    pub states: Vec<MemberState>,
    pub levers: Vec<CaseLever>,
    pub asean: AseanPolicy,
    pub bloc_weights: BlocWeights,
    #[serde(default)]
    pub peer_weights: Option<Vec<Vec<f64>>>,
    #[serde(default)]
    pub events: Vec<ProfileEvent>,
    pub constants: Constants,
    pub expected: Expected,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasePower {
    pub code: String,
    pub name: String,
    pub capability: f64,
    pub conditionality: f64,
    pub sector_pull: [f64; 5],
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum CaseTargets {
    Keyword(String),
    Codes(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseLever {
    pub power: String,
    pub kind: LeverKind,
    pub intensity: f64,
    pub targets: CaseTargets,
    pub start_year: f64,
    pub end_year: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub tolerance: f64,
    pub checkpoints: Vec<Checkpoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    pub year: f64,
    pub alignment: Vec<Vec<f64>>,
    pub dependency: Vec<Vec<Vec<f64>>>,
    pub infrastructure: Vec<f64>,
    pub talent: Vec<f64>,
    pub defa: Vec<f64>,
    pub hedging: Vec<f64>,
    pub cohesion: f64,
    pub bifurcation: f64,
    pub tech_split: f64,
    pub autonomy: f64,
    pub defa_integration: f64,
}

impl Case {
    /// Reads a case file.
    pub fn load(path: &Path) -> Result<Case, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The case's inputs as a scenario of the app.
    pub fn scenario(&self) -> Scenario {
        let palette = [
            "#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000",
        ];
        Scenario {
            version: SCHEMA_VERSION,
            name: self.name.clone(),
            description: String::new(),
            author: String::new(),
            created: String::new(),
            modified: String::new(),
            time: self.time.clone(),
            bloc_weights: self.bloc_weights,
            powers: self
                .powers
                .iter()
                .enumerate()
                .map(|(i, p)| Power {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    colour: palette[i % palette.len()].to_string(),
                    capability: p.capability,
                    conditionality: p.conditionality,
                    sector_pull: p.sector_pull,
                    basis: Default::default(),
                })
                .collect(),
            states: self.states.clone(),
            levers: self
                .levers
                .iter()
                .map(|l| LeverEntry {
                    power: l.power.clone(),
                    kind: l.kind,
                    intensity: l.intensity,
                    targets: match &l.targets {
                        CaseTargets::Keyword(k) if k == "all" => Targets::All,
                        CaseTargets::Keyword(k) => panic!("unknown targets keyword {k:?}"),
                        CaseTargets::Codes(c) => Targets::States(c.clone()),
                    },
                    start_year: l.start_year,
                    end_year: l.end_year,
                    note: String::new(),
                })
                .collect(),
            asean: self.asean.clone(),
            peer_weights: self.peer_weights.clone(),
            events: self.events.clone(),
            constants: self.constants.clone(),
            constants_basis: Default::default(),
            constants_plausible: Default::default(),
            ensemble: EnsembleSettings::default(),
            story: Vec::new(),
            live_levers: Vec::new(),
            claims: Vec::new(),
            round_log: Vec::new(),
            teams: Vec::new(),
            rounds: Vec::new(),
            played: Vec::new(),
            calibration: None,
        }
    }
}
