//! Preferences kept between sessions in eframe's storage: theme, text size, recent files, panels.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ui::UiState;
use crate::ui::theme::ThemeChoice;

/// How many recent files are remembered.
pub const RECENT_LIMIT: usize = 10;

/// App preferences (never stored in scenarios).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    pub text_scale: f32,
    pub recent: Vec<PathBuf>,
    pub ui: UiState,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Dark,
            text_scale: 1.0,
            recent: Vec::new(),
            ui: UiState::default(),
        }
    }
}

impl Prefs {
    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}
