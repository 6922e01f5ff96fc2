//! Structural edits of a scenario that must keep it consistent: adding, duplicating, renaming and
//! removing states and powers (alignment poles, dependency rows, lever targets, events and the peer
//! matrix follow), keeping shares on the simplex, and setting one cell of the leverage grid.

use super::lever::{LeverEntry, LeverKind, Targets};
use super::power::Power;
use super::scenario::Scenario;
use super::sector::SECTOR_COUNT;
use super::state::MemberState;

/// Sets share `o` of `shares` to `value` and rescales the others so the sum stays 1.
pub fn set_share(shares: &mut [f64], o: usize, value: f64) {
    let k = shares.len();
    if o >= k {
        return;
    }
    let value = value.clamp(0.0, 1.0);
    let others: f64 = shares
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != o)
        .map(|(_, v)| v)
        .sum();
    let rest = 1.0 - value;
    for (j, v) in shares.iter_mut().enumerate() {
        if j == o {
            *v = value;
        } else if others > 1e-12 {
            *v *= rest / others;
        } else {
            *v = rest / (k - 1).max(1) as f64;
        }
    }
    // The rounding remainder goes to the largest other share, so the edited one keeps the exact value.
    let sum: f64 = shares.iter().sum();
    let largest = (0..k)
        .filter(|&j| j != o)
        .max_by(|&a, &b| shares[a].total_cmp(&shares[b]));
    if let Some(j) = largest {
        shares[j] = (shares[j] + 1.0 - sum).clamp(0.0, 1.0);
    }
}

/// Sets the dependency of one state on power `p` in sector `s`, capped so the sector never exceeds 1.
pub fn set_dependency(state: &mut MemberState, p: usize, s: usize, value: f64) {
    if p >= state.dependency.len() || s >= SECTOR_COUNT {
        return;
    }
    let others: f64 = state
        .dependency
        .iter()
        .enumerate()
        .filter(|(q, _)| *q != p)
        .map(|(_, r)| r[s])
        .sum();
    state.dependency[p][s] = value.clamp(0.0, (1.0 - others).max(0.0));
}

/// A code not used by any state or power, built from `stem` (e.g. `NEW`, `NEW2`, …).
pub fn unused_code(scenario: &Scenario, stem: &str) -> String {
    let taken = |c: &str| {
        scenario.states.iter().any(|s| s.code == c) || scenario.powers.iter().any(|p| p.code == c)
    };
    let stem: String = stem
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .take(6)
        .collect();
    let stem = if stem.is_empty() {
        "NEW".to_string()
    } else {
        stem
    };
    if !taken(&stem) {
        return stem;
    }
    (2..)
        .map(|n| format!("{stem}{n}"))
        .find(|c| !taken(c))
        .unwrap_or(stem)
}

impl Scenario {
    /// Appends a neutral state (even alignment, no foreign dependency) and returns its index.
    pub fn add_state(&mut self) -> usize {
        let k = self.pole_count();
        let code = unused_code(self, "NEW");
        let state = MemberState {
            name: format!("New state {code}"),
            code,
            gdp_usd_bn: 10.0,
            size: 0.3,
            infrastructure: 0.5,
            talent: 0.5,
            ecosystem: 0.5,
            competitiveness: 0.5,
            localisation: 0.3,
            data_protection: 0.5,
            governance: 0.5,
            hedging: 0.5,
            defa_commitment: 0.7,
            defa_progress: 0.0,
            alignment: vec![1.0 / k as f64; k],
            anchor: None,
            dependency: vec![[0.0; SECTOR_COUNT]; self.powers.len()],
            basis: Default::default(),
        };
        self.states.push(state);
        self.grow_peer_matrix();
        self.states.len() - 1
    }

    /// Copies state i under a new code, right after it; lever entries and events targeting it are not
    /// copied (the copy is a what-if profile). Returns the new index.
    pub fn duplicate_state(&mut self, i: usize) -> Option<usize> {
        let mut copy = self.states.get(i)?.clone();
        copy.code = unused_code(self, &copy.code);
        copy.name = format!("{} (copy)", copy.name);
        self.states.push(copy);
        self.grow_peer_matrix();
        Some(self.states.len() - 1)
    }

    fn grow_peer_matrix(&mut self) {
        let n = self.states.len();
        if let Some(m) = &mut self.peer_weights {
            for row in m.iter_mut() {
                row.resize(n, 0.0);
            }
            m.resize(n, vec![0.0; n]);
        }
    }

