//! Applying an [`Edit`]: each variant's rule, and the edit that takes it back.

use std::collections::HashSet;

use crate::model::{
    Knob, LeverEntry, MemberState, Power, Problem, Range, Scenario, Targets, is_calibrated_note,
    parse_hex_colour, set_dependency, set_share,
};

use super::structure::{move_power, move_state};
use super::{Applied, BasisOf, Edit, EditError, TextField};

impl Edit {
    /// Applies the edit if the result is a scenario at least as valid as before: no error that
    /// was not there already. Reports a change that changes nothing as [`Applied::Unchanged`].
    /// On `Err` the scenario is untouched.
    pub fn apply(&self, s: &mut Scenario) -> Result<Applied, EditError> {
        let mut working = s.clone();
        let inverse = self.apply_unchecked(&mut working)?;
        if working == *s {
            return Ok(Applied::Unchanged);
        }
        let known: HashSet<(String, String)> = s
            .errors()
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect();
        let new: Vec<Problem> = working
            .errors()
            .into_iter()
            .filter(|p| !known.contains(&(p.path.clone(), p.message.clone())))
            .collect();
        if !new.is_empty() {
            return Err(EditError::Invalid { problems: new });
        }
        *s = working;
        Ok(Applied::Changed { inverse })
    }

