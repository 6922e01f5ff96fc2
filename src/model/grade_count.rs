//! Every input of a scenario with its confidence grade, and how many of each grade there are:
//! the count a reader needs before trusting a conclusion ("54 % of inputs are judgments").

use super::{AseanField, ConstantId, Grade, PowerField, Scenario, StateField};

/// One input and the grade of its basis note.
#[derive(Clone, Debug, PartialEq)]
pub struct GradedInput {
    /// Where the input is, in words ("Cambodia · Governance").
    pub place: String,
    pub grade: Grade,
    /// The basis note as written ("" for none).
    pub note: String,
}

/// Every input the model reads from the scenario, with its grade: each member state's profile
/// fields (the anchor only when it is set), each power's fields, the ASEAN settings, the model
/// constants and each lever entry (its intensity and window).
pub fn graded_inputs(s: &Scenario) -> Vec<GradedInput> {
    let mut out = Vec::new();
    let mut push = |place: String, note: &str| {
        out.push(GradedInput {
            place,
            grade: Grade::of_note(note),
            note: note.to_string(),
        });
    };
    for state in &s.states {
        for field in StateField::SCALARS
            .into_iter()
            .chain([StateField::Alignment, StateField::Dependency])
            .chain(state.anchor.as_ref().map(|_| StateField::Anchor))
        {
            let place = format!("{} · {}", state.name, field.meta().label);
            push(place, state.basis_of(field));
        }
    }
    for power in &s.powers {
        for field in [
            PowerField::Capability,
            PowerField::Conditionality,
            PowerField::SectorPull,
        ] {
            let note = power.basis.get(&field).map(String::as_str).unwrap_or("");
            push(format!("{} · {}", power.name, field.meta().label), note);
        }
    }
    for field in AseanField::ALL {
        let place = format!("ASEAN · {}", field.meta().label);
        push(place, field.basis_in(&s.asean));
    }
    for &id in ConstantId::ALL {
        let note = s.constants_basis.get(id.key()).map(String::as_str);
        push(format!("Constant · {}", id.label()), note.unwrap_or(""));
    }
    for (i, entry) in s.levers.iter().enumerate() {
        let place = format!("Lever #{} · {} {}", i + 1, entry.power, entry.kind.label());
        push(place, &entry.note);
    }
    out
}

/// How many inputs have each grade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GradeCounts {
    by_grade: [usize; 4],
}

impl GradeCounts {
    /// The counts over a scenario's inputs.
    pub fn of(s: &Scenario) -> Self {
        Self::from_inputs(&graded_inputs(s))
    }

    pub fn from_inputs(inputs: &[GradedInput]) -> Self {
        let mut counts = Self::default();
        for input in inputs {
            counts.by_grade[slot(input.grade)] += 1;
        }
        counts
    }

    pub fn count(&self, grade: Grade) -> usize {
        self.by_grade[slot(grade)]
    }

    pub fn total(&self) -> usize {
        self.by_grade.iter().sum()
    }

    /// The share of inputs with `grade`, in whole per cent (0 for no inputs).
    pub fn percent(&self, grade: Grade) -> usize {
        let total = self.total();
        if total == 0 {
            return 0;
        }
        (100.0 * self.count(grade) as f64 / total as f64).round() as usize
    }

    /// "54 % of the 190 inputs are judgments; 21 % cite a source, 19 % are derived from sourced
    /// data, 6 % are calibrated."
    pub fn summary(&self) -> String {
        format!(
            "{} % of the {} inputs are judgments; {} % cite a source, {} % are derived from sourced data, {} % are calibrated.",
            self.percent(Grade::Judgment),
            self.total(),
            self.percent(Grade::Source),
            self.percent(Grade::Derived),
            self.percent(Grade::Calibrated),
        )
    }
}

fn slot(grade: Grade) -> usize {
    match grade {
        Grade::Source => 0,
        Grade::Derived => 1,
        Grade::Calibrated => 2,
        Grade::Judgment => 3,
    }
}
