//! Recovery copies of unsaved work. Every window has its own slot in the app's data folder
//! (`recovery-<id>.ron` and `.txt`), held by a lock on `recovery-<id>.lock` for as long as the
//! window is open; the operating system drops the lock when the process dies, however it dies.
//! The copy is written on a timer (the app asks to be woken when one is due), every 30 s of
//! unsaved changes, through the same safe-write path as every file, readable only by the user. A
//! clean save, an explicit discard or a clean quit removes it. At start, a slot whose lock nobody
//! holds is offered back, even a draft with problems (it opens for repair); Restore adopts it
//! into the window's own slot, so it stays until the work is saved or discarded, and Later leaves
//! it for the next start.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::io;
use crate::model::{Problem, Scenario};

/// Seconds of unsaved work between recovery copies.
pub const RECOVERY_INTERVAL_S: f64 = 30.0;

/// A recovery copy left by a window that did not close cleanly.
pub struct Found {
    pub scenario: Scenario,
    /// Its errors, if the draft is not a valid scenario (it opens for repair).
    pub problems: Vec<Problem>,
    pub original: Option<PathBuf>,
    pub age_text: String,
}

/// Another window's slot, locked by us while it is offered.
struct Orphan {
    id: String,
    _lock: File,
}

/// This window's slot, and when its copy was last written.
pub struct Recovery {
    dir: Option<PathBuf>,
    id: String,
    /// Held while the window is open: other windows leave this slot alone.
    _lock: Option<File>,
    /// The crashed window's slot being offered, if any.
    offered: Option<Orphan>,
    last_write: Option<f64>,
    written_state: Option<u64>,
    pub interval_s: f64,
}

impl Recovery {
    /// A slot in `dir`; `None` turns recovery copies off.
    pub fn new(dir: Option<PathBuf>) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let id = format!(
            "{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let lock = dir.as_ref().and_then(|d| {
            make_private_dir(d)?;
            let file = open_lock(d, &id)?;
            file.try_lock().ok().map(|()| file)
        });
        Self {
            dir,
            id,
            _lock: lock,
            offered: None,
            last_write: None,
            written_state: None,
            interval_s: RECOVERY_INTERVAL_S,
        }
    }

    /// The newest copy whose window is gone (its lock is free), locked for this window while it is
    /// offered. A draft that no longer parses at all is skipped.
    pub fn find(&mut self) -> Option<Found> {
        let dir = self.dir.clone()?;
        let mut best: Option<(u64, Orphan, Found)> = None;
        for id in slot_ids(&dir).into_iter().filter(|id| *id != self.id) {
            let Some(lock) = open_lock(&dir, &id) else {
                continue;
            };
            if lock.try_lock().is_err() {
                continue; // its window is still open
            }
            let Ok((scenario, problems)) = io::load_draft(&slot_file(&dir, &id, "ron")) else {
                continue;
            };
            let (written, original) = read_meta(&slot_file(&dir, &id, "txt"));
            if best.as_ref().is_some_and(|(w, _, _)| *w >= written) {
                continue;
            }
            let found = Found {
                scenario,
                problems,
                original,
                age_text: age_text(now_secs().saturating_sub(written)),
            };
            best = Some((written, Orphan { id, _lock: lock }, found));
        }
        let (_, orphan, found) = best?;
        self.offered = Some(orphan);
        Some(found)
    }

    /// Makes the offered copy this window's own: it stays on disk until the work is saved or
    /// discarded, and is overwritten by this window's next copy.
    pub fn adopt_offered(&mut self) {
        let (Some(dir), Some(orphan)) = (self.dir.clone(), self.offered.take()) else {
            return;
        };
        for ext in ["ron", "txt"] {
            let _ = std::fs::rename(
                slot_file(&dir, &orphan.id, ext),
                slot_file(&dir, &self.id, ext),
            );
        }
        let _ = std::fs::remove_file(slot_file(&dir, &orphan.id, "ron.bak"));
        let _ = std::fs::remove_file(slot_file(&dir, &orphan.id, "lock"));
        self.written_state = None;
        self.last_write = None;
    }

    /// Deletes the offered copy (the person chose Discard).
    pub fn discard_offered(&mut self) {
        let (Some(dir), Some(orphan)) = (self.dir.clone(), self.offered.take()) else {
            return;
        };
        for ext in ["ron", "txt", "ron.bak", "lock"] {
            let _ = std::fs::remove_file(slot_file(&dir, &orphan.id, ext));
        }
    }

    /// Leaves the offered copy for a later start (Later, or Escape).
    pub fn keep_offered(&mut self) {
        self.offered = None;
    }

    /// Writes a copy when there have been unsaved changes for a full interval since the last copy.
    /// `now` is the app clock in seconds; `state` identifies the content. Returns the seconds
    /// until the next copy is due, so the app can wake itself then, input or not.
    pub fn tick(
        &mut self,
        now: f64,
        dirty: bool,
        state: u64,
        scenario: impl FnOnce() -> Scenario,
        original: Option<&Path>,
    ) -> Option<f64> {
        if !dirty {
            self.last_write = None;
            return None;
        }
        if self.written_state == Some(state) {
            return None;
        }
        let since = *self.last_write.get_or_insert(now);
        let due = since + self.interval_s;
        if now < due {
            return Some(due - now);
        }
        self.last_write = Some(now);
        self.written_state = Some(state);
        self.write(&scenario(), original);
        None
    }

    fn write(&self, scenario: &Scenario, original: Option<&Path>) -> bool {
        let Some(dir) = &self.dir else {
            return false;
        };
        if make_private_dir(dir).is_none() {
            return false;
        }
        let meta = format!(
            "{}\n{}\n",
            now_secs(),
            original
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        );
        // The draft is written even when it has problems: it is work in progress.
        let text = match io::scenario_to_string(scenario) {
            Ok(text) => text,
            Err(_) => return false,
        };
        io::write_private(&slot_file(dir, &self.id, "ron"), text.as_bytes()).is_ok()
            && io::write_private(&slot_file(dir, &self.id, "txt"), meta.as_bytes()).is_ok()
    }

    /// Removes this window's copy (after a save, a discard or a clean quit).
    pub fn clear(&mut self) {
        if let Some(dir) = &self.dir {
            for ext in ["ron", "txt", "ron.bak"] {
                let _ = std::fs::remove_file(slot_file(dir, &self.id, ext));
            }
        }
        self.written_state = None;
        self.last_write = None;
    }

    /// Whether this window has a copy on disk (tests).
    pub fn has_copy(&self) -> bool {
        self.dir
            .as_ref()
            .is_some_and(|d| slot_file(d, &self.id, "ron").exists())
    }
}