    /// Applies the edit without validating the result, returning its inverse: for undo and redo,
    /// whose targets are states the scenario was already in. On `Err` the scenario may be partly
    /// changed, so apply it to a copy.
    pub fn apply_unchecked(&self, s: &mut Scenario) -> Result<Edit, EditError> {
        match self {
            Edit::Set { input, value } => set_input(s, input, *value),
            Edit::SetShare {
                state,
                pole,
                anchor,
                value,
            } => {
                finite("share", *value)?;
                if !Range::UNIT.contains(*value) {
                    return Err(EditError::OutOfRange {
                        what: format!("{state} share {pole}"),
                        value: *value,
                        allowed: "between 0 and 1",
                    });
                }
                let st = state_mut(s, state)?;
                let shares = shares_mut(st, *anchor)?;
                if *pole >= shares.len() {
                    return Err(EditError::NoItem {
                        what: "pole",
                        index: *pole,
                        count: shares.len(),
                    });
                }
                let old = shares.clone();
                set_share(shares, *pole, *value);
                let restore = Edit::SetShares {
                    state: state.clone(),
                    anchor: *anchor,
                    shares: old,
                };
                let forgotten = if *anchor {
                    forget_calibrated_anchor(st)
                } else {
                    None
                };
                Ok(with_note_restored(restore, state, forgotten))
            }
            Edit::SetShares {
                state,
                anchor,
                shares,
            } => {
                for v in shares {
                    finite("share", *v)?;
                }
                let want = s.pole_count();
                if shares.len() != want {
                    return Err(EditError::WrongLength {
                        what: format!("{state} shares"),
                        got: shares.len(),
                        want,
                    });
                }
                let st = state_mut(s, state)?;
                let slot = shares_mut(st, *anchor)?;
                let old = std::mem::replace(slot, shares.clone());
                Ok(Edit::SetShares {
                    state: state.clone(),
                    anchor: *anchor,
                    shares: old,
                })
            }
            Edit::SeparateAnchor { state, separate } => {
                let st = state_mut(s, state)?;
                let old = st.anchor.clone();
                if *separate != old.is_some() {
                    st.anchor = separate.then(|| st.alignment.clone());
                }
                let forgotten = forget_calibrated_anchor(st);
                let restore = Edit::SetAnchor {
                    state: state.clone(),
                    anchor: old,
                };
                Ok(with_note_restored(restore, state, forgotten))
            }
            Edit::SetAnchor { state, anchor } => {
                let want = s.pole_count();
                if let Some(a) = anchor {
                    if a.len() != want {
                        return Err(EditError::WrongLength {
                            what: format!("{state} anchor"),
                            got: a.len(),
                            want,
                        });
                    }
                    for v in a {
                        finite("anchor share", *v)?;
                    }
                }
                let st = state_mut(s, state)?;
                let old = std::mem::replace(&mut st.anchor, anchor.clone());
                Ok(Edit::SetAnchor {
                    state: state.clone(),
                    anchor: old,
                })
            }
            Edit::SetDependency {
                state,
                power,
                sector,
                value,
            } => {
                finite("dependency", *value)?;
                let p = power_index(s, power)?;
                let st = state_mut(s, state)?;
                let sec = sector.index();
                let old = st.dependency.get(p).map_or(0.0, |row| row[sec]);
                set_dependency(st, p, sec, *value);
                Ok(Edit::SetDependency {
                    state: state.clone(),
                    power: power.clone(),
                    sector: *sector,
                    value: old,
                })
            }
            Edit::SetSectorPull {
                power,
                sector,
                value,
            } => {
                finite("sector pull", *value)?;
                let pw = power_mut(s, power)?;
                let old = std::mem::replace(&mut pw.sector_pull[sector.index()], *value);
                Ok(Edit::SetSectorPull {
                    power: power.clone(),
                    sector: *sector,
                    value: old,
                })
            }
            Edit::SetBasis { of, note } => {
                let old = set_basis(s, of, note)?;
                Ok(Edit::SetBasis {
                    of: of.clone(),
                    note: old,
                })
            }
            Edit::SetText { field, text } => {
                let slot = match field {
                    TextField::Name => &mut s.name,
                    TextField::Author => &mut s.author,
                    TextField::Description => &mut s.description,
                };
                let old = std::mem::replace(slot, text.clone());
                Ok(Edit::SetText {
                    field: *field,
                    text: old,
                })
            }
            Edit::RenameState { state, name } => {
                let st = state_mut(s, state)?;
                let old = std::mem::replace(&mut st.name, name.clone());
                Ok(Edit::RenameState {
                    state: state.clone(),
                    name: old,
                })
            }
            Edit::RecodeState { state, code } => {
                let i = state_index(s, state)?;
                if code == state {
                    return Ok(Edit::Batch(Vec::new()));
                }
                if !s.rename_state_code(i, code) {
                    return Err(EditError::CodeTaken(code.clone()));
                }
                Ok(Edit::RecodeState {
                    state: code.clone(),
                    code: state.clone(),
                })
            }
            Edit::AddState => {
                let i = s.add_state();
                Ok(Edit::RemoveState {
                    state: s.states[i].code.clone(),
                })
            }
            Edit::DuplicateState { state } => {
                let i = state_index(s, state)?;
                let copy = s
                    .duplicate_state(i)
                    .ok_or_else(|| EditError::NoState(state.clone()))?;
                Ok(Edit::RemoveState {
                    state: s.states[copy].code.clone(),
                })
            }
            Edit::RemoveState { state } => {
                let i = state_index(s, state)?;
                if s.states.len() == 1 {
                    return Err(EditError::LastOne("member state"));
                }
                let before = s.clone();
                s.remove_state(i);
                Ok(Edit::Replace(Box::new(before)))
            }
            Edit::MoveState { state, to } => {
                let from = state_index(s, state)?;
                check_position("position", *to, s.states.len().saturating_sub(1))?;
                move_state(s, from, *to);
                Ok(Edit::MoveState {
                    state: state.clone(),
                    to: from,
                })
            }
            Edit::AddPower { code, name, colour } => {
                let p = s.add_power(code, name, colour);
                Ok(Edit::RemovePower {
                    power: s.powers[p].code.clone(),
                })
            }
            Edit::RemovePower { power } => {
                let p = power_index(s, power)?;
                if s.powers.len() == 1 {
                    return Err(EditError::LastOne("power"));
                }
                let before = s.clone();
                s.remove_power(p);
                Ok(Edit::Replace(Box::new(before)))
            }
            Edit::RenamePower { power, name } => {
                let pw = power_mut(s, power)?;
                let old = std::mem::replace(&mut pw.name, name.clone());
                Ok(Edit::RenamePower {
                    power: power.clone(),
                    name: old,
                })
            }
            Edit::RecodePower { power, code } => {
                let p = power_index(s, power)?;
                if code == power {
                    return Ok(Edit::Batch(Vec::new()));
                }
                if !s.rename_power_code(p, code) {
                    return Err(EditError::CodeTaken(code.clone()));
                }
                Ok(Edit::RecodePower {
                    power: code.clone(),
                    code: power.clone(),
                })
            }
            Edit::SetPowerColour { power, colour } => {
                if parse_hex_colour(colour).is_none() {
                    return Err(EditError::OutOfRange {
                        what: format!("{power} colour {colour:?}"),
                        value: f64::NAN,
                        allowed: "a colour written #RRGGBB",
                    });
                }
                let pw = power_mut(s, power)?;
                let old = std::mem::replace(&mut pw.colour, colour.clone());
                Ok(Edit::SetPowerColour {
                    power: power.clone(),
                    colour: old,
                })
            }
            Edit::MovePower { power, to } => {
                let from = power_index(s, power)?;
                check_position("position", *to, s.powers.len().saturating_sub(1))?;
                move_power(s, from, *to);
                Ok(Edit::MovePower {
                    power: power.clone(),
                    to: from,
                })
            }
            Edit::SetLeverCell {
                power,
                state,
                kind,
                value,
            } => {
                finite("lever intensity", *value)?;
                power_index(s, power)?;
                state_index(s, state)?;
                let old = s.levers.clone();
                s.set_lever_cell(power, state, *kind, *value);
                Ok(Edit::SetLevers(old))
            }
            Edit::AddLever(entry) => {
                power_index(s, &entry.power)?;
                s.levers.push(entry.clone());
                Ok(Edit::WithdrawLever(entry.clone()))
            }
            Edit::InsertLever { at, entry } => {
                power_index(s, &entry.power)?;
                check_position("lever entry", *at, s.levers.len())?;
                s.levers.insert(*at, entry.clone());
                Ok(Edit::RemoveLever { index: *at })
            }
            Edit::WithdrawLever(entry) => {
                let at = s.levers.iter().rposition(|e| e == entry).ok_or_else(|| {
                    EditError::NotFound {
                        what: format!("the {} {} lever", entry.power, entry.kind.key()),
                    }
                })?;
                s.levers.remove(at);
                Ok(Edit::InsertLever {
                    at,
                    entry: entry.clone(),
                })
            }
            Edit::RemoveLever { index } => {
                check_index("lever entry", *index, s.levers.len())?;
                let entry = s.levers.remove(*index);
                Ok(Edit::InsertLever { at: *index, entry })
            }
            Edit::SetLevers(levers) => {
                let old = std::mem::replace(&mut s.levers, levers.clone());
                Ok(Edit::SetLevers(old))
            }
            Edit::SetLever { index, entry } => {
                power_index(s, &entry.power)?;
                change_lever(s, *index, |e| {
                    *e = entry.clone();
                    Ok(())
                })
            }
            Edit::SetLeverKind { index, kind } => change_lever(s, *index, |e| {
                e.kind = *kind;
                Ok(())
            }),
            Edit::SetLeverWindow {
                index,
                start_year,
                end_year,
            } => {
                finite("lever start year", *start_year)?;
                finite("lever end year", *end_year)?;
                change_lever(s, *index, |e| {
                    e.start_year = *start_year;
                    e.end_year = *end_year;
                    Ok(())
                })
            }
            Edit::SetLeverTargets { index, targets } => {
                let targets = normalised_targets(s, targets)?;
                change_lever(s, *index, |e| {
                    e.targets = targets;
                    Ok(())
                })
            }
            Edit::ToggleLeverTarget { index, state, on } => {
                state_index(s, state)?;
                let all: Vec<String> = s.states.iter().map(|x| x.code.clone()).collect();
                let current =
                    s.levers
                        .get(*index)
                        .map(|e| e.targets.clone())
                        .ok_or(EditError::NoItem {
                            what: "lever entry",
                            index: *index,
                            count: s.levers.len(),
                        })?;
                let mut codes = match current {
                    Targets::All => all,
                    Targets::States(c) => c,
                };
                codes.retain(|c| c != state);
                if *on {
                    codes.push(state.clone());
                }
                let targets = normalised_targets(s, &Targets::States(codes))?;
                change_lever(s, *index, |e| {
                    e.targets = targets;
                    Ok(())
                })
            }
            Edit::SetLeverNote { index, note } => change_lever(s, *index, |e| {
                e.note = note.clone();
                Ok(())
            }),
            Edit::AddEvent(event) => {
                state_index(s, &event.state)?;
                finite("event year", event.year)?;
                finite("event value", event.value)?;
                s.events.push(event.clone());
                Ok(Edit::RemoveEvent {
                    index: s.events.len() - 1,
                })
            }
            Edit::InsertEvent { at, event } => {
                check_position("event", *at, s.events.len())?;
                s.events.insert(*at, event.clone());
                Ok(Edit::RemoveEvent { index: *at })
            }
            Edit::RemoveEvent { index } => {
                check_index("event", *index, s.events.len())?;
                let event = s.events.remove(*index);
                Ok(Edit::InsertEvent { at: *index, event })
            }
            Edit::SetEvent { index, event } => {
                state_index(s, &event.state)?;
                finite("event year", event.year)?;
                finite("event value", event.value)?;
                check_index("event", *index, s.events.len())?;
                let old = std::mem::replace(&mut s.events[*index], event.clone());
                Ok(Edit::SetEvent {
                    index: *index,
                    event: old,
                })
            }
            Edit::ResetConstants => {
                let constants = Box::new(std::mem::take(&mut s.constants));
                let basis = std::mem::take(&mut s.constants_basis);
                Ok(Edit::SetConstants { constants, basis })
            }
            Edit::SetConstants { constants, basis } => {
                let old = std::mem::replace(&mut s.constants, (**constants).clone());
                let old_basis = std::mem::replace(&mut s.constants_basis, basis.clone());
                Ok(Edit::SetConstants {
                    constants: Box::new(old),
                    basis: old_basis,
                })
            }
            Edit::MoveStart { year } => {
                finite("start year", *year)?;
                let old = s.time.clone();
                // Keeping the length keeps the run a whole number of steps.
                let len = s.time.end_year - s.time.start_year;
                s.time.start_year = *year;
                s.time.end_year = *year + len;
                Ok(Edit::SetTime(old))
            }
            Edit::SetEndYear { year } => {
                finite("end year", *year)?;
                let old = s.time.clone();
                let spy = f64::from(s.time.steps_per_year.max(1));
                let steps = ((*year - s.time.start_year) * spy).round().max(1.0);
                s.time.end_year = s.time.start_year + steps / spy;
                Ok(Edit::SetTime(old))
            }
            Edit::SetTime(time) => {
                finite("start year", time.start_year)?;
                finite("end year", time.end_year)?;
                Ok(Edit::SetTime(std::mem::replace(&mut s.time, time.clone())))
            }
            Edit::SetEnsemble(ensemble) => Ok(Edit::SetEnsemble(std::mem::replace(
                &mut s.ensemble,
                ensemble.clone(),
            ))),
            Edit::AddLiveLever { input } => {
                let at = s.live_levers.len();
                Edit::InsertLiveLever {
                    at,
                    input: input.clone(),
                }
                .apply_unchecked(s)
            }
            Edit::InsertLiveLever { at, input } => {
                Knob::parse(s, input)?;
                check_position("live lever", *at, s.live_levers.len())?;
                if s.live_levers.contains(input) {
                    // Pinned already: nothing changes.
                    return Ok(Edit::Batch(Vec::new()));
                }
                s.live_levers.insert(*at, input.clone());
                Ok(Edit::RemoveLiveLever { index: *at })
            }
            Edit::RemoveLiveLever { index } => {
                check_index("live lever", *index, s.live_levers.len())?;
                let input = s.live_levers.remove(*index);
                Ok(Edit::InsertLiveLever { at: *index, input })
            }
            Edit::AddStoryStep(step) => {
                s.story.push(step.clone());
                Ok(Edit::RemoveStoryStep {
                    index: s.story.len() - 1,
                })
            }
            Edit::InsertStoryStep { at, step } => {
                check_position("story step", *at, s.story.len())?;
                s.story.insert(*at, step.clone());
                Ok(Edit::RemoveStoryStep { index: *at })
            }
            Edit::RemoveStoryStep { index } => {
                check_index("story step", *index, s.story.len())?;
                let step = s.story.remove(*index);
                Ok(Edit::InsertStoryStep { at: *index, step })
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    inverses.push(e.apply_unchecked(s)?);
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
            Edit::Replace(scenario) => Ok(Edit::Replace(Box::new(std::mem::replace(
                s,
                (**scenario).clone(),
            )))),
        }
    }
}

/// Sets a knob; a constant set by hand loses its calibration note, which the inverse restores.
fn set_input(s: &mut Scenario, input: &str, value: f64) -> Result<Edit, EditError> {
    finite(input, value)?;
    let knob = Knob::parse(s, input)?;
    let old = knob.get(s)?;
    knob.set(s, value)?;
    let restore = Edit::Set {
        input: knob.spec(s),
        value: old,
    };
    if let Knob::Constant { id, .. } = knob
        && let Some(note) = s.constants_basis.remove(id.key())
    {
        return Ok(Edit::Batch(vec![
            restore,
            Edit::SetBasis {
                of: BasisOf::Constant {
                    constant: id.key().to_string(),
                },
                note,
            },
        ]));
    }
    Ok(restore)
}

/// Sets a basis note (an empty note removes it) and returns the previous one ("" for none).
fn set_basis(s: &mut Scenario, of: &BasisOf, note: &str) -> Result<String, EditError> {
    let note = note.trim();
    fn put<K: Ord>(map: &mut std::collections::BTreeMap<K, String>, key: K, note: &str) -> String {
        let old = if note.is_empty() {
            map.remove(&key)
        } else {
            map.insert(key, note.to_string())
        };
        old.unwrap_or_default()
    }
    Ok(match of {
        BasisOf::State { state, field } => put(&mut state_mut(s, state)?.basis, *field, note),
        BasisOf::Power { power, field } => put(&mut power_mut(s, power)?.basis, *field, note),
        BasisOf::Constant { constant } => {
            if !crate::model::ConstantId::ALL
                .iter()
                .any(|id| id.key() == constant)
            {
                return Err(EditError::NotFound {
                    what: format!("constant {constant:?}"),
                });
            }
            put(&mut s.constants_basis, constant.clone(), note)
        }
        BasisOf::Asean { field } => put(&mut s.asean.basis, *field, note),
    })
}

/// A calibrated anchor changed by hand is no longer the calibration's: its note goes. Returns it.
fn forget_calibrated_anchor(st: &mut MemberState) -> Option<String> {
    use crate::model::StateField;
    if is_calibrated_note(st.basis_of(StateField::Anchor)) {
        st.basis.remove(&StateField::Anchor)
    } else {
        None
    }
}

/// `restore`, followed by putting back an anchor note the edit dropped.
fn with_note_restored(restore: Edit, state: &str, note: Option<String>) -> Edit {
    match note {
        None => restore,
        Some(note) => Edit::Batch(vec![
            restore,
            Edit::SetBasis {
                of: BasisOf::State {
                    state: state.to_string(),
                    field: crate::model::StateField::Anchor,
                },
                note,
            },
        ]),
    }
}

/// A target list in the scenario's order of states, without repeats; every code must exist.
fn normalised_targets(s: &Scenario, targets: &Targets) -> Result<Targets, EditError> {
    match targets {
        Targets::All => Ok(Targets::All),
        Targets::States(codes) => {
            for c in codes {
                state_index(s, c)?;
            }
            let list: Vec<String> = s
                .states
                .iter()
                .filter(|st| codes.contains(&st.code))
                .map(|st| st.code.clone())
                .collect();
            if list.is_empty() {
                return Err(EditError::NoTargets);
            }
            Ok(Targets::States(list))
        }
    }
}

/// Changes lever entry `index` in place; the inverse puts the whole entry back.
fn change_lever(
    s: &mut Scenario,
    index: usize,
    f: impl FnOnce(&mut LeverEntry) -> Result<(), EditError>,
) -> Result<Edit, EditError> {
    let count = s.levers.len();
    let entry = s.levers.get_mut(index).ok_or(EditError::NoItem {
        what: "lever entry",
        index,
        count,
    })?;
    let old = entry.clone();
    f(entry)?;
    Ok(Edit::SetLever { index, entry: old })
}

fn shares_mut(st: &mut MemberState, anchor: bool) -> Result<&mut Vec<f64>, EditError> {
    if anchor {
        let state = st.code.clone();
        st.anchor.as_mut().ok_or(EditError::NoAnchor { state })
    } else {
        Ok(&mut st.alignment)
    }
}

fn finite(what: &str, value: f64) -> Result<(), EditError> {
    if value.is_finite() {
        Ok(())
    } else {
        Err(EditError::NotFinite {
            what: what.to_string(),
            value,
        })
    }
}

fn check_index(what: &'static str, index: usize, count: usize) -> Result<(), EditError> {
    if index < count {
        Ok(())
    } else {
        Err(EditError::NoItem { what, index, count })
    }
}

/// A position to insert at: 0 … `count` (after the last).
fn check_position(what: &'static str, at: usize, count: usize) -> Result<(), EditError> {
    check_index(what, at, count + 1)
}

pub(super) fn state_index(s: &Scenario, code: &str) -> Result<usize, EditError> {
    s.state_index(code)
        .ok_or_else(|| EditError::NoState(code.to_string()))
}

pub(super) fn power_index(s: &Scenario, code: &str) -> Result<usize, EditError> {
    s.power_index(code)
        .ok_or_else(|| EditError::NoPower(code.to_string()))
}

fn state_mut<'a>(s: &'a mut Scenario, code: &str) -> Result<&'a mut MemberState, EditError> {
    let i = state_index(s, code)?;
    Ok(&mut s.states[i])
}

fn power_mut<'a>(s: &'a mut Scenario, code: &str) -> Result<&'a mut Power, EditError> {
    let p = power_index(s, code)?;
    Ok(&mut s.powers[p])
}
