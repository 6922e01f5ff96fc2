//! `room FILE [--bind ADDR:PORT]`: the workshop room without a window, for rehearsals, kiosks and
//! tests. Prints the join address, the room code and each team's link, then takes the
//! facilitator's decisions one per line on standard input, and on `close` (or the end of input)
//! writes the scenario with the rounds played beside it — never over the file it read.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::io;
use crate::room::{Decision, Phase, Room, RoomServer};

use super::CliError;

/// Options of `room`.
#[derive(Clone, Debug)]
pub struct RoomCliOptions {
    /// Where to listen; loopback unless the facilitator chooses otherwise.
    pub bind: SocketAddr,
    /// Where to write the played scenario (default: `NAME_played.ron` beside the file).
    pub out: Option<PathBuf>,
}

/// The facilitator's commands, as `help` prints them.
pub const ROOM_COMMANDS: &str = "\
Commands, one per line:
  open [N]              open the next round of the plan (or round N)
  status                the open round's submissions
  accept all            accept every pending move
  accept TEAM           accept one team's move (TEAM: its number or name)
  reject TEAM [NOTE]    reject a move, with a note the team sees
  amend TEAM IN=V ...   accept a move with the values changed, e.g. amend 2 levers[0].intensity=0.8
  reveal                apply the accepted moves as one step and show the result
  close                 write the scenario with its rounds and close the room
  help                  this list";

/// Runs the room until `close` or the end of `input`; what it says goes to `output`.
pub fn room_command(
    path: &Path,
    opts: &RoomCliOptions,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<String, CliError> {
    let scenario = io::load_scenario(path).map_err(|source| CliError::Load {
        path: path.to_path_buf(),
        source,
    })?;
    let room = Room::new(&scenario).map_err(|e| CliError::Usage(e.to_string()))?;
    let server = RoomServer::start(room, opts.bind, Box::new(|| {}))
        .map_err(|e| CliError::Usage(format!("cannot listen on {}: {e}", opts.bind)))?;
    let host = match opts.bind.ip() {
        ip if ip.is_unspecified() => "THIS-MACHINE".to_string(),
        ip => ip.to_string(),
    };
    let say = |output: &mut dyn Write, text: &str| -> Result<(), CliError> {
        writeln!(output, "{text}").map_err(|e| CliError::Usage(format!("cannot write: {e}")))?;
        output
            .flush()
            .map_err(|e| CliError::Usage(format!("cannot write: {e}")))
    };
    {
        let room = server.shared().room();
        say(
            output,
            &format!("Room open at http://{host}:{}/", server.addr().port()),
        )?;
        say(output, &format!("Room code: {}", room.code))?;
        for (t, seat) in room.seats.iter().enumerate() {
            say(
                output,
                &format!("Team {} {}: token {}", t + 1, seat.name, seat.token),
            )?;
        }
    }
    for (t, _) in scenario.teams.iter().enumerate() {
        if let Some(link) = server.join_link(&host, t) {
            say(output, &format!("  link {}: {link}", t + 1))?;
        }
    }
    say(output, ROOM_COMMANDS)?;
    let mut line = String::new();
    loop {
        line.clear();
        let read = input
            .read_line(&mut line)
            .map_err(|e| CliError::Usage(format!("cannot read the commands: {e}")))?;
        if read == 0 {
            break;
        }
        let command = line.trim();
        if command.is_empty() {
            continue;
        }
        if command == "close" {
            break;
        }
        let answer = {
            let mut room = server.shared().room();
            facilitate(&mut room, command)
        };
        say(output, &answer)?;
    }
    let played = server.shared().room().scenario().clone();
    drop(server);
    let out = opts.out.clone().unwrap_or_else(|| played_path(path));
    if out == path {
        return Err(CliError::Usage(format!(
            "--out {} is the file the room was read from; choose another file",
            out.display()
        )));
    }
    io::save_scenario(&out, &played)?;
    Ok(format!(
        "Room closed; {} round(s) played, written to {}",
        played.played.len(),
        out.display()
    ))
}

/// `NAME_played.ron` beside `NAME.ron`.
fn played_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}_played.ron"))
}

