//! Outcomes: one number read from a run at one year — a state's share of a pole, its tilt, its
//! dependency on a power, its hedging index or DEFA progress, or a bloc index. Attribution,
//! sensitivity and sweeps all ask "how does this one number move?", so they share this type, its
//! label for people and its text form for the command line (see [`OUTCOME_SYNTAX`]).

use crate::model::Scenario;

use crate::engine::BlocIndex;
use crate::engine::Run;
use crate::model::spec_text::{
    SpecError, fmt_number, parse_number, pole_index, power_codes, power_index, state_codes,
    state_index,
};

/// How outcomes are written on the command line (shown in `--help`).
pub const OUTCOME_SYNTAX: &str = "\
Outcomes are written TARGET[@YEAR]; without @YEAR the scenario's end year is used, and the time
point nearest YEAR is read.
  STATE.share.POLE      share of a pole in a state's alignment (POLE: a power code or Aut)
  STATE.tilt            first power's share minus the second's (US − CN by default)
  STATE.dependency.POW  dependency on a power, mean over the five sectors
  STATE.hedging         hedging index (0 all-in with one pole … 1 spread evenly)
  STATE.defa            DEFA implementation progress
  bloc.INDEX            cohesion, bifurcation, tech_split, autonomy or defa_integration
Examples: KHM.share.CN@2035  KHM.tilt@2040  KHM.dependency.CN@2035  bloc.bifurcation@2040";

/// What an outcome measures. States, powers and poles are indices into the scenario's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutcomeKind {
    /// Share of `pole` (powers in order, then autonomy) in the state's alignment.
    Share { state: usize, pole: usize },
    /// `x_1 − x_2`: the first power's share minus the second's (0 with one power).
    Tilt { state: usize },
    /// Dependency on `power`, the unweighted mean over sectors.
    Dependency { state: usize, power: usize },
    /// Hedging index of the state.
    Hedging { state: usize },
    /// DEFA progress g of the state.
    Defa { state: usize },
    /// A bloc index.
    Bloc(BlocIndex),
}

impl OutcomeKind {
    /// The values the outcome can take: −1 to 1 for a tilt, 0 to 1 for every share and index.
    pub fn value_range(&self) -> (f64, f64) {
        match self {
            OutcomeKind::Tilt { .. } => (-1.0, 1.0),
            _ => (0.0, 1.0),
        }
    }

    /// The state the outcome concerns, if any.
    pub fn state(&self) -> Option<usize> {
        match *self {
            OutcomeKind::Share { state, .. }
            | OutcomeKind::Tilt { state }
            | OutcomeKind::Dependency { state, .. }
            | OutcomeKind::Hedging { state }
            | OutcomeKind::Defa { state } => Some(state),
            OutcomeKind::Bloc(_) => None,
        }
    }
}

/// One number of a run: what, and when.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// Read at the time point nearest this year.
    pub year: f64,
}

impl Outcome {
    pub fn new(kind: OutcomeKind, year: f64) -> Self {
        Self { kind, year }
    }

    /// A label for people, e.g. "Cambodia's China share in 2035" or "Bloc bifurcation in 2040".
    pub fn label(&self, s: &Scenario) -> String {
        // "Cambodia's", "The Philippines'": the possessive with its article, as a label begins.
        let owner = |i: usize| {
            s.states.get(i).map_or_else(
                || format!("state #{i}'s"),
                |x| crate::model::naming::capitalised(&crate::model::naming::possessive(&x.name)),
            )
        };
        let power = |p: usize| {
            s.powers
                .get(p)
                .map_or_else(|| format!("power #{p}"), |x| x.name.clone())
        };
        let code = |p: usize| {
            s.powers
                .get(p)
                .map_or_else(|| format!("#{p}"), |x| x.code.clone())
        };
        let what = match self.kind {
            OutcomeKind::Share { state: i, pole } if pole == s.powers.len() => {
                format!("{} autonomy share", owner(i))
            }
            OutcomeKind::Share { state: i, pole } => {
                format!("{} {} share", owner(i), power(pole))
            }
            OutcomeKind::Tilt { state: i } => {
                format!("{} {}–{} tilt", owner(i), code(0), code(1))
            }
            OutcomeKind::Dependency { state: i, power: p } => {
                let on = crate::model::naming::in_sentence(&power(p));
                format!("{} dependency on {on}", owner(i))
            }
            OutcomeKind::Hedging { state: i } => format!("{} hedging index", owner(i)),
            OutcomeKind::Defa { state: i } => format!("{} DEFA progress", owner(i)),
            OutcomeKind::Bloc(b) => format!("Bloc {}", bloc_noun(b)),
        };
        format!("{what} in {}", crate::model::naming::year_label(self.year))
    }

