//! What an edit says to a person ("Cambodia: Governance", "Add lever entry") for the Edit menu and
//! the round log, and which edits one drag merges into one undo step.

use crate::model::{Knob, Scenario, naming};

use super::{BasisOf, Edit, TextField};

impl Edit {
    /// A short label in the words of the editor, read against the scenario before the edit.
    pub fn describe(&self, s: &Scenario) -> String {
        let state = |code: &str| naming::state_name(s, code);
        let power = |code: &str| naming::power_name(s, code);
        let pole = |o: usize| {
            s.powers
                .get(o)
                .map_or_else(|| "autonomy".to_string(), |p| p.name.clone())
        };
        let lever = |i: usize| format!("lever #{}", i + 1);
        match self {
            Edit::Set { input, .. } => {
                Knob::parse(s, input).map_or_else(|_| input.clone(), |k| k.label(s))
            }
            Edit::SetShare {
                state: st,
                pole: o,
                anchor,
                ..
            } => format!(
                "{} {} {}",
                state(st),
                pole(*o),
                if *anchor { "anchor" } else { "share" }
            ),
            Edit::SetShares {
                state: st, anchor, ..
            } => format!(
                "{} {}",
                state(st),
                if *anchor { "anchor" } else { "alignment" }
            ),
            Edit::SeparateAnchor { state: st, .. } | Edit::SetAnchor { state: st, .. } => {
                format!("{} anchor", state(st))
            }
            Edit::SetDependency {
                state: st,
                power: p,
                sector,
                ..
            } => format!(
                "{} dependency on {} in {}",
                naming::possessive(&state(st)),
                naming::in_sentence(&power(p)),
                naming::lower_first(sector.label())
            ),
            Edit::SetSectorPull {
                power: p, sector, ..
            } => format!(
                "{} market pull in {}",
                naming::possessive(&power(p)),
                naming::lower_first(sector.label())
            ),
            Edit::SetBasis { of, .. } => match of {
                BasisOf::State { state: st, field } => {
                    format!("{} {} basis", state(st), field.meta().label.to_lowercase())
                }
                BasisOf::Power { power: p, field } => {
                    format!("{} {} basis", power(p), field.meta().label.to_lowercase())
                }
                BasisOf::Constant { constant } => format!("Constant {constant} basis"),
                BasisOf::Asean { field } => {
                    format!("ASEAN {} basis", field.meta().label.to_lowercase())
                }
            },
            Edit::SetText { field, .. } => match field {
                TextField::Name => "Scenario name".into(),
                TextField::Author => "Scenario author".into(),
                TextField::Description => "Scenario description".into(),
            },
            Edit::RenameState { state: st, .. } => format!("Rename {}", state(st)),
            Edit::RecodeState { state: st, code } => format!("Change code {st} to {code}"),
            Edit::AddState => "Add state".into(),
            Edit::DuplicateState { state: st } => format!("Duplicate {}", state(st)),
            Edit::RemoveState { state: st } => format!("Remove {}", state(st)),
            Edit::MoveState { state: st, .. } => format!("Move {}", state(st)),
            Edit::AddPower { name, .. } => format!("Add {name}"),
            Edit::RemovePower { power: p } => format!("Remove {}", power(p)),
            Edit::RenamePower { power: p, .. } => format!("Rename {}", power(p)),
            Edit::RecodePower { power: p, code } => format!("Change code {p} to {code}"),
            Edit::SetPowerColour { power: p, .. } => format!("{} colour", power(p)),
            Edit::MovePower { power: p, .. } => format!("Move {}", power(p)),
            Edit::SetLeverCell {
                power: p,
                state: st,
                kind,
                ..
            } => format!(
                "{} {} on {}",
                power(p),
                kind.label().to_lowercase(),
                state(st)
            ),
            Edit::AddLever(e) | Edit::InsertLever { entry: e, .. } => {
                format!(
                    "Add {} {} lever",
                    power(&e.power),
                    e.kind.label().to_lowercase()
                )
            }
            Edit::WithdrawLever(e) => format!(
                "Withdraw {} {} lever",
                power(&e.power),
                e.kind.label().to_lowercase()
            ),
            Edit::RemoveLever { index } => format!("Remove {}", lever(*index)),
            Edit::SetLevers(_) => "Lever entries".into(),
            Edit::SetLever { index, .. } => format!("Change {}", lever(*index)),
            Edit::SetLeverKind { index, .. } => format!("{} kind", lever(*index)),
            Edit::SetLeverWindow { index, .. } => format!("{} years", lever(*index)),
            Edit::SetLeverTargets { index, .. } | Edit::ToggleLeverTarget { index, .. } => {
                format!("{} targets", lever(*index))
            }
            Edit::SetLeverNote { index, .. } => format!("{} note", lever(*index)),
            Edit::AddEvent(e) | Edit::InsertEvent { event: e, .. } => {
                format!("Add {} event", state(&e.state))
            }
            Edit::RemoveEvent { index } => s.events.get(*index).map_or_else(
                || "Remove event".into(),
                |e| format!("Remove {} event", state(&e.state)),
            ),
            Edit::SetEvent { event, .. } => format!("{} event", state(&event.state)),
            Edit::ResetConstants => "Reset constants".into(),
            Edit::SetConstants { .. } => "Constants".into(),
            Edit::MoveStart { .. } => "Start year".into(),
            Edit::SetEndYear { .. } => "End year".into(),
            Edit::SetTime(_) => "Time settings".into(),
            Edit::SetEnsemble(_) => "Ensemble settings".into(),
            Edit::AddLiveLever { .. } | Edit::InsertLiveLever { .. } => "Add live lever".into(),
            Edit::RemoveLiveLever { .. } => "Remove live lever".into(),
            Edit::AddStoryStep(step) | Edit::InsertStoryStep { step, .. } => {
                format!("Add story step: {}", step.title)
            }
            Edit::RemoveStoryStep { index } => format!("Remove story step {}", index + 1),
            Edit::Batch(edits) => match edits.as_slice() {
                [one] => one.describe(s),
                _ => format!("{} changes", edits.len()),
            },
            Edit::Replace(_) => "Replace the scenario".into(),
        }
    }

