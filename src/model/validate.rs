//! `Scenario::validate`: every problem at once, each with the path of the field it concerns, read
//! from the same metadata the editor shows.

use std::collections::HashSet;
use std::fmt;

use super::constants::ConstantId;
use super::field::Range;
use super::lever::Targets;
use super::power::{PowerField, parse_hex_colour};
use super::scenario::{Limits, Scenario, VALID_STEPS_PER_YEAR};
use super::sector::SECTOR_COUNT;
use super::state::StateField;
use super::{AseanField, TIME_TOL};

/// How serious a problem is: errors stop a run or a load, warnings are shown but allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem with a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// Field path, with the code of a state or power after its index, e.g. `states[3] (VNM).localisation`.
    pub path: String,
    /// What is wrong and what is allowed.
    pub message: String,
    /// Line in the file, filled in by the loader when known.
    pub line: Option<usize>,
}

impl Problem {
    pub(super) fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            line: None,
        }
    }

    pub(super) fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
            line: None,
        }
    }

    /// The path without the codes in parentheses, e.g. `states[3].localisation`, as the file spells it.
    pub fn plain_path(&self) -> String {
        let mut out = String::with_capacity(self.path.len());
        let mut depth = 0usize;
        for c in self.path.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out.replace(" .", ".").replace(' ', "")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        if self.path.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            // Messages are phrased to follow their path: "x.y = 1.7: must be …", "x sums to …".
            write!(f, "{} {}", self.path, self.message)?;
        }
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

/// Collects problems while walking a scenario.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn range(&mut self, path: &str, value: f64, range: Range) {
        if !value.is_finite() {
            self.problems.push(Problem::error(
                path,
                format!("= {value}: must be a finite number {}", range.describe()),
            ));
        } else if !range.contains(value) {
            self.problems.push(Problem::error(
                path,
                format!("= {value}: must be {}", range.describe()),
            ));
        }
    }

    fn shares(&mut self, path: &str, values: &[f64], expected_len: usize, what: &str) {
        if values.len() != expected_len {
            self.problems.push(Problem::error(
                path,
                format!(
                    "has {} values: must have {expected_len} ({what})",
                    values.len()
                ),
            ));
            return;
        }
        let mut all_ok = true;
        for (o, v) in values.iter().enumerate() {
            if !Range::UNIT.contains(*v) {
                all_ok = false;
                self.range(&format!("{path}[{o}]"), *v, Range::UNIT);
            }
        }
        let sum: f64 = values.iter().sum();
        if all_ok && (sum - 1.0).abs() > 1e-6 {
            self.problems.push(Problem::error(
                path,
                format!("sums to {sum:.6}: the shares must sum to 1"),
            ));
        }
    }
}

impl Scenario {
    /// Every problem with this scenario (errors and warnings), each with its field path.
    pub fn validate(&self) -> Vec<Problem> {
        let mut c = Checker {
            problems: Vec::new(),
        };
        self.check_text(&mut c);
        self.check_time(&mut c);
        self.check_powers(&mut c);
        self.check_states(&mut c);
        self.check_levers(&mut c);
        self.check_asean(&mut c);
        self.check_peer_weights(&mut c);
        self.check_events(&mut c);
        self.check_constants(&mut c);
        self.check_ensemble(&mut c);
        super::claim::check_claims(self, &mut c.problems);
        super::plausible::check_plausible(self, &mut c.problems);
        super::team::check_teams(self, &mut c.problems);
        c.problems
    }

    /// Only the errors (what prevents a run).
    pub fn errors(&self) -> Vec<Problem> {
        self.validate()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect()
    }

    /// Whether the engine may run this scenario.
    pub fn is_valid(&self) -> bool {
        self.errors().is_empty()
    }

    fn check_text(&self, c: &mut Checker) {
        for (path, text) in [
            ("name", &self.name),
            ("description", &self.description),
            ("author", &self.author),
            ("created", &self.created),
            ("modified", &self.modified),
        ] {
            if text.len() > Limits::MAX_TEXT_LEN {
                c.problems.push(Problem::error(
                    path,
                    format!(
                        "is {} bytes long: at most {} allowed",
                        text.len(),
                        Limits::MAX_TEXT_LEN
                    ),
                ));
            }
        }
    }

