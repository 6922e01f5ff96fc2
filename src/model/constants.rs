//! The model constants of MODEL.md with their defaults, valid ranges and help — uncalibrated judgments
//! that a scenario may override one by one.

use serde::{Deserialize, Serialize};

use super::field::Range;
use super::lever::LEVER_KIND_COUNT;
use super::sector::SECTOR_COUNT;

/// Every constant of MODEL.md. Missing fields in a file take the defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Constants {
    pub decay: [f64; SECTOR_COUNT],
    pub talent_substitution: f64,
    pub defa_substitution: [f64; SECTOR_COUNT],
    pub vulnerability_scale: f64,
    pub localisation_shield: f64,
    pub export_control_cut: [f64; SECTOR_COUNT],
    /// Rows: lever kinds in model order; columns: sectors.
    pub lever_sector: [[f64; SECTOR_COUNT]; LEVER_KIND_COUNT],
    pub lever_influence: [f64; LEVER_KIND_COUNT],
    pub lock_in: f64,
    pub sector_weight: [f64; SECTOR_COUNT],
    pub autonomy_base: f64,
    pub autonomy_hard_law: f64,
    pub autonomy_defa: f64,
    pub peer_weight: f64,
    pub peer_size_floor: f64,
    pub susceptibility_max: f64,
    pub hedging_shield: f64,
    pub adjustment_years: f64,
    /// ν (MODEL.md v1.1): how much harder export controls bind in the controlling power's camp.
    pub camp_binding: f64,
    pub infrastructure_rate: f64,
    pub talent_rate: f64,
    pub infrastructure_finance_boost: f64,
    pub capacity_building_boost: f64,
    pub energy_constraint: f64,
    pub defa_pre_push: f64,
    pub defa_base_push: f64,
    pub defa_hard_law_push: f64,
    pub defa_monitoring_push: f64,
    pub defa_uptake_rate: f64,
    pub defa_erosion: f64,
}

impl Default for Constants {
    fn default() -> Self {
        let mut lever_sector = [[0.0; SECTOR_COUNT]; LEVER_KIND_COUNT];
        lever_sector[0][0] = 0.5; // IF → hardware
        lever_sector[1][1] = 0.2; // TP → cloud
        lever_sector[1][4] = 0.2; // TP → standards
        lever_sector[3][4] = 0.5; // RX → standards
        lever_sector[4][1] = 0.5; // DC → cloud
        lever_sector[5][2] = 0.3; // CB → software
        lever_sector[6][0] = 0.2; // SS → hardware
        lever_sector[6][4] = 0.3; // SS → standards
        Self {
            decay: [0.14, 0.20, 0.25, 0.14, 0.08],
            talent_substitution: 1.0,
            defa_substitution: [0.0, 0.0, 0.0, 0.2, 0.2],
            vulnerability_scale: 0.5,
            localisation_shield: 0.5,
            export_control_cut: [0.5, 0.5, 0.0, 0.0, 0.0],
            lever_sector,
            lever_influence: [1.2, 1.0, 0.6, 0.6, 0.8, 0.6, 0.6],
            lock_in: 1.0,
            sector_weight: [0.2; SECTOR_COUNT],
            autonomy_base: 0.2,
            autonomy_hard_law: 1.0,
            autonomy_defa: 1.0,
            peer_weight: 0.5,
            peer_size_floor: 0.1,
            susceptibility_max: 0.95,
            hedging_shield: 0.6,
            adjustment_years: 1.0,
            camp_binding: 5.0,
            infrastructure_rate: 0.08,
            talent_rate: 0.04,
            infrastructure_finance_boost: 0.5,
            capacity_building_boost: 0.5,
            energy_constraint: 0.2,
            defa_pre_push: 0.02,
            defa_base_push: 0.1,
            defa_hard_law_push: 0.3,
            defa_monitoring_push: 0.3,
            defa_uptake_rate: 0.5,
            defa_erosion: 0.3,
        }
    }
}

/// How a constant's values are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstantShape {
    Scalar,
    /// One value per sector.
    PerSector,
    /// One value per lever kind.
    PerLever,
    /// Lever kinds × sectors, row-major.
    LeverBySector,
}

