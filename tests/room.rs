//! The workshop room: a team moves only its own levers within its budget, a submission is
//! validated like an edit, the reveal applies the accepted moves as one batch and splits the change
//! among the teams by Shapley values — through the rules directly, over HTTP on loopback
//! (tokens, body size, rate limit, script in names), and in the headless `room` command.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail by panicking

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use asean_futures::analysis::{self, Outcome};
use asean_futures::engine;
use asean_futures::io;
use asean_futures::model::{Edit, Scenario};
use asean_futures::room::{Decision, LeverChange, Room, RoomError, RoomServer};

fn game() -> Scenario {
    io::load_scenario(&common::root().join("saved_scenarios/workshop_game.ron")).unwrap()
}

fn change(input: &str, value: f64) -> LeverChange {
    LeverChange {
        input: input.into(),
        value,
    }
}

fn token(room: &Room, name: &str) -> String {
    room.seats
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .token
        .clone()
}

#[test]
fn the_shipped_game_has_five_teams_and_a_three_round_arc_every_round_can_open() {
    let s = game();
    assert!(
        s.validate()
            .iter()
            .all(|p| p.severity != asean_futures::model::Severity::Error)
    );
    let names: Vec<&str> = s.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Washington",
            "Beijing",
            "Brussels",
            "ASEAN Secretariat",
            "Cambodia"
        ]
    );
    assert_eq!(s.rounds.len(), 3);
    for round in &s.rounds {
        Outcome::parse(&s, &round.forecast).unwrap();
    }
    // Each team's levers are its own: no input belongs to two teams.
    let mut all: Vec<_> = s.teams.iter().flat_map(|t| t.knobs(&s)).collect();
    let n = all.len();
    all.dedup();
    assert_eq!(all.len(), n);
    assert_eq!(n, s.teams.iter().map(|t| t.levers.len()).sum::<usize>());
}

#[test]
fn a_team_moves_only_its_own_levers_within_range_and_budget() {
    let s = game();
    let mut room = Room::new(&s).unwrap();
    let beijing = token(&room, "Beijing");
    // Nothing before a round opens.
    assert_eq!(
        room.submit_move(&beijing, vec![change("levers[0].intensity", 0.9)], "x"),
        Err(RoomError::NoOpenRound)
    );
    room.open_round(None).unwrap();
    assert_eq!(
        room.submit_move("not-a-token", vec![], ""),
        Err(RoomError::BadToken)
    );
    // Washington's lever is not Beijing's.
    assert_eq!(
        room.submit_move(&beijing, vec![change("levers[4].intensity", 0.9)], ""),
        Err(RoomError::NotYourLever("levers[4].intensity".into()))
    );
    // Out of the valid range, with the reason.
    let err = room
        .submit_move(&beijing, vec![change("levers[0].intensity", 1.5)], "")
        .unwrap_err();
    assert!(matches!(err, RoomError::OutOfRange { .. }), "{err:?}");
    assert!(err.to_string().contains("1.5"), "{err}");
    // Over budget: 0.7 → 1.0 and 0.3 → 0.8 is 0.8 of movement, the budget is 0.6.
    let err = room
        .submit_move(
            &beijing,
            vec![
                change("levers[0].intensity", 1.0),
                change("levers[1].intensity", 0.8),
            ],
            "",
        )
        .unwrap_err();
    assert!(matches!(err, RoomError::OverBudget { .. }), "{err}");
    // A valid move is kept, and a later one replaces it.
    room.submit_move(&beijing, vec![change("levers[0].intensity", 0.9)], "first")
        .unwrap();
    room.submit_move(&beijing, vec![change("levers[0].intensity", 1.0)], "second")
        .unwrap();
    let r = room.round().unwrap();
    assert_eq!(r.submissions.len(), 1);
    assert_eq!(r.submissions[0].argument, "second");
    // A forecast outside what the outcome can be is refused; the scenario is untouched.
    assert!(room.submit_forecast(&beijing, 2.0).is_err());
    room.submit_forecast(&beijing, 0.6).unwrap();
    assert_eq!(room.scenario(), &s);
}

