//! Plausible ranges of the model constants: narrower than the valid ranges (which only keep the
//! model computable), each with the reason a value outside it would be hard to defend. Robustness
//! analysis samples the constants within them. A scalar constant's range is in its own units; a
//! constant with one value per sector or lever kind is varied as a whole, by a factor on the
//! scenario's values, so the judged relative sizes stay. A scenario may override any range
//! (`constants_plausible`), with its own basis.

use serde::{Deserialize, Serialize};

use super::constants::{ConstantId, ConstantShape, Constants};

/// How a constant is varied within its plausible range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlausibleSpan {
    /// A scalar constant takes values in `[low, high]`.
    Values(f64, f64),
    /// Every value of a vector constant is multiplied by a factor in `[low, high]`.
    Factor(f64, f64),
}

impl PlausibleSpan {
    pub fn bounds(self) -> (f64, f64) {
        match self {
            PlausibleSpan::Values(lo, hi) | PlausibleSpan::Factor(lo, hi) => (lo, hi),
        }
    }

    /// "0.25–3" or "×0.5–×2".
    pub fn label(self) -> String {
        let n = super::spec_text::fmt_number;
        match self {
            PlausibleSpan::Values(lo, hi) => format!("{}–{}", n(lo), n(hi)),
            PlausibleSpan::Factor(lo, hi) => format!("×{}–×{}", n(lo), n(hi)),
        }
    }
}

/// A constant's plausible range and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Plausible {
    pub span: PlausibleSpan,
    pub basis: String,
}

/// A scenario's own plausible range for one constant: values for a scalar, a factor for a vector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlausibleOverride {
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub basis: String,
}

/// The shipped plausible ranges, by constant: the span and its basis.
fn shipped(id: ConstantId) -> (PlausibleSpan, &'static str) {
    use ConstantId as C;
    use PlausibleSpan::{Factor as F, Values as V};
    match id {
        C::Decay => (
            F(0.5, 2.0),
            "judgment: replacement cycles of hardware, cloud contracts, software, payment systems and standards differ several-fold; halving or doubling every rate spans the cycles an analyst would accept",
        ),
        C::TalentSubstitution => (
            V(0.5, 2.0),
            "judgment: digital talent speeds replacement, but no study found measures by how much; half to double the default",
        ),
        C::DefaSubstitution => (
            F(0.5, 2.0),
            "judgment: DEFA speeds replacement only where regional alternatives exist (payments, standards); half to double the default",
        ),
        C::VulnerabilityScale => (
            V(0.25, 0.75),
            "judgment: a deep ecosystem and a competitive market lower foreign inflow by between a quarter and three quarters at most",
        ),
        C::LocalisationShield => (
            V(0.25, 0.75),
            "judgment: full localisation keeps out between a quarter and three quarters of foreign cloud inflow; foreign providers build local regions to comply",
        ),
        C::ExportControlCut => (
            F(0.5, 1.5),
            "judgment: controls cut hardware and cloud inflow, but rivals find other suppliers; half to one and a half times the default cut",
        ),
        C::LeverSector => (
            F(0.5, 2.0),
            "judgment: how much each lever adds to technology inflow in each sector is not measured; half to double the defaults, relative sizes kept",
        ),
        C::LeverInfluence => (
            F(0.5, 2.0),
            "a factor on the lever influences ω: calibration fits their common strength against the 2015–2025 backcast; half to double it keeps the backcast within reach",
        ),
        C::LockIn => (
            V(0.25, 3.0),
            "installed technology pulls alignment, but less than a quarter as much or more than three times as much as the levers would contradict the DSR and cloud record (CONTEXT.md)",
        ),
        C::SectorWeight => (
            F(0.5, 1.5),
            "judgment: no sector weighs in lock-in more than a few times another; the weights are scaled together",
        ),
        C::AutonomyBase => (
            V(0.1, 0.4),
            "judgment: the autonomy pole pulls even without DEFA (ASEAN centrality), but less than a single great power's levers",
        ),
        C::AutonomyHardLaw => (
            V(0.5, 2.0),
            "judgment: binding DEFA rules add to the autonomy pull; half to double the default",
        ),
        C::AutonomyDefa => (
            V(0.5, 2.0),
            "judgment: implemented DEFA adds to the autonomy pull; half to double the default",
        ),
        C::PeerWeight => (
            V(0.25, 1.0),
            "judgment: member states watch their neighbours (ASEAN consensus norms), but less than their own anchors",
        ),
        C::PeerSizeFloor => (
            V(0.05, 0.3),
            "judgment: small states count among peers, at a twentieth to nearly a third of the weight of the largest",
        ),
        C::SusceptibilityMax => (
            V(0.3, 0.9),
            "Friedkin–Johnsen susceptibilities estimated in field groups lie mostly between 0.3 and 0.9 (Friedkin & Johnsen 2011); a state is never wholly open to outside pull",
        ),
        C::HedgingShield => (
            V(0.2, 0.8),
            "hedging capacity removes between a fifth and four fifths of a state's susceptibility: even Singapore bends to export controls, even Brunei balances somewhat (Kuik 2016)",
        ),
        C::AdjustmentYears => (
            V(1.5, 6.0),
            "digital alignment moves with procurement, licensing and law-making cycles: 5G licence rounds, cloud-first policies and data laws take two to five years from decision to effect",
        ),
        C::CampBinding => (
            V(2.0, 10.0),
            "export controls bind harder in the controlling power's camp (Farrell & Newman 2019); below 2 a sharper rivalry no longer splits the bloc (MODEL.md v1.1 change log), 10 is the valid maximum",
        ),
        C::InfrastructureRate => (
            V(0.04, 0.12),
            "judgment: infrastructure closes 4–12 % of its gap to the frontier a year, the pace of ICT Development Index gains in the region",
        ),
        C::TalentRate => (
            V(0.02, 0.06),
            "judgment: digital skills catch up more slowly than networks, 2–6 % of the gap a year",
        ),
        C::InfrastructureFinanceBoost => (
            V(0.25, 1.0),
            "judgment: infrastructure finance speeds network growth by a quarter to double",
        ),
        C::CapacityBuildingBoost => (
            V(0.25, 1.0),
            "judgment: capacity building speeds talent growth by a quarter to double",
        ),
        C::EnergyConstraint => (
            V(0.1, 0.3),
            "one in five data-centre projects is delayed by power supply (CONTEXT.md); a tenth to nearly a third",
        ),
        C::DefaPrePush => (
            V(0.0, 0.05),
            "judgment: before entry into force implementation barely moves, at most a twentieth of the push a year",
        ),
        C::DefaBasePush => (
            V(0.05, 0.2),
            "judgment: half to double the default push of DEFA in force",
        ),
        C::DefaHardLawPush => (
            V(0.15, 0.6),
            "judgment: half to double the default extra push of binding rules",
        ),
        C::DefaMonitoringPush => (
            V(0.15, 0.6),
            "judgment: half to double the default extra push of monitoring",
        ),
        C::DefaUptakeRate => (
            V(0.25, 1.0),
            "judgment: readiness turns into implementation within one to four years",
        ),
        C::DefaErosion => (
            V(0.15, 0.6),
            "judgment: half to double the default erosion where mechanisms are vague (the ASEAN Economic Community's record of uneven implementation)",
        ),
    }
}

