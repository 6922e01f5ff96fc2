//! Help, Model & sources: what each stage of the model does in plain words, every constant with
//! its default, this scenario's value, plausible range, grade and basis, where each profile field's
//! number comes from, and every input of the open scenario by confidence grade.

use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::model::{
    AseanField, ConstantId, Constants, Grade, GradeCounts, PowerField, StateField,
    asean_field_source, graded_inputs, note_text, power_field_source, state_field_source,
};

use super::ViewCtx;
use super::grade_mark::{grade_colour, grade_mark_ui};

/// The page's sections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourcesTab {
    #[default]
    Stages,
    Constants,
    Fields,
    Inputs,
}

impl SourcesTab {
    const ALL: [SourcesTab; 4] = [
        SourcesTab::Stages,
        SourcesTab::Constants,
        SourcesTab::Fields,
        SourcesTab::Inputs,
    ];

    fn label(self) -> &'static str {
        match self {
            SourcesTab::Stages => "How it works",
            SourcesTab::Constants => "Constants",
            SourcesTab::Fields => "Where the numbers come from",
            SourcesTab::Inputs => "This scenario's inputs",
        }
    }
}

/// The page's open state, kept in the UI state.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SourcesPage {
    #[serde(skip)]
    pub open: bool,
    pub tab: SourcesTab,
    /// The inputs list shows only this grade.
    #[serde(skip)]
    pub only: Option<Grade>,
}

/// Shows the window while `page.open`.
pub fn sources_window_ui(ctx: &egui::Context, view: &ViewCtx<'_>, page: &mut SourcesPage) {
    let mut open = page.open;
    let screen = ctx.content_rect();
    egui::Window::new("Model & sources")
        .open(&mut open)
        .default_size([
            (screen.width() * 0.62).min(900.0),
            (screen.height() * 0.75).min(760.0),
        ])
        .max_height(screen.height() * 0.9)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                for tab in SourcesTab::ALL {
                    ui.selectable_value(&mut page.tab, tab, tab.label());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| match page.tab {
                    SourcesTab::Stages => stages_ui(ui),
                    SourcesTab::Constants => constants_ui(ui, view),
                    SourcesTab::Fields => fields_ui(ui, view),
                    SourcesTab::Inputs => inputs_ui(ui, view, &mut page.only),
                });
        });
    page.open = open;
}

/// The stages of MODEL.md, each in a policy officer's words.
pub const STAGES: [(&str, &str); 8] = [
    (
        "What the model is",
        "A yearly simulation of the eleven member states from 2025. Each state has a position — shares \
         over the United States, China, the European Union and an autonomy pole — and a dependency on each \
         power's technology in five sectors (hardware, cloud, software, payments, standards). The model is \
         deterministic: the same inputs always give the same results.",
    ),
    (
        "1. Readiness and DEFA implementation",
        "Each year a state implements more of DEFA the readier it is (commitment, infrastructure, talent, data \
         protection; data localisation slows it when rules are harmonised) and, once DEFA is in force, the harder \
         its law and the closer its monitoring. Vague mechanisms let unilateral drift erode what was built.",
    ),
    (
        "2. Leverage",
        "A power's pull on a state is its capability times the intensity of its levers on that state. The US and \
         the EU make support conditional on governance, so their reach shrinks where governance erodes; China's \
         does not. Infrastructure finance also builds infrastructure and capacity building builds talent. Export \
         controls cut the other powers' hardware and cloud inflow, and bind harder on a state already leaning to \
         the controlling power (camp binding), so a sharper rivalry splits the bloc along existing lines.",
    ),
    (
        "3. Technology lock-in",
        "Dependency on a power's technology is a stock. Inflow from the power's market pull and levers fills the \
         part of a sector not yet supplied; replacement drains it, faster with digital talent and DEFA. Installed \
         technology keeps pulling a state's position after a project ends.",
    ),
    (
        "4. Position",
        "Each year a state's position moves toward a weighted mix of its ASEAN peers, of each power (pulled by \
         the levers and by the technology the state already depends on) and of the autonomy pole (pulled by DEFA), \
         while staying partly attached to its own anchor — more so the greater its capacity to hedge \
         (Friedkin–Johnsen opinion dynamics).",
    ),
    (
        "5. Events",
        "A scenario may change a state's profile in a given year (a coup, a data law in force); the model takes \
         the new value from that year on.",
    ),
    (
        "6. What the results measure",
        "Tilt: the US share minus the China share. Leaning: the pole with the largest share. Cohesion: how alike \
         the positions are. Bifurcation and tech split: how far the bloc is split between the first two powers, \
         in position and in technology. Autonomy: the autonomy share and the domestic technology share. DEFA \
         integration: weighted implementation.",
    ),
    (
        "How sure the numbers are",
        "Every input carries a basis note with a confidence grade: S source (a published figure or legal fact), \
         D derived (a formula or proxy over sourced data), C calibrated (fitted against the 2015–2025 record or \
         the 2025 rest point) and J judgment (a modeller's assumption, or no basis recorded). A constant that \
         calibration fitted against the 2015 backcast says so in its basis; the others are judgments with a \
         plausible range, and Sensitivity, All constants at once, tests how far a conclusion depends on them. \
         Use the app to compare scenarios and test how robust a conclusion is, not to forecast.",
    ),
];

fn stages_ui(ui: &mut Ui) {
    for (title, text) in STAGES {
        ui.label(RichText::new(title).strong());
        ui.label(text);
        ui.add_space(6.0);
    }
}

