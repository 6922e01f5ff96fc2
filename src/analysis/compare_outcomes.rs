//! The outcome side of a comparison: the bloc indices and each state's tilt in runs A and B at one
//! year, and the input differences gathered under their groups. The command line, the app's compare
//! panel and the briefing all show these, so they are computed once, here.

use crate::model::Scenario;

use super::compare::InputDifference;
use super::outcome::OutcomeKind;
use crate::engine::BlocIndex;
use crate::engine::Run;

/// One outcome read from run A and run B at the same year.
#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeDifference {
    /// E.g. "Cohesion" or "KHM tilt (US–CN)".
    pub label: String,
    /// What is compared, with B's state index (`Bloc` or `Tilt`).
    pub kind: OutcomeKind,
    pub a: f64,
    pub b: f64,
    /// For a state's tilt: the pole codes it leans to in A and in B.
    pub leaning: Option<(String, String)>,
}

impl OutcomeDifference {
    /// `b − a`.
    pub fn delta(&self) -> f64 {
        self.b - self.a
    }
}

/// The bloc indices, then each state of A that B also has (matched by code) with its tilt, at the
/// time points nearest `year`. Tilts are left out when the first two powers differ, since the tilt
/// compares those two.
pub fn outcome_differences(
    a: &Scenario,
    b: &Scenario,
    run_a: &Run,
    run_b: &Run,
    year: f64,
) -> Vec<OutcomeDifference> {
    let mut out = Vec::new();
    if run_a.is_empty() || run_b.is_empty() {
        return out;
    }
    let (ta, tb) = (run_a.index_of_year(year), run_b.index_of_year(year));
    for idx in BlocIndex::ALL {
        out.push(OutcomeDifference {
            label: idx.label().to_string(),
            kind: OutcomeKind::Bloc(idx),
            a: run_a.bloc(ta, idx),
            b: run_b.bloc(tb, idx),
            leaning: None,
        });
    }
    let first_two = |s: &Scenario| {
        s.powers
            .iter()
            .take(2)
            .map(|p| p.code.clone())
            .collect::<Vec<_>>()
    };
    if a.powers.len() < 2 || first_two(a) != first_two(b) {
        return out;
    }
    let pair = format!("{}–{}", a.powers[0].code, a.powers[1].code);
    let (poles_a, poles_b) = (a.pole_codes(), b.pole_codes());
    for (i, st) in a.states.iter().enumerate() {
        let Some(j) = b.state_index(&st.code) else {
            continue;
        };
        if i >= run_a.n_states || j >= run_b.n_states {
            continue;
        }
        let pole = |codes: &[String], o: usize| codes.get(o).cloned().unwrap_or_default();
        out.push(OutcomeDifference {
            label: format!("{} tilt ({pair})", st.code),
            kind: OutcomeKind::Tilt { state: j },
            a: run_a.tilt(ta, i),
            b: run_b.tilt(tb, j),
            leaning: Some((
                pole(&poles_a, run_a.leaning(ta, i)),
                pole(&poles_b, run_b.leaning(tb, j)),
            )),
        });
    }
    out
}

/// The differences under one heading per group, groups in order of first appearance.
pub fn group_differences(diffs: &[InputDifference]) -> Vec<(&str, Vec<&InputDifference>)> {
    let mut groups: Vec<(&str, Vec<&InputDifference>)> = Vec::new();
    for d in diffs {
        match groups.iter_mut().find(|(g, _)| *g == d.group) {
            Some((_, list)) => list.push(d),
            None => groups.push((d.group.as_str(), vec![d])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_against_itself_differs_in_nothing() {
        let s = crate::io::baseline().unwrap();
        let r = crate::engine::run(&s).unwrap();
        let rows = outcome_differences(&s, &s, &r, &r, 2035.0);
        assert_eq!(rows.len(), 5 + s.states.len());
        assert!(rows.iter().all(|d| d.delta() == 0.0));
        let khm = rows.iter().find(|d| d.label.starts_with("KHM")).unwrap();
        let (la, lb) = khm.leaning.clone().unwrap();
        assert_eq!(la, lb);
    }
}
