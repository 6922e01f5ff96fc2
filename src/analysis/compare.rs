//! The input diff of two scenarios: every model input that differs, with its field path (the style
//! of `Scenario::validate`), both values and the group of changes it belongs to for attribution.
//!
//! Only what can change a run is compared: names, descriptions, colours, basis notes and lever or
//! event notes are labels, not inputs. States and powers are matched by code, poles and dependency
//! rows by their power's code, lever entries and events by content (see `compare_lists`), so an
//! inserted entry shows as one addition rather than as every later entry changing.

use crate::model::{ConstantId, SECTOR_COUNT, Scenario, Sector, StateField, naming};

use super::compare_lists::{event_diffs, lever_diffs};
use super::groups::GroupKey;
use crate::model::spec_text::{fmt_number, power_codes, state_codes};

/// One input that differs between scenario A and scenario B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputDifference {
    /// Field path, e.g. `states[1] (KHM).governance`, `levers[3].intensity`, `asean.hard_law`
    /// (for files, CSV and the command line).
    pub path: String,
    /// The input in words, e.g. "Cambodia's governance" (for people: the log, Compare, the
    /// briefing); see [`crate::model::naming`].
    pub what: String,
    /// The value in A, as text ("(absent)" when A lacks the entry).
    pub a: String,
    /// The value in B, as text ("(absent)" when B lacks the entry).
    pub b: String,
    /// The group of changes it belongs to, e.g. "Cambodia profile", "China levers", "Constants".
    pub group: String,
}

/// Why two scenarios cannot be split into hybrids for attribution.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompareError {
    /// States or powers differ in codes or order, so a hybrid of A and B would not be a scenario.
    #[error(
        "attribution needs the same {what} in the same order in both scenarios, but A has {a} and B has {b}"
    )]
    Incompatible {
        what: &'static str,
        a: String,
        b: String,
    },
    /// A difference that belongs to no group that can be swapped on its own.
    #[error("{path} differs in a way attribution cannot split ({a} vs {b})")]
    Unsplittable { path: String, a: String, b: String },
}

/// Text of a value missing on one side.
pub(crate) const ABSENT: &str = "(absent)";

/// Every input that differs between `a` and `b`, in file order (time, weights, powers, states,
/// levers, ASEAN, events, constants, ensemble). A scenario compared with itself gives nothing.
pub fn input_diff(a: &Scenario, b: &Scenario) -> Vec<InputDifference> {
    diff_entries(a, b).into_iter().map(|(d, _)| d).collect()
}

/// Checks that attribution can build hybrids: the same state codes and power codes, in order.
pub fn check_attributable(a: &Scenario, b: &Scenario) -> Result<(), CompareError> {
    let codes = |s: &Scenario| s.states.iter().map(|x| x.code.clone()).collect::<Vec<_>>();
    if codes(a) != codes(b) {
        return Err(CompareError::Incompatible {
            what: "states",
            a: state_codes(a),
            b: state_codes(b),
        });
    }
    let codes = |s: &Scenario| s.powers.iter().map(|x| x.code.clone()).collect::<Vec<_>>();
    if codes(a) != codes(b) {
        return Err(CompareError::Incompatible {
            what: "powers",
            a: power_codes(a),
            b: power_codes(b),
        });
    }
    Ok(())
}

/// The differences with the key of their group.
pub(crate) fn diff_entries(a: &Scenario, b: &Scenario) -> Vec<(InputDifference, GroupKey)> {
    let mut d = Differ {
        out: Vec::new(),
        group: (GroupKey::Structure, String::new()),
    };
    d.time(a, b);
    d.weights(a, b);
    d.powers(a, b);
    d.states(a, b);
    lever_diffs(&mut d, a, b);
    d.enter(GroupKey::Asean, "ASEAN / DEFA policy");
    for field in crate::model::AseanField::ALL {
        let path = format!("asean.{}", field.meta().key);
        d.num(
            path,
            naming::asean_phrase(field),
            field.get(&a.asean),
            field.get(&b.asean),
        );
    }
    event_diffs(&mut d, a, b);
    d.constants(a, b);
    d.ensemble(a, b);
    d.out
}

/// Collects differences under the current group.
pub(crate) struct Differ {
    pub out: Vec<(InputDifference, GroupKey)>,
    group: (GroupKey, String),
}

impl Differ {
    /// Later differences belong to this group.
    pub fn enter(&mut self, key: GroupKey, label: impl Into<String>) {
        self.group = (key, label.into());
    }

    pub fn push(&mut self, path: String, what: String, a: String, b: String) {
        let (key, group) = &self.group;
        self.out.push((
            InputDifference {
                path,
                what,
                a,
                b,
                group: group.clone(),
            },
            *key,
        ));
    }

    /// Records a numeric difference (numerically equal values, such as 0 and −0, are the same input).
    pub fn num(&mut self, path: String, what: String, a: f64, b: f64) {
        if a != b {
            self.push(path, what, fmt_number(a), fmt_number(b));
        }
    }

