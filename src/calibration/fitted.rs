//! The constants calibration fits — those no source fixes — each with the plausible range it may
//! move in and why. Outside these ranges a fit could buy a closer backcast with a model no analyst
//! would defend.

use crate::model::Constants;

/// A constant the fit moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FittedConstant {
    AdjustmentYears,
    SusceptibilityMax,
    HedgingShield,
    /// One factor on all seven lever influences ω_l, so their relative sizes (judgments) stay.
    LeverInfluenceScale,
    LockIn,
    CampBinding,
}

impl FittedConstant {
    pub const ALL: [FittedConstant; 6] = [
        FittedConstant::AdjustmentYears,
        FittedConstant::SusceptibilityMax,
        FittedConstant::HedgingShield,
        FittedConstant::LeverInfluenceScale,
        FittedConstant::LockIn,
        FittedConstant::CampBinding,
    ];

    /// Its name in a scenario's `constants` (and its basis note's key).
    pub fn key(self) -> &'static str {
        match self {
            FittedConstant::AdjustmentYears => "adjustment_years",
            FittedConstant::SusceptibilityMax => "susceptibility_max",
            FittedConstant::HedgingShield => "hedging_shield",
            FittedConstant::LeverInfluenceScale => "lever_influence",
            FittedConstant::LockIn => "lock_in",
            FittedConstant::CampBinding => "camp_binding",
        }
    }

    /// The plausible range (lower, upper) and its basis.
    pub fn plausible(self) -> (f64, f64, &'static str) {
        match self {
            FittedConstant::AdjustmentYears => (
                1.5,
                6.0,
                "digital alignment moves with procurement, licensing and law-making cycles: 5G licence rounds, cloud-first policies and data laws take two to five years from decision to effect",
            ),
            FittedConstant::SusceptibilityMax => (
                0.3,
                0.9,
                "Friedkin–Johnsen susceptibilities estimated in field groups lie mostly between 0.3 and 0.9 (Friedkin & Johnsen 2011); a state is never wholly open to outside pull",
            ),
            FittedConstant::HedgingShield => (
                0.2,
                0.8,
                "hedging capacity removes between a fifth and four fifths of a state's susceptibility: even Singapore bends to export controls, even Brunei balances somewhat (Kuik 2016)",
            ),
            FittedConstant::LeverInfluenceScale => (
                0.5,
                3.0,
                "a factor on the default lever influences ω: their relative sizes are kept, their common strength is what the record can tell",
            ),
            FittedConstant::LockIn => (
                0.25,
                3.0,
                "installed technology pulls alignment, but less than a quarter as much or more than three times as much as the levers would contradict the DSR and cloud record (CONTEXT.md)",
            ),
            FittedConstant::CampBinding => (
                2.0,
                10.0,
                "export controls bind harder in the controlling power's camp (Farrell & Newman 2019); below 2 a sharper rivalry no longer splits the bloc (MODEL.md v1.1 change log), 10 is the valid maximum",
            ),
        }
    }

    /// Its value in `c`; for the scale, 1 (the fit multiplies the lever influences it starts from).
    pub fn start(self, c: &Constants) -> f64 {
        match self {
            FittedConstant::AdjustmentYears => c.adjustment_years,
            FittedConstant::SusceptibilityMax => c.susceptibility_max,
            FittedConstant::HedgingShield => c.hedging_shield,
            FittedConstant::LeverInfluenceScale => 1.0,
            FittedConstant::LockIn => c.lock_in,
            FittedConstant::CampBinding => c.camp_binding,
        }
    }

    /// Sets it in `c`, a copy of `base` (the scale multiplies `base`'s lever influences).
    pub fn set(self, c: &mut Constants, base: &Constants, value: f64) {
        match self {
            FittedConstant::AdjustmentYears => c.adjustment_years = value,
            FittedConstant::SusceptibilityMax => c.susceptibility_max = value,
            FittedConstant::HedgingShield => c.hedging_shield = value,
            FittedConstant::LeverInfluenceScale => {
                // Each ω stays within its valid range [0, 10].
                c.lever_influence = base.lever_influence.map(|w| (w * value).min(10.0));
            }
            FittedConstant::LockIn => c.lock_in = value,
            FittedConstant::CampBinding => c.camp_binding = value,
        }
    }
}
