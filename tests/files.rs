//! Scenario files: round trips, the shipped files, and bad input that must give clear errors without
//! panicking or touching files on disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::fs;
use std::path::Path;

use asean_futures::engine;
use asean_futures::io::{self, LoadError, MAX_FILE_BYTES};
use asean_futures::model::{SCHEMA_VERSION, StateField};
use common::random::{GenOptions, random_scenario};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn save_then_load_gives_an_equal_scenario(seed in any::<u64>()) {
        let s = random_scenario(seed, GenOptions::default());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        io::save_scenario(&path, &s).unwrap();
        let back = io::load_scenario(&path).unwrap();
        prop_assert_eq!(back, s);
    }

    #[test]
    fn random_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = io::parse_scenario(text);
        }
    }

    #[test]
    fn mangled_baseline_never_panics_and_always_explains(cut in 0usize..28_000, insert in "[\\[\\](){}:,\"a-z0-9 ]{0,6}") {
        let text = io::BASELINE_RON;
        let at = text.char_indices().map(|(i, _)| i).find(|&i| i >= cut.min(text.len())).unwrap_or(text.len());
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        if let Err(e) = io::parse_scenario(&mangled) {
            prop_assert!(!e.to_string().is_empty());
        }
        let _ = io::parse_scenario(&text[..at]);
    }
}

#[test]
fn every_shipped_scenario_loads_validates_and_runs() {
    let files = common::ron_files(&common::root().join("saved_scenarios"));
    assert!(
        files.len() >= 5,
        "expected the baseline and four stories, found {files:?}"
    );
    for path in files {
        let s = io::load_scenario(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            s.validate().is_empty(),
            "{}: {:?}",
            path.display(),
            s.validate()
        );
        assert!(
            !s.description.is_empty(),
            "{} has no description",
            path.display()
        );
        let run = engine::run(&s).unwrap();
        assert_eq!(run.len(), s.time.n_steps() + 1);
        // Saving and loading again keeps every value.
        let text = io::scenario_to_string(&s).unwrap();
        assert_eq!(
            io::parse_scenario(&text).unwrap(),
            s,
            "{} does not round-trip",
            path.display()
        );
    }
}

#[test]
fn baseline_holds_every_value_of_the_presets() {
    // PRESETS.md and conformance case 02 share the same inputs.
    let case =
        common::case::Case::load(&common::root().join("tests/conformance/02_baseline_yearly.json"))
            .unwrap();
    let want = case.scenario();
    let calibrated = common::baseline();
    // Calibration replaced the constants, sector pulls and anchors (each with a `calibrated:` note);
    // every sourced value is the presets'. Undone, the run is case 02's.
    let mut got = calibrated.clone();
    for (f, note) in &calibrated.constants_basis {
        assert!(note.starts_with("calibrated:"), "{f}");
    }
    got.constants = want.constants.clone();
    got.constants_basis.clear();
    for (p, w) in got.powers.iter_mut().zip(&want.powers) {
        assert!(p.basis[&asean_futures::model::PowerField::SectorPull].starts_with("calibrated:"));
        p.sector_pull = w.sector_pull;
    }
    for s in &mut got.states {
        assert!(s.anchor.is_some() && s.basis_of(StateField::Anchor).starts_with("calibrated:"));
        s.anchor = None;
        s.basis.remove(&StateField::Anchor);
    }
    assert_eq!(got.time, want.time);
    // The ASEAN settings carry basis notes (schema 6); their values are the presets'.
    assert_eq!(got.asean.basis.len(), 4);
    got.asean.basis.clear();
    assert_eq!(got.asean, want.asean);
    assert_eq!(got.constants, want.constants);
    assert_eq!(got.bloc_weights, want.bloc_weights);
    assert_eq!(got.states.len(), 11);
    for (g, w) in got.states.iter().zip(&want.states) {
        let mut g = g.clone();
        assert!(g.basis.len() >= 12, "{} lacks basis notes", g.code);
        g.basis.clear();
        assert_eq!(&g, w);
    }
    for (g, w) in got.powers.iter().zip(&want.powers) {
        assert_eq!(
            (g.capability, g.conditionality, g.sector_pull),
            (w.capability, w.conditionality, w.sector_pull)
        );
    }
    assert_eq!(got.levers.len(), want.levers.len());
    for (g, w) in got.levers.iter().zip(&want.levers) {
        assert_eq!(
            (&g.power, g.kind, g.intensity, &g.targets),
            (&w.power, w.kind, w.intensity, &w.targets)
        );
    }
    assert_eq!(engine::run(&got).unwrap(), engine::run(&want).unwrap());
}