/// One facilitator command, answered in words.
fn facilitate(room: &mut Room, command: &str) -> String {
    let (verb, rest) = command.split_once(' ').unwrap_or((command, ""));
    let rest = rest.trim();
    let result = match verb {
        "help" => Ok(ROOM_COMMANDS.to_string()),
        "open" => {
            let number = if rest.is_empty() {
                None
            } else {
                match rest.parse::<usize>() {
                    Ok(n) => Some(n),
                    Err(_) => return format!("open takes a round number, not {rest:?}"),
                }
            };
            room.open_round(number).map(|r| {
                format!(
                    "Round {} open: {}. Forecast: {}",
                    r.number, r.title, r.outcome_label
                )
            })
        }
        "status" => Ok(status(room)),
        "accept" if rest == "all" => room.accept_all().map(|()| status(room)),
        "accept" => match team_index(room, rest) {
            Some(t) => room
                .decide(t, Decision::Accepted, None)
                .map(|()| status(room)),
            None => return format!("no team {rest:?}; {}", team_list(room)),
        },
        "reject" => {
            let (who, note) = rest.split_once(' ').unwrap_or((rest, ""));
            match team_index(room, who) {
                Some(t) => room
                    .decide(t, Decision::Rejected(note.trim().to_string()), None)
                    .map(|()| status(room)),
                None => return format!("no team {who:?}; {}", team_list(room)),
            }
        }
        "amend" => {
            let mut words = rest.split_whitespace();
            let who = words.next().unwrap_or("");
            let Some(t) = team_index(room, who) else {
                return format!("no team {who:?}; {}", team_list(room));
            };
            let mut changes = Vec::new();
            for pair in words {
                let parsed = pair
                    .split_once('=')
                    .and_then(|(input, v)| v.parse::<f64>().ok().map(|v| (input, v)));
                match parsed {
                    Some((input, value)) => changes.push(crate::room::LeverChange {
                        input: input.to_string(),
                        value,
                    }),
                    None => return format!("amend takes INPUT=VALUE pairs, not {pair:?}"),
                }
            }
            room.decide(t, Decision::Amended, Some(changes))
                .map(|()| status(room))
        }
        "reveal" => room.reveal(&crate::figure::now_utc()).map(|(_, played)| {
            let mut text = format!(
                "Round {} revealed: {} went from {:.3} to {:.3}.",
                played.number, played.outcome, played.before, played.after
            );
            for m in &played.moves {
                let forecast = m.forecast.map_or("none".into(), |f| format!("{f:.3}"));
                text.push_str(&format!(
                    "\n  {}: {} (forecast {forecast}, share of the change {:+.3})",
                    m.team, m.decision, m.contribution
                ));
            }
            text
        }),
        _ => return format!("unknown command {command:?}\n{ROOM_COMMANDS}"),
    };
    result.unwrap_or_else(|e| format!("refused: {e}"))
}

/// The open round's submissions, one line per team.
fn status(room: &Room) -> String {
    let Some(round) = room.round() else {
        return "No round open.".into();
    };
    let phase = match round.phase {
        Phase::Open => "open",
        Phase::Revealed => "revealed",
    };
    let mut text = format!("Round {} ({phase}): {}", round.number, round.title);
    for (t, seat) in room.seats.iter().enumerate() {
        let line = match round.submissions.iter().find(|s| s.team == t) {
            None => "nothing yet".to_string(),
            Some(s) => {
                let changes: Vec<String> = s
                    .changes
                    .iter()
                    .map(|c| format!("{} = {}", c.input, c.value))
                    .collect();
                let forecast = s
                    .forecast
                    .map_or("no forecast".into(), |f| format!("forecast {f}"));
                format!(
                    "{} [{}] {forecast}; {:?}",
                    if changes.is_empty() {
                        "no move".into()
                    } else {
                        changes.join(", ")
                    },
                    s.decision.word(),
                    s.argument
                )
            }
        };
        text.push_str(&format!("\n  {} {}: {line}", t + 1, seat.name));
    }
    text
}

fn team_index(room: &Room, who: &str) -> Option<usize> {
    if let Ok(n) = who.parse::<usize>() {
        return n.checked_sub(1).filter(|&t| t < room.seats.len());
    }
    room.seats
        .iter()
        .position(|s| s.name.eq_ignore_ascii_case(who))
}

fn team_list(room: &Room) -> String {
    let names: Vec<String> = room
        .seats
        .iter()
        .enumerate()
        .map(|(t, s)| format!("{} {}", t + 1, s.name))
        .collect();
    format!("the teams are {}", names.join(", "))
}