    fn check_time(&self, c: &mut Checker) {
        let t = &self.time;
        let years = Range::closed(1900.0, 2200.0);
        c.range("time.start_year", t.start_year, years);
        c.range("time.end_year", t.end_year, Range::closed(1900.0, 3000.0));
        if !VALID_STEPS_PER_YEAR.contains(&t.steps_per_year) {
            c.problems.push(Problem::error(
                "time.steps_per_year",
                format!("= {}: must be one of 1, 2, 4 or 12", t.steps_per_year),
            ));
            return;
        }
        if !(t.start_year.is_finite() && t.end_year.is_finite()) {
            return;
        }
        let raw = (t.end_year - t.start_year) * f64::from(t.steps_per_year);
        if raw < 1.0 - TIME_TOL {
            c.problems.push(Problem::error(
                "time.end_year",
                format!(
                    "= {}: must be at least one step after start_year ({})",
                    t.end_year, t.start_year
                ),
            ));
        } else if (raw - raw.round()).abs() > TIME_TOL {
            c.problems.push(Problem::error(
                "time.end_year",
                format!(
                    "= {}: end_year − start_year must be a whole number of steps of 1/{} year",
                    t.end_year, t.steps_per_year
                ),
            ));
        } else if t.n_steps() > Limits::MAX_STEPS {
            c.problems.push(Problem::error(
                "time.end_year",
                format!(
                    "gives {} steps: at most {} allowed",
                    t.n_steps(),
                    Limits::MAX_STEPS
                ),
            ));
        }
        if t.step() > self.constants.adjustment_years + TIME_TOL {
            c.problems.push(Problem::error(
                "constants.adjustment_years",
                format!(
                    "= {}: must be at least the step length {} (MODEL.md: h ≤ τ)",
                    self.constants.adjustment_years,
                    t.step()
                ),
            ));
        }
    }

    fn check_powers(&self, c: &mut Checker) {
        if self.powers.is_empty() || self.powers.len() > Limits::MAX_POWERS {
            c.problems.push(Problem::error(
                "powers",
                format!(
                    "has {} powers: must have 1 to {}",
                    self.powers.len(),
                    Limits::MAX_POWERS
                ),
            ));
        }
        let mut seen = HashSet::new();
        for (p, power) in self.powers.iter().enumerate() {
            let base = format!("powers[{p}] ({})", power.code);
            check_code(c, &base, &power.code, &mut seen, "power");
            if parse_hex_colour(&power.colour).is_none() {
                c.problems.push(Problem::error(
                    format!("{base}.colour"),
                    format!("= {:?}: must be a colour written #RRGGBB", power.colour),
                ));
            }
            c.range(
                &format!("{base}.capability"),
                power.capability,
                PowerField::Capability.meta().range,
            );
            c.range(
                &format!("{base}.conditionality"),
                power.conditionality,
                PowerField::Conditionality.meta().range,
            );
            for (s, v) in power.sector_pull.iter().enumerate() {
                c.range(
                    &format!("{base}.sector_pull[{s}]"),
                    *v,
                    PowerField::SectorPull.meta().range,
                );
            }
        }
    }