    /// Removes state i and every reference to it (lever targets, events, peer weights). Lever entries
    /// left with no target are removed too.
    pub fn remove_state(&mut self, i: usize) -> Option<MemberState> {
        if i >= self.states.len() {
            return None;
        }
        let removed = self.states.remove(i);
        let code = removed.code.clone();
        self.levers.retain_mut(|e| match &mut e.targets {
            Targets::All => true,
            Targets::States(codes) => {
                codes.retain(|c| *c != code);
                !codes.is_empty()
            }
        });
        self.events.retain(|e| e.state != code);
        if let Some(m) = &mut self.peer_weights {
            m.remove(i);
            for row in m.iter_mut() {
                if i < row.len() {
                    row.remove(i);
                }
            }
        }
        Some(removed)
    }

    /// Renames state i's code everywhere it is referenced. Fails if the code is taken.
    pub fn rename_state_code(&mut self, i: usize, new_code: &str) -> bool {
        if self.states.iter().any(|s| s.code == new_code)
            || self.powers.iter().any(|p| p.code == new_code)
        {
            return false;
        }
        let Some(state) = self.states.get_mut(i) else {
            return false;
        };
        let old = std::mem::replace(&mut state.code, new_code.to_string());
        for e in &mut self.levers {
            if let Targets::States(codes) = &mut e.targets {
                for c in codes.iter_mut().filter(|c| **c == old) {
                    *c = new_code.to_string();
                }
            }
        }
        for e in self.events.iter_mut().filter(|e| e.state == old) {
            e.state = new_code.to_string();
        }
        true
    }

    /// Adds a power (a new pole before autonomy, with zero shares and no dependency).
    pub fn add_power(&mut self, code: &str, name: &str, colour: &str) -> usize {
        let code = unused_code(self, code);
        let p = self.powers.len();
        self.powers.push(Power {
            code,
            name: name.to_string(),
            colour: colour.to_string(),
            capability: 0.5,
            conditionality: 0.5,
            sector_pull: [0.05; SECTOR_COUNT],
            basis: Default::default(),
        });
        for st in &mut self.states {
            st.alignment.insert(p, 0.0);
            if let Some(a) = &mut st.anchor {
                a.insert(p, 0.0);
            }
            st.dependency.push([0.0; SECTOR_COUNT]);
        }
        p
    }

    /// Removes power p, its lever entries and its dependency rows; its alignment share moves to the
    /// autonomy pole so shares still sum to 1. Refuses to remove the last power.
    pub fn remove_power(&mut self, p: usize) -> bool {
        if p >= self.powers.len() || self.powers.len() == 1 {
            return false;
        }
        let code = self.powers.remove(p).code;
        self.levers.retain(|e| e.power != code);
        for st in &mut self.states {
            let fold = |shares: &mut Vec<f64>| {
                if p < shares.len() {
                    let v = shares.remove(p);
                    if let Some(aut) = shares.last_mut() {
                        *aut += v;
                    }
                }
            };
            fold(&mut st.alignment);
            if let Some(a) = &mut st.anchor {
                fold(a);
            }
            if p < st.dependency.len() {
                st.dependency.remove(p);
            }
        }
        true
    }

    /// Renames power p's code in lever entries too. Fails if the code is taken.
    pub fn rename_power_code(&mut self, p: usize, new_code: &str) -> bool {
        if self.states.iter().any(|s| s.code == new_code)
            || self.powers.iter().any(|q| q.code == new_code)
        {
            return false;
        }
        let Some(power) = self.powers.get_mut(p) else {
            return false;
        };
        let old = std::mem::replace(&mut power.code, new_code.to_string());
        for e in self.levers.iter_mut().filter(|e| e.power == old) {
            e.power = new_code.to_string();
        }
        true
    }

    /// Sum of the intensities of power `power`'s entries of `kind` active at `t` that target `state`,
    /// clamped at 1 — the lever tensor of MODEL.md at one cell.
    pub fn lever_cell(&self, power: &str, state: &str, kind: LeverKind, t: f64) -> f64 {
        self.levers
            .iter()
            .filter(|e| {
                e.power == power && e.kind == kind && e.active_at(t) && e.targets.includes(state)
            })
            .map(|e| e.intensity)
            .sum::<f64>()
            .min(1.0)
    }

