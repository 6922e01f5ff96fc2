//! What the last step changed, in the words a room reads off the projector: each state's tilt
//! before and after, the largest moves first, and one sentence ("By 2035, Cambodia (0.08), Lao PDR
//! (0.05) and Myanmar (0.04) moved toward China"). Every number in the sentence is read off the
//! two runs, never written by hand.

use crate::engine::{BlocIndex, Run};
use crate::model::{Scenario, naming};

/// Moves smaller than this are "barely moved" (a tenth of the smallest step the table shows).
pub const NOTICEABLE: f64 = 0.005;

/// One state's tilt at a year, before and after a change.
#[derive(Clone, Debug, PartialEq)]
pub struct TiltChange {
    pub state: usize,
    pub before: f64,
    pub after: f64,
}

impl TiltChange {
    pub fn delta(&self) -> f64 {
        self.after - self.before
    }
}

/// Every state's tilt change at `year` (the first power's share minus the second's), the largest
/// move first. `None` when the runs do not describe the same states and powers.
pub fn tilt_changes(before: &Run, after: &Run, year: f64) -> Option<Vec<TiltChange>> {
    if before.n_states != after.n_states || before.n_powers != after.n_powers {
        return None;
    }
    let (tb, ta) = (before.index_of_year(year), after.index_of_year(year));
    let mut changes: Vec<TiltChange> = (0..after.n_states)
        .map(|state| TiltChange {
            state,
            before: before.tilt(tb, state),
            after: after.tilt(ta, state),
        })
        .collect();
    changes.sort_by(|a, b| b.delta().abs().total_cmp(&a.delta().abs()));
    Some(changes)
}

/// "By 2035, Cambodia (0.08) and Lao PDR (0.05) moved toward China; Viet Nam (0.02) toward the
/// United States": up to `most` states that moved noticeably, largest first, grouped by direction;
/// or that no state moved noticeably.
pub fn tilt_change_sentence(
    s: &Scenario,
    changes: &[TiltChange],
    year: f64,
    most: usize,
) -> String {
    let when = naming::year_label(year);
    let towards = |d: f64| {
        let pole = if d > 0.0 { 0 } else { 1 };
        s.powers
            .get(pole)
            .map_or_else(String::new, |p| naming::in_sentence(&p.name))
    };
    let noticeable: Vec<&TiltChange> = changes
        .iter()
        .filter(|c| c.delta().abs() >= NOTICEABLE)
        .collect();
    let shown = &noticeable[..noticeable.len().min(most)];
    if shown.is_empty() {
        return format!("By {when}, no state's tilt moved by {NOTICEABLE} or more.");
    }
    let name = |c: &TiltChange| {
        let n = s
            .states
            .get(c.state)
            .map_or_else(|| format!("state #{}", c.state + 1), |x| x.name.clone());
        format!("{} ({:.2})", naming::in_sentence(&n), c.delta().abs())
    };
    // Grouped by direction, the larger move's group first: "Cambodia (0.08) and Lao PDR (0.05)
    // moved toward China; Viet Nam (0.02) toward the United States".
    let mut parts: Vec<String> = Vec::new();
    let first_up = shown[0].delta() > 0.0;
    for up in [first_up, !first_up] {
        let group: Vec<String> = shown
            .iter()
            .filter(|c| (c.delta() > 0.0) == up)
            .map(|c| name(c))
            .collect();
        if group.is_empty() {
            continue;
        }
        let verb = if parts.is_empty() {
            "moved toward"
        } else {
            "toward"
        };
        parts.push(format!(
            "{} {verb} {}",
            naming::list_phrase(&group),
            towards(if up { 1.0 } else { -1.0 })
        ));
    }
    let more = match noticeable.len() - shown.len() {
        0 => String::new(),
        1 => "; 1 more state moved less".to_string(),
        n => format!("; {n} more states moved less"),
    };
    format!("By {when}, {}{more}.", parts.join("; "))
}

/// "By 2040, DEFA integration −0.41, autonomy −0.05 and bifurcation +0.01": the bloc indices that
/// moved noticeably at `year`, largest first; `None` when the runs do not share their years.
pub fn bloc_change_sentence(before: &Run, after: &Run, year: f64) -> Option<String> {
    if before.times != after.times {
        return None;
    }
    let t = after.index_of_year(year);
    let mut moves: Vec<(BlocIndex, f64)> = BlocIndex::ALL
        .iter()
        .map(|b| (*b, after.bloc(t, *b) - before.bloc(t, *b)))
        .filter(|(_, d)| d.abs() >= NOTICEABLE)
        .collect();
    moves.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let when = naming::year_label(year);
    if moves.is_empty() {
        return Some(format!(
            "By {when}, no bloc index moved by {NOTICEABLE} or more."
        ));
    }
    let parts: Vec<String> = moves
        .iter()
        .map(|(b, d)| format!("{} {d:+.2}", naming::lower_first(b.label())))
        .collect();
    Some(format!(
        "By {when}, {}.",
        naming::capitalised(&naming::list_phrase(&parts))
    ))
}