fn err_of(text: &str) -> String {
    match io::parse_scenario(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// The baseline with one textual substitution.
fn baseline_with(from: &str, to: &str) -> String {
    assert!(io::BASELINE_RON.contains(from), "baseline lacks {from:?}");
    io::BASELINE_RON.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn empty_and_blank_files_are_refused() {
    assert!(matches!(io::parse_scenario(""), Err(LoadError::Empty)));
    assert!(matches!(
        io::parse_scenario("  \n\t "),
        Err(LoadError::Empty)
    ));
}

#[test]
fn truncated_file_names_a_line() {
    let text = &io::BASELINE_RON[..io::BASELINE_RON.len() / 2];
    let msg = err_of(text);
    assert!(msg.starts_with("line "), "{msg}");
}

#[test]
fn wrong_type_names_field_and_line() {
    let text = baseline_with("governance: 0.2,", "governance: \"weak\",");
    let msg = err_of(&text);
    assert!(msg.contains("states[1].governance"), "{msg}");
    assert!(
        msg.contains(&format!("line {}", line_of(&text, "governance: \"weak\""))),
        "{msg}"
    );
}

#[test]
fn nan_and_infinity_are_refused_by_field() {
    for bad in ["NaN", "inf", "-inf"] {
        let text = baseline_with("talent: 0.13,", &format!("talent: {bad},"));
        let msg = err_of(&text);
        assert!(msg.contains("states[1] (KHM).talent"), "{msg}");
        assert!(msg.contains("finite"), "{msg}");
        assert!(
            msg.contains(&format!(
                "line {}",
                line_of(&text, &format!("talent: {bad}"))
            )),
            "{msg}"
        );
    }
}

#[test]
fn out_of_range_value_says_what_is_allowed() {
    let text = baseline_with("localisation: 1.0,", "localisation: 1.7,");
    let msg = err_of(&text);
    assert!(
        msg.contains("states[9] (VNM).localisation = 1.7: must be within 0..=1"),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("(line {})", line_of(&text, "localisation: 1.7"))),
        "{msg}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = baseline_with("localisation: 1.0,", "localisation: 1.7,").replacen(
        "hedging: 0.36,",
        "hedging: -2.0,",
        1,
    );
    match io::parse_scenario(&text) {
        Err(LoadError::Invalid { problems }) => {
            assert_eq!(problems.len(), 2, "{problems:?}");
            assert!(problems.iter().all(|p| p.line.is_some()));
        }
        other => panic!("expected two problems, got {other:?}"),
    }
}

#[test]
fn alignment_must_sum_to_one() {
    let text = baseline_with(
        "alignment: [0.15, 0.3, 0.05, 0.5],",
        "alignment: [0.15, 0.3, 0.05, 0.6],",
    );
    let msg = err_of(&text);
    assert!(
        msg.contains("states[0] (BRN).alignment sums to 1.100000"),
        "{msg}"
    );
}

#[test]
fn levers_naming_unknown_states_or_powers_are_refused() {
    let text = baseline_with(
        "targets: States([\"KHM\", \"LAO\", \"MMR\"])",
        "targets: States([\"KHM\", \"XYZ\", \"MMR\"])",
    );
    let msg = err_of(&text);
    assert!(
        msg.contains("levers[0].targets[1] = \"XYZ\": no such state"),
        "{msg}"
    );
    let text = baseline_with("(power: \"EU\"", "(power: \"JP\"");
    let msg = err_of(&text);
    assert!(msg.contains("no such power"), "{msg}");
    assert!(msg.contains("JP"), "{msg}");
}

#[test]
fn duplicate_codes_are_refused() {
    let text = baseline_with("code: \"LAO\"", "code: \"KHM\"");
    let msg = err_of(&text);
    assert!(msg.contains("duplicate state code"), "{msg}");
}

#[test]
fn unknown_fields_are_named() {
    let text = baseline_with("hedging: 0.36,", "hedging: 0.36, hedgeing: 0.4,");
    let msg = err_of(&text);
    assert!(msg.contains("hedgeing"), "{msg}");
    assert!(msg.contains("states[0]"), "{msg}");
    assert!(
        msg.contains(&format!("line {}", line_of(&text, "hedgeing"))),
        "{msg}"
    );
}

#[test]
fn future_versions_are_refused_clearly() {
    let text = baseline_with("version: 7,", "version: 8,");
    match io::parse_scenario(&text) {
        Err(LoadError::FutureVersion {
            found: 8,
            supported,
        }) => assert_eq!(supported, SCHEMA_VERSION),
        other => panic!("{other:?}"),
    }
    assert!(err_of(&baseline_with("version: 7,", "version: 0,")).contains("version 0"));
    assert!(err_of(&baseline_with("    version: 7,\n", "")).contains("version"));
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!(
        "(version: 1, name: \"x\", powers: {}{}, states: [])",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let msg = err_of(&text);
    assert!(msg.contains("line 1"), "{msg}");
}

#[test]
fn huge_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    match io::load_scenario(&path) {
        Err(LoadError::TooLarge { size, limit }) => {
            assert_eq!(size, 100 * 1024 * 1024);
            assert_eq!(limit, MAX_FILE_BYTES);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn non_utf8_bytes_name_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    let mut bytes = b"(\n    version: 1,\n    name: \"Caf".to_vec();
    bytes.extend([0xE9, b'"', b',', b'\n', b')']);
    fs::write(&path, bytes).unwrap();
    match io::load_scenario(&path) {
        Err(LoadError::NotUtf8 { line: 3, column }) => assert_eq!(column, 15),
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_file_is_an_io_error() {
    assert!(matches!(
        io::load_scenario(Path::new("/no/such/file.ron")),
        Err(LoadError::Io { .. })
    ));
}

fn assert_failed_save_keeps_file(dir: &Path, path: &Path) {
    let before = fs::read(path).unwrap();
    let mut changed = common::baseline();
    changed.name = "changed".into();
    assert!(
        io::save_scenario(path, &changed).is_err(),
        "the save should fail"
    );
    assert_eq!(fs::read(path).unwrap(), before, "the existing file changed");
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp") && e.path().is_file())
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn failed_saves_leave_the_existing_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    fs::write(&path, "my precious work, not even RON").unwrap();

    // The backup copy cannot be written.
    let bak = dir.path().join("mine.ron.bak");
    fs::create_dir(&bak).unwrap();
    assert_failed_save_keeps_file(dir.path(), &path);
    fs::remove_dir(&bak).unwrap();
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    fs::write(&path, "original").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; then the folder is not really read-only and this case says nothing.
    let probe = dir.path().join("probe");
    if fs::write(&probe, "x").is_ok() {
        let _ = fs::remove_file(&probe);
    } else {
        assert_failed_save_keeps_file(dir.path(), &path);
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn successful_save_keeps_a_backup_of_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut s = common::baseline();
    io::save_scenario(&path, &s).unwrap();
    let first = fs::read(&path).unwrap();
    s.name = "second".into();
    io::save_scenario(&path, &s).unwrap();
    assert_eq!(fs::read(dir.path().join("s.ron.bak")).unwrap(), first);
    assert_eq!(io::load_scenario(&path).unwrap().name, "second");
}

#[test]
fn csv_exports_have_headers_and_one_row_per_value() {
    let s = common::baseline();
    let run = engine::run(&s).unwrap();
    let text = io::run_csv(&s, &run).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("year,state,variable,pole_or_power,sector,value")
    );
    // Per state and point: 4 alignment + 15 dependency + 5 domestic + 4 scalars.
    assert_eq!(lines.count(), 21 * 11 * (4 + 15 + 5 + 4));
    assert!(text.contains("2045,KHM,alignment,CN,,"));
    let bloc = io::bloc_csv(&run).unwrap();
    assert!(
        bloc.starts_with("year,cohesion,bifurcation,tech_split,autonomy,defa_integration\n2025,")
    );
    assert_eq!(bloc.lines().count(), 22);
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_without_reading_them() {
    // /dev/zero would be read until memory runs out; a FIFO would block the window forever.
    let e = io::load_scenario(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(e, LoadError::NotAFile { .. }), "{e}");
    assert!(e.to_string().contains("not a regular file"));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let e = io::load_scenario(&fifo).unwrap_err();
        assert!(matches!(e, LoadError::NotAFile { .. }), "{e}");
    }
    let e = io::load_scenario(dir.path()).unwrap_err();
    assert!(matches!(e, LoadError::NotAFile { .. }), "a folder: {e}");
}

#[test]
fn the_size_limit_counts_the_bytes_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let f = fs::File::create(&big).unwrap();
    f.set_len(MAX_FILE_BYTES + 10).unwrap();
    assert!(matches!(
        io::load_scenario(&big),
        Err(LoadError::TooLarge { .. })
    ));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", io::BASELINE_RON);
    assert_eq!(io::parse_scenario(&text).unwrap(), common::baseline());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    fs::write(&path, text).unwrap();
    assert_eq!(io::load_scenario(&path).unwrap(), common::baseline());
}

#[test]
fn a_scenario_that_could_not_be_opened_again_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.ron");
    let good = common::baseline();
    io::save_scenario(&path, &good).unwrap();
    let before = fs::read(&path).unwrap();
    // With an error: refused, naming the problem; the file on disk is untouched.
    let mut bad = good.clone();
    bad.levers[0].end_year = 2000.0;
    let err = io::save_scenario(&path, &bad).unwrap_err().to_string();
    assert!(
        err.contains("levers[0]") && err.contains("end_year"),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    // Larger as written than the app opens: refused, with the sizes.
    let mut huge = good.clone();
    huge.round_log = common::long_round_log(34_000, 1000);
    let err = io::save_scenario(&path, &huge).unwrap_err().to_string();
    assert!(
        err.contains("MB") && err.contains("could not be opened again"),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    // What it does save, it opens: a workshop log of 15 MB and more saves and opens again.
    let mut big = good;
    big.round_log = huge.round_log[..8_000].to_vec();
    io::save_scenario(&path, &big).unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 15_000_000);
    assert_eq!(io::load_scenario(&path).unwrap().round_log.len(), 8_000);
}

#[test]
fn corrupt_text_is_named_for_what_it_is_before_parsing() {
    let base =
        fs::read_to_string(common::root().join("saved_scenarios/baseline_2025.ron")).unwrap();
    // A NUL byte (a truncated copy, a disk error): named, with its place, and no "field ?".
    let at = base.find("    name:").unwrap();
    let nul = format!("{}\0{}", &base[..at], &base[at..]);
    let msg = io::parse_scenario(&nul).unwrap_err().to_string();
    assert!(msg.contains("U+0000") && msg.contains("line 3"), "{msg}");
    assert!(!msg.contains("field ?"), "{msg}");
    // Nesting deeper than any scenario: the limit is named, not a truncation.
    let deep = base.replacen(
        "    levers: [",
        &format!(
            "    peer_weights: Some({}{}),\n    levers: [",
            "[".repeat(40),
            "]".repeat(40)
        ),
        1,
    );
    let msg = io::parse_scenario(&deep).unwrap_err().to_string();
    assert!(msg.contains("nested deeper than 32"), "{msg}");
    assert!(!msg.contains("truncated"), "{msg}");
    // A peer matrix larger than the model allows is refused at its 65th row, whatever follows.
    let row = format!("[{}]", vec!["0.01"; 64].join(", "));
    let rows = vec![row; 2_880].join(", ");
    let big = base.replacen(
        "    levers: [",
        &format!("    peer_weights: Some([{rows}]),\n    levers: ["),
        1,
    );
    let msg = io::parse_scenario(&big).unwrap_err().to_string();
    assert!(msg.contains("more than 64 rows"), "{msg}");
    let wide = base.replacen(
        "    levers: [",
        &format!(
            "    peer_weights: Some([[{}]]),\n    levers: [",
            vec!["0.01"; 2_880].join(", ")
        ),
        1,
    );
    let msg = io::parse_scenario(&wide).unwrap_err().to_string();
    assert!(msg.contains("more than 64 weights in a row"), "{msg}");
    // Brackets and slashes inside strings are text, not structure.
    let quoted = base.replacen(
        "name: \"Baseline 2025\"",
        &format!("name: \"Baseline // {}\"", "(".repeat(40)),
        1,
    );
    assert!(io::parse_scenario(&quoted).is_ok());
}

#[test]
fn a_watched_read_counts_its_bytes_and_stops_when_asked() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    fs::write(&path, io::BASELINE_RON).unwrap();
    let (cancel, bytes_read) = (AtomicBool::new(false), AtomicUsize::new(0));
    let watch = io::ReadWatch {
        cancel: &cancel,
        bytes_read: &bytes_read,
    };
    let opened = io::open_watched(&path, &watch).unwrap();
    assert_eq!(opened.loaded.unwrap().scenario, common::baseline());
    assert_eq!(bytes_read.load(Ordering::Relaxed), io::BASELINE_RON.len());
    cancel.store(true, Ordering::Relaxed);
    assert!(matches!(
        io::open_watched(&path, &watch),
        Err(LoadError::Cancelled)
    ));
    // A file refused for its values comes with the scenario as written, for repair; one that does
    // not parse comes with nothing.
    cancel.store(false, Ordering::Relaxed);
    fs::write(&path, baseline_with("hedging: 0.36,", "hedging: 2.0,")).unwrap();
    let opened = io::open_watched(&path, &watch).unwrap();
    assert!(matches!(opened.loaded, Err(LoadError::Invalid { .. })));
    assert!(
        opened
            .repairable
            .unwrap()
            .states
            .iter()
            .any(|s| s.hedging == 2.0)
    );
    fs::write(&path, &io::BASELINE_RON[..2000]).unwrap();
    let opened = io::open_watched(&path, &watch).unwrap();
    assert!(opened.loaded.is_err() && opened.repairable.is_none());
}
