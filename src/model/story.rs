//! Story steps and the round log: a scenario can carry an ordered walk-through for a workshop (each
//! step a title, a short narrative, the input changes it applies, and the view and year to show) and
//! a log of the changes made live in presenter mode, each holding its [`Edit`]s. Both are saved in the
//! scenario file (schema 2; any edit in a step, and the edits of a log entry, since schema 4).

use serde::{Deserialize, Serialize};

use super::edit::Edit;

/// Which view a story step shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StoryView {
    /// Every state's tilt between the first two powers.
    #[default]
    Tilt,
    /// The map, coloured by leaning.
    Map,
    /// The bloc indices.
    Bloc,
}

/// One step of a story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryStep {
    pub title: String,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub changes: Vec<Edit>,
    #[serde(default)]
    pub view: StoryView,
    /// Year the cursor moves to; `None` keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<f64>,
}

/// One entry of the round log kept in presenter mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// Local wall-clock time, `YYYY-MM-DD HH:MM:SS` (UTC).
    pub time: String,
    #[serde(default)]
    pub team: String,
    /// What changed, e.g. "Cambodia governance 0.20 to 0.45".
    pub change: String,
    /// The team's one-line argument for it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub argument: String,
    /// The edits made, in order: replaying them makes the change again (schema 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
    /// The edits that take the change back, in order (schema 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undo: Vec<Edit>,
}
