//! The briefing: one Markdown file holding what a planner takes into a meeting — the scenario and its
//! description, what differs from the comparison scenario A, the key outcomes at one year (with the
//! uncertainty band where the ensemble ran), the attribution sentence — and the figures as PNG files
//! beside it. Everything is written atomically; the figures first, so the Markdown never points at a
//! missing image.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::analysis::{InputDifference, group_differences};

use super::error::SaveError;
use super::png_export::{RgbaImage, write_png};
use super::scenario_file::write_atomically;

/// The comparison scenario A and how B differs from it.
pub struct BriefingComparison<'a> {
    /// A's name and where it came from ("pinned at 14:02", a file name).
    pub a_name: &'a str,
    pub a_source: &'a str,
    pub diffs: &'a [InputDifference],
}

/// One row of the key outcomes.
pub struct KeyOutcome {
    pub label: String,
    pub b: f64,
    /// The value in A, when a comparison is open.
    pub a: Option<f64>,
    /// B's ensemble p10 and p90 at the same year, when the ensemble ran.
    pub band: Option<(f64, f64)>,
    /// "CN", or "US to CN" when the leaning differs between A and B.
    pub leaning: Option<String>,
}

/// The attribution shown in the briefing.
pub struct BriefingAttribution<'a> {
    pub outcome_label: &'a str,
    pub sentence: &'a str,
    /// "exact Shapley values over 4 groups" or "sampled, standard error up to 0.003".
    pub method: String,
    /// Group and contribution, largest first.
    pub contributions: Vec<(String, f64)>,
    pub a: f64,
    pub b: f64,
}

/// Everything the briefing says.
pub struct Briefing<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The scenario's file, if saved.
    pub file: Option<&'a Path>,
    pub date: &'a str,
    pub comparison: Option<BriefingComparison<'a>>,
    pub year: f64,
    pub outcomes: &'a [KeyOutcome],
    /// Ensemble members behind the bands, when shown.
    pub ensemble_members: Option<usize>,
    pub attribution: Option<BriefingAttribution<'a>>,
    /// Caption and file name (relative to the briefing) of each figure.
    pub figures: &'a [(String, String)],
    /// The scenario's claims, measured.
    pub claims: &'a [crate::analysis::ClaimCheck],
    /// The last robustness analysis over the constants, when it was run on this scenario.
    pub robustness: Option<BriefingRobustness<'a>>,
    /// How many of the scenario's inputs have each confidence grade.
    pub grades: crate::model::GradeCounts,
}

/// A robustness analysis over the constants, for the briefing.
pub struct BriefingRobustness<'a> {
    pub outcome_label: &'a str,
    pub robustness: &'a crate::analysis::Robustness,
    /// The plain-words leaning statement, when the outcome is about a state.
    pub statement: Option<&'a str>,
}

/// The briefing as Markdown.
pub fn briefing_markdown(b: &Briefing<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Briefing: {}\n", b.title);
    // The reader gets the file's name, never a path on the author's machine.
    let file = b
        .file
        .and_then(|p| p.file_name())
        .map_or("not saved to a file".to_string(), |n| {
            format!("file {}", n.to_string_lossy())
        });
    let _ = writeln!(
        out,
        "*Prepared {} with ASEAN Digital Futures from the scenario \"{}\" ({file}).*\n",
        b.date, b.title
    );
    let _ = writeln!(out, "## Scenario\n");
    let description = for_the_reader(b.description);
    if description.is_empty() {
        let _ = writeln!(out, "(The scenario has no description.)\n");
    } else {
        let _ = writeln!(out, "{description}\n");
    }
    claims_md(&mut out, b.claims);
    if let Some(r) = &b.robustness {
        robustness_md(&mut out, r);
    }
    grades_md(&mut out, &b.grades);
    if let Some(c) = &b.comparison {
        comparison_md(&mut out, c, b.title);
    }
    outcomes_md(&mut out, b);
    if let Some(at) = &b.attribution {
        let _ = writeln!(out, "## Why B differs from A: {}\n", at.outcome_label);
        let _ = writeln!(out, "{}\n", at.sentence);
        let _ = writeln!(out, "| Step | Value |\n|---|---:|");
        let _ = writeln!(out, "| A | {:.4} |", at.a);
        for (group, value) in &at.contributions {
            let _ = writeln!(out, "| {} | {value:+.4} |", cell(group));
        }
        let _ = writeln!(out, "| B | {:.4} |\n", at.b);
        let _ = writeln!(out, "Method: {}.\n", at.method);
    }
    if !b.figures.is_empty() {
        let _ = writeln!(out, "## Figures\n");
        for (caption, file) in b.figures {
            let _ = writeln!(out, "![{caption}]({file})\n\n*{caption}*\n");
        }
    }
    let _ = writeln!(
        out,
        "---\nSome of the model's constants are fitted to the 2015–2025 record and the rest are \
         judgments: read the numbers as a comparison of scenarios, not as a forecast."
    );
    out
}