    /// Sets the leverage-grid cell (power, state, kind) to `value` over the whole horizon: the state is
    /// taken out of other entries of that power and kind (an `All` entry becomes an explicit list), and
    /// one entry for this state alone carries the value. With `value` 0 the cell's own entry is removed.
    pub fn set_lever_cell(&mut self, power: &str, state: &str, kind: LeverKind, value: f64) {
        let codes: Vec<String> = self.states.iter().map(|s| s.code.clone()).collect();
        let (start, end) = (self.time.start_year, self.time.end_year);
        let is_own = |e: &LeverEntry| {
            e.power == power
                && e.kind == kind
                && matches!(&e.targets, Targets::States(c) if c.len() == 1 && c[0] == state)
                && e.start_year <= start
                && e.end_year >= end
        };
        let own = self.levers.iter().position(is_own);
        for (idx, e) in self.levers.iter_mut().enumerate() {
            if Some(idx) == own || e.power != power || e.kind != kind || !e.targets.includes(state)
            {
                continue;
            }
            let others: Vec<String> = match &e.targets {
                Targets::All => codes.iter().filter(|c| *c != state).cloned().collect(),
                Targets::States(list) => list.iter().filter(|c| *c != state).cloned().collect(),
            };
            e.targets = Targets::States(others);
        }
        // Entries that no longer target anyone go.
        self.levers
            .retain(|e| !matches!(&e.targets, Targets::States(c) if c.is_empty()));
        let own = self.levers.iter().position(is_own);
        let value = value.clamp(0.0, 1.0);
        match own {
            Some(idx) if value == 0.0 => {
                self.levers.remove(idx);
            }
            Some(idx) => self.levers[idx].intensity = value,
            None if value > 0.0 => self.levers.push(LeverEntry {
                power: power.to_string(),
                kind,
                intensity: value,
                targets: Targets::States(vec![state.to_string()]),
                start_year: start,
                end_year: end,
                note: "set on the leverage board".into(),
            }),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Scenario {
        match crate::io::baseline() {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn shares_stay_on_the_simplex() {
        let mut x = vec![0.1, 0.55, 0.05, 0.3];
        set_share(&mut x, 1, 0.8);
        assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert_eq!(x[1], 0.8);
        // Others keep their proportions.
        assert!((x[0] / x[3] - 0.1 / 0.3).abs() < 1e-12);
        let mut y = vec![0.0, 1.0, 0.0];
        set_share(&mut y, 1, 0.4);
        assert_eq!(y[1], 0.4);
        assert!(
            (y[0] - 0.3).abs() < 1e-15 && (y[2] - 0.3).abs() < 1e-15,
            "{y:?}"
        );
    }

    #[test]
    fn dependency_never_exceeds_one() {
        let mut s = base();
        set_dependency(&mut s.states[1], 0, 0, 0.9);
        let sum: f64 = s.states[1].dependency.iter().map(|r| r[0]).sum();
        assert!(sum <= 1.0 + 1e-12);
    }

    #[test]
    fn structural_edits_keep_the_scenario_valid() {
        let mut s = base();
        let i = s.add_state();
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assert!(s.duplicate_state(i).is_some());
        assert!(s.rename_state_code(1, "CAM"));
        assert!(s.levers.iter().any(|e| e.targets.includes("CAM")));
        assert!(s.remove_state(1).is_some());
        assert!(
            !s.levers
                .iter()
                .any(|e| matches!(&e.targets, Targets::States(c) if c.iter().any(|c| c == "CAM")))
        );
        let p = s.add_power("JP", "Japan", "#E69F00");
        assert_eq!(s.pole_count(), 5);
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assert!(s.rename_power_code(p, "JPN"));
        assert!(s.remove_power(1));
        assert!(!s.levers.iter().any(|e| e.power == "CN"));
        assert!(s.validate().is_empty(), "{:?}", s.validate());
        assert!(crate::engine::run(&s).is_ok());
    }

    #[test]
    fn setting_a_lever_cell_changes_only_that_cell() {
        let mut s = base();
        let before: Vec<f64> = s
            .states
            .iter()
            .map(|st| s.lever_cell("CN", &st.code, LeverKind::StandardsSetting, 2030.0))
            .collect();
        s.set_lever_cell("CN", "KHM", LeverKind::StandardsSetting, 0.9);
        for st in &s.states {
            let now = s.lever_cell("CN", &st.code, LeverKind::StandardsSetting, 2030.0);
            let want = if st.code == "KHM" {
                0.9
            } else {
                before[s.state_index(&st.code).unwrap_or(0)]
            };
            assert!((now - want).abs() < 1e-12, "{}: {now} vs {want}", st.code);
        }
        assert!(s.validate().is_empty());
        s.set_lever_cell("CN", "KHM", LeverKind::StandardsSetting, 0.0);
        assert_eq!(
            s.lever_cell("CN", "KHM", LeverKind::StandardsSetting, 2030.0),
            0.0
        );
    }
}
