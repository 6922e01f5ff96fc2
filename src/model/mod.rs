//! The scenario as plain data: member states, powers, lever entries, ASEAN policy, time and ensemble
//! settings and the model constants of MODEL.md, together with each field's metadata (label, unit,
//! range, help) and the validator that reads the same metadata. Serde only: no egui, no file IO.

mod asean;
mod constants;
mod edit_ops;
mod event;
mod field;
mod lever;
mod power;
mod scenario;
mod sector;
mod state;
mod story;
mod validate;

pub use asean::{AseanField, AseanPolicy};
pub use constants::{ConstantId, ConstantShape, Constants};
pub use edit_ops::{set_dependency, set_share, unused_code};
pub use event::{EventField, ProfileEvent};
pub use field::{FieldMeta, Range};
pub use lever::{LEVER_KIND_COUNT, LeverEntry, LeverKind, Targets};
pub use power::{Power, PowerField, parse_hex_colour};
pub use scenario::{
    BlocWeights, CalibrationTarget, EnsembleSettings, Limits, SCHEMA_VERSION, Scenario,
    TimeSettings, VALID_STEPS_PER_YEAR,
};
pub use sector::{SECTOR_COUNT, Sector};
pub use state::{MemberState, StateField};
pub use story::{LogEntry, StoryChange, StoryStep, StoryView};
pub use validate::{Problem, Severity};

/// Tolerance used for every time comparison (lever windows, DEFA entry into force, events).
pub const TIME_TOL: f64 = 1e-9;
