//! Every change a person can make to a scenario, as a value: [`Edit`]. Panels only construct
//! variants; the rules that keep a scenario consistent (shares on the simplex, a sector never above
//! 1, lever targets in the scenario's order, codes unique, calibrated notes dropped on a hand edit)
//! live in [`Edit::apply`], which validates the result, reports a no-op, and returns the edit that
//! takes the change back. Undo, story steps and the round log all hold `Edit`s, so a change can be
//! compared, logged, saved, replayed and (next) sent by a remote team.

mod apply;
mod describe;
mod error;
mod structure;

use serde::{Deserialize, Serialize};

use super::{
    AseanField, Constants, EnsembleSettings, LeverEntry, LeverKind, PowerField, ProfileEvent,
    Scenario, Sector, StateField, StoryStep, Targets, TimeSettings,
};

pub use error::EditError;

/// Whose basis note an edit sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BasisOf {
    /// A member state's field, by state code.
    State { state: String, field: StateField },
    /// A power's field, by power code.
    Power { power: String, field: PowerField },
    /// A model constant, by its key (`lock_in`).
    Constant { constant: String },
    /// An ASEAN policy setting.
    Asean { field: AseanField },
}

/// The scenario's descriptive texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Name,
    Author,
    Description,
}

/// One change to a scenario. States and powers are named by code, so an edit means the same thing
/// after the lists are reordered; lever entries, events, live levers and story steps by position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Sets one scalar input, named as on the command line (see
    /// [`KNOB_SYNTAX`](super::KNOB_SYNTAX)): `KHM.governance`, `asean.hard_law`,
    /// `levers[3].intensity`, `US.capability`, `constants.lock_in`. Setting a constant by hand drops
    /// its calibration note.
    Set { input: String, value: f64 },
    /// Sets one share of a state's starting alignment (or of its anchor) and rescales the others
    /// so they still sum to 1.
    SetShare {
        state: String,
        pole: usize,
        anchor: bool,
        value: f64,
    },
    /// Sets all shares of a state's alignment (or anchor) at once; they must sum to 1.
    SetShares {
        state: String,
        anchor: bool,
        shares: Vec<f64>,
    },
    /// Gives a state an anchor of its own (a copy of its starting alignment) or makes the anchor
    /// follow the starting alignment again.
    SeparateAnchor { state: String, separate: bool },
    /// Sets a state's anchor outright (`None`: the anchor is the starting alignment).
    SetAnchor {
        state: String,
        anchor: Option<Vec<f64>>,
    },
    /// Sets a state's dependency on a power in one sector, capped so the sector never exceeds 1.
    SetDependency {
        state: String,
        power: String,
        sector: Sector,
        value: f64,
    },
    /// Sets a power's market pull in one sector.
    SetSectorPull {
        power: String,
        sector: Sector,
        value: f64,
    },
    /// Sets (or, with an empty note, removes) the basis note of a field.
    SetBasis { of: BasisOf, note: String },
    /// Sets the scenario's name, author or description.
    SetText { field: TextField, text: String },
    /// Renames a state (its display name; the code stays).
    RenameState { state: String, name: String },
    /// Changes a state's code everywhere it is referenced.
    RecodeState { state: String, code: String },
    /// Appends a neutral new state.
    AddState,
    /// Copies a state under a new code, right after the last state.
    DuplicateState { state: String },
    /// Removes a state and every reference to it.
    RemoveState { state: String },
    /// Moves a state to position `to` of the list.
    MoveState { state: String, to: usize },
    /// Adds a power (a new pole before autonomy) under an unused code built from `code`.
    AddPower {
        code: String,
        name: String,
        colour: String,
    },
    /// Removes a power, its lever entries and dependencies; its shares move to autonomy.
    RemovePower { power: String },
    /// Renames a power (its display name).
    RenamePower { power: String, name: String },
    /// Changes a power's code in its lever entries too.
    RecodePower { power: String, code: String },
    /// Sets a power's colour (`#RRGGBB`).
    SetPowerColour { power: String, colour: String },
    /// Moves a power to position `to`; every state's alignment, anchor and dependency follow.
    MovePower { power: String, to: usize },
    /// Sets one cell of the leverage board (power × state × kind) over the whole horizon.
    SetLeverCell {
        power: String,
        state: String,
        kind: LeverKind,
        value: f64,
    },
    /// Appends a lever entry.
    AddLever(LeverEntry),
    /// Inserts a lever entry at position `at`.
    InsertLever { at: usize, entry: LeverEntry },
    /// Removes the last lever entry equal to this one (what [`Edit::AddLever`] added, wherever
    /// later edits moved it).
    WithdrawLever(LeverEntry),
    /// Removes lever entry `index`.
    RemoveLever { index: usize },
    /// Replaces the whole list of lever entries.
    SetLevers(Vec<LeverEntry>),
    /// Replaces lever entry `index`.
    SetLever { index: usize, entry: LeverEntry },
    /// Sets the kind of lever entry `index`.
    SetLeverKind { index: usize, kind: LeverKind },
    /// Sets the years lever entry `index` is active.
    SetLeverWindow {
        index: usize,
        start_year: f64,
        end_year: f64,
    },
    /// Sets the targets of lever entry `index` (a list is kept in the scenario's order of states).
    SetLeverTargets { index: usize, targets: Targets },
    /// Adds or removes one state from the targets of lever entry `index`.
    ToggleLeverTarget {
        index: usize,
        state: String,
        on: bool,
    },
    /// Sets the note of lever entry `index`.
    SetLeverNote { index: usize, note: String },
    /// Appends a scheduled profile event.
    AddEvent(ProfileEvent),
    /// Inserts a profile event at position `at`.
    InsertEvent { at: usize, event: ProfileEvent },
    /// Removes profile event `index`.
    RemoveEvent { index: usize },
    /// Replaces profile event `index`.
    SetEvent { index: usize, event: ProfileEvent },
    /// Puts every constant back to MODEL.md's default (their notes go with the values).
    ResetConstants,
    /// Sets every constant and its basis notes at once.
    SetConstants {
        constants: Box<Constants>,
        basis: std::collections::BTreeMap<String, String>,
    },
    /// Moves the start year, keeping the length of the horizon.
    MoveStart { year: f64 },
    /// Moves the end year, rounded to a whole number of steps.
    SetEndYear { year: f64 },
    /// Sets start, end and resolution at once.
    SetTime(TimeSettings),
    /// Sets the uncertainty ensemble's settings.
    SetEnsemble(EnsembleSettings),
    /// Pins a scalar input as a live lever of presenter mode.
    AddLiveLever { input: String },
    /// Inserts a live lever at position `at`.
    InsertLiveLever { at: usize, input: String },
    /// Unpins live lever `index`.
    RemoveLiveLever { index: usize },
    /// Appends a story step.
    AddStoryStep(StoryStep),
    /// Inserts a story step at position `at`.
    InsertStoryStep { at: usize, step: StoryStep },
    /// Removes story step `index`.
    RemoveStoryStep { index: usize },
    /// Several edits applied in order, all or none.
    Batch(Vec<Edit>),
    /// Replaces the whole scenario (restoring a recovery copy, applying a calibration).
    Replace(Box<Scenario>),
}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    /// The scenario is exactly as it was: nothing to undo, nothing to re-run.
    Unchanged,
    /// The scenario changed; `inverse` applied next takes the change back.
    Changed { inverse: Edit },
}

impl Applied {
    /// The edit that takes the change back, if anything changed.
    pub fn inverse(self) -> Option<Edit> {
        match self {
            Applied::Unchanged => None,
            Applied::Changed { inverse } => Some(inverse),
        }
    }
}