impl ConstantShape {
    /// Number of values (never zero).
    #[allow(clippy::len_without_is_empty)]
    pub fn len(self) -> usize {
        match self {
            ConstantShape::Scalar => 1,
            ConstantShape::PerSector => SECTOR_COUNT,
            ConstantShape::PerLever => LEVER_KIND_COUNT,
            ConstantShape::LeverBySector => LEVER_KIND_COUNT * SECTOR_COUNT,
        }
    }
}

macro_rules! constant_ids {
    ($( $id:ident => $field:ident, $symbol:literal, $label:literal, $shape:ident, $range:expr, $help:literal; )*) => {
        /// Names every constant, so editors and validators can walk them generically.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ConstantId { $( $id, )* }

        impl ConstantId {
            /// Every constant, in MODEL.md's table order.
            pub const ALL: &'static [ConstantId] = &[ $( ConstantId::$id, )* ];

            /// The name in files (MODEL.md's name).
            pub fn key(self) -> &'static str {
                match self { $( ConstantId::$id => stringify!($field), )* }
            }

            /// MODEL.md's symbol.
            pub fn symbol(self) -> &'static str {
                match self { $( ConstantId::$id => $symbol, )* }
            }

            /// A label for people.
            pub fn label(self) -> &'static str {
                match self { $( ConstantId::$id => $label, )* }
            }

            /// How the values are laid out.
            pub fn shape(self) -> ConstantShape {
                match self { $( ConstantId::$id => ConstantShape::$shape, )* }
            }

            /// Valid range of every value.
            pub fn range(self) -> Range {
                match self { $( ConstantId::$id => $range, )* }
            }

            /// How the constant enters the model.
            pub fn help(self) -> &'static str {
                match self { $( ConstantId::$id => $help, )* }
            }
        }

        impl Constants {
            /// The values of one constant, flattened.
            pub fn values(&self, id: ConstantId) -> &[f64] {
                match id { $( ConstantId::$id => as_slice!(self.$field, $shape), )* }
            }

            /// Mutable values of one constant, flattened.
            pub fn values_mut(&mut self, id: ConstantId) -> &mut [f64] {
                match id { $( ConstantId::$id => as_slice_mut!(self.$field, $shape), )* }
            }
        }
    };
}

macro_rules! as_slice {
    ($e:expr, Scalar) => {
        std::slice::from_ref(&$e)
    };
    ($e:expr, LeverBySector) => {
        $e.as_flattened()
    };
    ($e:expr, $other:ident) => {
        &$e[..]
    };
}

macro_rules! as_slice_mut {
    ($e:expr, Scalar) => {
        std::slice::from_mut(&mut $e)
    };
    ($e:expr, LeverBySector) => {
        $e.as_flattened_mut()
    };
    ($e:expr, $other:ident) => {
        &mut $e[..]
    };
}

const POS5: Range = Range::open_min(0.0, 5.0);
const POS10: Range = Range::open_min(0.0, 10.0);
const R5: Range = Range::closed(0.0, 5.0);
const R10: Range = Range::closed(0.0, 10.0);
const UNIT: Range = Range::UNIT;

