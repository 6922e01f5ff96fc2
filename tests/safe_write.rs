//! The one safe-write path, tried as a hostile user and an unlucky one would: a planted symlink at a
//! temporary name, a symlinked target, a private file's mode, a read-only backup, orphaned temporary
//! files, and a process killed at random points of a save, over a small and a 10 MB file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use asean_futures::io;
use asean_futures::model::Scenario;

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn named(name: &str) -> Scenario {
    let mut s = common::baseline();
    s.name = name.into();
    s
}

#[cfg(unix)]
#[test]
fn a_planted_symlink_at_a_temporary_name_redirects_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "do not touch").unwrap();
    let path = dir.path().join("out.csv");
    // The names the old writer used, and a few guesses at new ones.
    for name in [
        format!(".out.csv.{}.tmp", std::process::id()),
        format!(".out.csv.{}.000000.tmp", std::process::id()),
    ] {
        std::os::unix::fs::symlink(&victim, dir.path().join(name)).unwrap();
    }
    io::save_scenario(&path, &named("a")).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "do not touch");
    assert_eq!(io::load_scenario(&path).unwrap().name, "a");
}

#[cfg(unix)]
#[test]
fn a_symlinked_scenario_gets_the_edits_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("s.ron");
    io::save_scenario(&real, &named("first")).unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    io::save_scenario(&link, &named("second")).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(io::load_scenario(&real).unwrap().name, "second");
    // The backup sits beside the real file.
    let bak = real_dir.join("s.ron.bak");
    assert_eq!(io::load_scenario(&bak).unwrap().name, "first");
    assert!(temporaries(dir.path()).is_empty() && temporaries(&real_dir).is_empty());
}

#[cfg(unix)]
#[test]
fn a_private_file_stays_private_and_a_read_only_backup_blocks_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    io::save_scenario(&path, &named("first")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    io::save_scenario(&path, &named("second")).unwrap();
    let bak = dir.path().join("s.ron.bak");
    fs::set_permissions(&bak, fs::Permissions::from_mode(0o444)).unwrap();
    io::save_scenario(&path, &named("third")).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the mode was {mode:o}");
    assert_eq!(io::load_scenario(&path).unwrap().name, "third");
    assert_eq!(io::load_scenario(&bak).unwrap().name, "second");
    // A new file gets an ordinary mode, not a temporary file's 0600.
    let fresh = dir.path().join("fresh.csv");
    io::save_scenario(&fresh, &named("x")).unwrap();
    let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert!(mode & 0o044 != 0 || mode == 0o600, "mode {mode:o}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_temporary_file_orphaned_by_a_dead_process_is_removed_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let orphan = dir.path().join(format!(".s.ron.{dead}.abcdef.tmp"));
    fs::write(&orphan, "half a scenario").unwrap();
    // pid 1 always runs: its file may be a save in progress and stays.
    let live = dir.path().join(".s.ron.1.abcdef.tmp");
    fs::write(&live, "in progress").unwrap();
    io::save_scenario(&path, &named("a")).unwrap();
    assert!(!orphan.exists());
    assert!(live.exists());
}

/// Run by the kill test in a child process: saves two versions in turn, forever.
#[test]
#[ignore = "the child of the kill test; it never returns"]
fn save_loop_child() {
    let Ok(path) = std::env::var("ASEAN_SAVE_LOOP") else {
        return;
    };
    let large = std::env::var("ASEAN_SAVE_LARGE").is_ok();
    let versions = [version("old", large), version("new", large)];
    let path = Path::new(&path);
    for k in 0.. {
        io::save_scenario(path, &versions[k % 2]).unwrap();
    }
}

/// A named scenario, about 10 MB with `large` (a long round log).
fn version(name: &str, large: bool) -> Scenario {
    let mut s = named(name);
    if large {
        s.round_log = common::long_round_log(5_200, 900);
    }
    s
}

/// Kills `kills` children at spread-out moments; at least `interrupted_at_least` of the kills must
/// land while a temporary file exists, i.e. inside a save.
fn kill_saves(large: bool, kills: u64, interrupted_at_least: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    io::save_scenario(&path, &version("old", large)).unwrap();
    let size = fs::metadata(&path).unwrap().len();
    if large {
        assert!(
            size > 9_000_000 && size < io::MAX_FILE_BYTES,
            "{size} bytes"
        );
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut interrupted, mut saw_new) = (0, false);
    for _ in 0..kills {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "save_loop_child",
                "--test-threads",
                "1",
            ])
            .env("ASEAN_SAVE_LOOP", &path)
            .envs(large.then_some(("ASEAN_SAVE_LARGE", "1")))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // A deterministic spread of kill times over the first saves.
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let wait_ms = if large {
            50 + (seed >> 33) % 1_500
        } else {
            5 + (seed >> 33) % 60
        };
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        interrupted += usize::from(!temporaries(dir.path()).is_empty());
        for file in [path.clone(), dir.path().join("s.ron.bak")] {
            if !file.exists() {
                continue;
            }
            let name = io::load_scenario(&file)
                .unwrap_or_else(|e| panic!("{} after a kill: {e}", file.display()))
                .name;
            assert!(name == "old" || name == "new", "{name}");
            saw_new |= name == "new";
        }
    }
    // The kills must land inside saves, or this test proves nothing.
    assert!(saw_new, "no save finished before a kill");
    assert!(
        interrupted >= interrupted_at_least,
        "only {interrupted} of {kills} kills interrupted a save"
    );
    eprintln!("{interrupted} of {kills} kills interrupted a save");
    // The next save clears what the killed processes left.
    io::save_scenario(&path, &version("old", large)).unwrap();
    assert_eq!(temporaries(dir.path()), Vec::<String>::new());
}