/// The claims the scenario makes, each with the model's verdict and the number it rests on.
fn claims_md(out: &mut String, claims: &[crate::analysis::ClaimCheck]) {
    use crate::analysis::Verdict;
    if claims.is_empty() {
        return;
    }
    let holding = claims.iter().filter(|c| c.holds()).count();
    let _ = writeln!(out, "## What the model shows\n");
    let _ = writeln!(
        out,
        "The scenario makes {} claims about its results; measured with the model, {holding} hold.\n",
        claims.len()
    );
    let _ = writeln!(
        out,
        "| Verdict | Claim | Measured | Expected |\n|---|---|---:|---|"
    );
    for c in claims {
        let verdict = match &c.verdict {
            Verdict::Holds => "holds",
            Verdict::Fails => "does not hold",
            Verdict::Unmeasured(_) => "not measured",
        };
        let measured = match &c.verdict {
            Verdict::Unmeasured(why) => why.clone(),
            _ => match &c.nearest_state {
                Some(state) => format!(
                    "{} (nearest to failing: {state})",
                    crate::model::signed(c.measured)
                ),
                None => crate::model::signed(c.measured),
            },
        };
        let _ = writeln!(
            out,
            "| {verdict} | {} <br>*{}* | {} | {} |",
            cell(&c.text),
            cell(&c.measures),
            cell(&measured),
            cell(&c.expect)
        );
    }
    let _ = writeln!(out);
}

/// How far one outcome depends on the constants nobody can source, and on which.
fn robustness_md(out: &mut String, r: &BriefingRobustness<'_>) {
    let rb = r.robustness;
    let _ = writeln!(
        out,
        "## How robust: {}
",
        r.outcome_label
    );
    if let Some(statement) = r.statement {
        let _ = writeln!(
            out,
            "{statement}
"
        );
    }
    let _ = writeln!(
        out,
        "With every model constant drawn within its plausible range ({} runs on {} base samples), \
         the outcome is {:.3} with the scenario's own constants; 90 % of plausible constant sets \
         give {:.3} to {:.3}. The constants it depends on most (Sobol total index: the share of its \
         variance a constant explains, with its interactions):\n",
        rb.runs, rb.base_samples, rb.value, rb.p05, rb.p95
    );
    let _ = writeln!(
        out,
        "| Constant | Plausible range | Total index | First-order index |\n|---|---|---:|---:|"
    );
    for c in rb.indices.iter().take(5) {
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {:.2} | {:.2} |",
            cell(c.id.label()),
            c.id.symbol(),
            cell(&c.span.label()),
            c.total,
            c.first
        );
    }
    let _ = writeln!(out);
}

