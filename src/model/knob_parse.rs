//! The text form of knobs for the command line (see [`KNOB_SYNTAX`]): `KHM.governance`,
//! `levers[3].intensity`, `asean.hard_law`, `US.capability`, `constants.decay[1]`. Validation paths
//! such as `states[1] (KHM).governance` are read too, so a line of the input diff names a knob.

use super::{
    AseanField, ConstantId, ConstantShape, LeverKind, SECTOR_COUNT, Scenario, Sector, StateField,
};

use super::knob::Knob;
use super::spec_text::{
    SpecError, power_codes, power_index, split_indices, state_codes, state_index, strip_annotations,
};

/// How knobs are written on the command line (shown in `--help`).
pub const KNOB_SYNTAX: &str = "\
Knobs name one input:
  STATE.FIELD              a state's profile value: size, infrastructure, talent, ecosystem,
                           competitiveness, localisation, data_protection, governance, hedging,
                           defa_commitment, defa_progress, gdp_usd_bn
  levers[N].intensity      the intensity of lever entry N (0-based, in file order)
  asean.FIELD              defa_in_force_year, hard_law, monitoring or harmonisation
  POWER.capability         a power's capability (also POWER.conditionality)
  constants.NAME[I]        a model constant; [I] picks one value of a per-sector or per-lever
                           constant (a number or a sector/lever name), lever_sector takes [ROW][COL]
Examples: KHM.governance  levers[3].intensity  asean.hard_law  US.capability  constants.decay[1]";

impl Knob {
    /// Reads the text form (see [`KNOB_SYNTAX`]) against a scenario's states, powers and levers.
    pub fn parse(s: &Scenario, text: &str) -> Result<Knob, SpecError> {
        let whole = text;
        let plain = strip_annotations(text);
        let err = |m: String| SpecError::new(whole, m);
        let Some((head, field)) = plain.split_once('.') else {
            return Err(err(
                "expected STATE.FIELD, levers[N].intensity, asean.FIELD, POWER.capability or \
                 constants.NAME"
                    .into(),
            ));
        };
        let Some((name, indices)) = split_indices(head) else {
            return Err(err(format!("unpaired brackets in {head:?}")));
        };
        let index = |what: &str, n: usize| -> Result<usize, SpecError> {
            match indices.as_slice() {
                [i] => i.parse::<usize>().ok().filter(|&i| i < n).ok_or_else(|| {
                    err(format!(
                        "{what}[{i}]: the scenario has {n} (0 … {})",
                        n.saturating_sub(1)
                    ))
                }),
                _ => Err(err(format!("write {what}[N]"))),
            }
        };
        match name {
            "constants" if indices.is_empty() => parse_constant(field, whole),
            "asean" if indices.is_empty() => AseanField::ALL
                .into_iter()
                .find(|f| f.meta().key == field)
                .map(Knob::Asean)
                .ok_or_else(|| {
                    let keys: Vec<&str> = AseanField::ALL.iter().map(|f| f.meta().key).collect();
                    err(format!(
                        "no ASEAN field {field:?} (known: {})",
                        keys.join(", ")
                    ))
                }),
            "levers" => {
                let entry = index("levers", s.levers.len())?;
                if field == "intensity" {
                    Ok(Knob::LeverIntensity { entry })
                } else {
                    Err(err(format!(
                        "levers[{entry}].{field}: only a lever entry's intensity is a knob"
                    )))
                }
            }
            "states" => state_knob(index("states", s.states.len())?, field, whole),
            "powers" => power_knob(index("powers", s.powers.len())?, field, whole),
            code if indices.is_empty() => {
                let is_power_field = matches!(field, "capability" | "conditionality");
                match (state_index(s, code), power_index(s, code)) {
                    (_, Some(p)) if is_power_field => power_knob(p, field, whole),
                    (Some(i), _) => state_knob(i, field, whole),
                    (None, Some(p)) => power_knob(p, field, whole),
                    (None, None) => Err(err(format!(
                        "no state or power {code:?} (states: {}; powers: {}), and not levers[N], \
                         asean or constants",
                        state_codes(s),
                        power_codes(s)
                    ))),
                }
            }
            _ => Err(err(format!("{head:?} takes no index"))),
        }
    }
}

