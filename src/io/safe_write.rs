//! The one way the program writes a file. The bytes go to a temporary file created exclusively
//! (a random name, `O_EXCL`, so a planted symlink is never followed) in the target's own folder,
//! synced, given the target's mode and owner, then renamed over the target, and the folder synced.
//! The previous version is kept as `NAME.bak` by a hard link renamed into place — never by copying
//! in place, so a crash leaves the old `.bak` or the new one, whole. A symlinked target is written
//! through: its real file gets the new bytes and the link stays. On any error the target and its
//! `.bak` are untouched and the temporary file is gone; temporary files orphaned by a killed process
//! are removed by the next write to the same target.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::SaveError;

/// Writes `bytes` to `path` safely; with `keep_backup`, the file it replaces becomes `path.bak`.
pub fn write_safely(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    write_with(path, bytes, keep_backup, false)
}

/// Writes `bytes` to `path` safely, readable and writable only by the user whatever the file it
/// replaces allowed (recovery drafts of unsaved work).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_with(path, bytes, false, true)
}

fn write_with(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    private: bool,
) -> Result<(), SaveError> {
    let target = real_target(path);
    let dir = folder_of(&target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    remove_orphans(&dir, &name);
    let mut tmp = temporary_in(&dir, &name, ".tmp", private)?;
    // Errors name the file the person chose, not the temporary one.
    tmp.write_all(bytes).map_err(io("write", &target))?;
    tmp.as_file().sync_all().map_err(io("write", &target))?;
    let existing = fs::metadata(&target).ok().filter(|m| m.is_file());
    match &existing {
        // The temporary file was created readable only by the user.
        _ if private => {}
        Some(meta) => keep_permissions(tmp.as_file(), meta),
        None => {}
    }
    if keep_backup && existing.is_some() {
        keep_previous_version(&target, &dir, &name)?;
    }
    tmp.persist(&target)
        .map_err(|e| io("replace", &target)(e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// The error of one I/O `action` on `path`.
fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> SaveError {
    let path = path.to_path_buf();
    move |source| SaveError::Io {
        action,
        path,
        source,
    }
}

/// An exclusively created `.NAME.<pid>.XXXXXX<suffix>` in `dir`: the pid lets a later write tell
/// an orphan from a write in progress.
fn temporary_in(
    dir: &Path,
    name: &str,
    suffix: &str,
    private: bool,
) -> Result<tempfile::NamedTempFile, SaveError> {
    let prefix = format!(".{name}.{}.", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(suffix);
    new_file_mode(&mut builder, private);
    builder
        .tempfile_in(dir)
        .map_err(io("create a temporary file in", dir))
}

/// The file a write to `path` should replace: the end of a symlink chain, else `path` itself.
fn real_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Keeps the current file as `NAME.bak`: a hard link under a temporary name, renamed over the old
/// backup (a rename replaces even a read-only `.bak`). Where hard links are not supported, a copy
/// into a temporary file, synced, renamed the same way.
fn keep_previous_version(target: &Path, dir: &Path, name: &str) -> Result<(), SaveError> {
    let bak = dir.join(format!("{name}.bak"));
    let staged = dir.join(format!(
        ".{name}.{}.{}.bak.tmp",
        std::process::id(),
        unique_suffix()
    ));
    if fs::hard_link(target, &staged).is_err() {
        let mut copy = temporary_in(dir, name, ".bak.tmp", false)?;
        if let Ok(meta) = fs::metadata(target) {
            keep_permissions(copy.as_file(), &meta);
        }
        let bytes = fs::read(target).map_err(io("read", target))?;
        copy.write_all(&bytes).map_err(io("write", copy.path()))?;
        copy.as_file().sync_all().map_err(io("sync", copy.path()))?;
        copy.persist(&bak)
            .map_err(|e| io("keep a backup copy at", &bak)(e.error))?;
        return Ok(());
    }
    let renamed = fs::rename(&staged, &bak).map_err(io("keep a backup copy at", &bak));
    // When `.bak` already is this very file (a save killed between its two renames), POSIX rename
    // does nothing and leaves the staged link; it is only a name, so remove it.
    let _ = fs::remove_file(&staged);
    renamed
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// A new file gets the mode any program's new file gets (0666 less the umask), not the 0600 of a
/// temporary file; an existing file's mode is copied over afterwards.
#[cfg(unix)]
fn new_file_mode(builder: &mut tempfile::Builder<'_, '_>, private: bool) {
    use std::os::unix::fs::PermissionsExt;
    // A new file gets what the umask allows, as any editor's would; a private one the user's only.
    let mode = if private { 0o600 } else { 0o666 };
    builder.permissions(fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn new_file_mode(_builder: &mut tempfile::Builder<'_, '_>, _private: bool) {}

#[cfg(unix)]
fn keep_permissions(file: &fs::File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Best effort: the owner can be kept only by a privileged process, the mode always.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    let _ = file.set_permissions(meta.permissions());
}

#[cfg(not(unix))]
fn keep_permissions(file: &fs::File, meta: &fs::Metadata) {
    let _ = file.set_permissions(meta.permissions());
}

fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // Makes the rename durable on filesystems that need it; not all allow syncing a folder.
        let _ = d.sync_all();
    }
}

/// Removes `.NAME.<pid>.*.tmp` files of this target whose process no longer runs.
fn remove_orphans(dir: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        if !rest.ends_with(".tmp") {
            continue;
        }
        let Some(pid) = rest.split('.').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    // Without a cheap liveness check, leave the file: it is hidden and harmless.
    true
}