impl Drop for Recovery {
    /// A window that leaves no copy leaves no lock file either.
    fn drop(&mut self) {
        if let Some(dir) = &self.dir
            && !slot_file(dir, &self.id, "ron").exists()
        {
            let _ = std::fs::remove_file(slot_file(dir, &self.id, "lock"));
        }
    }
}

fn slot_file(dir: &Path, id: &str, ext: &str) -> PathBuf {
    dir.join(format!("recovery-{id}.{ext}"))
}

/// The ids of every slot with a copy in `dir`.
fn slot_ids(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix("recovery-")
                .and_then(|rest| rest.strip_suffix(".ron"))
                .map(str::to_string)
        })
        .collect()
}

fn open_lock(dir: &Path, id: &str) -> Option<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(slot_file(dir, id, "lock"))
        .ok()
}

/// The data folder, created readable only by the user.
fn make_private_dir(dir: &Path) -> Option<()> {
    std::fs::create_dir_all(dir).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Some(())
}

/// When a copy was written (seconds since 1970) and the file it was a copy of.
fn read_meta(path: &Path) -> (u64, Option<PathBuf>) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut lines = text.lines();
    let written = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    let original = lines.next().filter(|l| !l.is_empty()).map(PathBuf::from);
    (written, original)
}

fn age_text(age: u64) -> String {
    match age {
        0..=119 => "moments before".to_string(),
        120..=7199 => format!("{} minutes before", age / 60),
        7200..=172_799 => format!("{} hours before", age / 3600),
        _ => format!("{} days before", age / 86_400),
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_of_a_copy_reads_in_the_unit_a_person_would_use() {
        assert_eq!(age_text(30), "moments before");
        assert_eq!(age_text(600), "10 minutes before");
        assert_eq!(age_text(5 * 3600), "5 hours before");
        assert_eq!(age_text(365 * 86_400), "365 days before");
    }
}
