//! The scenario's claims as a reader sees them: each sentence with a tick (the model shows it), a
//! cross (it does not) or a question mark (it could not be measured), the number measured and what
//! was expected. Shown under the description, and in presenter mode for the story step on screen.
//! The marks are drawn, not typed: the app's font has no tick or cross.

use egui::{RichText, Ui};

use crate::analysis::{ClaimCheck, Verdict};

use super::theme;

/// How much a list says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimDetail {
    /// The sentence, the number and what is measured (the scenario panel).
    Full,
    /// The sentence and the number, one line each claim (presenter mode).
    Brief,
}

/// What a mark says to a screen reader and a test: "Claim holds", "Claim fails", "Claim not measured".
pub fn mark_label(check: &ClaimCheck) -> &'static str {
    match check.verdict {
        Verdict::Holds => "Claim holds",
        Verdict::Fails => "Claim fails",
        Verdict::Unmeasured(_) => "Claim not measured",
    }
}

/// Draws one claim's mark, a tick, a cross or a question mark, `size` points square. The shapes
/// differ, so the colour (the text's, or the error and warning colours) only repeats what they say.
fn mark_ui(ui: &mut Ui, check: &ClaimCheck, dark: bool, size: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    let label = mark_label(check);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label));
    let colour = match check.verdict {
        Verdict::Holds => ui.visuals().strong_text_color(),
        Verdict::Fails => theme::error_colour(dark),
        Verdict::Unmeasured(_) => theme::warning_colour(dark),
    };
    let stroke = egui::Stroke::new((size * 0.14).max(2.0), colour);
    let r = rect.shrink(size * 0.18);
    let at = |x: f32, y: f32| egui::pos2(r.left() + x * r.width(), r.top() + y * r.height());
    let painter = ui.painter();
    match check.verdict {
        Verdict::Holds => {
            painter.line_segment([at(0.0, 0.55), at(0.38, 0.92)], stroke);
            painter.line_segment([at(0.38, 0.92), at(1.0, 0.08)], stroke);
        }
        Verdict::Fails => {
            painter.line_segment([at(0.05, 0.05), at(0.95, 0.95)], stroke);
            painter.line_segment([at(0.95, 0.05), at(0.05, 0.95)], stroke);
        }
        Verdict::Unmeasured(_) => {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "?",
                egui::FontId::proportional(size),
                colour,
            );
        }
    }
    response
}

/// Lists `checks` with their marks and numbers.
pub fn claims_ui(ui: &mut Ui, checks: &[&ClaimCheck], detail: ClaimDetail, dark: bool) {
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    for check in checks {
        ui.horizontal_top(|ui| {
            mark_ui(ui, check, dark, body * 1.2).on_hover_text(match check.verdict {
                Verdict::Holds => "The model shows this",
                Verdict::Fails => "The model does not show this",
                Verdict::Unmeasured(_) => "This claim could not be measured",
            });
            ui.vertical(|ui| {
                let sentence = match detail {
                    ClaimDetail::Full => check.text.clone(),
                    ClaimDetail::Brief => format!("{} — {}", check.text, number(check)),
                };
                ui.add(egui::Label::new(sentence).wrap());
                if detail == ClaimDetail::Full {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{}: {}", check.measures, check.result_text()))
                                .small()
                                .weak(),
                        )
                        .wrap(),
                    );
                }
            });
        });
    }
}

/// The number a brief line shows: the measured value, or why there is none.
fn number(check: &ClaimCheck) -> String {
    match &check.verdict {
        Verdict::Unmeasured(_) => "not measured".into(),
        _ => crate::model::signed(check.measured),
    }
}

/// "3 of 4 claims hold" for a heading.
pub fn claims_summary(checks: &[ClaimCheck]) -> String {
    let holding = checks.iter().filter(|c| c.holds()).count();
    match checks.len() {
        1 if holding == 1 => "Its claim holds".into(),
        1 => "Its claim does not hold".into(),
        n => format!("{holding} of {n} claims hold"),
    }
}
