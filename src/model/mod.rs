//! The scenario as plain data: member states, powers, lever entries, ASEAN policy, time and ensemble
//! settings and the model constants of MODEL.md, together with each field's metadata (label, unit,
//! range, help) and the validator that reads the same metadata. Serde only: no egui, no file IO.

mod asean;
mod basis_note;
mod bounded;
mod claim;
mod constants;
mod edit;
mod edit_ops;
mod event;
mod field;
mod field_sources;
mod grade;
mod grade_count;
mod knob;
mod knob_parse;
mod lever;
pub mod naming;
mod plausible;
mod power;
mod scenario;
mod sector;
pub(crate) mod spec_text;
mod state;
mod story;
mod story_steps;
mod team;
mod validate;

pub use asean::{AseanField, AseanPolicy};
pub use basis_note::{CALIBRATED_NOTE, is_calibrated_note};
pub use claim::{Claim, ComparedTo, Expect, is_plain_file_name, signed};
pub use constants::{ConstantId, ConstantShape, Constants};
pub use edit::{Applied, BasisOf, Edit, EditError, TextField};
pub use edit_ops::{set_dependency, set_share, unused_code};
pub use event::{EventField, ProfileEvent};
pub use field::{FieldMeta, Range};
pub use field_sources::{asean_field_source, power_field_source, state_field_source};
pub use grade::{Grade, graded_note, note_text, note_with_grade};
pub use grade_count::{GradeCounts, GradedInput, graded_inputs};
pub use knob::{Knob, KnobError};
pub use knob_parse::KNOB_SYNTAX;
pub use lever::{LEVER_KIND_COUNT, LeverEntry, LeverKind, Targets};
pub use plausible::{Plausible, PlausibleOverride, PlausibleSpan, set_within, varied_by_factor};
pub use power::{Power, PowerField, parse_hex_colour};
pub use scenario::{
    BlocWeights, CalibrationTarget, EnsembleSettings, Limits, SCHEMA_VERSION, Scenario,
    TimeSettings, VALID_STEPS_PER_YEAR,
};
pub use sector::{SECTOR_COUNT, Sector};
pub use spec_text::SpecError;
pub use state::{MemberState, StateField};
pub use story::{LogEntry, StoryStep, StoryView};
pub use story_steps::{StepUndo, StoryError, apply_step, states_named, story_problems, undo_step};
pub use team::{MAX_TEAM_NAME, PlayedMove, PlayedRound, RoundPlan, Team};
pub use validate::{Problem, Severity};

/// Tolerance used for every time comparison (lever windows, DEFA entry into force, events).
pub const TIME_TOL: f64 = 1e-9;
