//! Groups of changed inputs and the hybrid scenarios attribution runs: A with the inputs of some
//! groups taken from B. Each group can be swapped on its own, and swapping every group gives a
//! scenario the engine reads exactly as B (same numbers in the same order), so the Shapley values
//! add up to B − A.

use crate::model::Scenario;

use super::compare::{CompareError, check_attributable, diff_entries};

/// Which part of a scenario a change belongs to. The order is the order groups are listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum GroupKey {
    /// Which states or powers exist: cannot be swapped into a hybrid.
    Structure,
    Time,
    /// Bloc weights and peer weights.
    Weights,
    /// The whole profile of state i.
    State(usize),
    /// Capability, conditionality and sector pull of power p.
    PowerSettings(usize),
    /// Every lever entry of power p.
    PowerLevers(usize),
    Asean,
    Events,
    Constants,
    /// Ensemble settings do not change a run (member 0), so attribution leaves them out.
    Ensemble,
}

/// One group of changed inputs that attribution swaps as a whole.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ChangeGroup {
    pub key: GroupKey,
    /// For people: "Cambodia profile", "China levers", "Constants" …
    pub label: String,
}

/// The groups of inputs that differ between A and B and can change a run, in [`GroupKey`] order.
pub(crate) fn change_groups(a: &Scenario, b: &Scenario) -> Result<Vec<ChangeGroup>, CompareError> {
    check_attributable(a, b)?;
    let mut groups: Vec<ChangeGroup> = Vec::new();
    for (d, key) in diff_entries(a, b) {
        match key {
            GroupKey::Ensemble => {}
            GroupKey::Structure => {
                return Err(CompareError::Unsplittable {
                    path: d.path,
                    a: d.a,
                    b: d.b,
                });
            }
            _ if groups.iter().any(|g| g.key == key) => {}
            _ => groups.push(ChangeGroup {
                key,
                label: d.group,
            }),
        }
    }
    groups.sort_by_key(|g| g.key);
    Ok(groups)
}

/// A with the groups whose bit is set in `mask` taken from B (bit k is `groups[k]`).
pub(crate) fn hybrid(a: &Scenario, b: &Scenario, groups: &[ChangeGroup], mask: u128) -> Scenario {
    let mut h = a.clone();
    for (k, group) in groups.iter().enumerate() {
        if mask & (1u128 << k) != 0 {
            take_from(&mut h, b, group.key);
        }
    }
    h
}

/// Replaces one group of `h`'s inputs with B's.
fn take_from(h: &mut Scenario, b: &Scenario, key: GroupKey) {
    match key {
        GroupKey::Structure | GroupKey::Ensemble => {}
        GroupKey::Time => h.time = b.time.clone(),
        GroupKey::Weights => {
            h.bloc_weights = b.bloc_weights;
            h.peer_weights = b.peer_weights.clone();
        }
        GroupKey::State(i) => {
            if let (Some(slot), Some(from)) = (h.states.get_mut(i), b.states.get(i)) {
                *slot = from.clone();
            }
        }
        GroupKey::PowerSettings(p) => {
            if let (Some(slot), Some(from)) = (h.powers.get_mut(p), b.powers.get(p)) {
                slot.capability = from.capability;
                slot.conditionality = from.conditionality;
                slot.sector_pull = from.sector_pull;
            }
        }
        GroupKey::PowerLevers(p) => {
            let Some(code) = b.powers.get(p).map(|x| x.code.as_str()) else {
                return;
            };
            // Other powers' entries keep their places; this power's entries are B's, in B's order.
            // Entries of one power and kind add up in listing order, so each power's own order is
            // what must match B for the lever tensor to be bit-identical.
            h.levers.retain(|e| e.power != code);
            h.levers
                .extend(b.levers.iter().filter(|e| e.power == code).cloned());
        }
        GroupKey::Asean => h.asean = b.asean.clone(),
        GroupKey::Events => h.events = b.events.clone(),
        GroupKey::Constants => h.constants = b.constants.clone(),
    }
}