fn constants_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    let s = view.scenario;
    let defaults = Constants::default();
    ui.label(
        "Every constant of the model: its default (MODEL.md), the value in this scenario, the plausible range \
         robustness analysis draws it from, and the grade and basis of this scenario's value.",
    );
    ui.add_space(4.0);
    for &id in ConstantId::ALL {
        let note = s
            .constants_basis
            .get(id.key())
            .map(String::as_str)
            .unwrap_or("");
        let plausible = s.plausible(id);
        ui.horizontal_wrapped(|ui| {
            grade_mark_ui(ui, id.label(), note);
            ui.label(RichText::new(format!("{} ({})", id.label(), id.symbol())).strong());
            ui.label(format!(
                "default {} · this scenario {} · plausible {}",
                list(defaults.values(id)),
                list(s.constants.values(id)),
                plausible.span.label()
            ));
        });
        ui.label(RichText::new(id.help()).small());
        let basis = if note.is_empty() {
            "the MODEL.md default, a judgment of the model's authors".to_string()
        } else {
            note_text(note).to_string()
        };
        ui.label(RichText::new(format!("Basis: {basis}")).small().italics());
        ui.label(RichText::new(format!("Plausible range: {}", plausible.basis)).small());
        ui.add_space(6.0);
    }
}

/// `0.25`, or `0.14 0.2 0.25 …` for a constant with several values.
fn list(values: &[f64]) -> String {
    let n = crate::model::spec_text::fmt_number;
    if values.len() <= 5 {
        values.iter().map(|&v| n(v)).collect::<Vec<_>>().join(" ")
    } else {
        format!("{} … ({} values)", n(values[0]), values.len())
    }
}

fn fields_ui(ui: &mut Ui, view: &ViewCtx<'_>) {
    let s = view.scenario;
    ui.label(
        "Each input field: what it means, how the shipped 2025 baseline arrives at it, and the grade of each \
         state's value in this scenario (hover a tile for its note).",
    );
    ui.add_space(4.0);
    ui.heading("Member-state profile");
    for field in StateField::SCALARS.into_iter().chain([
        StateField::Alignment,
        StateField::Anchor,
        StateField::Dependency,
    ]) {
        let meta = field.meta();
        ui.label(RichText::new(format!("{} ({})", meta.label, meta.key)).strong());
        ui.label(RichText::new(meta.help).small());
        ui.label(format!("Source: {}", state_field_source(field)));
        ui.horizontal_wrapped(|ui| {
            for state in &s.states {
                if field == StateField::Anchor && state.anchor.is_none() {
                    continue;
                }
                let note = state.basis_of(field);
                ui.label(RichText::new(&state.code).monospace());
                grade_mark_ui(ui, &format!("{} {}", state.code, meta.label), note).on_hover_text(
                    if note.is_empty() {
                        "no basis recorded".to_string()
                    } else {
                        note_text(note).to_string()
                    },
                );
            }
        });
        ui.add_space(6.0);
    }
    ui.heading("Powers");
    for field in [
        PowerField::Capability,
        PowerField::Conditionality,
        PowerField::SectorPull,
    ] {
        let meta = field.meta();
        ui.label(RichText::new(format!("{} ({})", meta.label, meta.key)).strong());
        ui.label(format!("Source: {}", power_field_source(field)));
        ui.add_space(4.0);
    }
    ui.heading("ASEAN settings");
    for field in AseanField::ALL {
        let meta = field.meta();
        let note = field.basis_in(&s.asean);
        ui.horizontal_wrapped(|ui| {
            grade_mark_ui(ui, &format!("ASEAN {}", meta.label), note);
            ui.label(RichText::new(format!("{} ({})", meta.label, meta.key)).strong());
        });
        ui.label(format!("Source: {}", asean_field_source(field)));
        ui.add_space(4.0);
    }
}

fn inputs_ui(ui: &mut Ui, view: &ViewCtx<'_>, only: &mut Option<Grade>) {
    let inputs = graded_inputs(view.scenario);
    let counts = GradeCounts::from_inputs(&inputs);
    ui.label(RichText::new(counts.summary()).strong());
    grade_bar_ui(ui, &counts);
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        ui.selectable_value(only, None, "every grade");
        for g in Grade::ALL {
            ui.selectable_value(only, Some(g), format!("{} ({})", g.word(), counts.count(g)));
        }
    });
    ui.separator();
    for input in inputs.iter().filter(|i| only.is_none_or(|g| g == i.grade)) {
        ui.horizontal_wrapped(|ui| {
            grade_mark_ui(ui, &input.place, &input.note);
            ui.label(RichText::new(&input.place).strong());
            let text = if input.note.is_empty() {
                "no basis recorded"
            } else {
                note_text(&input.note)
            };
            ui.label(RichText::new(text).small());
        });
    }
}

/// A bar split by grade, each part labelled with its letter, as wide as the panel.
pub fn grade_bar_ui(ui: &mut Ui, counts: &GradeCounts) {
    let total = counts.total().max(1) as f32;
    let height = ui.text_style_height(&egui::TextStyle::Body) * 1.3;
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    let mut x = rect.left();
    let painter = ui.painter();
    for g in Grade::ALL {
        let w = rect.width() * counts.count(g) as f32 / total;
        if w <= 0.0 {
            continue;
        }
        let part = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, height));
        painter.rect_filled(part, 0.0, grade_colour(g));
        if w > height * 1.5 {
            painter.text(
                part.center(),
                egui::Align2::CENTER_CENTER,
                format!("{} {} %", g.letter(), counts.percent(g)),
                egui::TextStyle::Body.resolve(ui.style()),
                egui::Color32::BLACK,
            );
        }
        x += w;
    }
    response.on_hover_text(counts.summary());
}
