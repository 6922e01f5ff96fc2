//! The room's page in a real browser (headless Chromium): a team joins with the room code and its
//! token, sees only its own levers, sends a move with its argument and a forecast, sees the
//! facilitator's decision and the reveal; a dropped phone rejoins by its link; a team name that is
//! markup shows as text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use asean_futures::io;
use asean_futures::room::{Room, RoomServer};
use common::browser::Browser;
use serde_json::json;

#[test]
fn a_team_joins_moves_forecasts_and_sees_the_reveal_in_a_real_browser() {
    let mut s =
        io::load_scenario(&common::root().join("saved_scenarios/workshop_game.ron")).unwrap();
    s.teams[0].name = "<img src=x onerror=alert(1)>".into();
    let room = Room::new(&s).unwrap();
    let server = RoomServer::start(room, "127.0.0.1:0".parse().unwrap(), Box::new(|| {})).unwrap();
    let base = format!("http://127.0.0.1:{}", server.addr().port());
    let (code, beijing, washington) = {
        let room = server.shared().room();
        (
            room.code.clone(),
            room.seats[1].token.clone(),
            room.seats[0].token.clone(),
        )
    };
    server.shared().room().open_round(None).unwrap();

    let b = Browser::start();
    // Join by typing the code and the token.
    b.goto(&format!("{base}/"));
    b.type_into("#room", &code.to_lowercase());
    b.type_into("#token", &beijing);
    b.click("#join-button");
    b.wait_text("#team-name", |t| t == "Beijing");
    b.wait_text("#round-title", |t| t.starts_with("Round 1"));
    // Only Beijing's four levers are on its page.
    let inputs = b.script(
        "return [...document.querySelectorAll('#levers input')].map(i => i.dataset.input);",
        &json!([]),
    );
    assert_eq!(inputs, json!(s.teams[1].levers));
    // A move: the first lever to 0.9, with an argument.
    b.script(
        "const i = document.querySelector('#levers input'); i.value = arguments[0]; \
         i.dispatchEvent(new Event('input')); return i.value;",
        &json!(["0.9"]),
    );
    b.type_into("#argument", "finance the backbone");
    b.click("#send-move");
    b.wait_text("#status", |t| t.starts_with("Move sent"));
    b.type_into("#forecast", "0.55");
    b.click("#send-forecast");
    b.wait_text("#status", |t| t == "Forecast sent.");
    {
        let room = server.shared().room();
        let sub = &room.round().unwrap().submissions[0];
        assert_eq!(sub.team, 1);
        assert_eq!(sub.changes.len(), 1);
        assert_eq!(sub.changes[0].input, "levers[0].intensity");
        assert!((sub.changes[0].value - 0.9).abs() < 1e-9);
        assert_eq!(sub.argument, "finance the backbone");
        assert_eq!(sub.forecast, Some(0.55));
        assert_eq!(room.scenario(), &s, "nothing applied before the reveal");
    }
    // A move over the team's budget is refused by the room, with the reason on the page; the
    // browser itself keeps a forecast inside the outcome's range (the field's min and max).
    b.script(
        "const s = [...document.querySelectorAll('#levers input')]; \
         s[0].value = '1'; s[1].value = '1'; \
         s.forEach(i => i.dispatchEvent(new Event('input'))); return s.length;",
        &json!([]),
    );
    b.click("#send-move");
    b.wait_text("#status", |t| t.contains("budget"));
    assert_eq!(
        b.script(
            "return document.querySelector('#forecast').max;",
            &json!([])
        ),
        json!("1")
    );
    {
        let room = server.shared().room();
        let sub = &room.round().unwrap().submissions[0];
        assert!(
            (sub.changes[0].value - 0.9).abs() < 1e-9,
            "the refused move replaced nothing"
        );
    }
    // The facilitator accepts and reveals; the page shows the decision and the result.
    server.shared().room().accept_all().unwrap();
    b.wait_text("#status", |t| t.contains("accepted your move"));
    let (_, played) = server
        .shared()
        .room()
        .reveal("2026-12-02 10:00:00")
        .unwrap();
    let reveal = b.wait_text("#reveal-text", |t| t.contains("before the round"));
    assert!(reveal.contains(&format!("{:.3}", played.after)), "{reveal}");
    let rows = b.text("#reveal-rows");
    assert!(rows.contains("Beijing") && rows.contains("0.550"), "{rows}");
    // A dropped phone rejoins by its link, and markup in a name is shown as text.
    b.goto(&format!("{base}/?room={code}&token={washington}"));
    b.wait_text("#team-name", |t| t == "<img src=x onerror=alert(1)>");
    let images = b.script("return document.images.length;", &json!([]));
    assert_eq!(images, json!(0), "the name was not turned into an element");
}
