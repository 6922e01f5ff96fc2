//! The choices behind the analyses — which outcome (a state's quantity or a bloc index, at a year)
//! and which inputs (knobs) — as small serialisable values with combo-box pickers. They refer to
//! states, powers and lever entries by index and are checked against the scenario whenever used,
//! so a removed state or lever makes a choice "unset", never a crash.

use egui::Ui;
use serde::{Deserialize, Serialize};

use crate::analysis::{Outcome, OutcomeKind, SweepSpec};
use crate::engine::BlocIndex;
use crate::model::Knob;
use crate::model::{AseanField, ConstantId, ConstantShape, Scenario, StateField};

use super::super::widgets::name_widget;
use super::glyph_safe;

/// What an outcome measures; state measures apply to [`OutcomeChoice::state`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Quantity {
    /// Index into [`BlocIndex::ALL`].
    Bloc(usize),
    /// Share of a pole (powers in order, then autonomy).
    Share(usize),
    Tilt,
    /// Dependency on a power (mean over sectors).
    Dependency(usize),
    Hedging,
    Defa,
}

/// An outcome as chosen in a view: a quantity, the state it concerns, and a year (`None`: the
/// cursor year, so the analysis follows the charts).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutcomeChoice {
    pub quantity: Quantity,
    pub state: usize,
    pub year: Option<f64>,
}

impl Default for OutcomeChoice {
    /// Bloc bifurcation at the cursor year: "does the region split?".
    fn default() -> Self {
        Self {
            quantity: Quantity::Bloc(BlocIndex::Bifurcation as usize),
            state: 1,
            year: None,
        }
    }
}

impl OutcomeChoice {
    /// The outcome in scenario `s`, or `None` when the choice names something `s` lacks.
    pub fn outcome(&self, s: &Scenario, cursor_year: f64) -> Option<Outcome> {
        let state = self.state;
        let kind = match self.quantity {
            Quantity::Bloc(b) => OutcomeKind::Bloc(*BlocIndex::ALL.get(b)?),
            Quantity::Share(pole) => OutcomeKind::Share { state, pole },
            Quantity::Tilt if s.powers.len() >= 2 => OutcomeKind::Tilt { state },
            Quantity::Tilt => return None,
            Quantity::Dependency(power) => OutcomeKind::Dependency { state, power },
            Quantity::Hedging => OutcomeKind::Hedging { state },
            Quantity::Defa => OutcomeKind::Defa { state },
        };
        let (y0, y1) = (s.time.start_year, s.time.end_year);
        let year = self
            .year
            .unwrap_or(cursor_year)
            .clamp(y0.min(y1), y1.max(y0));
        let outcome = Outcome::new(kind, year);
        outcome.fits_scenario(s).then_some(outcome)
    }

    fn is_state_measure(&self) -> bool {
        !matches!(self.quantity, Quantity::Bloc(_))
    }
}

/// The measures a scenario offers, with their labels.
fn measures(s: &Scenario) -> Vec<(Quantity, String)> {
    let mut out: Vec<(Quantity, String)> = BlocIndex::ALL
        .iter()
        .enumerate()
        .map(|(b, idx)| {
            // "Bloc DEFA integration": the label lower-cased, the acronym kept.
            let name = idx.label().to_lowercase().replace("defa", "DEFA");
            (Quantity::Bloc(b), format!("Bloc {name}"))
        })
        .collect();
    for (o, code) in s.pole_codes().iter().enumerate() {
        let name = s
            .powers
            .get(o)
            .map_or("autonomy".to_string(), |p| p.name.clone());
        out.push((Quantity::Share(o), format!("Share of {name} ({code})")));
    }
    if s.powers.len() >= 2 {
        out.push((
            Quantity::Tilt,
            format!("Tilt ({} minus {})", s.powers[0].code, s.powers[1].code),
        ));
    }
    for (p, power) in s.powers.iter().enumerate() {
        out.push((
            Quantity::Dependency(p),
            format!("Dependency on {}", power.name),
        ));
    }
    out.push((Quantity::Hedging, "Hedging index".into()));
    out.push((Quantity::Defa, "DEFA progress".into()));
    out
}