    /// The text form, which [`Outcome::parse`] reads back to the same outcome.
    pub fn spec(&self, s: &Scenario) -> String {
        let state = |i: usize| s.states.get(i).map_or("?", |x| x.code.as_str());
        let target = match self.kind {
            OutcomeKind::Share { state: i, pole } => {
                let poles = s.pole_codes();
                let pole = poles.get(pole).map_or("?", String::as_str);
                format!("{}.share.{pole}", state(i))
            }
            OutcomeKind::Tilt { state: i } => format!("{}.tilt", state(i)),
            OutcomeKind::Dependency { state: i, power } => {
                let code = s.powers.get(power).map_or("?", |x| x.code.as_str());
                format!("{}.dependency.{code}", state(i))
            }
            OutcomeKind::Hedging { state: i } => format!("{}.hedging", state(i)),
            OutcomeKind::Defa { state: i } => format!("{}.defa", state(i)),
            OutcomeKind::Bloc(b) => format!("bloc.{}", b.key()),
        };
        format!("{target}@{}", fmt_number(self.year))
    }

    /// Reads the text form (see [`OUTCOME_SYNTAX`]) against a scenario's states, powers and years.
    pub fn parse(s: &Scenario, text: &str) -> Result<Outcome, SpecError> {
        let whole = text;
        let text = text.trim();
        let (target, year) = match text.split_once('@') {
            Some((target, year)) => (target, Some(year)),
            None => (text, None),
        };
        let year = match year {
            Some(y) => parse_number(y, "the year", whole)?,
            None => s.time.end_year,
        };
        let (y0, y1) = (s.time.start_year, s.time.end_year);
        if year < y0 - 1e-9 || year > y1 + 1e-9 {
            return Err(SpecError::new(
                whole,
                format!(
                    "the year {} is outside the run ({}–{})",
                    fmt_number(year),
                    fmt_number(y0),
                    fmt_number(y1)
                ),
            ));
        }
        let parts: Vec<&str> = target.split('.').map(str::trim).collect();
        let kind = parse_target(s, &parts, whole)?;
        Ok(Outcome { kind, year })
    }

    /// Whether the run has the states, powers and points this outcome reads.
    pub fn fits(&self, run: &Run) -> bool {
        let n = run.n_states;
        !run.is_empty()
            && match self.kind {
                OutcomeKind::Share { state, pole } => state < n && pole < run.n_poles(),
                OutcomeKind::Dependency { state, power } => state < n && power < run.n_powers,
                OutcomeKind::Tilt { state }
                | OutcomeKind::Hedging { state }
                | OutcomeKind::Defa { state } => state < n,
                OutcomeKind::Bloc(_) => true,
            }
    }

    /// Whether the scenario has the states, powers and poles this outcome names.
    pub fn fits_scenario(&self, s: &Scenario) -> bool {
        let n = s.states.len();
        match self.kind {
            OutcomeKind::Share { state, pole } => state < n && pole < s.pole_count(),
            OutcomeKind::Dependency { state, power } => state < n && power < s.powers.len(),
            OutcomeKind::Tilt { state }
            | OutcomeKind::Hedging { state }
            | OutcomeKind::Defa { state } => state < n,
            OutcomeKind::Bloc(_) => true,
        }
    }
}

