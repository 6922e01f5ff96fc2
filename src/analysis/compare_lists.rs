//! Differences in the two lists of a scenario, lever entries and events. Entries are aligned by
//! content (a longest common subsequence on what identifies them: power, kind and targets for a
//! lever entry; state and field for an event), so inserting one entry reports one addition, and an
//! entry whose intensity or window changed reports just those fields.

use crate::model::{LeverEntry, LeverKind, ProfileEvent, Scenario, Targets, naming};

use super::compare::{ABSENT, Differ};
use super::groups::GroupKey;
use crate::model::spec_text::fmt_number;

/// One step of an alignment of two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// `a[i]` and `b[j]` are the same entry.
    Same(usize, usize),
    /// `a[i]` has no counterpart in B.
    Removed(usize),
    /// `b[j]` has no counterpart in A.
    Added(usize),
}

/// Aligns two lists with the longest common subsequence under `same`, after trimming the common
/// prefix and suffix (usually nearly everything, which keeps the table small).
pub(crate) fn align<T>(a: &[T], b: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<Step> {
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && same(&a[pre], &b[pre]) {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre
        && suf < b.len() - pre
        && same(&a[a.len() - 1 - suf], &b[b.len() - 1 - suf])
    {
        suf += 1;
    }
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let (n, m) = (ma.len(), mb.len());
    let w = m + 1;
    // table[i][j]: length of the longest common subsequence of ma[i..] and mb[j..].
    let mut table = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * w + j] = if same(&ma[i], &mb[j]) {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let mut steps: Vec<Step> = (0..pre).map(|k| Step::Same(k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if same(&ma[i], &mb[j]) {
            steps.push(Step::Same(pre + i, pre + j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
            steps.push(Step::Removed(pre + i));
            i += 1;
        } else {
            steps.push(Step::Added(pre + j));
            j += 1;
        }
    }
    steps.extend((i..n).map(|i| Step::Removed(pre + i)));
    steps.extend((j..m).map(|j| Step::Added(pre + j)));
    steps.extend((0..suf).map(|k| Step::Same(a.len() - suf + k, b.len() - suf + k)));
    steps
}

/// Targets as the model reads them: `None` for all states, else the sorted codes without repeats.
fn target_set(t: &Targets) -> Option<Vec<&str>> {
    match t {
        Targets::All => None,
        Targets::States(codes) => {
            let mut v: Vec<&str> = codes.iter().map(String::as_str).collect();
            v.sort_unstable();
            v.dedup();
            Some(v)
        }
    }
}

/// What identifies a lever entry across two scenarios: its kind and targets (its power is fixed by
/// the list it is in); intensity and window are what may change.
fn lever_key(e: &LeverEntry) -> (LeverKind, Option<Vec<&str>>) {
    (e.kind, target_set(&e.targets))
}

/// A lever entry's value in a comparison: its intensity (the entry itself is named by its phrase).
fn describe_lever(e: &LeverEntry) -> String {
    format!("intensity {}", fmt_number(e.intensity))
}

/// Lever differences, power by power (each power's entries form one group for attribution).
pub(crate) fn lever_diffs(d: &mut Differ, a: &Scenario, b: &Scenario) {
    // Every power code: A's powers, B's, then codes only lever entries name (invalid, but listed).
    let mut codes: Vec<&str> = Vec::new();
    let all = a.powers.iter().map(|p| p.code.as_str());
    let all = all.chain(b.powers.iter().map(|p| p.code.as_str()));
    let all = all.chain(a.levers.iter().chain(&b.levers).map(|e| e.power.as_str()));
    for code in all {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    for code in codes {
        let ea: Vec<usize> = (0..a.levers.len())
            .filter(|&i| a.levers[i].power == code)
            .collect();
        let eb: Vec<usize> = (0..b.levers.len())
            .filter(|&j| b.levers[j].power == code)
            .collect();
        match (a.power_index(code), b.power_index(code)) {
            (Some(p), _) => d.enter(
                GroupKey::PowerLevers(p),
                format!("{} levers", a.powers[p].name),
            ),
            (None, Some(q)) => d.enter(GroupKey::Structure, format!("{} levers", b.powers[q].name)),
            (None, None) => d.enter(GroupKey::Structure, format!("{code} levers")),
        }
        let steps = align(&ea, &eb, |&i, &j| {
            lever_key(&a.levers[i]) == lever_key(&b.levers[j])
        });
        for step in steps {
            match step {
                Step::Same(x, y) => {
                    let (i, j) = (ea[x], eb[y]);
                    let (la, lb) = (&a.levers[i], &b.levers[j]);
                    let what = naming::lever_phrase(a, la);
                    d.num(
                        format!("levers[{i}].intensity"),
                        format!("the intensity of {what}"),
                        la.intensity,
                        lb.intensity,
                    );
                    d.num(
                        format!("levers[{i}].start_year"),
                        format!("the start of {what}"),
                        la.start_year,
                        lb.start_year,
                    );
                    d.num(
                        format!("levers[{i}].end_year"),
                        format!("the end of {what}"),
                        la.end_year,
                        lb.end_year,
                    );
                }
                Step::Removed(x) => {
                    let i = ea[x];
                    d.push(
                        format!("levers[{i}]"),
                        naming::lever_phrase(a, &a.levers[i]),
                        describe_lever(&a.levers[i]),
                        ABSENT.into(),
                    );
                }
                Step::Added(y) => {
                    let j = eb[y];
                    d.push(
                        format!("levers[{j}]"),
                        naming::lever_phrase(b, &b.levers[j]),
                        ABSENT.into(),
                        describe_lever(&b.levers[j]),
                    );
                }
            }
        }
    }
}

/// An event's value in a comparison: its value and year (the event is named by its phrase).
fn describe_event(e: &ProfileEvent) -> String {
    format!(
        "{} from {}",
        fmt_number(e.value),
        naming::year_text(e.year, 1)
    )
}

/// "a change to Cambodia's governance".
fn event_phrase(s: &Scenario, e: &ProfileEvent) -> String {
    format!(
        "the event changing {} {}",
        naming::possessive(&naming::state_name(s, &e.state)),
        naming::lower_first(e.field.state_field().meta().label)
    )
}

/// Event differences (all events form one group for attribution).
pub(crate) fn event_diffs(d: &mut Differ, a: &Scenario, b: &Scenario) {
    d.enter(GroupKey::Events, "Events");
    let steps = align(&a.events, &b.events, |x, y| {
        x.state == y.state && x.field == y.field
    });
    for step in steps {
        match step {
            Step::Same(i, j) => {
                let (x, y) = (&a.events[i], &b.events[j]);
                let what = event_phrase(a, x);
                d.num(
                    format!("events[{i}].year"),
                    format!("the year of {what}"),
                    x.year,
                    y.year,
                );
                d.num(
                    format!("events[{i}].value"),
                    format!("the value of {what}"),
                    x.value,
                    y.value,
                );
            }
            Step::Removed(i) => d.push(
                format!("events[{i}]"),
                event_phrase(a, &a.events[i]),
                describe_event(&a.events[i]),
                ABSENT.into(),
            ),
            Step::Added(j) => d.push(
                format!("events[{j}]"),
                event_phrase(b, &b.events[j]),
                ABSENT.into(),
                describe_event(&b.events[j]),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment_reports_insertions_and_removals_once() {
        let a = [1, 2, 3, 4];
        let b = [1, 9, 2, 4, 5];
        let steps = align(&a, &b, |x, y| x == y);
        assert_eq!(
            steps,
            vec![
                Step::Same(0, 0),
                Step::Added(1),
                Step::Same(1, 2),
                Step::Removed(2),
                Step::Same(3, 3),
                Step::Added(4),
            ]
        );
        assert!(align::<i32>(&[], &[], |x, y| x == y).is_empty());
    }
}