/// The outcome picker: measure, state (for state measures) and year. `name` prefixes the
/// accessible names ("Attribution measure", "Attribution state", …).
pub fn outcome_picker_ui(
    ui: &mut Ui,
    lead: &str,
    name: &str,
    s: &Scenario,
    cursor_year: f64,
    choice: &mut OutcomeChoice,
) {
    ui.horizontal_wrapped(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        let list = measures(s);
        let current = list
            .iter()
            .find(|(q, _)| *q == choice.quantity)
            .map_or("(choose)".to_string(), |(_, l)| l.clone());
        ui.label(lead);
        let combo = egui::ComboBox::from_id_salt((name, "measure"))
            .selected_text(current)
            .height(420.0)
            .show_ui(ui, |ui| {
                for (q, l) in &list {
                    ui.selectable_value(&mut choice.quantity, *q, l.as_str());
                }
            });
        name_widget(ui, &combo.response, format!("{name} measure"));
        if choice.is_state_measure() {
            state_combo_ui(
                ui,
                (name, "state"),
                &format!("{name} state"),
                s,
                &mut choice.state,
            );
        }
        ui.separator();
        let mut follow = choice.year.is_none();
        if ui
            .checkbox(&mut follow, "At the cursor year")
            .on_hover_text("Follow the year cursor of the charts")
            .changed()
        {
            choice.year = if follow { None } else { Some(cursor_year) };
        }
        if let Some(year) = &mut choice.year {
            let (y0, y1) = (s.time.start_year, s.time.end_year);
            let step = s.time.step();
            // A slider does not wrap: start it on a new row rather than overflow the area.
            if ui.max_rect().right() - ui.cursor().left() < ui.spacing().slider_width + 120.0 {
                ui.end_row();
            }
            let year_label = ui.label("Year");
            ui.add(
                egui::Slider::new(year, y0..=y1.max(y0 + step))
                    .clamping(egui::SliderClamping::Edits)
                    .step_by(step)
                    .fixed_decimals(if step < 1.0 { 2 } else { 0 }),
            )
            .labelled_by(year_label.id);
        } else {
            ui.label(format!("({})", fmt_year(cursor_year)));
        }
    });
}

/// A combo box of the scenario's states.
pub fn state_combo_ui(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    s: &Scenario,
    state: &mut usize,
) {
    let text = s
        .states
        .get(*state)
        .map_or("(choose a state)".to_string(), |st| {
            format!("{} {}", st.code, st.name)
        });
    let combo = egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .height(420.0)
        .show_ui(ui, |ui| {
            for (i, st) in s.states.iter().enumerate() {
                ui.selectable_value(state, i, format!("{} {}", st.code, st.name));
            }
        });
    name_widget(ui, &combo.response, name);
}

/// `2035` or `Apr 2035` (see [`crate::model::naming::year_label`]).
pub fn fmt_year(year: f64) -> String {
    crate::model::naming::year_label(year)
}

/// One input to sweep, mirroring [`Knob`] in a form that can be kept between sessions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KnobChoice {
    Lever {
        entry: usize,
    },
    State {
        state: usize,
        field: StateField,
    },
    /// Index into [`AseanField::ALL`].
    Asean {
        field: usize,
    },
    Capability {
        power: usize,
    },
    Conditionality {
        power: usize,
    },
    /// Index into [`ConstantId::ALL`] and the element of the constant.
    Constant {
        id: usize,
        index: usize,
    },
}

impl KnobChoice {
    /// The knob, if the indices name one.
    pub fn knob(&self) -> Option<Knob> {
        Some(match *self {
            KnobChoice::Lever { entry } => Knob::LeverIntensity { entry },
            KnobChoice::State { state, field } => Knob::State { state, field },
            KnobChoice::Asean { field } => Knob::Asean(*AseanField::ALL.get(field)?),
            KnobChoice::Capability { power } => Knob::Capability { power },
            KnobChoice::Conditionality { power } => Knob::Conditionality { power },
            KnobChoice::Constant { id, index } => Knob::Constant {
                id: *ConstantId::ALL.get(id)?,
                index,
            },
        })
    }

    /// The knob if it exists in `s`.
    pub fn knob_in(&self, s: &Scenario) -> Option<Knob> {
        self.knob().filter(|k| k.get(s).is_ok())
    }

    fn category(&self) -> usize {
        match self {
            KnobChoice::Lever { .. } => 0,
            KnobChoice::State { .. } => 1,
            KnobChoice::Asean { .. } => 2,
            KnobChoice::Capability { .. } | KnobChoice::Conditionality { .. } => 3,
            KnobChoice::Constant { .. } => 4,
        }
    }
}

const CATEGORIES: [&str; 5] = [
    "Lever intensity",
    "State profile",
    "ASEAN policy",
    "Power",
    "Constant",
];