/// The outcome's value in a run, at the time point nearest its year; NaN when the outcome names a
/// state, power or pole the run does not have (see [`Outcome::fits`]).
pub fn evaluate(run: &Run, outcome: &Outcome) -> f64 {
    if !outcome.fits(run) {
        return f64::NAN;
    }
    let t = run.index_of_year(outcome.year);
    match outcome.kind {
        OutcomeKind::Share { state, pole } => run.alignment(t, state)[pole],
        OutcomeKind::Tilt { state } => run.tilt(t, state),
        OutcomeKind::Dependency { state, power } => run.dependency_overall(t, state, power),
        OutcomeKind::Hedging { state } => run.hedging(t, state),
        OutcomeKind::Defa { state } => run.defa(t, state),
        OutcomeKind::Bloc(b) => run.bloc(t, b),
    }
}

fn bloc_noun(b: BlocIndex) -> &'static str {
    match b {
        BlocIndex::Cohesion => "cohesion",
        BlocIndex::Bifurcation => "bifurcation",
        BlocIndex::TechSplit => "tech split",
        BlocIndex::Autonomy => "autonomy",
        BlocIndex::DefaIntegration => "DEFA integration",
    }
}

fn parse_target(s: &Scenario, parts: &[&str], whole: &str) -> Result<OutcomeKind, SpecError> {
    let err = |m: String| SpecError::new(whole, m);
    let first = parts.first().copied().unwrap_or("");
    if first.eq_ignore_ascii_case("bloc") {
        let keys = BlocIndex::ALL.map(BlocIndex::key).join(", ");
        return match parts {
            [_, index] => BlocIndex::ALL
                .into_iter()
                .find(|b| b.key().eq_ignore_ascii_case(index))
                .map(OutcomeKind::Bloc)
                .ok_or_else(|| err(format!("no bloc index {index:?} (known: {keys})"))),
            _ => Err(err(format!("write bloc.INDEX with INDEX one of {keys}"))),
        };
    }
    if first.is_empty() {
        return Err(err(
            "expected STATE.share.POLE, STATE.tilt, STATE.dependency.POWER, STATE.hedging, \
             STATE.defa or bloc.INDEX"
                .into(),
        ));
    }
    let state = state_index(s, first).ok_or_else(|| {
        err(format!(
            "no state {first:?} (known: {}; or bloc.INDEX)",
            state_codes(s)
        ))
    })?;
    let measure = parts.get(1).copied().unwrap_or("");
    let kind = match (measure.to_ascii_lowercase().as_str(), parts.len()) {
        ("share", 3) => {
            let pole = pole_index(s, parts[2]).ok_or_else(|| {
                err(format!(
                    "no pole {:?} (known: {})",
                    parts[2],
                    s.pole_codes().join(", ")
                ))
            })?;
            OutcomeKind::Share { state, pole }
        }
        ("dependency", 3) => {
            let power = power_index(s, parts[2]).ok_or_else(|| {
                err(format!(
                    "no power {:?} (known: {})",
                    parts[2],
                    power_codes(s)
                ))
            })?;
            OutcomeKind::Dependency { state, power }
        }
        ("tilt", 2) => {
            if s.powers.len() < 2 {
                return Err(err(
                    "the tilt compares the first two powers, and this scenario has one".into(),
                ));
            }
            OutcomeKind::Tilt { state }
        }
        ("hedging", 2) => OutcomeKind::Hedging { state },
        ("defa", 2) => OutcomeKind::Defa { state },
        ("share", _) => {
            return Err(err(format!(
                "write {first}.share.POLE, e.g. {first}.share.CN"
            )));
        }
        ("dependency", _) => {
            return Err(err(format!(
                "write {first}.dependency.POWER, e.g. {first}.dependency.CN"
            )));
        }
        _ => {
            return Err(err(format!(
                "after the state code write share.POLE, tilt, dependency.POWER, hedging or defa \
                 (got {:?})",
                parts[1..].join(".")
            )));
        }
    };
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;

    #[test]
    fn labels_read_like_sentences() {
        let s = io::baseline().unwrap();
        let o = Outcome::parse(&s, "KHM.share.CN@2035").unwrap();
        assert_eq!(o.label(&s), "Cambodia's China share in 2035");
        let o = Outcome::parse(&s, "bloc.bifurcation@2040").unwrap();
        assert_eq!(o.label(&s), "Bloc bifurcation in 2040");
        let o = Outcome::parse(&s, "khm.tilt").unwrap();
        assert_eq!(o.label(&s), "Cambodia's US–CN tilt in 2045");
    }
}
