//! Brief-ready figures without a window: `asean-futures export` writes the tilt, alignment,
//! dependency and bloc charts and the map as SVG and PNG, titled, sourced, with the values the
//! engine computes, and refuses what it cannot do without touching any file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::path::{Path, PathBuf};

use asean_futures::engine;
use asean_futures::figure::palette;
use asean_futures::io::load_scenario;
use common::{bin, looks_internal, root};

fn story() -> PathBuf {
    root().join("saved_scenarios/workshop_story.ron")
}

fn export(file: &Path, args: &[&str]) -> std::process::Output {
    bin().arg("export").arg(file).args(args).output().unwrap()
}

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    (info.width, info.height, buf[..info.buffer_size()].to_vec())
}

/// Every `<text …>content</text>` of an SVG: (x, y, font size, content unescaped).
fn texts(svg: &str) -> Vec<(f64, f64, f64, String)> {
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!(" {name}=\"");
        let at = tag.find(&key).unwrap() + key.len();
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    svg.split("<text ")
        .skip(1)
        .map(|rest| {
            let (tag, after) = rest.split_once('>').unwrap();
            let tag = format!(" {tag}");
            let tag = tag.as_str();
            let content = after.split("</text>").next().unwrap();
            let content = content
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (
                attr(tag, "x"),
                attr(tag, "y"),
                attr(tag, "font-size"),
                content,
            )
        })
        .collect()
}

fn minus(text: &str) -> String {
    text.replace('-', "−")
}

#[test]
fn every_view_exports_as_a_titled_sourced_svg_that_parses() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = load_scenario(&story()).unwrap();
    for view in ["tilt", "shares:KHM", "dependency:KHM", "bloc", "map"] {
        let out_path = dir.path().join(format!("{}.svg", view.replace(':', "_")));
        let out = export(
            &story(),
            &["--view", view, "--out", out_path.to_str().unwrap()],
        );
        ok(&out);
        let svg = std::fs::read_to_string(&out_path).unwrap();
        // A real SVG a renderer accepts.
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
            .unwrap_or_else(|e| panic!("{view}: {e}"));
        let all = texts(&svg);
        let strings: Vec<&str> = all.iter().map(|t| t.3.as_str()).collect();
        assert_eq!(
            strings[0], scenario.name,
            "{view}: titled with the scenario"
        );
        let source = strings.join(" ");
        assert!(
            source.contains("(workshop_story.ron)") && source.contains("run 2025–2045"),
            "{view}: the source line names the file and years: {source}"
        );
        assert!(
            !source.contains(root().to_str().unwrap()),
            "{view}: no local path"
        );
        for s in &strings {
            // The file's own name may be snake_case; nothing else may look like a field path.
            let s = s.replace("workshop_story.ron", "");
            assert!(!looks_internal(&s), "{view}: internal text {s:?}");
        }
    }
}

#[test]
fn the_tilt_figure_labels_every_state_with_its_computed_value_without_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = load_scenario(&story()).unwrap();
    let run = engine::run(&scenario).unwrap();
    let out_path = dir.path().join("tilt.svg");
    ok(&export(
        &story(),
        &[
            "--view",
            "tilt",
            "--year",
            "2035",
            "--out",
            out_path.to_str().unwrap(),
        ],
    ));
    let svg = std::fs::read_to_string(&out_path).unwrap();
    let all = texts(&svg);
    let t = run.index_of_year(2035.0);
    let mut labels = Vec::new();
    for (i, st) in scenario.states.iter().enumerate() {
        let want = format!("{} {}", st.name, minus(&format!("{:+.2}", run.tilt(t, i))));
        let found = all
            .iter()
            .find(|x| x.3 == want)
            .unwrap_or_else(|| panic!("no label {want:?}"));
        labels.push(found.clone());
    }
    labels.sort_by(|a, b| a.1.total_cmp(&b.1));
    for w in labels.windows(2) {
        assert!(
            w[1].1 - w[0].1 >= w[0].2 * 1.05,
            "labels overlap: {:?} and {:?}",
            w[0],
            w[1]
        );
    }
    let heading = &all[1].3;
    assert!(heading.contains("values in 2035"), "{heading}");
}

