//! Reordering states and powers: everything indexed by position follows (the peer matrix for
//! states; every state's alignment, anchor and dependency rows for powers).

use crate::model::Scenario;

/// Moves state `from` to position `to`.
pub(super) fn move_state(s: &mut Scenario, from: usize, to: usize) {
    if from == to || from >= s.states.len() || to >= s.states.len() {
        return;
    }
    let st = s.states.remove(from);
    s.states.insert(to, st);
    if let Some(m) = &mut s.peer_weights {
        if from < m.len() && to < m.len() {
            let row = m.remove(from);
            m.insert(to, row);
        }
        for row in m.iter_mut() {
            if from < row.len() && to < row.len() {
                let v = row.remove(from);
                row.insert(to, v);
            }
        }
    }
}

/// Moves power `from` to position `to` (autonomy stays the last pole).
pub(super) fn move_power(s: &mut Scenario, from: usize, to: usize) {
    let n = s.powers.len();
    if from == to || from >= n || to >= n {
        return;
    }
    let p = s.powers.remove(from);
    s.powers.insert(to, p);
    let shift = |v: &mut Vec<f64>| {
        if from < v.len() && to < v.len() {
            let x = v.remove(from);
            v.insert(to, x);
        }
    };
    for st in &mut s.states {
        shift(&mut st.alignment);
        if let Some(a) = &mut st.anchor {
            shift(a);
        }
        if from < st.dependency.len() && to < st.dependency.len() {
            let row = st.dependency.remove(from);
            st.dependency.insert(to, row);
        }
    }
}
