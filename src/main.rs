//! Entry point: parses arguments, runs a headless command, or opens the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use asean_futures::analysis::{DEFAULT_GRID, OUTCOME_SYNTAX};
use asean_futures::cli::{
    self, CalibrateOptions, CliError, ExportOptions, RunOptions, SweepOptions, exit,
};
use asean_futures::model::KNOB_SYNTAX;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "asean-futures",
    version,
    about = "Scenario planning of ASEAN digital integration under great-power competition",
    after_help = "Without a command, opens the desktop app (on FILE if given, else the baseline).\n\n\
Exit codes:\n  0  success\n  1  a scenario is invalid or could not be run (every problem is listed)\n  \
2  wrong arguments\n  3  a file could not be read or written"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Scenario to open in the desktop app.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario and print a summary: each state's leaning and hedging index, the bloc indices.
    Run {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Write the run in long form to this CSV (bloc indices go to NAME.bloc.csv beside it).
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
        /// Also run an uncertainty ensemble of N members and print its 10–90 % ranges.
        #[arg(long, value_name = "N")]
        ensemble: Option<u32>,
        /// Seed of the ensemble (default: the scenario's).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Replace an output file even if it is an input of this command or not what it writes.
        #[arg(long)]
        force: bool,
        /// Override an input before running, KNOB=VALUE (repeatable), e.g. --set KHM.governance=0.5.
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
    /// Validate scenario files and list every problem with its field path and line; with --claims,
    /// also measure every claim the scenarios make about their results (exit 1 if one fails).
    Check {
        /// Scenario files (.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Measure each scenario's claims with the engine and report ✓ or ✗ with the number.
        #[arg(long)]
        claims: bool,
    },
    /// Compare two scenarios: every input that differs, the outcomes at the end year, and with
    /// --outcome the share of that outcome's difference due to each group of changes (Shapley values).
    #[command(after_help = OUTCOME_SYNTAX)]
    Compare {
        /// Scenario A (.ron), e.g. the baseline.
        a: PathBuf,
        /// Scenario B (.ron).
        b: PathBuf,
        /// Attribute the difference B − A of this outcome, e.g. KHM.share.CN@2035 (syntax below).
        #[arg(long, value_name = "SPEC")]
        outcome: Option<String>,
        /// Override an input of B before comparing, KNOB=VALUE (repeatable): compare a file with a
        /// what-if of itself by naming it twice.
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
    /// Sweep two inputs over a grid: the range of an outcome and where a state's leaning flips.
    #[command(after_help = format!("{KNOB_SYNTAX}\n\n{OUTCOME_SYNTAX}"))]
    Sweep {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Input along x, e.g. KHM.governance (syntax below).
        #[arg(long, value_name = "KNOB")]
        x: String,
        /// Input along y, e.g. levers[3].intensity.
        #[arg(long, value_name = "KNOB")]
        y: String,
        /// Points per axis (2 to 200), ends included.
        #[arg(long, default_value_t = DEFAULT_GRID)]
        n: usize,
        /// Range of x as LO..HI (default: the input's valid range).
        #[arg(long, value_name = "LO..HI")]
        x_range: Option<String>,
        /// Range of y as LO..HI (default: the input's valid range).
        #[arg(long, value_name = "LO..HI")]
        y_range: Option<String>,
        /// Outcome recorded per cell (default: bloc.bifurcation at the end year).
        #[arg(long, value_name = "SPEC")]
        outcome: Option<String>,
        /// State whose leaning is mapped (default: the outcome's state, else the x or y input's).
        #[arg(long, value_name = "CODE")]
        state: Option<String>,
        /// Write every cell to this CSV: x,y,value,leaning.
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
        /// Replace an output file even if it is an input of this command or not what it writes.
        #[arg(long)]
        force: bool,
        /// Override an input before running, KNOB=VALUE (repeatable), e.g. --set KHM.governance=0.5.
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
    /// How far an outcome, and its state's leaning, depends on the model constants: every constant
    /// drawn within its plausible range, Sobol first-order and total indices, largest first.
    #[command(after_help = OUTCOME_SYNTAX)]
    Robustness {
        /// Scenario file (.ron).
        file: PathBuf,
        /// The outcome, e.g. KHM.share.CN@2045 (syntax below).
        #[arg(long, value_name = "SPEC")]
        outcome: String,
        /// Base samples N, a power of two from 64 to 8192; N × (constants + 2) runs.
        #[arg(long, value_name = "N")]
        samples: Option<usize>,
        /// Seed of the scrambled Sobol sequence.
        #[arg(long, value_name = "S")]
        seed: Option<u32>,
        /// Override an input first, KNOB=VALUE (repeatable).
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
    /// Serve a workshop game to the teams' browsers without a window: prints the join address,
    /// the room code and each team's link, takes the facilitator's decisions on standard input,
    /// and on `close` writes the scenario with its rounds as NAME_played.ron.
    #[command(after_help = cli::ROOM_COMMANDS)]
    Room {
        /// Scenario file with teams and rounds (.ron), e.g. saved_scenarios/workshop_game.ron.
        file: PathBuf,
        /// Address and port to listen on. Loopback by default; 0.0.0.0:PORT lets phones on the
        /// local network join (the room's Wi-Fi only: nothing reaches the internet).
        #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8787")]
        bind: std::net::SocketAddr,
        /// Write the played scenario here instead of NAME_played.ron beside the file.
        #[arg(long, value_name = "OUT")]
        out: Option<PathBuf>,
    },
    /// Write a brief-ready figure of a scenario's run (title, scenario, years, date and source line)
    /// as PNG or SVG, without opening a window.
    Export {
        /// Scenario file (.ron).
        file: PathBuf,
        /// The figure: tilt, shares:CODE, dependency:CODE, bloc or map (CODE e.g. KHM).
        #[arg(long, value_name = "VIEW")]
        view: String,
        /// png or svg (default: from the --out file's extension).
        #[arg(long, value_name = "FORMAT")]
        format: Option<String>,
        /// Image size in pixels (SVG: its nominal size).
        #[arg(long, value_name = "WxH", default_value = "1280x720")]
        size: String,
        /// light (for print and slides) or dark.
        #[arg(long, value_name = "THEME", default_value = "light")]
        theme: String,
        /// The year the labels and the map show (default: the run's end).
        #[arg(long, value_name = "Y")]
        year: Option<f64>,
        /// Where to write the figure.
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
        /// Replace an output file even if it is an input of this command or not what it writes.
        #[arg(long)]
        force: bool,
        /// Override an input before running, KNOB=VALUE (repeatable), e.g. --set KHM.governance=0.5.
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
    /// Calibrate against a backcast: rest-point anchors and sector pulls for the present's start,
    /// and the constants no source fixes fitted so the backcast unfolds into it. Prints the report.
    Calibrate {
        /// A backcast (it names its target, e.g. saved_scenarios/backcast_2015.ron), or the present
        /// scenario with --backcast.
        file: PathBuf,
        /// The backcast to fit against, when FILE is the present.
        #[arg(long, value_name = "FILE")]
        backcast: Option<PathBuf>,
        /// Write FILE, calibrated, here.
        #[arg(long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// Write the other scenario of the pair (a backcast's target, or the --backcast), calibrated.
        #[arg(long, value_name = "OUT")]
        other_out: Option<PathBuf>,
        /// Replace an output file even if it is an input of this command or not what it writes.
        #[arg(long)]
        force: bool,
        /// Override an input before calibrating, KNOB=VALUE (repeatable), e.g. --set KHM.governance=0.5.
        #[arg(long = "set", value_name = "KNOB=VALUE")]
        set: Vec<String>,
    },
}

/// Prints a command's report, or its error, and gives the documented exit code.
fn finish(result: Result<String, CliError>) -> ExitCode {
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::from(exit::OK)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Some(Command::Run {
            file,
            csv,
            ensemble,
            seed,
            force,
            set,
        }) => finish(cli::run_command(
            &file,
            &RunOptions {
                sets: set,
                csv,
                ensemble,
                seed,
                force,
            },
        )),
        Some(Command::Check { files, claims }) => {
            let (mut all_valid, mut any_unreadable) = (true, false);
            for file in &files {
                let report = cli::check_file(file, claims);
                print!("{}", report.text);
                all_valid &= report.valid;
                any_unreadable |= report.unreadable;
            }
            ExitCode::from(match (any_unreadable, all_valid) {
                (true, _) => exit::IO,
                (false, true) => exit::OK,
                (false, false) => exit::INVALID,
            })
        }
        Some(Command::Compare { a, b, outcome, set }) => {
            finish(cli::compare_command(&a, &b, outcome.as_deref(), &set))
        }
        Some(Command::Sweep {
            file,
            x,
            y,
            n,
            x_range,
            y_range,
            outcome,
            state,
            csv,
            force,
            set,
        }) => finish(cli::sweep_command(
            &file,
            &SweepOptions {
                sets: set,
                x,
                y,
                x_range,
                y_range,
                n,
                outcome,
                state,
                csv,
                force,
            },
        )),
        Some(Command::Robustness {
            file,
            outcome,
            samples,
            seed,
            set,
        }) => finish(cli::robustness_command(
            &file,
            &cli::RobustnessCliOptions {
                sets: set,
                outcome,
                samples,
                seed,
            },
        )),
        Some(Command::Room { file, bind, out }) => {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            let mut output = std::io::stdout();
            finish(cli::room_command(
                &file,
                &cli::RoomCliOptions { bind, out },
                &mut input,
                &mut output,
            ))
        }
        Some(Command::Calibrate {
            file,
            backcast,
            out,
            other_out,
            force,
            set,
        }) => finish(cli::calibrate_command(
            &file,
            &CalibrateOptions {
                sets: set,
                backcast,
                out,
                other_out,
                force,
            },
        )),
        Some(Command::Export {
            file,
            view,
            format,
            size,
            theme,
            year,
            out,
            force,
            set,
        }) => finish(cli::export_command(
            &file,
            &ExportOptions {
                sets: set,
                view,
                format,
                size: Some(size),
                theme: Some(theme),
                year,
                out,
                force,
            },
        )),
        None => match asean_futures::app::run_native(args.file) {
            Ok(()) => ExitCode::from(exit::OK),
            Err(e) => {
                eprintln!("error: the window could not be opened: {e}");
                eprintln!("On a fresh Debian machine, run .ci/install-system-packages first.");
                ExitCode::from(exit::IO)
            }
        },
    }
}