/// Where the scenario's numbers come from, by confidence grade.
fn grades_md(out: &mut String, grades: &crate::model::GradeCounts) {
    use crate::model::Grade;
    if grades.total() == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "## Where the numbers come from
"
    );
    let _ = writeln!(
        out,
        "{}
",
        grades.summary()
    );
    let _ = writeln!(out, "| Grade | Inputs | Share |\n|---|---:|---:|");
    for g in Grade::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | {} % |",
            g.meaning(),
            grades.count(g),
            grades.percent(g)
        );
    }
    let _ = writeln!(out);
}

/// A scenario's description without what it tells the app's user to do ("press F11 … PageDown"):
/// the briefing's reader has no keyboard in front of them.
pub fn for_the_reader(description: &str) -> String {
    const INSTRUCTIONS: [&str; 8] = [
        "F11",
        "PageDown",
        "PageUp",
        "Press ",
        "press ",
        "presenter mode",
        "Space plays",
        "click ",
    ];
    let mut kept: Vec<&str> = Vec::new();
    let mut rest = description.trim();
    while !rest.is_empty() {
        // A sentence ends at ". ", "! " or "? " (or the end of the text).
        let end = rest
            .match_indices(['.', '!', '?'])
            .map(|(i, _)| i + 1)
            .find(|&i| rest[i..].starts_with(' ') || i == rest.len())
            .unwrap_or(rest.len());
        let sentence = rest[..end].trim();
        if !INSTRUCTIONS.iter().any(|w| sentence.contains(w)) {
            kept.push(sentence);
        }
        rest = rest[end..].trim_start();
    }
    kept.join(" ")
}

fn comparison_md(out: &mut String, c: &BriefingComparison<'_>, b_title: &str) {
    // A pinned copy of the same scenario has the same name: say which is which.
    if c.a_name == b_title {
        let _ = writeln!(
            out,
            "## Compared with A: \"{}\" as it was ({}); B is the scenario as it is now\n",
            c.a_name, c.a_source
        );
    } else {
        let _ = writeln!(
            out,
            "## Compared with A: \"{}\" ({}); B is \"{b_title}\"\n",
            c.a_name, c.a_source
        );
    }
    if c.diffs.is_empty() {
        let _ = writeln!(out, "No model input differs from A.\n");
        return;
    }
    let groups = group_differences(c.diffs);
    let _ = writeln!(
        out,
        "{} input{} differ{} from A, in {} group{}.\n",
        c.diffs.len(),
        if c.diffs.len() == 1 { "" } else { "s" },
        if c.diffs.len() == 1 { "s" } else { "" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" }
    );
    let _ = writeln!(out, "| Group | Input | A | B |\n|---|---|---|---|");
    for (group, members) in groups {
        for d in members {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(group),
                cell(&crate::model::naming::capitalised(&d.what)),
                cell(&d.a),
                cell(&d.b)
            );
        }
    }
    out.push('\n');
}

