//! Basis notes written by calibration: how they begin, so a hand edit of the value can drop them.

/// How every note calibration writes begins; a hand edit of the value drops such a note.
pub const CALIBRATED_NOTE: &str = "calibrated:";

/// Whether a basis note was written by calibration.
pub fn is_calibrated_note(note: &str) -> bool {
    note.starts_with(CALIBRATED_NOTE)
}
