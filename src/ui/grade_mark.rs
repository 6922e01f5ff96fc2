//! The confidence-grade mark beside an input: a letter on a coloured tile (S source, D derived,
//! C calibrated, J judgment), so the grade survives colour blindness and a projector. Where the
//! note can be edited the mark is a menu that rewrites the note's grade word.

use egui::{Color32, Response, RichText, Ui};

use crate::model::{Grade, note_with_grade};

/// The tile colour of a grade: Okabe–Ito colours none of the shipped powers uses, light enough
/// for a black letter in both themes.
pub fn grade_colour(grade: Grade) -> Color32 {
    match grade {
        Grade::Source => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Grade::Derived => Color32::from_rgb(0xCC, 0x79, 0xA7),
        Grade::Calibrated => Color32::from_rgb(0xF0, 0xE4, 0x42),
        Grade::Judgment => Color32::from_rgb(0xE6, 0x9F, 0x00),
    }
}

fn tile(grade: Grade) -> egui::Button<'static> {
    egui::Button::new(
        RichText::new(grade.letter().to_string())
            .strong()
            .monospace()
            .color(Color32::BLACK),
    )
    .fill(grade_colour(grade))
    .small()
}

/// The accessible name of the mark of `what`'s note: what it says in words ("Governance grade:
/// judgment").
pub fn grade_name(what: &str, grade: Grade) -> String {
    format!("{what} grade: {}", grade.word())
}

/// A read-only mark for the grade of `what`'s `note`.
pub fn grade_mark_ui(ui: &mut Ui, what: &str, note: &str) -> Response {
    let grade = Grade::of_note(note);
    let response = ui
        .add(tile(grade).sense(egui::Sense::hover()))
        .on_hover_text(grade.meaning());
    super::widgets::name_widget(ui, &response, grade_name(what, grade));
    response
}

/// A mark that opens a menu of the four grades; returns `what`'s note rewritten with the chosen one.
pub fn grade_menu_ui(ui: &mut Ui, what: &str, note: &str) -> Option<String> {
    let grade = Grade::of_note(note);
    let mut chosen = None;
    let (response, _) = egui::containers::menu::MenuButton::from_button(tile(grade)).ui(ui, |ui| {
        for g in Grade::ALL {
            if ui.selectable_label(g == grade, g.meaning()).clicked() && g != grade {
                chosen = Some(note_with_grade(g, note));
            }
        }
    });
    let response = response.on_hover_text(format!("{} (click to change)", grade.meaning()));
    super::widgets::name_widget(ui, &response, grade_name(what, grade));
    chosen
}

/// A basis note's grade menu and its text field, side by side; returns the committed new note,
/// from either.
pub fn graded_note_ui(
    ui: &mut Ui,
    id_key: &str,
    what: &str,
    note: &str,
    hint: &str,
    width: f32,
) -> Option<String> {
    let regraded = grade_menu_ui(ui, what, note);
    let typed = super::widgets::committed_text_ui(
        ui,
        id_key,
        note,
        hint,
        width,
        super::widgets::Named::As(&format!("{what} basis")),
    );
    regraded.or(typed)
}
