//! Recovery copies of unsaved work: every 30 s of unsaved changes the scenario is written to the app's
//! data folder; a clean save, discard or quit removes it; after a crash the next start offers it back.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::io;
use crate::model::Scenario;

/// Seconds of unsaved work between recovery copies.
pub const RECOVERY_INTERVAL_S: f64 = 30.0;

/// A recovery copy found at start.
pub struct Found {
    pub scenario: Scenario,
    pub original: Option<PathBuf>,
    pub age_text: String,
}

/// Where recovery copies go and when the last one was written.
pub struct Recovery {
    dir: Option<PathBuf>,
    last_write: Option<f64>,
    written_state: Option<u64>,
    pub interval_s: f64,
}

impl Recovery {
    /// Recovery copies in `dir`; `None` turns them off.
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            last_write: None,
            written_state: None,
            interval_s: RECOVERY_INTERVAL_S,
        }
    }

    fn scenario_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery.ron"))
    }

    fn meta_file(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery.txt"))
    }

    /// A recovery copy left by a session that did not end cleanly.
    pub fn find(&self) -> Option<Found> {
        let path = self.scenario_file()?;
        let scenario = io::load_scenario(&path).ok()?;
        let meta = self
            .meta_file()
            .and_then(|m| std::fs::read_to_string(m).ok())
            .unwrap_or_default();
        let mut lines = meta.lines();
        let written: u64 = lines
            .next()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0);
        let original = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
        let age = now_secs().saturating_sub(written);
        let age_text = match age {
            0..=119 => "moments before".to_string(),
            120..=7199 => format!("{} minutes before", age / 60),
            _ => format!("{} hours before", age / 3600),
        };
        Some(Found {
            scenario,
            original,
            age_text,
        })
    }

    /// Writes a copy when there have been unsaved changes for a full interval since the last copy.
    /// `now` is the app clock in seconds; `state` identifies the content.
    pub fn tick(
        &mut self,
        now: f64,
        dirty: bool,
        state: u64,
        scenario: impl FnOnce() -> Scenario,
        original: Option<&Path>,
    ) -> bool {
        if !dirty {
            self.last_write = None;
            return false;
        }
        let since = *self.last_write.get_or_insert(now);
        if now - since < self.interval_s || self.written_state == Some(state) {
            return false;
        }
        self.last_write = Some(now);
        self.written_state = Some(state);
        self.write(&scenario(), original)
    }

    fn write(&self, scenario: &Scenario, original: Option<&Path>) -> bool {
        let (Some(dir), Some(file), Some(meta)) =
            (&self.dir, self.scenario_file(), self.meta_file())
        else {
            return false;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return false;
        }
        let meta_text = format!(
            "{}\n{}\n",
            now_secs(),
            original
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        io::save_scenario(&file, scenario).is_ok() && std::fs::write(meta, meta_text).is_ok()
    }

    /// Removes the recovery copy (after a save, a discard or a clean quit).
    pub fn clear(&mut self) {
        for f in [self.scenario_file(), self.meta_file()]
            .into_iter()
            .flatten()
        {
            let _ = std::fs::remove_file(&f);
            let _ = std::fs::remove_file(PathBuf::from(format!("{}.bak", f.display())));
        }
        self.written_state = None;
        self.last_write = None;
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
