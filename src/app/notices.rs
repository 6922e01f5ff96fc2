//! What the app tells the person: the status-bar message and the one dialog shown at a time. Every
//! part of the app reports through this; none reaches into another part to do it.

use crate::ui::Modal;

/// The status-bar message and the dialog on screen.
#[derive(Default)]
pub(super) struct Notices {
    message: Option<String>,
    modal: Option<Modal>,
}

impl Notices {
    /// Puts a line in the status bar (replacing the last one).
    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
    }

    pub(super) fn clear_message(&mut self) {
        self.message = None;
    }

    pub(super) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows a dialog (replacing the one on screen).
    pub(super) fn show(&mut self, modal: Modal) {
        self.modal = Some(modal);
    }

    /// Shows the dialog if there is one, else closes any.
    pub(super) fn set_modal(&mut self, modal: Option<Modal>) {
        self.modal = modal;
    }

    /// An error dialog.
    pub(super) fn error(&mut self, title: impl Into<String>, message: impl Into<String>) {
        self.show(Modal::Error {
            title: title.into(),
            message: message.into(),
        });
    }

    pub(super) fn close(&mut self) {
        self.modal = None;
    }

    pub(super) fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    pub(super) fn modal_mut(&mut self) -> Option<&mut Modal> {
        self.modal.as_mut()
    }

    pub(super) fn has_modal(&self) -> bool {
        self.modal.is_some()
    }
}