    /// Names what the edit sets, without the value: two edits with the same target during one
    /// drag are one undo step.
    pub fn target(&self) -> String {
        match self {
            Edit::Set { input, .. } => format!("set {input}"),
            Edit::SetShare {
                state,
                pole,
                anchor,
                ..
            } => format!("share {state} {pole} {anchor}"),
            Edit::SetDependency {
                state,
                power,
                sector,
                ..
            } => format!("dependency {state} {power} {}", sector.key()),
            Edit::SetSectorPull { power, sector, .. } => format!("pull {power} {}", sector.key()),
            Edit::SetPowerColour { power, .. } => format!("colour {power}"),
            Edit::SetLeverCell {
                power, state, kind, ..
            } => format!("cell {power} {state} {}", kind.key()),
            Edit::SetLeverWindow { index, .. } => format!("window {index}"),
            Edit::SetEvent { index, .. } => format!("event {index}"),
            Edit::MoveStart { .. } => "start".into(),
            Edit::SetEndYear { .. } => "end".into(),
            Edit::SetEnsemble(_) => "ensemble".into(),
            other => format!("{other:?}"),
        }
    }

    /// Whether this edit, applied where `earlier` was, gives the same result as applying both:
    /// it sets the same thing outright. A drag's history keeps only the last of such edits.
    pub fn supersedes(&self, earlier: &Edit) -> bool {
        let absolute = matches!(
            self,
            Edit::Set { .. }
                | Edit::SetDependency { .. }
                | Edit::SetSectorPull { .. }
                | Edit::SetPowerColour { .. }
                | Edit::SetLeverWindow { .. }
                | Edit::SetEvent { .. }
                | Edit::SetEndYear { .. }
                | Edit::SetEnsemble(_)
        );
        absolute
            && std::mem::discriminant(self) == std::mem::discriminant(earlier)
            && self.target() == earlier.target()
    }
}