#[cfg(target_os = "linux")]
#[test]
fn a_save_killed_at_any_point_leaves_an_openable_old_or_new_file_small() {
    kill_saves(false, 40, 10);
}

#[cfg(target_os = "linux")]
#[test]
fn a_save_killed_at_any_point_leaves_an_openable_old_or_new_file_large() {
    // A 10 MB save spends most of its time serialising, before any file is touched, so few kills
    // land in the write itself; the small file's kills prove interruption, this one integrity.
    kill_saves(true, 15, 0);
}

/// Child of the disk-full test: one save of the large version; prints the error and exits 3 when
/// it fails (as it must, under the file-size limit its parent set).
#[test]
#[ignore = "run as a child by a_save_that_runs_out_of_space_changes_nothing"]
fn save_once_child() {
    let Ok(path) = std::env::var("ASEAN_SAVE_ONCE") else {
        return;
    };
    if let Err(e) = io::save_scenario(Path::new(&path), &version("new", true)) {
        eprintln!("save failed: {e}");
        std::process::exit(3);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_save_that_runs_out_of_space_changes_nothing() {
    // The kernel refuses writes past RLIMIT_FSIZE exactly as a full disk does (the write call
    // fails part-way through), so the real write path meets a real mid-write failure.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    io::save_scenario(&path, &named("older")).unwrap();
    io::save_scenario(&path, &named("old")).unwrap();
    let (target, bak) = (
        fs::read(&path).unwrap(),
        fs::read(dir.path().join("s.ron.bak")).unwrap(),
    );
    let out = Command::new("sh")
        .arg("-c")
        // Ignore SIGXFSZ so the write fails with EFBIG instead of killing the process.
        .arg("trap '' XFSZ; ulimit -f 256; exec \"$0\" \"$@\"")
        .arg(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "save_once_child", "--nocapture"])
        .env("ASEAN_SAVE_ONCE", &path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "the save must fail cleanly: {stderr}"
    );
    assert!(
        stderr.contains(&format!("cannot write {}", path.display())),
        "{stderr}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        target,
        "the scenario is byte-identical"
    );
    assert_eq!(
        fs::read(dir.path().join("s.ron.bak")).unwrap(),
        bak,
        "so is its backup"
    );
    assert_eq!(
        temporaries(dir.path()),
        Vec::<String>::new(),
        "no fragment is left"
    );
    assert_eq!(io::load_scenario(&path).unwrap().name, "old");
}
