//! The room as a network service: a small HTTP server (axum on a tokio runtime of its own, in a
//! background thread, never the UI thread) serving the participants' page and the JSON API.
//! Everything from the network is hostile: bodies are capped, each team's submissions are rate
//! limited, every request needs the room code and a team token, and refusals say why.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::api::{ErrorJson, ForecastRequest, MoveRequest, team_view};
use super::core::Room;
use super::error::RoomError;

/// The largest request body accepted, in bytes: a move of every lever with a full argument fits
/// in well under this.
pub const MAX_BODY_BYTES: usize = 4096;
/// Submissions one team may make per [`RATE_WINDOW`].
pub const MAX_SUBMISSIONS_PER_WINDOW: u32 = 20;
pub const RATE_WINDOW: Duration = Duration::from_secs(10);

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");

/// What the server shares with its owner: the room, and a count of changes so the owner can
/// notice submissions without polling the room itself.
pub struct Shared {
    room: Mutex<Room>,
    rate: Mutex<HashMap<usize, (Instant, u32)>>,
    /// Called after every accepted submission (the window asks for a repaint).
    notify: Box<dyn Fn() + Send + Sync>,
    changes: std::sync::atomic::AtomicU64,
}

impl Shared {
    /// The room, locked. A panic elsewhere while it was held leaves it as it was, so a poisoned
    /// lock is taken over rather than passed on.
    pub fn room(&self) -> MutexGuard<'_, Room> {
        self.room
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many submissions the room has taken so far.
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether team `t` may submit now; counts the submission.
    fn allow(&self, t: usize) -> bool {
        let mut rate = self
            .rate
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let entry = rate.entry(t).or_insert((now, 0));
        if now.duration_since(entry.0) >= RATE_WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= MAX_SUBMISSIONS_PER_WINDOW
    }
}

/// A running room server; dropping it closes the room.
pub struct RoomServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RoomServer {
    /// Binds `bind` (port 0: any free port) and serves the room from a background thread.
    pub fn start(
        room: Room,
        bind: SocketAddr,
        notify: Box<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind(bind)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            room: Mutex::new(room),
            rate: Mutex::new(HashMap::new()),
            notify,
            changes: std::sync::atomic::AtomicU64::new(0),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = router(Arc::clone(&shared));
        let thread = std::thread::Builder::new()
            .name("room-server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })?;
        Ok(Self {
            shared,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address the room listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The link a team joins with: the page, the room code and the team's token.
    pub fn join_link(&self, host: &str, team: usize) -> Option<String> {
        let room = self.shared.room();
        let seat = room.seats.get(team)?;
        Some(format!(
            "http://{host}:{}/?room={}&token={}",
            self.addr.port(),
            room.code,
            seat.token
        ))
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/api/state", get(state))
        .route("/api/move", post(submit_move))
        .route("/api/forecast", post(submit_forecast))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared)
}

/// Headers every answer carries: no script from anywhere but this page, no framing, no caching
/// of a team's state.
fn hardened(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn page() -> Response {
    hardened(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response())
}

async fn script() -> Response {
    hardened(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            SCRIPT,
        )
            .into_response(),
    )
}

#[derive(Deserialize)]
struct StateQuery {
    room: String,
    token: String,
}

/// A refusal as JSON with its status.
fn refused(status: StatusCode, e: &RoomError) -> Response {
    hardened(
        (
            status,
            Json(ErrorJson {
                error: e.to_string(),
            }),
        )
            .into_response(),
    )
}

fn status_of(e: &RoomError) -> StatusCode {
    match e {
        RoomError::BadToken | RoomError::BadCode => StatusCode::FORBIDDEN,
        RoomError::NoOpenRound | RoomError::RoundOpen => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// The team the request's code and token name.
fn authorise(room: &Room, code: &str, token: &str) -> Result<usize, RoomError> {
    if !room.is_code(code) {
        return Err(RoomError::BadCode);
    }
    room.team_of(token).ok_or(RoomError::BadToken)
}

async fn state(State(shared): State<Arc<Shared>>, Query(q): Query<StateQuery>) -> Response {
    let room = shared.room();
    match authorise(&room, &q.room, &q.token) {
        Ok(t) => hardened(Json(team_view(&room, t)).into_response()),
        Err(e) => refused(status_of(&e), &e),
    }
}

/// Runs one submission: authorised, rate limited, then handed to the room's rules.
fn submit(
    shared: &Shared,
    code: &str,
    token: &str,
    apply: impl FnOnce(&mut Room) -> Result<(), RoomError>,
) -> Response {
    let mut room = shared.room();
    let team = match authorise(&room, code, token) {
        Ok(t) => t,
        Err(e) => return refused(status_of(&e), &e),
    };
    if !shared.allow(team) {
        return hardened(
            (
                StatusCode::TOO_MANY_REQUESTS,
                Json(ErrorJson {
                    error: format!(
                        "too many submissions: at most {MAX_SUBMISSIONS_PER_WINDOW} in {} seconds",
                        RATE_WINDOW.as_secs()
                    ),
                }),
            )
                .into_response(),
        );
    }
    match apply(&mut room) {
        Ok(()) => {
            drop(room);
            shared
                .changes
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            (shared.notify)();
            hardened(Json(serde_json::json!({ "ok": true })).into_response())
        }
        Err(e) => refused(status_of(&e), &e),
    }
}

async fn submit_move(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<MoveRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(req) = match body {
        Ok(b) => b,
        Err(e) => return bad_body(&e),
    };
    let changes = req.changes.into_iter().map(Into::into).collect();
    submit(&shared, &req.room, &req.token, |room| {
        room.submit_move(&req.token, changes, &req.argument)
    })
}

async fn submit_forecast(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<ForecastRequest>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let Json(req) = match body {
        Ok(b) => b,
        Err(e) => return bad_body(&e),
    };
    submit(&shared, &req.room, &req.token, |room| {
        room.submit_forecast(&req.token, req.value)
    })
}

/// A body that is not the JSON the API reads: too large, not JSON, or with unknown fields.
fn bad_body(e: &axum::extract::rejection::JsonRejection) -> Response {
    hardened(
        (
            e.status(),
            Json(ErrorJson {
                error: format!(
                    "the request was not read: {} (at most {MAX_BODY_BYTES} bytes of JSON)",
                    e.body_text()
                ),
            }),
        )
            .into_response(),
    )
}