    fn check_states(&self, c: &mut Checker) {
        if self.states.is_empty() || self.states.len() > Limits::MAX_STATES {
            c.problems.push(Problem::error(
                "states",
                format!(
                    "has {} states: must have 1 to {}",
                    self.states.len(),
                    Limits::MAX_STATES
                ),
            ));
        }
        let k = self.pole_count();
        let p_count = self.powers.len();
        let poles = self.pole_codes().join(", ");
        let mut seen = HashSet::new();
        for (i, state) in self.states.iter().enumerate() {
            let base = format!("states[{i}] ({})", state.code);
            check_code(c, &base, &state.code, &mut seen, "state");
            for field in StateField::SCALARS {
                let meta = field.meta();
                if let Some(v) = state.scalar(field) {
                    c.range(&format!("{base}.{}", meta.key), v, meta.range);
                }
            }
            c.shares(
                &format!("{base}.alignment"),
                &state.alignment,
                k,
                &format!("one share per pole: {poles}"),
            );
            if let Some(anchor) = &state.anchor {
                c.shares(
                    &format!("{base}.anchor"),
                    anchor,
                    k,
                    &format!("one share per pole: {poles}"),
                );
            }
            if state.dependency.len() != p_count {
                c.problems.push(Problem::error(
                    format!("{base}.dependency"),
                    format!(
                        "has {} rows: must have one per power ({p_count})",
                        state.dependency.len()
                    ),
                ));
                continue;
            }
            let mut ok = true;
            for (p, row) in state.dependency.iter().enumerate() {
                for (s, v) in row.iter().enumerate() {
                    if !Range::UNIT.contains(*v) {
                        ok = false;
                        c.range(&format!("{base}.dependency[{p}][{s}]"), *v, Range::UNIT);
                    }
                }
            }
            if ok {
                for s in 0..SECTOR_COUNT {
                    let sum: f64 = state.dependency.iter().map(|row| row[s]).sum();
                    if sum > 1.0 + 1e-9 {
                        c.problems.push(Problem::error(
                            format!("{base}.dependency"),
                            format!(
                                "in sector {} sums to {sum:.4} over the powers: at most 1 allowed",
                                crate::model::Sector::ALL[s].key()
                            ),
                        ));
                    }
                }
            }
        }
    }

    fn check_levers(&self, c: &mut Checker) {
        if self.levers.len() > Limits::MAX_LEVERS {
            c.problems.push(Problem::error(
                "levers",
                format!(
                    "has {} entries: at most {} allowed",
                    self.levers.len(),
                    Limits::MAX_LEVERS
                ),
            ));
        }
        let n_steps = self.time.n_steps();
        for (e, lever) in self.levers.iter().enumerate() {
            let base = format!("levers[{e}]");
            if self.power_index(&lever.power).is_none() {
                c.problems.push(Problem::error(
                    format!("{base}.power"),
                    format!(
                        "= {:?}: no such power (known: {})",
                        lever.power,
                        self.power_codes()
                    ),
                ));
            }
            c.range(&format!("{base}.intensity"), lever.intensity, Range::UNIT);
            match &lever.targets {
                Targets::All => {}
                Targets::States(codes) => {
                    if codes.is_empty() {
                        // A move being built: the entry reaches no state until one is ticked.
                        c.problems.push(Problem::warning(
                            format!("{base}.targets"),
                            "is an empty list: the entry reaches no state until one is named",
                        ));
                    }
                    for (t, code) in codes.iter().enumerate() {
                        if self.state_index(code).is_none() {
                            c.problems.push(Problem::error(
                                format!("{base}.targets[{t}]"),
                                format!(
                                    "= {code:?}: no such state (known: {})",
                                    self.state_codes()
                                ),
                            ));
                        }
                    }
                }
            }
            let years = Range::closed(1900.0, 3000.0);
            c.range(&format!("{base}.start_year"), lever.start_year, years);
            c.range(&format!("{base}.end_year"), lever.end_year, years);
            if lever.start_year.is_finite() && lever.end_year.is_finite() {
                if lever.end_year <= lever.start_year {
                    c.problems.push(Problem::error(
                        format!("{base}.end_year"),
                        format!(
                            "= {}: must be after start_year ({})",
                            lever.end_year, lever.start_year
                        ),
                    ));
                } else if n_steps > 0
                    && !(0..n_steps).any(|k| lever.active_at(self.time.time_at(k)))
                {
                    c.problems.push(Problem::warning(
                        base.clone(),
                        format!(
                            "has the window {}–{}, which contains no step start of the run, so it never acts",
                            lever.start_year, lever.end_year
                        ),
                    ));
                }
            }
        }
    }

    fn check_asean(&self, c: &mut Checker) {
        for field in AseanField::ALL {
            let meta = field.meta();
            c.range(
                &format!("asean.{}", meta.key),
                field.get(&self.asean),
                meta.range,
            );
        }
    }