impl ConstantId {
    /// The shipped plausible range and its basis.
    pub fn plausible(self) -> Plausible {
        let (span, basis) = shipped(self);
        Plausible {
            span,
            basis: basis.to_string(),
        }
    }
}

/// Applies a draw `u` in `[0, 1]` of the plausible range to one constant of `c` (whose values are
/// the scenario's): a scalar takes the value at `u`, a vector is scaled by the factor at `u`, and
/// every value stays within the valid range.
pub fn set_within(
    c: &mut Constants,
    base: &Constants,
    id: ConstantId,
    span: PlausibleSpan,
    u: f64,
) {
    let (lo, hi) = span.bounds();
    let at = lo + u.clamp(0.0, 1.0) * (hi - lo);
    let range = id.range();
    let clip = |x: f64| range.clamp(x);
    match span {
        PlausibleSpan::Values(..) => {
            for v in c.values_mut(id) {
                *v = clip(at);
            }
        }
        PlausibleSpan::Factor(..) => {
            for (v, b) in c.values_mut(id).iter_mut().zip(base.values(id)) {
                *v = clip(b * at);
            }
        }
    }
}

/// The problems of a scenario's own plausible ranges: unknown constants, reversed or non-finite
/// bounds, values outside the valid range, factors that are not positive.
pub(super) fn check_plausible(s: &super::Scenario, problems: &mut Vec<super::validate::Problem>) {
    use super::validate::Problem;
    for (key, own) in &s.constants_plausible {
        let path = format!("constants_plausible.{key}");
        let Some(&id) = ConstantId::ALL.iter().find(|id| id.key() == key) else {
            problems.push(Problem::error(
                path,
                "is not a model constant; the names are those of `constants`".to_string(),
            ));
            continue;
        };
        let (lo, hi) = (own.low, own.high);
        let message = if !lo.is_finite() || !hi.is_finite() || lo > hi {
            Some(format!(
                "= ({lo}, {hi}): low and high must be finite, low at most high"
            ))
        } else if varied_by_factor(id) && lo <= 0.0 {
            Some(format!(
                "= ({lo}, {hi}): {key} has several values and is varied by a factor, which must be above 0"
            ))
        } else if !varied_by_factor(id) && !within_valid(id, lo, hi) {
            Some(format!(
                "= ({lo}, {hi}): must lie within the valid range {}",
                id.range().describe()
            ))
        } else {
            None
        };
        if let Some(m) = message {
            problems.push(Problem::error(path, m));
        }
    }
}

/// Whether both ends lie within the constant's valid range.
fn within_valid(id: ConstantId, lo: f64, hi: f64) -> bool {
    id.range().contains(lo) && id.range().contains(hi)
}

/// Whether a constant is varied by a factor (it has several values).
pub fn varied_by_factor(id: ConstantId) -> bool {
    id.shape() != ConstantShape::Scalar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plausible_range_lies_inside_the_valid_range_and_has_a_basis() {
        let c = Constants::default();
        for &id in ConstantId::ALL {
            let p = id.plausible();
            let (lo, hi) = p.span.bounds();
            assert!(lo < hi, "{id:?}");
            assert!(p.basis.len() > 20, "{id:?}");
            assert_eq!(
                matches!(p.span, PlausibleSpan::Factor(..)),
                varied_by_factor(id),
                "{id:?}"
            );
            let range = id.range();
            match p.span {
                PlausibleSpan::Values(..) => {
                    assert!(range.contains(lo) && range.contains(hi), "{id:?}");
                    // Narrower than the valid range.
                    assert!(hi - lo < range.max - range.min, "{id:?}");
                }
                PlausibleSpan::Factor(..) => assert!(lo > 0.0, "{id:?}"),
            }
            let mut low = c.clone();
            set_within(&mut low, &c, id, p.span, 0.0);
            assert!(low.values(id).iter().all(|v| range.contains(*v)), "{id:?}");
        }
    }
}