/// State fields worth sweeping: the scalar profile values except GDP, which only weights the bloc
/// indices and spans six orders of magnitude.
fn sweepable_state_fields() -> impl Iterator<Item = StateField> {
    StateField::SCALARS
        .into_iter()
        .filter(|f| *f != StateField::GdpUsdBn)
}

/// Every constant element offered: scalars, and per-sector and per-lever values (the 35 weights of
/// the lever-to-sector table are left to the constants editor).
fn constant_choices() -> Vec<KnobChoice> {
    let mut out = Vec::new();
    for (id, c) in ConstantId::ALL.iter().enumerate() {
        match c.shape() {
            ConstantShape::LeverBySector => {}
            shape => {
                for index in 0..shape.len() {
                    out.push(KnobChoice::Constant { id, index });
                }
            }
        }
    }
    out
}

/// The knob picker: a kind, then the entry, state and field, power, or constant. `name` prefixes
/// the accessible names ("X input kind", "X lever entry", …).
pub fn knob_picker_ui(ui: &mut Ui, lead: &str, name: &str, s: &Scenario, choice: &mut KnobChoice) {
    ui.horizontal_wrapped(|ui| {
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        ui.label(lead);
        let mut category = choice.category();
        let combo = egui::ComboBox::from_id_salt((name, "category"))
            .selected_text(CATEGORIES[category])
            .show_ui(ui, |ui| {
                for (c, label) in CATEGORIES.iter().enumerate() {
                    ui.selectable_value(&mut category, c, *label);
                }
            });
        name_widget(ui, &combo.response, format!("{name} input kind"));
        if category != choice.category() {
            *choice = match category {
                0 => KnobChoice::Lever { entry: 0 },
                1 => KnobChoice::State {
                    state: 0,
                    field: StateField::Governance,
                },
                2 => KnobChoice::Asean { field: 1 },
                3 => KnobChoice::Capability { power: 0 },
                _ => KnobChoice::Constant {
                    id: ConstantId::ALL
                        .iter()
                        .position(|c| *c == ConstantId::LockIn)
                        .unwrap_or(0),
                    index: 0,
                },
            };
        }
        match choice {
            KnobChoice::Lever { entry } => {
                let text = |e: usize| {
                    glyph_safe(&Knob::LeverIntensity { entry: e }.label(s))
                        .trim_end_matches(", intensity")
                        .to_string()
                };
                let selected = if *entry < s.levers.len() {
                    text(*entry)
                } else {
                    "(choose a lever entry)".to_string()
                };
                let combo = egui::ComboBox::from_id_salt((name, "lever"))
                    .selected_text(selected.clone())
                    .width(340.0)
                    .truncate()
                    .height(420.0)
                    .show_ui(ui, |ui| {
                        for e in 0..s.levers.len() {
                            ui.selectable_value(entry, e, text(e));
                        }
                    });
                let combo_response = combo.response.on_hover_text(selected);
                name_widget(ui, &combo_response, format!("{name} lever entry"));
            }
            KnobChoice::State { state, field } => {
                state_combo_ui(ui, (name, "state"), &format!("{name} state"), s, state);
                let combo = egui::ComboBox::from_id_salt((name, "field"))
                    .selected_text(field.meta().label)
                    .show_ui(ui, |ui| {
                        for f in sweepable_state_fields() {
                            ui.selectable_value(field, f, f.meta().label);
                        }
                    });
                name_widget(ui, &combo.response, format!("{name} field"));
            }
            KnobChoice::Asean { field } => {
                let label = |f: usize| {
                    AseanField::ALL
                        .get(f)
                        .map_or("(choose)", |x| x.meta().label)
                };
                let combo = egui::ComboBox::from_id_salt((name, "asean"))
                    .selected_text(label(*field))
                    .show_ui(ui, |ui| {
                        for f in 0..AseanField::ALL.len() {
                            ui.selectable_value(field, f, label(f));
                        }
                    });
                name_widget(ui, &combo.response, format!("{name} ASEAN field"));
            }
            KnobChoice::Capability { power } | KnobChoice::Conditionality { power } => {
                let p = *power;
                let mut which = matches!(choice, KnobChoice::Conditionality { .. });
                let mut p_new = p;
                let text = s
                    .powers
                    .get(p)
                    .map_or("(choose a power)".to_string(), |x| x.name.clone());
                let combo = egui::ComboBox::from_id_salt((name, "power"))
                    .selected_text(text)
                    .show_ui(ui, |ui| {
                        for (q, pw) in s.powers.iter().enumerate() {
                            ui.selectable_value(&mut p_new, q, pw.name.as_str());
                        }
                    });
                name_widget(ui, &combo.response, format!("{name} power"));
                let combo = egui::ComboBox::from_id_salt((name, "power_field"))
                    .selected_text(if which {
                        "Conditionality"
                    } else {
                        "Capability"
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut which, false, "Capability");
                        ui.selectable_value(&mut which, true, "Conditionality");
                    });
                name_widget(ui, &combo.response, format!("{name} power field"));
                *choice = if which {
                    KnobChoice::Conditionality { power: p_new }
                } else {
                    KnobChoice::Capability { power: p_new }
                };
            }
            KnobChoice::Constant { .. } => {
                let label = |c: &KnobChoice| {
                    c.knob()
                        .map_or("(choose)".to_string(), |k| glyph_safe(&k.label(s)))
                };
                let selected = label(choice);
                let mut picked = *choice;
                let combo = egui::ComboBox::from_id_salt((name, "constant"))
                    .selected_text(selected)
                    .width(300.0)
                    .truncate()
                    .height(420.0)
                    .show_ui(ui, |ui| {
                        for c in constant_choices() {
                            ui.selectable_value(&mut picked, c, label(&c));
                        }
                    });
                name_widget(ui, &combo.response, format!("{name} constant"));
                *choice = picked;
            }
        }
    });
}

