//! The workshop room: teams play their moves from their own browsers while the facilitator
//! adjudicates. `core` holds the rules (who may submit what, rounds, decisions, the reveal) and
//! knows no network; `server` serves the participants' page and the JSON API from a background
//! thread; `api` is the JSON both speak. No egui, no files.

mod api;
mod core;
mod error;
mod server;
mod tokens;

pub use api::{ChangeJson, TeamView, team_view};
pub use core::{Decision, LeverChange, MAX_ARGUMENT, Phase, Room, Round, Seat, Submission};
pub use error::RoomError;
pub use server::{MAX_BODY_BYTES, MAX_SUBMISSIONS_PER_WINDOW, RATE_WINDOW, RoomServer, Shared};