#[test]
fn the_reveal_applies_the_accepted_moves_as_one_batch_and_splits_the_change() {
    let s = game();
    let mut room = Room::new(&s).unwrap();
    room.open_round(None).unwrap();
    let (dc, bj, kh) = (
        token(&room, "Washington"),
        token(&room, "Beijing"),
        token(&room, "Cambodia"),
    );
    room.submit_move(
        &bj,
        vec![change("levers[0].intensity", 1.0)],
        "more Silk Road",
    )
    .unwrap();
    room.submit_move(
        &dc,
        vec![change("levers[4].intensity", 1.0)],
        "enforce the clauses",
    )
    .unwrap();
    room.submit_move(&kh, vec![change("KHM.governance", 0.6)], "reform")
        .unwrap();
    room.submit_forecast(&bj, 0.55).unwrap();
    room.decide(
        2,
        Decision::Rejected("not credible this round".into()),
        None,
    )
    .unwrap_err(); // team 2 is Brussels, which submitted nothing
    let cambodia = room
        .seats
        .iter()
        .position(|s| s.name == "Cambodia")
        .unwrap();
    room.decide(cambodia, Decision::Rejected("not this round".into()), None)
        .unwrap();
    room.accept_all().unwrap();
    let (batch, played) = room.reveal("2026-12-02 10:00:00").unwrap();
    // The batch is the two accepted moves, in team order.
    assert_eq!(
        batch,
        Edit::Batch(vec![
            Edit::Set {
                input: "levers[4].intensity".into(),
                value: 1.0
            },
            Edit::Set {
                input: "levers[0].intensity".into(),
                value: 1.0
            },
        ])
    );
    let mut after = s.clone();
    batch.apply(&mut after).unwrap();
    let outcome = Outcome::parse(&s, "KHM.share.CN@2035").unwrap();
    let value = |sc: &Scenario| analysis::evaluate(&engine::run(sc).unwrap(), &outcome);
    assert_eq!(played.before, value(&s));
    assert_eq!(played.after, value(&after));
    // The shares add up to the change; the rejected and silent teams get none.
    let sum: f64 = played.moves.iter().map(|m| m.contribution).sum();
    assert!((sum - (played.after - played.before)).abs() < 1e-12);
    let by = |name: &str| played.moves.iter().find(|m| m.team == name).unwrap();
    assert_eq!(by("Cambodia").decision, "rejected");
    assert_eq!(by("Cambodia").note, "not this round");
    assert_eq!(by("Cambodia").contribution, 0.0);
    assert_eq!(by("Brussels").decision, "none");
    assert!(
        by("Beijing").contribution > 0.0,
        "more Silk Road finance pulls Cambodia to China"
    );
    assert_eq!(by("Beijing").forecast, Some(0.55));
    assert_eq!(by("Beijing").argument, "more Silk Road");
    // The room now plays on the scenario after the round, with the round on record.
    assert_eq!(room.scenario().levers, after.levers);
    assert_eq!(room.played().len(), 1);
    room.open_round(None).unwrap();
    assert_eq!(room.round().unwrap().number, 2);
}

/// One agent for every request, so the connection is kept alive between them.
fn agent() -> &'static ureq::Agent {
    static AGENT: std::sync::OnceLock<ureq::Agent> = std::sync::OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    })
}

