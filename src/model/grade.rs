//! Confidence grades: how far an input's number can be defended, read from its basis note.
//!
//! A note says its grade first (`source: IMF estimate…`, `derived: 0.4·size + …`,
//! `judgment: …`, `calibrated: …`). A note without that word — one typed by hand, or written
//! before schema 6 — is graded by [`Grade::of_note`]'s rule, and [`graded_note`] writes the word in
//! front, which is how schema 6's migration rewrites old files.

use serde::{Deserialize, Serialize};

/// How an input's number was arrived at, from most to least defensible by a citation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// A published figure or legal fact, cited.
    Source,
    /// A formula or proxy over sourced data.
    Derived,
    /// Fitted by calibration against a record (a backcast or a rest point).
    Calibrated,
    /// A modeller's judgment, or no basis recorded at all.
    Judgment,
}

impl Grade {
    /// Every grade, most defensible first.
    pub const ALL: [Grade; 4] = [
        Grade::Source,
        Grade::Derived,
        Grade::Calibrated,
        Grade::Judgment,
    ];

    /// The word a note begins with, without the colon.
    pub fn word(self) -> &'static str {
        match self {
            Grade::Source => "source",
            Grade::Derived => "derived",
            Grade::Calibrated => "calibrated",
            Grade::Judgment => "judgment",
        }
    }

    /// One letter, the mark in editors (the colour is never the only cue).
    pub fn letter(self) -> char {
        match self {
            Grade::Source => 'S',
            Grade::Derived => 'D',
            Grade::Calibrated => 'C',
            Grade::Judgment => 'J',
        }
    }

    /// What the grade means, for a tooltip.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::Source => "Source: a published figure or legal fact, cited in the note",
            Grade::Derived => "Derived: a formula or proxy over sourced data, given in the note",
            Grade::Calibrated => {
                "Calibrated: fitted against a record (the 2015 backcast or the 2025 rest point)"
            }
            Grade::Judgment => "Judgment: a modeller's assumption, or no basis recorded",
        }
    }

    /// The grade a basis note states or implies. The rule, in order:
    /// 1. a note that begins with a grade word and a colon has that grade (`assumption:` is
    ///    judgment);
    /// 2. an empty note is judgment: nobody has said where the number comes from;
    /// 3. a note that calls its number an assumption or a judgment anywhere, or that states a
    ///    story's premise ("Story: the US courts the maritime states"), is judgment;
    /// 4. a note that gives a formula or a proxy (`·`, `÷`, `=`, `ln `, "proxy", "rescaled",
    ///    "formula") is derived;
    /// 5. any other note cites a source.
    pub fn of_note(note: &str) -> Grade {
        let note = note.trim();
        if let Some(grade) = stated_grade(note) {
            return grade;
        }
        if note.is_empty() {
            return Grade::Judgment;
        }
        let lower = note.to_lowercase();
        if lower.contains("assumption") || lower.contains("judgment") || lower.starts_with("story:")
        {
            return Grade::Judgment;
        }
        const FORMULA_MARKS: [&str; 8] =
            ["·", "÷", "=", "ln ", "proxy", "rescaled", "formula", "/("];
        if FORMULA_MARKS.iter().any(|m| lower.contains(m)) {
            return Grade::Derived;
        }
        Grade::Source
    }
}

/// The grade a note states by its first word, if it states one.
fn stated_grade(note: &str) -> Option<Grade> {
    let (word, _) = note.split_once(':')?;
    let word = word.trim().to_lowercase();
    if word == "assumption" {
        return Some(Grade::Judgment);
    }
    Grade::ALL.into_iter().find(|g| g.word() == word)
}

/// The note with its grade written in front (`source: …`), unchanged when it already states one
/// (an `assumption:` note becomes `judgment:`). An empty note stays empty.
pub fn graded_note(note: &str) -> String {
    let note = note.trim();
    if note.is_empty() {
        return String::new();
    }
    if let Some(rest) = note.strip_prefix("assumption:") {
        return format!("{}: {}", Grade::Judgment.word(), rest.trim_start());
    }
    if stated_grade(note).is_some() {
        return note.to_string();
    }
    format!("{}: {note}", Grade::of_note(note).word())
}

/// The note without its stated grade word, for display beside a grade mark.
pub fn note_text(note: &str) -> &str {
    let note = note.trim();
    match (stated_grade(note), note.split_once(':')) {
        (Some(_), Some((_, rest))) => rest.trim_start(),
        _ => note,
    }
}

/// A note of `grade` saying `text`, as an editor writes it when the user picks a grade.
pub fn note_with_grade(grade: Grade, text: &str) -> String {
    let text = note_text(text);
    if text.is_empty() && grade == Grade::Judgment {
        return String::new();
    }
    format!("{}: {text}", grade.word())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_reads_the_baseline_kinds_of_note() {
        let cases = [
            ("IMF estimate, GDP 2023 (US$ bn)", Grade::Source),
            ("PDP Law 27/2022 in force", Grade::Source),
            (
                "ITU ICT Development Index 2023 = 95.1, rescaled (IDI − 50)/50",
                Grade::Derived,
            ),
            (
                "0.4·size + 0.3·ecosystem + 0.3·competitiveness",
                Grade::Derived,
            ),
            ("proxy: (ln GDP per capita − ln 1,000)/(…)", Grade::Derived),
            ("assumption: default commitment (0.7)", Grade::Judgment),
            (
                "Digital Silk Road elsewhere; intensity assumption",
                Grade::Judgment,
            ),
            ("Story: China courts Thailand", Grade::Judgment),
            (
                "calibrated: rest point of the 2025 alignment",
                Grade::Calibrated,
            ),
            ("", Grade::Judgment),
            ("   ", Grade::Judgment),
            ("source: ITU = 95.1", Grade::Source),
            ("Derived: GDP share", Grade::Derived),
            ("judgment: IMF figure adjusted", Grade::Judgment),
        ];
        for (note, grade) in cases {
            assert_eq!(Grade::of_note(note), grade, "{note:?}");
        }
    }

    #[test]
    fn a_graded_note_keeps_its_grade_and_its_text() {
        for note in [
            "IMF estimate, GDP 2023 (US$ bn)",
            "0.4·size + 0.3·ecosystem",
            "Digital Silk Road; intensity assumption",
            "calibrated: fitted",
            "assumption: default commitment (0.7)",
        ] {
            let graded = graded_note(note);
            assert_eq!(Grade::of_note(&graded), Grade::of_note(note), "{note:?}");
            assert_eq!(graded_note(&graded), graded, "idempotent for {note:?}");
            assert!(
                graded.starts_with(Grade::of_note(note).word()),
                "{graded:?}"
            );
        }
        assert_eq!(
            graded_note("assumption: default commitment (0.7)"),
            "judgment: default commitment (0.7)"
        );
        assert_eq!(graded_note(""), "");
    }

    #[test]
    fn calibration_notes_state_the_calibrated_grade() {
        let note = format!("{} fitted", super::super::CALIBRATED_NOTE);
        assert_eq!(Grade::of_note(&note), Grade::Calibrated);
    }

    #[test]
    fn a_note_shows_without_its_grade_word_and_takes_a_new_one() {
        assert_eq!(note_text("source: IMF"), "IMF");
        assert_eq!(note_text("IMF: GDP"), "IMF: GDP");
        assert_eq!(
            note_with_grade(Grade::Derived, "source: IMF"),
            "derived: IMF"
        );
        assert_eq!(note_with_grade(Grade::Judgment, ""), "");
        assert_eq!(note_with_grade(Grade::Source, ""), "source: ");
    }
}