constant_ids! {
    Decay => decay, "δ_s", "Decay", PerSector, POS5,
        "Yearly replacement rate of foreign technology per sector (before talent and DEFA speed it up).";
    TalentSubstitution => talent_substitution, "ζ", "Talent substitution", Scalar, R10,
        "How much digital talent speeds the replacement of foreign technology.";
    DefaSubstitution => defa_substitution, "ξ_s", "DEFA substitution", PerSector, R5,
        "How much DEFA implementation speeds replacement per sector (regional payments and standards).";
    VulnerabilityScale => vulnerability_scale, "θ_v", "Vulnerability scale", Scalar, UNIT,
        "How much a deep ecosystem and a competitive telecom market lower the inflow of foreign technology.";
    LocalisationShield => localisation_shield, "θ_ρ", "Localisation shield", Scalar, UNIT,
        "How much data localisation shields the cloud sector from foreign inflow.";
    ExportControlCut => export_control_cut, "ε_s", "Export-control cut", PerSector, UNIT,
        "How much one power's export controls cut the other powers' inflow per sector.";
    LeverSector => lever_sector, "Φ", "Lever-to-sector weight", LeverBySector, R5,
        "How much each lever kind adds to a power's inflow in each sector.";
    LeverInfluence => lever_influence, "ω", "Lever influence", PerLever, R10,
        "How much each lever kind pulls alignment toward the power.";
    LockIn => lock_in, "χ", "Lock-in", Scalar, R10,
        "How much existing dependency pulls alignment toward its supplier.";
    SectorWeight => sector_weight, "sw_s", "Sector weight", PerSector, R5,
        "Weight of each sector in the lock-in pull.";
    AutonomyBase => autonomy_base, "α_0", "Autonomy pull (base)", Scalar, POS10,
        "Baseline pull of the regional autonomy pole.";
    AutonomyHardLaw => autonomy_hard_law, "α_H", "Autonomy pull of hard law", Scalar, R10,
        "Extra autonomy pull from DEFA's hard law once in force.";
    AutonomyDefa => autonomy_defa, "α_g", "Autonomy pull of DEFA progress", Scalar, R10,
        "Extra autonomy pull from a state's DEFA implementation (0 in exact mode).";
    PeerWeight => peer_weight, "μ", "Peer weight", Scalar, R10,
        "Total weight a state gives to its ASEAN peers' positions.";
    PeerSizeFloor => peer_size_floor, "f", "Peer size floor", Scalar, POS10,
        "Floor added to peers' size, so small states still count.";
    SusceptibilityMax => susceptibility_max, "λ_max", "Susceptibility (max)", Scalar, UNIT,
        "Largest share of a state's position open to outside influence.";
    HedgingShield => hedging_shield, "ψ", "Hedging shield", Scalar, UNIT,
        "How much hedging capacity keeps a state attached to its own anchor.";
    AdjustmentYears => adjustment_years, "τ", "Adjustment time", Scalar, POS10,
        "Years for alignment to move toward its target; must be at least one time step.";
    CampBinding => camp_binding, "ν", "Camp binding", Scalar, R10,
        "How much harder a power's export controls bind on a state that already leans to it: they pull it further into that camp and cut its rivals' inflow harder (MODEL.md v1.1). 0 gives the v1 model.";
    InfrastructureRate => infrastructure_rate, "r_I", "Infrastructure growth", Scalar, R5,
        "Yearly catch-up rate of infrastructure.";
    TalentRate => talent_rate, "r_H", "Talent growth", Scalar, R5,
        "Yearly catch-up rate of digital talent.";
    InfrastructureFinanceBoost => infrastructure_finance_boost, "k_IF", "Infrastructure-finance boost", Scalar, R10,
        "How much infrastructure finance speeds infrastructure growth.";
    CapacityBuildingBoost => capacity_building_boost, "k_CB", "Capacity-building boost", Scalar, R10,
        "How much capacity building speeds talent growth.";
    EnergyConstraint => energy_constraint, "ε_E", "Energy constraint", Scalar, UNIT,
        "Share of infrastructure growth lost to energy constraints (one in five data-centre projects is delayed).";
    DefaPrePush => defa_pre_push, "σ_pre", "DEFA push before entry into force", Scalar, R5,
        "Implementation push before DEFA is in force.";
    DefaBasePush => defa_base_push, "σ_0", "DEFA base push", Scalar, R5,
        "Implementation push once DEFA is in force.";
    DefaHardLawPush => defa_hard_law_push, "σ_H", "DEFA hard-law push", Scalar, R5,
        "Extra push from hard law.";
    DefaMonitoringPush => defa_monitoring_push, "σ_M", "DEFA monitoring push", Scalar, R5,
        "Extra push from monitoring.";
    DefaUptakeRate => defa_uptake_rate, "r_g", "DEFA uptake rate", Scalar, R10,
        "Yearly rate at which readiness and push turn into implementation.";
    DefaErosion => defa_erosion, "e_0", "DEFA erosion", Scalar, R10,
        "Yearly erosion of implementation by unilateral drift where mechanisms are vague.";
}