fn get(url: &str) -> (u16, String) {
    let mut r = agent().get(url).call().unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

fn post(url: &str, body: &str) -> (u16, String) {
    let mut r = agent()
        .post(url)
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap();
    (r.status().as_u16(), r.body_mut().read_to_string().unwrap())
}

fn serve(s: &Scenario) -> (RoomServer, String) {
    let room = Room::new(s).unwrap();
    let server = RoomServer::start(room, "127.0.0.1:0".parse().unwrap(), Box::new(|| {})).unwrap();
    let base = format!("http://127.0.0.1:{}", server.addr().port());
    (server, base)
}

#[test]
fn over_http_a_team_sees_its_own_levers_and_bad_requests_change_nothing() {
    let mut s = game();
    // A name that is script must arrive as text.
    s.teams[0].name = "<script>alert(1)</script>".into();
    let (server, base) = serve(&s);
    let (code, tokens) = {
        let room = server.shared().room();
        let t: Vec<String> = room.seats.iter().map(|s| s.token.clone()).collect();
        (room.code.clone(), t)
    };
    server.shared().room().open_round(None).unwrap();
    let (status, page) = get(&format!("{base}/"));
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/app.js\"></script>"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no external asset"
    );
    let (status, js) = get(&format!("{base}/app.js"));
    assert_eq!(status, 200);
    assert!(
        !js.contains("innerHTML"),
        "text from the server is never HTML"
    );
    // Beijing's state: its own levers only.
    let (status, body) = get(&format!("{base}/api/state?room={code}&token={}", tokens[1]));
    assert_eq!(status, 200, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["team"], "Beijing");
    let inputs: Vec<&str> = view["levers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["input"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, s.teams[1].levers);
    assert_eq!(view["round"]["phase"], "open");
    // The script name is JSON text, escaped by the encoder.
    let (_, body) = get(&format!("{base}/api/state?room={code}&token={}", tokens[0]));
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["team"], "<script>alert(1)</script>");
    // Wrong code, wrong token, another team's lever, out of range, unknown field, oversized body.
    let wrong_code = format!(
        r#"{{"room":"XXXXXX","token":"{}","changes":[],"argument":""}}"#,
        tokens[1]
    );
    assert_eq!(post(&format!("{base}/api/move"), &wrong_code).0, 403);
    let wrong_token = format!(r#"{{"room":"{code}","token":"nope","changes":[]}}"#);
    assert_eq!(post(&format!("{base}/api/move"), &wrong_token).0, 403);
    let theirs = format!(
        r#"{{"room":"{code}","token":"{}","changes":[{{"input":"levers[4].intensity","value":1.0}}]}}"#,
        tokens[1]
    );
    let (status, body) = post(&format!("{base}/api/move"), &theirs);
    assert_eq!(status, 422);
    assert!(body.contains("not one of your team's levers"), "{body}");
    let too_high = format!(
        r#"{{"room":"{code}","token":"{}","changes":[{{"input":"levers[0].intensity","value":7}}]}}"#,
        tokens[1]
    );
    let (status, body) = post(&format!("{base}/api/move"), &too_high);
    assert_eq!(status, 422);
    assert!(body.contains("= 7"), "{body}");
    let unknown = format!(
        r#"{{"room":"{code}","token":"{}","changes":[],"admin":true}}"#,
        tokens[1]
    );
    assert_eq!(post(&format!("{base}/api/move"), &unknown).0, 422);
    let huge = format!(
        r#"{{"room":"{code}","token":"{}","changes":[],"argument":"{}"}}"#,
        tokens[1],
        "x".repeat(asean_futures::room::MAX_BODY_BYTES)
    );
    assert_eq!(post(&format!("{base}/api/move"), &huge).0, 413);
    assert!(
        server
            .shared()
            .room()
            .round()
            .unwrap()
            .submissions
            .is_empty()
    );
    // A valid move and forecast arrive in the room.
    let good = format!(
        r#"{{"room":"{}","token":"{}","changes":[{{"input":"levers[0].intensity","value":0.9}}],"argument":"build"}}"#,
        code.to_lowercase(),
        tokens[1]
    );
    let (status, body) = post(&format!("{base}/api/move"), &good);
    assert_eq!(status, 200, "{body}");
    let forecast = format!(r#"{{"room":"{code}","token":"{}","value":0.5}}"#, tokens[1]);
    assert_eq!(post(&format!("{base}/api/forecast"), &forecast).0, 200);
    let room = server.shared().room();
    let sub = &room.round().unwrap().submissions[0];
    assert_eq!((sub.team, sub.forecast), (1, Some(0.5)));
    assert_eq!(room.scenario(), &s, "nothing applied before the reveal");
}

#[test]
fn a_thousand_rapid_submissions_are_rate_limited_and_the_room_still_answers() {
    let s = game();
    let (server, base) = serve(&s);
    let (code, token) = {
        let room = server.shared().room();
        (room.code.clone(), room.seats[1].token.clone())
    };
    server.shared().room().open_round(None).unwrap();
    let body = format!(r#"{{"room":"{code}","token":"{token}","value":0.5}}"#);
    let mut limited = 0;
    for _ in 0..1000 {
        if post(&format!("{base}/api/forecast"), &body).0 == 429 {
            limited += 1;
        }
    }
    assert_eq!(
        limited,
        1000 - asean_futures::room::MAX_SUBMISSIONS_PER_WINDOW as usize
    );
    assert_eq!(
        server.shared().changes(),
        u64::from(asean_futures::room::MAX_SUBMISSIONS_PER_WINDOW)
    );
    // Another team is not held back by this one, and reading state still works.
    let other = server.shared().room().seats[2].token.clone();
    let body = format!(r#"{{"room":"{code}","token":"{other}","value":0.4}}"#);
    assert_eq!(post(&format!("{base}/api/forecast"), &body).0, 200);
    assert_eq!(
        get(&format!("{base}/api/state?room={code}&token={token}")).0,
        200
    );
}

#[test]
fn the_headless_room_plays_a_round_from_standard_input_and_writes_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("game.ron");
    std::fs::copy(
        common::root().join("saved_scenarios/workshop_game.ron"),
        &file,
    )
    .unwrap();
    let original = std::fs::read_to_string(&file).unwrap();
    let mut child = common::bin()
        .args(["room", file.to_str().unwrap(), "--bind", "127.0.0.1:0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let mut next = |out: &mut BufReader<_>| {
        line.clear();
        out.read_line(&mut line).unwrap();
        line.trim_end().to_string()
    };
    let address = next(&mut out);
    let base = address
        .strip_prefix("Room open at ")
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let code = next(&mut out)
        .strip_prefix("Room code: ")
        .unwrap()
        .to_string();
    let mut tokens = Vec::new();
    for _ in 0..5 {
        let l = next(&mut out);
        tokens.push(l.rsplit(' ').next().unwrap().to_string());
    }
    writeln!(stdin, "open").unwrap();
    // Read until the answer to `open`.
    loop {
        let l = next(&mut out);
        if l.starts_with("Round 1 open") {
            break;
        }
    }
    let body = format!(
        r#"{{"room":"{code}","token":"{}","changes":[{{"input":"levers[0].intensity","value":1.0}}],"argument":"double down"}}"#,
        tokens[1]
    );
    assert_eq!(post(&format!("{base}/api/move"), &body).0, 200);
    // The facilitator amends Beijing's move before accepting the rest.
    writeln!(stdin, "amend 2 levers[0].intensity=0.9").unwrap();
    writeln!(stdin, "accept all").unwrap();
    writeln!(stdin, "reveal").unwrap();
    writeln!(stdin, "close").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success());
    let played = io::load_scenario(&dir.path().join("game_played.ron")).unwrap();
    assert_eq!(played.played.len(), 1);
    let beijing = &played.played[0].moves[1];
    assert_eq!(beijing.team, "Beijing");
    assert_eq!(beijing.argument, "double down");
    assert_eq!(beijing.decision, "amended");
    assert_eq!(played.levers[0].intensity, 0.9);
    // The file it read is untouched.
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn a_version_6_file_opens_without_teams_and_teams_need_version_7() {
    let v6 =
        std::fs::read_to_string(common::root().join("tests/data/baseline_2025_v6.ron")).unwrap();
    assert!(v6.contains("version: 6,"), "the stored file must stay v6");
    let s = io::parse_scenario(&v6).unwrap();
    assert_eq!(s.version, asean_futures::model::SCHEMA_VERSION);
    assert!(s.teams.is_empty() && s.rounds.is_empty() && s.played.is_empty());
    let with_team = v6.replacen(
        "    ensemble:",
        "    teams: [(name: \"A\", colour: \"#000000\", levers: [\"asean.hard_law\"])],\n    ensemble:",
        1,
    );
    assert_ne!(with_team, v6);
    let err = io::parse_scenario(&with_team).unwrap_err().to_string();
    assert!(err.contains("need version 7"), "{err}");
    // The same team is refused when it names an input the scenario lacks, with its path.
    let bad = with_team
        .replacen("version: 6,", "version: 7,", 1)
        .replacen("asean.hard_law", "XYZ.governance", 1);
    let err = io::parse_scenario(&bad).unwrap_err().to_string();
    assert!(err.contains("teams[0].levers[0]"), "{err}");
}