#[test]
fn the_map_fills_each_member_by_its_tilt_in_the_year_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = load_scenario(&story()).unwrap();
    let run = engine::run(&scenario).unwrap();
    let path_2030 = dir.path().join("map2030.svg");
    let path_end = dir.path().join("map.svg");
    ok(&export(
        &story(),
        &[
            "--view",
            "map",
            "--year",
            "2030",
            "--out",
            path_2030.to_str().unwrap(),
        ],
    ));
    ok(&export(
        &story(),
        &["--view", "map", "--out", path_end.to_str().unwrap()],
    ));
    let khm = scenario
        .states
        .iter()
        .position(|s| s.code == "KHM")
        .unwrap();
    for (path, year) in [(&path_2030, 2030.0), (&path_end, 2045.0)] {
        let svg = std::fs::read_to_string(path).unwrap();
        let t = run.index_of_year(year);
        let fill = palette::hex_text(palette::diverging(
            palette::power_rgb(&scenario, 1),
            palette::power_rgb(&scenario, 0),
            run.tilt(t, khm),
            false,
        ));
        assert!(
            svg.contains(&format!("fill=\"{fill}\" fill-rule")),
            "Cambodia is filled {fill} in {year}"
        );
        let label = format!("Cambodia {}", minus(&format!("{:+.2}", run.tilt(t, khm))));
        assert!(
            texts(&svg).iter().any(|x| x.3 == label),
            "{label} in {year}"
        );
        assert!(texts(&svg)[1].3.starts_with(&format!("Tilt in {year}")));
    }
    assert_ne!(
        std::fs::read_to_string(&path_2030).unwrap(),
        std::fs::read_to_string(&path_end).unwrap()
    );
}

#[test]
fn png_exports_have_the_size_asked_for_and_the_theme_background() {
    let dir = tempfile::tempdir().unwrap();
    let light = dir.path().join("bloc.png");
    let dark = dir.path().join("bloc_dark.png");
    ok(&export(
        &story(),
        &[
            "--view",
            "bloc",
            "--size",
            "960x540",
            "--out",
            light.to_str().unwrap(),
        ],
    ));
    ok(&export(
        &story(),
        &[
            "--view",
            "bloc",
            "--format",
            "png",
            "--theme",
            "dark",
            "--out",
            dark.to_str().unwrap(),
        ],
    ));
    let (w, h, pixels) = read_png(&light);
    assert_eq!((w, h), (960, 540));
    assert_eq!(&pixels[..4], &[255, 255, 255, 255], "light background");
    // Text was drawn: dark pixels in the title's band.
    let row = |y: usize| &pixels[y * 960 * 4..(y + 1) * 960 * 4];
    let inked = (15..45).any(|y| row(y).chunks(4).any(|p| p[0] < 100));
    assert!(inked, "the title is drawn in the PNG");
    let (w, h, pixels) = read_png(&dark);
    assert_eq!((w, h), (1280, 720));
    assert!(
        pixels[0] < 60 && pixels[1] < 60 && pixels[2] < 60,
        "dark background"
    );
}

#[test]
fn markup_in_a_scenario_name_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut scenario = load_scenario(&story()).unwrap();
    scenario.name = "<script>alert('x')</script> & co".into();
    let file = dir.path().join("evil.ron");
    asean_futures::io::save_scenario(&file, &scenario).unwrap();
    let out_path = dir.path().join("evil.svg");
    ok(&export(
        &file,
        &["--view", "tilt", "--out", out_path.to_str().unwrap()],
    ));
    let svg = std::fs::read_to_string(&out_path).unwrap();
    assert!(!svg.contains("<script"), "escaped");
    assert_eq!(texts(&svg)[0].3, scenario.name);
}

#[test]
fn bad_requests_are_refused_with_what_is_allowed_and_touch_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("x.png");
    let cases: [(&[&str], &str); 7] = [
        (
            &["--view", "pie"],
            "allowed: tilt, shares:CODE, dependency:CODE, bloc, map",
        ),
        (&["--view", "shares:XXX"], "the scenario has BRN, KHM"),
        (
            &["--view", "tilt", "--size", "10x10"],
            "from 320x240 to 7680x4320",
        ),
        (
            &["--view", "tilt", "--year", "2100"],
            "the run covers 2025 to 2045",
        ),
        (
            &["--view", "tilt", "--theme", "sepia"],
            "allowed are light and dark",
        ),
        (
            &["--view", "tilt", "--format", "gif"],
            "allowed are png and svg",
        ),
        (&["--view", "tilt", "--set", "KHM.governance=7"], "KHM"),
    ];
    for (args, says) in cases {
        let mut all = args.to_vec();
        all.extend(["--out", out_path.to_str().unwrap()]);
        let out = export(&story(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out_path.exists(), "{args:?} wrote nothing");
    }
    // Never over the scenario itself, nor over a table.
    let copy = dir.path().join("story.ron");
    std::fs::copy(story(), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let out = export(
        &copy,
        &[
            "--view",
            "tilt",
            "--format",
            "svg",
            "--out",
            copy.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "the scenario is intact"
    );
    let table = dir.path().join("numbers.svg");
    std::fs::write(&table, "year,value\n2025,1\n").unwrap();
    let out = export(
        &story(),
        &["--view", "tilt", "--out", table.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a SVG file"));
    assert_eq!(
        std::fs::read_to_string(&table).unwrap(),
        "year,value\n2025,1\n"
    );
    // An existing figure is replaced.
    let figure = dir.path().join("again.svg");
    ok(&export(
        &story(),
        &["--view", "bloc", "--out", figure.to_str().unwrap()],
    ));
    ok(&export(
        &story(),
        &["--view", "tilt", "--out", figure.to_str().unwrap()],
    ));
}