    fn check_peer_weights(&self, c: &mut Checker) {
        let Some(matrix) = &self.peer_weights else {
            return;
        };
        let n = self.states.len();
        if matrix.len() != n {
            c.problems.push(Problem::error(
                "peer_weights",
                format!("has {} rows: must have one per state ({n})", matrix.len()),
            ));
            return;
        }
        for (i, row) in matrix.iter().enumerate() {
            if row.len() != n {
                c.problems.push(Problem::error(
                    format!("peer_weights[{i}]"),
                    format!("has {} values: must have one per state ({n})", row.len()),
                ));
                continue;
            }
            for (j, v) in row.iter().enumerate() {
                c.range(
                    &format!("peer_weights[{i}][{j}]"),
                    *v,
                    Range::closed(0.0, 1.0e3),
                );
            }
        }
    }

    fn check_events(&self, c: &mut Checker) {
        if self.events.len() > Limits::MAX_EVENTS {
            c.problems.push(Problem::error(
                "events",
                format!(
                    "has {} entries: at most {} allowed",
                    self.events.len(),
                    Limits::MAX_EVENTS
                ),
            ));
        }
        for (e, event) in self.events.iter().enumerate() {
            let base = format!("events[{e}]");
            c.range(
                &format!("{base}.year"),
                event.year,
                Range::closed(1900.0, 3000.0),
            );
            if self.state_index(&event.state).is_none() {
                c.problems.push(Problem::error(
                    format!("{base}.state"),
                    format!(
                        "= {:?}: no such state (known: {})",
                        event.state,
                        self.state_codes()
                    ),
                ));
            }
            c.range(
                &format!("{base}.value"),
                event.value,
                event.field.state_field().meta().range,
            );
            let n = self.time.n_steps();
            if n > 0 && event.year.is_finite() && event.year - TIME_TOL > self.time.time_at(n - 1) {
                c.problems.push(Problem::warning(
                    base,
                    format!(
                        "is dated {}, after the last step starts, so the change never applies",
                        event.year
                    ),
                ));
            }
        }
    }

    fn check_constants(&self, c: &mut Checker) {
        for &id in ConstantId::ALL {
            let values = self.constants.values(id);
            for (v_idx, v) in values.iter().enumerate() {
                let path = if values.len() == 1 {
                    format!("constants.{}", id.key())
                } else if id == ConstantId::LeverSector {
                    format!(
                        "constants.{}[{}][{}]",
                        id.key(),
                        v_idx / SECTOR_COUNT,
                        v_idx % SECTOR_COUNT
                    )
                } else {
                    format!("constants.{}[{v_idx}]", id.key())
                };
                c.range(&path, *v, id.range());
            }
        }
    }

    fn check_ensemble(&self, c: &mut Checker) {
        let e = &self.ensemble;
        if e.members == 0 || e.members > Limits::MAX_ENSEMBLE_MEMBERS {
            c.problems.push(Problem::error(
                "ensemble.members",
                format!(
                    "= {}: must be 1 to {}",
                    e.members,
                    Limits::MAX_ENSEMBLE_MEMBERS
                ),
            ));
        }
        c.range(
            "ensemble.lever_sigma",
            e.lever_sigma,
            Range::closed(0.0, 2.0),
        );
        c.range(
            "ensemble.lever_persistence",
            e.lever_persistence,
            Range::closed(0.0, 0.999),
        );
        c.range(
            "ensemble.parameter_sigma",
            e.parameter_sigma,
            Range::closed(0.0, 2.0),
        );
    }

    fn state_codes(&self) -> String {
        self.states
            .iter()
            .map(|s| s.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn power_codes(&self) -> String {
        self.powers
            .iter()
            .map(|p| p.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn check_code(c: &mut Checker, base: &str, code: &str, seen: &mut HashSet<String>, what: &str) {
    let valid = !code.is_empty()
        && code.len() <= 8
        && code
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    if !valid {
        c.problems.push(Problem::error(
            format!("{base}.code"),
            format!("= {code:?}: a {what} code must be 1 to 8 letters, digits, '_' or '-'"),
        ));
    }
    if !seen.insert(code.to_string()) {
        c.problems.push(Problem::error(
            format!("{base}.code"),
            format!("= {code:?}: duplicate {what} code"),
        ));
    }
}