/// The choices of the tipping-point map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SweepChoice {
    pub x: KnobChoice,
    pub y: KnobChoice,
    /// The state whose leaning flips are drawn.
    pub state: usize,
    pub outcome: OutcomeChoice,
    /// Points per axis.
    pub grid: usize,
}

impl Default for SweepChoice {
    /// The first lever entry against Cambodia's hedging capacity, reading Cambodia's tilt.
    fn default() -> Self {
        Self {
            x: KnobChoice::Lever { entry: 0 },
            y: KnobChoice::State {
                state: 1,
                field: StateField::Hedging,
            },
            state: 1,
            outcome: OutcomeChoice {
                quantity: Quantity::Tilt,
                state: 1,
                year: None,
            },
            grid: crate::analysis::DEFAULT_GRID,
        }
    }
}

/// Why the sweep as chosen cannot run on the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SweepNotReady {
    #[error("choose the input along x (the one chosen does not exist in this scenario)")]
    NoX,
    #[error("choose the input along y (the one chosen does not exist in this scenario)")]
    NoY,
    #[error("x and y are the same input: choose two different ones")]
    SameInput,
    #[error("choose an outcome this scenario has")]
    NoOutcome,
    #[error("choose the state whose leaning flips are drawn")]
    NoState,
}

impl SweepChoice {
    /// The sweep to run, or why it cannot run on `s`.
    pub fn spec(&self, s: &Scenario, cursor_year: f64) -> Result<SweepSpec, SweepNotReady> {
        let x = self.x.knob_in(s).ok_or(SweepNotReady::NoX)?;
        let y = self.y.knob_in(s).ok_or(SweepNotReady::NoY)?;
        if x == y {
            return Err(SweepNotReady::SameInput);
        }
        let outcome = self
            .outcome
            .outcome(s, cursor_year)
            .ok_or(SweepNotReady::NoOutcome)?;
        if self.state >= s.states.len() {
            return Err(SweepNotReady::NoState);
        }
        let mut spec = SweepSpec::new(x, y, outcome);
        spec.state = Some(self.state);
        let n = self.grid.clamp(2, crate::analysis::MAX_GRID);
        spec.nx = n;
        spec.ny = n;
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_turn_into_outcomes_and_knobs_of_the_scenario() {
        let s = crate::io::baseline().unwrap();
        let o = OutcomeChoice::default().outcome(&s, 2040.0).unwrap();
        assert_eq!(o.kind, OutcomeKind::Bloc(BlocIndex::Bifurcation));
        assert_eq!(o.year, 2040.0);
        let gone = OutcomeChoice {
            quantity: Quantity::Tilt,
            state: 99,
            year: Some(2030.0),
        };
        assert!(gone.outcome(&s, 2040.0).is_none());
        let spec = SweepChoice::default().spec(&s, 2035.0).unwrap();
        assert_eq!(spec.state, Some(1));
        assert_eq!((spec.nx, spec.ny), (25, 25));
        for c in constant_choices() {
            assert!(c.knob_in(&s).is_some(), "{c:?}");
        }
    }
}