    fn time(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Time, "Time settings");
        let (ta, tb) = (&a.time, &b.time);
        self.num(
            "time.start_year".into(),
            "the start year".into(),
            ta.start_year,
            tb.start_year,
        );
        self.num(
            "time.end_year".into(),
            "the end year".into(),
            ta.end_year,
            tb.end_year,
        );
        if ta.steps_per_year != tb.steps_per_year {
            self.push(
                "time.steps_per_year".into(),
                "the steps per year".into(),
                ta.steps_per_year.to_string(),
                tb.steps_per_year.to_string(),
            );
        }
    }

    fn weights(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Weights, "Peer and bloc weights");
        if a.bloc_weights != b.bloc_weights {
            let text = |w: crate::model::BlocWeights| match w {
                crate::model::BlocWeights::Gdp => "gdp".to_string(),
                crate::model::BlocWeights::Equal => "equal".to_string(),
            };
            self.push(
                "bloc_weights".into(),
                "the weights of the bloc indices".into(),
                text(a.bloc_weights),
                text(b.bloc_weights),
            );
        }
        let describe = |m: &Option<Vec<Vec<f64>>>| match m {
            None => "size-based".to_string(),
            Some(rows) => format!("explicit {} × {}", rows.len(), rows.len()),
        };
        match (&a.peer_weights, &b.peer_weights) {
            (Some(ra), Some(rb))
                if ra.len() == rb.len() && ra.iter().zip(rb).all(|(x, y)| x.len() == y.len()) =>
            {
                let name = |i: usize| {
                    b.states
                        .get(i)
                        .map_or_else(|| format!("state #{}", i + 1), |s| s.name.clone())
                };
                for (i, (x, y)) in ra.iter().zip(rb).enumerate() {
                    for (j, (u, v)) in x.iter().zip(y).enumerate() {
                        self.num(
                            format!("peer_weights[{i}][{j}]"),
                            format!(
                                "the weight {} gives {}",
                                naming::in_sentence(&name(i)),
                                naming::in_sentence(&name(j))
                            ),
                            *u,
                            *v,
                        );
                    }
                }
            }
            (pa, pb) if pa != pb => {
                self.push(
                    "peer_weights".into(),
                    "the peer weights".into(),
                    describe(pa),
                    describe(pb),
                );
            }
            _ => {}
        }
    }

    fn powers(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Structure, "States and powers");
        if a.powers
            .iter()
            .map(|p| &p.code)
            .ne(b.powers.iter().map(|p| &p.code))
        {
            self.push(
                "powers".into(),
                "the powers".into(),
                power_codes(a),
                power_codes(b),
            );
        }
        for (p, pa) in a.powers.iter().enumerate() {
            let base = format!("powers[{p}] ({})", pa.code);
            let whose = naming::possessive(&pa.name);
            let Some(pb) = b.powers.iter().find(|x| x.code == pa.code) else {
                self.enter(GroupKey::Structure, "States and powers");
                self.push(
                    base,
                    naming::in_sentence(&pa.name),
                    pa.name.clone(),
                    ABSENT.into(),
                );
                continue;
            };
            self.enter(GroupKey::PowerSettings(p), format!("{} settings", pa.name));
            self.num(
                format!("{base}.capability"),
                format!("{whose} capability"),
                pa.capability,
                pb.capability,
            );
            self.num(
                format!("{base}.conditionality"),
                format!("{whose} conditionality"),
                pa.conditionality,
                pb.conditionality,
            );
            for s in 0..SECTOR_COUNT {
                self.num(
                    format!("{base}.sector_pull[{s}] ({})", Sector::ALL[s].key()),
                    format!(
                        "{whose} market pull in {}",
                        naming::lower_first(Sector::ALL[s].label())
                    ),
                    pa.sector_pull[s],
                    pb.sector_pull[s],
                );
            }
        }
        self.enter(GroupKey::Structure, "States and powers");
        for (q, pb) in b.powers.iter().enumerate() {
            if !a.powers.iter().any(|x| x.code == pb.code) {
                self.push(
                    format!("powers[{q}] ({})", pb.code),
                    naming::in_sentence(&pb.name),
                    ABSENT.into(),
                    pb.name.clone(),
                );
            }
        }
    }

    fn states(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Structure, "States and powers");
        if a.states
            .iter()
            .map(|s| &s.code)
            .ne(b.states.iter().map(|s| &s.code))
        {
            self.push(
                "states".into(),
                "the member states".into(),
                state_codes(a),
                state_codes(b),
            );
        }
        let (poles_a, poles_b) = (a.pole_codes(), b.pole_codes());
        for (i, sa) in a.states.iter().enumerate() {
            let base = format!("states[{i}] ({})", sa.code);
            let whose = naming::possessive(&sa.name);
            let Some(sb) = b.states.iter().find(|x| x.code == sa.code) else {
                self.enter(GroupKey::Structure, "States and powers");
                self.push(
                    base,
                    naming::in_sentence(&sa.name),
                    sa.name.clone(),
                    ABSENT.into(),
                );
                continue;
            };
            self.enter(GroupKey::State(i), format!("{} profile", sa.name));
            for field in StateField::SCALARS {
                if let (Some(x), Some(y)) = (sa.scalar(field), sb.scalar(field)) {
                    self.num(
                        format!("{base}.{}", field.key()),
                        format!("{whose} {}", naming::lower_first(field.meta().label)),
                        x,
                        y,
                    );
                }
            }
            // Poles and dependency rows are matched by power code, so a reordering of powers (already
            // reported above) does not show as every share changing.
            for (o, code) in poles_a.iter().enumerate() {
                let Some(ob) = poles_b.iter().position(|c| c == code) else {
                    continue;
                };
                let (xa, xb) = (sa.alignment.get(o), sb.alignment.get(ob));
                let pole = pole_name(a, code);
                if let (Some(x), Some(y)) = (xa, xb) {
                    self.num(
                        format!("{base}.alignment[{o}] ({code})"),
                        format!("{whose} starting {pole} share"),
                        *x,
                        *y,
                    );
                }
                // With no explicit anchor on either side, the anchor is the alignment just compared.
                if sa.anchor.is_none() && sb.anchor.is_none() {
                    continue;
                }
                let (ua, ub) = (sa.effective_anchor().get(o), sb.effective_anchor().get(ob));
                if let (Some(x), Some(y)) = (ua, ub)
                    && x != y
                {
                    let note = |explicit: bool| if explicit { "" } else { " (= alignment)" };
                    self.push(
                        format!("{base}.anchor[{o}] ({code})"),
                        format!("{whose} anchor {pole} share"),
                        format!("{}{}", fmt_number(*x), note(sa.anchor.is_some())),
                        format!("{}{}", fmt_number(*y), note(sb.anchor.is_some())),
                    );
                }
            }
            for (p, power) in a.powers.iter().enumerate() {
                let Some(q) = b.powers.iter().position(|x| x.code == power.code) else {
                    continue;
                };
                let (Some(ra), Some(rb)) = (sa.dependency.get(p), sb.dependency.get(q)) else {
                    continue;
                };
                for s in 0..SECTOR_COUNT {
                    self.num(
                        format!(
                            "{base}.dependency[{p}][{s}] ({}, {})",
                            power.code,
                            Sector::ALL[s].key()
                        ),
                        format!(
                            "{whose} starting dependency on {} in {}",
                            naming::in_sentence(&power.name),
                            naming::lower_first(Sector::ALL[s].label())
                        ),
                        ra[s],
                        rb[s],
                    );
                }
            }
        }
        self.enter(GroupKey::Structure, "States and powers");
        for (j, sb) in b.states.iter().enumerate() {
            if !a.states.iter().any(|x| x.code == sb.code) {
                self.push(
                    format!("states[{j}] ({})", sb.code),
                    naming::in_sentence(&sb.name),
                    ABSENT.into(),
                    sb.name.clone(),
                );
            }
        }
    }

    fn constants(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Constants, "Constants");
        for &id in ConstantId::ALL {
            let (va, vb) = (a.constants.values(id), b.constants.values(id));
            for (k, (x, y)) in va.iter().zip(vb).enumerate() {
                let path = if va.len() == 1 {
                    format!("constants.{}", id.key())
                } else if id == ConstantId::LeverSector {
                    format!(
                        "constants.{}[{}][{}]",
                        id.key(),
                        k / SECTOR_COUNT,
                        k % SECTOR_COUNT
                    )
                } else {
                    format!("constants.{}[{k}]", id.key())
                };
                self.num(path, naming::constant_phrase(id, k), *x, *y);
            }
        }
    }

    fn ensemble(&mut self, a: &Scenario, b: &Scenario) {
        self.enter(GroupKey::Ensemble, "Ensemble settings");
        let (ea, eb) = (&a.ensemble, &b.ensemble);
        if ea.members != eb.members {
            self.push(
                "ensemble.members".into(),
                "the ensemble's number of runs".into(),
                ea.members.to_string(),
                eb.members.to_string(),
            );
        }
        if ea.seed != eb.seed {
            self.push(
                "ensemble.seed".into(),
                "the ensemble's random seed".into(),
                ea.seed.to_string(),
                eb.seed.to_string(),
            );
        }
        self.num(
            "ensemble.lever_sigma".into(),
            "the ensemble's lever spread".into(),
            ea.lever_sigma,
            eb.lever_sigma,
        );
        self.num(
            "ensemble.lever_persistence".into(),
            "the ensemble's lever persistence".into(),
            ea.lever_persistence,
            eb.lever_persistence,
        );
        self.num(
            "ensemble.parameter_sigma".into(),
            "the ensemble's constant spread".into(),
            ea.parameter_sigma,
            eb.parameter_sigma,
        );
    }
}

/// "China" for a power's code, "autonomy" for the autonomy pole.
fn pole_name(s: &Scenario, code: &str) -> String {
    s.powers
        .iter()
        .find(|p| p.code == code)
        .map_or_else(|| "autonomy".to_string(), |p| p.name.clone())
}