fn outcomes_md(out: &mut String, b: &Briefing<'_>) {
    let year = crate::model::naming::year_label(b.year);
    let _ = writeln!(out, "## Key outcomes in {year}\n");
    let with_a = b.outcomes.iter().any(|o| o.a.is_some());
    let with_band = b.outcomes.iter().any(|o| o.band.is_some());
    let mut header = String::from("| Outcome |");
    let mut rule = String::from("|---|");
    if with_a {
        header.push_str(" A |");
        rule.push_str("---:|");
    }
    header.push_str(" B |");
    rule.push_str("---:|");
    if with_a {
        header.push_str(" B - A |");
        rule.push_str("---:|");
    }
    if with_band {
        header.push_str(" B p10 to p90 |");
        rule.push_str("---:|");
    }
    header.push_str(" Leaning |");
    rule.push_str("---|");
    let _ = writeln!(out, "{header}\n{rule}");
    for o in b.outcomes {
        let mut row = format!("| {} |", cell(&o.label));
        if with_a {
            row.push_str(&o.a.map_or(" |".to_string(), |a| format!(" {a:.3} |")));
        }
        let _ = write!(row, " {:.3} |", o.b);
        if with_a {
            row.push_str(&o.a.map_or(" |".to_string(), |a| format!(" {:+.3} |", o.b - a)));
        }
        if with_band {
            row.push_str(&o.band.map_or(" |".to_string(), |(lo, hi)| {
                format!(" {lo:.3} to {hi:.3} |")
            }));
        }
        let _ = write!(
            row,
            " {} |",
            o.leaning.as_deref().map_or(String::new(), cell)
        );
        let _ = writeln!(out, "{row}");
    }
    out.push('\n');
    if let Some(m) = b.ensemble_members.filter(|_| with_band) {
        let _ = writeln!(
            out,
            "The band is the 10th to 90th percentile over {m} ensemble members (perturbed lever \
             intensities and parameters).\n"
        );
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Where figure `name` of a briefing at `path` goes: `brief.md` → `brief_tilt.png`.
pub fn figure_path(path: &Path, name: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "briefing".into());
    path.with_file_name(format!("{stem}_{name}.png"))
}

/// Writes the figures, then the Markdown, each atomically.
pub fn write_briefing(
    path: &Path,
    markdown: &str,
    figures: &[(PathBuf, RgbaImage)],
) -> Result<(), SaveError> {
    for (file, image) in figures {
        write_png(file, image)?;
    }
    write_atomically(path, markdown.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_gets_no_instructions_for_the_app() {
        let d = "A five-step walk-through for a workshop. Open it, press F11 for presenter mode, and \
                 step with PageDown / PageUp; Space plays the years. Live levers: DEFA hard law.";
        assert_eq!(
            for_the_reader(d),
            "A five-step walk-through for a workshop. Live levers: DEFA hard law."
        );
        assert_eq!(for_the_reader("  "), "");
        assert_eq!(
            for_the_reader("No full stop at the end"),
            "No full stop at the end"
        );
    }

    #[test]
    fn the_markdown_holds_description_diff_outcomes_and_sentence() {
        let diffs = vec![InputDifference {
            path: "states[1] (KHM).governance".into(),
            what: "Cambodia's governance".into(),
            a: "0.2".into(),
            b: "0.7".into(),
            group: "Cambodia profile".into(),
        }];
        let outcomes = vec![KeyOutcome {
            label: "Bifurcation".into(),
            b: 0.3,
            a: Some(0.25),
            band: Some((0.2, 0.4)),
            leaning: None,
        }];
        let figures = vec![("Tilt".to_string(), "b_tilt.png".to_string())];
        let md = briefing_markdown(&Briefing {
            title: "Mine",
            description: "A *test* | scenario.",
            file: None,
            date: "2025-01-01",
            comparison: Some(BriefingComparison {
                a_name: "Baseline",
                a_source: "pinned",
                diffs: &diffs,
            }),
            year: 2035.0,
            outcomes: &outcomes,
            ensemble_members: Some(200),
            attribution: Some(BriefingAttribution {
                outcome_label: "Bloc bifurcation in 2035",
                sentence: "The gap comes from Cambodia profile alone.",
                method: "exact".into(),
                contributions: vec![("Cambodia profile".into(), 0.05)],
                a: 0.25,
                b: 0.3,
            }),
            figures: &figures,
            claims: &[],
            robustness: None,
            grades: crate::model::GradeCounts::default(),
        });
        assert!(md.contains("A *test* | scenario."), "{md}");
        assert!(md.contains("| Cambodia profile | Cambodia's governance | 0.2 | 0.7 |"));
        assert!(md.contains("| Bifurcation | 0.250 | 0.300 | +0.050 | 0.200 to 0.400 |"));
        assert!(md.contains("The gap comes from Cambodia profile alone."));
        assert!(md.contains("![Tilt](b_tilt.png)"));
        assert_eq!(
            figure_path(Path::new("/x/brief.md"), "tilt"),
            PathBuf::from("/x/brief_tilt.png")
        );
    }
}