fn state_knob(state: usize, field: &str, whole: &str) -> Result<Knob, SpecError> {
    let mut all = StateField::SCALARS.to_vec();
    all.extend([
        StateField::Alignment,
        StateField::Anchor,
        StateField::Dependency,
    ]);
    match all.into_iter().find(|f| f.key() == field) {
        Some(f) if StateField::SCALARS.contains(&f) => Ok(Knob::State { state, field: f }),
        Some(f) => Err(SpecError::new(
            whole,
            format!("{} is a list of shares, not a single number", f.key()),
        )),
        None => {
            let keys: Vec<&str> = StateField::SCALARS.iter().map(|f| f.key()).collect();
            Err(SpecError::new(
                whole,
                format!("no state field {field:?} (known: {})", keys.join(", ")),
            ))
        }
    }
}

fn power_knob(power: usize, field: &str, whole: &str) -> Result<Knob, SpecError> {
    match field {
        "capability" => Ok(Knob::Capability { power }),
        "conditionality" => Ok(Knob::Conditionality { power }),
        _ => Err(SpecError::new(
            whole,
            format!("a power's knobs are capability and conditionality, not {field:?}"),
        )),
    }
}

fn parse_constant(field: &str, whole: &str) -> Result<Knob, SpecError> {
    let err = |m: String| SpecError::new(whole, m);
    let Some((name, indices)) = split_indices(field) else {
        return Err(err(format!("unpaired brackets in {field:?}")));
    };
    let id = ConstantId::ALL
        .iter()
        .copied()
        .find(|id| id.key() == name)
        .ok_or_else(|| {
            let keys: Vec<&str> = ConstantId::ALL.iter().map(|id| id.key()).collect();
            err(format!("no constant {name:?} (known: {})", keys.join(", ")))
        })?;
    let sector = |t: &str| position(t, SECTOR_COUNT, |i| Sector::ALL[i].key());
    let lever = |t: &str| position(t, LeverKind::ALL.len(), |i| LeverKind::ALL[i].key());
    let index = match (id.shape(), indices.as_slice()) {
        (ConstantShape::Scalar, []) => Some(0),
        (ConstantShape::PerSector, [i]) => sector(i),
        (ConstantShape::PerLever, [i]) => lever(i),
        (ConstantShape::LeverBySector, [r, c]) => {
            lever(r).and_then(|r| sector(c).map(|c| r * SECTOR_COUNT + c))
        }
        (ConstantShape::LeverBySector, [i]) => i
            .parse::<usize>()
            .ok()
            .filter(|&i| i < ConstantShape::LeverBySector.len()),
        _ => None,
    };
    index
        .map(|index| Knob::Constant { id, index })
        .ok_or_else(|| {
            err(match id.shape() {
                ConstantShape::Scalar => format!("constants.{name} is a single number: no index"),
                ConstantShape::PerSector => format!(
                    "constants.{name} takes one index: 0 … 4 or a sector ({})",
                    Sector::ALL.map(Sector::key).join(", ")
                ),
                ConstantShape::PerLever => format!(
                    "constants.{name} takes one index: 0 … 6 or a lever kind ({})",
                    LeverKind::ALL.map(LeverKind::key).join(", ")
                ),
                ConstantShape::LeverBySector => format!(
                    "constants.{name} takes [ROW][COL]: a lever kind (0 … 6) and a sector (0 … 4)"
                ),
            })
        })
}

/// A position below `n`, written as a number or as one of the names `name(i)`.
fn position(text: &str, n: usize, name: impl Fn(usize) -> &'static str) -> Option<usize> {
    text.parse::<usize>()
        .ok()
        .filter(|&i| i < n)
        .or_else(|| (0..n).find(|&i| name(i) == text))
}
